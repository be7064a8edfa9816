// The milestones API (issue 10 item 5): the plan, a date moved with a reason (a 422 without one, nothing
// written), a stale version (409), a panel meeting scheduled, held and minuted, refusals from another
// board, and the operations in the OpenAPI description; on both databases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`milestones API (${dialect})`, () => {
    test('plan, change, meetings; refusals as problem+json, nothing written by a refusal', async (t) => {
      const w = await apiWorld(t, dialect);
      const review = await seedReview(w.services, w.boardA.id, await reviewCallers(w.services, w.boardA.id), { frameworkId: 'CPR_2016' });
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}`;
      const made = await w.call('POST', `${base}/milestones`, w.tokens.unitA);
      assert.equal(made.statusCode, 201, JSON.stringify(made.data));
      assertProblem(await w.call('POST', `${base}/milestones`, w.tokens.unitA), 409);
      const plan = await w.call('GET', `${base}/milestones`, w.tokens.unitA);
      assert.equal(plan.statusCode, 200, JSON.stringify(plan.data));
      const milestones = plan.data.milestones as Json[];
      assert.ok(milestones.some((m) => m.kind === 'learning_event'));
      const first = milestones[0] as Json;

      const before = await w.lastSeq();
      const noReason = await w.call('PATCH', `${base}/milestones/${first.id}`, w.tokens.unitA, { plannedOn: '2030-01-07' });
      assertProblem(noReason, 422);
      assert.deepEqual(fieldCodes(noReason), [['reason', 'milestones:errors.reasonRequired']]);
      assertProblem(await w.call('PATCH', `${base}/milestones/${first.id}`, w.tokens.chairA, { plannedOn: '2030-01-07', reason: 'x' }), 403);
      assertProblem(await w.call('PATCH', `${base}/milestones/${first.id}`, w.tokens.unitB, { plannedOn: '2030-01-07', reason: 'x' }), 403);
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${review.id}/milestones`, w.tokens.unitB), 404);
      assert.deepEqual(await w.writtenAfter(before), [], 'refusals write nothing but their own refusal events');

      const moved = await w.call('PATCH', `${base}/milestones/${first.id}`, w.tokens.unitA, {
        plannedOn: '2030-01-07',
        reason: 'Panel chair unavailable',
        version: first.version,
      });
      assert.equal(moved.statusCode, 200, JSON.stringify(moved.data));
      assertProblem(
        await w.call('PATCH', `${base}/milestones/${first.id}`, w.tokens.unitA, { plannedOn: '2030-01-14', reason: 'Again', version: first.version }),
        409,
      );
      const after = ((await w.call('GET', `${base}/milestones`, w.tokens.unitA)).data.milestones as Json[])[0] as Json;
      assert.equal(after.plannedOn, '2030-01-07');
      assert.equal(after.originalOn, first.originalOn);
      assert.deepEqual(
        (after.revisions as Json[]).map((r) => [r.field, r.fromOn, r.toOn, r.reason]),
        [['planned', first.originalOn, '2030-01-07', 'Panel chair unavailable']],
      );

      const scheduled = await w.call('POST', `${base}/panel-meetings`, w.tokens.unitA, {
        meetsOn: w.services.clock.today(),
        mode: 'hybrid',
        location: 'Board room and video call',
        agenda: ['Terms of reference'],
        milestoneId: first.id,
      });
      assert.equal(scheduled.statusCode, 201, JSON.stringify(scheduled.data));
      const meetingUrl = `${base}/panel-meetings/${scheduled.data.id}`;
      const notPanel = await w.call('POST', `${meetingUrl}/held`, w.tokens.unitA, { attendance: [{ personId: w.people.unitA.id, attendance: 'present' }] });
      assertProblem(notPanel, 422);
      assert.deepEqual(fieldCodes(notPanel), [['attendance', 'milestones:errors.attendeeNotOnPanel']]);
      const held = await w.call('POST', `${meetingUrl}/held`, w.tokens.unitA, {
        attendance: [],
        guests: [{ fullName: 'Dr Rhian Evans', role: 'Designated doctor' }],
      });
      assert.equal(held.statusCode, 204, JSON.stringify(held.data));
      const minuted = await w.call('PUT', `${meetingUrl}/minutes`, w.tokens.unitA, {
        minutes: 'Agreed.',
        decisions: [{ decision: 'Invite the agencies', owner: 'Business unit', dueOn: '2030-02-01' }],
      });
      assert.equal(minuted.statusCode, 204, JSON.stringify(minuted.data));
      const meeting = await w.call('GET', meetingUrl, w.tokens.unitA);
      assert.equal(meeting.data.status, 'held');
      assert.deepEqual(meeting.data.decisions, [{ decision: 'Invite the agencies', owner: 'Business unit', dueOn: '2030-02-01' }]);
      const met = ((await w.call('GET', `${base}/milestones`, w.tokens.unitA)).data.milestones as Json[])[0] as Json;
      assert.equal(met.actualOn, w.services.clock.today());

      const spec = await w.call('GET', '/api/v1/openapi.json');
      const ops = Object.values(spec.data.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) =>
        Object.values(p).map((o) => o.operationId),
      );
      for (const id of [
        'getMilestonePlan',
        'createMilestonePlan',
        'changeMilestone',
        'schedulePanelMeeting',
        'getPanelMeeting',
        'reschedulePanelMeeting',
        'recordPanelMeetingHeld',
        'recordPanelMeetingMinutes',
      ])
        assert.ok(ops.includes(id), id);
    });
  });
}
