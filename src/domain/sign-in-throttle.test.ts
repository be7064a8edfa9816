import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCOUNT_THROTTLE, claimAttempt, releaseAttempt, throttleDelayMs, waitSeconds } from './sign-in-throttle.ts';

const P = ACCOUNT_THROTTLE;

test('the delay: none for the free failures, then doubling from the base up to the cap', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 50, 10_000].map((n) => throttleDelayMs(n, P)),
    [0, 0, 0, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000],
  );
});

test('an attempt before the delay is over is refused with the time left; after it, it is counted', () => {
  let state = undefined as ReturnType<typeof releaseAttempt> | undefined;
  const now = 1_000_000;
  for (let i = 1; i <= P.free + 1; i++) {
    const d = claimAttempt(state, now, P);
    assert.ok(d.allowed, `attempt ${i}`);
    if (d.allowed) state = d.next;
  }
  const early = claimAttempt(state, now + 500, P);
  assert.deepEqual(early, { allowed: false, waitMs: 1_500 });
  const later = claimAttempt(state, now + 2_000, P);
  assert.ok(later.allowed);
  if (later.allowed) assert.equal(later.next.failures, P.free + 2);
});

test('failures are forgotten a window after the last one; a released attempt does not count', () => {
  const state = { failures: 9, lastFailureAt: 0, nextAttemptAt: 60_000 };
  const fresh = claimAttempt(state, P.windowMs + 1, P);
  assert.ok(fresh.allowed);
  if (fresh.allowed) assert.equal(fresh.next.failures, 1);
  assert.deepEqual(releaseAttempt({ failures: 4, lastFailureAt: 10, nextAttemptAt: 2_010 }, P), { failures: 3, lastFailureAt: 10, nextAttemptAt: 10 });
  assert.equal(waitSeconds(1), 2, 'always at least 2 seconds, so the message reads "2 seconds"');
  assert.equal(waitSeconds(59_001), 60);
});
