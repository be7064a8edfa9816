// The board's own meetings (issue 12 item 3; DOMAIN §1.7): the business unit schedules them (date, time, a
// place or online), puts items on their agenda, records who attended (the board's people, and named guests
// with their organisation), records the minutes (which marks the meeting held) or cancels one with a reason.
// The board (its chair and members), information governance and the business unit read them; a meeting's
// page is an audited read (its minutes may mention case matters). A meeting may be recorded after it was
// held (its date in the past), never more than two years ahead. Each change is one transaction with its audit
// event (ids, counts and field names only); a change made on a version someone else changed first is a 409.
import type { Db } from '../db/database.ts';
import {
  addAgendaItem,
  agendaCounts,
  agendaOf,
  attendanceOf,
  BOARD_ATTENDANCE,
  type BoardAttendanceRow,
  type BoardGuestRow,
  type BoardMeetingRow,
  boardMeetingsOf,
  boardPeopleIn,
  cancelBoardMeeting,
  findBoardMeeting,
  insertBoardMeeting,
  minuteBoardMeeting,
  replaceBoardAttendance,
  touchBoardMeeting,
} from '../db/repositories/board-meetings-repository.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { addMonths, isDateInRange, isIsoDate, isTimeOfDay } from '../domain/clock/dates.ts';
import { textProblems } from '../domain/limits.ts';
import type { Board } from '../domain/organisation.ts';
import { can, permissionsOf } from '../domain/permissions.ts';
import { BOARD_ROLES } from '../domain/roles.ts';
import { nameErrors } from '../domain/text.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, type FieldErrors, forbidden, invalid, newId, notFound, ServiceError } from './context.ts';

export { BOARD_ATTENDANCE } from '../db/repositories/board-meetings-repository.ts';

/** How far ahead a meeting may be scheduled: two years. */
export const BOARD_MEETING_MONTHS_AHEAD = 24;

export const BOARD_MEETING_TEXT = {
  place: { max: 200, tooLong: 'board-meetings:errors.placeTooLong' },
  title: { max: 300, required: 'board-meetings:errors.titleRequired', tooLong: 'board-meetings:errors.titleTooLong' },
  note: { max: 2000, tooLong: 'board-meetings:errors.noteTooLong' },
  minutes: { max: 50000, required: 'board-meetings:errors.minutesRequired', tooLong: 'board-meetings:errors.minutesTooLong' },
  reason: { max: 2000, required: 'board-meetings:errors.cancelReasonRequired', tooLong: 'board-meetings:errors.cancelReasonTooLong' },
} as const;

export const BOARD_MEETING_LIMITS = { agendaItems: 50, guests: 30, guestName: 200, guestOrganisation: 200 } as const;

/** The board roles whose holders attend the board's meetings: those who see them (from the permission table). */
export const BOARD_MEETING_ROLES = BOARD_ROLES.filter((r) => permissionsOf(r).includes('board_meeting.view'));

export interface BoardMeetingDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
}

export interface ScheduleInput {
  meetsOn?: string | null;
  startsAt?: string | null;
  online?: boolean | null;
  place?: string | null;
}

export interface AgendaItemInput {
  title?: string | null;
  note?: string | null;
}

export interface AttendanceInput {
  version?: number | undefined;
  attendance: readonly { personId: string; attendance: string }[];
  guests: readonly BoardGuestRow[];
}

export interface BoardMeetingListItem extends BoardMeetingRow {
  agendaItems: number;
}

export interface BoardMeetingView extends BoardMeetingRow {
  board: Board;
  agenda: Awaited<ReturnType<typeof agendaOf>>;
  attendance: BoardAttendanceRow[];
  guests: BoardGuestRow[];
  /** The board's people who attend its meetings, now (the attendance form's list). */
  people: { personId: string; name: string; roles: string[] }[];
  mayManage: boolean;
}

export class BoardMeetingService {
  constructor(private readonly deps: BoardMeetingDeps) {}

