// The registry of review frameworks and which one governs a review (R14): a review is pinned to the
// framework in force on the date the Board decided to hold it.
import type { IsoDate } from '../clock/dates.ts';
import { isIsoDate, minDate } from '../clock/dates.ts';
import { CPR_2013, CPR_2016 } from './cpr.ts';
import { CSPR_2018 } from './cspr-2018.ts';
import { SCR_2006 } from './scr-2006.ts';
import { SUSR_2024 } from './susr-2024.ts';
import type { Framework, FrameworkId, FrameworkNation } from './types.ts';

export const FRAMEWORKS: readonly Framework[] = [SCR_2006, CPR_2013, CPR_2016, SUSR_2024, CSPR_2018];

/** The framework a new deployment starts from. */
export const DEFAULT_FRAMEWORK_ID: FrameworkId = 'SCR_2006';

export function isFrameworkId(value: unknown): value is FrameworkId {
  return FRAMEWORKS.some((f) => f.id === value);
}

export function getFramework(id: FrameworkId): Framework {
  const framework = FRAMEWORKS.find((f) => f.id === id);
  if (!framework) throw new RangeError(`Unknown framework: ${String(id)}`);
  return framework;
}

/** The framework in force in a nation on a date (the decision date), or null before the first one. */
export function findFrameworkInForce(nation: FrameworkNation, on: IsoDate): Framework | null {
  if (!isIsoDate(on)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(on)}`);
  return FRAMEWORKS.find((f) => f.nation === nation && f.validFrom <= on && (f.validTo === null || on <= f.validTo)) ?? null;
}

/**
 * The framework in force in a nation on a date (the decision date). Throws a RangeError for a date before
 * the nation's first framework (Wales 2006-10-01, England 2018-06-29): validate user-entered dates with
 * findFrameworkInForce or earliestFrameworkDate first.
 */
export function frameworkInForce(nation: FrameworkNation, on: IsoDate): Framework {
  const framework = findFrameworkInForce(nation, on);
  if (!framework) throw new RangeError(`No ${nation} framework was in force on ${on}`);
  return framework;
}

/** The first day any framework of the nation was in force. */
export function earliestFrameworkDate(nation: FrameworkNation): IsoDate {
  return FRAMEWORKS.filter((f) => f.nation === nation)
    .map((f) => f.validFrom)
    .reduce(minDate);
}

export { type AbuseOrNeglect, type Contradiction, type IncidentType, type ReferralFacts, referralContradictions } from './consistency.ts';
export { assessChildPracticeReview, CPR_2013, CPR_2016, REVIEW_TYPE_NAMES } from './cpr.ts';
export { CSPR_2018 } from './cspr-2018.ts';
export { childPracticeReviewType, type DateWindow, LOOK_BACK_MONTHS, type LookBack, lookBackWindow, periodTouches } from './look-back.ts';
export {
  CPR_MILESTONES,
  CSPR_MILESTONES,
  MILESTONE_KINDS,
  type MilestoneKind,
  type MilestoneTemplateItem,
  SCR_MILESTONES,
  SUSR_MILESTONES,
} from './milestone-templates.ts';
export { ABUSE_OR_NEGLECT_CHOICES } from './questions.ts';
export { answerProblems, askedQuestions, type Determination, determine, type Rule } from './rules.ts';
export { SCR_2006 } from './scr-2006.ts';
export { buildSusrFramework, DEFAULT_SUSR_STREAMS, SUSR_2024, SUSR_STREAM_IDS, type SusrStream, type SusrStreamId } from './susr-2024.ts';
export { DECISION_TIMERS, type ResolvedTimer, resolveTimers, type TimerOverrides, timerDate, timerOverrideProblems } from './timers.ts';
export * from './types.ts';
export {
  CPR_STAGES,
  CSPR_STAGES,
  canWithdraw,
  type HeldState,
  heldFrom,
  heldState,
  NOT_PROCEEDING_PATH,
  nextStages,
  OVERLAY_STATES,
  type OverlayState,
  REVIEW_CREATED_BY,
  REVIEW_CREATED_STAGE,
  REVIEW_STAGE_EVENTS,
  type ReviewEvent,
  type ReviewState,
  reviewWorkflow,
  SCR_STAGES,
  STAGE_IDS,
  type StageId,
  SUSR_STAGES,
  stageOf,
} from './workflow.ts';
