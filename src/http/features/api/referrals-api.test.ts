import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Services } from '../../../container.ts';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { MUST_ANSWERS } from '../../../testing/case-fixtures.ts';
import { buildTestApp } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const CHILD_A = { kind: 'child', index: 1, en: 'Child A', cy: 'Plentyn A' };

type Method = 'GET' | 'POST';

/** The new operations as documented; requests put "x" for each path parameter. */
const NEW_OPERATIONS: [Method, string][] = [
  ['POST', '/api/v1/boards/{boardId}/referrals'],
  ['GET', '/api/v1/boards/{boardId}/referrals'],
  ['POST', '/api/v1/boards/{boardId}/referrals/duplicates'],
  ['GET', '/api/v1/referrals/{referralId}'],
  ['GET', '/api/v1/referrals/{referralId}/duplicates'],
  ['GET', '/api/v1/referrals/{referralId}/timeline'],
  ['GET', '/api/v1/referrals/{referralId}/consideration'],
  ['GET', '/api/v1/referrals/{referralId}/criteria'],
  ['POST', '/api/v1/referrals/{referralId}/assessments'],
  ['POST', '/api/v1/referrals/{referralId}/recommendations'],
  ['POST', '/api/v1/referrals/{referralId}/decision'],
  ['GET', '/api/v1/referrals/{referralId}/decision-letter'],
  ['GET', '/api/v1/boards/{boardId}/meetings'],
  ['POST', '/api/v1/boards/{boardId}/meetings'],
  ['POST', '/api/v1/meetings/{meetingId}/attendance'],
  ['POST', '/api/v1/meetings/{meetingId}/agenda'],
];

const setUp = apiWorld;

async function auditRows(services: Services, action: string, recordId?: string) {
  let q = services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action);
  if (recordId) q = q.where('record_id', '=', recordId);
  return q.orderBy('seq').execute();
}

