import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdProblems, readClock } from './pausable-clock.ts';
import { isWorkingDay } from './working-days.ts';

const fourWeeks = { amount: 4, unit: 'weeks' } as const;

test('a running clock: on track, due soon, due today, overdue', () => {
  // Monday 5 January 2026 + 4 weeks = Monday 2 February 2026.
  const base = { startOn: '2026-01-05', target: fourWeeks, holds: [], region: 'wales' } as const;
  const r = readClock({ ...base, asOf: '2026-01-19' });
  assert.equal(r.dueOn, '2026-02-02');
  assert.equal(r.originalDueOn, '2026-02-02');
  assert.deepEqual(r.elapsed, { calendarDays: 14, workingDays: 10 });
  assert.deepEqual(r.paused, { calendarDays: 0, workingDays: 0 });
  assert.deepEqual(r.remaining, { calendarDays: 14, workingDays: 10 });
  assert.equal(r.status, 'on_track');
  assert.equal(readClock({ ...base, asOf: '2026-01-25' }).status, 'on_track', '8 days left');
  assert.equal(readClock({ ...base, asOf: '2026-01-26' }).status, 'due_soon', '7 days left');
  const today = readClock({ ...base, asOf: '2026-02-02' });
  assert.equal(today.status, 'due_soon');
  assert.equal(today.daysOverdue, 0);
  const late = readClock({ ...base, asOf: '2026-02-05' });
  assert.equal(late.status, 'overdue');
  assert.equal(late.daysOverdue, 3);
  assert.deepEqual(late.remaining, { calendarDays: -3, workingDays: -3 });
  const before = readClock({ ...base, asOf: '2026-01-01' });
  assert.deepEqual(before.elapsed, { calendarDays: 0, workingDays: 0 });
  assert.equal(before.status, 'on_track');
});

test('a finished hold pushes the due date back by the paused days and is reported apart', () => {
  const r = readClock({
    startOn: '2026-01-05',
    target: fourWeeks,
    holds: [{ pausedOn: '2026-01-12', resumedOn: '2026-01-19', reason: 'criminal_proceedings' }],
    asOf: '2026-01-26',
    region: 'wales',
  });
  assert.deepEqual(r.paused, { calendarDays: 7, workingDays: 5 });
  assert.deepEqual(r.elapsed, { calendarDays: 14, workingDays: 10 });
  assert.equal(r.dueOn, '2026-02-09');
  assert.equal(r.originalDueOn, '2026-02-02');
  assert.equal(r.dueOnProvisional, false);
  assert.equal(r.activeHold, null);
  assert.equal(r.status, 'on_track');
});

test('a hold still running: status paused, the due date provisional', () => {
  const hold = { pausedOn: '2026-01-12', resumedOn: null, reason: 'criminal_proceedings' };
  const r = readClock({ startOn: '2026-01-05', target: fourWeeks, holds: [hold], asOf: '2026-01-20', region: 'wales' });
  assert.equal(r.status, 'paused');
  assert.deepEqual(r.activeHold, hold);
  assert.deepEqual(r.elapsed, { calendarDays: 7, workingDays: 5 });
  assert.deepEqual(r.paused, { calendarDays: 8, workingDays: 6 });
  assert.equal(r.dueOn, '2026-02-10', 'as if the clock restarted on asOf');
  assert.equal(r.dueOnProvisional, true);
  // Weeks later, still paused, never overdue while the hold lasts.
  const later = readClock({ startOn: '2026-01-05', target: fourWeeks, holds: [hold], asOf: '2026-06-01', region: 'wales' });
  assert.equal(later.status, 'paused');
  assert.equal(later.elapsed.calendarDays, 7);
});

test('the day a hold ends the clock runs again', () => {
  const holds = [{ pausedOn: '2026-01-12', resumedOn: '2026-01-19', reason: 'criminal_proceedings' }];
  assert.equal(readClock({ startOn: '2026-01-05', target: fourWeeks, holds, asOf: '2026-01-18', region: 'wales' }).status, 'paused');
  assert.equal(readClock({ startOn: '2026-01-05', target: fourWeeks, holds, asOf: '2026-01-19', region: 'wales' }).status, 'on_track');
});

