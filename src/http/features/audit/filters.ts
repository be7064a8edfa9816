// The audit log's filter fields: GOV.UK date inputs and selects, built in the reader's language.
// (Features do not share files, so these few helpers are kept here rather than borrowed from admin/.)
import type { TFunction } from 'i18next';
import { formString } from '../../forms.ts';

interface DateParts {
  day: string;
  month: string;
  year: string;
}

export function dateParts(query: Record<string, unknown>, prefix: string): DateParts {
  const part = (p: string) => formString(query[`${prefix}-${p}`]) ?? '';
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** A calendar date, or null when empty, 'incomplete' or 'invalid'. */
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

/** "1 April 2026, 09:30" (UTC) in the reader's language. */
export function displayDateTime(t: TFunction, iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${Number(day)} ${t(`audit:months.${Number(month)}`)} ${year}, ${iso.slice(11, 19)}`;
}

export function viewHelpers(t: TFunction) {
  return {
    choose: (options: { value: string; text: string }[], current: unknown, placeholder: string) => [
      { value: '', text: placeholder, selected: !current },
      ...options.map((o) => ({ ...o, selected: o.value === current })),
    ],
    dateItems: (parts: DateParts, field: string, fieldErrors: Record<string, unknown>) => {
      const cls = (width: number) => `govuk-input--width-${width}${fieldErrors[field] ? ' govuk-input--error' : ''}`;
      return [
        { name: 'day', label: t('audit:date.day'), value: parts.day, classes: cls(2) },
        { name: 'month', label: t('audit:date.month'), value: parts.month, classes: cls(2) },
        { name: 'year', label: t('audit:date.year'), value: parts.year, classes: cls(4) },
      ];
    },
  };
}