async function count(
  services: Services,
  table: 'referrals' | 'criteria_assessments' | 'recommendations' | 'decisions' | 'reviews' | 'management_group_meetings',
) {
  const row = await services.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of dialectsUnderTest()) {
  describe(`JSON API: referrals and decisions (${dialect})`, () => {
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
      const { incidentOn: _incidentOn, ...missing } = body();
      assertProblem(await call('POST', url, tokens.unitA, missing), 400);
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

    test('meetings, criteria, analysis, recommendation and the chair’s decision; a review with its reference; the letter; all audited', async (t) => {
      const { mustAnswers, services, boardA, people, tokens, call, createReferral } = await setUp(t, dialect);
      const referral = await createReferral();

      // The business unit schedules a meeting with the referral on its agenda and records attendance.
      const meeting = await call('POST', `/api/v1/boards/${boardA.id}/meetings`, tokens.unitA, {
        meetsOn: '2026-11-26',
        location: 'Ystafell 2',
        referralIds: [referral.id],
      });
      assert.equal(meeting.statusCode, 201, JSON.stringify(meeting.data));
      assert.deepEqual(meeting.data.referralIds, [referral.id]);
      const meetingId = String(meeting.data.id);
      assert.equal((await auditRows(services, 'MEETING_SCHEDULED', meetingId)).length, 1);
      const attendance = await call('POST', `/api/v1/meetings/${meetingId}/attendance`, tokens.unitA, {
        attendance: [
          { personId: people.memberA.id, attended: true },
          { personId: people.groupChairA.id, attended: false },
        ],
      });
      assert.equal(attendance.statusCode, 200, JSON.stringify(attendance.data));
      assert.deepEqual(
        (attendance.data.attendance as Json[]).map((a) => [a.personId, a.attended]).sort(),
        [
          [people.memberA.id, true],
          [people.groupChairA.id, false],
        ].sort(),
      );
      assert.equal((await auditRows(services, 'ATTENDANCE_RECORDED', meetingId)).length, 1);
      const meetings = await call('GET', `/api/v1/boards/${boardA.id}/meetings`, tokens.memberA);
      assert.deepEqual(meetings.data.meetings, [{ id: meetingId, boardId: boardA.id, meetsOn: '2026-11-26', location: 'Ystafell 2' }]);
      assert.equal((await call('GET', `/api/v1/referrals/${referral.id}`, tokens.memberA)).data.status, 'under_consideration');

      // The criteria of the framework in force, in English and Welsh.
      const criteria = await call('GET', `/api/v1/referrals/${referral.id}/criteria`, tokens.memberA);
      assert.equal(criteria.statusCode, 200);
      const framework = criteria.data.framework as Json & { name: Json };
      assert.equal(framework.id, 'SUSR_2024');
      assert.equal(typeof framework.name.cy, 'string');
      const inArea = (criteria.data.questions as Json[]).find((q) => q.id === 'in_area') as Json & { label: Json; choices: Json[] };
      assert.equal(inArea.label.en, 'Did the incident happen within the Board’s area?');
      assert.ok(String(inArea.label.cy).length > 0 && inArea.label.cy !== inArea.label.en);
      assert.deepEqual(inArea.choices[0], { value: 'yes', label: { en: 'Yes', cy: 'Ie' } });

      // The management group's analysis.
      const answers = await mustAnswers(referral.id);
      const assessed = await call('POST', `/api/v1/referrals/${referral.id}/assessments`, tokens.memberA, { meetingId, answers });
      assert.equal(assessed.statusCode, 201, JSON.stringify(assessed.data));
      assert.equal(assessed.data.frameworkId, 'SUSR_2024');
      assert.ok(['must', 'may', 'undetermined'].includes(String(assessed.data.outcome)));
      assert.equal((await auditRows(services, 'CRITERIA_ASSESSED', referral.id)).length, 1);

      // The recommendation, with a dissent.
      const recommended = await call('POST', `/api/v1/referrals/${referral.id}/recommendations`, tokens.groupChairA, {
        route: 'review',
        reasons: 'The statutory criteria are met.',
        dissent: 'One member thought a forum would be enough.',
      });
      assert.equal(recommended.statusCode, 201, JSON.stringify(recommended.data));
      assert.equal(recommended.data.dissent, 'One member thought a forum would be enough.');
      assert.equal((await auditRows(services, 'RECOMMENDATION_SUBMITTED', referral.id)).length, 1);

      // Only the board chair decides.
      const decision = { agreesWithRecommendation: true, rationale: 'I agree: the criteria are met.', decidedOn: '2026-11-27' };
      const url = `/api/v1/referrals/${referral.id}/decision`;
      assertProblem(await call('POST', url, tokens.groupChairA, decision), 403);
      assertProblem(await call('POST', url, tokens.unitA, decision), 403);
      assertProblem(await call('POST', url, tokens.adminA, decision), 403);
      assertProblem(await call('POST', url, tokens.chairB, decision), 404);
      const decided = await call('POST', url, tokens.chairA, decision);
      assert.equal(decided.statusCode, 201, JSON.stringify(decided.data));
      const d = decided.data as { decision: Json; review: Json };
      assert.equal(d.decision.route, 'review');
      assert.equal(d.decision.decidedBy, people.chairA.id);
      assert.equal(d.review.reference, 'AAA/2026/01');
      assert.equal(d.review.frameworkId, 'SUSR_2024');
      const decisionAudit = await auditRows(services, 'DECISION_RECORDED', referral.id);
      assert.equal(decisionAudit.length, 1);
      assert.deepEqual(
        JSON.parse(decisionAudit[0]?.summary ?? '{}'),
        { decisionId: d.decision.id, recommendationId: d.decision.recommendationId, reviewId: d.review.id },
        'ids only',
      );

      // A second decision is a conflict, explained.
      const again = await call('POST', url, tokens.chairA, decision);
      assertProblem(again, 409);
      assert.equal(again.data.code, 'decision.alreadyDecided');
      assert.equal(again.data.detail, 'This referral has already been decided');
      assert.equal(await count(services, 'decisions'), 1);
      assertProblem(await call('POST', `/api/v1/referrals/${referral.id}/recommendations`, tokens.groupChairA, { route: 'no_review', reasons: 'Late.' }), 409);

      // Where it stands.
      const consideration = await call('GET', `/api/v1/referrals/${referral.id}/consideration`, tokens.memberA);
      assert.equal(consideration.statusCode, 200, JSON.stringify(consideration.data));
      const c = consideration.data as Json & { assessment: Json; recommendation: Json; decision: Json; review: Json };
      assert.equal(c.status, 'decided_proceed');
      assert.equal(c.childCode, 'Child A');
      assert.equal(c.assessment.meetingId, meetingId);
      assert.deepEqual((c.assessment.answers as Json).in_area, MUST_ANSWERS.in_area);
      assert.equal(c.recommendation.reasons, 'The statutory criteria are met.');
      assert.equal(c.decision.rationale, 'I agree: the criteria are met.');
      assert.equal(c.review.reference, 'AAA/2026/01');
      assert.equal(c.clocks, null, 'no clocks once decided');
      assert.equal((await auditRows(services, 'CONSIDERATION_VIEWED', referral.id)).length, 1);
      assertProblem(await call('GET', `/api/v1/referrals/${referral.id}/consideration`, tokens.adminA), 403);
      assertProblem(await call('GET', `/api/v1/referrals/${referral.id}/consideration`, tokens.unitB), 404);

      // The decision letter, as Word and PDF, in English and Welsh; each download audited.
      const letterUrl = `/api/v1/referrals/${referral.id}/decision-letter`;
      const pdf = await call('GET', `${letterUrl}?format=pdf&lang=cy`, tokens.memberA);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.match(String(pdf.headers['content-disposition']), /filename="AAA-2026-01-llythyr-penderfyniad-cy\.pdf"/);
      const docx = await call('GET', `${letterUrl}?format=docx`, tokens.chairA);
      assert.equal(docx.statusCode, 200);
      assert.match(String(docx.headers['content-type']), /wordprocessingml/);
      assert.equal(docx.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
      const downloads = await auditRows(services, 'DECISION_LETTER_DOWNLOADED', referral.id);
      assert.deepEqual(
        downloads.map((e) => [JSON.parse(e.summary ?? '{}').format, JSON.parse(e.summary ?? '{}').language]),
        [
          ['pdf', 'cy'],
          ['docx', 'en'],
        ],
      );
      assertProblem(await call('GET', letterUrl, tokens.memberA), 400);
      assertProblem(await call('GET', `${letterUrl}?format=odt`, tokens.memberA), 400);
      assertProblem(await call('GET', `${letterUrl}?format=pdf`, tokens.unitB), 404);
      assertProblem(await call('GET', `${letterUrl}?format=pdf`, tokens.adminA), 403);

      const ids = (await auditRows(services, 'DECISION_RECORDED')).map((e) => e.record_id);
      assert.deepEqual(ids, [referral.id]);
      assert.equal((await services.audit.verify()).ok, true);
    });

    test('refusals along the way: 409 without a recommendation, 422 for missing reasons, rationale and inconsistent answers, 403 and 404 by role and board', async (t) => {
      const { mustAnswers, services, boardA, boardB, people, tokens, call, createReferral } = await setUp(t, dialect);
      const referral = await createReferral({ abuseOrNeglect: 'not_suspected' });
      const base = `/api/v1/referrals/${referral.id}`;

      // A decision or a recommendation too early.
      const early = await call('POST', `${base}/decision`, tokens.chairA, { agreesWithRecommendation: true, rationale: 'Yes.', decidedOn: '2026-11-27' });
      assertProblem(early, 409);
      assert.equal(early.data.code, 'decision.recommendationRequired');
      const noAnalysis = await call('POST', `${base}/recommendations`, tokens.groupChairA, { route: 'no_review', reasons: 'No.' });
      assertProblem(noAnalysis, 409);
      assert.equal(noAnalysis.data.code, 'recommendation.assessmentRequired');

      // The analysis: answers must agree with the referral, and facts are needed for every known answer.
      const answers = await mustAnswers(referral.id);
      const inconsistent = await call('POST', `${base}/assessments`, tokens.memberA, {
        answers: { ...answers, in_area: { answer: 'no', facts: 'Lives elsewhere.' }, child_died: { answer: 'yes', facts: null } },
      });
      assertProblem(inconsistent, 422);
      assert.deepEqual(fieldCodes(inconsistent).sort(), [
        ['answers.abuse_or_neglect.answer', 'assessment.inconsistentWithReferral'],
        ['answers.child_died.facts', 'assessment.factsRequired'],
        ['answers.in_area.answer', 'assessment.inconsistentWithReferral'],
      ]);
      const { in_area: _inArea, ...missingOne } = answers;
      const missing = await call('POST', `${base}/assessments`, tokens.memberA, {
        answers: { ...missingOne, abuse_or_neglect: { answer: 'not_suspected', facts: 'None.' } },
      });
      assert.deepEqual(fieldCodes(missing), [['answers.in_area.answer', 'assessment.answerRequired']]);
      assertProblem(await call('POST', `${base}/assessments`, tokens.memberA, { answers: { in_area: 'yes' } }), 400);
      assertProblem(await call('POST', `${base}/assessments`, tokens.unitA, { answers }), 403);
      assertProblem(await call('POST', `${base}/assessments`, tokens.adminA, { answers }), 403);
      const otherMeeting = await call('POST', `/api/v1/boards/${boardB.id}/meetings`, tokens.unitB, { meetsOn: '2026-11-20' });
      assert.equal(otherMeeting.statusCode, 201);
      const valid = { ...answers, abuse_or_neglect: { answer: 'not_suspected', facts: 'No concerns.' } };
      const wrongMeeting = await call('POST', `${base}/assessments`, tokens.memberA, { meetingId: otherMeeting.data.id, answers: valid });
      assert.deepEqual(fieldCodes(wrongMeeting), [['meetingId', 'assessment.meetingUnknown']]);
      assert.equal(await count(services, 'criteria_assessments'), 0);
      const assessed = await call('POST', `${base}/assessments`, tokens.memberA, { answers: valid });
      assert.equal(assessed.statusCode, 201, JSON.stringify(assessed.data));

      // The recommendation needs reasons; only the management group chair submits it.
      const noReasons = await call('POST', `${base}/recommendations`, tokens.groupChairA, { route: 'multi_agency_professional_forum', reasons: '  \n ' });
      assertProblem(noReasons, 422);
      assert.deepEqual(fieldCodes(noReasons), [['reasons', 'recommendation.reasonsRequired']]);
      assertProblem(await call('POST', `${base}/recommendations`, tokens.groupChairA, { route: 'party', reasons: 'x' }), 400);
      assertProblem(await call('POST', `${base}/recommendations`, tokens.memberA, { route: 'no_review', reasons: 'x' }), 403);
      const recommended = await call('POST', `${base}/recommendations`, tokens.groupChairA, {
        route: 'multi_agency_professional_forum',
        reasons: 'Learning is best drawn in a professional forum.',
      });
      assert.equal(recommended.statusCode, 201);

      // The decision needs a rationale and a date not in the future; the chair may differ, naming the route.
      const url = `${base}/decision`;
      const noRationale = await call('POST', url, tokens.chairA, { agreesWithRecommendation: true, rationale: '', decidedOn: '2026-11-28' });
      assertProblem(noRationale, 422);
      assert.deepEqual(fieldCodes(noRationale).sort(), [
        ['decidedOn', 'decision.inFuture'],
        ['rationale', 'decision.rationaleRequired'],
      ]);
      const noRoute = await call('POST', url, tokens.chairA, { agreesWithRecommendation: false, rationale: 'I differ.', decidedOn: '2026-11-27' });
      assert.deepEqual(fieldCodes(noRoute), [['route', 'decision.routeRequired']]);
      assertProblem(await call('POST', url, tokens.chairA, { agreesWithRecommendation: 'yes', rationale: 'x', decidedOn: '2026-11-27' }), 400);
      assertProblem(await call('POST', url, tokens.chairA, { agreesWithRecommendation: true, rationale: 'x' }), 400);
      assert.equal(await count(services, 'decisions'), 0);
      const decided = await call('POST', url, tokens.chairA, {
        agreesWithRecommendation: false,
        route: 'no_review',
        rationale: 'Neither a review nor a forum is needed.',
        decidedOn: '2026-11-27',
      });
      assert.equal(decided.statusCode, 201, JSON.stringify(decided.data));
      assert.equal((decided.data.decision as Json).route, 'no_review');
      assert.equal(decided.data.review, null);
      assert.equal(await count(services, 'reviews'), 0);

      // Meetings: managed by the business unit and the management group chair, within their board.
      const meetingsUrl = `/api/v1/boards/${boardA.id}/meetings`;
      assertProblem(await call('POST', meetingsUrl, tokens.memberA, { meetsOn: '2026-11-26' }), 403);
      assertProblem(await call('POST', meetingsUrl, tokens.adminA, { meetsOn: '2026-11-26' }), 403);
      assertProblem(await call('POST', meetingsUrl, tokens.unitB, { meetsOn: '2026-11-26' }), 404);
      assertProblem(await call('POST', meetingsUrl, tokens.unitA, { meetsOn: '26/11/2026' }), 400);
      const decidedOnAgenda = await call('POST', meetingsUrl, tokens.unitA, { meetsOn: '2026-11-26', referralIds: [referral.id] });
      assert.deepEqual(fieldCodes(decidedOnAgenda), [['referralIds', 'meeting.referralDecided']]);
      const otherBoards = await call('POST', `/api/v1/boards/${boardB.id}/meetings`, tokens.unitB, { meetsOn: '2026-11-26', referralIds: [referral.id] });
      assert.deepEqual(fieldCodes(otherBoards), [['referralIds', 'meeting.referralUnknown']]);
      const byGroupChair = await call('POST', meetingsUrl, tokens.groupChairA, { meetsOn: '2026-12-03', location: null });
      assert.equal(byGroupChair.statusCode, 201);
      const attendanceUrl = `/api/v1/meetings/${byGroupChair.data.id}/attendance`;
      assertProblem(await call('POST', attendanceUrl, tokens.unitB, { attendance: [] }), 404);
      assertProblem(await call('POST', attendanceUrl, tokens.memberA, { attendance: [] }), 403);
      assertProblem(await call('POST', '/api/v1/meetings/01a21b37-0000-7000-8000-000000000000/attendance', tokens.unitA, { attendance: [] }), 404);
      const unknownPerson = await call('POST', attendanceUrl, tokens.unitA, {
        attendance: [{ personId: '01a21b37-0000-7000-8000-000000000000', attended: true }],
      });
      assert.deepEqual(fieldCodes(unknownPerson), [['attendance', 'meeting.personNotInGroup']]);
      assertProblem(
        await call('POST', attendanceUrl, tokens.unitA, {
          attendance: [
            { personId: people.memberA.id, attended: true },
            { personId: people.memberA.id, attended: false },
          ],
        }),
        400,
      );
      assertProblem(await call('GET', meetingsUrl, tokens.adminA), 403);
      assertProblem(await call('GET', `/api/v1/boards/${boardB.id}/meetings`, tokens.memberA), 404);
      assert.equal(await count(services, 'management_group_meetings'), 2, 'one on each board');

      // A letter for a referral not yet decided is not found.
      const undecided = await createReferral({ incidentOn: '2026-11-01', receivedOn: '2026-11-02' });
      assertProblem(await call('GET', `/api/v1/referrals/${undecided.id}/decision-letter?format=pdf`, tokens.memberA), 404);
      const clocks = await call('GET', `/api/v1/referrals/${undecided.id}/consideration`, tokens.memberA);
      const fromIncident = (clocks.data.clocks as { fromIncident: Json }).fromIncident;
      assert.equal(fromIncident.dueOn, '2026-11-30', 'four weeks from 1 November is Sunday 29 November: due on the next working day');
      assert.equal(fromIncident.overdue, false);
      assert.equal(clocks.data.assessment, null);
      assert.equal((await services.audit.verify()).ok, true);
    });

    test('POST /meetings/{id}/agenda: referrals added after scheduling, all or none; audited; schema 400, rule 422, role 403, other board 404', async (t) => {
      const { services, boardA, boardB, tokens, call, body, createReferral } = await setUp(t, dialect);
      const first = await createReferral();
      const second = await createReferral({ receivedOn: '2026-11-21' });
      const otherBoards = await call('POST', `/api/v1/boards/${boardB.id}/referrals`, tokens.unitB, body());
      assert.equal(otherBoards.statusCode, 201, JSON.stringify(otherBoards.data));
      const scheduled = await call('POST', `/api/v1/boards/${boardA.id}/meetings`, tokens.unitA, { meetsOn: '2026-12-03' });
      assert.equal(scheduled.statusCode, 201);
      const meetingId = String(scheduled.data.id);
      const url = `/api/v1/meetings/${meetingId}/agenda`;

      // Refused: nothing chosen, a repeated id, another board's referral (with a good one: neither is added), by role and board.
      assertProblem(await call('POST', url, tokens.unitA, { referralIds: [] }), 400);
      assertProblem(await call('POST', url, tokens.unitA, { referralIds: [first.id, first.id] }), 400);
      assertProblem(await call('POST', url, tokens.unitA, { referralIds: [first.id], extra: true }), 400);
      const mixed = await call('POST', url, tokens.unitA, { referralIds: [first.id, String(otherBoards.data.id)] });
      assertProblem(mixed, 422);
      assert.deepEqual(fieldCodes(mixed), [['referralIds', 'meeting.referralUnknown']]);
      assertProblem(await call('POST', url, tokens.memberA, { referralIds: [first.id] }), 403);
      assertProblem(await call('POST', url, tokens.boardMemberA, { referralIds: [first.id] }), 403);
      assertProblem(await call('POST', url, tokens.adminA, { referralIds: [first.id] }), 403);
      assertProblem(await call('POST', url, tokens.unitB, { referralIds: [String(otherBoards.data.id)] }), 404);
      assertProblem(await call('POST', '/api/v1/meetings/01a21b37-0000-7000-8000-000000000000/agenda', tokens.unitA, { referralIds: [first.id] }), 404);
      assert.deepEqual((await call('GET', `/api/v1/referrals/${first.id}`, tokens.memberA)).data.status, 'referred');
      assert.equal((await auditRows(services, 'AGENDA_REFERRALS_ADDED')).length, 0);

      // Added, by the management group chair: both move to "under consideration"; each addition audited.
      const added = await call('POST', url, tokens.groupChairA, { referralIds: [first.id, second.id] });
      assert.equal(added.statusCode, 200, JSON.stringify(added.data));
      assert.deepEqual((added.data.referralIds as string[]).sort(), [first.id, second.id].sort());
      for (const r of [first, second]) assert.equal((await call('GET', `/api/v1/referrals/${r.id}`, tokens.memberA)).data.status, 'under_consideration');
      const audit = await auditRows(services, 'AGENDA_REFERRALS_ADDED', meetingId);
      assert.deepEqual(
        audit.map((a) => JSON.parse(a.summary ?? '{}').referralId),
        [first.id, second.id],
      );

      // Already on the agenda: left as it is, nothing more written.
      const again = await call('POST', url, tokens.unitA, { referralIds: [first.id] });
      assert.equal(again.statusCode, 200);
      assert.equal((again.data.referralIds as string[]).length, 2);
      assert.equal((await auditRows(services, 'AGENDA_REFERRALS_ADDED')).length, 2);
      assert.equal((await services.audit.verify()).ok, true);
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
