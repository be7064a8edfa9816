// Meeting attendance (issue 8 §14): only the board's management group (its chair and members, and the
// board chair) are recorded as attending people; anyone else is refused; guests are named as text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, fieldCodes } from '../../../testing/api-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`meeting attendance through the API (${dialect})`, () => {
    test('people from another board, the deployment administrator and anyone outside the management group are refused; guests are recorded as text', async (t) => {
      const { services, boardA, people, tokens, call, eventsAfter, lastSeq } = await apiWorld(t, dialect);
      const meeting = await call('POST', `/api/v1/boards/${boardA.id}/meetings`, tokens.unitA, { meetsOn: '2026-11-26' });
      assert.equal(meeting.statusCode, 201, meeting.body);
      const url = `/api/v1/meetings/${meeting.data.id}/attendance`;

      const before = await lastSeq();
      for (const outsider of [people.memberB, people.chairB, people.root, people.unitA, people.adminA, people.boardMemberA, people.referrerA]) {
        const refused = await call('POST', url, tokens.unitA, {
          attendance: [
            { personId: people.memberA.id, attended: true },
            { personId: outsider.id, attended: true },
          ],
        });
        assertProblem(refused, 422);
        assert.deepEqual(fieldCodes(refused), [['attendance', 'meeting.personNotInGroup']]);
      }
      assert.deepEqual(await eventsAfter(before), [], 'nothing recorded');
      const rows = await services.db.kysely.selectFrom('management_group_attendance').selectAll().execute();
      assert.deepEqual(rows, []);

      // A guest needs a name and a role or organisation.
      assertProblem(await call('POST', url, tokens.unitA, { attendance: [], guests: [{ fullName: 'Dr Ffion Arbenigwr' }] }), 400);
      assertProblem(await call('POST', url, tokens.unitA, { attendance: [], guests: [{ fullName: ' ', role: 'Consultant paediatrician' }] }), 400);

      const recorded = await call('POST', url, tokens.groupChairA, {
        attendance: [
          { personId: people.memberA.id, attended: true },
          { personId: people.groupChairA.id, attended: true },
          { personId: people.chairA.id, attended: false },
        ],
        guests: [{ fullName: 'Dr Ffion Arbenigwr', role: 'Consultant paediatrician, Teifi Valley Health Board' }],
      });
      assert.equal(recorded.statusCode, 200, recorded.body);
      assert.deepEqual(recorded.data.guests, [{ fullName: 'Dr Ffion Arbenigwr', role: 'Consultant paediatrician, Teifi Valley Health Board' }]);
      assert.equal((recorded.data.attendance as unknown[]).length, 3);
      const events = await eventsAfter(before);
      assert.deepEqual(
        events.map((e) => [e.action, e.board_id, JSON.parse(e.summary)]),
        [['ATTENDANCE_RECORDED', boardA.id, { attended: 2, absent: 1, guests: 1 }]],
      );
      assert.doesNotMatch(events[0]?.summary ?? '', /Ffion/, 'the guest is counted, not named, in the audit log');

      // Recording again replaces both lists.
      const again = await call('POST', url, tokens.unitA, { attendance: [{ personId: people.memberA.id, attended: true }] });
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(again.data.guests, []);
      assert.equal((again.data.attendance as unknown[]).length, 1);
    });
  });
}
