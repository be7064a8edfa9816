// The shape every review framework shares (DOMAIN.md §0.1, §8.6 R1 and R14): its names, when it was in
// force, its criteria questions, the rule that turns answers into an outcome, its workflow stages and its
// default timers.
import type { IsoDate } from '../clock/dates.ts';
import type { CalendarRegion, Duration } from '../clock/working-days.ts';
import type { MilestoneTemplateItem } from './milestone-templates.ts';
import type { Rule } from './rules.ts';
import type { StageId } from './workflow.ts';

export const FRAMEWORK_IDS = ['SCR_2006', 'CPR_2013', 'CPR_2016', 'SUSR_2024', 'CSPR_2018'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export type FrameworkNation = 'wales' | 'england';

export interface Bilingual {
  en: string;
  cy: string;
}

/**
 * A yes/no/unknown question, one answered by choosing one of several values, or a plain yes/no (a stream
 * of an SUSR raised by the facts or not: never "not known yet").
 */
export type AnswerType = 'yes_no_unknown' | 'choice' | 'yes_no';

export interface AnswerChoice {
  value: string;
  label: Bilingual;
}

export const YES_NO_UNKNOWN: readonly AnswerChoice[] = [
  { value: 'yes', label: { en: 'Yes', cy: 'Ie' } },
  { value: 'no', label: { en: 'No', cy: 'Na' } },
  { value: 'unknown', label: { en: 'Not known yet', cy: 'Ddim yn gwybod eto' } },
];

export const YES_NO: readonly AnswerChoice[] = [
  { value: 'yes', label: { en: 'Yes', cy: 'Ie' } },
  { value: 'no', label: { en: 'No', cy: 'Na' } },
];

/** The answer that means "not known yet"; a question left unanswered counts the same. */
export const UNKNOWN = 'unknown';

export interface CriterionQuestion {
  id: string;
  answerType: AnswerType;
  /** Every allowed answer, 'unknown' included. */
  choices: readonly AnswerChoice[];
  label: Bilingual;
  hint: Bilingual;
  /**
   * Where the criterion comes from (the statute or guidance, as DOMAIN.md cites it). Recorded in the data,
   * never shown to users as a doubt: a criterion whose exact wording cannot be confirmed is still asked in
   * plain words (DOMAIN.md §3.6).
   */
  source: string;
  /** Asked only when another answer holds (the stream it belongs to was raised); otherwise not asked and not counted. */
  askedWhen?: { question: string; in: readonly string[] };
  /** A yes/no question that raises a stream of an SUSR: its questions are asked only when answered yes. */
  raisesStream?: string;
}

/** Criterion answers by question id; a missing answer counts as 'unknown'. */
export type CriterionAnswers = Readonly<Record<string, string | undefined>>;

/** A period on the child protection register or looked after: both dates inclusive, endOn null while it lasts. */
export interface DatePeriod {
  startOn: IsoDate;
  endOn: IsoDate | null;
}

/** What the record says about the child, used where a framework's rule needs more than the answers. */
export interface ChildFacts {
  /** The date of the event (death, injury or harm). */
  incidentOn: IsoDate | null;
  /** For serious and permanent impairment: the date an agency identified the impairment. */
  impairmentIdentifiedOn?: IsoDate | null;
  childProtectionRegisterPeriods: readonly DatePeriod[];
  /** Looked-after periods, including those of a young person now aged 18 or over. */
  lookedAfterPeriods: readonly DatePeriod[];
}

export const OUTCOMES = ['must', 'may', 'not_met', 'undetermined'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const REVIEW_TYPES = ['concise', 'extended'] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];

/** The outcome for one review stream of a Single Unified Safeguarding Review. */
export interface StreamOutcome {
  stream: string;
  outcome: 'met' | 'not_met' | 'undetermined';
  type?: ReviewType;
  blocking: string[];
}

export interface CriteriaResult {
  outcome: Outcome;
  /** Child Practice Reviews (and the child stream of an SUSR): the type the look-back gives. */
  type?: ReviewType;
  streams?: StreamOutcome[];
  /** Locale-neutral codes explaining the outcome (e.g. 'in_area', 'child_died', 'not_in_area'). */
  reasons: string[];
  /** Questions whose 'unknown' answer stands between the answers and a determination. */
  blocking: string[];
  /** Child facts that are missing and needed for a determination (e.g. 'incidentOn'). */
  missingFacts: string[];
}

export type TimerId = 'decision_from_incident' | 'decision_from_referral' | 'england_notification' | 'rapid_review' | 'completion' | 'review_period';

/** What a timer counts from. */
export type TimerAnchor = 'incident' | 'referral' | 'aware' | 'decision';

export interface TimerDefinition {
  id: TimerId;
  anchor: TimerAnchor;
  /** 'before' for a look-back (the review period starts that long before the incident). */
  direction: 'after' | 'before';
  duration: Duration;
  /** Statutory timers cannot be changed by a Board; the others are defaults a Board may override. */
  configurable: boolean;
  /** 'statutory' | 'guidance' | 'board_setting' (no source confirms a figure: a suggested default). */
  basis: 'statutory' | 'guidance' | 'board_setting';
}

export type AlternativeRoute = 'multi_agency_professional_forum' | 'single_agency_review';

export interface Framework {
  id: FrameworkId;
  name: Bilingual;
  shortName: Bilingual;
  nation: FrameworkNation;
  /** First day in force. */
  validFrom: IsoDate;
  /** Last day in force; null while in force. */
  validTo: IsoDate | null;
  /** Whose bank holidays its working-day timers use. */
  calendarRegion: CalendarRegion;
  questions: readonly CriterionQuestion[];
  /** The outcome from the criterion answers (and, for Child Practice Reviews, the child's facts). */
  assess(answers: CriterionAnswers, facts?: ChildFacts): CriteriaResult;
  /** Stages in order on the path of a review that goes ahead (the decision is DECIDED_PROCEED). */
  stages: readonly StageId[];
  /** Whether a review under it is concise or extended (Child Practice Reviews, and the child stream of an SUSR). */
  reviewTypes: boolean;
  timers: readonly TimerDefinition[];
  /** Learning routes when no statutory review is held. */
  alternativeRoutes: readonly AlternativeRoute[];
  /** The milestone plan a review under it starts from (milestone-templates.ts), in order. */
  milestones: readonly MilestoneTemplateItem[];
  /** Number of reviewers by type, where the framework sets it (CPR: concise 1, extended 2). */
  reviewersByType?: Readonly<Record<ReviewType, number>>;
}

export type { Rule };
