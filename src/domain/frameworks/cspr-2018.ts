// England, Child Safeguarding Practice Review (Children Act 2004 ss.16A–16Q, Child Safeguarding Practice
// Review and Relevant Agency (England) Regulations 2018, Working Together 2023 ch.5; DOMAIN.md §4.1), in
// force from 29 June 2018. Here for cross-border cases: a serious child safeguarding case is one where
// abuse or neglect of a child is known or suspected and the child has died or been seriously harmed. The
// local authority notifies the national Panel within 5 working days of becoming aware (statutory); the
// rapid review is expected within 15 working days (guidance); a local review reports within 6 months.

import { ABUSE_OR_NEGLECT_RULE } from './harm-test.ts';
import { CSPR_MILESTONES } from './milestone-templates.ts';
import { ABUSE_OR_NEGLECT, CHILD_DIED } from './questions.ts';
import { determine, holds, type Rule, yes } from './rules.ts';
import { type CriteriaResult, type CriterionAnswers, type CriterionQuestion, type Framework, YES_NO_UNKNOWN } from './types.ts';
import { CSPR_STAGES } from './workflow.ts';

const SERIOUS_HARM: CriterionQuestion = {
  id: 'serious_harm',
  answerType: 'yes_no_unknown',
  choices: YES_NO_UNKNOWN,
  label: { en: 'Has the child been seriously harmed?', cy: 'A yw’r plentyn wedi cael niwed difrifol?' },
  hint: {
    en: 'This includes long-term impairment of the child’s mental health or development.',
    cy: 'Mae hyn yn cynnwys nam hirdymor i iechyd meddwl neu ddatblygiad y plentyn.',
  },
  source: 'Children Act 2004 s.16C; Working Together to Safeguard Children 2023 ch.5',
};

const ENGLAND_LINK: CriterionQuestion = {
  id: 'england_link',
  answerType: 'yes_no_unknown',
  choices: YES_NO_UNKNOWN,
  label: {
    en: 'Did the child die or come to harm in England, or does the child normally live in England?',
    cy: 'A fu farw’r plentyn, neu a gafodd y plentyn niwed, yn Lloegr, neu a yw’r plentyn fel arfer yn byw yn Lloegr?',
  },
  hint: {
    en: 'Whether an English local authority has to notify the Child Safeguarding Practice Review Panel. Confirm with that local authority.',
    cy: 'P’un a oes rhaid i awdurdod lleol yn Lloegr hysbysu’r Panel Adolygu Ymarfer Diogelu Plant. Cadarnhewch hyn gyda’r awdurdod lleol hwnnw.',
  },
  // Whether the child's case falls to an English local authority: the Act's territorial test, in plain words.
  source: 'Children Act 2004 s.16C (the local authority in whose area the child lives or the harm occurred)',
};

const QUESTIONS: readonly CriterionQuestion[] = [ENGLAND_LINK, ABUSE_OR_NEGLECT, CHILD_DIED, SERIOUS_HARM];

const SERIOUS_CASE_RULE: Rule = { all: [yes('england_link'), ABUSE_OR_NEGLECT_RULE, { any: [yes('child_died'), yes('serious_harm')] }] };

function assess(answers: CriterionAnswers): CriteriaResult {
  const d = determine(
    QUESTIONS,
    QUESTIONS.map((q) => q.id),
    answers,
    (a) => (holds(SERIOUS_CASE_RULE, a) ? 'must' : 'not_met'),
  );
  if (!d.determined)
    return { outcome: 'undetermined', reasons: ['answers_unknown', ...d.possible.map((o) => `possible_${o}`)], blocking: d.blocking, missingFacts: [] };
  const reasons: string[] = [];
  if (d.outcome === 'must') {
    reasons.push('serious_child_safeguarding_case', `abuse_or_neglect_${answers.abuse_or_neglect}`);
    for (const id of ['child_died', 'serious_harm']) if (answers[id] === 'yes') reasons.push(id);
  } else {
    if (answers.england_link === 'no') reasons.push('no_england_link');
    if (answers.abuse_or_neglect === 'not_suspected') reasons.push('abuse_or_neglect_not_suspected');
    if (answers.child_died === 'no' && answers.serious_harm === 'no') reasons.push('no_qualifying_harm');
  }
  return { outcome: d.outcome, reasons, blocking: [], missingFacts: [] };
}

export const CSPR_2018: Framework = {
  id: 'CSPR_2018',
  name: { en: 'Child Safeguarding Practice Review', cy: 'Adolygiad Ymarfer Diogelu Plant' },
  shortName: { en: 'CSPR', cy: 'CSPR' },
  nation: 'england',
  validFrom: '2018-06-29',
  validTo: null,
  calendarRegion: 'england',
  questions: QUESTIONS,
  assess,
  stages: CSPR_STAGES,
  reviewTypes: false,
  timers: [
    { id: 'england_notification', anchor: 'aware', direction: 'after', duration: { amount: 5, unit: 'working_days' }, configurable: false, basis: 'statutory' },
    { id: 'rapid_review', anchor: 'aware', direction: 'after', duration: { amount: 15, unit: 'working_days' }, configurable: true, basis: 'guidance' },
    { id: 'completion', anchor: 'decision', direction: 'after', duration: { amount: 6, unit: 'months' }, configurable: true, basis: 'guidance' },
  ],
  alternativeRoutes: ['single_agency_review'],
  milestones: CSPR_MILESTONES,
};
