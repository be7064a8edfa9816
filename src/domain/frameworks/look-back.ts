// The Child Practice Review "6-month look-back" (DOMAIN.md §2.1, R1): a review is EXTENDED when the child
// was on the child protection register or looked after (a young person now aged 18 or over who was looked
// after included) on any day in the 6 months before the event — for serious and permanent impairment,
// before the date an agency identified it — and CONCISE otherwise.
//
// "The 6 months before" a reference date R is the window from R minus 6 calendar months up to the day
// before R, both inclusive: event 2024-07-15 → 2024-01-15 … 2024-07-14 (182 days). A start day that does
// not exist becomes the month's last day (event 2024-08-31 → 2024-02-29 … 2024-08-30). A period counts
// when any of its days falls in the window; a period starting on or after R does not count.
import { addDays, addMonths, type IsoDate } from '../clock/dates.ts';
import type { ChildFacts, DatePeriod, ReviewType } from './types.ts';

export const LOOK_BACK_MONTHS = 6;

export interface DateWindow {
  startOn: IsoDate;
  endOn: IsoDate;
}

export function lookBackWindow(referenceOn: IsoDate): DateWindow {
  return { startOn: addMonths(referenceOn, -LOOK_BACK_MONTHS), endOn: addDays(referenceOn, -1) };
}

/** Whether a period (both ends inclusive, endOn null while it lasts) has a day in the window. */
export function periodTouches(period: DatePeriod, window: DateWindow): boolean {
  return period.startOn <= window.endOn && (period.endOn === null || period.endOn >= window.startOn);
}

export interface LookBack {
  type: ReviewType;
  /** 'on_child_protection_register' and/or 'looked_after', or 'neither_registered_nor_looked_after'. */
  reasons: string[];
}

/** The review type the look-back gives from one or more reference dates (extended when any of them does). */
export function childPracticeReviewType(
  facts: Pick<ChildFacts, 'childProtectionRegisterPeriods' | 'lookedAfterPeriods'>,
  referenceDates: readonly IsoDate[],
): LookBack {
  const windows = referenceDates.map(lookBackWindow);
  const touches = (periods: readonly DatePeriod[]) => periods.some((p) => windows.some((w) => periodTouches(p, w)));
  const reasons: string[] = [];
  if (touches(facts.childProtectionRegisterPeriods)) reasons.push('on_child_protection_register');
  if (touches(facts.lookedAfterPeriods)) reasons.push('looked_after');
  return reasons.length > 0 ? { type: 'extended', reasons } : { type: 'concise', reasons: ['neither_registered_nor_looked_after'] };
}
