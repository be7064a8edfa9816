// Agency contributions to a review (issue 10 item 4; DOMAIN.md §6.4, §8.1 AgencyContributionRequest, R3, R4):
// what an agency is asked for (an IMR under the 2006 framework, the agency's chronology/timeline under the
// practice-review frameworks), the sections each is written in, the request's transition table (requested →
// in progress once its author has declared independence → submitted → signed off by a senior manager of the
// agency; waived by the business unit with a reason), the status shown (overdue from the due date), the
// reminders' rungs around the due date, and the author's declaration (R3). Pure.
import { addDays, type IsoDate } from '../clock/dates.ts';
import type { FrameworkId } from '../frameworks/types.ts';
import type { WorkflowTable } from '../workflow.ts';

/** What an agency contributes: an Individual Management Review (SCR), or its chronology/timeline (CPR, SUSR, CSPR). */
export const CONTRIBUTION_KINDS = ['imr', 'timeline'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** The kind a framework asks agencies for: an IMR under the 2006 SCR framework; otherwise the agency's timeline. */
export function contributionKindFor(frameworkId: FrameworkId): ContributionKind {
  return frameworkId === 'SCR_2006' ? 'imr' : 'timeline';
}

/**
 * The sections of each kind, in order. The IMR's (DOMAIN.md §6.4): the header (the author's role; their
 * involvement declaration is its own step), the date the agency's records were secured, then contextual
 * information, methodology, a chronology summary, analysis of involvement, good practice, lessons,
 * recommendations and the agency's action plan. A timeline's entries are the chronology issue's: here a
 * short summary of what the agency holds and has sent.
 */
export const CONTRIBUTION_SECTIONS = {
  imr: ['context', 'methodology', 'chronology', 'analysis', 'good_practice', 'lessons', 'recommendations', 'action_plan'],
  timeline: ['summary'],
} as const satisfies Record<ContributionKind, readonly string[]>;
export type ContributionSection = (typeof CONTRIBUTION_SECTIONS)[ContributionKind][number];
export const ALL_CONTRIBUTION_SECTIONS: readonly ContributionSection[] = [...new Set([...CONTRIBUTION_SECTIONS.imr, ...CONTRIBUTION_SECTIONS.timeline])];

export function sectionsOf(kind: ContributionKind): readonly ContributionSection[] {
  return CONTRIBUTION_SECTIONS[kind];
}

/** Every state of a request (its status vocabulary, overdue aside: that is read from the due date). */
export const CONTRIBUTION_STATES = ['requested', 'in_progress', 'submitted', 'signed_off', 'waived'] as const;
export type ContributionState = (typeof CONTRIBUTION_STATES)[number];
export type ContributionEvent = 'declare' | 'submit' | 'return' | 'sign_off' | 'waive';

/**
 * A request's table: created `requested` by the business unit's request; the author's declaration (R3)
 * starts drafting; the author submits; the agency's senior manager signs it off or returns it to the author
 * with a reason; the business unit waives it, with a reason, at any point before sign-off.
 */
export const CONTRIBUTION_WORKFLOW: WorkflowTable<ContributionState, ContributionEvent> = {
  record: 'contribution',
  states: CONTRIBUTION_STATES,
  created: { event: 'request', state: 'requested' },
  transitions: {
    requested: { declare: 'in_progress', waive: 'waived' },
    in_progress: { submit: 'submitted', waive: 'waived' },
    submitted: { sign_off: 'signed_off', return: 'in_progress', waive: 'waived' },
    signed_off: {},
    waived: {},
  },
  reasonRequired: ['waive', 'return'],
};

/** The states a request is finished in for R4: signed off or waived. */
export const SETTLED_STATES: readonly ContributionState[] = ['signed_off', 'waived'];
/** The states in which the agency still owes its contribution (overdue after the due date, reminded). */
export const OWING_STATES: readonly ContributionState[] = ['requested', 'in_progress'];

export function isSettled(state: string): boolean {
  return (SETTLED_STATES as readonly string[]).includes(state);
}

/** What a request's status shows: its state, or overdue when the agency still owes it after the due date. */
export type ContributionStatus = ContributionState | 'overdue';

export function contributionStatus(state: string, dueOn: IsoDate, today: IsoDate): ContributionStatus {
  if ((OWING_STATES as readonly string[]).includes(state) && today > dueOn) return 'overdue';
  return state as ContributionState;
}

/** What R4 finds for a review's requests: nothing requested yet, how many are not yet signed off or waived. */
export function outstandingCount(states: readonly string[]): number {
  return states.filter((s) => !isSettled(s)).length;
}

/**
 * The reminders' rungs, by days from the due date: a week before, on the day, and one and two weeks after.
 * Each is sent at most once per request (a unique key per request and rung), and only while the agency
 * still owes the contribution and the review runs (not on hold, withdrawn or closed).
 */
export const REMINDER_RUNGS = [
  { rung: 'before_7', offsetDays: -7 },
  { rung: 'due', offsetDays: 0 },
  { rung: 'after_7', offsetDays: 7 },
  { rung: 'after_14', offsetDays: 14 },
] as const;
export type ReminderRung = (typeof REMINDER_RUNGS)[number]['rung'];

/**
 * The rung to send today for a request, if any: the latest rung whose day has come (a scan that missed a
 * day sends the latest, never a backlog), and not one whose day came before the request was made (a request
 * made three days before its due date gets no "a week before" reminder).
 */
export function reminderDue(r: { state: string; dueOn: IsoDate; requestedOn: IsoDate }, today: IsoDate): ReminderRung | undefined {
  if (!(OWING_STATES as readonly string[]).includes(r.state)) return undefined;
  let due: ReminderRung | undefined;
  for (const { rung, offsetDays } of REMINDER_RUNGS) {
    const day = addDays(r.dueOn, offsetDays);
    if (day <= today && day > r.requestedOn) due = rung;
  }
  return due;
}

/** The author's declaration (R3, DOMAIN.md §6.4): neither directly involved with the family nor the line manager of those who were. */
export interface AuthorDeclaration {
  directlyInvolved: boolean;
  lineManager: boolean;
}

/** Why a declaration cannot be accepted, field by field (locale keys of the contributions namespace); empty when it can. */
export function declarationRefusals(d: AuthorDeclaration): Record<string, string> {
  const errors: Record<string, string> = {};
  if (d.directlyInvolved) errors.directlyInvolved = 'contributions:errors.directlyInvolved';
  if (d.lineManager) errors.lineManager = 'contributions:errors.lineManager';
  return errors;
}

/** The review states in which nothing is sent or asked of an agency: on hold, withdrawn, closed. */
export function reviewIsPaused(state: string): boolean {
  return state.startsWith('ON_HOLD:') || state === 'WITHDRAWN' || state === 'CLOSED';
}
