import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromEpochDay, toEpochDay } from '../clock/dates.ts';
import {
  type DuplicateCandidate,
  dice,
  findClusters,
  findGaps,
  likelyDuplicates,
  likelyDuplicatesOnDay,
  normaliseForComparison,
  trigrams,
} from './analysis.ts';
import { compareEntries, DATE_PRECISIONS, type DatePrecision, periodEnd, periodStart } from './entry.ts';

const BASE = toEpochDay('2019-11-01');

/** Sorted dated entries of a few agencies within `maxDay` days (about a year for gaps, two months for clusters), each precision possible. */
const datedArbOver = (maxDay: number) =>
  fc
    .array(fc.record({ day: fc.integer({ min: 0, max: maxDay }), precision: fc.constantFrom(...DATE_PRECISIONS), agencyId: fc.constantFrom('a', 'b', 'c') }), {
      maxLength: 60,
    })
    .map((rows) =>
      rows
        .map((r, n) => ({
          agencyId: r.agencyId,
          entryNo: n + 1,
          time: null,
          precision: r.precision,
          occurredOn: periodStart(fromEpochDay(BASE + r.day), r.precision),
        }))
        .sort(compareEntries),
    );
const datedArb = datedArbOver(400);

// ---- gaps ----------------------------------------------------------------------------------------------

const e = (occurredOn: string, precision: DatePrecision = 'exact') => ({ occurredOn, precision });

test('a gap is a run of days longer than the threshold with no entry from any agency', () => {
  assert.deepEqual(findGaps([e('2020-01-01'), e('2020-01-10'), e('2020-03-01')], { thresholdDays: 28 }), [{ from: '2020-01-11', to: '2020-02-29', days: 50 }]);
  assert.deepEqual(findGaps([e('2020-01-01'), e('2020-01-30')], { thresholdDays: 28 }), [], 'exactly 28 empty days is not longer than 28');
  assert.deepEqual(findGaps([e('2020-01-01'), e('2020-01-31')], { thresholdDays: 28 }), [{ from: '2020-01-02', to: '2020-01-30', days: 29 }]);
  assert.deepEqual(findGaps([]), []);
});

test('an imprecise entry covers its whole period (month, year); "about" covers its day', () => {
  const entries = [e('2020-01-01'), e('2020-02-01', 'month'), e('2020-03-15'), e('2020-03-16', 'about'), e('2020-04-01')];
  assert.deepEqual(findGaps(entries, { thresholdDays: 10 }), [
    { from: '2020-01-02', to: '2020-01-31', days: 30 },
    { from: '2020-03-01', to: '2020-03-14', days: 14 },
    { from: '2020-03-17', to: '2020-03-31', days: 15 },
  ]);
  assert.deepEqual(findGaps([e('2020-01-01', 'year'), e('2020-06-01'), e('2021-02-01')], { thresholdDays: 28 }), [
    { from: '2021-01-01', to: '2021-01-31', days: 31 },
  ]);
});

test('the review period: the days before the first entry and after the last count; entries outside are clipped', () => {
  const period = { from: '2020-01-01', to: '2020-12-31' };
  assert.deepEqual(findGaps([e('2020-03-01'), e('2020-11-01')], { thresholdDays: 60, period }), [{ from: '2020-03-02', to: '2020-10-31', days: 244 }]);
  assert.deepEqual(findGaps([e('2020-03-01'), e('2020-11-01')], { thresholdDays: 40, period }), [
    { from: '2020-01-01', to: '2020-02-29', days: 60 },
    { from: '2020-03-02', to: '2020-10-31', days: 244 },
    { from: '2020-11-02', to: '2020-12-31', days: 60 },
  ]);
  assert.deepEqual(findGaps([e('2019-06-01', 'year'), e('2021-05-01')], { thresholdDays: 1, period: { from: '2019-12-01', to: '2020-01-31' } }), [
    { from: '2020-01-01', to: '2020-01-31', days: 31 },
  ]);
  assert.deepEqual(findGaps([], { thresholdDays: 28, period }), [{ from: '2020-01-01', to: '2020-12-31', days: 366 }]);
  assert.deepEqual(findGaps([e('2020-06-01')], { thresholdDays: 28, period: { from: null, to: '2020-06-30' } }), [
    { from: '2020-06-02', to: '2020-06-30', days: 29 },
  ]);
});

