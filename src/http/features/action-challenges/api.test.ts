// The ladder and the challenge log in the API (issue 12 item 4), on both databases: the defaults read; a bad
// ladder refused as a 422 naming its fields and writing nothing; another board's business unit and the chair
// refused; the ladder replaced at the version read (a stale version: 409); the log of a climbed action read
// (audited); a response refused as a 422 writing nothing, then recorded with the formal request's compliance.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_LADDER } from '../../../domain/actions/escalation.ts';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { seedLadderAction } from '../../../testing/challenge-fixtures.ts';
import { reviewCallers } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const DAY = 86_400_000;

for (const dialect of dialectsUnderTest()) {
  describe(`escalation ladder API (${dialect})`, () => {
    test('the ladder read and replaced; the log read; a response recorded; refusals write nothing', async (t) => {
      const w = await apiWorld(t, dialect);
      const ladderUrl = `/api/v1/boards/${w.boardA.id}/action-ladder`;
      const read = await w.call('GET', ladderUrl, w.tokens.unitA);
      assert.equal(read.statusCode, 200, JSON.stringify(read.data));
      assert.deepEqual(read.data, { ...DEFAULT_LADDER, version: 0, formalRequestBasis: 's137' });

      const before = await w.lastSeq();
      const bad = await w.call('PUT', ladderUrl, w.tokens.unitA, {
        reminderDays: [14, 400],
        rungs: { ...DEFAULT_LADDER.rungs, chair_letter: { enabled: true, afterDays: 5, afterCycles: 99 } },
        version: 0,
      });
      assertProblem(bad, 422);
      assert.deepEqual(fieldCodes(bad), [
        ['reminderDays', 'action-challenges:errors.reminderDaysInvalid'],
        ['chair_letterDays', 'action-challenges:errors.daysOutOfOrder'],
        ['chair_letterCycles', 'action-challenges:errors.cyclesInvalid'],
      ]);
      const good = {
        reminderDays: [21, 7],
        rungs: { ...DEFAULT_LADDER.rungs, board_agenda: { enabled: false, afterDays: 42, afterCycles: null } },
        version: 0,
      };
      assertProblem(await w.call('PUT', ladderUrl, w.tokens.chairA, good), 403);
      const otherBoard = await w.call('PUT', ladderUrl, w.tokens.unitB, good);
      assert.ok(otherBoard.statusCode === 403 || otherBoard.statusCode === 404, String(otherBoard.statusCode));
      assert.deepEqual(await w.writtenAfter(before), []);
      const saved = await w.call('PUT', ladderUrl, w.tokens.unitA, good);
      assert.equal(saved.statusCode, 200, JSON.stringify(saved.data));
      assert.deepEqual(saved.data, { version: 1 });
      assertProblem(await w.call('PUT', ladderUrl, w.tokens.unitA, good), 409);

      // An action long overdue climbs a rung a day (the agenda step is off): owner, business unit, letter, formal request.
      const a = await seedLadderAction(w.services, w.boardA.id, await reviewCallers(w.services, w.boardA.id), { targetOn: '2026-12-01' });
      w.clock.advance(80 * DAY);
      for (let i = 0; i < 4; i++) {
        await w.services.actionReminders.sendDue();
        w.clock.advance(DAY);
      }
      const logUrl = `/api/v1/boards/${w.boardA.id}/reviews/${a.review.id}/challenges`;
      const log = await w.call('GET', logUrl, w.tokens.unitA);
      assert.equal(log.statusCode, 200, JSON.stringify(log.data));
      const steps = log.data.challenges as Json[];
      assert.deepEqual(
        steps.map((c) => c.rung),
        ['owner', 'business_manager', 'chair_letter', 'formal_request'],
      );
      const formal = steps[3] as Json;
      assert.equal(formal.statutoryBasis, 's137');
      const respond = (body: Json) => w.call('PUT', `${logUrl}/${formal.id}/response`, w.tokens.unitA, body);
      const seq = await w.lastSeq();
      const refused = await respond({ response: 'Replied.', respondedOn: w.clock.today(), outcome: 'maybe', version: 1 });
      assertProblem(refused, 422);
      assert.deepEqual(fieldCodes(refused), [
        ['outcome', 'action-challenges:errors.outcomeRequired'],
        ['complied', 'action-challenges:errors.compliedRequired'],
      ]);
      assert.deepEqual(await w.writtenAfter(seq), []);
      const ok = await respond({
        response: 'The chief officer replied.',
        respondedOn: w.clock.today(),
        outcome: 'further_escalation',
        complied: 'no',
        version: 1,
      });
      assert.equal(ok.statusCode, 204, JSON.stringify(ok.data));
      const after = await w.call('GET', logUrl, w.tokens.unitA);
      const recorded = (after.data.challenges as Json[]).find((c) => c.id === formal.id);
      assert.deepEqual([recorded?.complied, recorded?.outcome, recorded?.version], [false, 'further_escalation', 2]);
    });
  });
}
