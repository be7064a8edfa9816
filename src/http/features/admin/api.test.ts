// The API's boards, agencies, people and roles operations (boards-api.ts, agencies-api.ts, people-api.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertProblem, auditRows, type Json, adminApiWorld as setUp } from '../../../testing/admin-api-fixtures.ts';
import { testAction } from '../../../testing/audit-actions.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`JSON API: boards, agencies, people (${dialect})`, () => {
    test('boards: each token sees only its boards; another board is not found', async (t) => {
      const { boardA, boardB, tokens, call } = await setUp(t, dialect);
      const mine = await call('GET', '/api/v1/boards', tokens.adminA);
      assert.equal(mine.statusCode, 200);
      assert.deepEqual(
        (mine.data.boards as Json[]).map((b) => b.code),
        ['AAA'],
      );
      const all = await call('GET', '/api/v1/boards', tokens.root);
      assert.deepEqual((all.data.boards as Json[]).map((b) => b.code).sort(), ['AAA', 'BBB']);

      const one = await call('GET', `/api/v1/boards/${boardA.id}`, tokens.unitA);
      assert.equal(one.statusCode, 200);
      assert.equal(one.data.nameCy, 'Bwrdd A');
      assert.equal(one.data.validFromOn, null);
      assertProblem(await call('GET', `/api/v1/boards/${boardB.id}`, tokens.adminA), 404);
      assertProblem(await call('GET', '/api/v1/boards/01a21b37-0000-7000-8000-000000000000', tokens.root), 404);
      assertProblem(await call('GET', '/api/v1/boards/not%20an%20id', tokens.root), 400);
    });

    test('POST /api/v1/boards: deployment administrators only; validated; a taken code is a 422; audited', async (t) => {
      const { services, tokens, call } = await setUp(t, dialect);
      const body = { code: 'new-1', nameEn: 'New Board', nameCy: 'Bwrdd Newydd ŵŷ', boardType: 'RSB', nation: 'wales', validFromOn: '2026-04-01' };
      assertProblem(await call('POST', '/api/v1/boards', tokens.adminA, body), 403);

      const created = await call('POST', '/api/v1/boards', tokens.root, body);
      assert.equal(created.statusCode, 201);
      assert.equal(created.data.code, 'NEW-1');
      assert.equal(created.data.nameCy, 'Bwrdd Newydd ŵŷ');
      assert.equal(created.data.validFromOn, '2026-04-01');
      assert.equal(created.headers.location, `/api/v1/boards/${created.data.id}`);
      const audit = await auditRows(services, 'BOARD_CREATED', String(created.data.id));
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.board_id, created.data.id);

      const taken = await call('POST', '/api/v1/boards', tokens.root, body);
      assertProblem(taken, 422);
      assert.deepEqual(
        (taken.data.errors as Json[]).map((e) => [e.field, e.code]),
        [['code', 'board.codeTaken']],
      );

      const bad = await call('POST', '/api/v1/boards', tokens.root, {
        code: '',
        nameEn: 'x'.repeat(201),
        boardType: 'XYZ',
        validFromOn: '2026-02-30',
        extra: 1,
      });
      assertProblem(bad, 400);
      const fields = (bad.data.errors as Json[]).map((e) => e.field);
      for (const field of ['code', 'nameEn', 'nameCy', 'boardType', 'nation', 'validFromOn']) assert.ok(fields.includes(field), `${field} in ${fields}`);
      for (const e of bad.data.errors as Json[]) assert.equal(typeof e.message, 'string');

      const backwards = await call('POST', '/api/v1/boards', tokens.root, { ...body, code: 'NEW-2', validFromOn: '2026-04-01', validToOn: '2026-03-31' });
      assertProblem(backwards, 400);
      assert.deepEqual(
        (backwards.data.errors as Json[]).map((e) => e.field),
        ['validToOn'],
      );
      const boards = await services.db.kysely.selectFrom('boards').select('code').execute();
      assert.deepEqual(boards.map((b) => b.code).sort(), ['AAA', 'BBB', 'NEW-1']);
    });

    test('PATCH and PUT /api/v1/boards/{id}: board administrators of that board only; audited', async (t) => {
      const { services, boardA, boardB, tokens, call } = await setUp(t, dialect);
      const patched = await call('PATCH', `/api/v1/boards/${boardA.id}`, tokens.adminA, { nameEn: 'Board A (renamed)', validToOn: '2027-03-31' });
      assert.equal(patched.statusCode, 200);
      assert.equal(patched.data.nameEn, 'Board A (renamed)');
      assert.equal(patched.data.nameCy, 'Bwrdd A', 'fields left out keep their values');
      assert.equal(patched.data.validToOn, '2027-03-31');
      const audit = await auditRows(services, 'BOARD_UPDATED', boardA.id);
      assert.equal(audit.length, 1);
      assert.deepEqual(JSON.parse(audit[0]?.summary ?? '{}').changed, ['nameEn', 'validToOn']);

      assertProblem(await call('PATCH', `/api/v1/boards/${boardA.id}`, tokens.unitA, { nameEn: 'No' }), 403);
      assertProblem(await call('PATCH', `/api/v1/boards/${boardB.id}`, tokens.adminA, { nameEn: 'No' }), 404);
      assertProblem(await call('PATCH', `/api/v1/boards/${boardA.id}`, tokens.adminA, { validFromOn: '2028-01-01' }), 422);
      assertProblem(await call('PATCH', `/api/v1/boards/${boardA.id}`, tokens.adminA, { isActive: 'yes' }), 400);

      const full = {
        code: 'AAA',
        nameEn: 'Board A',
        nameCy: 'Bwrdd A',
        boardType: 'LSCB',
        nation: 'wales',
        region: 'West',
        validFromOn: null,
        validToOn: null,
        predecessorBoardId: null,
        isActive: true,
      };
      const put = await call('PUT', `/api/v1/boards/${boardA.id}`, tokens.adminA, full);
      assert.equal(put.statusCode, 200);
      assert.equal(put.data.boardType, 'LSCB');
      assert.equal(put.data.region, 'West');
      assertProblem(await call('PUT', `/api/v1/boards/${boardA.id}`, tokens.adminA, { ...full, code: 'BBB' }), 422);
      assertProblem(await call('PUT', `/api/v1/boards/${boardA.id}`, tokens.adminA, { nameEn: 'only' }), 400);
      assertProblem(await call('PUT', `/api/v1/boards/${boardB.id}`, tokens.adminA, full), 404);
      assert.equal((await auditRows(services, 'BOARD_UPDATED', boardA.id)).length, 2);
    });

    test('agencies: create, list by board, read and replace, within the token holder’s boards', async (t) => {
      const { services, boardA, boardB, tokens, call } = await setUp(t, dialect);
      const body = { nameEn: 'Teifi Police', nameCy: 'Heddlu Teifi', sector: 'police', isStatutoryPartner: true, boardIds: [boardA.id] };
      const created = await call('POST', '/api/v1/agencies', tokens.adminA, body);
      assert.equal(created.statusCode, 201);
      assert.deepEqual(created.data.boardIds, [boardA.id]);
      assert.equal((await auditRows(services, 'AGENCY_CREATED', String(created.data.id))).length, 1);
      const id = String(created.data.id);

      assertProblem(await call('POST', '/api/v1/agencies', tokens.adminA, { ...body, boardIds: [boardB.id] }), 403);
      assertProblem(await call('POST', '/api/v1/agencies', tokens.unitA, body), 403);
      assertProblem(await call('POST', '/api/v1/agencies', tokens.adminA, { ...body, sector: 'army', boardIds: [] }), 400);
      assertProblem(await call('POST', '/api/v1/agencies', tokens.root, { ...body, boardIds: ['01a21b37-0000-7000-8000-000000000000'] }), 422);

      const listA = await call('GET', `/api/v1/agencies?boardId=${boardA.id}`, tokens.unitA);
      assert.equal(listA.statusCode, 200);
      assert.deepEqual(
        (listA.data.agencies as Json[]).map((a) => a.nameCy),
        ['Heddlu Teifi'],
      );
      assertProblem(await call('GET', `/api/v1/agencies?boardId=${boardB.id}`, tokens.unitA), 404);
      assertProblem(await call('GET', '/api/v1/agencies?boardId=a&boardId=b', tokens.unitA), 400);
      assert.deepEqual((await call('GET', '/api/v1/agencies', tokens.adminB)).data.agencies, []);

      assert.equal((await call('GET', `/api/v1/agencies/${id}`, tokens.unitA)).data.sector, 'police');
      assertProblem(await call('GET', `/api/v1/agencies/${id}`, tokens.adminB), 404);

      const replaced = await call('PUT', `/api/v1/agencies/${id}`, tokens.adminA, { ...body, nameEn: 'Teifi Valley Police', isActive: false });
      assert.equal(replaced.statusCode, 200);
      assert.equal(replaced.data.isActive, false);
      assert.equal((await auditRows(services, 'AGENCY_UPDATED', id)).length, 1);
      assertProblem(await call('PUT', `/api/v1/agencies/${id}`, tokens.adminB, { ...body, isActive: true }), 404);
      assertProblem(await call('PUT', `/api/v1/agencies/${id}`, tokens.adminA, body), 400);
    });

    test('people: create, search, read, replace and deactivate, within the token holder’s boards', async (t) => {
      const { services, boardA, adminA, tokens, call } = await setUp(t, dialect);
      const agency = await services.organisation.createAgency(
        {
          actor: { personId: 'x', grants: [{ id: 'g', role: 'administrator', scope: { type: 'deployment' } }], twoFactorSatisfied: true },
          ip: null,
          requestId: null,
          action: testAction('TEST'),
        },
        { nameEn: 'Health', nameCy: 'Iechyd', sector: 'health', isStatutoryPartner: true, boardIds: [boardA.id] },
      );
      const body = { fullName: 'Gwenllian ap Rhys', email: 'Gwen@Example.org', jobTitle: 'Nurse', agencyId: agency.id, language: 'cy' };
      const created = await call('POST', '/api/v1/people', tokens.adminA, body);
      assert.equal(created.statusCode, 201, JSON.stringify(created.data));
      assert.equal(created.data.email, 'gwen@example.org');
      assert.equal(created.data.hasPassword, false);
      const id = String(created.data.id);
      assert.equal((await auditRows(services, 'PERSON_CREATED', id)).length, 1);

      assertProblem(await call('POST', '/api/v1/people', tokens.adminA, body), 422);
      assertProblem(await call('POST', '/api/v1/people', tokens.unitA, { ...body, email: 'other@example.org' }), 403);
      const invalid = await call('POST', '/api/v1/people', tokens.adminA, { ...body, email: 'not an email', language: 'fr' });
      assertProblem(invalid, 400);
      assert.deepEqual((invalid.data.errors as Json[]).map((e) => e.field).sort(), ['email', 'language']);

      const found = await call('GET', '/api/v1/people?text=gwenllian', tokens.unitA);
      assert.equal(found.statusCode, 200);
      assert.deepEqual(
        (found.data.people as Json[]).map((p) => p.id),
        [id],
      );
      assert.equal(found.data.total, 1);
      assert.equal(found.data.page, 1);
      assert.equal((await call('GET', '/api/v1/people?page=2', tokens.unitA)).data.total, 3);
      assertProblem(await call('GET', '/api/v1/people?page=0', tokens.unitA), 400);
      assert.deepEqual((await call('GET', '/api/v1/people?text=gwenllian', tokens.adminB)).data.people, []);

      const one = await call('GET', `/api/v1/people/${id}`, tokens.unitA);
      assert.equal(one.statusCode, 200);
      assert.deepEqual(one.data.roles, []);
      assertProblem(await call('GET', `/api/v1/people/${id}`, tokens.adminB), 404);

      const replaced = await call('PUT', `/api/v1/people/${id}`, tokens.adminA, { ...body, jobTitle: null, language: 'en' });
      assert.equal(replaced.statusCode, 200);
      assert.equal(replaced.data.jobTitle, null);
      assert.equal(replaced.data.language, 'en');
      assert.equal((await auditRows(services, 'PERSON_UPDATED', id)).length, 1);
      assertProblem(await call('PUT', `/api/v1/people/${id}`, tokens.adminB, body), 404);

      assertProblem(await call('POST', `/api/v1/people/${adminA.id}/deactivate`, tokens.adminA), 422);
      assertProblem(await call('POST', `/api/v1/people/${id}/deactivate`, tokens.unitA), 403);
      const deactivated = await call('POST', `/api/v1/people/${id}/deactivate`, tokens.adminA);
      assert.equal(deactivated.statusCode, 200);
      assert.equal(typeof deactivated.data.deactivatedAt, 'string');
      assert.equal((await auditRows(services, 'PERSON_DEACTIVATED', id)).length, 1);
    });

    test('roles: give, list and end a person’s board roles; other boards and duplicates are refused', async (t) => {
      const { services, boardA, boardB, unitA, adminB, tokens, call } = await setUp(t, dialect);
      const given = await call('POST', `/api/v1/people/${unitA.id}/roles`, tokens.adminA, { role: 'board_member', boardId: boardA.id });
      assert.equal(given.statusCode, 201, JSON.stringify(given.data));
      assert.equal(given.data.scope, 'board');
      assert.equal(given.data.boardId, boardA.id);
      assert.equal(given.data.endedAt, null);
      const assignmentId = String(given.data.id);
      assert.equal((await auditRows(services, 'ROLE_ASSIGNED', assignmentId)).length, 1);

      assertProblem(await call('POST', `/api/v1/people/${unitA.id}/roles`, tokens.adminA, { role: 'board_member', boardId: boardA.id }), 422);
      assertProblem(await call('POST', `/api/v1/people/${unitA.id}/roles`, tokens.adminA, { role: 'board_member', boardId: boardB.id }), 403);
      assertProblem(await call('POST', `/api/v1/people/${unitA.id}/roles`, tokens.adminA, { role: 'administrator', boardId: null }), 403);
      assertProblem(await call('POST', `/api/v1/people/${unitA.id}/roles`, tokens.unitA, { role: 'board_member', boardId: boardA.id }), 403);
      assertProblem(await call('POST', `/api/v1/people/${unitA.id}/roles`, tokens.adminA, { role: 'emperor', boardId: boardA.id }), 400);

      const listed = await call('GET', `/api/v1/people/${unitA.id}/roles`, tokens.adminA);
      assert.deepEqual(
        (listed.data.roles as Json[]).map((r) => r.role),
        ['business_unit', 'board_member'],
      );
      assertProblem(await call('GET', `/api/v1/people/${unitA.id}/roles`, tokens.adminB), 404);

      const adminBRole = (
        await services.people.get(
          {
            actor: { personId: 'x', grants: [{ id: 'g', role: 'administrator', scope: { type: 'deployment' } }], twoFactorSatisfied: true },
            ip: null,
            requestId: null,
            action: testAction('TEST'),
          },
          adminB.id,
        )
      ).roles[0];
      assertProblem(await call('DELETE', `/api/v1/people/${unitA.id}/roles/${adminBRole?.id}`, tokens.adminA), 404);
      assertProblem(await call('DELETE', `/api/v1/people/${adminB.id}/roles/${adminBRole?.id}`, tokens.adminA), 404);
      assertProblem(await call('DELETE', `/api/v1/people/${unitA.id}/roles/${assignmentId}`, tokens.unitA), 403);

      const ended = await call('DELETE', `/api/v1/people/${unitA.id}/roles/${assignmentId}`, tokens.adminA);
      assert.equal(ended.statusCode, 204);
      assert.equal(ended.body, '');
      assert.equal((await auditRows(services, 'ROLE_ENDED', assignmentId)).length, 1);
      assertProblem(await call('DELETE', `/api/v1/people/${unitA.id}/roles/${assignmentId}`, tokens.adminA), 404);
    });
  });
}
