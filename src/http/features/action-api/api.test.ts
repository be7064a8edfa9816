// The action plan API (issue 12 item 9), on both databases: each operation's happy path and a refusal as
// problem+json (422 with the pages' field codes, 409 for a stale version or a state that no longer allows it, 403
// and 404 for the wrong person or board) — board recommendation, action, plan, action, owner's update, revised
// target, RAG override, completion with an evidence file (refused without), verification (never by the owner),
// the board's decision, acceptance, an owner's actions, the spreadsheet export and import (a refused row listed by
// row and column) — and every operation in the OpenAPI description.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PLAN_COLUMNS } from '../../../domain/actions/plan-columns.ts';
import { seedAcceptedReview } from '../../../testing/action-fixtures.ts';
import { planSheet, sheetRows } from '../../../testing/action-sheet-fixtures.ts';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { multipartBody, type Part, samplePdf } from '../../../testing/file-fixtures.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const col = (key: string) => PLAN_COLUMNS.findIndex((c) => c.key === key);

for (const dialect of dialectsUnderTest()) {
  describe(`action plan API (${dialect})`, () => {
    test('every operation: its happy path and a refusal; nothing written by a refusal', async (t) => {
      const w = await apiWorld(t, dialect);
      const boardId = w.boardA.id;
      const callers = await reviewCallers(w.services, boardId);
      const police = await seedAgency(w.services, [boardId]);
      const r = await seedAcceptedReview(w.services, boardId, callers, police.id);
      const officer = await seedPerson(w.services, { fullName: 'Rhian Morgan', email: 'rhian@police.example', agencyId: police.id, totp: true });
      const token = async (email: string) => (await w.services.tokens.create(testCaller('TEST_TOKEN'), email, 'test')).token;
      const owner = await token(officer.email);
      const panelChairEmail = (
        await w.services.db.kysely
          .selectFrom('people')
          .select('email')
          .where('id', '=', r.panelChair.actor?.personId ?? '')
          .executeTakeFirstOrThrow()
      ).email;
      const panelChair = await token(panelChairEmail);
      const { unitA, unitB, chairA } = w.tokens;
      const plan = `/api/v1/boards/${boardId}/reviews/${r.review.id}/action-plan`;
      const updates = async () => (await w.services.db.kysely.selectFrom('review_action_updates').select('id').execute()).length;

      // A board recommendation.
      let before = await w.lastSeq();
      const blank = await w.call('POST', `${plan}/recommendations`, unitA, { text: ' ' });
      assertProblem(blank, 422);
      assert.deepEqual(fieldCodes(blank), [['text', 'actions:errors.recommendationRequired']]);
      assertProblem(await w.call('POST', `${plan}/recommendations`, unitB, { text: 'Another board.' }), 403);
      const elsewhere = `/api/v1/boards/${w.boardB.id}/reviews/${r.review.id}/action-plan`;
      assertProblem(await w.call('POST', `${elsewhere}/recommendations`, unitB, { text: 'Another board.' }), 404);
      assert.deepEqual(await w.writtenAfter(before), []);
      const rec = await w.call('POST', `${plan}/recommendations`, unitA, { text: 'Partners report referral rates each quarter.' });
      assert.equal(rec.statusCode, 201, JSON.stringify(rec.data));
      assert.equal(rec.data.number, 2);

      // Actions.
      const action = (overrides: Json = {}) => ({
        action: 'Audit same-day referrals.',
        leadAgencyId: police.id,
        ownerName: 'Rhian Morgan',
        ownerEmail: officer.email,
        targetOn: '2027-06-30',
        successMeasure: 'Every referral the same day.',
        completionEvidence: 'The audit report.',
        impactMeasure: 'A re-audit.',
        ...overrides,
      });
      before = await w.lastSeq();
      const bad = await w.call('POST', `${plan}/recommendations/${r.recommendationId}/actions`, unitA, action({ action: ' ', targetOn: '2026-01-01' }));
      assertProblem(bad, 422);
      assert.deepEqual(new Map(fieldCodes(bad)).get('targetOn'), 'actions:errors.targetPast');
      assert.deepEqual(await w.writtenAfter(before), []);
      const made = await w.call('POST', `${plan}/recommendations/${r.recommendationId}/actions`, unitA, action());
      assert.equal(made.statusCode, 201, JSON.stringify(made.data));
      const second = await w.call('POST', `${plan}/recommendations/${rec.data.id}/actions`, unitA, action({ action: 'Report rates to the board.' }));
      assert.equal(second.statusCode, 201, JSON.stringify(second.data));
      const actionUrl = `/api/v1/boards/${boardId}/reviews/${r.review.id}/actions/${made.data.id}`;

      // The plan and one action.
      const whole = await w.call('GET', plan, unitA);
      assert.equal(whole.statusCode, 200, JSON.stringify(whole.data));
      assert.deepEqual(
        (whole.data.recommendations as Json[]).map((x) => (x.actions as Json[]).length),
        [1, 1],
      );
      const ownersPlan = await w.call('GET', plan, owner);
      assert.equal(ownersPlan.data.agencyOnly, true);
      assertProblem(await w.call('GET', plan, unitB), 403);
      assertProblem(await w.call('GET', elsewhere, unitB), 404);
      const one = await w.call('GET', actionUrl, unitA);
      assert.equal(one.statusCode, 200, JSON.stringify(one.data));
      assert.equal((one.data.action as Json).status, 'not_started');
      assertProblem(await w.call('GET', actionUrl.replace(boardId, w.boardB.id), unitB), 404);

      // The owner's update (the business unit is not the owner).
      assertProblem(await w.call('POST', `${actionUrl}/updates`, unitA, { narrative: 'Not mine.', status: 'on_track' }), 403);
      assertProblem(await w.call('POST', `${actionUrl}/updates`, owner, { narrative: ' ', status: 'on_track' }), 422);
      const progressed = await w.call('POST', `${actionUrl}/updates`, owner, { narrative: 'The audit tool is agreed.', status: 'on_track' });
      assert.equal(progressed.statusCode, 204, JSON.stringify(progressed.data));

      // A revised target and the RAG override, at the version read.
      const version = ((await w.call('GET', actionUrl, unitA)).data.action as Json).version as number;
      assertProblem(await w.call('PUT', `${actionUrl}/target`, unitA, { version, targetOn: '2027-09-30', reason: ' ' }), 422);
      assert.equal((await w.call('PUT', `${actionUrl}/target`, unitA, { version, targetOn: '2027-09-30', reason: 'Sickness in the team.' })).statusCode, 204);
      assertProblem(await w.call('PUT', `${actionUrl}/rag`, unitA, { version, rag: 'red', reason: 'Stale.' }), 409);
      assertProblem(await w.call('PUT', `${actionUrl}/rag`, unitA, { version: version + 1, rag: 'red', reason: ' ' }), 422);
      assert.equal((await w.call('PUT', `${actionUrl}/rag`, unitA, { version: version + 1, rag: 'amber', reason: 'Slow start.' })).statusCode, 204);
      assert.equal(((await w.call('GET', actionUrl, unitA)).data.action as Json).rag, 'amber');

      // Completion: refused without evidence; with a file.
      const complete = async (bearer: string, parts: Part[]) => {
        const body = multipartBody(parts);
        const res = await w.app.inject({
          method: 'POST',
          url: `${actionUrl}/completion`,
          headers: { authorization: `Bearer ${bearer}`, 'content-type': body.contentType },
          payload: body.payload,
        });
        return Object.assign(res, { data: res.body ? (JSON.parse(res.body) as Json) : {} });
      };
      const count = await updates();
      const noEvidence = await complete(owner, [{ name: 'narrative', value: 'Done.' }]);
      assertProblem(noEvidence, 422);
      assert.deepEqual(fieldCodes(noEvidence), [['evidence', 'actions:errors.evidenceRequired']]);
      assert.equal(await updates(), count);
      const done = await complete(owner, [
        { name: 'narrative', value: 'Audit complete: 40 of 40 the same day.' },
        { name: 'evidence', filename: 'audit.pdf', content: await samplePdf('Audit report') },
      ]);
      assert.equal(done.statusCode, 204, done.body);

      // Verification: never by the owner; by the panel chair; a second is a conflict.
      assertProblem(await w.call('POST', `${actionUrl}/verification`, owner, { decision: 'verify' }), 403);
      assert.equal((await w.call('POST', `${actionUrl}/verification`, panelChair, { decision: 'verify' })).statusCode, 204);
      assertProblem(await w.call('POST', `${actionUrl}/verification`, unitA, { decision: 'verify' }), 409);
      const evidence = ((await w.call('GET', actionUrl, unitA)).data.updates as Json[]).flatMap((u) => u.evidence as Json[]);
      assert.equal(evidence.length, 1);

      // The board's decision, with the meeting that made it.
      const meeting = await w.call('POST', `/api/v1/boards/${boardId}/board-meetings`, unitA, { meetsOn: '2026-11-20', online: true });
      assert.equal(meeting.statusCode, 201, JSON.stringify(meeting.data));
      const boardMeetingId = meeting.data.id;
      assertProblem(await w.call('POST', `${actionUrl}/board-decisions`, unitA, { event: 'close', narrative: ' ' }), 422);
      assertProblem(await w.call('POST', `${actionUrl}/board-decisions`, owner, { event: 'record_impact', narrative: 'Seen.', boardMeetingId }), 403);
      const impact = await w.call('POST', `${actionUrl}/board-decisions`, unitA, {
        event: 'record_impact',
        narrative: 'Referrals the same day for six months.',
        boardMeetingId,
      });
      assert.equal(impact.statusCode, 204, JSON.stringify(impact.data));

      // Acceptance by the board chair, once.
      assertProblem(await w.call('POST', `${plan}/acceptance`, unitA, {}), 403);
      const noMeeting = await w.call('POST', `${plan}/acceptance`, chairA, {});
      assertProblem(noMeeting, 422);
      assert.deepEqual(fieldCodes(noMeeting), [['meetingId', 'actions:errors.meetingRequired']]);
      const accepted = await w.call('POST', `${plan}/acceptance`, chairA, { meetingId: boardMeetingId });
      assert.equal(accepted.statusCode, 200, JSON.stringify(accepted.data));
      assertProblem(await w.call('POST', `${plan}/acceptance`, chairA, { meetingId: boardMeetingId }), 409);

      // The owner's actions across reviews.
      const mine = await w.call('GET', '/api/v1/actions', owner);
      assert.equal(mine.statusCode, 200, JSON.stringify(mine.data));
      assert.deepEqual((mine.data.actions as Json[]).map((a) => a.id).sort(), [made.data.id, second.data.id].sort());
      assertProblem(await w.call('GET', '/api/v1/actions?page=0', owner), 400);

      // The spreadsheet: exported, and an agency's sheet imported (a refused row named by row and column).
      const exported = await w.app.inject({ method: 'GET', url: `${plan}/spreadsheet`, headers: { authorization: `Bearer ${unitA}` } });
      assert.equal(exported.statusCode, 200);
      const rows = (await sheetRows(exported.rawPayload)).slice(1).map((x) => [...x]);
      const row = rows.find((x) => x[col('actionId')] === second.data.id) as unknown[];
      const send = async (bearer: string, sheet: Buffer) => {
        const body = multipartBody([{ name: 'file', filename: 'plan.xlsx', content: sheet }]);
        const res = await w.app.inject({
          method: 'POST',
          url: `${plan}/import`,
          headers: { authorization: `Bearer ${bearer}`, 'content-type': body.contentType },
          payload: body.payload,
        });
        return Object.assign(res, { data: res.body ? (JSON.parse(res.body) as Json) : {} });
      };
      row[col('status')] = 'Verified';
      const refused = await send(unitA, await planSheet(rows));
      assertProblem(refused, 422);
      assert.deepEqual(
        (refused.data.errors as Json[]).map((e) => [e.row, e.field, e.code]),
        [[3, 'status', 'status.notAllowed']],
      );
      assertProblem(await send(owner, await planSheet(rows)), 403);
      row[col('status')] = 'Complete';
      row[col('evidence')] = 'Quarterly report to the board, December.';
      const imported = await send(unitA, await planSheet(rows));
      assert.equal(imported.statusCode, 200, imported.body);
      assert.deepEqual([imported.data.actions, imported.data.moves, imported.data.agencyIds], [1, 1, [police.id]]);

      // Every operation is in the OpenAPI description.
      const openapi = (await w.call('GET', '/api/v1/openapi.json')).data as { paths: Record<string, Record<string, { operationId?: string }>> };
      const ids = Object.values(openapi.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
      for (const id of [
        'getActionPlan',
        'addBoardRecommendation',
        'addAction',
        'acceptActionPlan',
        'exportActionPlan',
        'importActionPlan',
        'getAction',
        'updateAction',
        'proposeActionComplete',
        'verifyAction',
        'recordActionBoardDecision',
        'reviseActionTarget',
        'overrideActionRag',
        'listMyActions',
      ])
        assert.ok(ids.includes(id), id);
    });
  });
}
