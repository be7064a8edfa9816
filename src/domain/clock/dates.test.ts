import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCalendar, addDays, addMonths, dayOfWeek, daysBetween, isIsoDate } from './dates.ts';

test('only real calendar dates written YYYY-MM-DD are dates', () => {
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2026-02-29'), false);
  assert.equal(isIsoDate('2026-13-01'), false);
  assert.equal(isIsoDate('2026-1-01'), false);
  assert.equal(isIsoDate('2026-01-01T00:00:00Z'), false);
  assert.equal(isIsoDate(20260101), false);
  assert.throws(() => addDays('2026-02-30', 1), RangeError);
});

test('day arithmetic ignores the clocks changing (British Summer Time starts 2026-03-29, ends 2026-10-25)', () => {
  assert.equal(addDays('2026-03-28', 1), '2026-03-29');
  assert.equal(addDays('2026-03-29', 1), '2026-03-30');
  assert.equal(addDays('2026-10-25', 1), '2026-10-26');
  assert.equal(daysBetween('2026-03-01', '2026-04-01'), 31);
  assert.equal(daysBetween('2026-04-01', '2026-03-01'), -31);
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
});

test('months keep the day of the month, or end on the last day of a shorter month', () => {
  assert.equal(addMonths('2026-01-15', 1), '2026-02-15');
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
  assert.equal(addMonths('2024-08-31', -6), '2024-02-29');
  assert.equal(addMonths('2026-03-31', -1), '2026-02-28');
  assert.equal(addMonths('2026-12-15', 1), '2027-01-15');
  assert.equal(addMonths('2025-01-15', -13), '2023-12-15');
  assert.equal(addMonths('2024-07-15', -6), '2024-01-15');
});

test('calendar durations: days, weeks and months', () => {
  assert.equal(addCalendar('2026-01-05', { weeks: 4 }), '2026-02-02');
  assert.equal(addCalendar('2026-01-05', { days: 28 }), '2026-02-02');
  assert.equal(addCalendar('2026-01-31', { months: 1, days: 1 }), '2026-03-01');
  assert.equal(addCalendar('2026-06-30', { months: 6 }), '2026-12-30');
  assert.throws(() => addCalendar('2026-01-01', { days: 1.5 }), RangeError);
});

test('day of the week', () => {
  assert.equal(dayOfWeek('2026-12-25'), 5, 'Christmas Day 2026 is a Friday');
  assert.equal(dayOfWeek('2026-12-26'), 6);
  assert.equal(dayOfWeek('2026-12-28'), 1);
  assert.equal(dayOfWeek('1970-01-01'), 4);
  assert.equal(dayOfWeek('1969-12-28'), 0);
});
