// The gates of a review's moves (DOMAIN.md §8.6): what must be true before an event may move a review on,
// checked inside the move's transaction (so a gate and the move see the same data). An event is offered
// (src/domain/reviews/review.ts) only once its gate exists; the gate then says, for this review, what is
// still missing — each as a field and a locale key, shown in the page's error summary and the API's problem.
// A capability that brings a gate adds it here, and moves its event from HELD_BACK_REVIEW_EVENTS to
// OFFERED_REVIEW_EVENTS in the same change.

import { hasNotification } from '../db/repositories/review-setup-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import type { Executor } from '../db/transaction.ts';
import { notificationGating } from '../domain/frameworks/notifications.ts';
import type { ReviewEvent } from '../domain/frameworks/workflow.ts';
import type { FieldErrors } from './context.ts';

/** What a gate finds missing for the review (empty: the event may go ahead). */
export type ReviewGate = (db: Executor, review: ReviewRow) => Promise<FieldErrors>;

/**
 * A notification the framework requires must be recorded (its day sent, its letter) before the stage that
 * says it was made (SUSR: WG_NOTIFIED, DOMAIN.md §3.2 step 6, §8.2): never assumed.
 */
const notificationRecorded =
  (event: ReviewEvent): ReviewGate =>
  async (db, review): Promise<FieldErrors> => {
    const requirement = notificationGating(review.frameworkId, event);
    if (!requirement) return { event: 'review-setup:errors.noNotificationRequired' };
    return (await hasNotification(db, review.id, requirement.id)) ? {} : { event: 'review-setup:errors.notificationDue' };
  };

/** Each gated event's gate. */
const REVIEW_GATES: Partial<Record<ReviewEvent, ReviewGate>> = {
  notify_welsh_government: notificationRecorded('notify_welsh_government'),
};

/** What is missing before `event` may move the review (nothing, for an event without a gate). */
export async function gateRefusals(db: Executor, review: ReviewRow, event: ReviewEvent): Promise<FieldErrors> {
  const gate = REVIEW_GATES[event];
  return gate ? gate(db, review) : {};
}
