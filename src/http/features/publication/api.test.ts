// The publication API (issue 13 items 4 and 7), on both databases: read the decision and every closed gate; the
// business unit records the decision (bad input 422 with the pages' field codes, a stale revision 409, nothing
// written by either), the welfare check, a hold and its end; the board chair overrides ongoing proceedings and
// approves (the business unit may not); another board's business unit is refused every operation; the sealed notes
// are never shown as their sealed placeholder; every operation is in the OpenAPI document.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedAgency } from '../../../testing/admin-fixtures.ts';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { seedPreparingReview } from '../../../testing/publication-fixtures.ts';
import { reviewCallers } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const decision = (overrides: Json = {}) => ({
  choice: 'summary',
  reasons: 'The learning should be shared; the family agree.',
  releaseDate: '2027-01-20',
  releaseTime: '09:30',
  pressStatementEn: 'The board publishes today the review of Child A.',
  pressStatementCy: 'Mae’r bwrdd yn cyhoeddi heddiw yr adolygiad o Blentyn A.',
  showHold: true,
  withdrawAfterMonths: 36,
  revision: 0,
  ...overrides,
});

for (const dialect of dialectsUnderTest()) {
  describe(`publication API (${dialect})`, () => {
    test('read the gates, decide, welfare check, hold, override, approve; refusals as problem+json, nothing written', async (t) => {
      const w = await apiWorld(t, dialect);
      const police = await seedAgency(w.services, { boardIds: [w.boardA.id], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' });
      const { review } = await seedPreparingReview(w.services, w.boardA.id, await reviewCallers(w.services, w.boardA.id), police.id);
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}/publication`;

      const start = await w.call('GET', base, w.tokens.unitA);
      assert.equal(start.statusCode, 200, JSON.stringify(start.data));
      assert.equal(start.data.revision, 0);
      assert.equal(start.data.stage, 'PUBLICATION_PREPARATION');
      assert.equal((start.data.closedGates as Json).choice, 'publication:gate.noDecision');
      assert.equal((start.data.closedGates as Json).welfare, 'publication:gate.noWelfareCheck');
      assert.equal(start.data.mayPrepare, true);
      assert.equal(start.data.mayApprove, false);
      assertProblem(await w.call('GET', base, w.tokens.unitB), 403);
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${review.id}/publication`, w.tokens.unitB), 404);

      const seq = await w.lastSeq();
      const past = await w.call('POST', `${base}/decision`, w.tokens.unitA, decision({ releaseDate: '2026-01-05', reasons: '' }));
      assertProblem(past, 422);
      assert.ok(
        fieldCodes(past).some(([field]) => field === 'releaseDate' || field === 'releaseTime'),
        JSON.stringify(past.data),
      );
      assertProblem(await w.call('POST', `${base}/decision`, w.tokens.unitA, decision({ choice: 'everything' })), 400);
      assertProblem(await w.call('POST', `${base}/decision`, w.tokens.unitB, decision()), 403);
      assertProblem(await w.call('POST', `${base}/approval`, w.tokens.unitA, { revision: 0 }), 403);
      assert.deepEqual(await w.writtenAfter(seq), [], 'refusals write nothing');

      const decided = await w.call('POST', `${base}/decision`, w.tokens.unitA, decision());
      assert.equal(decided.statusCode, 200, JSON.stringify(decided.data));
      assert.deepEqual(decided.data, { revision: 1 });
      assertProblem(await w.call('POST', `${base}/decision`, w.tokens.unitA, decision()), 409);

      const welfare = await w.call('POST', `${base}/welfare-check`, w.tokens.unitA, {
        checkedOn: '2026-11-20',
        note: 'The siblings are settled with their grandmother.',
        revision: 1,
      });
      assert.equal(welfare.statusCode, 200, JSON.stringify(welfare.data));
      assertProblem(await w.call('POST', `${base}/welfare-check`, w.tokens.unitA, { checkedOn: '2026-11-20', note: '', revision: 1 }), 422);

      assert.equal(
        (await w.call('POST', `${base}/hold`, w.tokens.unitA, { reason: 'The trial is listed.', recheckOn: '2027-02-01', revision: 1 })).statusCode,
        200,
      );
      const held = await w.call('GET', base, w.tokens.unitA);
      assert.deepEqual(held.data.hold, { reason: 'The trial is listed.', recheckOn: '2027-02-01' });
      assert.equal(held.data.showHold, true);
      assert.equal(held.data.withdrawAfterMonths, 36);
      assert.equal(held.data.welfareCheckedOn, '2026-11-20');
      assert.notEqual(held.data.welfareNote, '•', 'a sealed note is shown opened or not at all');
      assert.equal((await w.call('POST', `${base}/hold/end`, w.tokens.unitA, { revision: 1 })).statusCode, 200);
      assert.equal((await w.call('GET', base, w.tokens.unitA)).data.hold, null);

      assertProblem(await w.call('POST', `${base}/override`, w.tokens.unitA, { liaison: 'DS Jones, CPS Wales', revision: 1 }), 403);
      const noLiaison = await w.call('POST', `${base}/override`, w.tokens.chairA, { liaison: '', revision: 1 });
      assertProblem(noLiaison, 422);
      assert.deepEqual(fieldCodes(noLiaison), [['liaison', 'publication:errors.liaisonRequired']]);
      assert.equal((await w.call('POST', `${base}/override`, w.tokens.chairA, { liaison: 'DS Jones, CPS Wales', revision: 1 })).statusCode, 200);

      assertProblem(await w.call('POST', `${base}/approval`, w.tokens.chairA, { revision: 0 }), 409);
      assertProblem(await w.call('POST', `${base}/approval`, w.tokens.chairB, { revision: 1 }), 403);
      const approved = await w.call('POST', `${base}/approval`, w.tokens.chairA, { revision: 1 });
      assert.equal(approved.statusCode, 200, JSON.stringify(approved.data));
      const read = await w.call('GET', base, w.tokens.chairA);
      assert.equal(read.data.approved, true);
      assert.equal(read.data.choice, 'summary');
      assert.equal(read.data.releaseAt, '2027-01-20T09:30:00.000Z');
      assert.equal((read.data.closedGates as Json).chair, undefined, 'the chair’s gate is open');
      assert.equal(read.data.overrideLiaison === null || read.data.overrideLiaison === 'DS Jones, CPS Wales', true);

      const again = await w.call('POST', `${base}/decision`, w.tokens.unitA, decision({ revision: 1, showHold: false }));
      assert.equal(again.statusCode, 200);
      assert.equal((await w.call('GET', base, w.tokens.unitA)).data.approved, false, 'a changed decision needs approving again');

      const spec = await w.call('GET', '/api/v1/openapi.json');
      const ops = Object.values(spec.data.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) =>
        Object.values(p).map((o) => o.operationId),
      );
      for (const id of [
        'getPublication',
        'decidePublication',
        'recordPublicationWelfareCheck',
        'holdPublication',
        'endPublicationHold',
        'overridePublicationProceedings',
        'approvePublication',
      ]) {
        assert.ok(ops.includes(id), `${id} is in the OpenAPI document`);
      }
    });
  });
}
