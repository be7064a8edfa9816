// Requested changes of a person's email address: single-use, expiring links sent to the new address
// (only the token's hash is kept). The address changes only when the link is used.
import type { EmailChangeRow } from '../schema/organisation.ts';
import type { Executor } from '../transaction.ts';

export async function insertEmailChange(
  db: Executor,
  c: { id: string; personId: string; newEmail: string; tokenHash: string; requestedBy: string | null; requestedAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('email_changes')
    .values({
      id: c.id,
      person_id: c.personId,
      new_email: c.newEmail,
      token_hash: c.tokenHash,
      requested_by: c.requestedBy,
      requested_at: c.requestedAt,
      expires_at: c.expiresAt,
      confirmed_at: null,
      revoked_at: null,
    })
    .execute();
}

export async function findEmailChangeByHash(db: Executor, tokenHash: string): Promise<EmailChangeRow | undefined> {
  return db.selectFrom('email_changes').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The person's change still open (neither used, revoked nor expired), if any: the newest. */
export async function openEmailChange(db: Executor, personId: string, now: string): Promise<EmailChangeRow | undefined> {
  return db
    .selectFrom('email_changes')
    .selectAll()
    .where('person_id', '=', personId)
    .where('confirmed_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Revokes the person's unused changes; returns how many. */
export async function revokeEmailChanges(db: Executor, personId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('email_changes')
    .set({ revoked_at: at })
    .where('person_id', '=', personId)
    .where('confirmed_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks the change used, if it still can be (single use even when two requests race); false otherwise. */
export async function consumeEmailChange(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('email_changes')
    .set({ confirmed_at: at })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Housekeeping: forgets changes that can no longer be confirmed (confirmed, revoked or expired by `now`). */
export async function deleteSpentEmailChanges(db: Executor, now: string): Promise<number> {
  const r = await db
    .deleteFrom('email_changes')
    .where((eb) => eb.or([eb('confirmed_at', 'is not', null), eb('revoked_at', 'is not', null), eb('expires_at', '<=', now)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
