// The gates of a review's moves (DOMAIN.md §8.6): what must be true before an event may move a review on,
// checked inside the move's transaction (so a gate and the move see the same data). An event is offered
// (src/domain/reviews/review.ts) only once its gate exists; the gate then says, for this review, what is
// still missing — each as a field and a locale key, shown in the page's error summary and the API's problem.
// A capability that brings a gate adds it here, and moves its event from HELD_BACK_REVIEW_EVENTS to
// OFFERED_REVIEW_EVENTS in the same change.

import { findActionPlan } from '../db/repositories/action-records-repository.ts';
import { reviewActions } from '../db/repositories/actions-repository.ts';
import { requestStates } from '../db/repositories/contributions-repository.ts';
import { hasHeldLearningEvent } from '../db/repositories/learning-events-repository.ts';
import { findPublication } from '../db/repositories/publication-repository.ts';
import { findReportHead } from '../db/repositories/report-repository.ts';
import { hasNotification } from '../db/repositories/review-setup-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import type { Executor } from '../db/transaction.ts';
import { closureProblems } from '../domain/actions/monitoring.ts';
import { notificationGating } from '../domain/frameworks/notifications.ts';
import type { ReviewEvent } from '../domain/frameworks/workflow.ts';
import { outstandingCount } from '../domain/reviews/contributions.ts';
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

/** R4 (agency contributions, issue 10 item 4): at least one agency asked, and every request signed off or waived. */
const agencyReportsReceived: ReviewGate = async (db, review): Promise<FieldErrors> => {
  const states = await requestStates(db, review.id);
  if (states.length === 0) return { contributions: 'contributions:gate.noneRequested' };
  return outstandingCount(states) > 0 ? { contributions: 'contributions:gate.outstanding' } : {};
};

/**
 * R4: drafting is complete only when every agency request is signed off or waived (none asked is nothing
 * outstanding: a practice review may have had no agency timelines requested through the service), and the
 * author has submitted a version of the report (overview or reviewers') for the panel's QA (issue 10 item 10).
 */
const draftingComplete: ReviewGate = async (db, review): Promise<FieldErrors> => {
  const missing: FieldErrors = {};
  const outstanding = outstandingCount(await requestStates(db, review.id));
  if (outstanding > 0) missing.contributions = 'contributions:gate.draftingOutstanding';
  const report = await findReportHead(db, review.id);
  if (report?.submittedVersion == null) missing.report = 'report:gate.notSubmitted';
  return missing;
};

/** The panel chair has signed off the panel's QA of a version of the report (issue 10 item 10). */
const qaSignedOff: ReviewGate = async (db, review): Promise<FieldErrors> => {
  const report = await findReportHead(db, review.id);
  return report?.qaVersion == null ? { report: 'report:gate.noQaSignOff' } : {};
};

/** A practice review reaches its learning event stage once a learning event is recorded as held (issue 10 item 7). */
const learningEventHeld: ReviewGate = async (db, review): Promise<FieldErrors> =>
  (await hasHeldLearningEvent(db, review.id)) ? {} : { learningEvent: 'learning-event:gate.notHeld' };

/** Before the review goes to the Welsh Government, or to publication's preparation: the board has accepted its report and its action plan (issue 12). */
const reportAndPlanAccepted: ReviewGate = async (db, review): Promise<FieldErrors> => {
  const missing: FieldErrors = {};
  if ((await findReportHead(db, review.id))?.acceptedVersion == null) missing.report = 'actions:gate.reportNotAccepted';
  if (!(await findActionPlan(db, review.id))) missing.actionPlan = 'actions:gate.notAccepted';
  return missing;
};

/**
 * Monitoring (the stage) needs the plan accepted — its actions are monitored from that acceptance, whatever the
 * stage; straight from publication's preparation (nothing published), the board's decision not to publish (R6),
 * approved by the board chair as it now stands.
 */
const monitoringMayStart: ReviewGate = async (db, review): Promise<FieldErrors> => {
  const missing: FieldErrors = (await findActionPlan(db, review.id)) ? {} : { actionPlan: 'actions:gate.notAccepted' };
  if (review.stage === 'PUBLICATION_PREPARATION') {
    const publication = await findPublication(db, review.id);
    const withheld = publication?.choice === 'withhold' && publication.revision > 0 && publication.approvedRevision === publication.revision;
    if (!withheld) missing.publication = 'publication:gate.notWithheld';
  }
  return missing;
};

/** R13: a review closes only when every action is done and the board chair has signed its closure off. */
const closureSignedOff: ReviewGate = async (db, review): Promise<FieldErrors> => {
  const plan = await findActionPlan(db, review.id);
  return closureProblems({ accepted: plan !== undefined, closureSignedOff: plan?.closureSignedOffAt != null, actions: await reviewActions(db, review.id) });
};

/** Each gated event's gate. */
const REVIEW_GATES: Partial<Record<ReviewEvent, ReviewGate>> = {
  notify_welsh_government: notificationRecorded('notify_welsh_government'),
  receive_agency_reports: agencyReportsReceived,
  hold_learning_event: learningEventHeld,
  submit_to_panel: draftingComplete,
  submit_to_board: qaSignedOff,
  submit_to_welsh_government: reportAndPlanAccepted,
  // In Wales it follows the Welsh Government's stage (gated alike); in England (CSPR) it follows board acceptance.
  prepare_publication: reportAndPlanAccepted,
  start_monitoring: monitoringMayStart,
  close: closureSignedOff,
};

/** What is missing before `event` may move the review (nothing, for an event without a gate). */
export async function gateRefusals(db: Executor, review: ReviewRow, event: ReviewEvent): Promise<FieldErrors> {
  const gate = REVIEW_GATES[event];
  return gate ? gate(db, review) : {};
}
