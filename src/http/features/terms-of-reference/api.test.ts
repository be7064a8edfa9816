// The terms of reference API (issue 10 item 3): read, save sections, approve (the panel chair only), a version's
// changes and an approved version's document, with problem+json refusals that write nothing, on both databases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedAgency } from '../../../testing/admin-fixtures.ts';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`terms of reference API (${dialect})`, () => {
    test('save sections, approve as the panel chair, a change after approval starts version 2 with its changes; refusals as problem+json', async (t) => {
      const w = await apiWorld(t, dialect);
      const review = await seedReview(w.services, w.boardA.id, await reviewCallers(w.services, w.boardA.id));
      const police = await seedAgency(w.services, { boardIds: [w.boardA.id], nameEn: 'Dyfed-Powys Police', nameCy: 'Heddlu Dyfed-Powys' });
      const token = async (person: { email: string }) => (await w.services.tokens.create(testCaller('TEST_TOKEN'), person.email, 'test')).token;
      const chair = await token(
        await seedPerson(w.services, { reviewRoles: [{ role: 'panel_chair', boardId: w.boardA.id, reviewId: review.id }], totp: true }),
      );
      const member = await token(
        await seedPerson(w.services, { reviewRoles: [{ role: 'panel_member', boardId: w.boardA.id, reviewId: review.id }], totp: true }),
      );
      const contributor = await token(
        await seedPerson(w.services, {
          agencyId: police.id,
          reviewRoles: [{ role: 'agency_contributor', boardId: w.boardA.id, reviewId: review.id, agencyId: police.id }],
          totp: true,
        }),
      );
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}/terms-of-reference`;
      const save = (section: string, body: Json, by = w.tokens.unitA) => w.call('POST', `${base}/sections/${section}`, by, body);

      const start = await w.call('GET', base, w.tokens.unitA);
      assert.equal(start.statusCode, 200, JSON.stringify(start.data));
      const current = start.data.current as Json;
      assert.equal(current.saved, false);
      assert.deepEqual(current.content && (current.content as Json).period, { startOn: '2025-11-18', endOn: '2026-11-18' });
      assert.deepEqual(((current.content as Json).subject as Json).pseudonym, { kind: 'child', index: 1, en: 'Child A', cy: 'Plentyn A' });

      const before = await w.lastSeq();
      const bad = await save('period', { revision: 0, startOn: '2026-06-01', endOn: '2026-05-01' });
      assertProblem(bad, 422);
      assert.deepEqual(fieldCodes(bad), [['endOn', 'terms:errors.endBeforeStart']]);
      assertProblem(await save('purpose', { revision: 0, text: 'x' }, member), 403);
      assertProblem(await save('purpose', { revision: 0, text: 'x' }, contributor), 403);
      assertProblem(await save('purpose', { revision: 0, text: 'x' }, w.tokens.unitB), 403);
      assertProblem(await save('subject', { revision: 0, text: 'x' }), 400);
      assert.deepEqual(await w.writtenAfter(before), [], 'refusals write nothing but their own refusal events');

      for (const [section, body] of [
        ['purpose', { text: 'A review under the SUSR guidance.' }],
        ['agencies', { agencies: [{ agencyId: police.id, form: 'timeline' }] }],
        ['enquiry', { items: ['Information sharing'] }],
        ['methodology', { text: 'A learning event.' }],
        ['panel', { text: 'An independent chair.' }],
        ['timescales', { text: 'Six months.' }],
      ] as const) {
        const res = await save(section, { revision: 0, ...body });
        assert.equal(res.statusCode, 200, JSON.stringify(res.data));
      }
      assertProblem(await save('purpose', { revision: 0, text: 'Someone else’s purpose.' }), 409);

      const read = await w.call('GET', base, chair);
      const draft = read.data.current as Json;
      assert.deepEqual([draft.version, draft.status, draft.revision, read.data.mayApprove, read.data.missing], [1, 'draft', 6, true, []]);
      assertProblem(await w.call('POST', `${base}/approvals`, w.tokens.unitA, { version: 1, revision: 6 }), 403);
      assertProblem(await w.call('POST', `${base}/approvals`, member, { version: 1, revision: 6 }), 403);
      assertProblem(await w.call('POST', `${base}/approvals`, contributor, { version: 1, revision: 6 }), 403);
      assertProblem(await w.call('POST', `${base}/approvals`, chair, { version: 1, revision: 5 }), 409);
      const approved = await w.call('POST', `${base}/approvals`, chair, { version: 1, revision: 6 });
      assert.equal(approved.statusCode, 200, JSON.stringify(approved.data));
      assert.deepEqual(approved.data, { version: 1 });

      const changed = await save('purpose', { revision: 1, text: 'A review under the SUSR statutory guidance.' });
      assert.deepEqual(changed.data, { version: 2, created: true, changed: true });
      const v2 = await w.call('GET', `${base}/versions/2`, w.tokens.unitA);
      assert.equal(v2.statusCode, 200, JSON.stringify(v2.data));
      assert.equal(v2.data.comparedWith, 1);
      const purpose = (v2.data.changes as Json[]).find((c) => c.section === 'purpose');
      assert.deepEqual(purpose?.parts, [
        { kind: 'same', text: 'A review under the SUSR ' },
        { kind: 'ins', text: 'statutory ' },
        { kind: 'same', text: 'guidance.' },
      ]);

      // The contributor reads version 1 (approved) and its document, never the draft.
      const theirs = await w.call('GET', base, contributor);
      assert.deepEqual([(theirs.data.current as Json).version, (theirs.data.versions as Json[]).length, theirs.data.mayEdit], [1, 1, false]);
      assertProblem(await w.call('GET', `${base}/versions/2`, contributor), 404);
      const pdf = await w.call('GET', `${base}/versions/1/document?format=pdf&lang=cy`, contributor);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.match(String(pdf.headers['content-disposition']), /cylch-gorchwyl-f1-cy\.pdf/);
      assertProblem(await w.call('GET', `${base}/versions/2/document?format=pdf`, w.tokens.unitA), 404);
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${review.id}/terms-of-reference`, w.tokens.unitB), 404);

      const spec = await w.call('GET', '/api/v1/openapi.json');
      const ops = Object.values(spec.data.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) =>
        Object.values(p).map((o) => o.operationId),
      );
      for (const id of [
        'getTermsOfReference',
        'saveTermsOfReferenceSection',
        'approveTermsOfReference',
        'getTermsOfReferenceVersion',
        'getTermsOfReferenceDocument',
      ])
        assert.ok(ops.includes(id), id);
    });
  });
}
