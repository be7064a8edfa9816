// Agency contributions' pure rules (issue 10 item 4): the kind a framework asks for, the request's table,
// overdue from the due date, the reminders' rungs (the latest whose day has come, never one from before the
// request), and the author's declaration (R3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventsOf, nextState } from '../workflow.ts';
import {
  CONTRIBUTION_WORKFLOW,
  contributionKindFor,
  contributionStatus,
  declarationRefusals,
  outstandingCount,
  reminderDue,
  reviewIsPaused,
  sectionsOf,
} from './contributions.ts';

test('an IMR under the 2006 framework, the agency’s timeline under the practice reviews; the IMR’s sections in DOMAIN §6.4’s order', () => {
  assert.equal(contributionKindFor('SCR_2006'), 'imr');
  for (const f of ['CPR_2013', 'CPR_2016', 'SUSR_2024', 'CSPR_2018'] as const) assert.equal(contributionKindFor(f), 'timeline');
  assert.deepEqual(sectionsOf('imr'), ['context', 'methodology', 'chronology', 'analysis', 'good_practice', 'lessons', 'recommendations', 'action_plan']);
  assert.deepEqual(sectionsOf('timeline'), ['summary']);
});

test('the request’s table: declared before drafting, submitted, signed off or returned; waived before sign-off; nothing after', () => {
  const t = CONTRIBUTION_WORKFLOW;
  assert.equal(nextState(t, 'requested', 'submit'), undefined, 'no submission before the declaration');
  assert.equal(nextState(t, 'requested', 'declare'), 'in_progress');
  assert.equal(nextState(t, 'in_progress', 'submit'), 'submitted');
  assert.equal(nextState(t, 'submitted', 'return'), 'in_progress');
  assert.equal(nextState(t, 'submitted', 'sign_off'), 'signed_off');
  for (const s of ['requested', 'in_progress', 'submitted']) assert.equal(nextState(t, s, 'waive'), 'waived');
  for (const e of eventsOf(t)) {
    assert.equal(nextState(t, 'signed_off', e), undefined);
    assert.equal(nextState(t, 'waived', e), undefined);
  }
  assert.deepEqual([...t.reasonRequired].sort(), ['return', 'waive']);
});

test('overdue: still owed after the due date; submitted, signed off and waived never are', () => {
  assert.equal(contributionStatus('requested', '2026-12-01', '2026-12-01'), 'requested');
  assert.equal(contributionStatus('requested', '2026-12-01', '2026-12-02'), 'overdue');
  assert.equal(contributionStatus('in_progress', '2026-12-01', '2026-12-02'), 'overdue');
  for (const s of ['submitted', 'signed_off', 'waived']) assert.equal(contributionStatus(s, '2026-12-01', '2027-03-01'), s);
  assert.equal(outstandingCount(['signed_off', 'waived']), 0);
  assert.equal(outstandingCount(['signed_off', 'submitted', 'requested']), 2);
});

test('reminders: the latest rung whose day has come, none from before the request, none once submitted', () => {
  const r = { state: 'requested', dueOn: '2027-01-29', requestedOn: '2026-12-01' };
  assert.equal(reminderDue(r, '2027-01-21'), undefined);
  assert.equal(reminderDue(r, '2027-01-22'), 'before_7');
  assert.equal(reminderDue(r, '2027-01-29'), 'due');
  assert.equal(reminderDue(r, '2027-02-04'), 'due');
  assert.equal(reminderDue(r, '2027-02-05'), 'after_7');
  assert.equal(reminderDue(r, '2027-03-30'), 'after_14');
  assert.equal(reminderDue({ ...r, requestedOn: '2027-01-26' }, '2027-01-27'), undefined, 'asked three days before: no "a week before"');
  assert.equal(reminderDue({ ...r, state: 'submitted' }, '2027-02-05'), undefined);
  assert.equal(reviewIsPaused('ON_HOLD:AGENCY_REPORTS_REQUESTED'), true);
  assert.equal(reviewIsPaused('WITHDRAWN'), true);
  assert.equal(reviewIsPaused('AGENCY_REPORTS_REQUESTED'), false);
});

test('the declaration: directly involved or a line manager is refused, each with its reason', () => {
  assert.deepEqual(declarationRefusals({ directlyInvolved: false, lineManager: false }), {});
  assert.deepEqual(Object.keys(declarationRefusals({ directlyInvolved: true, lineManager: true })).sort(), ['directlyInvolved', 'lineManager']);
});
