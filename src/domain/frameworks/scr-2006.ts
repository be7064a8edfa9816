// Wales, Serious Case Review: Local Safeguarding Children Boards (Wales) Regulations 2006 reg 4, in force
// 1 October 2006 to 31 December 2012 (DOMAIN.md §1). The default framework.
//
// MUST hold an SCR: in the Board's area ∧ abuse or neglect known or suspected ∧ (died ∨ potentially
// life-threatening injury ∨ serious and permanent impairment of health or development) — reg 4(1).
// MAY hold one: in the area ∧ abuse or neglect known or suspected ∧ other harm — reg 4(2) as the issue
// states it (DOMAIN.md §1.1 summarises reg 4(2) as "a child in its area suffers harm not falling within
// (a)–(c)", without the abuse-or-neglect condition).
import { ABUSE_OR_NEGLECT_RULE, HARM_IDS, metReasons, notMetReasons, SERIOUS_HARM_RULE } from './harm-test.ts';
import { SCR_MILESTONES } from './milestone-templates.ts';
import { ABUSE_OR_NEGLECT, CHILD_DIED, IN_AREA, LIFE_THREATENING_INJURY, OTHER_HARM, SERIOUS_PERMANENT_IMPAIRMENT } from './questions.ts';
import { determine, holds, type Rule, yes } from './rules.ts';
import { DECISION_TIMERS } from './timers.ts';
import type { CriteriaResult, CriterionAnswers, Framework } from './types.ts';
import { SCR_STAGES } from './workflow.ts';

const QUESTIONS = [IN_AREA, ABUSE_OR_NEGLECT, CHILD_DIED, LIFE_THREATENING_INJURY, SERIOUS_PERMANENT_IMPAIRMENT, OTHER_HARM] as const;

const MAY_RULE: Rule = { all: [yes('in_area'), ABUSE_OR_NEGLECT_RULE, yes('other_harm')] };

function classify(answers: CriterionAnswers): 'must' | 'may' | 'not_met' {
  if (holds(SERIOUS_HARM_RULE, answers)) return 'must';
  if (holds(MAY_RULE, answers)) return 'may';
  return 'not_met';
}

function assess(answers: CriterionAnswers): CriteriaResult {
  const d = determine(
    QUESTIONS,
    QUESTIONS.map((q) => q.id),
    answers,
    classify,
  );
  if (!d.determined) {
    return { outcome: 'undetermined', reasons: ['answers_unknown', ...d.possible.map((o) => `possible_${o}`)], blocking: d.blocking, missingFacts: [] };
  }
  const reasons =
    d.outcome === 'must'
      ? metReasons(answers, HARM_IDS)
      : d.outcome === 'may'
        ? metReasons(answers, ['other_harm'])
        : notMetReasons(answers, [...HARM_IDS, 'other_harm']);
  return { outcome: d.outcome, reasons, blocking: [], missingFacts: [] };
}

export const SCR_2006: Framework = {
  id: 'SCR_2006',
  name: { en: 'Serious Case Review', cy: 'Adolygiad Achos Difrifol' },
  shortName: { en: 'SCR', cy: 'AAD' },
  nation: 'wales',
  validFrom: '2006-10-01',
  validTo: '2012-12-31',
  calendarRegion: 'wales',
  questions: QUESTIONS,
  assess,
  stages: SCR_STAGES,
  reviewTypes: false,
  timers: [
    ...DECISION_TIMERS,
    // No statutory deadline (reg 4); England's comparator is 6 months from the decision (DOMAIN.md §1.4).
    { id: 'completion', anchor: 'decision', direction: 'after', duration: { amount: 6, unit: 'months' }, configurable: true, basis: 'board_setting' },
  ],
  alternativeRoutes: ['single_agency_review', 'multi_agency_professional_forum'],
  milestones: SCR_MILESTONES,
};
