// Running a review (issue 10 item 1): which of the review table's events may be offered today, why the
// others are held back, the reasons a review goes on hold, and what each event needs. The table itself
// (stages, the ON_HOLD overlay, withdrawal, reopening) is reviewWorkflow in ../frameworks/workflow.ts. Pure.

import type { ReviewEvent, ReviewState } from '../frameworks/workflow.ts';
import { eventsFrom, type WorkflowTable } from '../workflow.ts';

/**
 * Events the review's table allows whose gates (DOMAIN.md §8.6) exist so far: the Welsh Government notified
 * (once the notification is recorded), starting scoping, the stage moves up to drafting that have no gate,
 * putting on hold and resuming, withdrawing and reopening.
 */
export const OFFERED_REVIEW_EVENTS = [
  // Its gate: the framework's Welsh Government notification recorded (src/services/review-gates.ts).
  'notify_welsh_government',
  'start_scoping',
  'request_agency_reports',
  // R4 gates in src/services/review-gates.ts (agency contributions, issue 10 item 4).
  'receive_agency_reports',
  'start_timeline',
  'engage_family',
  // Its gate: a learning event recorded as held (src/services/review-gates.ts, issue 10 item 7).
  'hold_learning_event',
  'draft_overview_report',
  'draft_reviewer_report',
  'submit_to_panel',
  // Its gate: the panel chair's QA sign-off of a version of the report (issue 10 item 10).
  'submit_to_board',
  // Their gates (issue 12): the report and the action plan accepted; the plan accepted; every action done and the
  // board chair's sign-off of closure (R13). Monitoring and closing follow publication, still held back.
  'submit_to_welsh_government',
  // Publication's preparation (issue 13): the board's decision, the gates' records and the chair's approval are made
  // at that stage (src/services/publication); its release, not this list, moves the review on to PUBLISHED.
  'prepare_publication',
  'start_monitoring',
  'close',
  'hold',
  'resume',
  'withdraw',
  'reopen',
] as const satisfies readonly ReviewEvent[];
export type OfferedReviewEvent = (typeof OFFERED_REVIEW_EVENTS)[number];

/**
 * Events the table has but no one may take yet, each with the gate it waits for (the issue that builds it).
 * Offering them now would let a review reach a stage whose condition nothing checks.
 */
export const HELD_BACK_REVIEW_EVENTS = {
  // Taken by the publication's release at its embargoed time, every gate checked in the release's transaction
  // (src/services/publication/publication-service.ts), never from the review page.
  publish: 'the publication release (issue 13 item 4)',
  // Taken by recording the submission packet's upload to the Wales Safeguarding Repository for a published SUSR
  // review (src/services/publication/packet-service.ts, issue 13 item 6): the record of what was sent is its gate,
  // so it is never offered on the review page without one.
  upload_to_repository: 'the submission packet’s recorded repository upload (issue 13 item 6)',
} as const satisfies Record<Exclude<ReviewEvent, OfferedReviewEvent>, string>;

export function isOfferedReviewEvent(event: string): event is OfferedReviewEvent {
  return (OFFERED_REVIEW_EVENTS as readonly string[]).includes(event);
}

/** The events a review in `state` may be moved by today: its table's, less those held back. */
export function offeredEvents(table: WorkflowTable<ReviewState, ReviewEvent>, state: string): OfferedReviewEvent[] {
  return eventsFrom(table, state).filter(isOfferedReviewEvent);
}

/** Why a review goes on hold (DOMAIN.md §8.4: e.g. a criminal trial), as a code; the text says more. */
export const HOLD_REASONS = ['criminal_proceedings', 'inquest', 'family_court', 'agency_disciplinary', 'other'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export function isHoldReason(value: string): value is HoldReason {
  return (HOLD_REASONS as readonly string[]).includes(value);
}

/** Events only the board chair takes (DOMAIN.md §8.3): reopening a closed review. The others are the business unit's (review.manage). */
export const CHAIR_EVENTS: readonly ReviewEvent[] = ['reopen'];
