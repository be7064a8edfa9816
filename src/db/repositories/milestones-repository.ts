// Milestones and panel meetings of a review (issue 10 item 5): the plan's rows, each date's history, the
// overdue milestones the reviews list counts, and panel meetings with attendance, guests and decisions.
// A change to a milestone or a meeting updates the version the caller read: no row changed means someone
// else saved first (the service answers with a conflict).
import type { Executor } from '../transaction.ts';

export interface MilestoneRow {
  id: string;
  reviewId: string;
  boardId: string;
  position: number;
  key: string;
  kind: string;
  originalOn: string;
  plannedOn: string;
  actualOn: string | null;
  version: number;
}

export interface MilestoneRevisionRow {
  id: string;
  milestoneId: string;
  field: 'planned' | 'actual';
  fromOn: string | null;
  toOn: string | null;
  reason: string | null;
  actorId: string | null;
  actorName: string | null;
  createdAt: string;
}

const MILESTONE_COLUMNS = ['id', 'review_id', 'board_id', 'position', 'milestone_key', 'kind', 'original_on', 'planned_on', 'actual_on', 'version'] as const;

function milestoneRow(r: {
  id: string;
  review_id: string;
  board_id: string;
  position: number;
  milestone_key: string;
  kind: string;
  original_on: string;
  planned_on: string;
  actual_on: string | null;
  version: number;
}): MilestoneRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    boardId: r.board_id,
    position: Number(r.position),
    key: r.milestone_key,
    kind: r.kind,
    originalOn: r.original_on,
    plannedOn: r.planned_on,
    actualOn: r.actual_on,
    version: Number(r.version),
  };
}

export async function milestonesOf(db: Executor, reviewId: string): Promise<MilestoneRow[]> {
  const rows = await db.selectFrom('review_milestones').select(MILESTONE_COLUMNS).where('review_id', '=', reviewId).orderBy('position').execute();
  return rows.map(milestoneRow);
}

export async function findMilestone(db: Executor, reviewId: string, id: string): Promise<MilestoneRow | undefined> {
  const row = await db.selectFrom('review_milestones').select(MILESTONE_COLUMNS).where('review_id', '=', reviewId).where('id', '=', id).executeTakeFirst();
  return row ? milestoneRow(row) : undefined;
}

export interface NewMilestone {
  id: string;
  reviewId: string;
  boardId: string;
  position: number;
  key: string;
  kind: string;
  plannedOn: string;
  actualOn?: string | null;
}

/** The plan's rows (the original date is the planned one). A plan made twice clashes on (review, key). */
export async function insertMilestones(db: Executor, rows: readonly NewMilestone[], at: string): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('review_milestones')
    .values(
      rows.map((m) => ({
        id: m.id,
        review_id: m.reviewId,
        board_id: m.boardId,
        position: m.position,
        milestone_key: m.key,
        kind: m.kind,
        original_on: m.plannedOn,
        planned_on: m.plannedOn,
        actual_on: m.actualOn ?? null,
        version: 1,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

/** Sets the milestone's dates if it is still at `version`; false when someone changed it first. */
export async function updateMilestoneDates(
  db: Executor,
  m: { id: string; version: number; plannedOn: string; actualOn: string | null },
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('review_milestones')
    .set({ planned_on: m.plannedOn, actual_on: m.actualOn, version: m.version + 1, updated_at: at })
    .where('id', '=', m.id)
    .where('version', '=', m.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertMilestoneRevision(
  db: Executor,
  r: {
    id: string;
    milestoneId: string;
    reviewId: string;
    field: 'planned' | 'actual';
    fromOn: string | null;
    toOn: string | null;
    reason: string | null;
    actorId: string | null;
  },
  at: string,
): Promise<void> {
  await db
    .insertInto('review_milestone_revisions')
    .values({
      id: r.id,
      milestone_id: r.milestoneId,
      review_id: r.reviewId,
      field: r.field,
      from_on: r.fromOn,
      to_on: r.toOn,
      reason: r.reason,
      actor_id: r.actorId,
      created_at: at,
    })
    .execute();
}

/** Every change of the review's milestones' dates, oldest first, by milestone. */
export async function milestoneRevisionsOf(db: Executor, reviewId: string): Promise<Map<string, MilestoneRevisionRow[]>> {
  const rows = await db
    .selectFrom('review_milestone_revisions as r')
    .leftJoin('people as p', 'p.id', 'r.actor_id')
    .select(['r.id', 'r.milestone_id', 'r.field', 'r.from_on', 'r.to_on', 'r.reason', 'r.actor_id', 'p.full_name', 'r.created_at'])
    .where('r.review_id', '=', reviewId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  const byMilestone = new Map<string, MilestoneRevisionRow[]>();
  for (const r of rows) {
    const list = byMilestone.get(r.milestone_id) ?? [];
    list.push({
      id: r.id,
      milestoneId: r.milestone_id,
      field: r.field === 'actual' ? 'actual' : 'planned',
      fromOn: r.from_on,
      toOn: r.to_on,
      reason: r.reason,
      actorId: r.actor_id,
      actorName: r.full_name ?? null,
      createdAt: r.created_at,
    });
    byMilestone.set(r.milestone_id, list);
  }
  return byMilestone;
}

/**
 * How many milestones of each review given are overdue on `today` (not met, planned before today): the
 * reviews list's overdue items. Reviews without any are left out.
 */
export async function overdueMilestoneCounts(db: Executor, boardId: string, reviewIds: readonly string[], today: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < reviewIds.length; i += 500) {
    const rows = await db
      .selectFrom('review_milestones')
      .select((eb) => ['review_id', eb.fn.countAll().as('n')])
      .where('board_id', '=', boardId)
      .where('review_id', 'in', reviewIds.slice(i, i + 500))
      .where('actual_on', 'is', null)
      .where('planned_on', '<', today)
      .groupBy('review_id')
      .execute();
    for (const r of rows) counts.set(r.review_id, Number(r.n));
  }
  return counts;
}

// ---- Panel meetings ------------------------------------------------------------------------------------

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
