// The review report API (issue 10 item 10): save and submit as the author, comment as a panel member, QA as the
// panel chair, and the board chair's acceptance refused with a 422 naming each R4 reason, then accepted; a stale
// save is a 409; other roles and boards refused; on both databases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, fieldCodes } from '../../../testing/api-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { CPR_TO_DRAFTING, moveReview } from '../../../testing/report-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`review report API (${dialect})`, () => {
    test('draft, submit, comment, QA; acceptance refused with each R4 reason as a 422, then accepted; stale saves and other roles refused', async (t) => {
      const w = await apiWorld(t, dialect);
      const callers = await reviewCallers(w.services, w.boardA.id);
      const review = await seedReview(w.services, w.boardA.id, callers, { frameworkId: 'CPR_2016' });
      await moveReview(w.services, callers.bu, w.boardA.id, review.id, CPR_TO_DRAFTING);
      const token = async (role: 'author' | 'panel_chair' | 'panel_member') =>
        (
          await w.services.tokens.create(
            testCaller('TEST_TOKEN'),
            (
              await seedPerson(w.services, { reviewRoles: [{ role, boardId: w.boardA.id, reviewId: review.id }], totp: true })
            ).email,
            'test',
          )
        ).token;
      const author = await token('author');
      const chair = await token('panel_chair');
      const member = await token('panel_member');
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}/report`;

      assert.equal((await w.call('POST', `${base}/sections/circumstances`, author, { revision: 0, text: 'What happened.' })).statusCode, 200);
      assertProblem(await w.call('POST', `${base}/sections/circumstances`, author, { revision: 0, text: 'Written over.' }), 409);
      assertProblem(await w.call('POST', `${base}/sections/circumstances`, member, { revision: 1, text: 'x' }), 403);
      assertProblem(await w.call('POST', `${base}/sections/circumstances`, w.tokens.unitB, { revision: 1, text: 'x' }), 403);
      const read = await w.call('GET', base, author);
      assert.equal(read.statusCode, 200, JSON.stringify(read.data));
      const current = read.data.current as { version: number; revision: number };
      assert.equal((await w.call('POST', `${base}/submissions`, author, { version: current.version, revision: current.revision })).statusCode, 200);
      assert.equal((await w.call('POST', `${base}/comments`, member, { version: 1, section: 'circumstances', text: 'Add the dates.' })).statusCode, 201);
      const added = await w.call('POST', `${base}/review-recommendations`, w.tokens.unitA, { text: 'Share information sooner.' });
      assert.equal(added.statusCode, 200, JSON.stringify(added.data));

      await moveReview(w.services, callers.bu, w.boardA.id, review.id, ['submit_to_panel']);
      assertProblem(await w.call('POST', `${base}/qa-sign-offs`, member, { version: 1 }), 403);
      assert.equal((await w.call('POST', `${base}/qa-sign-offs`, chair, { version: 1 })).statusCode, 200);
      assertProblem(await w.call('POST', `${base}/qa-sign-offs`, chair, { version: 1 }), 409);
      await moveReview(w.services, callers.bu, w.boardA.id, review.id, ['submit_to_board']);

      const refused = await w.call('POST', `${base}/acceptances`, w.tokens.chairA, { version: 1 });
      assertProblem(refused, 422);
      assert.deepEqual(fieldCodes(refused), [
        ['r4-section', 'report:r4.noRecommendationsSection'],
        ['r4-1-noTargetDate', 'report:r4.noTargetDate'],
        ['r4-1-noResponsible', 'report:r4.noResponsible'],
      ]);
      const after = await w.call('GET', base, w.tokens.chairA);
      assert.deepEqual(after.data.r4, [
        { reason: 'noRecommendationsSection', number: null },
        { reason: 'noTargetDate', number: 1 },
        { reason: 'noResponsible', number: 1 },
      ]);
      assert.equal((after.data.current as { status: string }).status, 'qa_signed_off');

      // The signed-off version as Word and tagged PDF, in either language; a version that does not exist is not found.
      const doc = (version: number, query: string, bearer: string) =>
        w.app.inject({ method: 'GET', url: `${base}/versions/${version}/document?${query}`, headers: { authorization: `Bearer ${bearer}` } });
      const docx = await doc(1, 'format=docx&lang=cy', author);
      assert.equal(docx.statusCode, 200, docx.body);
      assert.match(String(docx.headers['content-type']), /wordprocessingml/);
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
      const pdf = await doc(1, 'format=pdf', w.tokens.chairA);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.equal((await doc(1, 'format=odt', author)).statusCode, 400);
      assert.equal((await doc(9, 'format=pdf', author)).statusCode, 404);
      assert.equal((await doc(1, 'format=pdf', w.tokens.unitB)).statusCode, 403);
    });
  });
}
