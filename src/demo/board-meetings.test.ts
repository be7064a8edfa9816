// The demo board's own meetings (issue 12 item 3): the last one held last month, with attendance and
// minutes; the next scheduled next month, with its agenda; a second run adds nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { agendaOf, attendanceOf, lastBoardMeeting, nextBoardMeeting } from '../db/repositories/board-meetings-repository.ts';
import { callerWithRole } from '../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { seedDemoBoardMeetings } from './board-meetings.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`demo board meetings (${dialect})`, () => {
    test('the last meeting held last month with attendance and minutes; the next one next month with its agenda; once', async (t) => {
      const db = await createTestDb(dialect);
      const services = createServices({
        db,
        keyring: testKeyring(),
        config: loadConfig({ LOG_LEVEL: 'silent' }),
        clock: new TestClock(new Date('2026-12-06T10:00:00Z')),
      });
      t.after(async () => {
        services.mail.close();
        await db.close();
      });
      const board = await seedBoard(services, 'TEIFI');
      const bu = await callerWithRole(services, 'business_unit', board.id);
      for (const role of ['board_chair', 'board_member', 'information_governance'] as const)
        await seedPerson(services, { roles: [{ role, boardId: board.id }] });
      await seedDemoBoardMeetings(services, board.id, bu);
      await seedDemoBoardMeetings(services, board.id, bu);
      const kysely = services.db.kysely;
      const last = await lastBoardMeeting(kysely, board.id, '2026-12-06');
      const next = await nextBoardMeeting(kysely, board.id, '2026-12-06');
      assert.equal(last?.meetsOn, '2026-11-06');
      assert.match(last?.minutes ?? '', /Action plans/);
      assert.deepEqual((await attendanceOf(kysely, last?.id ?? '')).attendance.map((a) => a.attendance).sort(), [
        'absent',
        'apologies',
        'attended',
        'attended',
      ]);
      assert.equal(next?.meetsOn, '2027-01-06');
      assert.equal((await agendaOf(kysely, next?.id ?? '')).length, 4);
      const { upcoming, past } = await services.boardMeetings.list(bu, board.id);
      assert.equal(upcoming.length + past.length, 2, 'a second run adds nothing');
    });
  });
}
