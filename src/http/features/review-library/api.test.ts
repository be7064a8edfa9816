// The review document library in the API (issue 10 item 9): add (multipart), list, read, add a version and
// download, with problem+json refusals (an executable renamed .docx 415, missing answers 422, another board
// 403/404) that write nothing. On both databases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { multipartBody, type Part, SAMPLE_EXE, samplePdf } from '../../../testing/file-fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`review documents API (${dialect})`, () => {
    test('add, list, read, add a version and download; refusals as problems, nothing written', async (t) => {
      const w = await apiWorld(t, dialect);
      const review = await seedReview(w.services, w.boardA.id, await reviewCallers(w.services, w.boardA.id), { frameworkId: 'SCR_2006' });
      const police = await seedAgency(w.services, [w.boardA.id]);
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}/documents`;
      const send = async (url: string, token: string, parts: Part[]) => {
        const body = multipartBody(parts);
        const res = await w.app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${token}`, 'content-type': body.contentType },
          payload: body.payload,
        });
        return Object.assign(res, { data: (res.body ? JSON.parse(res.body) : {}) as Json });
      };
      const pdf = await samplePdf('Police IMR');
      const fields = (f: Record<string, string>): Part[] => Object.entries(f).map(([name, value]) => ({ name, value }));
      const added = await send(base, w.tokens.unitA, [
        ...fields({ kind: 'agency_report', agencyId: police.id, classification: 'official_sensitive', title: 'Police IMR' }),
        { name: 'file', filename: 'imr.pdf', content: pdf },
      ]);
      assert.equal(added.statusCode, 201, added.body);
      const id = String(added.data.id);
      assert.equal(added.headers.location, `${base}/${id}`);
      assert.deepEqual([added.data.kind, added.data.agencyId, added.data.latestVersion], ['agency_report', police.id, 1]);
      const v2 = await send(`${base}/${id}/versions`, w.tokens.unitA, [
        ...fields({ note: 'Second draft' }),
        { name: 'file', filename: 'imr2.pdf', content: pdf },
      ]);
      assert.equal(v2.statusCode, 201, v2.body);
      assert.deepEqual(
        (v2.data.versions as Json[]).map((v) => [v.version, v.note]),
        [
          [2, 'Second draft'],
          [1, null],
        ],
      );
      const list = await w.call('GET', base, w.tokens.chairA);
      assert.deepEqual(
        (list.data as unknown as Json[]).map((d) => d.title),
        ['Police IMR'],
      );
      const content = await w.call('GET', `${base}/${id}/versions/1/content`, w.tokens.unitA);
      assert.equal(content.statusCode, 200);
      assert.deepEqual(content.rawPayload, pdf);

      const before = { seq: await w.lastSeq(), docs: (await w.services.db.kysely.selectFrom('review_document_versions').select('id').execute()).length };
      const exe = await send(base, w.tokens.unitA, [
        ...fields({ kind: 'minutes', classification: 'official', title: 'Minutes' }),
        { name: 'file', filename: 'minutes.docx', content: SAMPLE_EXE },
      ]);
      assertProblem(exe, 415);
      const missing = await send(base, w.tokens.unitA, fields({ kind: 'agency_report', classification: 'official', title: '' }));
      assertProblem(missing, 422);
      assert.deepEqual(fieldCodes(missing).sort(), [
        ['agencyId', 'library.agencyRequired'],
        ['file', 'file.required'],
        ['title', 'library.titleRequired'],
      ]);
      assertProblem(
        await send(base, w.tokens.chairA, [
          ...fields({ kind: 'minutes', classification: 'official', title: 'x' }),
          { name: 'file', filename: 'a.pdf', content: pdf },
        ]),
        403,
      );
      assertProblem(await w.call('GET', base, w.tokens.unitB), 403);
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${review.id}/documents/${id}`, w.tokens.unitB), 404);
      assert.equal((await w.services.db.kysely.selectFrom('review_document_versions').select('id').execute()).length, before.docs);
      assert.deepEqual(
        (await w.writtenAfter(before.seq)).map((e) => e.action).filter((a) => !a.endsWith('_REFUSED')),
        [],
        'refusals write nothing',
      );
    });
  });
}
