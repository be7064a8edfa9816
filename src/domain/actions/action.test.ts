// The action's table (issue 12 item 2): the owner's moves, verification, the board's decisions, and what each
// event needs; the monitoring horizon and what stops a review's closure (item 7).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventsFrom, eventsOf, nextState } from '../workflow.ts';
import { ACTION_STATUSES, ACTION_WORKFLOW, EVENT_PERMISSION, isDone, PROGRESS_STATUSES, PROPOSABLE_STATUSES } from './action.ts';
import { closureProblems, horizonOf, horizonState } from './monitoring.ts';

test('an owner moves between the progress statuses and proposes complete; never back to not started', () => {
  for (const from of PROGRESS_STATUSES) {
    for (const to of PROPOSABLE_STATUSES) {
      if (to !== from) assert.equal(nextState(ACTION_WORKFLOW, from, `report_${to}`), to);
    }
    assert.equal(nextState(ACTION_WORKFLOW, from, 'propose_complete'), 'complete');
    assert.ok(!eventsFrom(ACTION_WORKFLOW, from).some((e) => nextState(ACTION_WORKFLOW, from, e) === 'not_started'));
  }
});

test('complete is verified or returned; verified → impact evidenced → sustained; closed from anything before sustained', () => {
  assert.equal(nextState(ACTION_WORKFLOW, 'complete', 'verify'), 'verified');
  assert.equal(nextState(ACTION_WORKFLOW, 'complete', 'return'), 'on_track');
  assert.equal(nextState(ACTION_WORKFLOW, 'verified', 'record_impact'), 'impact_evidenced');
  assert.equal(nextState(ACTION_WORKFLOW, 'impact_evidenced', 'record_sustained'), 'sustained');
  assert.equal(nextState(ACTION_WORKFLOW, 'on_track', 'verify'), undefined, 'only a proposed completion is verified');
  assert.equal(nextState(ACTION_WORKFLOW, 'complete', 'record_impact'), undefined, 'impact only once verified');
  for (const s of ACTION_STATUSES) {
    const closes = nextState(ACTION_WORKFLOW, s, 'close') === 'closed';
    assert.equal(closes, s !== 'sustained' && s !== 'closed', s);
  }
  assert.deepEqual(eventsFrom(ACTION_WORKFLOW, 'sustained'), []);
  assert.deepEqual([...ACTION_WORKFLOW.reasonRequired].sort(), ['close', 'return']);
});

test('each event names its permission: the owner’s updates, verification, the board’s decisions', () => {
  for (const e of eventsOf(ACTION_WORKFLOW)) assert.ok(EVENT_PERMISSION[e], e);
  assert.equal(EVENT_PERMISSION.propose_complete, 'action.update');
  assert.equal(EVENT_PERMISSION.verify, 'action.verify');
  assert.equal(EVENT_PERMISSION.return, 'action.verify');
  assert.equal(EVENT_PERMISSION.close, 'action.manage');
});

test('done for closure: verified or later, or closed — not an unverified completion', () => {
  assert.deepEqual(
    ACTION_STATUSES.filter((s) => isDone(s)),
    ['verified', 'impact_evidenced', 'sustained', 'closed'],
  );
});

test('the horizon is two years from the plan’s acceptance; approaching within 90 days; past after', () => {
  assert.equal(horizonOf('2027-01-31'), '2029-01-31');
  assert.equal(horizonOf('2028-02-29'), '2030-02-28');
  assert.equal(horizonState(null, '2027-06-01'), 'not_started');
  assert.equal(horizonState('2027-01-31', '2028-10-01'), 'within');
  assert.equal(horizonState('2027-01-31', '2028-11-02'), 'approaching');
  assert.equal(horizonState('2027-01-31', '2029-01-31'), 'approaching');
  assert.equal(horizonState('2027-01-31', '2029-02-01'), 'past');
});

test('a review closes only with every action done, the plan accepted and the chair’s sign-off', () => {
  assert.deepEqual(closureProblems({ accepted: true, closureSignedOff: true, actions: [{ status: 'verified' }, { status: 'closed' }] }), {});
  assert.deepEqual(Object.keys(closureProblems({ accepted: true, closureSignedOff: true, actions: [{ status: 'complete' }] })), ['actions']);
  assert.deepEqual(Object.keys(closureProblems({ accepted: true, closureSignedOff: false, actions: [] })), ['closure']);
  assert.deepEqual(Object.keys(closureProblems({ accepted: false, closureSignedOff: false, actions: [] })), ['actionPlan', 'closure']);
});