  private async board(trx: Executor, caller: Caller, boardId: string, permission: 'board_meeting.view' | 'board_meeting.manage') {
    if (!can(caller.actor, permission, { boardId })) throw can(caller.actor, 'board_meeting.view', { boardId }) ? forbidden() : notFound('board');
    const board = await findBoard(trx, boardId);
    if (!board) throw notFound('board');
    return board;
  }

  /** The board's meetings: upcoming (soonest first) and past or cancelled (latest first). Not case material: not audited. */
  async list(caller: Caller, boardId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const board = await this.board(trx, caller, boardId, 'board_meeting.view');
      const all = await boardMeetingsOf(trx, boardId);
      const counts = await agendaCounts(
        trx,
        all.map((m) => m.id),
      );
      const today = this.deps.clock.today();
      const items: BoardMeetingListItem[] = all.map((m) => ({ ...m, agendaItems: counts.get(m.id) ?? 0 }));
      const upcoming = items.filter((m) => m.status === 'scheduled' && m.meetsOn >= today).reverse();
      const past = items.filter((m) => !(m.status === 'scheduled' && m.meetsOn >= today));
      return { board, upcoming, past, mayManage: can(caller.actor, 'board_meeting.manage', { boardId }) };
    });
  }

  /** The board whose meetings the caller may schedule (the new meeting form). */
  async forScheduling(caller: Caller, boardId: string) {
    return inTransaction(this.deps.db, (trx) => this.board(trx, caller, boardId, 'board_meeting.manage'));
  }

  /** One meeting with its agenda, attendance, guests and minutes: an audited read. */
  async view(caller: Caller, boardId: string, meetingId: string): Promise<BoardMeetingView> {
    return inTransaction(this.deps.db, async (trx) => {
      const board = await this.board(trx, caller, boardId, 'board_meeting.view');
      const meeting = await findBoardMeeting(trx, boardId, meetingId);
      if (!meeting) throw notFound('board meeting');
      const [agenda, { attendance, guests }, people] = await Promise.all([
        agendaOf(trx, meetingId),
        attendanceOf(trx, meetingId),
        boardPeopleIn(trx, boardId, BOARD_MEETING_ROLES),
      ]);
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'board_meeting',
        recordId: meetingId,
        summary: { agendaItems: agenda.length, attendance: attendance.length, minutes: meeting.minutes !== null },
      });
      return { ...meeting, board, agenda, attendance, guests, people, mayManage: can(caller.actor, 'board_meeting.manage', { boardId }) };
    });
  }

  private checkSchedule(input: ScheduleInput) {
    const errors: FieldErrors = {};
    const meetsOn = input.meetsOn?.trim() ?? '';
    if (!meetsOn) errors.meetsOn = 'board-meetings:errors.meetsOnRequired';
    else if (!isIsoDate(meetsOn) || !isDateInRange(meetsOn)) errors.meetsOn = 'board-meetings:errors.meetsOnInvalid';
    else if (meetsOn > addMonths(this.deps.clock.today(), BOARD_MEETING_MONTHS_AHEAD)) errors.meetsOn = 'board-meetings:errors.meetsOnTooFar';
    const startsAt = input.startsAt?.trim() || null;
    if (startsAt && !isTimeOfDay(startsAt)) errors.startsAt = 'board-meetings:errors.startsAtInvalid';
    const online = input.online === true;
    if (input.online !== true && input.online !== false) errors.online = 'board-meetings:errors.onlineRequired';
    const place = input.place?.trim() || null;
    if (input.online === false && !place) errors.place = 'board-meetings:errors.placeRequired';
    Object.assign(errors, textProblems({ place: BOARD_MEETING_TEXT.place }, { place }));
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return { meetsOn, startsAt, online, place };
  }

  /** Schedules a meeting (the business unit); one already held may be recorded (its date in the past). */
  async schedule(caller: Caller, boardId: string, input: ScheduleInput): Promise<{ id: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      await this.board(trx, caller, boardId, 'board_meeting.manage');
      const v = this.checkSchedule(input);
      const id = newId();
      await insertBoardMeeting(trx, { id, boardId, ...v, createdBy: caller.actor?.personId ?? null }, this.deps.clock.now().toISOString());
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'board_meeting',
        recordId: id,
        summary: { online: v.online, startsAt: v.startsAt !== null },
      });
      return { id };
    });
  }

  /** Adds an item at the end of a scheduled meeting's agenda (the business unit). */
  async addItem(caller: Caller, boardId: string, meetingId: string, input: AgendaItemInput): Promise<{ id: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      await this.board(trx, caller, boardId, 'board_meeting.manage');
      const meeting = await this.meeting(trx, boardId, meetingId, undefined);
      notScheduled(meeting);
      const title = input.title?.trim() ?? '';
      const note = input.note?.trim() || null;
      const errors: FieldErrors = textProblems({ title: BOARD_MEETING_TEXT.title, note: BOARD_MEETING_TEXT.note }, { title, note });
      if (Object.keys(errors).length === 0 && (await agendaOf(trx, meetingId)).length >= BOARD_MEETING_LIMITS.agendaItems)
        errors.title = 'board-meetings:errors.agendaFull';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const id = newId();
      const at = this.deps.clock.now().toISOString();
      await addAgendaItem(trx, meetingId, { id, title, note, addedBy: caller.actor?.personId ?? null, at });
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'board_meeting',
        recordId: meetingId,
        summary: { agendaItemId: id, note: note !== null },
      });
      return { id };
    });
  }

  /**
   * Records who attended (replacing what was recorded): each person one of the board's people who attend its
   * meetings, and guests named with their organisation. A cancelled meeting has no attendance.
   */
  async recordAttendance(caller: Caller, boardId: string, meetingId: string, input: AttendanceInput): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      await this.board(trx, caller, boardId, 'board_meeting.manage');
      const meeting = await this.meeting(trx, boardId, meetingId, input.version);
      if (meeting.status === 'cancelled') throw meetingCancelled();
      const errors: FieldErrors = {};
      if (meeting.meetsOn > this.deps.clock.today()) errors.form = 'board-meetings:errors.meetingNotYet';
      const people = new Map((await boardPeopleIn(trx, boardId, BOARD_MEETING_ROLES)).map((p) => [p.personId, p.roles.join(',')]));
      const seen = new Set<string>();
      for (const a of input.attendance) {
        if (!people.has(a.personId) || seen.has(a.personId)) errors.attendance = 'board-meetings:errors.attendeeNotOnBoard';
        else if (!(BOARD_ATTENDANCE as readonly string[]).includes(a.attendance)) errors.attendance = 'board-meetings:errors.attendanceInvalid';
        seen.add(a.personId);
      }
      const guests = input.guests
        .map((g) => ({ fullName: g.fullName.trim(), organisation: g.organisation.trim() }))
        .filter((g) => g.fullName !== '' || g.organisation !== '');
      if (guests.length > BOARD_MEETING_LIMITS.guests) errors.guests = 'board-meetings:errors.guestsTooMany';
      for (const g of guests) {
        if (!g.fullName || !g.organisation) errors.guests = 'board-meetings:errors.guestIncomplete';
        else if (g.fullName.length > BOARD_MEETING_LIMITS.guestName || g.organisation.length > BOARD_MEETING_LIMITS.guestOrganisation)
          errors.guests = 'board-meetings:errors.guestTooLong';
        else if (Object.keys(nameErrors({ guests: g.fullName, organisation: g.organisation })).length > 0)
          errors.guests = 'board-meetings:errors.guestNameInvalid';
      }
      if (input.attendance.length === 0 && guests.length === 0 && !errors.attendance) errors.attendance = 'board-meetings:errors.attendanceRequired';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const at = this.deps.clock.now().toISOString();
      if (!(await touchBoardMeeting(trx, meetingId, meeting.version, at))) throw changedMeanwhile();
      await replaceBoardAttendance(
        trx,
        meetingId,
        input.attendance.map((a) => ({ personId: a.personId, role: people.get(a.personId) ?? '', attendance: a.attendance })),
        guests,
        newId,
        at,
      );
      const count = (k: string) => input.attendance.filter((a) => a.attendance === k).length;
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'board_meeting',
        recordId: meetingId,
        summary: { attended: count('attended'), apologies: count('apologies'), absent: count('absent'), guests: guests.length },
      });
    });
  }

  /** Records (or corrects) the minutes of a meeting that has taken place, and marks it held. A cancelled meeting has none. */
  async recordMinutes(caller: Caller, boardId: string, meetingId: string, input: { minutes?: string | null; version?: number | undefined }): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      await this.board(trx, caller, boardId, 'board_meeting.manage');
      const meeting = await this.meeting(trx, boardId, meetingId, input.version);
      if (meeting.status === 'cancelled') throw meetingCancelled();
      const errors: FieldErrors = textProblems({ minutes: BOARD_MEETING_TEXT.minutes }, { minutes: input.minutes ?? null });
      if (meeting.meetsOn > this.deps.clock.today()) errors.form = 'board-meetings:errors.meetingNotYet';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const minutes = (input.minutes ?? '').trim();
      const at = this.deps.clock.now().toISOString();
      if (!(await minuteBoardMeeting(trx, { id: meetingId, version: meeting.version, minutes, by: caller.actor?.personId ?? null }, at)))
        throw changedMeanwhile();
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'board_meeting',
        recordId: meetingId,
        summary: { fields: ['minutes', 'status'], corrected: meeting.status === 'held' },
      });
    });
  }

  /** Cancels a scheduled meeting with its reason (required). A meeting held or cancelled already cannot be (409). */
  async cancel(caller: Caller, boardId: string, meetingId: string, input: { reason?: string | null; version?: number | undefined }): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      await this.board(trx, caller, boardId, 'board_meeting.manage');
      const meeting = await this.meeting(trx, boardId, meetingId, input.version);
      notScheduled(meeting);
      const errors = textProblems({ reason: BOARD_MEETING_TEXT.reason }, { reason: input.reason ?? null });
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const reason = (input.reason ?? '').trim();
      const at = this.deps.clock.now().toISOString();
      if (!(await cancelBoardMeeting(trx, { id: meetingId, version: meeting.version, reason, by: caller.actor?.personId ?? null }, at)))
        throw changedMeanwhile();
      await this.deps.audit.record(trx, caller, { boardId, recordType: 'board_meeting', recordId: meetingId, summary: { fields: ['status', 'cancelReason'] } });
    });
  }

  private async meeting(trx: Executor, boardId: string, meetingId: string, version: number | undefined): Promise<BoardMeetingRow> {
    const meeting = await findBoardMeeting(trx, boardId, meetingId);
    if (!meeting) throw notFound('board meeting');
    if (version !== undefined && version !== meeting.version) throw changedMeanwhile();
    return meeting;
  }
}

/** A change only a scheduled meeting takes: a held or cancelled one is a conflict saying which. */
function notScheduled(meeting: BoardMeetingRow): void {
  if (meeting.status === 'cancelled') throw meetingCancelled();
  if (meeting.status === 'held') throw new ServiceError('conflict', 'board-meetings.held', { form: 'board-meetings:errors.meetingHeld' });
}

function meetingCancelled() {
  return new ServiceError('conflict', 'board-meetings.cancelled', { form: 'board-meetings:errors.meetingCancelled' });
}

function changedMeanwhile() {
  return new ServiceError('conflict', 'board-meetings.changedMeanwhile', { form: 'board-meetings:errors.changedMeanwhile' });
}
