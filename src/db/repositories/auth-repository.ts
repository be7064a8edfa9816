// Sessions, one-time links, sign-in attempts and throttles, password reset requests, API tokens and settings.
import type { ApiTokenRow, OneTimeLinkRow, SessionRow, SignInThrottleRow } from '../schema/sessions.ts';
import type { Executor } from '../transaction.ts';

export async function getSetting(db: Executor, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Inserts the value unless the key exists; returns the stored value (so racing instances agree). */
export async function ensureSetting(db: Executor, key: string, value: string): Promise<string> {
  await db
    .insertInto('app_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await getSetting(db, key)) ?? value;
}

// Sessions
export async function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function upsertSession(db: Executor, row: SessionRow): Promise<void> {
  await db
    .insertInto('sessions')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        person_id: row.person_id,
        data: row.data,
        last_seen_at: row.last_seen_at,
        expires_at: row.expires_at,
        absolute_expires_at: row.absolute_expires_at,
      }),
    )
    .execute();
}

export async function touchSession(db: Executor, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfPerson(db: Executor, personId: string, exceptId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('person_id', '=', personId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<number> {
  const r = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('absolute_expires_at', '<', now)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// One-time links
export async function insertOneTimeLink(db: Executor, row: OneTimeLinkRow): Promise<void> {
  await db.insertInto('one_time_links').values(row).execute();
}

export async function findOneTimeLinkByHash(db: Executor, tokenHash: string): Promise<OneTimeLinkRow | undefined> {
  return db.selectFrom('one_time_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks the link used if it still is usable; returns false when another request used it first. */
export async function consumeOneTimeLink(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('one_time_links')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeOpenLinks(db: Executor, personId: string, purpose: string, at: string): Promise<void> {
  await db
    .updateTable('one_time_links')
    .set({ revoked_at: at })
    .where('person_id', '=', personId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every open link of a purpose, whoever it is for (the first administrator's has no person). */
export async function revokeAllOpenLinks(db: Executor, purpose: string, at: string): Promise<void> {
  await db
    .updateTable('one_time_links')
    .set({ revoked_at: at })
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes one open link of a person and purpose; false when there is no such open link. */
export async function revokeOpenLink(db: Executor, linkId: string, personId: string, purpose: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('one_time_links')
    .set({ revoked_at: at })
    .where('id', '=', linkId)
    .where('person_id', '=', personId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Revokes every API token a person holds. */
export async function revokeApiTokens(db: Executor, personId: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('person_id', '=', personId).where('revoked_at', 'is', null).execute();
}

export async function listOpenLinks(db: Executor, purpose: string, now: string): Promise<OneTimeLinkRow[]> {
  return db
    .selectFrom('one_time_links')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

// Sign-in attempts
export async function recordSignInAttempt(db: Executor, a: { id: string; email: string; ip: string; succeeded: boolean; at: string }): Promise<void> {
  await db
    .insertInto('sign_in_attempts')
    .values({ id: a.id, email: a.email, ip: a.ip, succeeded: a.succeeded ? 1 : 0, occurred_at: a.at })
    .execute();
}

// Sign-in throttles (src/domain/sign-in-throttle.ts): one row per bucket, changed by compare-and-set.
export async function findThrottle(db: Executor, bucket: string): Promise<SignInThrottleRow | undefined> {
  return db.selectFrom('sign_in_throttles').selectAll().where('bucket', '=', bucket).executeTakeFirst();
}

/** Inserts the bucket's first row; false when another request inserted it first. */
export async function insertThrottle(
  db: Executor,
  row: { bucket: string; failures: number; lastFailureAt: string; nextAttemptAt: string; warnedAt?: string },
): Promise<boolean> {
  const r = await db
    .insertInto('sign_in_throttles')
    .values({
      bucket: row.bucket,
      failures: row.failures,
      last_failure_at: row.lastFailureAt,
      next_attempt_at: row.nextAttemptAt,
      version: 1,
      warned_at: row.warnedAt ?? null,
    })
    .onConflict((oc) => oc.column('bucket').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Sets the bucket's state if no one changed it since it was read at `version`; false otherwise. */
export async function updateThrottle(
  db: Executor,
  bucket: string,
  version: number,
  state: { failures: number; lastFailureAt: string; nextAttemptAt: string },
): Promise<boolean> {
  const r = await db
    .updateTable('sign_in_throttles')
    .set({ failures: state.failures, last_failure_at: state.lastFailureAt, next_attempt_at: state.nextAttemptAt, version: version + 1 })
    .where('bucket', '=', bucket)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks the bucket warned unless it was warned since `since` (or another request just did); true when this call did. */
export async function claimThrottleWarning(db: Executor, bucket: string, at: string, since: string): Promise<boolean> {
  const r = await db
    .updateTable('sign_in_throttles')
    .set((eb) => ({ warned_at: at, version: eb('version', '+', 1) }))
    .where('bucket', '=', bucket)
    .where((eb) => eb.or([eb('warned_at', 'is', null), eb('warned_at', '<', since)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Forgets buckets whose last failure is older than `before` (housekeeping). */
export async function deleteStaleThrottles(db: Executor, before: string): Promise<number> {
  const r = await db
    .deleteFrom('sign_in_throttles')
    .where('last_failure_at', '<', before)
    .where((eb) => eb.or([eb('warned_at', 'is', null), eb('warned_at', '<', before)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Housekeeping: forgets one-time links that can no longer be used (used, revoked or expired by `now`). */
export async function deleteSpentLinks(db: Executor, now: string): Promise<number> {
  const r = await db
    .deleteFrom('one_time_links')
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('revoked_at', 'is not', null), eb('expires_at', '<=', now)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// Password reset requests
export type PasswordResetOutcome = 'sent' | 'no_account' | 'suppressed';

export async function insertPasswordResetRequest(
  db: Executor,
  r: { id: string; personId: string | null; ip: string; outcome: PasswordResetOutcome; at: string },
): Promise<void> {
  await db.insertInto('password_reset_requests').values({ id: r.id, person_id: r.personId, ip: r.ip, outcome: r.outcome, requested_at: r.at }).execute();
}

/** Requests since a time: from one address (any outcome), or links sent to one person. */
export async function countPasswordResetRequests(db: Executor, by: { ip: string } | { sentTo: string }, since: string): Promise<number> {
  let q = db
    .selectFrom('password_reset_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('requested_at', '>=', since);
  q = 'ip' in by ? q.where('ip', '=', by.ip) : q.where('person_id', '=', by.sentTo).where('outcome', '=', 'sent');
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Housekeeping: forgets requests made before `before` (older than the window the limits count). */
export async function deleteOldPasswordResetRequests(db: Executor, before: string): Promise<number> {
  const r = await db.deleteFrom('password_reset_requests').where('requested_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// API tokens
export async function insertApiToken(db: Executor, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function findApiTokenByHash(db: Executor, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function listApiTokens(db: Executor, personId?: string): Promise<ApiTokenRow[]> {
  let q = db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc');
  if (personId) q = q.where('person_id', '=', personId);
  return q.execute();
}

export async function revokeApiToken(db: Executor, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function touchApiToken(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
