// Sign-in throttling state in the database (src/domain/sign-in-throttle.ts holds the rules). Each
// attempt is claimed in every bucket it belongs to before the password or code is checked, with
// compare-and-set on the bucket's version: of parallel attempts only those the delay allows get a
// check, on SQLite and PostgreSQL alike, across app instances.
import type { Db } from '../db/database.ts';
import { claimThrottleWarning, findThrottle, insertThrottle, updateThrottle } from '../db/repositories/auth-repository.ts';
import type { SignInThrottleRow } from '../db/schema/sessions.ts';
import type { Executor } from '../db/transaction.ts';
import { claimAttempt, releaseAttempt, type ThrottlePolicy, type ThrottleState } from '../domain/sign-in-throttle.ts';
import type { Clock } from './context.ts';
import { sha256 } from './secrets.ts';

export interface Bucket {
  /** e.g. `account:<sha256 of the address>`, `address:<ip>`, `device:<id>`, `second-factor:<person id>`. */
  key: string;
  policy: ThrottlePolicy;
  /** What a successful attempt does to the bucket: start again (an account, a device) or only not count (an address). */
  onSuccess: 'reset' | 'release';
}

export type ClaimResult = { ok: true; claimed: Bucket[]; failures: Map<string, number> } | { ok: false; waitMs: number };

/** Bucket keys: no email address is stored, only its hash. */
export const buckets = {
  account: (email: string): string => `account:${sha256(email.trim().toLowerCase())}`,
  address: (ip: string): string => `address:${ip}`,
  device: (id: string): string => `device:${sha256(id)}`,
  secondFactor: (personId: string): string => `second-factor:${personId}`,
  secondFactorDevice: (id: string): string => `second-factor-device:${sha256(id)}`,
  warned: (personId: string): string => `warned:${personId}`,
};

/** Compare-and-set rounds before an attempt is refused as if throttled (only under heavy contention). */
const MAX_ROUNDS = 25;

function stateOf(row: SignInThrottleRow): ThrottleState {
  return { failures: row.failures, lastFailureAt: Date.parse(row.last_failure_at), nextAttemptAt: Date.parse(row.next_attempt_at) };
}

const iso = (ms: number) => new Date(ms).toISOString();

export class SignInThrottle {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  private get db(): Executor {
    return this.deps.db.kysely;
  }

  /** Claims one attempt in a bucket: counted as a failure now, or refused with how long to wait. */
  private async claimOne(bucket: Bucket, now: number): Promise<{ ok: true; failures: number } | { ok: false; waitMs: number }> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const row = await findThrottle(this.db, bucket.key);
      const decision = claimAttempt(row ? stateOf(row) : undefined, now, bucket.policy);
      if (!decision.allowed) return { ok: false, waitMs: decision.waitMs };
      const next = { failures: decision.next.failures, lastFailureAt: iso(decision.next.lastFailureAt), nextAttemptAt: iso(decision.next.nextAttemptAt) };
      const done = row ? await updateThrottle(this.db, bucket.key, row.version, next) : await insertThrottle(this.db, { bucket: bucket.key, ...next });
      if (done) return { ok: true, failures: decision.next.failures };
    }
    return { ok: false, waitMs: bucket.policy.baseMs };
  }

  /** Changes a bucket's state with compare-and-set, retrying when another request got there first. */
  private async change(key: string, change: (state: ThrottleState) => ThrottleState): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const row = await findThrottle(this.db, key);
      if (!row) return;
      const next = change(stateOf(row));
      const state = { failures: next.failures, lastFailureAt: iso(next.lastFailureAt), nextAttemptAt: iso(next.nextAttemptAt) };
      if (await updateThrottle(this.db, key, row.version, state)) return;
    }
  }

  /**
   * Claims an attempt in every bucket, in order. When one refuses, the ones already claimed are given
   * back (the attempt was never checked) and the caller is told how long to wait.
   */
  async claim(list: Bucket[]): Promise<ClaimResult> {
    const now = this.deps.clock.now().getTime();
    const claimed: Bucket[] = [];
    const failures = new Map<string, number>();
    for (const bucket of list) {
      const result = await this.claimOne(bucket, now);
      if (!result.ok) {
        await this.release(claimed);
        return { ok: false, waitMs: result.waitMs };
      }
      claimed.push(bucket);
      failures.set(bucket.key, result.failures);
    }
    return { ok: true, claimed, failures };
  }

  /** The claimed attempt does not count as a failure after all. */
  async release(list: Bucket[]): Promise<void> {
    for (const bucket of list) await this.change(bucket.key, (s) => releaseAttempt(s, bucket.policy));
  }

  /** The attempt succeeded: accounts and devices start again; an address only does not count it. */
  async succeeded(list: Bucket[]): Promise<void> {
    const now = this.deps.clock.now().getTime();
    for (const bucket of list) {
      if (bucket.onSuccess === 'release') await this.change(bucket.key, (s) => releaseAttempt(s, bucket.policy));
      else await this.change(bucket.key, () => ({ failures: 0, lastFailureAt: now, nextAttemptAt: now }));
    }
  }

  /**
   * Whether to email the person about repeated failures now: true at most once per window per person
   * (also across parallel requests and app instances). In the transaction that queues the email.
   */
  async claimWarning(trx: Executor, personId: string, windowMs: number): Promise<boolean> {
    const now = this.deps.clock.now().getTime();
    const key = buckets.warned(personId);
    await insertThrottle(trx, { bucket: key, failures: 0, lastFailureAt: iso(now), nextAttemptAt: iso(now) });
    return claimThrottleWarning(trx, key, iso(now), iso(now - windowMs));
  }
}
