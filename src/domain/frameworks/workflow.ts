// Workflow stages (DOMAIN.md §8.2): the Serious Case Review baseline and the Child Practice Review and
// SUSR profiles. A framework lists the stages of a review that goes ahead, in order; the stages before the
// decision, the not-proceeding branch and the overlays are the same for every framework.
import type { WorkflowTable } from '../workflow.ts';

export const STAGE_IDS = [
  'REFERRED',
  'NATIONAL_PANEL_NOTIFIED',
  'UNDER_CONSIDERATION',
  'RECOMMENDED_TO_CHAIR',
  'DECIDED_PROCEED',
  'DECIDED_NOT_PROCEED',
  'ALTERNATIVE_LEARNING',
  'WG_NOTIFIED',
  'SCOPING',
  'AGENCY_REPORTS_REQUESTED',
  'AGENCY_REPORTS_RECEIVED',
  'TIMELINE_BUILDING',
  'FAMILY_ENGAGEMENT',
  'LEARNING_EVENT_HELD',
  'OVERVIEW_DRAFTING',
  'REVIEWER_REPORT_DRAFTING',
  'PANEL_QA',
  'BOARD_ACCEPTANCE',
  'SUBMITTED_TO_WG',
  'PUBLICATION_PREPARATION',
  'PUBLISHED',
  'REPOSITORY_UPLOADED',
  'MONITORING',
  'CLOSED',
] as const;
export type StageId = (typeof STAGE_IDS)[number];

/** Overlays: ON_HOLD (with a reason) from any active stage; WITHDRAWN (with a reason) before BOARD_ACCEPTANCE. */
export const OVERLAY_STATES = ['ON_HOLD', 'WITHDRAWN'] as const;
export type OverlayState = (typeof OVERLAY_STATES)[number];

/** When the Chair decides not to hold a review. */
export const NOT_PROCEEDING_PATH: readonly StageId[] = ['DECIDED_NOT_PROCEED', 'ALTERNATIVE_LEARNING', 'CLOSED'];

/** Serious Case Review (2006): the baseline. */
export const SCR_STAGES: readonly StageId[] = [
  'REFERRED',
  'UNDER_CONSIDERATION',
  'RECOMMENDED_TO_CHAIR',
  'DECIDED_PROCEED',
  'SCOPING',
  'AGENCY_REPORTS_REQUESTED',
  'AGENCY_REPORTS_RECEIVED',
  'OVERVIEW_DRAFTING',
  'PANEL_QA',
  'BOARD_ACCEPTANCE',
  'SUBMITTED_TO_WG',
  'PUBLICATION_PREPARATION',
  'PUBLISHED',
  'MONITORING',
  'CLOSED',
];

/** Child Practice Review: a timeline instead of agency reports, family engagement, a learning event, the reviewers' report. */
export const CPR_STAGES: readonly StageId[] = [
  'REFERRED',
  'UNDER_CONSIDERATION',
  'RECOMMENDED_TO_CHAIR',
  'DECIDED_PROCEED',
  'SCOPING',
  'TIMELINE_BUILDING',
  'FAMILY_ENGAGEMENT',
  'LEARNING_EVENT_HELD',
  'REVIEWER_REPORT_DRAFTING',
  'PANEL_QA',
  'BOARD_ACCEPTANCE',
  'SUBMITTED_TO_WG',
  'PUBLICATION_PREPARATION',
  'PUBLISHED',
  'MONITORING',
  'CLOSED',
];

/** SUSR: the CPR profile, Welsh Government notified right after the decision, the report uploaded to the repository after publication. */
export const SUSR_STAGES: readonly StageId[] = CPR_STAGES.flatMap((s): StageId[] => {
  if (s === 'DECIDED_PROCEED') return [s, 'WG_NOTIFIED'];
  if (s === 'PUBLISHED') return [s, 'REPOSITORY_UPLOADED'];
  return [s];
});

