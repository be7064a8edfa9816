import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromEpochDay, toEpochDay } from '../clock/dates.ts';
import { compareEntries, DATE_PRECISIONS, type EntryPosition, periodStart } from './entry.ts';
import { isInMergedOrder, mergeAgencyLists } from './merge.ts';

const AGENCIES = ['a-police', 'b-health', 'c-school', 'd-social', 'e-housing'];
const FIRST = toEpochDay('2018-01-01');

/** Entries of a few agencies on a few days (so ties of date, precision and time are common), numbered per agency. */
const entriesArb = fc
  .array(
    fc.record({
      agency: fc.constantFrom(...AGENCIES),
      day: fc.integer({ min: 0, max: 60 }),
      precision: fc.constantFrom(...DATE_PRECISIONS),
      time: fc.option(fc.constantFrom('00:00', '09:30', '09:31', '14:00', '23:59'), { nil: null }),
    }),
    { maxLength: 120 },
  )
  .map((rows) => {
    const numbers = new Map<string, number>();
    return rows.map((r): EntryPosition => {
      const entryNo = (numbers.get(r.agency) ?? 0) + 1;
      numbers.set(r.agency, entryNo);
      const imprecise = r.precision === 'year' || r.precision === 'month';
      return {
        agencyId: r.agency,
        entryNo,
        precision: r.precision,
        occurredOn: periodStart(fromEpochDay(FIRST + r.day * 7), r.precision),
        time: imprecise ? null : r.time,
      };
    });
  });

function perAgencyLists(entries: readonly EntryPosition[]): EntryPosition[][] {
  const lists = new Map<string, EntryPosition[]>();
  for (const e of entries) lists.set(e.agencyId, [...(lists.get(e.agencyId) ?? []), e]);
  return [...lists.values()].map((l) => [...l].sort(compareEntries));
}

const key = (e: EntryPosition) => `${e.agencyId}#${e.entryNo}`;

test('merging equals concatenating and sorting by compareEntries, whatever order the lists come in', () => {
  fc.assert(
    fc.property(
      entriesArb.chain((entries) =>
        fc.tuple(fc.constant(entries), fc.shuffledSubarray(perAgencyLists(entries), { minLength: perAgencyLists(entries).length })),
      ),
      ([entries, lists]) => {
        const merged = mergeAgencyLists(lists);
        const expected = [...entries].sort(compareEntries);
        assert.deepEqual(merged.map(key), expected.map(key));
        assert.ok(isInMergedOrder(merged));
      },
    ),
    { numRuns: 300 },
  );
});

test('merging never loses or repeats an entry, and returns the same objects', () => {
  fc.assert(
    fc.property(entriesArb, (entries) => {
      const lists = perAgencyLists(entries);
      const merged = mergeAgencyLists(lists);
      assert.equal(merged.length, entries.length);
      assert.equal(new Set(merged).size, entries.length);
      const given = new Set(entries);
      for (const e of merged) assert.ok(given.has(e));
    }),
    { numRuns: 300 },
  );
});

test('the lists in reverse order give the same merge (and empty lists change nothing)', () => {
  fc.assert(
    fc.property(entriesArb, (entries) => {
      const lists = perAgencyLists(entries);
      const forward = mergeAgencyLists(lists).map(key);
      const backward = mergeAgencyLists([[], ...[...lists].reverse(), []]).map(key);
      assert.deepEqual(backward, forward);
    }),
  );
});

test('an imprecise date sorts at the start of its period, before an exact entry on that day', () => {
  const police: EntryPosition[] = [{ agencyId: 'police', entryNo: 1, occurredOn: '2019-03-01', precision: 'exact', time: '10:00' }];
  const health: EntryPosition[] = [
    { agencyId: 'health', entryNo: 2, occurredOn: '2019-03-01', precision: 'month', time: null },
    { agencyId: 'health', entryNo: 1, occurredOn: '2019-03-02', precision: 'exact', time: null },
  ];
  assert.deepEqual(mergeAgencyLists([police, health]).map(key), ['health#2', 'police#1', 'health#1']);
  assert.deepEqual(mergeAgencyLists([]), []);
});

test('isInMergedOrder spots a list out of order', () => {
  const a: EntryPosition = { agencyId: 'x', entryNo: 1, occurredOn: '2020-01-02', precision: 'exact', time: null };
  const b: EntryPosition = { agencyId: 'x', entryNo: 2, occurredOn: '2020-01-01', precision: 'exact', time: null };
  assert.equal(isInMergedOrder([a, b]), false);
  assert.equal(isInMergedOrder([b, a]), true);
});

test('100,000 entries in ten lists merge in one pass (no timing asserted: the size is the check)', () => {
  const lists: EntryPosition[][] = [];
  for (let l = 0; l < 10; l++) {
    const list: EntryPosition[] = [];
    for (let i = 0; i < 10_000; i++)
      list.push({ agencyId: `agency-${l}`, entryNo: i + 1, occurredOn: fromEpochDay(FIRST + Math.floor(i / 3)), precision: 'exact', time: null });
    lists.push(list);
  }
  const merged = mergeAgencyLists(lists);
  assert.equal(merged.length, 100_000);
  assert.ok(isInMergedOrder(merged));
});
