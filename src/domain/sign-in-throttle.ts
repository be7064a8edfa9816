// Sign-in throttling (OWASP's "slow down, never lock out", with device cookies): failures are counted
// in buckets (a typed email address whether or not it is anyone's account, a client address, a
// browser that has completed a sign-in for the account, a person's second factor). After a few free
// failures, an attempt that comes before the last failure plus a delay is answered "wait" without the
// password being checked; the delay doubles with each failure up to a cap. So guessing stays slow, and
// the owner with the right password (and second factor) always gets in: at once from a browser they
// have signed in with before (its own bucket), otherwise after at most the cap.
//
// Pure: the service stores the state per bucket and claims each attempt with compare-and-set, counting
// it as a failure before the check (so parallel attempts cannot get more checks than the delay allows)
// and taking the count back for a success.

export interface ThrottlePolicy {
  /** Failures in a row without any delay. */
  free: number;
  /** The delay after the first failure beyond the free ones; it doubles with each further failure. */
  baseMs: number;
  /** The longest delay. */
  capMs: number;
  /** Failures are forgotten this long after the last one. */
  windowMs: number;
}

/** An email address typed on the sign-in page, a browser that signed in before, a person's second factor. */
export const ACCOUNT_THROTTLE: ThrottlePolicy = { free: 3, baseMs: 2_000, capMs: 60_000, windowMs: 15 * 60_000 };
/** A client address (IP), whatever addresses it tries: more free attempts (an office behind one address). */
export const ADDRESS_THROTTLE: ThrottlePolicy = { free: 20, baseMs: 2_000, capMs: 60_000, windowMs: 15 * 60_000 };
/** The person is emailed (at most once per window) when an account's failures reach this many. */
export const WARN_AFTER_FAILURES = 5;

export interface ThrottleState {
  failures: number;
  /** Epoch milliseconds. */
  lastFailureAt: number;
  nextAttemptAt: number;
}

/** The delay before the next attempt after `failures` failures in a row. */
export function throttleDelayMs(failures: number, policy: ThrottlePolicy): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.baseMs * 2 ** Math.min(failures - policy.free - 1, 30), policy.capMs);
}

export type ThrottleDecision = { allowed: false; waitMs: number } | { allowed: true; next: ThrottleState };

/**
 * Whether an attempt may be checked now, and the state that counts it as a failure (taken back by
 * afterSuccess when it succeeds).
 */
export function claimAttempt(state: ThrottleState | undefined, now: number, policy: ThrottlePolicy): ThrottleDecision {
  const current = state && now - state.lastFailureAt <= policy.windowMs ? state : undefined;
  if (current && current.nextAttemptAt > now) return { allowed: false, waitMs: current.nextAttemptAt - now };
  const failures = (current?.failures ?? 0) + 1;
  return { allowed: true, next: { failures, lastFailureAt: now, nextAttemptAt: now + throttleDelayMs(failures, policy) } };
}

/** A claimed attempt that did not count after all (it succeeded, or another bucket refused it). */
export function releaseAttempt(state: ThrottleState, policy: ThrottlePolicy): ThrottleState {
  const failures = Math.max(0, state.failures - 1);
  return { failures, lastFailureAt: state.lastFailureAt, nextAttemptAt: state.lastFailureAt + throttleDelayMs(failures, policy) };
}

/** Whole seconds to tell a person to wait: at least 2, so that the message is always plural ("2 seconds"). */
export function waitSeconds(waitMs: number): number {
  return Math.max(2, Math.ceil(waitMs / 1000));
}
