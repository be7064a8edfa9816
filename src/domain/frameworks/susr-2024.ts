// Wales, Single Unified Safeguarding Review, from 1 October 2024 (DOMAIN.md §3): one review wherever an
// incident meets the criteria of any of five review types. The child stream is the Child Practice Review
// test, in full (harm test and concise/extended look-back), and is always asked. The other four streams
// (DOMAIN.md §3.6) are asked only when the facts raise them: one yes/no question each, and the stream's own
// criteria only when it is answered yes — a child referral is not asked adult or homicide questions unless
// the facts raise them. A Board can replace the streams through buildSusrFramework. SUSR timescales are
// unconfirmed: Board settings.
import { assessChildPracticeReview, CPR_QUESTIONS } from './cpr.ts';
import { SUSR_MILESTONES } from './milestone-templates.ts';
import { determine, holds, type Rule, ruleQuestions, yes } from './rules.ts';
import { DECISION_TIMERS } from './timers.ts';
import {
  type Bilingual,
  type ChildFacts,
  type CriteriaResult,
  type CriterionAnswers,
  type CriterionQuestion,
  type Framework,
  type StreamOutcome,
  YES_NO,
  YES_NO_UNKNOWN,
} from './types.ts';
import { SUSR_STAGES } from './workflow.ts';

export const SUSR_STREAM_IDS = [
  'child_practice_review',
  'adult_practice_review',
  'domestic_homicide_review',
  'mental_health_homicide_review',
  'offensive_weapons_homicide_review',
] as const;
export type SusrStreamId = (typeof SUSR_STREAM_IDS)[number];

export interface SusrStream {
  id: SusrStreamId;
  name: Bilingual;
  /** The criteria as a rule over the questions; the child stream uses the full Child Practice Review test instead. */
  rule: Rule | 'child_practice_review';
  /**
   * The yes/no question by which the facts raise the stream (every stream but the child one): only when it
   * is answered yes are the stream's own questions asked and its criteria assessed (DOMAIN.md §3.6).
   */
  raisedBy?: string;
  /** Where its criteria come from (DOMAIN.md §3.6). */
  source: string;
}

const SOURCES = {
  apr: 'Social Services and Well-being (Wales) Act 2014 Part 7; Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015 (DOMAIN.md §3.6)',
  dhr: 'Domestic Violence, Crime and Victims Act 2004 s.9 (DOMAIN.md §3.6)',
  mhhr: 'SUSR statutory guidance: contact with specialist mental health services within a look-back period, 6 months in common practice (DOMAIN.md §3.6)',
  owhr: 'Police, Crime, Sentencing and Courts Act 2022 s.24, in the areas where the duty is in force (DOMAIN.md §3.6)',
} as const;

function question(id: string, label: Bilingual, hint: Bilingual, source: string, askedWhen: string): CriterionQuestion {
  return { id, answerType: 'yes_no_unknown', choices: YES_NO_UNKNOWN, label, hint, source, askedWhen: { question: askedWhen, in: ['yes'] } };
}

function raises(stream: SusrStreamId, id: string, label: Bilingual, hint: Bilingual, source: string): CriterionQuestion {
  return { id, answerType: 'yes_no', choices: YES_NO, label, hint, source, raisesStream: stream };
}

/**
 * The questions of the four streams other than the child one: for each, the question by which the facts
 * raise it, then its criteria (asked only when it is raised), in plain words from DOMAIN.md §3.6.
 */
