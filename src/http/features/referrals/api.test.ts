// The JSON API's referral operations: tokens, recording, duplicates, the list, a referral's reads, the OpenAPI document.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { auditRows, CHILD_A, count, NEW_OPERATIONS, setUp } from '../../../testing/api-setup.ts';
import { buildTestApp } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`JSON API: referrals (${dialect})`, () => {
    test('every new operation refuses a request without a valid token with a 401 problem', async (t) => {
      const { call } = await setUp(t, dialect);
      for (const [method, path] of NEW_OPERATIONS) {
        const url = path.replace(/\{\w+\}/g, 'x');
        for (const token of [undefined, 'crv1_not-a-real-token']) {
          assertProblem(await call(method, url, token, method === 'POST' ? { nonsense: true } : undefined), 401);
        }
      }
    });

    test('POST /boards/{id}/referrals: the business unit records a referral; audited; schema 400, rule 422, role 403, other board 404', async (t) => {
      const { services, boardA, boardB, tokens, call, body } = await setUp(t, dialect);
      const url = `/api/v1/boards/${boardA.id}/referrals`;
      const created = await call('POST', url, tokens.unitA, body({ periods: [{ kind: 'looked_after', startOn: '2024-01-01', endOn: null }] }));
      assert.equal(created.statusCode, 201, JSON.stringify(created.data));
      assert.equal(created.data.childCode, 'Child A');
      assert.deepEqual(
        created.data.childPseudonym,
        { kind: 'child', index: 1, en: 'Child A', cy: 'Plentyn A' },
        'stored as kind and index, written in both languages',
      );
      assert.equal(created.data.status, 'referred');
      assert.equal(created.data.boardId, boardA.id);
      assert.equal(created.data.incidentOn, '2026-11-18');
      assert.equal(created.data.child, undefined, 'the record is returned without restricted details');
      assert.equal(created.headers.location, `/api/v1/referrals/${created.data.id}`);
      const audit = await auditRows(services, 'REFERRAL_CREATED', String(created.data.id));
      assert.equal(audit.length, 1);
      assert.deepEqual(
        JSON.parse(audit[0]?.summary ?? '{}'),
        { referrer: 'external', periods: 1, familyMembers: 0, agenciesInvolved: 0, proceedings: 0 },
        'counts only',
      );

      const second = await call('POST', url, tokens.unitA, body({ incidentOn: '2026-11-10', receivedOn: '2026-11-12' }));
      assert.equal(second.data.childCode, 'Child B');

      // Schema violations: 400, with each field named.
      const malformed = await call('POST', url, tokens.unitA, { ...body(), incidentType: 'accident', receivedOn: '2026-02-30', extra: true });
      assertProblem(malformed, 400);
      const fields = (malformed.data.errors as Json[]).map((e) => e.field);
      assert.ok(fields.includes('incidentType') && fields.includes('receivedOn'), String(fields));
      // A missing answer is the page's rule (src/http/journeys/commands.ts): 422 with the page's key.
      const { incidentOn: _incidentOn, ...missing } = body();
      const noIncidentDate = await call('POST', url, tokens.unitA, missing);
      assertProblem(noIncidentDate, 422);
      assert.deepEqual(fieldCodes(noIncidentDate), [['incidentOn', 'referralForm.incidentOnRequired']]);
      assertProblem(await call('POST', url, tokens.unitA, { ...body(), child: { fullName: 'A\u0000B', isDeceased: true } }), 400);

      // Business rules: 422 with the service's codes, by the field's place in the body.
      const future = await call('POST', url, tokens.unitA, body({ incidentOn: '2026-12-01' }));
      assertProblem(future, 422);
      assert.deepEqual(fieldCodes(future), [['incidentOn', 'referral.incidentInFuture']]);
      assert.match(String((future.data.errors as Json[])[0]?.message), /today or in the past/);
      const afterReceived = await call('POST', url, tokens.unitA, body({ incidentOn: '2026-11-21', receivedOn: '2026-11-20' }));
      assert.deepEqual(fieldCodes(afterReceived), [['incidentOn', 'referral.incidentAfterReceived']]);
      const bornAfter = await call(
        'POST',
        url,
        tokens.unitA,
        body({ initialFacts: '  ', child: { fullName: null, dateOfBirthOn: '2026-11-19', address: null, isDeceased: true } }),
      );
      assert.deepEqual(fieldCodes(bornAfter).sort(), [
        ['child.dateOfBirthOn', 'referral.bornAfterIncident'],
        ['initialFacts', 'referral.factsRequired'],
      ]);
      const unknownAgency = await call('POST', url, tokens.unitA, body({ agenciesInvolved: ['01a21b37-0000-7000-8000-000000000000'] }));
      assert.deepEqual(fieldCodes(unknownAgency), [['agenciesInvolved', 'referral.agencyUnknown']]);

      // Who: case material is not the administrator's; another board is not found.
      assertProblem(await call('POST', url, tokens.adminA, body()), 403);
      assertProblem(await call('POST', url, tokens.root, body()), 403);
      assertProblem(await call('POST', url, tokens.memberA, body()), 403);
      assertProblem(await call('POST', `/api/v1/boards/${boardB.id}/referrals`, tokens.unitA, body()), 404);
      assertProblem(await call('POST', '/api/v1/boards/01a21b37-0000-7000-8000-000000000000/referrals', tokens.unitA, body()), 404);
      assert.equal(await count(services, 'referrals'), 2, 'nothing written by a refused request');
    });

    test('POST /boards/{id}/referrals/duplicates warns of the same child or incident without saving', async (t) => {
      const { services, boardA, boardB, tokens, call, createReferral } = await setUp(t, dialect);
      const first = await createReferral();
      const url = `/api/v1/boards/${boardA.id}/referrals/duplicates`;
      const same = await call('POST', url, tokens.unitA, {
        incidentOn: '2026-11-01',
        incidentType: 'other_harm',
        child: { fullName: 'SIÂN ŵyn  prydderch', dateOfBirthOn: '2019-05-04' },
      });
      assert.equal(same.statusCode, 200, JSON.stringify(same.data));
      assert.deepEqual(same.data.duplicates, [{ referralId: first.id, childCode: 'Child A', childPseudonym: CHILD_A, reason: 'same_child' }]);
      const incident = await call('POST', url, tokens.unitA, { incidentOn: '2026-11-18', incidentType: 'death' });
      assert.deepEqual(incident.data.duplicates, [{ referralId: first.id, childCode: 'Child A', childPseudonym: CHILD_A, reason: 'same_incident' }]);
      const none = await call('POST', url, tokens.unitA, { incidentOn: '2026-10-01', incidentType: 'death', child: { fullName: 'Someone Else' } });
      assert.deepEqual(none.data.duplicates, []);
      assert.equal(await count(services, 'referrals'), 1);
      assertProblem(await call('POST', url, tokens.unitA, { incidentType: 'death' }), 400);
      assertProblem(await call('POST', url, tokens.memberA, { incidentOn: '2026-11-18', incidentType: 'death' }), 403);
      assertProblem(
        await call('POST', `/api/v1/boards/${boardB.id}/referrals/duplicates`, tokens.unitA, { incidentOn: '2026-11-18', incidentType: 'death' }),
        404,
      );
      const other = await call('POST', `/api/v1/boards/${boardB.id}/referrals/duplicates`, tokens.unitB, { incidentOn: '2026-11-18', incidentType: 'death' });
      assert.deepEqual(other.data.duplicates, [], 'another board’s referrals are not compared');
    });

    test('GET /boards/{id}/referrals: the dashboard list with decision clocks, filters, sort and pages', async (t) => {
      const { boardA, boardB, tokens, call, createReferral } = await setUp(t, dialect);
      const recent = await createReferral();
      const overdue = await createReferral({
        incidentOn: '2026-09-01',
        receivedOn: '2026-09-10',
        incidentType: 'life_threatening_injury',
        child: { fullName: 'Other Child', dateOfBirthOn: '2015-01-01', address: null, isDeceased: false },
      });
      const url = `/api/v1/boards/${boardA.id}/referrals`;
      const list = await call('GET', url, tokens.memberA);
      assert.equal(list.statusCode, 200, JSON.stringify(list.data));
      assert.equal(list.data.total, 2);
      assert.equal(list.data.page, 1);
      assert.equal(list.data.pageSize, 50);
      const items = list.data.referrals as Json[];
      assert.deepEqual(
        items.map((r) => r.childCode),
        ['Child A', 'Child B'],
        'newest received first',
      );
      const a = items[0] as Json & { clocks: { fromIncident: Json; fromReferral: Json } };
      assert.equal(a.id, recent.id);
      assert.equal(a.overdue, false);
      assert.deepEqual(a.clocks.fromIncident.target, { amount: 4, unit: 'weeks' });
      assert.equal(a.clocks.fromIncident.startOn, '2026-11-18');
      assert.equal(a.clocks.fromIncident.dueOn, '2026-12-16');
      assert.deepEqual(a.clocks.fromIncident.elapsed, { workingDays: 7, calendarDays: 9, weeks: 1, days: 2 });
      assert.equal(a.clocks.fromReferral.dueOn, '2026-12-18');
      assert.equal(a.dueOn, '2026-12-16', 'the earlier due date');
      const b = items[1] as Json & { clocks: { fromIncident: Json } };
      assert.equal(b.overdue, true);
      assert.equal(b.clocks.fromIncident.status, 'overdue');
      assert.equal(b.clocks.fromIncident.overdue, true);
      assert.ok(Number(b.clocks.fromIncident.daysOverdue) > 50);

      const overdueOnly = await call('GET', `${url}?overdueOnly=true`, tokens.memberA);
      assert.deepEqual(
        (overdueOnly.data.referrals as Json[]).map((r) => r.id),
        [overdue.id],
      );
      const byType = await call('GET', `${url}?incidentType=death&incidentType=other_harm`, tokens.memberA);
      assert.deepEqual(
        (byType.data.referrals as Json[]).map((r) => r.id),
        [recent.id],
      );
      const byDue = await call('GET', `${url}?sort=due`, tokens.memberA);
      assert.deepEqual(
        (byDue.data.referrals as Json[]).map((r) => r.id),
        [overdue.id, recent.id],
      );
      const decided = await call('GET', `${url}?status=decided_proceed`, tokens.memberA);
      assert.deepEqual(decided.data.referrals, []);
      assert.deepEqual(decided.data.statuses, ['decided_proceed']);
      assert.deepEqual((await call('GET', `${url}?page=2`, tokens.memberA)).data.referrals, []);

      assertProblem(await call('GET', `${url}?status=lost`, tokens.memberA), 400);
      assertProblem(await call('GET', `${url}?page=0`, tokens.memberA), 400);
      assertProblem(await call('GET', `${url}?colour=red`, tokens.memberA), 400);
      assertProblem(await call('GET', url, tokens.adminA), 403);
      assertProblem(await call('GET', url, tokens.boardMemberA), 403);
      assertProblem(await call('GET', `/api/v1/boards/${boardB.id}/referrals`, tokens.memberA), 404);
    });

    test('GET /referrals/{id}: restricted details only for roles that may see them; every read audited; others get 404', async (t) => {
      const { services, tokens, call, createReferral } = await setUp(t, dialect);
      const referral = await createReferral({
        familyMembers: [{ relationship: 'Mother', isSignificantPerson: true, language: 'cy', fullName: 'Mair Ffug', contactDetails: '1 Lôn Ffug' }],
      });
      const url = `/api/v1/referrals/${referral.id}`;
      const full = await call('GET', url, tokens.unitA);
      assert.equal(full.statusCode, 200, JSON.stringify(full.data));
      assert.deepEqual(full.data.child, { fullName: 'Siân Ŵyn Prydderch', dateOfBirthOn: '2019-05-04', address: '1 Stryd Fawr', isDeceased: true });
      assert.equal((full.data.familyMembers as Json[])[0]?.fullName, 'Mair Ffug');
      assert.equal(full.data.initialFacts, 'Known facts as reported by the police.');

      const limited = await call('GET', url, tokens.memberA);
      assert.equal(limited.statusCode, 200);
      assert.equal('child' in limited.data, false, 'no restricted child object');
      assert.deepEqual(Object.keys((limited.data.familyMembers as Json[])[0] ?? {}).sort(), [
        'id',
        'isSignificantPerson',
        'language',
        'memberPseudonym',
        'pseudonym',
        'relationship',
      ]);
      assert.equal((limited.data.familyMembers as Json[])[0]?.pseudonym, 'Person 1');
      assert.deepEqual((limited.data.familyMembers as Json[])[0]?.memberPseudonym, { kind: 'significant_person', index: 1, en: 'Person 1', cy: 'Person 1' });
      assert.doesNotMatch(limited.body, /Prydderch|Mair Ffug/);

      const views = await auditRows(services, 'REFERRAL_VIEWED', referral.id);
      assert.deepEqual(
        views.map((v) => JSON.parse(v.summary ?? '{}').restrictedShown),
        [true, false],
      );

      for (const token of [tokens.adminA, tokens.root, tokens.boardMemberA, tokens.unitB, tokens.chairB]) assertProblem(await call('GET', url, token), 404);
      assertProblem(await call('GET', '/api/v1/referrals/01a21b37-0000-7000-8000-000000000000', tokens.unitA), 404);
      assertProblem(await call('GET', '/api/v1/referrals/not%20an%20id', tokens.unitA), 400);
      assert.equal((await auditRows(services, 'REFERRAL_VIEWED')).length, 2, 'refused reads write nothing');

      const timeline = await call('GET', `${url}/timeline`, tokens.memberA);
      assert.equal(timeline.statusCode, 200);
      const events = timeline.data.events as Json[];
      assert.deepEqual(
        events.map((e) => e.action),
        ['REFERRAL_CREATED', 'REFERRAL_VIEWED', 'REFERRAL_VIEWED', 'REFERRAL_TIMELINE_VIEWED'],
        'the trail shows this read of it too',
      );
      assert.equal(events[0]?.actorName, 'Unit A');
      assertProblem(await call('GET', `${url}/timeline`, tokens.adminA), 404);
      assertProblem(await call('GET', `${url}/timeline`, tokens.unitB), 404);
    });

    test('the OpenAPI document describes the new operations with their schemas and problems', async (t) => {
      const { app } = await buildTestApp(t, dialect);
      const doc = JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body);
      const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      );
      for (const [method, path] of NEW_OPERATIONS) {
        assert.ok(documented.includes(`${method} ${path}`), `${method} ${path} documented`);
      }
      const create = doc.paths['/api/v1/boards/{boardId}/referrals'].post;
      assert.equal(create.requestBody.content['application/json'].schema.$ref, '#/components/schemas/ReferralCreateInput');
      assert.ok(create.responses['422'].content['application/problem+json']);
      const decision = doc.paths['/api/v1/referrals/{referralId}/decision'].post;
      assert.ok(decision.responses['409'] && decision.responses['403'] && decision.responses['422']);
      const letter = doc.paths['/api/v1/referrals/{referralId}/decision-letter'].get;
      assert.deepEqual(Object.keys(letter.responses['200'].content).sort(), [
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'text/html; charset=utf-8',
      ]);
      for (const name of ['Referral', 'DecisionClock', 'Consideration', 'Criteria', 'Meeting', 'DecisionOutcome']) {
        assert.ok(doc.components.schemas[name] ?? doc.components.schemas[`${name}Output`], `${name} schema`);
      }
      assert.ok(doc.tags.some((tag: { name: string }) => tag.name === 'referrals'));
    });
  });
}
