// The progress report's figures (issue 12 items 5 and 6): a group's RAG is the rule's answer for each of its
// actions, for every status and date around the rule's thresholds; the tallies per review and agency; the
// horizon lines; the partner's timeliness and trend per quarter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../clock/dates.ts';
import { ACTION_STATUSES } from './action.ts';
import { buildProgressReport, partnerFigures, quarterOf, ragThresholds, rateBucket, timelinessOf } from './progress-report.ts';
import { effectiveRag, isOverdue, RAG_RATINGS } from './rag.ts';

const today = '2027-03-10';

test('a group of actions gets, from the one rule, the RAG and overdue of every action in it', () => {
  const th = ragThresholds(today);
  const offsets = [-400, -91, -90, -89, -30, -29, -28, -27, -1, 0, 1, 27, 28, 29, 30, 200];
  let checked = 0;
  for (const status of ACTION_STATUSES)
    for (const t of offsets)
      for (const u of offsets.filter((o) => o <= 0))
        for (const override of [null, ...RAG_RATINGS]) {
          const targetOn = addDays(today, t);
          const lastUpdateOn = addDays(today, u);
          const action = { status, targetOn, lastUpdateOn, override: override ? { rag: override, atStatus: status } : null };
          // The grouped query's comparisons, with the thresholds it is given.
          const bucket = { status, past: targetOn < th.pastBefore, near: targetOn <= th.nearBy, stale: lastUpdateOn <= th.staleBy, override };
          const rated = rateBucket(bucket, today);
          assert.equal(rated.rag, effectiveRag(action, today).rag, JSON.stringify(action));
          assert.equal(rated.overdue, isOverdue(action, today), JSON.stringify(action));
          checked++;
        }
  assert.ok(checked > 1000);
});

test('tallies per review and per lead agency add up to the totals; horizons approaching and past are listed, closed reviews not', () => {
  const report = buildProgressReport({
    today,
    from: '2027-01-01',
    to: today,
    buckets: [
      { reviewId: 'r1', agencyId: 'a1', status: 'off_track', past: false, near: false, stale: false, override: null, count: 2 },
      { reviewId: 'r1', agencyId: 'a2', status: 'on_track', past: true, near: true, stale: false, override: null, count: 3 },
      { reviewId: 'r2', agencyId: 'a1', status: 'verified', past: true, near: true, stale: true, override: null, count: 4 },
      { reviewId: 'r2', agencyId: 'a1', status: 'on_track', past: false, near: false, stale: false, override: 'amber', count: 1 },
    ],
    events: [{ reviewId: 'r2', agencyId: 'a1', kind: 'impact', count: 2 }],
    reviews: [
      { id: 'r2', reference: 'B-2', monitoringFromOn: '2025-03-01', closed: false },
      { id: 'r1', reference: 'A-1', monitoringFromOn: '2025-05-01', closed: false },
      { id: 'r3', reference: 'C-3', monitoringFromOn: '2024-01-01', closed: true },
      { id: 'r4', reference: 'D-4', monitoringFromOn: null, closed: false },
    ],
    agencies: [
      { id: 'a2', name: 'Police' },
      { id: 'a1', name: 'Health' },
      { id: 'a3', name: 'Housing' },
    ],
    challenges: [],
  });
  assert.deepEqual(report.totals.rags, { red: 5, amber: 1, green: 0, complete: 4 });
  assert.equal(report.totals.total, 10);
  assert.equal(report.totals.overdue, 3);
  assert.equal(report.totals.impact, 2);
  assert.deepEqual(
    report.reviews.map((r) => [r.reference, r.total, r.rags.red, r.overdue, r.impact]),
    [
      ['A-1', 5, 5, 3, 0],
      ['B-2', 5, 0, 0, 2],
      ['C-3', 0, 0, 0, 0],
    ],
  );
  assert.deepEqual(
    report.agencies.map((a) => [a.name, a.total, a.statuses.verified]),
    [
      ['Health', 7, 4],
      ['Police', 3, 0],
    ],
  );
  assert.deepEqual(
    report.horizons.map((h) => [h.reference, h.state, h.horizonOn]),
    [
      ['A-1', 'approaching', '2027-05-01'],
      ['B-2', 'past', '2027-03-01'],
    ],
  );
  assert.deepEqual(report.challenges, []);
});

test('timeliness: completed by the target is on time, after it late; open past it overdue; closed without completion apart', () => {
  assert.equal(timelinessOf({ status: 'verified', targetOn: '2027-01-31', completedOn: '2027-01-31' }, today), 'on_time');
  assert.equal(timelinessOf({ status: 'complete', targetOn: '2027-01-31', completedOn: '2027-02-01' }, today), 'late');
  assert.equal(timelinessOf({ status: 'at_risk', targetOn: '2027-03-09', completedOn: null }, today), 'overdue');
  assert.equal(timelinessOf({ status: 'at_risk', targetOn: today, completedOn: null }, today), 'open');
  assert.equal(timelinessOf({ status: 'closed', targetOn: '2026-01-01', completedOn: null }, today), 'closed');
  assert.equal(quarterOf('2027-03-31'), '2027-Q1');
  assert.equal(quarterOf('2027-10-01'), '2027-Q4');
  const f = partnerFigures(
    [
      { status: 'verified', targetOn: '2026-11-30', completedOn: '2026-11-01', count: 3 },
      { status: 'verified', targetOn: '2026-12-31', completedOn: '2027-01-05' },
      { status: 'off_track', targetOn: '2027-02-01', completedOn: null, role: 'supporting' },
      { status: 'on_track', targetOn: '2027-06-01', completedOn: null, role: 'lead' },
    ],
    today,
  );
  assert.equal(f.total, 6);
  assert.deepEqual(f.roles, { lead: 5, supporting: 1 });
  assert.equal(f.onTimePercent, 75);
  assert.deepEqual(f.trend, [
    { quarter: '2026-Q4', on_time: 3, late: 1, overdue: 0 },
    { quarter: '2027-Q1', on_time: 0, late: 0, overdue: 1 },
  ]);
});
