// Criteria questions shared by the Welsh frameworks (LSCB (Wales) Regs 2006 reg 4 and reg 4A, DOMAIN.md
// §1.1 and §2.1). The ids are the same in every framework that asks them, so answers and the consistency
// check with the referral read the same way across frameworks.
import { type AnswerChoice, type CriterionQuestion, YES_NO_UNKNOWN } from './types.ts';

// The same answers, in both languages, as the referral form's (locales/*/referrals.json abuseOrNeglect.options).
export const ABUSE_OR_NEGLECT_CHOICES: readonly AnswerChoice[] = [
  { value: 'known', label: { en: 'Known', cy: 'Yn hysbys' } },
  { value: 'suspected', label: { en: 'Suspected', cy: 'Amheuir' } },
  { value: 'not_suspected', label: { en: 'Not suspected', cy: 'Nid amheuir' } },
  { value: 'unknown', label: { en: 'Not known yet', cy: 'Ddim yn gwybod eto' } },
];

/** Where the child harm test comes from (DOMAIN.md §1.1, §2.1). */
const HARM_TEST_SOURCE =
  'LSCB (Wales) Regulations 2006 reg 4(1); reg 4A as amended in 2012; Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015';

/** Abuse or neglect known or suspected. */
export const ABUSE_OR_NEGLECT_MET = ['known', 'suspected'] as const;

export const IN_AREA: CriterionQuestion = {
  id: 'in_area',
  answerType: 'yes_no_unknown',
  choices: YES_NO_UNKNOWN,
  label: { en: 'Did the incident happen within the Board’s area?', cy: 'A oedd y digwyddiad yn ardal y Bwrdd?' },
  hint: {
    en: 'The duty applies where, within the Board’s area, abuse or neglect of a child is known or suspected.',
    cy: 'Mae’r ddyletswydd yn berthnasol lle mae’n hysbys neu lle amheuir, yn ardal y Bwrdd, fod plentyn wedi cael ei gam-drin neu ei esgeuluso.',
  },
  source: HARM_TEST_SOURCE,
};

export const ABUSE_OR_NEGLECT: CriterionQuestion = {
  id: 'abuse_or_neglect',
  answerType: 'choice',
  choices: ABUSE_OR_NEGLECT_CHOICES,
  label: {
    en: 'Is abuse or neglect of the child known or suspected?',
    cy: 'A yw’n hysbys neu a amheuir bod y plentyn wedi cael ei gam-drin neu ei esgeuluso?',
  },
  hint: {
    en: 'Abuse or neglect does not have to be proven: a suspicion is enough.',
    cy: 'Nid oes rhaid profi cam-drin neu esgeulustod: mae amheuaeth yn ddigon.',
  },
  source: HARM_TEST_SOURCE,
};

export const CHILD_DIED: CriterionQuestion = {
  id: 'child_died',
  answerType: 'yes_no_unknown',
  choices: YES_NO_UNKNOWN,
  label: { en: 'Has the child died?', cy: 'A yw’r plentyn wedi marw?' },
  hint: { en: 'Include a death that was sudden or is not yet explained.', cy: 'Dylech gynnwys marwolaeth sydyn neu farwolaeth nad oes esboniad amdani eto.' },
  source: HARM_TEST_SOURCE,
};

export const LIFE_THREATENING_INJURY: CriterionQuestion = {
  id: 'life_threatening_injury',
  answerType: 'yes_no_unknown',
  choices: YES_NO_UNKNOWN,
  label: { en: 'Has the child sustained a potentially life-threatening injury?', cy: 'A yw’r plentyn wedi cael anaf a allai fygwth bywyd?' },
  hint: {
    en: 'An injury that could have caused the child’s death, whether or not the child has recovered.',
    cy: 'Anaf a allai fod wedi achosi marwolaeth y plentyn, p’un a yw’r plentyn wedi gwella ai peidio.',
  },
  source: HARM_TEST_SOURCE,
};

export const SERIOUS_PERMANENT_IMPAIRMENT: CriterionQuestion = {
  id: 'serious_permanent_impairment',
  answerType: 'yes_no_unknown',
  choices: YES_NO_UNKNOWN,
  label: {
    en: 'Has the child sustained serious and permanent impairment of health or development?',
    cy: 'A yw’r plentyn wedi cael nam difrifol a pharhaol i’w iechyd neu ei ddatblygiad?',
  },
  hint: {
    en: 'Both conditions apply: the impairment is serious and it is permanent.',
    cy: 'Mae’r ddau amod yn berthnasol: mae’r nam yn ddifrifol ac mae’n barhaol.',
  },
  source: HARM_TEST_SOURCE,
};

export const OTHER_HARM: CriterionQuestion = {
  id: 'other_harm',
  answerType: 'yes_no_unknown',
  choices: YES_NO_UNKNOWN,
  label: { en: 'Has the child suffered other harm?', cy: 'A yw’r plentyn wedi dioddef niwed arall?' },
  hint: {
    en: 'Harm that is not death, a potentially life-threatening injury or serious and permanent impairment. The Board may hold a review.',
    cy: 'Niwed nad yw’n farwolaeth, yn anaf a allai fygwth bywyd nac yn nam difrifol a pharhaol. Gall y Bwrdd gynnal adolygiad.',
  },
  source: 'LSCB (Wales) Regulations 2006 reg 4(2)',
};

/** The harm questions of the statutory test, (a) to (c). */
export const SERIOUS_HARM_QUESTIONS = [CHILD_DIED, LIFE_THREATENING_INJURY, SERIOUS_PERMANENT_IMPAIRMENT] as const;
