// The reviews API (issue 10 item 1): list, read and move, with problem+json refusals, on both databases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`reviews API (${dialect})`, () => {
    test('list, read and move a review; refusals as problem+json, nothing written by a refusal', async (t) => {
      const w = await apiWorld(t, dialect);
      const review = await seedReview(w.services, w.boardA.id, await reviewCallers(w.services, w.boardA.id), { frameworkId: 'SCR_2006' });
      const base = `/api/v1/boards/${w.boardA.id}/reviews`;
      const list = await w.call('GET', base, w.tokens.unitA);
      assert.equal(list.statusCode, 200, JSON.stringify(list.data));
      const items = list.data.reviews as Json[];
      assert.deepEqual(
        items.map((r) => [r.id, r.stage, r.frameworkId, r.onHold]),
        [[review.id, 'DECIDED_PROCEED', 'SCR_2006', false]],
      );
      assert.equal(((items[0]?.clock ?? {}) as Json).status, 'on_track');
      const one = await w.call('GET', `${base}/${review.id}`, w.tokens.unitA);
      assert.equal(one.statusCode, 200, JSON.stringify(one.data));
      assert.deepEqual((one.data.events as string[]).sort(), ['hold', 'start_scoping', 'withdraw']);
      assert.equal((one.data.steps as Json[])[0]?.status, 'current');

      const before = await w.lastSeq();
      const move = (body: Json, token = w.tokens.unitA) => w.call('POST', `${base}/${review.id}/transitions`, token, body);
      const noCode = await move({ event: 'hold', reason: 'Criminal trial.' });
      assertProblem(noCode, 422);
      assert.deepEqual(fieldCodes(noCode), [['holdReason', 'reviews.holdReasonRequired']]);
      assertProblem(await move({ event: 'submit_to_panel' }), 409);
      assertProblem(await move({ event: 'start_scoping' }, w.tokens.chairA), 403);
      assertProblem(await move({ event: 'start_scoping' }, w.tokens.unitB), 403);
      assert.deepEqual(await w.writtenAfter(before), [], 'refusals write nothing but their own refusal events');

      const held = await move({ event: 'hold', holdReason: 'inquest', reason: 'The inquest is open.', from: 'DECIDED_PROCEED' });
      assert.equal(held.statusCode, 200, JSON.stringify(held.data));
      assert.deepEqual(held.data, { from: 'DECIDED_PROCEED', to: 'ON_HOLD:DECIDED_PROCEED' });
      assertProblem(await move({ event: 'resume', from: 'DECIDED_PROCEED' }), 409);
      const onHold = await w.call('GET', `${base}?onHold=yes`, w.tokens.unitA);
      assert.deepEqual(
        (onHold.data.reviews as Json[]).map((r) => [r.state, (r.holds as Json[]).map((h) => h.reasonCode)]),
        [['ON_HOLD:DECIDED_PROCEED', ['inquest']]],
      );

      // Other board: refused on the list, not found through its own board's address.
      assertProblem(await w.call('GET', base, w.tokens.unitB), 403);
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${review.id}`, w.tokens.unitB), 404);
      assertProblem(await w.call('GET', base, w.tokens.memberA), 403);

      const spec = await w.call('GET', '/api/v1/openapi.json');
      const ops = Object.values(spec.data.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) =>
        Object.values(p).map((o) => o.operationId),
      );
      for (const id of ['listReviews', 'getReview', 'moveReview']) assert.ok(ops.includes(id), id);
    });
  });
}
