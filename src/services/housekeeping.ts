// Housekeeping, a recurring job (every 15 minutes, once across all app instances): forgets what can no
// longer be used and is kept for nothing — expired sessions, one-time links that were used, revoked or
// have expired, email changes confirmed, revoked or expired, password reset requests older than the
// window their limits count, sign-in throttle buckets a day after their last failure, and jobs done a
// week ago. Nothing else: audit events, people, grants and dead jobs stay.
import type { Db } from '../db/database.ts';
import { deleteExpiredSessions, deleteOldPasswordResetRequests, deleteSpentLinks, deleteStaleThrottles } from '../db/repositories/auth-repository.ts';
import { deleteSpentEmailChanges } from '../db/repositories/email-changes-repository.ts';
import { deleteDoneJobs } from '../db/repositories/jobs-repository.ts';
import type { Clock } from './context.ts';
import { PASSWORD_RESET_LIMITS } from './identity-passwords.ts';
import type { JobKind } from './job-service.ts';

export const HOUSEKEEPING_JOB = 'housekeeping';
export const HOUSEKEEPING_EVERY_MS = 15 * 60_000;

/** How long each kind of row is kept after it stops mattering. */
export const KEEP = {
  /** Sign-in throttle buckets: a day after the last failure (and warning). */
  throttleMs: 24 * 3_600_000,
  /** Password reset requests: the window within which PASSWORD_RESET_LIMITS counts them. */
  passwordResetMs: PASSWORD_RESET_LIMITS.windowMs,
  /** Jobs done (their payloads went when they finished): a week, for the administration page. */
  doneJobMs: 7 * 24 * 3_600_000,
} as const;

export interface HousekeepingReport {
  sessions: number;
  links: number;
  emailChanges: number;
  passwordResetRequests: number;
  signInThrottles: number;
  jobs: number;
}

export class HousekeepingService {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  /** Deletes what has expired by now; returns how many rows of each kind went. */
  async purge(): Promise<HousekeepingReport> {
    const db = this.deps.db.kysely;
    const now = this.deps.clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      sessions: await deleteExpiredSessions(db, iso(now)),
      links: await deleteSpentLinks(db, iso(now)),
      emailChanges: await deleteSpentEmailChanges(db, iso(now)),
      passwordResetRequests: await deleteOldPasswordResetRequests(db, iso(now - KEEP.passwordResetMs)),
      signInThrottles: await deleteStaleThrottles(db, iso(now - KEEP.throttleMs)),
      jobs: await deleteDoneJobs(db, iso(now - KEEP.doneJobMs)),
    };
  }

  job(): JobKind<unknown> {
    return {
      maxAttempts: 3,
      run: async () => {
        await this.purge();
      },
    };
  }
}
