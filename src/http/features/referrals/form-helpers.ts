// Form pieces of the referral pages: GOV.UK date inputs, option lists and dates for people, in the
// reader's language (the pages' answers are read by step schemas: src/http/journeys/commands.ts).
import type { TFunction } from 'i18next';
import { type DateParts, dateItems as sharedDateItems } from '../../dates.ts';

export { type DateParts, dateParts, displayDate, displayDateTime, parseDateParts, partsOf } from '../../dates.ts';
export { choose, type Option, raw } from '../../forms.ts';

export type Body = Record<string, unknown>;

/** Items for a date input, with the day/month/year labels in the reader's language. */
export function dateItems(t: TFunction, parts: DateParts | undefined, hasError: boolean) {
  return sharedDateItems(t, parts, hasError);
}

export function yesNoValue(value: boolean | undefined): string {
  return value === undefined ? '' : value ? 'yes' : 'no';
}
