import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chosenFrameworksProblem, frameworkForDecision, frameworksRun, optionalFrameworks, statutoryFramework } from './board-frameworks.ts';
import { REVIEW_CREATED_STAGE, SUSR_STAGES } from './workflow.ts';

test('a Welsh board in 2026 runs SUSR by law, and may also run the SCR process of its founding procedures', () => {
  assert.equal(statutoryFramework('wales', '2026-12-01').id, 'SUSR_2024');
  assert.deepEqual(
    optionalFrameworks('wales', '2026-12-01').map((f) => f.id),
    ['SCR_2006', 'CPR_2013', 'CPR_2016'],
  );
  assert.deepEqual(optionalFrameworks('england', '2026-12-01'), [], 'England has one framework');
  assert.deepEqual(
    frameworksRun('wales', '2026-12-01', []).frameworks.map((f) => f.id),
    ['SUSR_2024'],
    'by default: the statutory one by date',
  );
  const run = frameworksRun('wales', '2026-12-01', ['SCR_2006', 'SUSR_2024']);
  assert.equal(run.statutory.id, 'SUSR_2024');
  assert.deepEqual(
    run.frameworks.map((f) => f.id),
    ['SUSR_2024', 'SCR_2006'],
    'the statutory one first, never twice',
  );
  assert.equal(chosenFrameworksProblem('wales', ['SCR_2006']), undefined);
  assert.equal(chosenFrameworksProblem('wales', ['CSPR_2018']), 'settings.frameworkUnknown', 'another nation’s');
  assert.equal(chosenFrameworksProblem('wales', ['SCR_2099']), 'settings.frameworkUnknown');
});

test('a decision is pinned to the framework the group chose when it was not the statutory one, else to the statutory one on the decision date', () => {
  assert.equal(frameworkForDecision({ frameworkId: 'SCR_2006', statutoryFrameworkId: 'SUSR_2024' }, 'wales', '2026-12-01').id, 'SCR_2006');
  assert.equal(frameworkForDecision({ frameworkId: 'SUSR_2024', statutoryFrameworkId: 'SUSR_2024' }, 'wales', '2026-12-01').id, 'SUSR_2024');
  // Assessed under the Child Practice Review in September 2024, decided in October under SUSR (R14).
  assert.equal(frameworkForDecision({ frameworkId: 'CPR_2016', statutoryFrameworkId: 'CPR_2016' }, 'wales', '2024-10-02').id, 'SUSR_2024');
  assert.equal(frameworkForDecision({ frameworkId: 'CPR_2016', statutoryFrameworkId: null }, 'wales', '2024-10-02').id, 'SUSR_2024', 'analyses from before');
  assert.equal(frameworkForDecision(undefined, 'wales', '2012-06-01').id, 'SCR_2006');
});

test('a review is created in the stage its decision names; Welsh Government notified is a later action', () => {
  assert.equal(REVIEW_CREATED_STAGE, 'DECIDED_PROCEED');
  assert.equal(SUSR_STAGES[SUSR_STAGES.indexOf(REVIEW_CREATED_STAGE) + 1], 'WG_NOTIFIED');
});
