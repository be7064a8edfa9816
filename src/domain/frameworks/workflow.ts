// Workflow stages (DOMAIN.md §8.2): the Serious Case Review baseline and the Child Practice Review and
// SUSR profiles. A framework lists the stages of a review that goes ahead, in order; the stages before the
// decision, the not-proceeding branch and the overlays are the same for every framework.

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

/**
 * The stage a review is created in: the chair's decision to hold it, the action that stage names. Every
 * later stage (Welsh Government notified, scoping, …) is reached only by its own action, never by creating
 * the review (ConsiderationService.recordDecision creates it; the workflow records of issue 9 item 1 move it on).
 */
export const REVIEW_CREATED_STAGE: StageId = 'DECIDED_PROCEED';

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
