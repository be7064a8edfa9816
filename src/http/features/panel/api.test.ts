// The panel API (issue 10 item 2): the register, nomination, declaration (through the link's page),
// appointment refused with every reason (422, nothing written) then made; problem+json refusals for other
// boards and roles; the operations in OpenAPI. On both databases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`panel API (${dialect})`, () => {
    test('register, nominate, declare, appoint; refusals as problem+json, nothing written by a refusal', async (t) => {
      const w = await apiWorld(t, dialect);
      const police = await seedAgency(w.services, [w.boardA.id]);
      const review = await seedReview(w.services, w.boardA.id, await reviewCallers(w.services, w.boardA.id), { frameworkId: 'SCR_2006' });
      const row = await w.services.db.kysely.selectFrom('reviews').select('referral_id').where('id', '=', review.id).executeTakeFirstOrThrow();
      await w.services.db.kysely.insertInto('referral_agencies').values({ referral_id: row.referral_id, agency_id: police.id }).execute();
      const register = `/api/v1/boards/${w.boardA.id}/register`;
      const entry = (over: Json = {}) => ({
        fullName: 'Morgan Independent',
        email: 'morgan@example.org',
        specialisms: ['Neglect'],
        wgApproved: true,
        languages: ['en', 'cy'],
        availability: 'available',
        ...over,
      });
      const before = await w.lastSeq();
      const bad = await w.call('POST', register, w.tokens.unitA, entry({ fullName: '', languages: [] }));
      assertProblem(bad, 422);
      assert.deepEqual(fieldCodes(bad).sort(), [
        ['fullName', 'panel.nameRequired'],
        ['languages', 'panel.languagesRequired'],
      ]);
      assertProblem(await w.call('POST', register, w.tokens.unitB, entry()), 403);
      assertProblem(await w.call('POST', register, w.tokens.chairA, entry()), 403);
      assert.deepEqual(await w.writtenAfter(before), [], 'refusals write nothing but their own refusal events');
      const added = await w.call('POST', register, w.tokens.unitA, entry());
      assert.equal(added.statusCode, 201, JSON.stringify(added.data));
      const employee = await w.call('POST', register, w.tokens.unitA, entry({ fullName: 'Pat Police', email: 'pat@example.org', employerAgencyId: police.id }));
      assertProblem(await w.call('POST', register, w.tokens.unitA, entry()), 409);
      const list = await w.call('GET', `${register}?language=cy&specialism=negl`, w.tokens.chairA);
      assert.equal(list.statusCode, 200, JSON.stringify(list.data));
      assert.equal((list.data.entries as Json[]).length, 2);

      const panel = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}/panel`;
      const nominate = (entryId: unknown) => w.call('POST', `${panel}/nominations`, w.tokens.unitA, { role: 'panel_chair', entryId });
      const n1 = await nominate(added.data.id);
      const n2 = await nominate(employee.data.id);
      assert.equal(n1.statusCode, 201, JSON.stringify(n1.data));
      const link = await w.call('POST', `${panel}/nominations/${n2.data.id}/declaration-link`, w.tokens.unitA);
      assert.equal(link.statusCode, 201, JSON.stringify(link.data));
      const candidate = new Browser(w.app);
      const path = new URL(String(link.data.url)).pathname;
      assert.equal((await candidate.submit(path, { independentOfAgencies: 'yes', independentOfCase: 'yes', independentOfChild: 'yes' })).statusCode, 200);
      const mid = await w.lastSeq();
      const undeclared = await w.call('POST', `${panel}/nominations/${n1.data.id}/appointment`, w.tokens.unitA);
      assertProblem(undeclared, 422);
      assert.deepEqual(fieldCodes(undeclared), [['declaration', 'panel.notDeclared']]);
      const employed = await w.call('POST', `${panel}/nominations/${n2.data.id}/appointment`, w.tokens.unitA);
      assertProblem(employed, 422);
      assert.deepEqual(fieldCodes(employed), [['employer', 'panel.employedByInvolvedAgency']]);
      assertProblem(await w.call('POST', `${panel}/nominations/${n1.data.id}/appointment`, w.tokens.unitB), 403);
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${review.id}/panel`, w.tokens.unitB), 404);
      assert.deepEqual(await w.writtenAfter(mid), [], 'a refused appointment writes nothing');

      const link1 = await w.call('POST', `${panel}/nominations/${n1.data.id}/declaration-link`, w.tokens.unitA);
      const path1 = new URL(String(link1.data.url)).pathname;
      await candidate.submit(path1, { independentOfAgencies: 'yes', independentOfCase: 'yes', independentOfChild: 'yes' });
      const appointed = await w.call('POST', `${panel}/nominations/${n1.data.id}/appointment`, w.tokens.unitA);
      assert.equal(appointed.statusCode, 200, JSON.stringify(appointed.data));
      const read = await w.call('GET', panel, w.tokens.unitA);
      assert.equal(read.statusCode, 200, JSON.stringify(read.data));
      const statuses = (read.data.nominations as Json[]).map((n) => [n.name, n.status]);
      assert.deepEqual(statuses, [
        ['Morgan Independent', 'appointed'],
        ['Pat Police', 'nominated'],
      ]);
      const left = await w.call('POST', `${panel}/nominations/${n1.data.id}/end`, w.tokens.unitA, { reason: 'Moved abroad.' });
      assert.equal(left.statusCode, 204);

      // An agency's representative added, then their place ended: their role on the review ends with it.
      const member = await w.call('POST', `${panel}/members`, w.tokens.unitA, {
        fullName: 'Rhian Rep',
        email: 'rhian@police.example.org',
        agencyId: police.id,
      });
      assert.equal(member.statusCode, 201, JSON.stringify(member.data));
      const members = async () => ((await w.call('GET', panel, w.tokens.unitA)).data.members as Json[]).map((m) => m as { assignmentId: string; name: string });
      const [rep] = await members();
      assert.equal(rep?.name, 'Rhian Rep');
      assertProblem(await w.call('DELETE', `${panel}/members/${rep?.assignmentId}`, w.tokens.unitB), 403);
      assertProblem(await w.call('DELETE', `${panel}/members/${rep?.assignmentId}`, w.tokens.chairA), 403);
      assertProblem(await w.call('DELETE', `${panel}/members/${review.id}`, w.tokens.unitA), 404);
      assert.equal((await w.call('DELETE', `${panel}/members/${rep?.assignmentId}`, w.tokens.unitA)).statusCode, 204);
      assert.deepEqual(await members(), []);
      assertProblem(await w.call('DELETE', `${panel}/members/${rep?.assignmentId}`, w.tokens.unitA), 404);

      const spec = await w.call('GET', '/api/v1/openapi.json');
      const ops = Object.values(spec.data.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) =>
        Object.values(p).map((o) => o.operationId),
      );
      for (const id of [
        'listRegister',
        'addRegisterEntry',
        'updateRegisterEntry',
        'addRegisterEngagement',
        'getReviewPanel',
        'addPanelMember',
        'nominateIndependent',
        'requestIndependenceDeclaration',
        'appointIndependent',
        'endNomination',
        'endPanelMember',
      ])
        assert.ok(ops.includes(id), id);
    });
  });
}
