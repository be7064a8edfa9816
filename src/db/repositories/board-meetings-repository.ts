// The board's own meetings (issue 12 item 3): scheduled, held (its minutes recorded) or cancelled with a
// reason; their ordered agenda items, the attendance of the board's people and named guests. A change made
// on a version updates only that version (no row changed: someone saved first, the service answers with a
// conflict). The rest of issue 12 calls `nextBoardMeeting` (where an escalation goes), `lastBoardMeeting`
// (where a progress report starts) and `addAgendaItem` with a source (once per meeting and record).
import type { Executor } from '../transaction.ts';

export const BOARD_MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type BoardMeetingStatus = (typeof BOARD_MEETING_STATUSES)[number];
export const BOARD_ATTENDANCE = ['attended', 'apologies', 'absent'] as const;
export type BoardAttendance = (typeof BOARD_ATTENDANCE)[number];

export interface BoardMeetingRow {
  id: string;
  boardId: string;
  meetsOn: string;
  startsAt: string | null;
  online: boolean;
  place: string | null;
  status: BoardMeetingStatus;
  minutes: string | null;
  /** Who recorded the minutes and when (their name, when they are still known). */
  minuted: { at: string; byId: string | null; byName: string | null } | null;
  cancellation: { reason: string; at: string; byId: string | null; byName: string | null } | null;
  version: number;
}

export interface AgendaItemRow {
  id: string;
  position: number;
  title: string;
  note: string | null;
  sourceKind: string | null;
  sourceId: string | null;
}

export interface BoardAttendanceRow {
  personId: string;
  name: string;
  role: string;
  attendance: BoardAttendance;
}

export interface BoardGuestRow {
  fullName: string;
  organisation: string;
}

const COLUMNS = [
  'm.id',
  'm.board_id',
  'm.meets_on',
  'm.starts_at',
  'm.online',
  'm.place',
  'm.status',
  'm.minutes',
  'm.minutes_by',
  'm.minutes_at',
  'm.cancel_reason',
  'm.cancelled_by',
  'm.cancelled_at',
  'm.version',
] as const;

type Raw = {
  id: string;
  board_id: string;
  meets_on: string;
  starts_at: string | null;
  online: number;
  place: string | null;
  status: string;
  minutes: string | null;
  minutes_by: string | null;
  minutes_at: string | null;
  cancel_reason: string | null;
  cancelled_by: string | null;
  cancelled_at: string | null;
  version: number;
  minutes_by_name?: string | null;
  cancelled_by_name?: string | null;
};

function row(r: Raw): BoardMeetingRow {
  return {
    id: r.id,
    boardId: r.board_id,
    meetsOn: r.meets_on,
    startsAt: r.starts_at,
    online: Number(r.online) === 1,
    place: r.place,
    status: r.status as BoardMeetingStatus,
    minutes: r.minutes,
    minuted: r.minutes_at ? { at: r.minutes_at, byId: r.minutes_by, byName: r.minutes_by_name ?? null } : null,
    cancellation:
      r.status === 'cancelled' && r.cancel_reason !== null && r.cancelled_at !== null
        ? { reason: r.cancel_reason, at: r.cancelled_at, byId: r.cancelled_by, byName: r.cancelled_by_name ?? null }
        : null,
    version: Number(r.version),
  };
}

const meetings = (db: Executor) =>
  db
    .selectFrom('board_meetings as m')
    .leftJoin('people as mb', 'mb.id', 'm.minutes_by')
    .leftJoin('people as cb', 'cb.id', 'm.cancelled_by')
    .select(COLUMNS)
    .select(['mb.full_name as minutes_by_name', 'cb.full_name as cancelled_by_name']);

/** The board's meetings, latest first (at most `limit`). */
export async function boardMeetingsOf(db: Executor, boardId: string, limit = 200): Promise<BoardMeetingRow[]> {
  const rows = await meetings(db).where('m.board_id', '=', boardId).orderBy('m.meets_on', 'desc').orderBy('m.created_at', 'desc').limit(limit).execute();
  return rows.map(row);
}

