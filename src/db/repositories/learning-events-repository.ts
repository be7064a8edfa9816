// The practitioners' learning event of a review (issue 10 item 7): its events, facilitators, invitations
// (the practitioner's name and email as stored: sealed, opened by the service), notes and learning points.
// Every change of an event or an invitation is conditional on the version the caller saw.
import type { Executor } from '../transaction.ts';

export interface LearningEventRow {
  id: string;
  reviewId: string;
  boardId: string;
  status: string;
  heldOn: string;
  startsAt: string | null;
  mode: string;
  venue: string;
  cancelledReason: string | null;
  notes: string | null;
  notesBy: string | null;
  notesByName: string | null;
  notesAt: string | null;
  version: number;
  createdAt: string;
}

export interface FacilitatorRow {
  eventId: string;
  personId: string;
  name: string;
}

export interface InvitationRow {
  id: string;
  eventId: string;
  reviewId: string;
  agencyId: string;
  practitionerRole: string;
  practitionerNumber: number;
  /** Sealed. */
  fullName: string;
  /** Sealed. */
  email: string;
  language: string;
  status: string;
  version: number;
  invitedAt: string;
  updatedAt: string;
}

export interface LearningPointRow {
  id: string;
  reviewId: string;
  eventId: string;
  theme: string;
  text: string;
  agencyIds: string[];
  recordedBy: string | null;
  createdAt: string;
}

