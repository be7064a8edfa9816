import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysBetween } from '../clock/dates.ts';
import { childPracticeReviewType, lookBackWindow } from './look-back.ts';

const none = { childProtectionRegisterPeriods: [], lookedAfterPeriods: [] };

test('the 6 months before an event run from 6 calendar months before it to the day before it', () => {
  assert.deepEqual(lookBackWindow('2024-07-15'), { startOn: '2024-01-15', endOn: '2024-07-14' });
  assert.equal(daysBetween('2024-01-15', '2024-07-15'), 182, 'the first day of the window is the 182nd day before the event');
  assert.deepEqual(lookBackWindow('2024-08-31'), { startOn: '2024-02-29', endOn: '2024-08-30' });
  assert.deepEqual(lookBackWindow('2025-03-01'), { startOn: '2024-09-01', endOn: '2025-02-28' });
});

test('day 182 and day 183: a period ending on the first day of the window counts, one ending the day before does not', () => {
  // Event 2024-07-15; window 2024-01-15 … 2024-07-14.
  const endsOnDay182 = { startOn: '2023-06-01', endOn: '2024-01-15' };
  const endsOnDay183 = { startOn: '2023-06-01', endOn: '2024-01-14' };
  assert.equal(childPracticeReviewType({ ...none, childProtectionRegisterPeriods: [endsOnDay182] }, ['2024-07-15']).type, 'extended');
  assert.equal(childPracticeReviewType({ ...none, childProtectionRegisterPeriods: [endsOnDay183] }, ['2024-07-15']).type, 'concise');
  assert.equal(childPracticeReviewType({ ...none, lookedAfterPeriods: [endsOnDay182] }, ['2024-07-15']).type, 'extended');
  assert.equal(childPracticeReviewType({ ...none, lookedAfterPeriods: [endsOnDay183] }, ['2024-07-15']).type, 'concise');
});

test('the last day of the window is the day before the event; periods starting on or after the event do not count', () => {
  assert.equal(childPracticeReviewType({ ...none, childProtectionRegisterPeriods: [{ startOn: '2024-07-14', endOn: null }] }, ['2024-07-15']).type, 'extended');
  assert.equal(childPracticeReviewType({ ...none, childProtectionRegisterPeriods: [{ startOn: '2024-07-15', endOn: null }] }, ['2024-07-15']).type, 'concise');
  assert.equal(childPracticeReviewType({ ...none, lookedAfterPeriods: [{ startOn: '2024-08-01', endOn: '2024-09-01' }] }, ['2024-07-15']).type, 'concise');
});

test('open-ended periods and periods spanning the whole window count', () => {
  assert.equal(childPracticeReviewType({ ...none, lookedAfterPeriods: [{ startOn: '2019-01-01', endOn: null }] }, ['2024-07-15']).type, 'extended');
  assert.equal(childPracticeReviewType({ ...none, lookedAfterPeriods: [{ startOn: '2019-01-01', endOn: '2025-01-01' }] }, ['2024-07-15']).type, 'extended');
  assert.equal(childPracticeReviewType({ ...none, lookedAfterPeriods: [{ startOn: '2019-01-01', endOn: '2020-01-01' }] }, ['2024-07-15']).type, 'concise');
});

test('a young person now over 18 who was looked after in the window counts', () => {
  // Turned 18 on 2024-03-01, looked after until the day before; event 2024-07-15 at age 18.
  const r = childPracticeReviewType({ ...none, lookedAfterPeriods: [{ startOn: '2015-05-01', endOn: '2024-02-29' }] }, ['2024-07-15']);
  assert.deepEqual(r, { type: 'extended', reasons: ['looked_after'] });
});

test('reasons name what was found', () => {
  const both = childPracticeReviewType(
    { childProtectionRegisterPeriods: [{ startOn: '2024-03-01', endOn: null }], lookedAfterPeriods: [{ startOn: '2024-05-01', endOn: null }] },
    ['2024-07-15'],
  );
  assert.deepEqual(both.reasons, ['on_child_protection_register', 'looked_after']);
  assert.deepEqual(childPracticeReviewType(none, ['2024-07-15']), { type: 'concise', reasons: ['neither_registered_nor_looked_after'] });
});

test('any of several reference dates can make the review extended', () => {
  const facts = { ...none, childProtectionRegisterPeriods: [{ startOn: '2023-01-01', endOn: '2023-06-30' }] };
  assert.equal(childPracticeReviewType(facts, ['2024-07-15']).type, 'concise');
  assert.equal(childPracticeReviewType(facts, ['2024-07-15', '2023-12-01']).type, 'extended');
});
