// The monitoring period of a review's action plan (issue 12 item 7; DOMAIN.md §1.7, §8.4, R13): it starts
// when the board accepts the report and its action plan — never waiting for publication, which a trial may
// hold — and runs against a two-year horizon (the FAQ's "up to 2 years"), and against publication once the
// review is published. A review closes only when every action is done (verified or later, or closed by the
// board with a reason) and the board chair has signed off its closure. Pure.
import { addDays, addMonths, type IsoDate } from '../clock/dates.ts';
import { isDone } from './action.ts';

/**
 * Whose meeting agrees a review's action plan: under SUSR the case review group signs it off at one of its meetings
 * (DOMAIN.md §8.2, the management group's meetings); otherwise a meeting of the board.
 */
export function planMeetingKind(frameworkId: string): 'case_review_group' | 'board' {
  return frameworkId === 'SUSR_2024' ? 'case_review_group' : 'board';
}

/** The monitoring horizon: two years from the plan's acceptance. */
export const MONITORING_MONTHS = 24;
/** "Approaching" its horizon: within this many days of it (the board's report lists these). */
export const HORIZON_WARNING_DAYS = 90;

export function horizonOf(monitoringFrom: IsoDate): IsoDate {
  return addMonths(monitoringFrom, MONITORING_MONTHS);
}

export type HorizonState = 'not_started' | 'within' | 'approaching' | 'past';

/** Where a review stands against its horizon today (not started: the plan is not accepted yet). */
export function horizonState(monitoringFrom: IsoDate | null, today: IsoDate): HorizonState {
  if (!monitoringFrom) return 'not_started';
  const horizon = horizonOf(monitoringFrom);
  if (today > horizon) return 'past';
  if (today >= addDays(horizon, -HORIZON_WARNING_DAYS)) return 'approaching';
  return 'within';
}

/** What stops a review's closure (locale keys; empty: it may close). */
export function closureProblems(plan: { actions: readonly { status: string }[]; closureSignedOff: boolean; accepted: boolean }): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!plan.accepted) problems.actionPlan = 'actions:gate.notAccepted';
  else if (plan.actions.some((a) => !isDone(a.status))) problems.actions = 'actions:gate.openActions';
  if (!plan.closureSignedOff) problems.closure = 'actions:gate.noClosureSignOff';
  return problems;
}
