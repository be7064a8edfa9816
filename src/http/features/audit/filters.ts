// The audit log's filter fields: GOV.UK date inputs and selects, built in the reader's language.
import type { TFunction } from 'i18next';
import { formatDateOf, formatTimeWithSeconds } from '../../../domain/clock/london.ts';
import { languageOf } from '../../../i18n.ts';
import { type DateParts, dateItems } from '../../dates.ts';

export { dateParts, parseDateParts } from '../../dates.ts';

/** "1 April 2026, 09:30:05" in London, in the reader's language. */
export function displayDateTime(t: TFunction, iso: string): string {
  return `${formatDateOf(iso, languageOf(t))}, ${formatTimeWithSeconds(iso)}`;
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
