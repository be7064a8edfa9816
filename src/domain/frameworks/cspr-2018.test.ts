import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readClock } from '../clock/pausable-clock.ts';
import { CSPR_2018 } from './cspr-2018.ts';
import { resolveTimers, timerDate } from './timers.ts';

const serious = { england_link: 'yes', abuse_or_neglect: 'known', child_died: 'no', serious_harm: 'yes' };

test('a serious child safeguarding case: abuse or neglect known or suspected and the child died or was seriously harmed', () => {
  assert.equal(CSPR_2018.assess(serious).outcome, 'must');
  assert.deepEqual(CSPR_2018.assess(serious).reasons, ['serious_child_safeguarding_case', 'abuse_or_neglect_known', 'serious_harm']);
  assert.equal(CSPR_2018.assess({ ...serious, serious_harm: 'no', child_died: 'yes', abuse_or_neglect: 'suspected' }).outcome, 'must');
  assert.deepEqual(CSPR_2018.assess({ ...serious, serious_harm: 'no' }).reasons, ['no_qualifying_harm']);
  assert.deepEqual(CSPR_2018.assess({ ...serious, abuse_or_neglect: 'not_suspected' }).reasons, ['abuse_or_neglect_not_suspected']);
  assert.deepEqual(CSPR_2018.assess({ ...serious, england_link: 'no' }).reasons, ['no_england_link']);
  const open = CSPR_2018.assess({ ...serious, serious_harm: 'unknown' });
  assert.deepEqual([open.outcome, open.blocking], ['undetermined', ['serious_harm']]);
});

test('notification within 5 working days of becoming aware (fixed); rapid review within 15 working days', () => {
  const timers = resolveTimers(CSPR_2018);
  const notification = timers.find((t) => t.id === 'england_notification');
  const rapid = timers.find((t) => t.id === 'rapid_review');
  assert.ok(notification && rapid);
  assert.equal(notification.configurable, false);
  assert.equal(notification.basis, 'statutory');
  // Aware on Monday 21 December 2026: Christmas Day, the weekend and the substitute Boxing Day are skipped.
  assert.equal(timerDate(notification, '2026-12-21', CSPR_2018.calendarRegion), '2026-12-30');
  assert.equal(timerDate(rapid, '2026-12-21', CSPR_2018.calendarRegion), '2027-01-14');
  const clock = readClock({ startOn: '2026-12-21', target: notification.duration, holds: [], asOf: '2026-12-31', region: 'england' });
  assert.equal(clock.status, 'overdue');
});
