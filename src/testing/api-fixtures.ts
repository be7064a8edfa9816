// Two boards with a person (and an API token) for every role, and helpers to call the JSON API and take a
// referral along its path, for API tests of case work. Everyone holding a role is enrolled in two-factor.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { Dialect } from '../db/database.ts';
import type { BoardRole } from '../domain/roles.ts';
import { testCaller } from './audit-actions.ts';
import { MUST_ANSWERS, referralInput } from './case-fixtures.ts';
import { seedBoard, seedPerson } from './fixtures.ts';
import { buildTestApp, TestClock } from './test-app.ts';

export type Json = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function apiWorld(t: TestContext, dialect: Dialect) {
  const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
  const { app, services } = await buildTestApp(t, dialect, { clock });
  const boardA = await seedBoard(services, 'AAA', { en: 'Board A', cy: 'Bwrdd A' });
  const boardB = await seedBoard(services, 'BBB', { en: 'Board B', cy: 'Bwrdd B' });
  const person = (fullName: string, role: BoardRole, boardId: string | null) => seedPerson(services, { fullName, roles: [{ role, boardId }], totp: true });
  const people = {
    root: await person('Root Admin', 'administrator', null),
    adminA: await person('Admin A', 'administrator', boardA.id),
    unitA: await person('Unit A', 'business_unit', boardA.id),
    referrerA: await person('Referrer A', 'agency_referrer', boardA.id),
    memberA: await person('Member A', 'management_group_member', boardA.id),
    groupChairA: await person('Group Chair A', 'management_group_chair', boardA.id),
    chairA: await person('Chair A', 'board_chair', boardA.id),
    boardMemberA: await person('Board Member A', 'board_member', boardA.id),
    unitB: await person('Unit B', 'business_unit', boardB.id),
    memberB: await person('Member B', 'management_group_member', boardB.id),
    chairB: await person('Chair B', 'board_chair', boardB.id),
  };
  const tokens = {} as Record<keyof typeof people, string>;
  for (const [key, p] of Object.entries(people)) {
    tokens[key as keyof typeof people] = (await services.tokens.create(testCaller('TEST_TOKEN'), p.email, 'test')).token;
  }
  const call = async (method: Method, url: string, token?: string, payload?: unknown) => {
    const res = await app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
    const json = /json/.test(String(res.headers['content-type'])) && res.body ? (JSON.parse(res.body) as Json) : {};
    return Object.assign(res, { data: json });
  };
  /** A referral body for the API: the test fixture without its boardId. */
  const body = (overrides: Parameters<typeof referralInput>[1] = {}) => {
    const { boardId: _board, ...rest } = referralInput(boardA.id, overrides);
    return rest;
  };
  const createReferral = async (overrides: Parameters<typeof referralInput>[1] = {}, token = tokens.unitA, boardId = boardA.id) => {
    const res = await call('POST', `/api/v1/boards/${boardId}/referrals`, token, body(overrides));
    assert.equal(res.statusCode, 201, JSON.stringify(res.data));
    return res.data as Json & { id: string; childCode: string };
  };
  /** Answers to every criterion the framework in force asks: the "must" answers, else not known yet; no other SUSR stream raised. */
  const mustAnswers = async (referralId: string) => {
    const criteria = await call('GET', `/api/v1/referrals/${referralId}/criteria`, tokens.memberA);
    assert.equal(criteria.statusCode, 200, JSON.stringify(criteria.data));
    const questions = criteria.data.questions as { id: string; askedWhen: unknown; raisesStream: string | null }[];
    return Object.fromEntries(
      questions
        .filter((q) => q.askedWhen === null)
        .map((q) => [q.id, q.raisesStream ? { answer: 'no', facts: null } : (MUST_ANSWERS[q.id] ?? { answer: 'unknown', facts: null })]),
    );
  };
  /** Takes a referral of board A to the chair: the group's analysis, then its recommendation of a review. */
  const recommend = async (referralId: string, recommendation: Json = { route: 'review', reasons: 'The statutory criteria are met.' }) => {
    const assessed = await call('POST', `/api/v1/referrals/${referralId}/assessments`, tokens.memberA, { answers: await mustAnswers(referralId) });
    assert.equal(assessed.statusCode, 201, JSON.stringify(assessed.data));
    const recommended = await call('POST', `/api/v1/referrals/${referralId}/recommendations`, tokens.groupChairA, recommendation);
    assert.equal(recommended.statusCode, 201, JSON.stringify(recommended.data));
  };
  /** The audit events written since `after` (a seq), oldest first. */
  const eventsAfter = async (after: number) => services.db.kysely.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq').execute();
  /** What was written after `after` besides the refusals (403) the service audits of itself. */
  const writtenAfter = async (after: number) => (await eventsAfter(after)).filter((e) => e.action !== 'ACCESS_REFUSED');
  /** The routes refused (403) after `after`, as the audit log names them. */
  const refusedAfter = async (after: number) =>
    (await eventsAfter(after)).filter((e) => e.action === 'ACCESS_REFUSED').map((e) => (JSON.parse(e.summary) as { route: string }).route);
  const lastSeq = async () => {
    const row = await services.db.kysely
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  };
  return {
    app,
    services,
    clock,
    boardA,
    boardB,
    people,
    tokens,
    call,
    body,
    createReferral,
    mustAnswers,
    recommend,
    eventsAfter,
    writtenAfter,
    refusedAfter,
    lastSeq,
  };
}

export function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; data: Json }, status: number) {
  assert.equal(res.statusCode, status, JSON.stringify(res.data));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.data.status, status);
}

export function fieldCodes(res: { data: Json }): [unknown, unknown][] {
  return ((res.data.errors as Json[]) ?? []).map((e) => [e.field, e.code]);
}
