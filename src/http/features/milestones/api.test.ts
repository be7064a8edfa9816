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
        'cancelPanelMeeting',
      ])
        assert.ok(ops.includes(id), id);
    });

    test('a panel meeting cancelled with its reason: none refused (422, nothing written), then not changed, cancelled again or held (409); two at once: one wins', async (t) => {
      const w = await apiWorld(t, dialect);
      const review = await seedReview(w.services, w.boardA.id, await reviewCallers(w.services, w.boardA.id), { frameworkId: 'CPR_2016' });
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}`;
      const schedule = async () => {
        const made = await w.call('POST', `${base}/panel-meetings`, w.tokens.unitA, {
          meetsOn: w.services.clock.today(),
          mode: 'online',
          location: 'Video call',
        });
        assert.equal(made.statusCode, 201, JSON.stringify(made.data));
        return `${base}/panel-meetings/${made.data.id}`;
      };
      const meetingUrl = await schedule();

      const before = await w.lastSeq();
      const noReason = await w.call('POST', `${meetingUrl}/cancellation`, w.tokens.unitA, { reason: '  ', version: 1 });
      assertProblem(noReason, 422);
      assert.deepEqual(fieldCodes(noReason), [['reason', 'milestones:errors.cancelReasonRequired']]);
      assertProblem(await w.call('POST', `${meetingUrl}/cancellation`, w.tokens.chairA, { reason: 'x' }), 403);
      assertProblem(await w.call('POST', `${meetingUrl}/cancellation`, w.tokens.unitA, { reason: 'x', version: 7 }), 409);
      assert.deepEqual(await w.writtenAfter(before), [], 'refusals write nothing but their own refusal events');
      assert.equal((await w.call('GET', meetingUrl, w.tokens.unitA)).data.status, 'scheduled');

      const cancelled = await w.call('POST', `${meetingUrl}/cancellation`, w.tokens.unitA, { reason: 'The panel chair is unwell', version: 1 });
      assert.equal(cancelled.statusCode, 204, JSON.stringify(cancelled.data));
      const read = await w.call('GET', meetingUrl, w.tokens.unitA);
      assert.equal(read.data.status, 'cancelled');
      const cancellation = read.data.cancellation as Json;
      assert.equal(cancellation.reason, 'The panel chair is unwell');
      assert.equal(cancellation.byId, w.people.unitA.id);
      assert.equal(cancellation.at, w.services.clock.now().toISOString());
      // The audit event names the meeting, never the reason.
      const events = (await w.writtenAfter(before)).filter((e) => e.action === 'PANEL_MEETING_CANCELLED');
      assert.equal(events.length, 1);
      assert.match(events[0]?.summary ?? '', new RegExp(meetingUrl.split('/').at(-1) ?? ''));
      assert.doesNotMatch(events[0]?.summary ?? '', /unwell/);

      const after = await w.lastSeq();
      const again = await w.call('POST', `${meetingUrl}/cancellation`, w.tokens.unitA, { reason: 'Again' });
      assertProblem(again, 409);
      assert.deepEqual(fieldCodes(again), [['form', 'milestones:errors.meetingCancelled']]);
      assertProblem(await w.call('PATCH', meetingUrl, w.tokens.unitA, { meetsOn: '2030-01-07', mode: 'online', location: 'Video call' }), 409);
      assertProblem(await w.call('POST', `${meetingUrl}/held`, w.tokens.unitA, { attendance: [] }), 409);
      assert.deepEqual(await w.writtenAfter(after), []);
      assert.equal((await w.call('GET', meetingUrl, w.tokens.unitA)).data.status, 'cancelled');

      // A held meeting cannot be cancelled.
      const heldUrl = await schedule();
      assert.equal((await w.call('POST', `${heldUrl}/held`, w.tokens.unitA, { attendance: [] })).statusCode, 204);
      const heldCancel = await w.call('POST', `${heldUrl}/cancellation`, w.tokens.unitA, { reason: 'Too late' });
      assertProblem(heldCancel, 409);
      assert.deepEqual(fieldCodes(heldCancel), [['form', 'milestones:errors.meetingAlreadyHeld']]);

      if (dialect === 'postgres') {
        // Two people cancel the same meeting at once: one wins, the other is told (409), one cancellation kept.
        const raceUrl = await schedule();
        const answers = await Promise.all([
          w.call('POST', `${raceUrl}/cancellation`, w.tokens.unitA, { reason: 'First' }),
          w.call('POST', `${raceUrl}/cancellation`, w.tokens.unitA, { reason: 'Second' }),
        ]);
        assert.deepEqual(answers.map((a) => a.statusCode).sort(), [204, 409]);
        const kept = await w.call('GET', raceUrl, w.tokens.unitA);
        assert.equal((kept.data.cancellation as Json).reason, answers[0]?.statusCode === 204 ? 'First' : 'Second');
        assert.equal(kept.data.version, 2);
      }
    });
  });
}
