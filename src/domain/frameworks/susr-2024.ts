// Wales, Single Unified Safeguarding Review, from 1 October 2024 (DOMAIN.md §3): one review wherever an
// incident meets the criteria of any of five review types. The child stream is the Child Practice Review
// test, in full (harm test and concise/extended look-back). The other four streams are modelled with plain
// criteria questions marked confirmed: false — DOMAIN.md does not state their criteria — and a Board can
// replace them through buildSusrFramework. SUSR timescales are likewise unconfirmed: Board settings.
import { assessChildPracticeReview, CPR_QUESTIONS } from './cpr.ts';
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
  /** False where the criteria are not confirmed by DOMAIN.md. */
  confirmed: boolean;
}

function question(id: string, label: Bilingual, hint: Bilingual): CriterionQuestion {
  return { id, answerType: 'yes_no_unknown', choices: YES_NO_UNKNOWN, label, hint, confirmed: false };
}

/** Criteria questions of the four streams other than the child one (unconfirmed: configurable). */
export const SUSR_OTHER_QUESTIONS: readonly CriterionQuestion[] = [
  question(
    'apr_adult_at_risk',
    { en: 'Does the incident also concern an adult at risk?', cy: 'A yw’r digwyddiad hefyd yn ymwneud ag oedolyn sy’n wynebu risg?' },
    {
      en: 'An adult who is experiencing or is at risk of abuse or neglect, has needs for care and support, and because of those needs cannot protect themselves.',
      cy: 'Oedolyn sy’n profi camdriniaeth neu esgeulustod, neu sy’n wynebu risg ohonynt, sydd ag anghenion gofal a chymorth, ac nad yw’n gallu ei amddiffyn ei hun oherwydd yr anghenion hynny.',
    },
  ),
  question(
    'apr_abuse_or_neglect',
    {
      en: 'Is abuse or neglect of that adult known or suspected?',
      cy: 'A yw’n hysbys neu a amheuir bod yr oedolyn hwnnw wedi cael ei gam-drin neu ei esgeuluso?',
    },
    { en: 'A suspicion is enough.', cy: 'Mae amheuaeth yn ddigon.' },
  ),
  question(
    'apr_serious_harm',
    {
      en: 'Has that adult died, sustained a potentially life-threatening injury, or sustained serious and permanent impairment of health?',
      cy: 'A yw’r oedolyn hwnnw wedi marw, wedi cael anaf a allai fygwth bywyd, neu wedi cael nam difrifol a pharhaol i’w iechyd?',
    },
    { en: 'Adult Practice Review criteria: confirm them with the Board.', cy: 'Meini prawf Adolygiad Ymarfer Oedolion: cadarnhewch nhw gyda’r Bwrdd.' },
  ),
  question(
    'dhr_death_aged_16_or_over',
    { en: 'Has a person aged 16 or over died?', cy: 'A oes person 16 oed neu’n hŷn wedi marw?' },
    { en: 'This can be the child, if aged 16 or 17.', cy: 'Gall hyn fod y plentyn, os yw’n 16 neu’n 17 oed.' },
  ),
  question(
    'dhr_by_relative_partner_or_household',
    {
      en: 'Has the death resulted, or does it appear to have resulted, from violence, abuse or neglect by a relative, a partner or former partner, or a member of the same household?',
      cy: 'A yw’r farwolaeth wedi deillio, neu a yw’n ymddangos ei bod wedi deillio, o drais, camdriniaeth neu esgeulustod gan berthynas, partner neu gyn-bartner, neu aelod o’r un aelwyd?',
    },
    {
      en: 'Domestic Homicide Review criteria: confirm them with the Community Safety Partnership.',
      cy: 'Meini prawf Adolygiad Dynladdiad Domestig: cadarnhewch nhw gyda’r Bartneriaeth Diogelwch Cymunedol.',
    },
  ),
  question(
    'mhhr_homicide',
    { en: 'Has there been a homicide?', cy: 'A fu dynladdiad?' },
    { en: 'A person has been killed by another person.', cy: 'Mae person wedi cael ei ladd gan berson arall.' },
  ),
  question(
    'mhhr_perpetrator_mental_health_care',
    {
      en: 'Was the person who committed the homicide receiving, or had they recently received, care from mental health services?',
      cy: 'A oedd y sawl a gyflawnodd y dynladdiad yn cael gofal gan wasanaethau iechyd meddwl, neu a oedd wedi cael gofal o’r fath yn ddiweddar?',
    },
    {
      en: 'Mental Health Homicide Review criteria: confirm them with the Board.',
      cy: 'Meini prawf Adolygiad Dynladdiad Iechyd Meddwl: cadarnhewch nhw gyda’r Bwrdd.',
    },
  ),
  question(
    'owhr_death_aged_18_or_over',
    { en: 'Has a person aged 18 or over died?', cy: 'A oes person 18 oed neu’n hŷn wedi marw?' },
    { en: 'Offensive Weapons Homicide Reviews concern adults.', cy: 'Mae Adolygiadau Dynladdiad ag Arfau Ymosodol yn ymwneud ag oedolion.' },
  ),
  question(
    'owhr_offensive_weapon',
    {
      en: 'Did the death result, or may it have resulted, from an incident in which an offensive weapon was used?',
      cy: 'A wnaeth y farwolaeth ddeillio, neu a allai fod wedi deillio, o ddigwyddiad pan ddefnyddiwyd arf ymosodol?',
    },
    { en: 'For example a knife or another bladed article.', cy: 'Er enghraifft cyllell neu eitem arall â llafn.' },
  ),
  question(
    'owhr_pilot_area',
    {
      en: 'Is the area covered by an Offensive Weapons Homicide Review pilot?',
      cy: 'A yw’r ardal yn rhan o gynllun peilot Adolygiadau Dynladdiad ag Arfau Ymosodol?',
    },
    { en: 'In Wales the pilot runs in South Wales.', cy: 'Yng Nghymru, mae’r cynllun peilot yn cael ei gynnal yn Ne Cymru.' },
  ),
];