export const SUSR_OTHER_QUESTIONS: readonly CriterionQuestion[] = [
  raises(
    'adult_practice_review',
    'raises_adult_practice_review',
    {
      en: 'Does the incident also concern an adult at risk who died or was seriously harmed?',
      cy: 'A yw’r digwyddiad hefyd yn ymwneud ag oedolyn sy’n wynebu risg a fu farw neu a gafodd niwed difrifol?',
    },
    {
      en: 'For example, a parent or carer who has needs for care and support.',
      cy: 'Er enghraifft, rhiant neu ofalwr sydd ag anghenion gofal a chymorth.',
    },
    SOURCES.apr,
  ),
  question(
    'apr_adult_at_risk',
    { en: 'Is that adult an adult at risk?', cy: 'A yw’r oedolyn hwnnw’n oedolyn sy’n wynebu risg?' },
    {
      en: 'An adult who is experiencing or is at risk of abuse or neglect, has needs for care and support, and because of those needs cannot protect themselves.',
      cy: 'Oedolyn sy’n profi cam-drin neu esgeulustod, neu sy’n wynebu risg o hynny, sydd ag anghenion gofal a chymorth, ac na all amddiffyn ei hun oherwydd yr anghenion hynny.',
    },
    SOURCES.apr,
    'raises_adult_practice_review',
  ),
  question(
    'apr_abuse_or_neglect',
    {
      en: 'Is abuse or neglect of that adult known or suspected?',
      cy: 'A yw’n hysbys neu a amheuir bod yr oedolyn hwnnw wedi cael ei gam-drin neu ei esgeuluso?',
    },
    { en: 'A suspicion is enough.', cy: 'Mae amheuaeth yn ddigon.' },
    SOURCES.apr,
    'raises_adult_practice_review',
  ),
  question(
    'apr_serious_harm',
    {
      en: 'Has that adult died, sustained a potentially life-threatening injury, or sustained serious and permanent impairment of health or development?',
      cy: 'A yw’r oedolyn hwnnw wedi marw, wedi cael anaf a allai fygwth bywyd, neu wedi cael nam difrifol a pharhaol i iechyd neu ddatblygiad?',
    },
    { en: 'Any one of the three is enough.', cy: 'Mae unrhyw un o’r tri yn ddigon.' },
    SOURCES.apr,
    'raises_adult_practice_review',
  ),
  question(
    'apr_care_and_support',
    {
      en: 'At any time in the 6 months before the event, was a local authority meeting that adult’s needs for care and support?',
      cy: 'Ar unrhyw adeg yn y 6 mis cyn y digwyddiad, a oedd awdurdod lleol yn diwallu anghenion gofal a chymorth yr oedolyn hwnnw?',
    },
    {
      en: 'This decides the type of Adult Practice Review: extended if so, concise if not.',
      cy: 'Mae hyn yn penderfynu’r math o Adolygiad Ymarfer Oedolion: estynedig os oedd, cryno os nad oedd.',
    },
    SOURCES.apr,
    'raises_adult_practice_review',
  ),
  raises(
    'domestic_homicide_review',
    'raises_domestic_homicide_review',
    {
      en: 'Did someone aged 16 or over die, possibly as a result of violence, abuse or neglect by a relative, a partner or a member of their household?',
      cy: 'A fu farw rhywun 16 oed neu’n hŷn, o bosibl o ganlyniad i drais, cam-drin neu esgeulustod gan berthynas, partner neu aelod o’r un aelwyd?',
    },
    {
      en: 'This can be the child, if aged 16 or 17, or someone else, such as a parent.',
      cy: 'Gall hyn fod y plentyn, os yw’n 16 neu’n 17 oed, neu rywun arall, fel rhiant.',
    },
    SOURCES.dhr,
  ),
  question(
    'dhr_death_aged_16_or_over',
    { en: 'Has a person aged 16 or over died?', cy: 'A oes person 16 oed neu’n hŷn wedi marw?' },
    { en: 'This can be the child, if aged 16 or 17.', cy: 'Gall hyn fod y plentyn, os yw’n 16 neu’n 17 oed.' },
    SOURCES.dhr,
    'raises_domestic_homicide_review',
  ),
  question(
    'dhr_by_relative_partner_or_household',
    {
      en: 'Has the death resulted, or does it appear to have resulted, from violence, abuse or neglect by a relative, a partner or former partner, or a member of the same household?',
      cy: 'A yw’r farwolaeth wedi deillio, neu a yw’n ymddangos ei bod wedi deillio, o drais, cam-drin neu esgeulustod gan berthynas, partner neu gyn-bartner, neu aelod o’r un aelwyd?',
    },
    {
      en: 'Someone they were related to, were or had been in an intimate personal relationship with, or lived in the same household as.',
      cy: 'Rhywun a oedd yn perthyn iddyn nhw, a oedd neu a fu mewn perthynas bersonol agos â nhw, neu a oedd yn byw ar yr un aelwyd.',
    },
    SOURCES.dhr,
    'raises_domestic_homicide_review',
  ),
  raises(
    'mental_health_homicide_review',
    'raises_mental_health_homicide_review',
    {
      en: 'Was someone killed by a person who was in contact with specialist mental health services?',
      cy: 'A gafodd rhywun ei ladd gan berson a oedd mewn cysylltiad â gwasanaethau iechyd meddwl arbenigol?',
    },
    {
      en: 'The person killed can be the child or someone else.',
      cy: 'Gall y person a laddwyd fod y plentyn neu rywun arall.',
    },
    SOURCES.mhhr,
  ),
  question(
    'mhhr_homicide',
    { en: 'Has there been a homicide?', cy: 'A fu dynladdiad?' },
    { en: 'A person has been killed by another person.', cy: 'Mae person wedi cael ei ladd gan berson arall.' },
    SOURCES.mhhr,
    'raises_mental_health_homicide_review',
  ),
  question(
    'mhhr_perpetrator_mental_health_care',
    {
      en: 'In the 6 months before the homicide, was the person who committed it in contact with, or receiving care from, specialist mental health services?',
      cy: 'Yn y 6 mis cyn y dynladdiad, a oedd y sawl a’i cyflawnodd mewn cysylltiad â gwasanaethau iechyd meddwl arbenigol, neu’n cael gofal ganddyn nhw?',
    },
    {
      en: 'Specialist mental health services include community mental health teams and in-patient care.',
      cy: 'Mae gwasanaethau iechyd meddwl arbenigol yn cynnwys timau iechyd meddwl cymunedol a gofal cleifion mewnol.',
    },
    SOURCES.mhhr,
    'raises_mental_health_homicide_review',
  ),
  raises(
    'offensive_weapons_homicide_review',
    'raises_offensive_weapons_homicide_review',
    {
      en: 'Did someone aged 18 or over die in a homicide in which an offensive weapon was used?',
      cy: 'A fu farw rhywun 18 oed neu’n hŷn mewn dynladdiad lle defnyddiwyd arf ymosodol?',
    },
    { en: 'For example a knife or another bladed article.', cy: 'Er enghraifft cyllell neu eitem arall â llafn.' },
    SOURCES.owhr,
  ),
  question(
    'owhr_death_aged_18_or_over',
    { en: 'Has a person aged 18 or over died?', cy: 'A oes person 18 oed neu’n hŷn wedi marw?' },
    { en: 'Offensive Weapons Homicide Reviews concern adults.', cy: 'Mae Adolygiadau Dynladdiad ag Arfau Ymosodol yn ymwneud ag oedolion.' },
    SOURCES.owhr,
    'raises_offensive_weapons_homicide_review',
  ),
  question(
    'owhr_offensive_weapon',
    {
      en: 'Did the death result, or may it have resulted, from a homicide in which an offensive weapon was used?',
      cy: 'A wnaeth y farwolaeth ddeillio, neu a allai fod wedi deillio, o ddynladdiad pan ddefnyddiwyd arf ymosodol?',
    },
    { en: 'For example a knife or another bladed article.', cy: 'Er enghraifft cyllell neu eitem arall â llafn.' },
    SOURCES.owhr,
    'raises_offensive_weapons_homicide_review',
  ),
  question(
    'owhr_pilot_area',
    {
      en: 'Is the duty to hold these reviews in force where the death happened?',
      cy: 'A yw’r ddyletswydd i gynnal yr adolygiadau hyn mewn grym lle digwyddodd y farwolaeth?',
    },
    {
      en: 'The duty is in force in some areas only, such as South Wales.',
      cy: 'Mae’r ddyletswydd mewn grym mewn rhai ardaloedd yn unig, fel De Cymru.',
    },
    SOURCES.owhr,
    'raises_offensive_weapons_homicide_review',
  ),
];