export async function insertLearningEvent(
  db: Executor,
  e: {
    id: string;
    reviewId: string;
    boardId: string;
    status: string;
    heldOn: string;
    startsAt: string | null;
    mode: string;
    venue: string;
    createdBy: string | null;
  },
  at: string,
): Promise<void> {
  await db
    .insertInto('learning_events')
    .values({
      id: e.id,
      review_id: e.reviewId,
      board_id: e.boardId,
      status: e.status,
      held_on: e.heldOn,
      starts_at: e.startsAt,
      mode: e.mode,
      venue: e.venue,
      cancelled_reason: null,
      notes: null,
      notes_by: null,
      notes_at: null,
      version: 1,
      created_by: e.createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** Changes a planned event's date, time and place; false when it moved on or someone saved first. */
export async function updateLearningEvent(
  db: Executor,
  e: { id: string; version: number; heldOn: string; startsAt: string | null; mode: string; venue: string },
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('learning_events')
    .set({ held_on: e.heldOn, starts_at: e.startsAt, mode: e.mode, venue: e.venue, version: e.version + 1, updated_at: at })
    .where('id', '=', e.id)
    .where('version', '=', e.version)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setCancelledReason(db: Executor, id: string, reason: string): Promise<void> {
  await db.updateTable('learning_events').set({ cancelled_reason: reason }).where('id', '=', id).execute();
}

/** Saves the facilitators' notes; false when someone saved first (the version moved). */
export async function updateLearningEventNotes(
  db: Executor,
  n: { id: string; version: number; notes: string | null; by: string | null },
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('learning_events')
    .set({ notes: n.notes, notes_by: n.by, notes_at: at, version: n.version + 1, updated_at: at })
    .where('id', '=', n.id)
    .where('version', '=', n.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const EVENT_COLUMNS = [
  'learning_events.id',
  'learning_events.review_id',
  'learning_events.board_id',
  'learning_events.status',
  'learning_events.held_on',
  'learning_events.starts_at',
  'learning_events.mode',
  'learning_events.venue',
  'learning_events.cancelled_reason',
  'learning_events.notes',
  'learning_events.notes_by',
  'learning_events.notes_at',
  'learning_events.version',
  'learning_events.created_at',
  'people.full_name as notes_by_name',
] as const;

/** The review's learning events, by date (the latest planned one is usually the only one). */
export async function learningEventsOf(db: Executor, reviewId: string, eventId?: string): Promise<LearningEventRow[]> {
  let query = db
    .selectFrom('learning_events')
    .leftJoin('people', 'people.id', 'learning_events.notes_by')
    .select(EVENT_COLUMNS)
    .where('learning_events.review_id', '=', reviewId);
  if (eventId) query = query.where('learning_events.id', '=', eventId);
  const rows = await query.orderBy('learning_events.held_on').orderBy('learning_events.id').execute();
  return rows.map((r) => ({
    id: r.id,
    reviewId: r.review_id,
    boardId: r.board_id,
    status: r.status,
    heldOn: r.held_on,
    startsAt: r.starts_at,
    mode: r.mode,
    venue: r.venue,
    cancelledReason: r.cancelled_reason,
    notes: r.notes,
    notesBy: r.notes_by,
    notesByName: r.notes_by_name ?? null,
    notesAt: r.notes_at,
    version: Number(r.version),
    createdAt: r.created_at,
  }));
}

export async function findLearningEvent(db: Executor, reviewId: string, eventId: string): Promise<LearningEventRow | undefined> {
  return (await learningEventsOf(db, reviewId, eventId))[0];
}

export async function replaceFacilitators(db: Executor, eventId: string, personIds: readonly string[]): Promise<void> {
  await db.deleteFrom('learning_event_facilitators').where('event_id', '=', eventId).execute();
  if (personIds.length > 0)
    await db
      .insertInto('learning_event_facilitators')
      .values(personIds.map((person_id) => ({ event_id: eventId, person_id })))
      .execute();
}

export async function facilitatorsOf(db: Executor, eventIds: readonly string[]): Promise<FacilitatorRow[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .selectFrom('learning_event_facilitators')
    .innerJoin('people', 'people.id', 'learning_event_facilitators.person_id')
    .select(['learning_event_facilitators.event_id', 'learning_event_facilitators.person_id', 'people.full_name'])
    .where('learning_event_facilitators.event_id', 'in', eventIds)
    .orderBy('people.full_name')
    .execute();
  return rows.map((r) => ({ eventId: r.event_id, personId: r.person_id, name: r.full_name }));
}

export async function insertInvitation(
  db: Executor,
  i: Omit<InvitationRow, 'version' | 'invitedAt' | 'updatedAt'> & { invitedBy: string | null },
  at: string,
): Promise<void> {
  await db
    .insertInto('learning_event_invitations')
    .values({
      id: i.id,
      event_id: i.eventId,
      review_id: i.reviewId,
      agency_id: i.agencyId,
      practitioner_role: i.practitionerRole,
      practitioner_number: i.practitionerNumber,
      full_name: i.fullName,
      email: i.email,
      language: i.language,
      status: i.status,
      version: 1,
      invited_by: i.invitedBy,
      invited_at: at,
      updated_at: at,
    })
    .execute();
}

/** Moves an invitation to a status; false when someone changed it first. */
export async function updateInvitationStatus(db: Executor, i: { id: string; version: number; status: string }, at: string): Promise<boolean> {
  const result = await db
    .updateTable('learning_event_invitations')
    .set({ status: i.status, version: i.version + 1, updated_at: at })
    .where('id', '=', i.id)
    .where('version', '=', i.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The review's invitations (optionally one event's, or one invitation), by role and number. */
export async function invitationsOf(db: Executor, reviewId: string, only: { eventId?: string; id?: string } = {}): Promise<InvitationRow[]> {
  let query = db.selectFrom('learning_event_invitations').selectAll().where('review_id', '=', reviewId);
  if (only.eventId) query = query.where('event_id', '=', only.eventId);
  if (only.id) query = query.where('id', '=', only.id);
  const rows = await query.orderBy('practitioner_role').orderBy('practitioner_number').execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    reviewId: r.review_id,
    agencyId: r.agency_id,
    practitionerRole: r.practitioner_role,
    practitionerNumber: Number(r.practitioner_number),
    fullName: r.full_name,
    email: r.email,
    language: r.language,
    status: r.status,
    version: Number(r.version),
    invitedAt: r.invited_at,
    updatedAt: r.updated_at,
  }));
}

export async function insertLearningPoint(
  db: Executor,
  p: { id: string; reviewId: string; eventId: string; theme: string; text: string; agencyIds: readonly string[]; recordedBy: string | null },
  at: string,
): Promise<void> {
  await db
    .insertInto('learning_points')
    .values({ id: p.id, review_id: p.reviewId, event_id: p.eventId, theme: p.theme, text: p.text, recorded_by: p.recordedBy, created_at: at, updated_at: at })
    .execute();
  if (p.agencyIds.length > 0)
    await db
      .insertInto('learning_point_agencies')
      .values(p.agencyIds.map((agency_id) => ({ point_id: p.id, agency_id })))
      .execute();
}

/** The review's learning points, in the order recorded, each with the agencies it concerns. */
export async function learningPointsOf(db: Executor, reviewId: string): Promise<LearningPointRow[]> {
  const rows = await db
    .selectFrom('learning_points')
    .select(['id', 'review_id', 'event_id', 'theme', 'text', 'recorded_by', 'created_at'])
    .where('review_id', '=', reviewId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('learning_point_agencies')
    .select(['point_id', 'agency_id'])
    .where(
      'point_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('agency_id')
    .execute();
  const byPoint = new Map<string, string[]>();
  for (const l of links) byPoint.set(l.point_id, [...(byPoint.get(l.point_id) ?? []), l.agency_id]);
  return rows.map((r) => ({
    id: r.id,
    reviewId: r.review_id,
    eventId: r.event_id,
    theme: r.theme,
    text: r.text,
    agencyIds: byPoint.get(r.id) ?? [],
    recordedBy: r.recorded_by,
    createdAt: r.created_at,
  }));
}

/** Whether the review has a learning event recorded as held (the gate of its LEARNING_EVENT_HELD stage). */
export async function hasHeldLearningEvent(db: Executor, reviewId: string): Promise<boolean> {
  const row = await db.selectFrom('learning_events').select('id').where('review_id', '=', reviewId).where('status', '=', 'held').executeTakeFirst();
  return row !== undefined;
}