test('entries out of date order are refused, not silently mis-gapped; so is a bad threshold', () => {
  assert.throws(() => findGaps([e('2020-02-01'), e('2020-01-01')]), RangeError);
  assert.throws(() => findGaps([], { thresholdDays: -1 }), RangeError);
  assert.throws(() => findGaps([], { thresholdDays: 1.5 }), RangeError);
});

test('property: the gaps are exactly the runs of uncovered days longer than the threshold (against a day-by-day count)', () => {
  fc.assert(
    fc.property(
      datedArb,
      fc.integer({ min: 0, max: 40 }),
      fc.option(fc.tuple(fc.integer({ min: -40, max: 200 }), fc.integer({ min: 0, max: 500 })), { nil: undefined }),
      (entries, thresholdDays, bounds) => {
        const period = bounds ? { from: fromEpochDay(BASE + bounds[0]), to: fromEpochDay(BASE + bounds[0] + bounds[1]) } : undefined;
        const gaps = findGaps(entries, { thresholdDays, period });
        // The reference: mark every covered day, then walk the days.
        const covered = new Set<number>();
        for (const x of entries) for (let d = toEpochDay(x.occurredOn); d <= toEpochDay(periodEnd(x.occurredOn, x.precision)); d++) covered.add(d);
        const starts = entries.map((x) => toEpochDay(x.occurredOn));
        const ends = entries.map((x) => toEpochDay(periodEnd(x.occurredOn, x.precision)));
        const lo = period ? toEpochDay(period.from) : Math.min(...starts);
        const hi = period ? toEpochDay(period.to) : Math.max(...ends);
        const expected: { from: string; to: string; days: number }[] = [];
        if (entries.length > 0 || period) {
          let run: number | null = null;
          for (let d = lo; d <= hi + 1; d++) {
            const empty = d <= hi && !covered.has(d);
            if (empty && run === null) run = d;
            if (!empty && run !== null) {
              if (d - run > thresholdDays) expected.push({ from: fromEpochDay(run), to: fromEpochDay(d - 1), days: d - run });
              run = null;
            }
          }
        }
        assert.deepEqual(gaps, expected);
      },
    ),
    { numRuns: 300 },
  );
});

// ---- clusters ------------------------------------------------------------------------------------------

const at = (occurredOn: string, agencyId: string, precision: DatePrecision = 'exact') => ({ occurredOn, agencyId, precision });

test('five entries within seven days make a cluster; overlapping windows are one cluster, counted once', () => {
  const entries = [
    at('2020-01-01', 'police'),
    at('2020-03-01', 'health'),
    at('2020-03-02', 'police'),
    at('2020-03-03', 'school'),
    at('2020-03-05', 'health'),
    at('2020-03-07', 'health'),
    at('2020-03-08', 'police'),
    at('2020-03-12', 'social'),
    at('2020-06-01', 'police'),
  ];
  assert.deepEqual(findClusters(entries), [{ from: '2020-03-01', to: '2020-03-08', count: 6, agencies: ['health', 'police', 'school'] }]);
  assert.deepEqual(findClusters(entries, { minCount: 3, windowDays: 3 }), [
    { from: '2020-03-01', to: '2020-03-03', count: 3, agencies: ['health', 'police', 'school'] },
  ]);
  assert.deepEqual(findClusters(entries, { minCount: 7 }), []);
});

test('entries dated only to a month or year never make a cluster (they have no day)', () => {
  const entries = [at('2020-03-01', 'a', 'year'), at('2020-03-01', 'a', 'month'), at('2020-03-01', 'b', 'month'), at('2020-03-02', 'b'), at('2020-03-03', 'c')];
  assert.deepEqual(findClusters(entries, { minCount: 3 }), []);
  assert.deepEqual(findClusters([...entries, at('2020-03-04', 'c', 'about')], { minCount: 3 }), [
    { from: '2020-03-02', to: '2020-03-04', count: 3, agencies: ['b', 'c'] },
  ]);
});

test('clusters refuse unsorted entries and nonsense options', () => {
  assert.throws(() => findClusters([at('2020-02-01', 'a'), at('2020-01-01', 'a')]), RangeError);
  assert.throws(() => findClusters([], { minCount: 1 }), RangeError);
  assert.throws(() => findClusters([], { windowDays: 0 }), RangeError);
});

