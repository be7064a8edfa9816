// Small helpers shared by the admin pages: GOV.UK date inputs, radio/select/checkbox items.
import type { TFunction } from 'i18next';
import { formString } from '../../forms.ts';

interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The three boxes of a govukDateInput named <prefix>-day, -month, -year, as typed. */
export function dateParts(body: Record<string, unknown>, prefix: string): DateParts {
  const part = (p: string) => formString(body[`${prefix}-${p}`]) ?? '';
  return { day: part('day'), month: part('month'), year: part('year') };
}

export function partsOf(iso: string | null | undefined): DateParts {
  if (!iso) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * A calendar date from date-input parts: null when all three are empty, 'incomplete' when some are,
 * 'invalid' when they do not make a real date (31 February) or the year is not four digits.
 */
export function parseDateParts(parts: DateParts): string | null | 'incomplete' | 'invalid' {
  const filled = [parts.day, parts.month, parts.year].filter((p) => p !== '').length;
  if (filled === 0) return null;
  if (filled < 3) return 'incomplete';
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) return 'invalid';
  const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'invalid';
  return date.toISOString().slice(0, 10);
}

/** Items for govukDateInput, with the day/month/year labels in the reader's language. */
function dateItems(t: TFunction, parts: DateParts, hasError: boolean) {
  const cls = (width: number) => `govuk-input--width-${width}${hasError ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: t('admin:date.day'), value: parts.day, classes: cls(2) },
    { name: 'month', label: t('admin:date.month'), value: parts.month, classes: cls(2) },
    { name: 'year', label: t('admin:date.year'), value: parts.year, classes: cls(4) },
  ];
}

/** A date for people: "1 April 2026" / "1 Ebrill 2026". */
export function displayDate(t: TFunction, iso: string | null | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${Number(day)} ${t(`admin:date.months.${Number(month)}`)} ${year}`;
}

/** An instant for people, in UTC: "1 April 2026, 09:30". */
export function displayDateTime(t: TFunction, iso: string | null | undefined): string {
  if (!iso) return '';
  return `${displayDate(t, iso)}, ${iso.slice(11, 16)}`;
}

interface Option {
  value: string;
  text: string;
}

/** Options for radios or a select, marking the current value (placeholder: a first empty option). */
function choose(options: Option[], current: unknown, placeholder?: string) {
  const items = options.map((o) => ({ ...o, checked: o.value === current, selected: o.value === current }));
  return placeholder === undefined ? items : [{ value: '', text: placeholder, selected: !current }, ...items];
}

/** Options for checkboxes, marking those in current. */
function chooseMany(options: Option[], current: unknown) {
  const list = Array.isArray(current) ? current : typeof current === 'string' ? [current] : [];
  return options.map((o) => ({ ...o, checked: list.includes(o.value) }));
}

/** Helpers the admin templates call to build govuk macro items in the reader's language. */
export function viewHelpers(t: TFunction) {
  return {
    choose,
    chooseMany,
    dateItems: (parts: DateParts | undefined, field: string, fieldErrors: Record<string, unknown>) =>
      dateItems(t, parts ?? { day: '', month: '', year: '' }, Boolean(fieldErrors[field])),
  };
}

/** The string value of a single form field, untrimmed for redisplay. */
export function raw(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : '';
}