export const DEFAULT_SUSR_STREAMS: readonly SusrStream[] = [
  {
    id: 'child_practice_review',
    name: { en: 'Child Practice Review', cy: 'Adolygiad Ymarfer Plant' },
    rule: 'child_practice_review',
    source: 'Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015 (DOMAIN.md §2.1, §3.6)',
  },
  {
    id: 'adult_practice_review',
    name: { en: 'Adult Practice Review', cy: 'Adolygiad Ymarfer Oedolion' },
    rule: { all: [yes('in_area'), yes('apr_adult_at_risk'), yes('apr_abuse_or_neglect'), yes('apr_serious_harm')] },
    raisedBy: 'raises_adult_practice_review',
    source: SOURCES.apr,
  },
  {
    id: 'domestic_homicide_review',
    name: { en: 'Domestic Homicide Review', cy: 'Adolygiad Dynladdiad Domestig' },
    rule: { all: [yes('dhr_death_aged_16_or_over'), yes('dhr_by_relative_partner_or_household')] },
    raisedBy: 'raises_domestic_homicide_review',
    source: SOURCES.dhr,
  },
  {
    id: 'mental_health_homicide_review',
    name: { en: 'Mental Health Homicide Review', cy: 'Adolygiad Dynladdiad Iechyd Meddwl' },
    rule: { all: [yes('mhhr_homicide'), yes('mhhr_perpetrator_mental_health_care')] },
    raisedBy: 'raises_mental_health_homicide_review',
    source: SOURCES.mhhr,
  },
  {
    id: 'offensive_weapons_homicide_review',
    // Welsh Government writes both "Arfau Bygythiol" and "Arf Ymosodol"; this service uses "Arfau Ymosodol"
    // (offensive weapons, as in the Police, Crime, Sentencing and Courts Act 2022) everywhere: docs/welsh.md.
    name: { en: 'Offensive Weapons Homicide Review', cy: 'Adolygiad Dynladdiad ag Arfau Ymosodol' },
    rule: { all: [yes('owhr_death_aged_18_or_over'), yes('owhr_offensive_weapon'), yes('owhr_pilot_area')] },
    raisedBy: 'raises_offensive_weapons_homicide_review',
    source: SOURCES.owhr,
  },
];