test('property: clusters are in order and apart; each holds every day-dated entry of its span; every busy window is inside one', () => {
  fc.assert(
    fc.property(datedArbOver(60), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 20 }), (entries, minCount, windowDays) => {
      const clusters = findClusters(entries, { minCount, windowDays });
      const days = entries.filter((x) => x.precision === 'exact' || x.precision === 'about').map((x) => toEpochDay(x.occurredOn));
      let previousEnd = Number.NEGATIVE_INFINITY;
      for (const c of clusters) {
        const [from, to] = [toEpochDay(c.from), toEpochDay(c.to)];
        assert.ok(from > previousEnd, 'clusters do not overlap');
        previousEnd = to;
        assert.ok(c.count >= minCount);
        assert.equal(c.count, days.filter((d) => d >= from && d <= to).length);
        assert.ok(c.agencies.length >= 1);
      }
      // Any window of windowDays days holding minCount entries lies inside a cluster.
      for (const start of days) {
        const inWindow = days.filter((d) => d >= start && d < start + windowDays);
        if (inWindow.length < minCount) continue;
        const last = Math.max(...inWindow);
        assert.ok(
          clusters.some((c) => toEpochDay(c.from) <= start && toEpochDay(c.to) >= last),
          'a busy window is in a cluster',
        );
      }
    }),
    { numRuns: 300 },
  );
});

// ---- likely duplicates ---------------------------------------------------------------------------------

function entry(over: Partial<DuplicateCandidate> & { agencyId: string; description: string }): DuplicateCandidate {
  return { occurredOn: '2020-05-04', precision: 'exact', time: null, eventType: 'home_visit', people: ['child-a', 'mother'], ...over };
}

test('property: entries grouped by day and agency (with their count) make the same clusters as the entries one by one', () => {
  const arb = fc.array(fc.record({ day: fc.integer({ min: 0, max: 40 }), agency: fc.constantFrom('a', 'b', 'c'), exact: fc.boolean() }), { maxLength: 80 });
  fc.assert(
    fc.property(arb, fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 9 }), (rows, minCount, windowDays) => {
      const one = rows
        .map((r) => ({
          occurredOn: fromEpochDay(toEpochDay('2025-01-01') + r.day),
          precision: (r.exact ? 'exact' : 'about') as DatePrecision,
          agencyId: r.agency,
        }))
        .sort((x, y) => (x.occurredOn < y.occurredOn ? -1 : x.occurredOn > y.occurredOn ? 1 : x.agencyId < y.agencyId ? -1 : x.agencyId > y.agencyId ? 1 : 0));
      const grouped: { occurredOn: string; precision: DatePrecision; agencyId: string; count: number }[] = [];
      for (const e of one) {
        const last = grouped.at(-1);
        if (last && last.occurredOn === e.occurredOn && last.agencyId === e.agencyId) last.count++;
        else grouped.push({ ...e, count: 1 });
      }
      assert.deepEqual(findClusters(grouped, { minCount, windowDays }), findClusters(one, { minCount, windowDays }));
    }),
  );
});

test('a home visit told by social services and by health the same day, with the same people, is a likely duplicate', () => {
  const social = entry({ agencyId: 'social', time: '10:00', description: 'Home visit by social worker, mother present' });
  const health = entry({ agencyId: 'health', time: '10:00', description: 'SW visited the home; mother was present' });
  const other = entry({ agencyId: 'school', eventType: 'education', description: 'Child A did not attend school; no reason given' });
  const pairs = likelyDuplicatesOnDay([social, health, other]);
  assert.equal(pairs.length, 1);
  assert.equal(pairs[0]?.a, social);
  assert.equal(pairs[0]?.b, health);
  assert.equal(pairs[0]?.score, 0.64);
  assert.deepEqual(pairs[0]?.reasons, ['same_day', 'shared_people', 'similar_text', 'same_time', 'same_event_type']);
});

