// Management group meetings, criteria assessments, recommendations, decisions, reviews and board settings.
import type { FrameworkId, ReviewType } from '../../domain/frameworks/types.ts';
import { childPseudonym } from '../../domain/pseudonyms.ts';
import type { LearningRoute } from '../../domain/referrals/referral.ts';
import type { Executor } from '../transaction.ts';
import { nextCounterValue, reviewSequenceCounter } from './counters-repository.ts';

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

export interface AssessmentRecord {
  id: string;
  referralId: string;
  meetingId: string | null;
  frameworkId: FrameworkId;
  answers: Record<string, { answer: string; facts: string | null }>;
  outcome: string;
  reviewType: ReviewType | null;
  streams: unknown;
  /** The statutory framework on the day: when frameworkId differs, the group chose another framework the board runs. */
  statutoryFrameworkId: FrameworkId | null;
  assessedBy: string | null;
  assessedAt: string;
}

export async function insertAssessment(db: Executor, a: AssessmentRecord): Promise<void> {
  await db
    .insertInto('criteria_assessments')
    .values({
      id: a.id,
      referral_id: a.referralId,
      meeting_id: a.meetingId,
      framework_id: a.frameworkId,
      answers: JSON.stringify(a.answers),
      outcome: a.outcome,
      review_type: a.reviewType,
      streams: a.streams === undefined || a.streams === null ? null : JSON.stringify(a.streams),
      statutory_framework_id: a.statutoryFrameworkId,
      assessed_by: a.assessedBy,
      assessed_at: a.assessedAt,
    })
    .execute();
}

export async function latestAssessment(db: Executor, referralId: string): Promise<AssessmentRecord | undefined> {
  const row = await db
    .selectFrom('criteria_assessments')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('assessed_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    referralId: row.referral_id,
    meetingId: row.meeting_id,
    frameworkId: row.framework_id as FrameworkId,
    answers: JSON.parse(row.answers) as AssessmentRecord['answers'],
    outcome: row.outcome,
    reviewType: row.review_type as ReviewType | null,
    streams: row.streams ? JSON.parse(row.streams) : null,
    statutoryFrameworkId: row.statutory_framework_id as FrameworkId | null,
    assessedBy: row.assessed_by,
    assessedAt: row.assessed_at,
  };
}

export interface RecommendationRecord {
  id: string;
  referralId: string;
  assessmentId: string | null;
  route: LearningRoute;
  frameworkId: FrameworkId | null;
  reviewType: ReviewType | null;
  reasons: string;
  dissent: string | null;
  submittedBy: string;
  submittedAt: string;
}

export async function insertRecommendation(db: Executor, r: RecommendationRecord): Promise<void> {
  await db
    .insertInto('recommendations')
    .values({
      id: r.id,
      referral_id: r.referralId,
      assessment_id: r.assessmentId,
      route: r.route,
      framework_id: r.frameworkId,
      review_type: r.reviewType,
      reasons: r.reasons,
      dissent: r.dissent,
      submitted_by: r.submittedBy,
      submitted_at: r.submittedAt,
    })
    .execute();
}

export async function latestRecommendation(db: Executor, referralId: string): Promise<RecommendationRecord | undefined> {
  const row = await db
    .selectFrom('recommendations')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    referralId: row.referral_id,
    assessmentId: row.assessment_id,
    route: row.route as LearningRoute,
    frameworkId: row.framework_id as FrameworkId | null,
    reviewType: row.review_type as ReviewType | null,
    reasons: row.reasons,
    dissent: row.dissent,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
  };
}

export interface DecisionRecord {
  id: string;
  referralId: string;
  recommendationId: string;
  agreesWithRecommendation: boolean;
  route: LearningRoute;
  frameworkId: FrameworkId | null;
  reviewType: ReviewType | null;
  rationale: string;
  decidedOn: string;
  decidedBy: string;
  createdAt: string;
}

export async function insertDecision(db: Executor, d: DecisionRecord): Promise<void> {
  await db
    .insertInto('decisions')
    .values({
      id: d.id,
      referral_id: d.referralId,
      recommendation_id: d.recommendationId,
      agrees_with_recommendation: d.agreesWithRecommendation ? 1 : 0,
      route: d.route,
      framework_id: d.frameworkId,
      review_type: d.reviewType,
      rationale: d.rationale,
      decided_on: d.decidedOn,
      decided_by: d.decidedBy,
      created_at: d.createdAt,
    })
    .execute();
}

export async function findDecision(db: Executor, referralId: string): Promise<DecisionRecord | undefined> {
  const row = await db.selectFrom('decisions').selectAll().where('referral_id', '=', referralId).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    referralId: row.referral_id,
    recommendationId: row.recommendation_id,
    agreesWithRecommendation: Number(row.agrees_with_recommendation) === 1,
    route: row.route as LearningRoute,
    frameworkId: row.framework_id as FrameworkId | null,
    reviewType: row.review_type as ReviewType | null,
    rationale: row.rationale,
    decidedOn: row.decided_on,
    decidedBy: row.decided_by,
    createdAt: row.created_at,
  };
}

export interface ReviewRecord {
  id: string;
  boardId: string;
  referralId: string;
  reference: string;
  referenceYear: number;
  referenceSequence: number;
  frameworkId: FrameworkId;
  reviewType: ReviewType | null;
  stage: string;
  decidedOn: string;
  createdAt: string;
  updatedAt: string;
}

