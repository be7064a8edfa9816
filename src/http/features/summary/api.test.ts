// The executive summary API (issue 13 item 3): read, save a section (stale → 409, nothing written), approve (an
// incomplete version → 422; the figures frozen), ask a translator and record the status, the Welsh version's
// tagged PDF by ?lang=cy; another board's business unit and a board member refused as problem+json.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SUMMARY_SECTIONS } from '../../../domain/publication/summary.ts';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`executive summary API (${dialect})`, () => {
    test('read, save, approve both languages, translation, the Welsh PDF; refusals as problem+json', async (t) => {
      const w = await apiWorld(t, dialect);
      const review = await seedReview(w.services, w.boardA.id, await reviewCallers(w.services, w.boardA.id), { frameworkId: 'CPR_2016' });
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}/summary`;
      const save = (language: string, section: string, text: string, revision: number) =>
        w.call('POST', `${base}/sections/${section}`, w.tokens.unitA, { language, text, revision });

      const start = await w.call('GET', base, w.tokens.unitA);
      assert.equal(start.statusCode, 200, JSON.stringify(start.data));
      const en = (start.data.languages as Json).en as Json;
      assert.equal((en.latest as Json).saved, false);
      assert.equal((start.data.figures as Json).total, 0);

      const first = await save('en', 'introduction', 'Why the review was held.', 0);
      assert.equal(first.statusCode, 200, JSON.stringify(first.data));
      assert.deepEqual(first.data, { version: 1, created: true, changed: true });
      const seq = await w.lastSeq();
      assertProblem(await save('en', 'introduction', 'Over it.', 0), 409);
      assertProblem(await save('fr', 'introduction', 'x', 0), 400);
      assertProblem(await save('en', 'nope', 'x', 0), 400);
      assert.deepEqual(await w.writtenAfter(seq), [], 'refusals write nothing');

      const incomplete = await w.call('POST', `${base}/approvals`, w.tokens.unitA, { language: 'en', version: 1, revision: 1 });
      assertProblem(incomplete, 422);
      assert.deepEqual(fieldCodes(incomplete), [['form', 'summary:errors.incomplete']]);

      for (const language of ['en', 'cy'] as const) {
        for (const s of SUMMARY_SECTIONS) {
          const revision = language === 'en' && s.id === 'introduction' ? 1 : 0;
          const saved = await save(language, s.id, language === 'cy' ? `Cymraeg ${s.id} ŵ ŷ.` : `English ${s.id}.`, revision);
          assert.equal(saved.statusCode, 200, JSON.stringify(saved.data));
        }
        const read = await w.call('GET', base, w.tokens.unitA);
        const latest = ((read.data.languages as Json)[language] as Json).latest as Json;
        const approved = await w.call('POST', `${base}/approvals`, w.tokens.unitA, { language, version: latest.version, revision: latest.revision });
        assert.equal(approved.statusCode, 200, JSON.stringify(approved.data));
      }
      const after = await w.call('GET', base, w.tokens.unitA);
      const cy = (after.data.languages as Json).cy as Json;
      assert.equal(((cy.approved as Json).figures as Json).total, 0, 'the figures frozen with the Welsh version');

      const requested = await w.call('POST', `${base}/translations`, w.tokens.unitA, {
        translatorName: 'Siân Jones',
        translatorEmail: 'sian@example.cymru',
        dueOn: '2026-12-20',
      });
      assert.equal(requested.statusCode, 201, JSON.stringify(requested.data));
      const id = String(requested.data.id);
      assertProblem(
        await w.call('POST', `${base}/translations`, w.tokens.unitA, { translatorName: 'Other', translatorEmail: 'o@example.com', dueOn: '2026-12-20' }),
        409,
      );
      const status = await w.call('POST', `${base}/translations/${id}`, w.tokens.unitA, { status: 'returned', version: 1 });
      assert.equal(status.statusCode, 200, JSON.stringify(status.data));
      assertProblem(await w.call('POST', `${base}/translations/${id}`, w.tokens.unitA, { status: 'cancelled', version: 1 }), 409);

      const pdf = await w.call('GET', `${base}/versions/1/document?format=pdf&lang=cy`, w.tokens.unitA);
      assert.equal(pdf.statusCode, 200);
      assert.match(pdf.rawPayload.toString('latin1'), /\/Lang \(cy-GB\)/);
      assertProblem(await w.call('GET', `${base}/versions/2/document?format=pdf`, w.tokens.unitA), 404);

      assertProblem(await w.call('GET', base, w.tokens.boardMemberA), 403);
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${review.id}/summary`, w.tokens.unitB), 404);
      assertProblem(await w.call('POST', `${base}/sections/people`, w.tokens.chairA, { language: 'en', text: 'x', revision: 1 }), 403);
    });
  });
}
