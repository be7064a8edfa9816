// Form pieces of the referral pages: GOV.UK date inputs (parsed to real calendar dates), option lists
// and dates for people, in the reader's language.
import type { TFunction } from 'i18next';
import { type DateParts, dateParts, parseDateParts, dateItems as sharedDateItems } from '../../dates.ts';

export { type DateParts, dateParts, displayDate, displayDateTime, parseDateParts, partsOf } from '../../dates.ts';
export { choose, type Option, raw } from '../../forms.ts';

export type Body = Record<string, unknown>;

/** Items for a date input, with the day/month/year labels in the reader's language. */
export function dateItems(t: TFunction, parts: DateParts | undefined, hasError: boolean) {
  return sharedDateItems(t, parts, hasError);
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

/** Yes/no radios answer as a boolean, or undefined when neither was chosen. */
export function yesNo(value: unknown): boolean | undefined {
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

export function yesNoValue(value: boolean | undefined): string {
  return value === undefined ? '' : value ? 'yes' : 'no';
}
