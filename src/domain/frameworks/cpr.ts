// Wales, Child Practice Review (DOMAIN.md §2): reg 4A of the 2006 Regulations as amended in 2012
// (CPR_2013, 1 January 2013 – 5 April 2016), re-enacted under the Social Services and Well-being (Wales)
// Act 2014 by the Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015 (CPR_2016,
// 6 April 2016 – 30 September 2024).
//
// The harm test of reg 4(1) decides whether a review must be held (there is no discretionary limb: when it
// is not met, a Multi-Agency Professional Forum or a single-agency review are the learning routes). The
// 6-month look-back (look-back.ts) decides CONCISE or EXTENDED. The 2012 text of reg 4A(4) reads "abuse"
// where 4A(3) reads "abuse or neglect"; later summaries read "abuse or neglect" for both, as here.
import type { IsoDate } from '../clock/dates.ts';
import { HARM_IDS, metReasons, notMetReasons, SERIOUS_HARM_RULE } from './harm-test.ts';
import { childPracticeReviewType } from './look-back.ts';
import { CPR_MILESTONES } from './milestone-templates.ts';
import { ABUSE_OR_NEGLECT, CHILD_DIED, IN_AREA, LIFE_THREATENING_INJURY, SERIOUS_PERMANENT_IMPAIRMENT } from './questions.ts';
import { determine, holds } from './rules.ts';
import { DECISION_TIMERS } from './timers.ts';
import type { ChildFacts, CriteriaResult, CriterionAnswers, CriterionQuestion, Framework, ReviewType } from './types.ts';
import { CPR_STAGES } from './workflow.ts';

export const CPR_QUESTIONS: readonly CriterionQuestion[] = [
  IN_AREA,
  ABUSE_OR_NEGLECT,
  CHILD_DIED,
  LIFE_THREATENING_INJURY,
  {
    ...SERIOUS_PERMANENT_IMPAIRMENT,
    hint: {
      en: 'Both conditions apply: the impairment is serious and it is permanent. Record the date an agency identified it: the look-back counts back from that date.',
      cy: 'Mae’r ddau amod yn berthnasol: mae’r nam yn ddifrifol ac mae’n barhaol. Cofnodwch y dyddiad y nododd asiantaeth y nam: mae’r cyfnod edrych yn ôl yn cael ei gyfrif o’r dyddiad hwnnw.',
    },
  },
];

export interface ChildPracticeReviewResult {
  outcome: 'must' | 'not_met' | 'undetermined';
  type?: ReviewType;
  reasons: string[];
  blocking: string[];
  missingFacts: string[];
}

/**
 * The child harm test and type: used by the CPR frameworks and the child stream of an SUSR. The reference
 * dates are the event date (death or life-threatening injury answered yes) and the date the impairment was
 * identified (serious and permanent impairment answered yes); the review is extended when the look-back
 * from any of them finds the child registered or looked after.
 */
export function assessChildPracticeReview(questions: readonly CriterionQuestion[], answers: CriterionAnswers, facts?: ChildFacts): ChildPracticeReviewResult {
  const d = determine(questions, ['in_area', 'abuse_or_neglect', ...HARM_IDS], answers, (a) => (holds(SERIOUS_HARM_RULE, a) ? 'must' : 'not_met'));
  if (!d.determined)
    return { outcome: 'undetermined', reasons: ['answers_unknown', ...d.possible.map((o) => `possible_${o}`)], blocking: d.blocking, missingFacts: [] };
  if (d.outcome === 'not_met') return { outcome: 'not_met', reasons: notMetReasons(answers, HARM_IDS), blocking: [], missingFacts: [] };

  const reasons = metReasons(answers, HARM_IDS);
  const referenceDates: IsoDate[] = [];
  const missingFacts: string[] = [];
  if (answers.child_died === 'yes' || answers.life_threatening_injury === 'yes') {
    if (facts?.incidentOn) referenceDates.push(facts.incidentOn);
    else missingFacts.push('incidentOn');
  }
  if (answers.serious_permanent_impairment === 'yes') {
    if (facts?.impairmentIdentifiedOn) referenceDates.push(facts.impairmentIdentifiedOn);
    else missingFacts.push('impairmentIdentifiedOn');
  }
  const lookBack = childPracticeReviewType(facts ?? { childProtectionRegisterPeriods: [], lookedAfterPeriods: [] }, referenceDates);
  if (lookBack.type === 'extended') return { outcome: 'must', type: 'extended', reasons: [...reasons, ...lookBack.reasons], blocking: [], missingFacts: [] };
  if (missingFacts.length > 0) return { outcome: 'undetermined', reasons: [...reasons, 'type_facts_missing'], blocking: [], missingFacts };
  return { outcome: 'must', type: 'concise', reasons: [...reasons, ...lookBack.reasons], blocking: [], missingFacts: [] };
}

function assess(answers: CriterionAnswers, facts?: ChildFacts): CriteriaResult {
  return assessChildPracticeReview(CPR_QUESTIONS, answers, facts);
}

const CPR_TIMERS = [
  ...DECISION_TIMERS,
  // "Three or six months" proposed; the exact target is unconfirmed (DOMAIN.md §2.4): a Board setting.
  { id: 'completion', anchor: 'decision', direction: 'after', duration: { amount: 6, unit: 'months' }, configurable: true, basis: 'board_setting' },
  // The timeline of significant events covers the 12 months before the incident by default.
  { id: 'review_period', anchor: 'incident', direction: 'before', duration: { amount: 12, unit: 'months' }, configurable: true, basis: 'guidance' },
] as const;

const CPR_COMMON = {
  name: { en: 'Child Practice Review', cy: 'Adolygiad Ymarfer Plant' },
  shortName: { en: 'CPR', cy: 'AYP' },
  nation: 'wales',
  calendarRegion: 'wales',
  questions: CPR_QUESTIONS,
  assess,
  stages: CPR_STAGES,
  reviewTypes: true,
  timers: CPR_TIMERS,
  milestones: CPR_MILESTONES,
  alternativeRoutes: ['multi_agency_professional_forum', 'single_agency_review'],
  // One reviewer for a concise review, two working together for an extended one [S15].
  reviewersByType: { concise: 1, extended: 2 },
} as const satisfies Omit<Framework, 'id' | 'validFrom' | 'validTo'>;

export const CPR_2013: Framework = { ...CPR_COMMON, id: 'CPR_2013', validFrom: '2013-01-01', validTo: '2016-04-05' };

export const CPR_2016: Framework = { ...CPR_COMMON, id: 'CPR_2016', validFrom: '2016-04-06', validTo: '2024-09-30' };

/** Names of the two types of Child Practice Review. */
export const REVIEW_TYPE_NAMES: Readonly<Record<ReviewType, { en: string; cy: string }>> = {
  concise: { en: 'Concise Child Practice Review', cy: 'Adolygiad Ymarfer Plant cryno' },
  extended: { en: 'Extended Child Practice Review', cy: 'Adolygiad Ymarfer Plant estynedig' },
};
