// Form pieces of the referral pages: GOV.UK date inputs (parsed to real calendar dates), option lists
// and dates for people, in the reader's language.
import type { TFunction } from 'i18next';
import { formString } from '../../forms.ts';

export type Body = Record<string, unknown>;

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The three boxes of a govukDateInput named <prefix>-day, -month, -year, as typed. */
export function dateParts(body: Body, prefix: string): DateParts {
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

/**
 * Reads a date field; on a problem, records the error key `<keyPrefix>Required|Incomplete|Invalid`
 * (errors namespace) under the field. Optional dates may be left empty (null).
 */
export function readDate(body: Body, field: string, keyPrefix: string, errors: Record<string, string>, required: boolean): string | null {
  const parsed = parseDateParts(dateParts(body, field));
  if (parsed === null) {
    if (required) errors[field] = `${keyPrefix}Required`;
    return null;
  }
  if (parsed === 'incomplete' || parsed === 'invalid') {
    errors[field] = `${keyPrefix}${parsed === 'incomplete' ? 'Incomplete' : 'Invalid'}`;
    return null;
  }
  return parsed;
}

/** Items for govukDateInput, with the day/month/year labels in the reader's language. */
export function dateItems(t: TFunction, parts: DateParts | undefined, hasError: boolean) {
  const p = parts ?? { day: '', month: '', year: '' };
  const cls = (width: number) => `govuk-input--width-${width}${hasError ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: t('referrals:date.day'), value: p.day, classes: cls(2) },
    { name: 'month', label: t('referrals:date.month'), value: p.month, classes: cls(2) },
    { name: 'year', label: t('referrals:date.year'), value: p.year, classes: cls(4) },
  ];
}

/** A date for people: "1 April 2026" / "1 Ebrill 2026". */
export function displayDate(t: TFunction, iso: string | null | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${Number(day)} ${t(`referrals:date.months.${Number(month)}`)} ${year}`;
}

/** An instant for people, in UTC: "1 April 2026, 09:30". */
export function displayDateTime(t: TFunction, iso: string): string {
  return `${displayDate(t, iso)}, ${iso.slice(11, 16)}`;
}

export interface Option {
  value: string;
  text: string;
}

/** Options for radios or a select, marking the current value (placeholder: a first empty option). */
export function choose(options: Option[], current: unknown, placeholder?: string) {
  const items = options.map((o) => ({ ...o, checked: o.value === current, selected: o.value === current }));
  return placeholder === undefined ? items : [{ value: '', text: placeholder, selected: !current }, ...items];
}

/** The string value of a single form field, untrimmed for redisplay. */
export function raw(body: Body, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : '';
}

/** Yes/no radios answer as a boolean, or undefined when neither was chosen. */
export function yesNo(value: unknown): boolean | undefined {
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

export function yesNoValue(value: boolean | undefined): string {
  return value === undefined ? '' : value ? 'yes' : 'no';
}