test('a hold started after the due date does not excuse the delay', () => {
  const r = readClock({
    startOn: '2026-01-05',
    target: fourWeeks,
    holds: [{ pausedOn: '2026-02-10', resumedOn: null, reason: 'criminal_proceedings' }],
    asOf: '2026-02-20',
    region: 'wales',
  });
  assert.equal(r.dueOn, '2026-02-02');
  assert.equal(r.dueOnProvisional, false);
  assert.equal(r.status, 'overdue');
  assert.equal(r.daysOverdue, 18);
  assert.notEqual(r.activeHold, null);
});

test('overlapping holds count once; holds before the start do not count', () => {
  const r = readClock({
    startOn: '2026-01-05',
    target: fourWeeks,
    holds: [
      { pausedOn: '2025-12-01', resumedOn: '2026-01-05', reason: 'other' },
      { pausedOn: '2026-01-12', resumedOn: '2026-01-19', reason: 'criminal_proceedings' },
      { pausedOn: '2026-01-15', resumedOn: '2026-01-22', reason: 'inquest' },
    ],
    asOf: '2026-01-31',
    region: 'wales',
  });
  assert.equal(r.paused.calendarDays, 10);
  assert.equal(r.elapsed.calendarDays, 16);
  assert.equal(r.dueOn, '2026-02-12');
});

test('a working-day deadline over Christmas with a one-day hold', () => {
  const r = readClock({
    startOn: '2026-12-21',
    target: { amount: 5, unit: 'working_days' },
    holds: [{ pausedOn: '2026-12-22', resumedOn: '2026-12-23', reason: 'other' }],
    asOf: '2026-12-30',
    region: 'england',
  });
  assert.equal(r.originalDueOn, '2026-12-30');
  assert.equal(r.dueOn, '2026-12-31');
  assert.deepEqual(r.paused, { calendarDays: 1, workingDays: 1 });
  assert.deepEqual(r.elapsed, { calendarDays: 8, workingDays: 4 });
  assert.equal(r.remaining.workingDays, 1);
  assert.equal(r.status, 'due_soon');
});

test('invalid holds are refused', () => {
  assert.deepEqual(holdProblems([{ pausedOn: '2026-01-10', resumedOn: '2026-01-09', reason: 'x' }]), ['hold.resumedBeforePaused']);
  assert.deepEqual(holdProblems([{ pausedOn: '2026-02-30', resumedOn: null, reason: 'x' }]), ['hold.invalidDate']);
  assert.deepEqual(holdProblems([{ pausedOn: '2026-01-10', resumedOn: '2026-01-10', reason: 'x' }]), []);
  assert.throws(
    () =>
      readClock({
        startOn: '2026-01-05',
        target: fourWeeks,
        holds: [{ pausedOn: '2026-01-10', resumedOn: '2026-01-09', reason: 'x' }],
        asOf: '2026-01-20',
        region: 'wales',
      }),
    RangeError,
  );
});

test('a due date is a working day: a target that lands on a weekend or a bank holiday falls due on the next working day', () => {
  // Four weeks from Saturday 28 November 2026 is Saturday 26 December (Boxing Day); Monday 28 December is
  // its substitute bank holiday, so the decision falls due on Tuesday 29 December.
  const r = readClock({ startOn: '2026-11-28', target: fourWeeks, holds: [], asOf: '2026-12-01', region: 'wales' });
  assert.equal(r.originalDueOn, '2026-12-29');
  assert.equal(r.dueOn, '2026-12-29');
  // Sunday 3 January 2027 + 1 month: Wednesday 3 February, already a working day, stays.
  assert.equal(
    readClock({ startOn: '2027-01-03', target: { amount: 1, unit: 'months' }, holds: [], asOf: '2027-01-04', region: 'england' }).dueOn,
    '2027-02-03',
  );
  // Pushed back by a hold onto a weekend, it moves on too.
  const held = readClock({
    startOn: '2026-01-05',
    target: fourWeeks,
    holds: [{ pausedOn: '2026-01-10', resumedOn: '2026-01-15', reason: 'other' }],
    asOf: '2026-01-20',
    region: 'wales',
  });
  assert.equal(held.dueOn, '2026-02-09', 'Monday 2 February + 5 days is Saturday 7 February: Monday 9 February');
  for (const day of [r.dueOn, held.dueOn]) assert.ok(isWorkingDay(day, 'wales'), day);
});