export const DEFAULT_SUSR_STREAMS: readonly SusrStream[] = [
  { id: 'child_practice_review', name: { en: 'Child Practice Review', cy: 'Adolygiad Ymarfer Plant' }, rule: 'child_practice_review', confirmed: true },
  {
    id: 'adult_practice_review',
    name: { en: 'Adult Practice Review', cy: 'Adolygiad Ymarfer Oedolion' },
    rule: { all: [yes('in_area'), yes('apr_adult_at_risk'), yes('apr_abuse_or_neglect'), yes('apr_serious_harm')] },
    confirmed: false,
  },
  {
    id: 'domestic_homicide_review',
    name: { en: 'Domestic Homicide Review', cy: 'Adolygiad Dynladdiad Domestig' },
    rule: { all: [yes('dhr_death_aged_16_or_over'), yes('dhr_by_relative_partner_or_household')] },
    confirmed: false,
  },
  {
    id: 'mental_health_homicide_review',
    name: { en: 'Mental Health Homicide Review', cy: 'Adolygiad Dynladdiad Iechyd Meddwl' },
    rule: { all: [yes('mhhr_homicide'), yes('mhhr_perpetrator_mental_health_care')] },
    confirmed: false,
  },
  {
    id: 'offensive_weapons_homicide_review',
    // Welsh Government writes both "Arfau Bygythiol" and "Arf Ymosodol"; this service uses "Arfau Ymosodol"
    // (offensive weapons, as in the Police, Crime, Sentencing and Courts Act 2022) everywhere: docs/welsh.md.
    name: { en: 'Offensive Weapons Homicide Review', cy: 'Adolygiad Dynladdiad ag Arfau Ymosodol' },
    rule: { all: [yes('owhr_death_aged_18_or_over'), yes('owhr_offensive_weapon'), yes('owhr_pilot_area')] },
    confirmed: false,
  },
];

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
      const rule = s.rule;
      const d = determine(questions, ruleQuestions(rule), answers, (a) => (holds(rule, a) ? 'met' : 'not_met'));
      outcomes.push(d.determined ? { stream: s.id, outcome: d.outcome, blocking: [] } : { stream: s.id, outcome: 'undetermined', blocking: d.blocking });
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
    timers: [
      ...DECISION_TIMERS,
      // SUSR numeric timescales are unconfirmed (DOMAIN.md §3.5): Board settings.
      { id: 'completion', anchor: 'decision', direction: 'after', duration: { amount: 6, unit: 'months' }, configurable: true, basis: 'board_setting' },
      { id: 'review_period', anchor: 'incident', direction: 'before', duration: { amount: 12, unit: 'months' }, configurable: true, basis: 'board_setting' },
    ],
    alternativeRoutes: ['multi_agency_professional_forum', 'single_agency_review'],
  };
}

export const SUSR_2024: Framework = buildSusrFramework();
