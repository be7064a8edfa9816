// The child harm test shared by the Welsh frameworks (reg 4(1), reg 4A): within the Board's area, abuse
// or neglect of a child known or suspected, and the child died, sustained a potentially life-threatening
// injury, or sustained serious and permanent impairment of health or development.
import { ABUSE_OR_NEGLECT_MET } from './questions.ts';
import { type Rule, yes } from './rules.ts';
import type { CriterionAnswers } from './types.ts';

export const HARM_IDS = ['child_died', 'life_threatening_injury', 'serious_permanent_impairment'] as const;

export const ABUSE_OR_NEGLECT_RULE: Rule = { question: 'abuse_or_neglect', in: ABUSE_OR_NEGLECT_MET };

export const SERIOUS_HARM_RULE: Rule = { all: [yes('in_area'), ABUSE_OR_NEGLECT_RULE, { any: HARM_IDS.map(yes) }] };

/** Reasons for a met harm test: the area, the abuse or neglect answer, and each harm answered yes. */
export function metReasons(answers: CriterionAnswers, harmIds: readonly string[]): string[] {
  const reasons: string[] = [];
  if (answers.in_area === 'yes') reasons.push('in_area');
  const abuse = answers.abuse_or_neglect;
  if (abuse === 'known' || abuse === 'suspected') reasons.push(`abuse_or_neglect_${abuse}`);
  for (const id of harmIds) if (answers[id] === 'yes') reasons.push(id);
  return reasons;
}

/** Reasons for a test that is not met: each definite answer that rules it out. */
export function notMetReasons(answers: CriterionAnswers, harmIds: readonly string[]): string[] {
  const reasons: string[] = [];
  if (answers.in_area === 'no') reasons.push('not_in_area');
  if (answers.abuse_or_neglect === 'not_suspected') reasons.push('abuse_or_neglect_not_suspected');
  if (harmIds.every((id) => answers[id] === 'no')) reasons.push('no_qualifying_harm');
  return reasons;
}
