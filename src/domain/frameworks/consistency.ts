// A criterion answer must not contradict the referral it assesses (issue 3): the referral records the
// incident type, whether abuse or neglect is known or suspected, and whether the incident was in the
// Board's area. Only definite contradictions count — 'unknown' never contradicts, and 'suspected' against
// a referral saying 'known' (or the reverse) is a difference of certainty, not a contradiction. When the
// facts change (a child dies in hospital after a life-threatening injury), the referral is corrected first.
import type { CriterionAnswers, Framework } from './types.ts';

export type IncidentType = 'death' | 'life_threatening_injury' | 'serious_permanent_impairment' | 'other_harm';
export type AbuseOrNeglect = 'known' | 'suspected' | 'not_suspected';

export interface ReferralFacts {
  incidentType: IncidentType;
  abuseOrNeglect: AbuseOrNeglect;
  inArea: boolean;
}

export interface Contradiction {
  questionId: string;
  answer: string;
  referralField: keyof ReferralFacts;
  /** The referral's value, as stored ('yes'/'no' for inArea). */
  referralValue: string;
  /** Locale-neutral code, e.g. 'contradicts_incident_type'. */
  code: 'contradicts_incident_type' | 'contradicts_abuse_or_neglect' | 'contradicts_in_area';
}

/** The answer each harm question cannot have, given the referral's incident type. */
const HARM_CONTRADICTIONS: Record<IncidentType, Record<string, string>> = {
  death: { child_died: 'no' },
  life_threatening_injury: { child_died: 'yes', life_threatening_injury: 'no' },
  serious_permanent_impairment: { child_died: 'yes', serious_permanent_impairment: 'no' },
  other_harm: { child_died: 'yes', life_threatening_injury: 'yes', serious_permanent_impairment: 'yes', other_harm: 'no' },
};

/** Answers that contradict the referral, among the questions the framework asks. */
export function referralContradictions(framework: Pick<Framework, 'questions'>, referral: ReferralFacts, answers: CriterionAnswers): Contradiction[] {
  const asked = new Set(framework.questions.map((q) => q.id));
  const out: Contradiction[] = [];
  const answerTo = (id: string) => (asked.has(id) ? answers[id] : undefined);

  const inArea = answerTo('in_area');
  const referralInArea = referral.inArea ? 'yes' : 'no';
  if ((inArea === 'yes' || inArea === 'no') && inArea !== referralInArea) {
    out.push({ questionId: 'in_area', answer: inArea, referralField: 'inArea', referralValue: referralInArea, code: 'contradicts_in_area' });
  }

  const abuse = answerTo('abuse_or_neglect');
  const answerSuspects = abuse === 'known' || abuse === 'suspected';
  if ((referral.abuseOrNeglect === 'not_suspected' && answerSuspects) || (referral.abuseOrNeglect !== 'not_suspected' && abuse === 'not_suspected')) {
    out.push({
      questionId: 'abuse_or_neglect',
      answer: abuse ?? '',
      referralField: 'abuseOrNeglect',
      referralValue: referral.abuseOrNeglect,
      code: 'contradicts_abuse_or_neglect',
    });
  }

  for (const [questionId, impossible] of Object.entries(HARM_CONTRADICTIONS[referral.incidentType])) {
    if (answerTo(questionId) === impossible) {
      out.push({ questionId, answer: impossible, referralField: 'incidentType', referralValue: referral.incidentType, code: 'contradicts_incident_type' });
    }
  }
  return out;
}
