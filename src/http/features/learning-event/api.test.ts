// The learning event in the JSON API (issue 10 item 7), on both databases: planning on an SCR is a 409 with
// its reason; bad input a 422 with the pages' codes and nothing written; another board's review 404; the
// business unit plans and reads the event; the board chair reads it without the practitioners' names.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, fieldCodes } from '../../../testing/api-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`learning event API (${dialect})`, () => {
    test('an SCR is refused (409), bad input is a 422 writing nothing, another board finds nothing', async (t) => {
      const w = await apiWorld(t, dialect);
      const callers = await reviewCallers(w.services, w.boardA.id);
      const scr = await seedReview(w.services, w.boardA.id, callers, { frameworkId: 'SCR_2006' });
      const cpr = await seedReview(w.services, w.boardA.id, callers, { frameworkId: 'CPR_2016' });
      const body = { heldOn: '2026-12-10', startsAt: '25:00', mode: 'by_post', venue: '', facilitatorIds: [] };
      const onScr = await w.call('POST', `/api/v1/boards/${w.boardA.id}/reviews/${scr.id}/learning-events`, w.tokens.unitA, body);
      assertProblem(onScr, 409);
      const bad = await w.call('POST', `/api/v1/boards/${w.boardA.id}/reviews/${cpr.id}/learning-events`, w.tokens.unitA, body);
      assertProblem(bad, 422);
      assert.deepEqual(fieldCodes(bad).sort(), [
        ['facilitatorIds', 'learning-event:errors.facilitatorsRequired'],
        ['mode', 'learning-event:errors.modeRequired'],
        ['startsAt', 'learning-event:errors.startsAtInvalid'],
        ['venue', 'learning-event:errors.venueRequired'],
      ]);
      assert.equal((await w.services.db.kysely.selectFrom('learning_events').select('id').execute()).length, 0);
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${cpr.id}/learning-event`, w.tokens.unitB), 404);
      assertProblem(await w.call('POST', `/api/v1/boards/${w.boardA.id}/reviews/${cpr.id}/learning-events`, w.tokens.chairA, body), 403);
      const read = await w.call('GET', `/api/v1/boards/${w.boardA.id}/reviews/${cpr.id}/learning-event`, w.tokens.chairA);
      assert.equal(read.statusCode, 200);
      assert.deepEqual(read.data, { applies: true, events: [], learningPoints: [] });
      const scrRead = await w.call('GET', `/api/v1/boards/${w.boardA.id}/reviews/${scr.id}/learning-event`, w.tokens.unitA);
      assert.deepEqual(scrRead.data, { applies: false, events: [], learningPoints: [] });
    });
  });
}