/**
 * England (CSPR, for cross-border cases): the national Panel is notified before the rapid review (which is
 * the consideration stage); the local review follows the practice-review shape and is not sent to the
 * Welsh Government. DOMAIN.md §8.2 does not define this profile: it follows §4.1.
 */
export const CSPR_STAGES: readonly StageId[] = [
  'REFERRED',
  'NATIONAL_PANEL_NOTIFIED',
  ...CPR_STAGES.filter((s) => s !== 'REFERRED' && s !== 'SUBMITTED_TO_WG'),
];

/** A review on hold, remembering the stage it left: resuming returns there (DOMAIN.md §8.2 overlay, §8.4). */
export type HeldState = `ON_HOLD:${StageId}`;

/** What a review's state can be besides its stages: withdrawn (with a reason) before the board accepts its report; on hold from a stage. */
export type ReviewState = StageId | 'WITHDRAWN' | HeldState;

const HELD_PREFIX = 'ON_HOLD:';

/** The state of a review put on hold from a stage. */
export function heldState(stage: StageId): HeldState {
  return `${HELD_PREFIX}${stage}`;
}

/** The stage a review on hold left (and returns to when resumed), or undefined when the state is not a hold. */
export function heldFrom(state: string): StageId | undefined {
  if (!state.startsWith(HELD_PREFIX)) return undefined;
  const stage = state.slice(HELD_PREFIX.length);
  return (STAGE_IDS as readonly string[]).includes(stage) ? (stage as StageId) : undefined;
}

/** The stage a review's state stands at: its stage, or the stage it left while on hold (WITHDRAWN is its own). */
export function stageOf(state: string): StageId | 'WITHDRAWN' | undefined {
  if (state === 'WITHDRAWN') return 'WITHDRAWN';
  const held = heldFrom(state);
  if (held) return held;
  return (STAGE_IDS as readonly string[]).includes(state) ? (state as StageId) : undefined;
}

/**
 * The action that reaches each stage a review moves through after it is created: a stage is reached only
 * by the action it names (DOMAIN.md §8.2). The stages before the decision belong to the referral.
 */
export const REVIEW_STAGE_EVENTS = {
  WG_NOTIFIED: 'notify_welsh_government',
  SCOPING: 'start_scoping',
  AGENCY_REPORTS_REQUESTED: 'request_agency_reports',
  AGENCY_REPORTS_RECEIVED: 'receive_agency_reports',
  TIMELINE_BUILDING: 'start_timeline',
  FAMILY_ENGAGEMENT: 'engage_family',
  LEARNING_EVENT_HELD: 'hold_learning_event',
  OVERVIEW_DRAFTING: 'draft_overview_report',
  REVIEWER_REPORT_DRAFTING: 'draft_reviewer_report',
  PANEL_QA: 'submit_to_panel',
  BOARD_ACCEPTANCE: 'submit_to_board',
  SUBMITTED_TO_WG: 'submit_to_welsh_government',
  PUBLICATION_PREPARATION: 'prepare_publication',
  PUBLISHED: 'publish',
  REPOSITORY_UPLOADED: 'upload_to_repository',
  MONITORING: 'start_monitoring',
  CLOSED: 'close',
} as const satisfies Partial<Record<StageId, string>>;
export type StageEvent = (typeof REVIEW_STAGE_EVENTS)[keyof typeof REVIEW_STAGE_EVENTS];

/** The overlay's events: put on hold (a reason), resume (back to the stage it left), withdraw (a reason), and a closed review reopened by the board chair (a reason). */
export const REVIEW_OVERLAY_EVENTS = ['hold', 'resume', 'withdraw', 'reopen'] as const;
export type ReviewEvent = StageEvent | (typeof REVIEW_OVERLAY_EVENTS)[number];

/** The event that creates a review: the chair's decision to hold one (ConsiderationService.recordDecision). */
export const REVIEW_CREATED_BY = 'decide_proceed';