/** The type of an Adult Practice Review: extended when a local authority was meeting the adult's care and support needs in the 6 months before. */
function adultType(answers: CriterionAnswers): StreamOutcome['type'] {
  const a = answers.apr_care_and_support;
  return a === 'yes' ? 'extended' : a === 'no' ? 'concise' : undefined;
}

/**
 * An SUSR framework from stream definitions and the questions their rules read (the child questions are
 * always asked). SUSR is indicated (outcome 'must') when any stream's criteria are met; undetermined when
 * none is met and some stream is undetermined; otherwise not met.
 */
export function buildSusrFramework(
  streams: readonly SusrStream[] = DEFAULT_SUSR_STREAMS,
  otherQuestions: readonly CriterionQuestion[] = SUSR_OTHER_QUESTIONS,
): Framework {
  const questions = [...CPR_QUESTIONS, ...otherQuestions];
  const known = new Set(questions.map((q) => q.id));
  for (const s of streams) {
    if (s.rule === 'child_practice_review') continue;
    const missing = ruleQuestions(s.rule).filter((id) => !known.has(id));
    if (missing.length > 0) throw new Error(`SUSR stream ${s.id} reads questions that are not asked: ${missing.join(', ')}`);
    if (s.raisedBy && !known.has(s.raisedBy)) throw new Error(`SUSR stream ${s.id} is raised by a question that is not asked: ${s.raisedBy}`);
  }

  function assess(answers: CriterionAnswers, facts?: ChildFacts): CriteriaResult {
    const outcomes: StreamOutcome[] = [];
    const reasons: string[] = [];
    const missingFacts: string[] = [];
    let type: CriteriaResult['type'];
    for (const s of streams) {
      if (s.rule === 'child_practice_review') {
        const child = assessChildPracticeReview(questions, answers, facts);
        // The stream is met once the harm test is; missing facts leave only the type open.
        const met = child.outcome === 'must' || child.reasons.includes('type_facts_missing');
        const outcome: StreamOutcome = {
          stream: s.id,
          outcome: met ? 'met' : child.outcome === 'not_met' ? 'not_met' : 'undetermined',
          blocking: child.blocking,
        };
        if (child.type) {
          outcome.type = child.type;
          type = child.type;
        }
        outcomes.push(outcome);
        missingFacts.push(...child.missingFacts);
        continue;
      }
      // A stream the facts do not raise is neither asked nor assessed.
      if (s.raisedBy && answers[s.raisedBy] !== 'yes') continue;
      const rule = s.rule;
      const d = determine(questions, ruleQuestions(rule), answers, (a) => (holds(rule, a) ? 'met' : 'not_met'));
      const outcome: StreamOutcome = d.determined
        ? { stream: s.id, outcome: d.outcome, blocking: [] }
        : { stream: s.id, outcome: 'undetermined', blocking: d.blocking };
      const adult = s.id === 'adult_practice_review' && outcome.outcome === 'met' ? adultType(answers) : undefined;
      if (adult) outcome.type = adult;
      outcomes.push(outcome);
    }
    for (const o of outcomes) if (o.outcome === 'met') reasons.push(`stream_met_${o.stream}`);
    const blocking = [...new Set(outcomes.flatMap((o) => o.blocking))];
    if (reasons.length > 0) return { outcome: 'must', ...(type ? { type } : {}), streams: outcomes, reasons, blocking: [], missingFacts };
    if (outcomes.some((o) => o.outcome === 'undetermined'))
      return { outcome: 'undetermined', streams: outcomes, reasons: ['answers_unknown'], blocking, missingFacts };
    return { outcome: 'not_met', streams: outcomes, reasons: ['no_stream_met'], blocking: [], missingFacts: [] };
  }

  return {
    id: 'SUSR_2024',
    name: { en: 'Single Unified Safeguarding Review', cy: 'Adolygiad Diogelu Unedig Sengl' },
    shortName: { en: 'SUSR', cy: 'ADUS' },
    nation: 'wales',
    validFrom: '2024-10-01',
    validTo: null,
    calendarRegion: 'wales',
    questions,
    assess,
    stages: SUSR_STAGES,
    // The type of the child stream (a Child Practice Review): concise or extended.
    reviewTypes: true,
    timers: [
      ...DECISION_TIMERS,
      // SUSR numeric timescales are unconfirmed (DOMAIN.md §3.5): Board settings.
      { id: 'completion', anchor: 'decision', direction: 'after', duration: { amount: 6, unit: 'months' }, configurable: true, basis: 'board_setting' },
      { id: 'review_period', anchor: 'incident', direction: 'before', duration: { amount: 12, unit: 'months' }, configurable: true, basis: 'board_setting' },
    ],
    alternativeRoutes: ['multi_agency_professional_forum', 'single_agency_review'],
    milestones: SUSR_MILESTONES,
  };
}

export const SUSR_2024: Framework = buildSusrFramework();
