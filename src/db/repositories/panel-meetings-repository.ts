// A review's panel meetings (issue 10 item 5): scheduled, changed, held or cancelled, with attendance, guests,
// minutes and decisions. A change updates the version the caller read: no row changed means someone else saved
// first (the service answers with a conflict). The milestones they meet are in milestones-repository.ts.
import type { Executor } from '../transaction.ts';

export const MEETING_MODES = ['in_person', 'online', 'hybrid'] as const;
export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export const ATTENDANCE = ['present', 'apologies', 'absent'] as const;

export interface PanelMeetingRow {
  id: string;
  reviewId: string;
  boardId: string;
  milestoneId: string | null;
  meetsOn: string;
  startsAt: string | null;
  mode: (typeof MEETING_MODES)[number];
  location: string;
  agenda: string[];
  status: (typeof MEETING_STATUSES)[number];
  minutes: string | null;
  version: number;
  /** Set when the meeting was cancelled: why, when and by whom (their name, when they are still known). */
  cancellation: { reason: string; at: string; byId: string | null; byName: string | null } | null;
}

export interface PanelAttendanceRow {
  personId: string;
  name: string;
  role: string;
  attendance: (typeof ATTENDANCE)[number];
}

export interface PanelGuestRow {
  fullName: string;
  role: string;
}

export interface PanelDecisionRow {
  decision: string;
  owner: string;
  dueOn: string | null;
}

const MEETING_COLUMNS = [
  'id',
  'review_id',
  'board_id',
  'milestone_id',
  'meets_on',
  'starts_at',
  'mode',
  'location',
  'agenda',
  'status',
  'minutes',
  'version',
  'cancel_reason',
  'cancelled_at',
  'cancelled_by',
] as const;

function meetingRow(r: {
  id: string;
  review_id: string;
  board_id: string;
  milestone_id: string | null;
  meets_on: string;
  starts_at: string | null;
  mode: string;
  location: string;
  agenda: string;
  status: string;
  minutes: string | null;
  version: number;
  cancel_reason: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancelled_by_name?: string | null;
}): PanelMeetingRow {
  let agenda: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.agenda);
    if (Array.isArray(parsed)) agenda = parsed.filter((x): x is string => typeof x === 'string');
  } catch {
    agenda = [];
  }
  return {
    id: r.id,
    reviewId: r.review_id,
    boardId: r.board_id,
    milestoneId: r.milestone_id,
    meetsOn: r.meets_on,
    startsAt: r.starts_at,
    mode: r.mode as PanelMeetingRow['mode'],
    location: r.location,
    agenda,
    status: r.status as PanelMeetingRow['status'],
    minutes: r.minutes,
    version: Number(r.version),
    cancellation:
      r.status === 'cancelled' && r.cancel_reason !== null && r.cancelled_at !== null
        ? { reason: r.cancel_reason, at: r.cancelled_at, byId: r.cancelled_by, byName: r.cancelled_by_name ?? null }
        : null,
  };
}

export async function panelMeetingsOf(db: Executor, reviewId: string): Promise<PanelMeetingRow[]> {
  const rows = await db
    .selectFrom('panel_meetings')
    .select(MEETING_COLUMNS)
    .where('review_id', '=', reviewId)
    .orderBy('meets_on')
    .orderBy('created_at')
    .execute();
  return rows.map(meetingRow);
}

export async function findPanelMeeting(db: Executor, reviewId: string, id: string): Promise<PanelMeetingRow | undefined> {
  const row = await db
    .selectFrom('panel_meetings as m')
    .leftJoin('people as p', 'p.id', 'm.cancelled_by')
    .select(MEETING_COLUMNS.map((c) => `m.${c}` as const))
    .select('p.full_name as cancelled_by_name')
    .where('m.review_id', '=', reviewId)
    .where('m.id', '=', id)
    .executeTakeFirst();
  return row ? meetingRow(row) : undefined;
}