/** One meeting of the board; another board's (or none) is undefined. */
export async function findBoardMeeting(db: Executor, boardId: string, id: string): Promise<BoardMeetingRow | undefined> {
  const found = await meetings(db).where('m.board_id', '=', boardId).where('m.id', '=', id).executeTakeFirst();
  return found ? row(found) : undefined;
}

/** The board's first scheduled meeting on or after `today` (where "the next board meeting" is), or undefined. */
export async function nextBoardMeeting(db: Executor, boardId: string, today: string): Promise<BoardMeetingRow | undefined> {
  const found = await meetings(db)
    .where('m.board_id', '=', boardId)
    .where('m.status', '=', 'scheduled')
    .where('m.meets_on', '>=', today)
    .orderBy('m.meets_on')
    .orderBy('m.created_at')
    .executeTakeFirst();
  return found ? row(found) : undefined;
}

/** The board's latest held meeting on or before `today` ("since the last board meeting"), or undefined. */
export async function lastBoardMeeting(db: Executor, boardId: string, today: string): Promise<BoardMeetingRow | undefined> {
  const found = await meetings(db)
    .where('m.board_id', '=', boardId)
    .where('m.status', '=', 'held')
    .where('m.meets_on', '<=', today)
    .orderBy('m.meets_on', 'desc')
    .orderBy('m.created_at', 'desc')
    .executeTakeFirst();
  return found ? row(found) : undefined;
}

export interface NewBoardMeeting {
  id: string;
  boardId: string;
  meetsOn: string;
  startsAt: string | null;
  online: boolean;
  place: string | null;
  createdBy: string | null;
}