test('not duplicates: one agency twice, people that do not overlap, another day, a month-dated entry, unlike text', () => {
  const base = entry({ agencyId: 'social', description: 'Home visit by social worker, mother present' });
  const same = (over: Partial<DuplicateCandidate>) => likelyDuplicatesOnDay([base, entry({ agencyId: 'health', description: base.description, ...over })]);
  assert.equal(same({ agencyId: 'social' }).length, 0, 'the same agency');
  assert.equal(same({ people: ['father'] }).length, 0, 'different people');
  assert.equal(same({ occurredOn: '2020-05-05' }).length, 0, 'another day');
  assert.equal(same({ precision: 'month', occurredOn: '2020-05-01' }).length, 0);
  assert.equal(same({ description: 'Mother phoned GP about Child A cough' }).length, 0, 'unlike text');
  assert.deepEqual(
    same({ people: [] })[0]?.reasons,
    ['same_day', 'no_people_recorded', 'similar_text', 'same_event_type'],
    'no people on one: nothing contradicts',
  );
  assert.equal(same({ precision: 'about' }).length, 1, 'about and exact on the same day');
});

test('Welsh text is compared with its letters kept (â, ŵ), and a threshold may be asked', () => {
  assert.equal(normaliseForComparison('Ymwelodd â’r CARTREF; Dŵr!'), 'ymwelodd â r cartref dŵr');
  const a = entry({ agencyId: 'social', description: 'Ymweliad cartref gan y gweithiwr cymdeithasol, roedd y fam yn bresennol' });
  const b = entry({ agencyId: 'health', description: 'Ymwelodd y gweithiwr cymdeithasol â’r cartref; roedd y fam yno' });
  assert.equal(likelyDuplicatesOnDay([a, b])[0]?.score, 0.78);
  assert.equal(likelyDuplicatesOnDay([a, b], 0.9).length, 0);
  assert.equal(dice(trigrams('dŵr'), trigrams('dwr')) < 1, true, 'ŵ is not w');
  assert.equal(dice(new Set(), new Set()), 0);
});

const candidateArb = fc
  .array(
    fc.record({
      agencyId: fc.constantFrom('a', 'b', 'c'),
      day: fc.integer({ min: 0, max: 4 }),
      precision: fc.constantFrom(...DATE_PRECISIONS),
      people: fc.subarray(['p1', 'p2', 'p3']),
      description: fc.constantFrom('Home visit, mother present', 'Home visit; mother was present', 'School attendance poor', 'Seen at hospital', ''),
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows
      .map((r, n) => ({
        ...entry({ agencyId: r.agencyId, description: r.description, people: r.people, precision: r.precision }),
        occurredOn: periodStart(fromEpochDay(BASE + r.day), r.precision),
        entryNo: n + 1,
      }))
      .sort(compareEntries),
  );

test('property: the whole-list check finds exactly the pairs a day-blind comparison of every pair would, restricted to one day', () => {
  fc.assert(
    fc.property(candidateArb, (entries) => {
      const found = likelyDuplicates(entries).map((p) => `${p.a.entryNo}-${p.b.entryNo}`);
      const expected: string[] = [];
      for (let i = 0; i < entries.length; i++)
        for (let j = i + 1; j < entries.length; j++) {
          const [a, b] = [entries[i], entries[j]] as [(typeof entries)[number], (typeof entries)[number]];
          if (a.occurredOn !== b.occurredOn) continue;
          if (likelyDuplicatesOnDay([a, b]).length === 1) expected.push(`${a.entryNo}-${b.entryNo}`);
        }
      assert.deepEqual(found, expected);
      for (const p of likelyDuplicates(entries)) {
        assert.notEqual(p.a.agencyId, p.b.agencyId);
        assert.equal(p.a.occurredOn, p.b.occurredOn);
        assert.ok(p.score >= 0.4 && p.score <= 1);
      }
    }),
    { numRuns: 300 },
  );
});

test('100,000 entries: gaps, clusters and duplicates in one pass each (the size is the check, not a time)', () => {
  const entries = [];
  const texts = [
    'Home visit, mother present',
    'Seen at school, no concerns',
    'Missed appointment at the clinic',
    'Police called to the address',
    'Strategy discussion held',
  ];
  for (let i = 0; i < 100_000; i++)
    entries.push(
      entry({ agencyId: `agency-${i % 10}`, description: texts[i % 5] as string, people: [`p${i % 3}`], occurredOn: fromEpochDay(BASE + Math.floor(i / 20)) }),
    );
  assert.equal(findGaps(entries, { thresholdDays: 1 }).length, 0);
  assert.equal(findClusters(entries).length, 1);
  assert.ok(likelyDuplicates(entries).length > 0);
});
