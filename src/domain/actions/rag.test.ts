// The RAG rule (issue 12 item 2): every status and date case, the override and when it lapses, and that the
// rule never says green for an overdue action nor anything but complete for one out of its owner's hands.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../clock/dates.ts';
import { ACTION_STATUSES, type ActionStatus } from './action.ts';
import { AMBER_WINDOW_DAYS, computedRag, effectiveRag, isOverdue, STALE_AFTER_DAYS } from './rag.ts';

const today = '2027-03-10';
const facts = (status: ActionStatus, targetOn: string, lastUpdateOn = today) => ({ status, targetOn, lastUpdateOn });

test('complete (awaiting verification) and every later status, and closed, rate "complete" whatever the dates', () => {
  for (const status of ['complete', 'verified', 'impact_evidenced', 'sustained', 'closed'] as const) {
    assert.equal(computedRag(facts(status, '2020-01-01', '2020-01-01'), today), 'complete', status);
    assert.equal(isOverdue(facts(status, '2020-01-01'), today), false, status);
  }
});

test('red: off track, or past the target date', () => {
  assert.equal(computedRag(facts('off_track', '2028-01-01'), today), 'red');
  for (const status of ['not_started', 'on_track', 'at_risk'] as const) {
    assert.equal(computedRag(facts(status, addDays(today, -1)), today), 'red', status);
    assert.equal(isOverdue(facts(status, addDays(today, -1)), today), true);
  }
  // Due today is not yet overdue.
  assert.equal(computedRag(facts('on_track', today), today), 'green');
  assert.equal(isOverdue(facts('on_track', today), today), false);
});

test('amber: at risk; not started near its target date; no update for a long time', () => {
  assert.equal(computedRag(facts('at_risk', '2028-01-01'), today), 'amber');
  assert.equal(computedRag(facts('not_started', addDays(today, AMBER_WINDOW_DAYS)), today), 'amber');
  assert.equal(computedRag(facts('not_started', addDays(today, AMBER_WINDOW_DAYS + 1)), today), 'green');
  assert.equal(computedRag(facts('on_track', addDays(today, 5)), today), 'green', 'started: close to the date is fine');
  assert.equal(computedRag(facts('on_track', '2028-01-01', addDays(today, -STALE_AFTER_DAYS)), today), 'amber');
  assert.equal(computedRag(facts('on_track', '2028-01-01', addDays(today, -STALE_AFTER_DAYS + 1)), today), 'green');
});

test('never green when overdue or off track, whatever else (every status, a year of days)', () => {
  for (const status of ACTION_STATUSES) {
    for (let d = -200; d <= 200; d += 7) {
      const targetOn = addDays(today, d);
      for (const stale of [0, STALE_AFTER_DAYS]) {
        const rag = computedRag(facts(status, targetOn, addDays(today, -stale)), today);
        if (isOverdue({ status, targetOn }, today) || status === 'off_track') assert.equal(rag, 'red', `${status} ${targetOn}`);
        if (rag === 'complete') assert.ok(['complete', 'verified', 'impact_evidenced', 'sustained', 'closed'].includes(status));
      }
    }
  }
});

test('the business unit’s override holds while the status is the one it was given for', () => {
  const a = { ...facts('on_track', addDays(today, -3)), override: { rag: 'amber' as const, atStatus: 'on_track' as const } };
  assert.deepEqual(effectiveRag(a, today), { rag: 'amber', overridden: true });
  assert.deepEqual(effectiveRag({ ...a, status: 'at_risk' }, today), { rag: 'red', overridden: false }, 'a new status: the rule again');
  assert.deepEqual(effectiveRag({ ...a, override: null }, today), { rag: 'red', overridden: false });
});