export async function insertBoardMeeting(db: Executor, m: NewBoardMeeting, at: string): Promise<void> {
  await db
    .insertInto('board_meetings')
    .values({
      id: m.id,
      board_id: m.boardId,
      meets_on: m.meetsOn,
      starts_at: m.startsAt,
      online: m.online ? 1 : 0,
      place: m.place,
      status: 'scheduled',
      minutes: null,
      minutes_by: null,
      minutes_at: null,
      cancel_reason: null,
      cancelled_by: null,
      cancelled_at: null,
      version: 1,
      created_by: m.createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

export interface NewAgendaItem {
  id: string;
  title: string;
  note?: string | null;
  /** The record the item is about ('action_challenge') and its id: the item is added once per meeting and record. */
  sourceKind?: string | null;
  sourceId?: string | null;
  addedBy?: string | null;
  at: string;
}

/**
 * Adds an item at the end of the meeting's agenda. An item with a source already on this meeting's agenda is
 * left as it is (no error, no second item, even when two add it at once): false. True when it was added.
 */
export async function addAgendaItem(db: Executor, meetingId: string, item: NewAgendaItem): Promise<boolean> {
  const last = await db
    .selectFrom('board_meeting_agenda_items')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  const sourced = Boolean(item.sourceKind && item.sourceId);
  const result = await db
    .insertInto('board_meeting_agenda_items')
    .values({
      id: item.id,
      meeting_id: meetingId,
      position,
      title: item.title,
      note: item.note ?? null,
      source_kind: sourced ? (item.sourceKind ?? null) : null,
      source_id: sourced ? (item.sourceId ?? null) : null,
      added_by: item.addedBy ?? null,
      created_at: item.at,
    })
    .onConflict((oc) => oc.columns(['meeting_id', 'source_kind', 'source_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function agendaOf(db: Executor, meetingId: string): Promise<AgendaItemRow[]> {
  const rows = await db
    .selectFrom('board_meeting_agenda_items')
    .select(['id', 'position', 'title', 'note', 'source_kind', 'source_id'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, position: Number(r.position), title: r.title, note: r.note, sourceKind: r.source_kind, sourceId: r.source_id }));
}

/** How many items each meeting's agenda has. */
export async function agendaCounts(db: Executor, meetingIds: readonly string[]): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('board_meeting_agenda_items')
    .select(['meeting_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('meeting_id', 'in', [...meetingIds])
    .groupBy('meeting_id')
    .execute();
  return new Map(rows.map((r) => [r.meeting_id, Number(r.n)]));
}

export async function attendanceOf(db: Executor, meetingId: string): Promise<{ attendance: BoardAttendanceRow[]; guests: BoardGuestRow[] }> {
  const [attendance, guests] = await Promise.all([
    db
      .selectFrom('board_meeting_attendance as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['a.person_id', 'p.full_name', 'a.role', 'a.attendance'])
      .where('a.meeting_id', '=', meetingId)
      .orderBy('p.full_name')
      .orderBy('a.person_id')
      .execute(),
    db.selectFrom('board_meeting_guests').select(['full_name', 'organisation']).where('meeting_id', '=', meetingId).orderBy('position').execute(),
  ]);
  return {
    attendance: attendance.map((a) => ({ personId: a.person_id, name: a.full_name, role: a.role, attendance: a.attendance as BoardAttendance })),
    guests: guests.map((g) => ({ fullName: g.full_name, organisation: g.organisation })),
  };
}

/** Moves a meeting not cancelled to the next version (false when it changed, or was cancelled, first). */
export async function touchBoardMeeting(db: Executor, id: string, version: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('board_meetings')
    .set({ version: version + 1, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceBoardAttendance(
  db: Executor,
  meetingId: string,
  rows: readonly { personId: string; role: string; attendance: string }[],
  guests: readonly BoardGuestRow[],
  ids: () => string,
  at: string,
): Promise<void> {
  await db.deleteFrom('board_meeting_attendance').where('meeting_id', '=', meetingId).execute();
  await db.deleteFrom('board_meeting_guests').where('meeting_id', '=', meetingId).execute();
  if (rows.length > 0)
    await db
      .insertInto('board_meeting_attendance')
      .values(rows.map((r) => ({ meeting_id: meetingId, person_id: r.personId, role: r.role, attendance: r.attendance })))
      .execute();
  if (guests.length > 0)
    await db
      .insertInto('board_meeting_guests')
      .values(
        guests.map((g, position) => ({ id: ids(), meeting_id: meetingId, position, full_name: g.fullName, organisation: g.organisation, created_at: at })),
      )
      .execute();
}

/** Records the minutes of a meeting not cancelled, at `version`, and marks it held; false when someone changed it first. */
export async function minuteBoardMeeting(db: Executor, m: { id: string; version: number; minutes: string; by: string | null }, at: string): Promise<boolean> {
  const result = await db
    .updateTable('board_meetings')
    .set({ status: 'held', minutes: m.minutes, minutes_by: m.by, minutes_at: at, version: m.version + 1, updated_at: at })
    .where('id', '=', m.id)
    .where('version', '=', m.version)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels a scheduled meeting at `version`; false when someone changed it first. */
export async function cancelBoardMeeting(db: Executor, c: { id: string; version: number; reason: string; by: string | null }, at: string): Promise<boolean> {
  const result = await db
    .updateTable('board_meetings')
    .set({ status: 'cancelled', cancel_reason: c.reason, cancelled_by: c.by, cancelled_at: at, version: c.version + 1, updated_at: at })
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The board's active people in the given board roles, each with their roles there (the attendance form's list). */
export async function boardPeopleIn(db: Executor, boardId: string, roles: readonly string[]): Promise<{ personId: string; name: string; roles: string[] }[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('role_assignments as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['p.id as personId', 'p.full_name as name', 'r.role as role'])
    .where('r.board_id', '=', boardId)
    .where('r.ended_at', 'is', null)
    .where('p.deactivated_at', 'is', null)
    .where('r.role', 'in', [...roles])
    .orderBy('p.full_name')
    .orderBy('p.id')
    .execute();
  const byPerson = new Map<string, { personId: string; name: string; roles: string[] }>();
  for (const r of rows) {
    const entry = byPerson.get(r.personId) ?? { personId: r.personId, name: r.name, roles: [] };
    entry.roles.push(r.role);
    byPerson.set(r.personId, entry);
  }
  return [...byPerson.values()];
}
