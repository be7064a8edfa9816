// The audit log's filter fields: GOV.UK date inputs and selects, built in the reader's language.
import type { TFunction } from 'i18next';
import { type DateParts, dateItems, displayDate } from '../../dates.ts';

export { dateParts, parseDateParts } from '../../dates.ts';

/** "1 April 2026, 09:30" (UTC) in the reader's language. */
export function displayDateTime(t: TFunction, iso: string): string {
  return `${displayDate(t, iso)}, ${iso.slice(11, 19)}`;
}

export function viewHelpers(t: TFunction) {
  return {
    choose: (options: { value: string; text: string }[], current: unknown, placeholder: string) => [
      { value: '', text: placeholder, selected: !current },
      ...options.map((o) => ({ ...o, selected: o.value === current })),
    ],
    dateItems: (parts: DateParts, field: string, fieldErrors: Record<string, unknown>) => dateItems(t, parts, Boolean(fieldErrors[field])),
  };
}
