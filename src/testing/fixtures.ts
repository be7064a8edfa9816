// Seeds through the real services and repositories (never SQL from tests) for tests and the demo.

import { generateSync } from 'otplib';
import type { Services } from '../container.ts';
import { insertBoard } from '../db/repositories/organisation-repository.ts';
import { insertPerson, insertRoleAssignment, sealTotpSecret, updatePersonColumns } from '../db/repositories/people-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Language } from '../domain/organisation.ts';
import type { BoardRole, ReviewRole } from '../domain/roles.ts';
import { newId } from '../services/context.ts';
import { hashPassword } from '../services/secrets.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export async function seedBoard(
  services: Services,
  code = 'TEST',
  names = { en: 'Test Safeguarding Children Board', cy: 'Bwrdd Diogelu Plant Prawf' },
  nation: 'wales' | 'england' = 'wales',
) {
  const at = services.clock.now().toISOString();
  const board = {
    id: newId(),
    code,
    nameEn: names.en,
    nameCy: names.cy,
    boardType: nation === 'england' ? ('SCP' as const) : ('RSB' as const),
    nation,
    region: null,
    validFromOn: null,
    validToOn: null,
    predecessorBoardId: null,
    isActive: true,
    createdAt: at,
    updatedAt: at,
  };
  await insertBoard(services.db.kysely, board);
  return board;
}

export interface SeededPerson {
  id: string;
  email: string;
  totpSecret?: string;
}

/**
 * A person with a password and roles (in effect at once, as existing assignments are: no confirmation);
 * with totp: true, enrolled in two-factor (secret returned); with password: false, never signed in yet
 * (an account that can be invited).
 */
export async function seedPerson(
  services: Services,
  opts: {
    email?: string;
    fullName?: string;
    roles?: { role: BoardRole; boardId: string | null }[];
    /** Roles on one review (an agency's roles name the agency), as the review workflow gives them. */
    reviewRoles?: { role: ReviewRole; boardId: string; reviewId: string; agencyId?: string | null }[];
    totp?: boolean;
    password?: boolean;
    agencyId?: string | null;
    language?: Language;
  } = {},
): Promise<SeededPerson> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = newId();
  const email = opts.email ?? `person-${id.slice(-8)}@example.org`;
  const at = services.clock.now().toISOString();
  const totpSecret = opts.totp ? 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' : undefined;
  await inTransaction(services.db, async (trx) => {
    await insertPerson(
      trx,
      { id, email, fullName: opts.fullName ?? 'Test Person', jobTitle: null, agencyId: opts.agencyId ?? null, language: opts.language ?? 'en' },
      at,
    );
    const password = opts.password === false ? {} : { password_hash: await passwordHash, password_changed_at: at };
    await updatePersonColumns(
      trx,
      id,
      { ...password, ...(totpSecret ? { totp_secret: sealTotpSecret(services.cipher, id, totpSecret), totp_enabled_at: at } : {}) },
      at,
    );
    for (const r of opts.roles ?? []) {
      await insertRoleAssignment(
        trx,
        { id: newId(), personId: id, role: r.role, scope: r.boardId ? { type: 'board', boardId: r.boardId } : { type: 'deployment' }, createdBy: null },
        at,
      );
    }
    for (const r of opts.reviewRoles ?? []) {
      await insertRoleAssignment(
        trx,
        {
          id: newId(),
          personId: id,
          role: r.role,
          scope: { type: 'review', boardId: r.boardId, reviewId: r.reviewId, agencyId: r.agencyId ?? null },
          createdBy: null,
        },
        at,
      );
    }
  });
  return { id, email, ...(totpSecret ? { totpSecret } : {}) };
}

export function totpCode(secret: string, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** Gives an existing person a password (as if they had set one through a reset link). */
export async function givePassword(services: Services, personId: string): Promise<void> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const at = services.clock.now().toISOString();
  await inTransaction(services.db, (trx) => updatePersonColumns(trx, personId, { password_hash: hash, password_changed_at: at }, at));
}
