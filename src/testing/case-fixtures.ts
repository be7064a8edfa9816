// Callers and referrals for tests of case work, created through the real services.
import type { Services } from '../container.ts';
import { askedQuestions, type Framework } from '../domain/frameworks/index.ts';
import type { Language } from '../domain/organisation.ts';
import type { Actor } from '../domain/permissions.ts';
import { type Pseudonym, pseudonymText } from '../domain/pseudonyms.ts';
import type { BoardRole } from '../domain/roles.ts';
import type { Caller } from '../services/context.ts';
import type { ReferralInput } from '../services/referral-service.ts';
import { type AnyAuditAction, testAction } from './audit-actions.ts';
import { seedPerson } from './fixtures.ts';

export async function callerWithRole(
  services: Services,
  role: BoardRole,
  boardId: string,
  action: AnyAuditAction = 'TEST',
  person: { email?: string; fullName?: string } = {},
): Promise<Caller & { personId: string; email: string }> {
  const seeded = await seedPerson(services, { roles: [{ role, boardId }], ...person });
  const loaded = await services.identity.loadActor(seeded.id, true);
  if (!loaded) throw new Error('seeded person not found');
  const actor: Actor = { personId: seeded.id, grants: loaded.grants, twoFactorSatisfied: true };
  return { actor, ip: '127.0.0.1', requestId: null, action: testAction(action), personId: seeded.id, email: seeded.email };
}

/** How a record's child (or family member) is written for a reader: "Child A" by default, "Plentyn A" in Welsh. */
export function codeOf(record: { pseudonym: Pseudonym }, language?: Language): string;
export function codeOf(record: { pseudonym: Pseudonym } | undefined, language?: Language): string | undefined;
export function codeOf(record: { pseudonym: Pseudonym } | undefined, language: Language = 'en'): string | undefined {
  return record ? pseudonymText(record.pseudonym, language) : undefined;
}

export function as(caller: Caller, action: AnyAuditAction): Caller {
  return { ...caller, action: testAction(action) };
}

export function referralInput(boardId: string, overrides: Partial<ReferralInput> = {}): ReferralInput {
  return {
    boardId,
    referringAgencyId: null,
    referrerName: 'Duty manager',
    referrerRole: 'Children’s services',
    referrerEmail: 'referrer@example.org',
    receivedOn: '2026-11-20',
    incidentOn: '2026-11-18',
    incidentType: 'death',
    impairmentIdentifiedOn: null,
    abuseOrNeglect: 'suspected',
    inBoardArea: true,
    initialFacts: 'Known facts as reported by the police.',
    child: { fullName: 'Siân Ŵyn Prydderch', dateOfBirthOn: '2019-05-04', address: '1 Stryd Fawr', isDeceased: true },
    periods: [],
    familyMembers: [],
    agenciesInvolved: [],
    proceedings: [],
    ...overrides,
  };
}

/** Criteria answers that meet the "must" test for a death where abuse or neglect is suspected; every other criterion is left "not known yet" by those who use it. */
export const MUST_ANSWERS: Record<string, { answer: string; facts: string }> = {
  in_area: { answer: 'yes', facts: 'Home address is in the board area.' },
  abuse_or_neglect: { answer: 'suspected', facts: 'Police report unexplained injuries.' },
  child_died: { answer: 'yes', facts: 'Death confirmed at hospital.' },
  life_threatening_injury: { answer: 'no', facts: 'Not applicable: the child died.' },
  serious_permanent_impairment: { answer: 'no', facts: 'Not applicable.' },
  other_harm: { answer: 'no', facts: 'Not applicable.' },
};

/**
 * Answers to every criterion a framework asks: those given (default: the "must" answers), 'Not known yet'
 * for the rest; no stream of an SUSR raised unless an answer given raises it.
 */
export function criteriaAnswers(
  framework: Pick<Framework, 'questions'>,
  given: Record<string, { answer: string; facts: string | null }> = MUST_ANSWERS,
): Record<string, { answer: string; facts: string | null }> {
  const answers: Record<string, { answer: string; facts: string | null }> = {};
  for (const q of framework.questions) if (q.raisesStream) answers[q.id] = given[q.id] ?? { answer: 'no', facts: null };
  const flat = Object.fromEntries(Object.entries(answers).map(([id, a]) => [id, a.answer]));
  for (const q of askedQuestions(framework.questions, flat)) answers[q.id] ??= given[q.id] ?? { answer: 'unknown', facts: null };
  return answers;
}
