// The board's own meetings (issue 12 item 3) through the service and its repository: the next and last
// meetings the rest of issue 12 uses, sourced agenda items added once, and every refusal the issue lists
// (a date more than two years away, an empty agenda title, minutes on a cancelled meeting, cancelling a held
// one) changing nothing, on both databases.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices, type Services } from '../container.ts';
import { addAgendaItem, agendaOf, findBoardMeeting, lastBoardMeeting, nextBoardMeeting } from '../db/repositories/board-meetings-repository.ts';
import { as, callerWithRole } from '../testing/case-fixtures.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import type { Caller } from './context.ts';
import { ServiceError } from './context.ts';

async function refused(p: Promise<unknown>, kind: ServiceError['kind'], field?: string, key?: string) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ServiceError, String(e));
    assert.equal(e.kind, kind, `${e.kind}: ${e.message} ${JSON.stringify(e.fieldErrors)}`);
    if (field) assert.equal(e.fieldErrors[field], key, JSON.stringify(e.fieldErrors));
    return true;
  });
}

for (const dialect of dialectsUnderTest()) {
  describe(`board meetings (${dialect})`, () => {
    let services: Services;
    let close: () => Promise<void>;
    let boardId: string;
    let otherBoardId: string;
    let bu: Caller;
    let chair: Caller;
    let otherBu: Caller;
    const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
    const at = () => clock.now().toISOString();
    const auditCount = async () =>
      Number(
        (
          await services.db.kysely
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      const db = await createTestDb(dialect);
      services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
      close = async () => {
        services.mail.close();
        await db.close();
      };
      boardId = (await seedBoard(services, 'TEIFI')).id;
      otherBoardId = (await seedBoard(services, 'OTHER', { en: 'Other', cy: 'Arall' })).id;
      bu = await callerWithRole(services, 'business_unit', boardId, 'BOARD_MEETING_SCHEDULED');
      chair = await callerWithRole(services, 'board_chair', boardId, 'BOARD_MEETING_VIEWED', { fullName: 'Chair Person' });
      otherBu = await callerWithRole(services, 'business_unit', otherBoardId, 'BOARD_MEETING_SCHEDULED');
    });
    after(async () => close?.());

    test('the next meeting is the first scheduled on or after today; the last the latest held on or before today', async () => {
      const db = services.db.kysely;
      assert.equal(await nextBoardMeeting(db, boardId, '2026-11-27'), undefined);
      assert.equal(await lastBoardMeeting(db, boardId, '2026-11-27'), undefined);
      const schedule = (meetsOn: string) => services.boardMeetings.schedule(bu, boardId, { meetsOn, online: true });
      const held = await schedule('2026-10-15');
      const older = await schedule('2026-08-20');
      const cancelled = await schedule('2026-12-10');
      const next = await schedule('2027-01-14');
      const later = await schedule('2027-03-11');
      await schedule('2026-11-01'); // past, never held: neither next nor last
      const minute = as(bu, 'BOARD_MEETING_MINUTED');
      await services.boardMeetings.recordMinutes(minute, boardId, older.id, { minutes: 'Older minutes.' });
      await services.boardMeetings.recordMinutes(minute, boardId, held.id, { minutes: 'Minutes of October.' });
      await services.boardMeetings.cancel(as(bu, 'BOARD_MEETING_CANCELLED'), boardId, cancelled.id, { reason: 'Not quorate' });
      // Another board's meetings are never this board's.
      await services.boardMeetings.schedule(otherBu, otherBoardId, { meetsOn: '2026-11-28', online: true });

      assert.equal((await nextBoardMeeting(db, boardId, '2026-11-27'))?.id, next.id);
      assert.equal((await nextBoardMeeting(db, boardId, '2027-01-14'))?.id, next.id, 'a meeting today is the next');
      assert.equal((await nextBoardMeeting(db, boardId, '2027-01-15'))?.id, later.id);
      assert.equal(await nextBoardMeeting(db, boardId, '2027-03-12'), undefined);
      assert.equal((await lastBoardMeeting(db, boardId, '2026-11-27'))?.id, held.id);
      assert.equal((await lastBoardMeeting(db, boardId, '2026-10-15'))?.id, held.id, 'a meeting held today is the last');
      assert.equal((await lastBoardMeeting(db, boardId, '2026-10-14'))?.id, older.id);
      assert.equal(await lastBoardMeeting(db, boardId, '2026-08-19'), undefined);
    });

    test('an item with a source goes on a meeting’s agenda once; typed items are added at the end', async () => {
      const db = services.db.kysely;
      const { id } = await services.boardMeetings.schedule(bu, boardId, { meetsOn: '2027-02-04', online: false, place: 'Aberteifi' });
      await services.boardMeetings.addItem(as(bu, 'BOARD_MEETING_AGENDA_ITEM_ADDED'), boardId, id, { title: 'Apologies' });
      const sourced = { title: 'Challenge: an action overdue', sourceKind: 'action_challenge', sourceId: 'challenge-1', at: at() };
      assert.equal(await addAgendaItem(db, id, { id: 'item-a', ...sourced }), true);
      assert.equal(await addAgendaItem(db, id, { id: 'item-b', ...sourced }), false, 'the same source again: nothing added, no error');
      assert.equal(await addAgendaItem(db, id, { id: 'item-c', ...sourced, sourceId: 'challenge-2' }), true);
      await services.boardMeetings.addItem(as(bu, 'BOARD_MEETING_AGENDA_ITEM_ADDED'), boardId, id, { title: 'Any other business', note: 'Short' });
      const agenda = await agendaOf(db, id);
      assert.deepEqual(
        agenda.map((a) => [a.title, a.sourceId]),
        [
          ['Apologies', null],
          ['Challenge: an action overdue', 'challenge-1'],
          ['Challenge: an action overdue', 'challenge-2'],
          ['Any other business', null],
        ],
      );
      // Two added at once (the escalation job on two instances): one item.
      const both = await Promise.all([
        addAgendaItem(db, id, { id: 'item-d', ...sourced, sourceId: 'challenge-3' }),
        addAgendaItem(db, id, { id: 'item-e', ...sourced, sourceId: 'challenge-3' }),
      ]);
      assert.deepEqual(both.sort(), [false, true]);
      assert.equal((await agendaOf(db, id)).filter((a) => a.sourceId === 'challenge-3').length, 1);
    });

    test('refusals change nothing: a date over two years away, an empty title, minutes on a cancelled meeting, cancelling a held one', async () => {
      const before = await auditCount();
      await refused(
        services.boardMeetings.schedule(bu, boardId, { meetsOn: '2028-11-28', online: true }),
        'invalid',
        'meetsOn',
        'board-meetings:errors.meetsOnTooFar',
      );
      await refused(
        services.boardMeetings.schedule(bu, boardId, { meetsOn: '2026-02-30', online: true }),
        'invalid',
        'meetsOn',
        'board-meetings:errors.meetsOnInvalid',
      );
      await refused(
        services.boardMeetings.schedule(bu, boardId, { meetsOn: '2027-01-01', online: false }),
        'invalid',
        'place',
        'board-meetings:errors.placeRequired',
      );
      // A meeting already held may be recorded (a date in the past); exactly two years ahead is allowed.
      const past = await services.boardMeetings.schedule(bu, boardId, { meetsOn: '2025-06-01', online: true });
      const far = await services.boardMeetings.schedule(bu, boardId, { meetsOn: '2028-11-27', online: true });
      const afterCreates = await auditCount();
      assert.equal(afterCreates, before + 2);

      await refused(services.boardMeetings.addItem(bu, boardId, far.id, { title: '   ' }), 'invalid', 'title', 'board-meetings:errors.titleRequired');
      await services.boardMeetings.cancel(as(bu, 'BOARD_MEETING_CANCELLED'), boardId, far.id, { reason: 'Moved' });
      await refused(
        services.boardMeetings.recordMinutes(bu, boardId, far.id, { minutes: 'Minutes' }),
        'conflict',
        'form',
        'board-meetings:errors.meetingCancelled',
      );
      await refused(services.boardMeetings.addItem(bu, boardId, far.id, { title: 'Late item' }), 'conflict', 'form', 'board-meetings:errors.meetingCancelled');
      await services.boardMeetings.recordMinutes(as(bu, 'BOARD_MEETING_MINUTED'), boardId, past.id, { minutes: 'Held.' });
      await refused(services.boardMeetings.cancel(bu, boardId, past.id, { reason: 'Too late' }), 'conflict', 'form', 'board-meetings:errors.meetingHeld');
      await refused(
        services.boardMeetings.cancel(bu, boardId, (await services.boardMeetings.schedule(bu, boardId, { meetsOn: '2027-05-05', online: true })).id, {
          reason: ' ',
        }),
        'invalid',
        'reason',
        'board-meetings:errors.cancelReasonRequired',
      );
      // Minutes of a meeting not yet come, and minutes left empty.
      const soon = await services.boardMeetings.schedule(bu, boardId, { meetsOn: '2026-12-01', online: true });
      await refused(services.boardMeetings.recordMinutes(bu, boardId, soon.id, { minutes: 'Early' }), 'invalid', 'form', 'board-meetings:errors.meetingNotYet');
      await refused(services.boardMeetings.recordMinutes(bu, boardId, past.id, { minutes: '' }), 'invalid', 'minutes', 'board-meetings:errors.minutesRequired');
      // Only the writes that succeeded were audited: the cancellation, the minutes, two schedules.
      assert.equal(await auditCount(), afterCreates + 4);
      const stored = await findBoardMeeting(services.db.kysely, boardId, past.id);
      assert.equal(stored?.status, 'held');
      assert.equal(stored?.minutes, 'Held.');
      assert.equal((await findBoardMeeting(services.db.kysely, boardId, far.id))?.minutes, null);
    });

    test('the board chair sees the meetings and cannot manage them; another board’s business unit finds nothing', async () => {
      const { id } = await services.boardMeetings.schedule(bu, boardId, { meetsOn: '2027-04-01', online: true });
      const seen = await services.boardMeetings.view(chair, boardId, id);
      assert.equal(seen.mayManage, false);
      assert.ok(seen.people.some((p) => p.name === 'Chair Person' && p.roles.includes('board_chair')));
      await refused(services.boardMeetings.addItem(chair, boardId, id, { title: 'Mine' }), 'forbidden');
      await refused(services.boardMeetings.view(otherBu, boardId, id), 'not_found');
      await refused(services.boardMeetings.view(bu, otherBoardId, id), 'not_found');
      await refused(services.boardMeetings.addItem(otherBu, boardId, id, { title: 'Theirs' }), 'not_found');
    });

    test('attendance: the board’s people and named guests; someone not of the board is refused', async () => {
      const { id } = await services.boardMeetings.schedule(bu, boardId, { meetsOn: '2026-11-20', online: false, place: 'Neuadd y Sir' });
      const record = as(bu, 'BOARD_MEETING_ATTENDANCE_RECORDED');
      const chairId = chair.actor?.personId ?? '';
      await refused(
        services.boardMeetings.recordAttendance(record, boardId, id, {
          attendance: [{ personId: otherBu.actor?.personId ?? '', attendance: 'attended' }],
          guests: [],
        }),
        'invalid',
        'attendance',
        'board-meetings:errors.attendeeNotOnBoard',
      );
      await refused(
        services.boardMeetings.recordAttendance(record, boardId, id, { attendance: [], guests: [{ fullName: 'Guest Only', organisation: '' }] }),
        'invalid',
        'guests',
        'board-meetings:errors.guestIncomplete',
      );
      await services.boardMeetings.recordAttendance(record, boardId, id, {
        attendance: [{ personId: chairId, attendance: 'apologies' }],
        guests: [{ fullName: 'Dr Guest', organisation: 'Public Health Wales' }],
      });
      const seen = await services.boardMeetings.view(chair, boardId, id);
      assert.deepEqual(
        seen.attendance.map((a) => [a.name, a.attendance]),
        [['Chair Person', 'apologies']],
      );
      assert.deepEqual(seen.guests, [{ fullName: 'Dr Guest', organisation: 'Public Health Wales' }]);
    });
  });
}