/**
 * A review's transition table on a framework's path: created in DECIDED_PROCEED by the chair's decision
 * (the action that stage names); then each stage of the path in order, each reached by its own action
 * (REVIEW_STAGE_EVENTS); withdrawn, with a reason, from any stage before BOARD_ACCEPTANCE. The ON_HOLD
 * overlay: from any active stage (every stage but CLOSED) a review goes on hold, with a reason, into a hold
 * state that names the stage it left (ON_HOLD:SCOPING), so `resume` returns it there; while on hold it can
 * be withdrawn where its stage could, and nothing else. A CLOSED review is reopened, with a reason, into the
 * stage before CLOSED (monitoring): who may do it (the board chair) is the service's check. A review whose board
 * decided not to publish goes from publication's preparation straight to monitoring.
 */
export function reviewWorkflow(stages: readonly StageId[]): WorkflowTable<ReviewState, ReviewEvent> {
  const path = stages.slice(stages.indexOf('DECIDED_PROCEED'));
  const active = path.filter((s) => s !== 'CLOSED');
  const states: ReviewState[] = [...path, ...active.map(heldState), 'WITHDRAWN'];
  const transitions = Object.fromEntries(states.map((s) => [s, {}])) as Record<ReviewState, Partial<Record<ReviewEvent, ReviewState>>>;
  path.forEach((stage, i) => {
    const next = path[i + 1];
    const event = next ? (REVIEW_STAGE_EVENTS as Partial<Record<StageId, ReviewEvent>>)[next] : undefined;
    if (next && event) transitions[stage][event] = next;
    if (canWithdraw(stages, stage)) transitions[stage].withdraw = 'WITHDRAWN';
  });
  for (const stage of active) {
    const held = heldState(stage);
    transitions[stage].hold = held;
    transitions[held].resume = stage;
    if (canWithdraw(stages, stage)) transitions[held].withdraw = 'WITHDRAWN';
  }
  // A board that decides not to publish (R6) still monitors the plan: monitoring follows publication's preparation
  // directly, its gate the chair's approved decision to withhold (src/services/review-gates.ts).
  if (path.includes('PUBLICATION_PREPARATION') && path.includes('MONITORING')) transitions.PUBLICATION_PREPARATION.start_monitoring = 'MONITORING';
  const beforeClosed = path[path.indexOf('CLOSED') - 1];
  if (path.includes('CLOSED') && beforeClosed) transitions.CLOSED.reopen = beforeClosed;
  return {
    record: 'review',
    states,
    created: { event: REVIEW_CREATED_BY, state: 'DECIDED_PROCEED' },
    transitions,
    reasonRequired: ['withdraw', 'hold', 'reopen'],
  };
}

/**
 * The stage a review is created in, from its table: the chair's decision to hold it, the action that
 * stage names. Every later stage (Welsh Government notified, scoping, …) is reached only by its own
 * action, never by creating the review.
 */
export const REVIEW_CREATED_STAGE: StageId = reviewWorkflow(SCR_STAGES).created.state as StageId;

/**
 * The stages a review may move to next on a framework's path (ON_HOLD and WITHDRAWN aside): the next
 * stage in order; from RECOMMENDED_TO_CHAIR either decision; along the not-proceeding branch.
 */
export function nextStages(stages: readonly StageId[], from: StageId): StageId[] {
  if (from === 'RECOMMENDED_TO_CHAIR') return ['DECIDED_PROCEED', 'DECIDED_NOT_PROCEED'];
  const branch = NOT_PROCEEDING_PATH.indexOf(from);
  if (branch >= 0) {
    const next = NOT_PROCEEDING_PATH[branch + 1];
    return next ? [next] : [];
  }
  const i = stages.indexOf(from);
  const next = i >= 0 ? stages[i + 1] : undefined;
  return next ? [next] : [];
}

/** WITHDRAWN is possible only before BOARD_ACCEPTANCE. */
export function canWithdraw(stages: readonly StageId[], from: StageId): boolean {
  if (from === 'CLOSED' || NOT_PROCEEDING_PATH.includes(from)) return false;
  const i = stages.indexOf(from);
  return i >= 0 && i < stages.indexOf('BOARD_ACCEPTANCE');
}
