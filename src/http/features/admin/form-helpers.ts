// Small helpers shared by the admin pages: GOV.UK date inputs, radio/select/checkbox items.
import type { TFunction } from 'i18next';
import { type DateParts, dateItems } from '../../dates.ts';
import { choose, chooseMany } from '../../forms.ts';

export { dateParts, displayDate, displayDateTime, parseDateParts, partsOf } from '../../dates.ts';
export { raw } from '../../forms.ts';

/** Helpers the admin templates call to build govuk macro items in the reader's language. */
export function viewHelpers(t: TFunction) {
  return {
    choose,
    chooseMany,
    dateItems: (parts: DateParts | undefined, field: string, fieldErrors: Record<string, unknown>) =>
      dateItems(t, parts ?? { day: '', month: '', year: '' }, Boolean(fieldErrors[field])),
  };
}
