// Seeding and sign-in helpers for the administration and audit log tests.
import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../container.ts';
import type { Dialect } from '../db/database.ts';
import { insertAgency } from '../db/repositories/organisation-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { Agency, Sector } from '../domain/organisation.ts';
import type { BoardRole } from '../domain/roles.ts';
import { newId } from '../services/context.ts';
import { seedBoard, seedPerson } from './fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from './test-app.ts';

export async function seedAgency(
  services: Services,
  opts: { boardIds: string[]; nameEn?: string; nameCy?: string; sector?: Sector; isStatutoryPartner?: boolean; isActive?: boolean },
): Promise<Agency> {
  const agency: Agency = {
    id: newId(),
    nameEn: opts.nameEn ?? 'Test Police Force',
    nameCy: opts.nameCy ?? 'Heddlu Prawf',
    sector: opts.sector ?? 'police',
    isStatutoryPartner: opts.isStatutoryPartner ?? true,
    isActive: opts.isActive ?? true,
    boardIds: opts.boardIds,
  };
  await insertAgency(services.db.kysely, agency, services.clock.now().toISOString());
  return agency;
}

/** A signed-in browser for a new person holding the roles (two-factor enrolled, as administrators must be). */
export async function signedIn(
  app: FastifyInstance,
  services: Services,
  clock: TestClock,
  roles: { role: BoardRole; boardId: string | null }[],
  opts: { fullName?: string; email?: string; agencyId?: string | null } = {},
) {
  const person = await seedPerson(services, { roles, totp: true, ...opts });
  const browser = new Browser(app);
  await signIn(browser, person, clock);
  return { browser, person };
}

/** The app with two boards (A and B), a deployment administrator and an administrator of board A. */
export async function adminWorld(t: TestContext, dialect: Dialect, env?: Record<string, string>) {
  const clock = new TestClock();
  const { app, services } = await buildTestApp(t, dialect, { clock, ...(env ? { env } : {}) });
  const boardA = await seedBoard(services, 'BRD-A', { en: 'Board A', cy: 'Bwrdd A' });
  const boardB = await seedBoard(services, 'BRD-B', { en: 'Board B', cy: 'Bwrdd B' });
  const deploymentAdmin = await signedIn(app, services, clock, [{ role: 'administrator', boardId: null }], { fullName: 'Dee Ployment' });
  const boardAdmin = await signedIn(app, services, clock, [{ role: 'administrator', boardId: boardA.id }], { fullName: 'Bea Admin' });
  return { app, services, clock, boardA, boardB, deploymentAdmin, boardAdmin };
}

export async function auditActions(services: Services): Promise<string[]> {
  const rows = await services.db.kysely.selectFrom('audit_events').select('action').orderBy('seq').execute();
  return rows.map((r) => r.action);
}

/**
 * Events written by the service itself (no actor), one per record r0, r1, … on the board. Any name, as data
 * an older version wrote may hold a name this one no longer lists.
 */
export async function seedAuditEvents(services: Services, opts: { boardId: string; action: string; count: number }): Promise<void> {
  const caller = { actor: undefined, ip: null, requestId: null, action: opts.action as AuditAction };
  await inTransaction(services.db, async (trx) => {
    for (let i = 0; i < opts.count; i++) {
      await services.audit.record(trx, caller, { boardId: opts.boardId, recordType: 'test', recordId: `r${i}`, summary: { n: i } });
    }
  });
}
