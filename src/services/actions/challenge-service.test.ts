// The board's ladder settings and the challenge log through their service (issue 12 item 4), on both databases:
// the defaults until the board saves its own; bad settings refused field by field, nothing written; a change made
// meanwhile refused; the log read by the business unit (the whole) and by the action's owner; the response and
// outcome recorded, and for the formal request whether it was complied with — bad answers refused, nothing written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Services } from '../../container.ts';
import { DEFAULT_LADDER, type LadderInput, ladderAnswers } from '../../domain/actions/escalation.ts';
import { addDays } from '../../domain/clock/dates.ts';
import { as } from '../../testing/case-fixtures.ts';
import { seedLadderAction } from '../../testing/challenge-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { type ReviewCallers, reviewCallers } from '../../testing/review-fixtures.ts';
import { buildTestApp, TestClock } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';
import { ServiceError } from '../context.ts';

const invalidWith = (fields: Record<string, string>) => (e: unknown) =>
  e instanceof ServiceError && e.kind === 'invalid' && Object.entries(fields).every(([f, k]) => e.fieldErrors[f] === k);
const DAY = 86_400_000;

for (const dialect of dialectsUnderTest()) {
  describe(`the board's ladder and the challenge log (${dialect})`, () => {
    let services: Services;
    let clock: TestClock;
    let boardId: string;
    let callers: ReviewCallers;
    let close: () => Promise<void>;

    before(async () => {
      clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
      ({ services, close } = await buildTestApp(undefined, dialect, { clock }));
      boardId = (await seedBoard(services, 'CYSUR')).id;
      callers = await reviewCallers(services, boardId);
    });
    after(() => close());

    const settingsRows = async () => (await services.db.kysely.selectFrom('action_ladder_settings').selectAll().execute()).length;

    test('the defaults until saved; bad settings refused with their fields, nothing written; a stale form refused', async () => {
      const bu = as(callers.bu, 'ACTION_LADDER_SAVED');
      const view = await services.challenges.ladder(as(callers.bu, 'ACTION_LADDER_VIEWED'), boardId);
      assert.deepEqual(view.settings, DEFAULT_LADDER);
      assert.equal(view.version, 0);
      assert.equal(view.basis, 's137');
      const answers = ladderAnswers(DEFAULT_LADDER);
      const bad: LadderInput = {
        reminderDays: '14, fourteen',
        rungs: {
          ...answers.rungs,
          business_manager: { enabled: true, afterDays: '0', afterCycles: '2' },
          chair_letter: { enabled: true, afterDays: '10', afterCycles: 'x' },
        },
      };
      await assert.rejects(
        services.challenges.saveLadder(bu, boardId, { ...bad, version: 0 }),
        invalidWith({
          reminderDays: 'action-challenges:errors.reminderDaysInvalid',
          business_managerDays: 'action-challenges:errors.daysInvalid',
          chair_letterCycles: 'action-challenges:errors.cyclesInvalid',
        }),
      );
      const none = Object.fromEntries(Object.entries(answers.rungs).map(([r, a]) => [r, { ...a, enabled: false }])) as LadderInput['rungs'];
      await assert.rejects(
        services.challenges.saveLadder(bu, boardId, { reminderDays: '14', rungs: none, version: 0 }),
        invalidWith({ form: 'action-challenges:errors.noRung' }),
      );
      const disorder = { ...answers.rungs, board_agenda: { enabled: true, afterDays: '20', afterCycles: '' } };
      await assert.rejects(
        services.challenges.saveLadder(bu, boardId, { reminderDays: '3, 3', rungs: disorder, version: 0 }),
        invalidWith({ reminderDays: 'action-challenges:errors.reminderDaysRepeated', board_agendaDays: 'action-challenges:errors.daysOutOfOrder' }),
      );
      assert.equal(await settingsRows(), 0, 'nothing written');
      // Another board's business unit, and the board chair, may not change it.
      const other = await reviewCallers(services, (await seedBoard(services, 'OTHER')).id);
      await assert.rejects(
        services.challenges.saveLadder(as(other.bu, 'ACTION_LADDER_SAVED'), boardId, { ...answers, version: 0 }),
        (e: unknown) => e instanceof ServiceError && e.kind === 'forbidden',
      );
      // Saved: the letter off, the agenda after 30 days.
      const mine = {
        reminderDays: '21, 7',
        rungs: {
          ...answers.rungs,
          chair_letter: { enabled: false, afterDays: '', afterCycles: '' },
          board_agenda: { enabled: true, afterDays: '30', afterCycles: '' },
        },
      };
      assert.deepEqual(await services.challenges.saveLadder(bu, boardId, { ...mine, version: 0 }), { version: 1 });
      const saved = await services.challenges.ladder(as(callers.bu, 'ACTION_LADDER_VIEWED'), boardId);
      assert.deepEqual(saved.settings.reminderDays, [21, 7]);
      assert.equal(saved.settings.rungs.chair_letter.enabled, false);
      assert.deepEqual(saved.settings.rungs.board_agenda, { enabled: true, afterDays: 30, afterCycles: null });
      await assert.rejects(
        services.challenges.saveLadder(bu, boardId, { ...mine, version: 0 }),
        (e: unknown) => e instanceof ServiceError && e.kind === 'conflict' && e.fieldErrors.form === 'action-challenges:errors.changedMeanwhile',
      );
      // Back to the defaults for the next test.
      assert.deepEqual(await services.challenges.saveLadder(bu, boardId, { ...answers, version: 1 }), { version: 2 });
    });

    test('the log: the business unit and the owner read it; the response and outcome recorded; the formal request’s compliance; bad answers refused', async () => {
      const w = await seedLadderAction(services, boardId, callers, { targetOn: addDaysFrom(clock, 2) });
      // A long way overdue: one rung a day up to the formal request (the agenda rung waits for a meeting).
      await services.boardMeetings.schedule(as(callers.bu, 'BOARD_MEETING_SCHEDULED'), boardId, {
        meetsOn: addDaysFrom(clock, 200),
        startsAt: null,
        online: true,
        place: null,
      });
      clock.advance(60 * DAY);
      for (let i = 0; i < 5; i++) {
        await services.actionReminders.sendDue();
        clock.advance(DAY);
      }
      const log = await services.challenges.log(as(callers.bu, 'ACTION_CHALLENGES_VIEWED'), w.scope);
      assert.deepEqual(
        log.challenges.map((c) => c.rung),
        ['owner', 'business_manager', 'chair_letter', 'board_agenda', 'formal_request'],
      );
      assert.equal(log.mayRecord, true);
      // The board's progress report and the partner view list the steps (the progress report's challenge lines).
      const report = await services.progressReports.report(
        as(callers.bu, 'ACTION_CHALLENGES_VIEWED'),
        boardId,
        { from: addDaysFrom(clock, -30), to: clock.today() },
        'en',
      );
      assert.deepEqual(
        report.report.challenges.filter((c) => c.reviewReference === w.review.reference).map((c) => c.rung),
        ['owner', 'business_manager', 'chair_letter', 'board_agenda', 'formal_request'],
      );
      const partner = await services.progressReports.partner(as(callers.bu, 'ACTION_CHALLENGES_VIEWED'), boardId, w.police.id, 1, 'en');
      assert.equal(partner.escalations.length, 5);
      const owners = await services.challenges.log(as(w.owner, 'ACTION_CHALLENGES_VIEWED'), w.scope, w.actionId);
      assert.equal(owners.challenges.length, 5);
      assert.equal(owners.mayRecord, false);
      await assert.rejects(
        services.challenges.recordResponse(as(w.owner, 'ACTION_CHALLENGE_RESPONSE_RECORDED'), w.scope, log.challenges[0]?.id ?? '', {
          response: 'x',
          respondedOn: clock.today(),
          outcome: 'no_response',
          complied: null,
          version: 1,
        }),
        (e: unknown) => e instanceof ServiceError && e.kind === 'forbidden',
      );
      const formal = log.challenges.find((c) => c.rung === 'formal_request');
      const letter = log.challenges.find((c) => c.rung === 'chair_letter');
      assert.ok(formal && letter);
      assert.equal(formal.statutoryBasis, 's137');
      const record = (id: string, input: Partial<Parameters<Services['challenges']['recordResponse']>[3]>) =>
        services.challenges.recordResponse(as(callers.bu, 'ACTION_CHALLENGE_RESPONSE_RECORDED'), w.scope, id, {
          response: 'The chief officer replied with a revised plan.',
          respondedOn: clock.today(),
          outcome: 'revised_plan_agreed',
          complied: null,
          version: 1,
          ...input,
        });
      const snapshot = async () => JSON.stringify(await services.db.kysely.selectFrom('action_challenges').selectAll().orderBy('id').execute());
      const before = await snapshot();
      await assert.rejects(record(formal.id, { complied: null }), invalidWith({ complied: 'action-challenges:errors.compliedRequired' }));
      await assert.rejects(record(letter.id, { complied: 'yes' }), invalidWith({ complied: 'action-challenges:errors.compliedOnlyFormal' }));
      await assert.rejects(
        record(letter.id, { response: ' ', respondedOn: 'invalid', outcome: 'maybe' }),
        invalidWith({
          response: 'action-challenges:errors.responseRequired',
          respondedOn: 'action-challenges:errors.respondedOnInvalid',
          outcome: 'action-challenges:errors.outcomeRequired',
        }),
      );
      await assert.rejects(
        record(letter.id, { respondedOn: addDaysFrom(clock, 1) }),
        invalidWith({ respondedOn: 'action-challenges:errors.respondedOnFuture' }),
      );
      await assert.rejects(record(letter.id, { respondedOn: '2026-01-01' }), invalidWith({ respondedOn: 'action-challenges:errors.respondedOnBeforeStep' }));
      assert.equal(await snapshot(), before, 'nothing written');
      await record(formal.id, { complied: 'no', outcome: 'further_escalation' });
      await record(letter.id, {});
      await assert.rejects(record(letter.id, {}), (e: unknown) => e instanceof ServiceError && e.kind === 'conflict');
      const after = await services.challenges.log(as(callers.bu, 'ACTION_CHALLENGES_VIEWED'), w.scope);
      const f = after.challenges.find((c) => c.id === formal.id);
      assert.deepEqual([f?.complied, f?.outcome, f?.respondedOn], [false, 'further_escalation', clock.today()]);
      assert.equal(after.challenges.find((c) => c.id === letter.id)?.complied, null);
      if (dialect === 'postgres') {
        // Two people recording the owner's reminder's response at once: one is recorded, the other told it changed meanwhile.
        const first = log.challenges.find((c) => c.rung === 'owner');
        assert.ok(first);
        const results = await Promise.allSettled([record(first.id, { outcome: 'no_response' }), record(first.id, { outcome: 'action_back_on_track' })]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const refused = results.find((r) => r.status === 'rejected');
        assert.ok(refused?.status === 'rejected' && refused.reason instanceof ServiceError && refused.reason.kind === 'conflict');
        assert.equal(refused.reason.fieldErrors.form, 'action-challenges:errors.changedMeanwhile');
      }
    });
  });
}

function addDaysFrom(clock: TestClock, days: number): string {
  return addDays(clock.today(), days);
}
