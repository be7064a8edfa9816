// Criteria rules as data, and how to reach an outcome when some answers are not known yet: every way the
// unknown answers could turn out is tried; if all give the same outcome it stands, otherwise the outcome
// is undetermined and the unknown questions that make the difference are the ones blocking it.
import { type CriterionAnswers, type CriterionQuestion, UNKNOWN } from './types.ts';

/** A condition on the answers: one question's answer is among some values; all of; any of. */
export type Rule = { question: string; in: readonly string[] } | { all: readonly Rule[] } | { any: readonly Rule[] };

export const yes = (question: string): Rule => ({ question, in: ['yes'] });

export function ruleQuestions(rule: Rule): string[] {
  if ('question' in rule) return [rule.question];
  const parts = 'all' in rule ? rule.all : rule.any;
  return [...new Set(parts.flatMap(ruleQuestions))];
}

/** Evaluates a rule on answers in which every question it reads is known. */
export function holds(rule: Rule, answers: CriterionAnswers): boolean {
  if ('question' in rule) return rule.in.includes(answers[rule.question] ?? UNKNOWN);
  if ('all' in rule) return rule.all.every((r) => holds(r, answers));
  return rule.any.some((r) => holds(r, answers));
}

export function isUnknown(answers: CriterionAnswers, questionId: string): boolean {
  const a = answers[questionId];
  return a === undefined || a === UNKNOWN;
}

export type Determination<T extends string> = { determined: true; outcome: T } | { determined: false; possible: T[]; blocking: string[] };

/**
 * Applies classify to every completion of the unknown answers among the relevant questions. classify sees
 * the answers with each of those unknowns replaced by one of the question's known values.
 */
export function determine<T extends string>(
  questions: readonly CriterionQuestion[],
  relevant: readonly string[],
  answers: CriterionAnswers,
  classify: (complete: CriterionAnswers) => T,
): Determination<T> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const unknowns = relevant.filter((id) => isUnknown(answers, id));
  const options = unknowns.map((id) => {
    const q = byId.get(id);
    if (!q) throw new Error(`Rule reads a question the framework does not ask: ${id}`);
    return q.choices.map((c) => c.value).filter((v) => v !== UNKNOWN);
  });
  const results: { values: string[]; outcome: T }[] = [];
  const walk = (i: number, values: string[]) => {
    if (i === unknowns.length) {
      const complete: Record<string, string | undefined> = { ...answers };
      unknowns.forEach((id, j) => {
        complete[id] = values[j];
      });
      results.push({ values, outcome: classify(complete) });
      return;
    }
    for (const v of options[i] ?? []) walk(i + 1, [...values, v]);
  };
  walk(0, []);
  const possible = [...new Set(results.map((r) => r.outcome))];
  if (possible.length === 1 && possible[0] !== undefined) return { determined: true, outcome: possible[0] };
  const blocking = unknowns.filter((_, j) => {
    const groups = new Map<string, Set<T>>();
    for (const r of results) {
      const key = r.values.filter((_, k) => k !== j).join('\u0000');
      const set = groups.get(key) ?? new Set<T>();
      set.add(r.outcome);
      groups.set(key, set);
    }
    return [...groups.values()].some((s) => s.size > 1);
  });
  return { determined: false, possible, blocking };
}

/**
 * Problems with a set of answers, by question id: 'criteria.unknownQuestion' for an id the framework does
 * not ask, 'criteria.invalidAnswer' for a value not among the question's choices.
 */
export function answerProblems(questions: readonly CriterionQuestion[], answers: CriterionAnswers): Record<string, string> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: Record<string, string> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value === undefined) continue;
    const q = byId.get(id);
    if (!q) problems[id] = 'criteria.unknownQuestion';
    else if (!q.choices.some((c) => c.value === value)) problems[id] = 'criteria.invalidAnswer';
  }
  return problems;
}

/**
 * The questions asked, given the answers so far: a question with askedWhen (one of an SUSR stream raised by
 * the facts) is asked only when that answer holds; the others always are. Answers to questions not asked
 * count for nothing.
 */
export function askedQuestions(questions: readonly CriterionQuestion[], answers: CriterionAnswers): CriterionQuestion[] {
  return questions.filter((q) => !q.askedWhen || q.askedWhen.in.includes(answers[q.askedWhen.question] ?? UNKNOWN));
}
