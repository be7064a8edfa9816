import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { dateAndTime, formatDate, formatDateOf, formatDateTime, formatTime, londonDate, londonDays, londonInstant, londonMidnight } from './london.ts';

test('today in London: 00:30 BST on 1 July is still 30 June in UTC', () => {
  assert.equal(londonDate(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
  assert.equal(londonDate(new Date('2026-06-30T22:59:59Z')), '2026-06-30');
  // In winter London is on UTC.
  assert.equal(londonDate(new Date('2026-12-06T23:30:00Z')), '2026-12-06');
  assert.equal(londonDate('2026-12-07T00:00:00.000Z'), '2026-12-07');
});

test('the clocks changing: the last Sundays of March and October', () => {
  // 2026-03-29 01:00 UTC: GMT → BST. 2026-10-25 01:00 UTC: BST → GMT.
  assert.equal(formatTime('2026-03-29T00:59:00Z'), '00:59');
  assert.equal(formatTime('2026-03-29T01:00:00Z'), '02:00');
  assert.equal(formatTime('2026-10-25T00:59:00Z'), '01:59');
  assert.equal(formatTime('2026-10-25T01:00:00Z'), '01:00');
  assert.equal(londonMidnight('2026-03-29').toISOString(), '2026-03-29T00:00:00.000Z');
  assert.equal(londonMidnight('2026-03-30').toISOString(), '2026-03-29T23:00:00.000Z');
  assert.equal(londonMidnight('2026-10-25').toISOString(), '2026-10-24T23:00:00.000Z');
  assert.equal(londonMidnight('2026-10-26').toISOString(), '2026-10-26T00:00:00.000Z');
  assert.deepEqual(londonDays('2026-07-01', '2026-07-01'), { fromAt: '2026-06-30T23:00:00.000Z', beforeAt: '2026-07-01T23:00:00.000Z' });
  assert.deepEqual(londonDays(undefined, undefined), {});
});

test('dates are written out in English and Welsh, with no leading zero', () => {
  assert.equal(formatDate('2026-11-27', 'en'), '27 November 2026');
  assert.equal(formatDate('2026-01-01', 'en'), '1 January 2026');
  assert.equal(formatDate('2026-12-06', 'cy'), '6 Rhagfyr 2026');
  assert.equal(formatDate('2026-02-28', 'cy'), '28 Chwefror 2026');
  assert.equal(formatDate('2026-07-01', 'cy'), '1 Gorffennaf 2026');
});

test('an instant is written as its date and time in London', () => {
  assert.equal(formatDateOf('2026-06-30T23:30:00Z', 'en'), '1 July 2026');
  assert.equal(formatDateTime('2026-06-30T23:30:00.000Z', 'cy'), '1 Gorffennaf 2026, 00:30');
  assert.equal(formatDateTime('2026-12-06T14:05:00.000Z', 'en'), '6 December 2026, 14:05');
  assert.deepEqual(dateAndTime('2026-07-01T13:00:00Z', 'cy'), { date: '1 Gorffennaf 2026', time: '14:00' });
});

test('nothing depends on the time zone of the server', (t) => {
  const saved = process.env.TZ;
  t.after(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  for (const zone of ['America/New_York', 'Pacific/Kiritimati', 'UTC']) {
    process.env.TZ = zone;
    assert.equal(formatDate('2024-02-29', 'en'), '29 February 2024', zone);
    assert.equal(formatDate('2026-12-31', 'cy'), '31 Rhagfyr 2026', zone);
    assert.equal(londonDate(new Date('2026-06-30T23:30:00Z')), '2026-07-01', zone);
    assert.equal(formatTime('2026-06-30T23:30:00Z'), '00:30', zone);
  }
});

test('anything that is not a real calendar date or instant is refused', () => {
  for (const bad of ['2026-02-30', '27/11/2026', '2026-13-01', '', '2026-11-27T10:00:00Z']) {
    assert.throws(() => formatDate(bad, 'en'), RangeError, bad);
  }
  assert.throws(() => formatDateOf('not a time', 'en'), RangeError);
});

test('the remembered offset gives what Intl gives, to the second, for any instant from 1900 to 2200', () => {
  const intl = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
      const parts: Record<string, string> = {};
      for (const p of intl.formatToParts(new Date(ms))) parts[p.type] = p.value;
      const instant = new Date(ms);
      assert.equal(londonDate(instant), `${parts.year}-${parts.month}-${parts.day}`);
      assert.equal(formatTime(instant), `${parts.hour}:${parts.minute}`);
    }),
    { numRuns: 5000 },
  );
});

test('a London wall-clock time as an instant: BST in summer, GMT in winter, and back again for any time', () => {
  assert.equal(londonInstant('2026-07-01', '09:30').toISOString(), '2026-07-01T08:30:00.000Z');
  assert.equal(londonInstant('2026-12-07', '09:30').toISOString(), '2026-12-07T09:30:00.000Z');
  assert.equal(londonInstant('2026-03-29', '00:30').toISOString(), '2026-03-29T00:30:00.000Z', 'before the clocks go forward at 01:00 GMT');
  assert.equal(londonInstant('2026-03-29', '03:00').toISOString(), '2026-03-29T02:00:00.000Z', 'after');
  assert.throws(() => londonInstant('2026-02-30', '09:00'), RangeError);
  assert.throws(() => londonInstant('2026-02-03', '24:00'), RangeError);
  fc.assert(
    fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
      const at = new Date(Math.floor(d.getTime() / 60_000) * 60_000);
      const { date, time } = dateAndTime(at, 'en');
      // Once a year, the hour the clocks go back is read twice: either reading is that wall clock.
      const back = londonInstant(londonDate(at), time);
      assert.ok(back.getTime() === at.getTime() || Math.abs(back.getTime() - at.getTime()) === 3_600_000, `${at.toISOString()} (${date} ${time})`);
    }),
  );
});
