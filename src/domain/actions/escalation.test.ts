// The escalation ladder's pure rules (issue 12 item 4): the settings' answers read or refused field by field; the
// reminder before a target date; the next rung — the lowest enabled one not climbed whose days overdue or
// off-track cycles are reached, one a day, none for an action that is not RED; off-track cycles counted at the end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_LADDER, ladderAnswers, nextRung, offTrackCycles, parseLadder, reminderBeforeDue, responseProblems, storedLadder } from './escalation.ts';

test('the default ladder reads back as itself; stored settings missing a rung take its default', () => {
  assert.deepEqual(parseLadder(ladderAnswers(DEFAULT_LADDER)), { settings: DEFAULT_LADDER });
  const stored = storedLadder({ reminderDays: [7], rungs: { owner: { enabled: false, afterDays: 2, afterCycles: null } } });
  assert.deepEqual(stored.rungs.owner, { enabled: false, afterDays: 2, afterCycles: null });
  assert.deepEqual(stored.rungs.formal_request, DEFAULT_LADDER.rungs.formal_request);
  assert.deepEqual(storedLadder('nonsense'), DEFAULT_LADDER);
});

test('bad settings: each field named; a disabled rung’s answers are not checked', () => {
  const answers = ladderAnswers(DEFAULT_LADDER);
  const result = parseLadder({
    reminderDays: '1, 2, 3, 4',
    rungs: {
      ...answers.rungs,
      owner: { enabled: true, afterDays: '-1', afterCycles: '13' },
      chair_letter: { enabled: false, afterDays: 'x', afterCycles: 'y' },
    },
  });
  assert.deepEqual(result, {
    problems: {
      reminderDays: 'action-challenges:errors.reminderDaysTooMany',
      ownerDays: 'action-challenges:errors.daysInvalid',
      ownerCycles: 'action-challenges:errors.cyclesInvalid',
    },
  });
});

test('the reminder before the target date: the nearest day reached, none after it', () => {
  assert.equal(reminderBeforeDue(DEFAULT_LADDER, '2027-01-31', '2027-01-16'), null);
  assert.equal(reminderBeforeDue(DEFAULT_LADDER, '2027-01-31', '2027-01-17'), 14);
  assert.equal(reminderBeforeDue(DEFAULT_LADDER, '2027-01-31', '2027-01-30'), 3);
  assert.equal(reminderBeforeDue(DEFAULT_LADDER, '2027-01-31', '2027-02-01'), null);
});

test('the next rung: by days overdue or by off-track cycles, in order, one a day, only while RED', () => {
  const facts = { red: true, targetOn: '2027-01-31', offTrackCycles: 0, fired: [] as { rung: string; firedOn: string }[] };
  assert.equal(nextRung(DEFAULT_LADDER, { ...facts, red: false }, '2027-03-31'), null);
  assert.equal(nextRung(DEFAULT_LADDER, facts, '2027-01-31'), null, 'on the day: not overdue');
  assert.deepEqual(nextRung(DEFAULT_LADDER, facts, '2027-02-01'), { rung: 'owner', trigger: 'overdue', daysOverdue: 1 });
  const fired = [{ rung: 'owner', firedOn: '2027-03-31' }];
  assert.equal(nextRung(DEFAULT_LADDER, { ...facts, fired }, '2027-03-31'), null, 'one rung a day');
  assert.deepEqual(nextRung(DEFAULT_LADDER, { ...facts, fired }, '2027-04-01')?.rung, 'business_manager', 'long overdue: the next rung, not a jump');
  assert.deepEqual(nextRung(DEFAULT_LADDER, { ...facts, offTrackCycles: 2, fired: [{ rung: 'owner', firedOn: '2027-01-01' }] }, '2027-01-02'), {
    rung: 'business_manager',
    trigger: 'off_track',
    daysOverdue: 0,
  });
  const noOwner = { ...DEFAULT_LADDER, rungs: { ...DEFAULT_LADDER.rungs, owner: { ...DEFAULT_LADDER.rungs.owner, enabled: false } } };
  assert.equal(nextRung(noOwner, facts, '2027-02-01'), null, 'the first enabled rung is the business unit’s, after 14 days');
  assert.equal(nextRung(noOwner, facts, '2027-02-14')?.rung, 'business_manager');
});

test('off-track cycles: the reports at the end; the response’s answers', () => {
  assert.equal(offTrackCycles(['off_track', 'on_track', 'off_track', 'off_track']), 2);
  assert.equal(offTrackCycles(['off_track', 'on_track']), 0);
  assert.deepEqual(responseProblems('formal_request', { respondedOn: '2027-02-01', outcome: 'no_response', complied: null }, '2027-01-01', '2027-03-01'), {
    complied: 'action-challenges:errors.compliedRequired',
  });
  assert.deepEqual(responseProblems('owner', { respondedOn: null, outcome: 'x', complied: 'no' }, '2027-01-01', '2027-03-01'), {
    respondedOn: 'action-challenges:errors.respondedOnRequired',
    outcome: 'action-challenges:errors.outcomeRequired',
    complied: 'action-challenges:errors.compliedOnlyFormal',
  });
});