/** The board's next review sequence in the year (CODE/YEAR/NN), taken from its counter in the caller's transaction. */
export async function nextReviewSequence(db: Executor, boardId: string, year: number): Promise<number> {
  return nextCounterValue(db, boardId, reviewSequenceCounter(year));
}

export async function insertReview(db: Executor, r: ReviewRecord): Promise<void> {
  await db
    .insertInto('reviews')
    .values({
      id: r.id,
      board_id: r.boardId,
      referral_id: r.referralId,
      reference: r.reference,
      reference_year: r.referenceYear,
      reference_sequence: r.referenceSequence,
      framework_id: r.frameworkId,
      review_type: r.reviewType,
      stage: r.stage,
      decided_on: r.decidedOn,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    })
    .execute();
}

export async function findReviewByReferral(db: Executor, referralId: string): Promise<ReviewRecord | undefined> {
  const row = await db.selectFrom('reviews').selectAll().where('referral_id', '=', referralId).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    boardId: row.board_id,
    referralId: row.referral_id,
    reference: row.reference,
    referenceYear: Number(row.reference_year),
    referenceSequence: Number(row.reference_sequence),
    frameworkId: row.framework_id as FrameworkId,
    reviewType: row.review_type as ReviewType | null,
    stage: row.stage,
    decidedOn: row.decided_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface BoardSettingsRecord {
  boardId: string;
  holidayRegion: 'england' | 'wales';
  decisionWeeksFromIncident: number | null;
  decisionWeeksFromReferral: number | null;
  /** Frameworks the board runs besides the statutory one in force (DOMAIN.md §3.7); empty: only the statutory one. */
  frameworks: FrameworkId[];
}

export async function findBoardSettings(db: Executor, boardId: string): Promise<BoardSettingsRecord | undefined> {
  const row = await db.selectFrom('board_settings').selectAll().where('board_id', '=', boardId).executeTakeFirst();
  if (!row) return undefined;
  return {
    boardId,
    holidayRegion: row.holiday_region === 'GB-ENG' || row.holiday_region === 'england' ? 'england' : 'wales',
    decisionWeeksFromIncident: row.decision_weeks_from_incident === null ? null : Number(row.decision_weeks_from_incident),
    decisionWeeksFromReferral: row.decision_weeks_from_referral === null ? null : Number(row.decision_weeks_from_referral),
    frameworks: row.frameworks ? (row.frameworks.split(',').filter(Boolean) as FrameworkId[]) : [],
  };
}

export async function upsertBoardSettings(db: Executor, s: BoardSettingsRecord, at: string): Promise<void> {
  const values = {
    board_id: s.boardId,
    holiday_region: s.holidayRegion === 'england' ? 'GB-ENG' : 'GB-WLS',
    decision_weeks_from_incident: s.decisionWeeksFromIncident,
    decision_weeks_from_referral: s.decisionWeeksFromReferral,
    frameworks: s.frameworks.length > 0 ? s.frameworks.join(',') : null,
    updated_at: at,
  };
  await db
    .insertInto('board_settings')
    .values(values)
    .onConflict((oc) => oc.column('board_id').doUpdateSet(values))
    .execute();
}

export interface DashboardFilters {
  boardId: string;
  statuses: string[];
  incidentTypes?: string[] | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  sort: 'received_on' | 'incident_on' | 'aware_on';
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** The board's referrals for the dashboard: pseudonymous columns only (no restricted details). */
export async function listReferralsForDashboard(db: Executor, f: DashboardFilters) {
  let q = db.selectFrom('referrals').where('board_id', '=', f.boardId);
  if (f.statuses.length > 0) q = q.where('status', 'in', f.statuses);
  if (f.incidentTypes && f.incidentTypes.length > 0) q = q.where('incident_type', 'in', f.incidentTypes);
  if (f.receivedFrom) q = q.where('received_on', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('received_on', '<=', f.receivedTo);
  const [rows, count] = await Promise.all([
    q
      .select([
        'id',
        'child_number',
        'status',
        'received_on',
        'incident_on',
        'incident_type',
        'abuse_or_neglect',
        'referring_agency_id',
        'aware_on',
        'national_panel_notified_on',
      ])
      .orderBy(f.sort, f.direction)
      .orderBy('id', f.direction)
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      id: r.id,
      pseudonym: childPseudonym(Number(r.child_number)),
      status: r.status,
      receivedOn: r.received_on,
      incidentOn: r.incident_on,
      incidentType: r.incident_type,
      abuseOrNeglect: r.abuse_or_neglect,
      referringAgencyId: r.referring_agency_id,
      awareOn: r.aware_on,
      nationalPanelNotifiedOn: r.national_panel_notified_on,
    })),
  };
}

/** The roles a person holds in effect on a board (none when deactivated). */
export async function activeRolesOnBoard(db: Executor, personId: string, boardId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('people', 'people.id', 'role_assignments.person_id')
    .select('role_assignments.role')
    .where('role_assignments.person_id', '=', personId)
    .where('role_assignments.board_id', '=', boardId)
    .where('role_assignments.ended_at', 'is', null)
    .where('people.deactivated_at', 'is', null)
    .execute();
  return rows.map((r) => r.role);
}
