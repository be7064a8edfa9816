// The clocks count working and paused days over stretches instead of walking day by day (bench/README.md).
// These properties check the counted results against the plain day-by-day walk, kept here as the reference.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addDays, type IsoDate } from './dates.ts';
import { type Hold, readClock } from './pausable-clock.ts';
import { type CalendarRegion, type Duration, dueDate, isWorkingDay, workingDaysBetween } from './working-days.ts';

function walkedWorkingDaysBetween(a: IsoDate, b: IsoDate, region: CalendarRegion): number {
  if (b < a) return -walkedWorkingDaysBetween(b, a, region);
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d, region)) n++;
  return n;
}

function walkedClock(startOn: IsoDate, target: Duration, holds: readonly Hold[], asOf: IsoDate, region: CalendarRegion) {
  const pausedOn = (date: IsoDate, hs: readonly { pausedOn: IsoDate; resumedOn: IsoDate | null }[]) =>
    hs.some((h) => h.pausedOn < date && (h.resumedOn === null || date <= h.resumedOn));
  const elapsed = { calendarDays: 0, workingDays: 0 };
  const paused = { calendarDays: 0, workingDays: 0 };
  for (let d = addDays(startOn, 1); d <= asOf; d = addDays(d, 1)) {
    const bucket = pausedOn(d, holds) ? paused : elapsed;
    bucket.calendarDays++;
    if (isWorkingDay(d, region)) bucket.workingDays++;
  }
  const originalDueOn = dueDate(startOn, target, region);
  const byWorkingDays = target.unit === 'working_days';
  const steps = byWorkingDays ? target.amount : Math.round((Date.parse(originalDueOn) - Date.parse(startOn)) / 86_400_000);
  const closed = holds.map((h) => ({ pausedOn: h.pausedOn, resumedOn: h.resumedOn ?? (asOf > h.pausedOn ? asOf : h.pausedOn) }));
  let dueOn = originalDueOn;
  if (steps > 0) {
    let counted = 0;
    let d = startOn;
    while (counted < steps) {
      d = addDays(d, 1);
      if (pausedOn(d, closed)) continue;
      if (!byWorkingDays || isWorkingDay(d, region)) counted++;
    }
    dueOn = d;
  }
  // A due date is a working day: one that lands on a weekend or a bank holiday moves to the next working day.
  while (!isWorkingDay(dueOn, region)) dueOn = addDays(dueOn, 1);
  return { elapsed, paused, dueOn };
}

const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));
const region = fc.constantFrom<CalendarRegion>('england', 'wales');

test('working days between two dates: counted equals walked, over years and in both directions', () => {
  fc.assert(
    fc.property(day('2016-01-01', 4000), day('2016-01-01', 4000), region, (a, b, r) => {
      assert.equal(workingDaysBetween(a, b, r), walkedWorkingDaysBetween(a, b, r));
    }),
    { numRuns: 300 },
  );
});

test('clock readings: counted elapsed, paused and due dates equal the day-by-day walk', () => {
  const hold = fc
    .tuple(day('2023-01-01', 1200), fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }))
    .map(([pausedOn, length]): Hold => ({ pausedOn, resumedOn: length === null ? null : addDays(pausedOn, length), reason: 'criminal_proceedings' }));
  const target = fc.oneof(
    fc.record({ amount: fc.integer({ min: 1, max: 30 }), unit: fc.constant('working_days' as const) }),
    fc.record({ amount: fc.integer({ min: 1, max: 12 }), unit: fc.constantFrom('weeks' as const, 'months' as const, 'calendar_days' as const) }),
  );
  fc.assert(
    fc.property(day('2023-01-01', 1200), day('2023-01-01', 1500), target, fc.array(hold, { maxLength: 3 }), region, (startOn, asOf, t, holds, r) => {
      const counted = readClock({ startOn, target: t, holds, asOf, region: r });
      const walked = walkedClock(startOn, t, holds, asOf, r);
      assert.deepEqual(counted.elapsed, walked.elapsed);
      assert.deepEqual(counted.paused, walked.paused);
      assert.equal(counted.dueOn, walked.dueOn);
    }),
    { numRuns: 500 },
  );
});

test('a hold that begins on the day the clock falls due does not move it', () => {
  for (const target of [
    { amount: 15, unit: 'working_days' },
    { amount: 4, unit: 'weeks' },
  ] as const) {
    const due = dueDate('2026-01-05', target, 'wales');
    const holds: Hold[] = [{ pausedOn: due, resumedOn: addDays(due, 30), reason: 'criminal_proceedings' }];
    const counted = readClock({ startOn: '2026-01-05', target, holds, asOf: '2026-03-31', region: 'wales' });
    assert.equal(counted.dueOn, due);
    assert.equal(counted.dueOn, walkedClock('2026-01-05', target, holds, '2026-03-31', 'wales').dueOn);
  }
});