/** Cancels a scheduled meeting if it is still at `version`; false when someone changed it first. */
export async function cancelPanelMeeting(db: Executor, c: { id: string; version: number; reason: string; by: string | null }, at: string): Promise<boolean> {
  const result = await db
    .updateTable('panel_meetings')
    .set({ status: 'cancelled', cancel_reason: c.reason, cancelled_by: c.by, cancelled_at: at, version: c.version + 1, updated_at: at })
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface PanelMeetingValues {
  milestoneId: string | null;
  meetsOn: string;
  startsAt: string | null;
  mode: string;
  location: string;
  agenda: readonly string[];
}

export async function insertPanelMeeting(
  db: Executor,
  m: PanelMeetingValues & { id: string; reviewId: string; boardId: string; createdBy: string | null },
  at: string,
): Promise<void> {
  await db
    .insertInto('panel_meetings')
    .values({
      id: m.id,
      review_id: m.reviewId,
      board_id: m.boardId,
      milestone_id: m.milestoneId,
      meets_on: m.meetsOn,
      starts_at: m.startsAt,
      mode: m.mode,
      location: m.location,
      agenda: JSON.stringify(m.agenda),
      status: 'scheduled',
      minutes: null,
      version: 1,
      created_by: m.createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** Changes a meeting if it is still at `version`; false when someone changed it first. */
export async function updatePanelMeeting(
  db: Executor,
  id: string,
  version: number,
  set: Partial<PanelMeetingValues> & { status?: string; minutes?: string | null },
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('panel_meetings')
    .set({
      ...(set.milestoneId !== undefined ? { milestone_id: set.milestoneId } : {}),
      ...(set.meetsOn !== undefined ? { meets_on: set.meetsOn } : {}),
      ...(set.startsAt !== undefined ? { starts_at: set.startsAt } : {}),
      ...(set.mode !== undefined ? { mode: set.mode } : {}),
      ...(set.location !== undefined ? { location: set.location } : {}),
      ...(set.agenda !== undefined ? { agenda: JSON.stringify(set.agenda) } : {}),
      ...(set.status !== undefined ? { status: set.status } : {}),
      ...(set.minutes !== undefined ? { minutes: set.minutes } : {}),
      version: version + 1,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceAttendance(
  db: Executor,
  meetingId: string,
  rows: readonly { personId: string; role: string; attendance: string }[],
): Promise<void> {
  await db.deleteFrom('panel_meeting_attendance').where('meeting_id', '=', meetingId).execute();
  if (rows.length > 0)
    await db
      .insertInto('panel_meeting_attendance')
      .values(rows.map((r) => ({ meeting_id: meetingId, person_id: r.personId, role: r.role, attendance: r.attendance })))
      .execute();
}

export async function replaceGuests(db: Executor, meetingId: string, rows: readonly PanelGuestRow[], ids: () => string, at: string): Promise<void> {
  await db.deleteFrom('panel_meeting_guests').where('meeting_id', '=', meetingId).execute();
  if (rows.length > 0)
    await db
      .insertInto('panel_meeting_guests')
      .values(rows.map((g, position) => ({ id: ids(), meeting_id: meetingId, position, full_name: g.fullName, role: g.role, created_at: at })))
      .execute();
}

export async function replaceDecisions(db: Executor, meetingId: string, rows: readonly PanelDecisionRow[], ids: () => string, at: string): Promise<void> {
  await db.deleteFrom('panel_meeting_decisions').where('meeting_id', '=', meetingId).execute();
  if (rows.length > 0)
    await db
      .insertInto('panel_meeting_decisions')
      .values(
        rows.map((d, position) => ({ id: ids(), meeting_id: meetingId, position, decision: d.decision, owner: d.owner, due_on: d.dueOn, created_at: at })),
      )
      .execute();
}

export async function meetingDetails(
  db: Executor,
  meetingId: string,
): Promise<{ attendance: PanelAttendanceRow[]; guests: PanelGuestRow[]; decisions: PanelDecisionRow[] }> {
  const [attendance, guests, decisions] = await Promise.all([
    db
      .selectFrom('panel_meeting_attendance as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['a.person_id', 'p.full_name', 'a.role', 'a.attendance'])
      .where('a.meeting_id', '=', meetingId)
      .orderBy('a.role')
      .orderBy('p.full_name')
      .execute(),
    db.selectFrom('panel_meeting_guests').select(['full_name', 'role']).where('meeting_id', '=', meetingId).orderBy('position').execute(),
    db.selectFrom('panel_meeting_decisions').select(['decision', 'owner', 'due_on']).where('meeting_id', '=', meetingId).orderBy('position').execute(),
  ]);
  return {
    attendance: attendance.map((a) => ({
      personId: a.person_id,
      name: a.full_name,
      role: a.role,
      attendance: a.attendance as PanelAttendanceRow['attendance'],
    })),
    guests: guests.map((g) => ({ fullName: g.full_name, role: g.role })),
    decisions: decisions.map((d) => ({ decision: d.decision, owner: d.owner, dueOn: d.due_on })),
  };
}
