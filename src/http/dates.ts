// Dates in forms and on pages, shared by every feature: the three boxes of a GOV.UK date input
// (<prefix>-day, -month, -year), parsed to a real calendar date, and dates written out for people in
// the reader's language ("1 April 2026" / "1 Ebrill 2026").
import type { TFunction } from 'i18next';
import { isDateInRange, isIsoDate } from '../domain/clock/dates.ts';
import { formatDate, formatDateOf, formatDateTime } from '../domain/clock/london.ts';
import { languageOf } from '../i18n.ts';
import { formString } from './forms.ts';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The three boxes as typed. */
export function dateParts(body: Record<string, unknown>, prefix: string): DateParts {
  const part = (p: string) => formString(body[`${prefix}-${p}`]) ?? '';
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** The boxes for a stored date (for redisplay). */
export function partsOf(iso: string | null | undefined): DateParts {
  if (!iso) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * A calendar date from date-input parts: null when all three are empty, 'incomplete' when some are,
 * 'invalid' when they do not make a real date (31 February), or the year is not four digits from 1900
 * to 2100 (DATE_YEARS).
 */
export function parseDateParts(parts: DateParts): string | null | 'incomplete' | 'invalid' {
  const filled = [parts.day, parts.month, parts.year].filter((p) => p !== '').length;
  if (filled === 0) return null;
  if (filled < 3) return 'incomplete';
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) return 'invalid';
  const iso = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  return isDateInRange(iso) ? iso : 'invalid';
}

/** Items for a date input (appDateInput / govukDateInput) with the labels in the reader's language. */
export function dateItems(t: TFunction, parts: DateParts | undefined, hasError: boolean) {
  const p = parts ?? { day: '', month: '', year: '' };
  const cls = (width: number) => `govuk-input--width-${width}${hasError ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: t('common:date.day'), value: p.day, classes: cls(2) },
    { name: 'month', label: t('common:date.month'), value: p.month, classes: cls(2) },
    { name: 'year', label: t('common:date.year'), value: p.year, classes: cls(4) },
  ];
}

/**
 * "1 April 2026" / "1 Ebrill 2026" in the translator's language: a calendar date as it is, an instant as
 * its date in London (src/domain/clock/london.ts, the one formatter of pages, emails and documents).
 */
export function displayDate(t: TFunction, value: string | null | undefined): string {
  if (!value) return '';
  return isIsoDate(value) ? formatDate(value, languageOf(t)) : formatDateOf(value, languageOf(t));
}

/** An instant for people, in London: "1 April 2026, 09:30". */
export function displayDateTime(t: TFunction, iso: string | null | undefined): string {
  if (!iso) return '';
  return formatDateTime(iso, languageOf(t));
}
