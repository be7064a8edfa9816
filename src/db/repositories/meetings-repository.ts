// Management group meetings: their agendas, attendance and guests, and the people who make up the group.
import { childPseudonym } from '../../domain/pseudonyms.ts';
import type { Executor } from '../transaction.ts';

export interface MeetingRecord {
  id: string;
  boardId: string;
  meetsOn: string;
  location: string | null;
  createdBy: string | null;
  createdAt: string;
}

export async function insertMeeting(db: Executor, m: MeetingRecord, referralIds: string[]): Promise<void> {
  await db
    .insertInto('management_group_meetings')
    .values({ id: m.id, board_id: m.boardId, meets_on: m.meetsOn, location: m.location, created_by: m.createdBy, created_at: m.createdAt })
    .execute();
  if (referralIds.length > 0) {
    await db
      .insertInto('management_group_agenda')
      .values(referralIds.map((referral_id) => ({ meeting_id: m.id, referral_id })))
      .execute();
  }
}

/** A guest at a meeting: someone outside the management group, by name and role or organisation. */
export interface MeetingGuest {
  fullName: string;
  role: string;
}

export async function findMeeting(db: Executor, id: string) {
  const row = await db.selectFrom('management_group_meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [agenda, attendance, guests] = await Promise.all([
    db.selectFrom('management_group_agenda').select('referral_id').where('meeting_id', '=', id).execute(),
    db.selectFrom('management_group_attendance').select(['person_id', 'attended']).where('meeting_id', '=', id).execute(),
    db.selectFrom('meeting_guests').select(['full_name', 'role']).where('meeting_id', '=', id).orderBy('position').execute(),
  ]);
  return {
    id: row.id,
    boardId: row.board_id,
    meetsOn: row.meets_on,
    location: row.location,
    referralIds: agenda.map((a) => a.referral_id),
    attendance: attendance.map((a) => ({ personId: a.person_id, attended: Number(a.attended) === 1 })),
    guests: guests.map((g): MeetingGuest => ({ fullName: g.full_name, role: g.role })),
  };
}

export async function listMeetings(db: Executor, boardId: string, limit = 50) {
  const rows = await db.selectFrom('management_group_meetings').selectAll().where('board_id', '=', boardId).orderBy('meets_on', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, boardId: r.board_id, meetsOn: r.meets_on, location: r.location }));
}

/** Replaces a meeting's attendance and its guests. */
export async function setAttendance(
  db: Executor,
  meetingId: string,
  attendance: { personId: string; attended: boolean }[],
  guests: (MeetingGuest & { id: string })[],
  at: string,
): Promise<void> {
  await db.deleteFrom('management_group_attendance').where('meeting_id', '=', meetingId).execute();
  await db.deleteFrom('meeting_guests').where('meeting_id', '=', meetingId).execute();
  if (attendance.length > 0) {
    await db
      .insertInto('management_group_attendance')
      .values(attendance.map((a) => ({ meeting_id: meetingId, person_id: a.personId, attended: a.attended ? 1 : 0 })))
      .execute();
  }
  if (guests.length > 0) {
    await db
      .insertInto('meeting_guests')
      .values(guests.map((g, position) => ({ id: g.id, meeting_id: meetingId, position, full_name: g.fullName, role: g.role, created_at: at })))
      .execute();
  }
}

/** The roles that make up a board's management group for attendance: its chair and members, and the board chair. */
const MANAGEMENT_GROUP_ROLES = ['management_group_chair', 'management_group_member', 'board_chair'] as const;

/** The active people holding a management group role on the board, by name, with their roles there. */
export async function listManagementGroup(db: Executor, boardId: string): Promise<{ personId: string; fullName: string; roles: string[] }[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('people', 'people.id', 'role_assignments.person_id')
    .select(['people.id as personId', 'people.full_name as fullName', 'role_assignments.role as role'])
    .where('role_assignments.board_id', '=', boardId)
    .where('role_assignments.ended_at', 'is', null)
    .where('people.deactivated_at', 'is', null)
    .where('role_assignments.role', 'in', [...MANAGEMENT_GROUP_ROLES])
    .orderBy('people.full_name')
    .orderBy('people.id')
    .execute();
  const byPerson = new Map<string, { personId: string; fullName: string; roles: string[] }>();
  for (const r of rows) {
    const entry = byPerson.get(r.personId) ?? { personId: r.personId, fullName: r.fullName, roles: [] };
    entry.roles.push(r.role);
    byPerson.set(r.personId, entry);
  }
  return [...byPerson.values()];
}

export async function addToAgenda(db: Executor, meetingId: string, referralId: string): Promise<void> {
  await db
    .insertInto('management_group_agenda')
    .values({ meeting_id: meetingId, referral_id: referralId })
    .onConflict((oc) => oc.columns(['meeting_id', 'referral_id']).doNothing())
    .execute();
}

/**
 * Referrals of the board in the given statuses that are not on the meeting's agenda, oldest received first
 * (pseudonymous columns only). Through the (board_id, status, received_on) index; the agenda by its key.
 */
export async function listAgendaCandidates(db: Executor, f: { boardId: string; meetingId: string; statuses: readonly string[]; limit: number }) {
  if (f.statuses.length === 0) return [];
  const rows = await db
    .selectFrom('referrals')
    .select(['id', 'child_number', 'status', 'received_on'])
    .where('board_id', '=', f.boardId)
    .where('status', 'in', [...f.statuses])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('management_group_agenda')
            .select('management_group_agenda.referral_id')
            .where('management_group_agenda.meeting_id', '=', f.meetingId)
            .whereRef('management_group_agenda.referral_id', '=', 'referrals.id'),
        ),
      ),
    )
    .orderBy('received_on', 'asc')
    .orderBy('id', 'asc')
    .limit(f.limit)
    .execute();
  return rows.map((r) => ({ id: r.id, pseudonym: childPseudonym(Number(r.child_number)), status: r.status, receivedOn: r.received_on }));
}
