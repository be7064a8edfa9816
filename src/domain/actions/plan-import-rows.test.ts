// The action plan sheet's row checks (issue 12 item 8): headers in either language and any order; a row as
// exported changes nothing; progress needs a new note; completion needs the evidence; never "not started" again,
// never verified or later, never a change to an action out of the owner's hands; formulas, unknown and repeated
// ids refused. Pure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PLAN_COLUMNS, type PlanColumnKey, parseStatus, planHeaders } from './plan-columns.ts';
import { checkPlanRow, matchPlanHeader, type PlanRowFacts } from './plan-import-rows.ts';

const layout = PLAN_COLUMNS.map((c) => c.key);
const facts = new Map<string, PlanRowFacts>([
  ['a1', { status: 'on_track', lastNote: 'Agreed the tool.', evidenceGiven: '' }],
  ['a2', { status: 'complete', lastNote: '', evidenceGiven: 'The register.' }],
]);
const row = (values: Partial<Record<PlanColumnKey, unknown>>) => layout.map((k) => (values[k] ?? null) as string | null);
const check = (values: Partial<Record<PlanColumnKey, unknown>>, seen = new Set<string>()) => checkPlanRow(2, row(values), layout, facts, seen);
const keys = (r: ReturnType<typeof check>) => r.problems.map((p) => [p.column, p.key]);

test('headers: either language, any order; missing, unknown and repeated ones refused', () => {
  assert.ok(matchPlanHeader(planHeaders('cy')).layout);
  assert.ok(matchPlanHeader([...planHeaders('en')].reverse()).layout);
  const bad = matchPlanHeader(['Action ID', 'Status', 'Status', 'Colour']);
  assert.equal(bad.layout, null);
  assert.deepEqual(
    bad.problems.map((p) => [p.column, p.key]),
    [
      ['status', 'file.duplicateColumn'],
      [null, 'file.unknownColumn'],
      ['evidence', 'file.missingColumn'],
      ['progressNote', 'file.missingColumn'],
    ],
  );
});

test('statuses read in English, Welsh and the pages’ words', () => {
  assert.equal(parseStatus('Mewn perygl'), 'at_risk');
  assert.equal(parseStatus('wedi’i gwblhau'), 'complete');
  assert.equal(parseStatus('Complete (awaiting verification)'), 'complete');
  assert.equal(parseStatus('Done'), undefined);
});

test('rows: unchanged, progress, completion, and each refusal', () => {
  assert.deepEqual(check({ actionId: 'a1', status: 'On track', progressNote: 'Agreed the tool.' }), { change: null, problems: [] });
  assert.deepEqual(check({ actionId: 'a1', status: 'At risk', progressNote: 'Staff off sick.' }).change, {
    row: 2,
    actionId: 'a1',
    move: 'at_risk',
    note: 'Staff off sick.',
    evidence: null,
  });
  assert.deepEqual(keys(check({ actionId: 'a1', status: 'At risk', progressNote: 'Agreed the tool.' })), [['progressNote', 'note.required']]);
  assert.equal(check({ actionId: 'a1', status: 'Complete', evidence: 'The audit.' }).change?.move, 'complete');
  assert.deepEqual(keys(check({ actionId: 'a1', status: 'Complete' })), [['evidence', 'evidence.required']]);
  assert.deepEqual(keys(check({ actionId: 'a1', status: 'Verified' })), [['status', 'status.notAllowed']]);
  assert.deepEqual(keys(check({ actionId: 'a1', status: 'Closed by the board' })), [['status', 'status.notAllowed']]);
  assert.deepEqual(keys(check({ actionId: 'a1', status: 'Not started', progressNote: 'Back.' })), [['status', 'status.notStartedAgain']]);
  assert.deepEqual(keys(check({ actionId: 'a1', status: 'Done' })), [['status', 'status.invalid']]);
  assert.deepEqual(keys(check({ actionId: 'a1', evidence: 'Early evidence.' })), [['evidence', 'evidence.withoutComplete']]);
  assert.deepEqual(keys(check({ actionId: 'a2', status: 'Complete', evidence: 'The register.' })), [], 'a completed action as exported');
  assert.deepEqual(keys(check({ actionId: 'a2', status: 'On track', progressNote: 'Reopened.' })), [['status', 'status.settled']]);
  assert.deepEqual(keys(check({ actionId: 'a2', progressNote: 'A note.' })), [['progressNote', 'status.settled']]);
  assert.deepEqual(keys(check({ actionId: 'zz' })), [['actionId', 'actionId.unknown']]);
  assert.deepEqual(keys(check({ status: 'On track' })), [['actionId', 'actionId.required']]);
  assert.deepEqual(keys(check({ actionId: 'a1', progressNote: { formula: 'HYPERLINK("x")' } })), [['progressNote', 'cell.formula']]);
  const seen = new Set<string>();
  check({ actionId: 'a1' }, seen);
  assert.deepEqual(keys(check({ actionId: 'a1' }, seen)), [['actionId', 'actionId.duplicate']]);
  // The formula-safe apostrophe the export adds is taken off again.
  assert.equal(check({ actionId: 'a1', status: 'At risk', progressNote: "'=Behind" }).change?.note, '=Behind');
});
