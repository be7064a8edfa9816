// The submission packet's API operations (issue 13 item 6), on both databases: list, make (422 with the pages' field
// error and nothing written without an approved summary; 201 once the gates' documents are there), the zip (its
// checksum the one listed), a sending (422 for bad answers, 201 recorded); a board member and the board chair are
// refused, another board's business unit does not find the review.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { seedAgency } from '../../../testing/admin-fixtures.ts';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { callerWithRole } from '../../../testing/case-fixtures.ts';
import { openEveryGate, seedPreparingReview } from '../../../testing/publication-fixtures.ts';
import { reviewCallers } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`submission packet API (${dialect})`, () => {
    test('list, make (refused then made), download, record a sending; others refused', async (t) => {
      const w = await apiWorld(t, dialect);
      const callers = await reviewCallers(w.services, w.boardA.id);
      const police = await seedAgency(w.services, { boardIds: [w.boardA.id], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' });
      const r = await seedPreparingReview(w.services, w.boardA.id, callers, police.id);
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${r.review.id}/submission`;

      const empty = await w.call('GET', base, w.tokens.unitA);
      assert.equal(empty.statusCode, 200, JSON.stringify(empty.data));
      assert.deepEqual(empty.data, { recipients: ['welsh_government'], packets: [], sendings: [] });

      let seq = await w.lastSeq();
      const refused = await w.call('POST', `${base}/packets`, w.tokens.unitA);
      assertProblem(refused, 422);
      assert.deepEqual(fieldCodes(refused), [['form', 'packet:errors.noSummaryEn']]);
      assert.deepEqual(await w.writtenAfter(seq), [], 'nothing written');

      await openEveryGate(w.services, r.scope, callers.bu, await callerWithRole(w.services, 'information_governance', w.boardA.id));
      const made = await w.call('POST', `${base}/packets`, w.tokens.unitA);
      assert.equal(made.statusCode, 201, JSON.stringify(made.data));
      assert.equal(made.data.number, 1);
      const id = String(made.data.id);

      const listed = await w.call('GET', base, w.tokens.unitA);
      const packet = (listed.data.packets as Json[])[0] as Json & { manifest: { files: unknown[] } };
      assert.equal(packet.sha256, made.data.sha256);
      assert.equal(packet.manifest.files.length, 4);

      seq = await w.lastSeq();
      const zip = await w.call('GET', `${base}/packets/${id}`, w.tokens.unitA);
      assert.equal(zip.statusCode, 200);
      assert.equal(zip.headers['content-type'], 'application/zip');
      assert.equal(createHash('sha256').update(zip.rawPayload).digest('hex'), made.data.sha256);
      assert.deepEqual(
        (await w.writtenAfter(seq)).map((e) => e.action),
        ['PACKET_DOWNLOADED'],
        'the download is one audited read',
      );

      const bad = await w.call('POST', `${base}/sendings`, w.tokens.unitA, {
        packetId: id,
        recipient: 'wales_safeguarding_repository',
        method: 'fax',
        sentOn: '2027-01-01',
        reference: '',
      });
      assertProblem(bad, 422);
      assert.deepEqual(fieldCodes(bad), [
        ['recipient', 'packet:errors.recipientMissing'],
        ['method', 'packet:errors.methodMissing'],
        ['sentOn', 'packet:errors.sentOnFuture'],
        ['reference', 'packet:errors.referenceMissing'],
      ]);
      const sent = await w.call('POST', `${base}/sendings`, w.tokens.unitA, {
        packetId: id,
        recipient: 'welsh_government',
        method: 'portal_upload',
        sentOn: w.services.clock.today(),
        reference: 'WG-123',
      });
      assert.equal(sent.statusCode, 201, JSON.stringify(sent.data));
      assert.equal(sent.data.moved, false);
      const history = await w.call('GET', base, w.tokens.unitA);
      assert.deepEqual(
        (history.data.sendings as Json[]).map((s) => [s.packetNumber, s.recipient, s.method, s.reference]),
        [[1, 'welsh_government', 'portal_upload', 'WG-123']],
      );

      assertProblem(await w.call('GET', base, w.tokens.boardMemberA), 403);
      assertProblem(await w.call('GET', `${base}/packets/${id}`, w.tokens.chairA), 403);
      assertProblem(await w.call('POST', `${base}/packets`, w.tokens.chairA), 403);
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${r.review.id}/submission/packets/${id}`, w.tokens.unitB), 404);
    });
  });
}
