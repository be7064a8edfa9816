// The board meetings API (issue 12 item 3): schedule, agenda item, attendance, minutes (held), cancel, the
// read audited; refusals as problem+json changing nothing (a date over two years away, an empty title,
// minutes on a cancelled meeting, cancelling a held one, another board's people); the operations in the
// OpenAPI description; on PostgreSQL, two people recording the minutes at once never get a 500.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`board meetings API (${dialect})`, () => {
    test('schedule, agenda, attendance, minutes, cancel; refusals write nothing', async (t) => {
      const w = await apiWorld(t, dialect);
      const base = `/api/v1/boards/${w.boardA.id}/board-meetings`;
      const before = await w.lastSeq();
      const tooFar = await w.call('POST', base, w.tokens.unitA, { meetsOn: '2028-11-28', online: true });
      assertProblem(tooFar, 422);
      assert.deepEqual(fieldCodes(tooFar), [['meetsOn', 'board-meetings:errors.meetsOnTooFar']]);
      assertProblem(await w.call('POST', base, w.tokens.chairA, { meetsOn: '2027-01-14', online: true }), 403);
      assertProblem(await w.call('POST', base, w.tokens.unitB, { meetsOn: '2027-01-14', online: true }), 404);
      assertProblem(await w.call('POST', base, w.tokens.root, { meetsOn: '2027-01-14', online: true }), 403);
      assert.deepEqual(await w.writtenAfter(before), []);

      const held = await w.call('POST', base, w.tokens.unitA, { meetsOn: '2026-11-12', startsAt: '10:00', online: false, place: 'Aberteifi' });
      assert.equal(held.statusCode, 201, JSON.stringify(held.data));
      const next = await w.call('POST', base, w.tokens.unitA, { meetsOn: '2027-01-14', online: true });
      const heldUrl = `${base}/${held.data.id}`;
      const nextUrl = `${base}/${next.data.id}`;

      const noTitle = await w.call('POST', `${nextUrl}/agenda-items`, w.tokens.unitA, { title: ' ' });
      assertProblem(noTitle, 422);
      assert.deepEqual(fieldCodes(noTitle), [['title', 'board-meetings:errors.titleRequired']]);
      assert.equal((await w.call('POST', `${nextUrl}/agenda-items`, w.tokens.unitA, { title: 'Action plans', note: 'Business manager' })).statusCode, 201);

      const attendance = await w.call('PUT', `${heldUrl}/attendance`, w.tokens.unitA, {
        attendance: [
          { personId: w.people.chairA.id, attendance: 'attended' },
          { personId: w.people.boardMemberA.id, attendance: 'absent' },
        ],
        guests: [{ fullName: 'Dr Guest', organisation: 'Public Health Wales' }],
      });
      assert.equal(attendance.statusCode, 204, JSON.stringify(attendance.data));
      const stranger = await w.call('PUT', `${heldUrl}/attendance`, w.tokens.unitA, { attendance: [{ personId: w.people.chairB.id, attendance: 'attended' }] });
      assertProblem(stranger, 422);
      assert.equal((await w.call('PUT', `${heldUrl}/minutes`, w.tokens.unitA, { minutes: 'The board noted progress.' })).statusCode, 204);

      const seq = await w.lastSeq();
      const read = await w.call('GET', heldUrl, w.tokens.chairA);
      assert.equal(read.statusCode, 200, JSON.stringify(read.data));
      assert.equal(read.data.status, 'held');
      assert.equal(read.data.minutes, 'The board noted progress.');
      assert.deepEqual(
        (read.data.attendance as Json[]).map((a) => [a.name, a.attendance]),
        [
          ['Board Member A', 'absent'],
          ['Chair A', 'attended'],
        ],
      );
      assert.deepEqual(
        (await w.eventsAfter(seq)).map((e) => [e.action, e.record_type]),
        [['BOARD_MEETING_VIEWED', 'board_meeting']],
      );
      assertProblem(await w.call('GET', heldUrl, w.tokens.unitB), 404);
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/board-meetings/${held.data.id}`, w.tokens.unitB), 404);

      const list = await w.call('GET', base, w.tokens.boardMemberA);
      assert.equal(list.statusCode, 200, JSON.stringify(list.data));
      assert.deepEqual(
        (list.data.upcoming as Json[]).map((m) => [m.id, m.agendaItems]),
        [[next.data.id, 1]],
      );

      const refusedFrom = await w.lastSeq();
      const heldCancel = await w.call('POST', `${heldUrl}/cancellation`, w.tokens.unitA, { reason: 'Too late' });
      assertProblem(heldCancel, 409);
      assert.deepEqual(fieldCodes(heldCancel), [['form', 'board-meetings:errors.meetingHeld']]);
      assert.equal((await w.call('POST', `${nextUrl}/cancellation`, w.tokens.unitA, { reason: 'Not quorate' })).statusCode, 204);
      const cancelledFrom = await w.lastSeq();
      w.clock.set('2027-01-20T10:00:00Z');
      const minutesCancelled = await w.call('PUT', `${nextUrl}/minutes`, w.tokens.unitA, { minutes: 'Late' });
      assertProblem(minutesCancelled, 409);
      assert.deepEqual(fieldCodes(minutesCancelled), [['form', 'board-meetings:errors.meetingCancelled']]);
      assertProblem(await w.call('POST', `${nextUrl}/agenda-items`, w.tokens.unitA, { title: 'Late' }), 409);
      assert.deepEqual(await w.writtenAfter(cancelledFrom), []);
      assert.equal((await w.writtenAfter(refusedFrom)).length, 1, 'only the cancellation was written');

      const openapi = await w.call('GET', '/api/v1/openapi.json');
      const ops = Object.values(openapi.data.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) =>
        Object.values(p).map((o) => o.operationId),
      );
      for (const op of [
        'listBoardMeetings',
        'scheduleBoardMeeting',
        'getBoardMeeting',
        'addBoardMeetingAgendaItem',
        'recordBoardMeetingAttendance',
        'recordBoardMeetingMinutes',
        'cancelBoardMeeting',
      ])
        assert.ok(ops.includes(op), op);
    });

    if (dialect === 'postgres') {
      test('two people record the minutes at once: one wins and the other is told (409), or both succeed; never a 500', async (t) => {
        const w = await apiWorld(t, dialect);
        const base = `/api/v1/boards/${w.boardA.id}/board-meetings`;
        for (let round = 0; round < 5; round++) {
          const made = await w.call('POST', base, w.tokens.unitA, { meetsOn: '2026-11-20', online: true });
          const url = `${base}/${made.data.id}`;
          const answers = await Promise.all([
            w.call('PUT', `${url}/minutes`, w.tokens.unitA, { minutes: 'First', version: 1 }),
            w.call('PUT', `${url}/minutes`, w.tokens.unitA, { minutes: 'Second', version: 1 }),
            w.call('PUT', `${url}/attendance`, w.tokens.unitA, { attendance: [{ personId: w.people.chairA.id, attendance: 'attended' }] }),
          ]);
          const codes = answers.map((a) => a.statusCode);
          assert.ok(
            codes.every((c) => c === 204 || c === 409),
            JSON.stringify(answers.map((a) => a.data)),
          );
          assert.ok(codes.slice(0, 2).includes(204) || codes[2] === 204, 'someone won');
          assert.ok(codes.slice(0, 2).filter((c) => c === 204).length <= 1, 'one version of the minutes wins');
          const kept = await w.call('GET', url, w.tokens.unitA);
          const winner = answers.slice(0, 2).find((a) => a.statusCode === 204);
          if (winner) assert.equal(kept.data.minutes, answers[0] === winner ? 'First' : 'Second');
        }
      });
    }
  });
}
