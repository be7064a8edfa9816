// What the API tests of boards, agencies, people and the API as a whole share: a world of two boards with their
// administrators and API tokens, a caller of the API, and its problem+json and audit checks.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { Services } from '../container.ts';
import { testCaller } from './audit-actions.ts';
import { seedBoard, seedPerson } from './fixtures.ts';
import { buildTestApp } from './test-app.ts';

export type Json = Record<string, unknown>;

export async function tokenFor(services: Services, email: string): Promise<string> {
  return (await services.tokens.create(testCaller('TEST_TOKEN'), email, 'test')).token;
}

export async function adminApiWorld(t: TestContext, dialect: 'sqlite' | 'postgres') {
  const { app, services } = await buildTestApp(t, dialect);
  const boardA = await seedBoard(services, 'AAA', { en: 'Board A', cy: 'Bwrdd A' });
  const boardB = await seedBoard(services, 'BBB', { en: 'Board B', cy: 'Bwrdd B' });
  const root = await seedPerson(services, { fullName: 'Root Admin', roles: [{ role: 'administrator', boardId: null }], totp: true });
  const adminA = await seedPerson(services, { fullName: 'Admin A', roles: [{ role: 'administrator', boardId: boardA.id }], totp: true });
  const adminB = await seedPerson(services, { fullName: 'Admin B', roles: [{ role: 'administrator', boardId: boardB.id }], totp: true });
  const unitA = await seedPerson(services, { fullName: 'Unit A', roles: [{ role: 'business_unit', boardId: boardA.id }] });
  const tokens = {
    root: await tokenFor(services, root.email),
    adminA: await tokenFor(services, adminA.email),
    adminB: await tokenFor(services, adminB.email),
    unitA: await tokenFor(services, unitA.email),
  };
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, token?: string, payload?: unknown) => {
    const res = await app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
    return Object.assign(res, { data: res.body ? (JSON.parse(res.body) as Json) : {} });
  };
  return { app, services, boardA, boardB, root, adminA, adminB, unitA, tokens, call };
}

export function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; data: Json }, status: number) {
  assert.equal(res.statusCode, status, JSON.stringify(res.data));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.data.status, status);
  assert.equal(typeof res.data.title, 'string');
  assert.equal(res.data.type, 'about:blank');
}

export async function auditRows(services: Services, action: string, recordId?: string) {
  let q = services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action);
  if (recordId) q = q.where('record_id', '=', recordId);
  return q.execute();
}
