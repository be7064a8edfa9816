import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sentOnProblem } from '../reviews/review-setup.ts';
import { FRAMEWORKS } from './index.ts';
import { FRAMEWORK_NOTIFICATIONS, notificationGating, requiredNotifications } from './notifications.ts';

test('every framework says which notifications follow the decision; only SUSR gates a stage (WG_NOTIFIED) on one', () => {
  assert.deepEqual(Object.keys(FRAMEWORK_NOTIFICATIONS).sort(), FRAMEWORKS.map((f) => f.id).sort());
  assert.deepEqual(requiredNotifications('SCR_2006'), [], 'no source confirms one for an SCR: none assumed');
  assert.deepEqual(requiredNotifications('CSPR_2018'), []);
  assert.deepEqual(
    requiredNotifications('CPR_2016').map((n) => [n.recipient, n.purpose, n.gates]),
    [['welsh_government', 'intention_to_hold', undefined]],
  );
  assert.equal(notificationGating('SUSR_2024', 'notify_welsh_government')?.recipient, 'welsh_government');
  for (const f of FRAMEWORKS)
    for (const n of requiredNotifications(f.id)) if (n.gates) assert.ok(f.stages.includes('WG_NOTIFIED'), `${f.id} gates a stage it has`);
});

test('a notification is sent on or after the decision and not in the future', () => {
  const d = { decidedOn: '2026-11-20', today: '2026-11-27' };
  assert.equal(sentOnProblem({ ...d, sentOn: '2026-11-20' }), undefined);
  assert.equal(sentOnProblem({ ...d, sentOn: '2026-11-27' }), undefined);
  assert.equal(sentOnProblem({ ...d, sentOn: '2026-11-19' }), 'review-setup:errors.sentOnBeforeDecision');
  assert.equal(sentOnProblem({ ...d, sentOn: '2026-11-28' }), 'review-setup:errors.sentOnFuture');
});
