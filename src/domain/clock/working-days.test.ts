import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addWorkingDays, bankHolidays, dueDate, isBankHoliday, isWorkingDay, workingDaysBetween } from './working-days.ts';

test('the 2026 bank holidays of England and Wales, substitute Boxing Day included', () => {
  const expected = [
    '2026-01-01',
    '2026-04-03', // Good Friday
    '2026-04-06', // Easter Monday
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25', // Friday
    '2026-12-26', // Saturday
    '2026-12-28', // Monday, substitute for Boxing Day
  ];
  for (const region of ['england', 'wales'] as const) {
    assert.deepEqual([...bankHolidays(2026, region).keys()].sort(), expected, region);
  }
  assert.equal(bankHolidays(2026, 'wales').get('2026-12-28'), 'Boxing Day (substitute day)');
  assert.equal(bankHolidays(2026, 'wales'), bankHolidays(2026, 'wales'), 'one year is computed once');
  assert.equal(isBankHoliday('2026-03-01', 'wales'), false, "St David's Day is not a bank holiday");
  assert.equal(isBankHoliday('2026-03-15', 'wales'), false, "observances such as Mother's Day are not holidays");
});

test('working days are Monday to Friday except bank holidays', () => {
  assert.equal(isWorkingDay('2026-12-24', 'wales'), true);
  assert.equal(isWorkingDay('2026-12-25', 'wales'), false);
  assert.equal(isWorkingDay('2026-12-27', 'wales'), false, 'Sunday');
  assert.equal(isWorkingDay('2026-12-28', 'england'), false, 'substitute day');
  assert.equal(isWorkingDay('2026-12-29', 'england'), true);
  assert.equal(isWorkingDay('2026-04-03', 'wales'), false);
  assert.equal(isWorkingDay('2026-04-06', 'wales'), false);
  assert.equal(isWorkingDay('2026-04-07', 'wales'), true);
});

test('adding working days skips Christmas and the substitute day', () => {
  // Aware on Monday 21 December 2026: notification due within 5 working days.
  assert.equal(addWorkingDays('2026-12-21', 5, 'england'), '2026-12-30');
  assert.equal(addWorkingDays('2026-12-24', 1, 'england'), '2026-12-29');
  // Rapid review within 15 working days (New Year's Day 2027 is a Friday).
  assert.equal(addWorkingDays('2026-12-21', 15, 'england'), '2027-01-14');
  assert.equal(addWorkingDays('2026-12-21', 0, 'england'), '2026-12-21');
  assert.equal(addWorkingDays('2026-12-29', -1, 'england'), '2026-12-24');
  assert.throws(() => addWorkingDays('2026-12-21', 1.5, 'england'), RangeError);
});

test('adding working days skips Easter', () => {
  assert.equal(addWorkingDays('2026-04-02', 1, 'wales'), '2026-04-07');
  assert.equal(addWorkingDays('2026-03-30', 5, 'wales'), '2026-04-08');
  // A start at the weekend: the first working day after it is day 1.
  assert.equal(addWorkingDays('2026-04-04', 1, 'wales'), '2026-04-07');
});

test('working days between two dates count the days after the first up to the second', () => {
  assert.equal(workingDaysBetween('2026-12-24', '2027-01-04', 'wales'), 4);
  assert.equal(workingDaysBetween('2027-01-04', '2026-12-24', 'wales'), -4);
  assert.equal(workingDaysBetween('2026-12-21', '2026-12-21', 'wales'), 0);
  assert.equal(workingDaysBetween('2026-12-21', '2026-12-30', 'wales'), 5);
  assert.equal(workingDaysBetween('2026-04-02', '2026-04-06', 'wales'), 0);
  for (const start of ['2026-12-18', '2026-12-21', '2026-12-26', '2026-04-01']) {
    for (const n of [1, 3, 7, 20]) assert.equal(workingDaysBetween(start, addWorkingDays(start, n, 'wales'), 'wales'), n, `${start} + ${n}`);
  }
});

test('due dates in each unit', () => {
  assert.equal(dueDate('2026-12-01', { amount: 4, unit: 'weeks' }, 'wales'), '2026-12-29');
  assert.equal(dueDate('2026-12-01', { amount: 28, unit: 'calendar_days' }, 'wales'), '2026-12-29');
  assert.equal(dueDate('2026-08-31', { amount: 6, unit: 'months' }, 'wales'), '2027-02-28');
  assert.equal(dueDate('2026-12-21', { amount: 5, unit: 'working_days' }, 'england'), '2026-12-30');
  assert.equal(dueDate('2026-07-15', { amount: -12, unit: 'months' }, 'wales'), '2025-07-15');
});
