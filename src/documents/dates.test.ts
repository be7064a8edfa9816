import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLongDate } from './dates.ts';

test('dates are written out in English', () => {
  assert.equal(formatLongDate('2026-11-27', 'en'), '27 November 2026');
  assert.equal(formatLongDate('2026-01-01', 'en'), '1 January 2026');
});

test('dates are written out in Welsh', () => {
  assert.equal(formatLongDate('2026-11-27', 'cy'), '27 Tachwedd 2026');
  assert.equal(formatLongDate('2026-02-28', 'cy'), '28 Chwefror 2026');
  assert.equal(formatLongDate('2026-07-01', 'cy'), '1 Gorffennaf 2026');
});

test('the date does not shift with the time zone of the server', (t) => {
  // Midnight UTC is still the previous day in the Americas; the calendar date must stay as given.
  const saved = process.env.TZ;
  t.after(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  for (const zone of ['America/New_York', 'Pacific/Kiritimati', 'Europe/London']) {
    process.env.TZ = zone;
    assert.equal(formatLongDate('2024-02-29', 'en'), '29 February 2024', zone);
    assert.equal(formatLongDate('2026-12-31', 'cy'), '31 Rhagfyr 2026', zone);
  }
});

test('anything that is not a real calendar date is refused', () => {
  for (const bad of ['2026-02-30', '27/11/2026', '2026-13-01', '', '2026-11-27T10:00:00Z']) {
    assert.throws(() => formatLongDate(bad, 'en'), RangeError, bad);
  }
});
