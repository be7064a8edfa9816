// Contacts with the family of a review and the reviewers' meetings with them (issue 10 item 6): what each
// contact was about and who made it, who attended each meeting (the review's people by name, the family by
// person id), when the family was last told of a topic, and the review's independent people who may make
// contacts. Beside family-repository.ts (the review's people under their pseudonyms).
import type { ContactTopic } from '../../domain/reviews/family.ts';
import type { Executor } from '../transaction.ts';

export interface FamilyContactRow {
  id: string;
  personId: string;
  contactedOn: string;
  method: string;
  madeBy: string;
  madeByName: string;
  topics: ContactTopic[];
  notes: string | null;
  createdAt: string;
}

export async function insertFamilyContact(
  db: Executor,
  c: {
    id: string;
    reviewId: string;
    personId: string;
    contactedOn: string;
    method: string;
    madeBy: string;
    topics: readonly string[];
    notes: string | null;
    createdBy: string | null;
  },
  at: string,
): Promise<void> {
  await db
    .insertInto('family_contacts')
    .values({
      id: c.id,
      review_id: c.reviewId,
      person_id: c.personId,
      contacted_on: c.contactedOn,
      method: c.method,
      made_by: c.madeBy,
      notes: c.notes,
      created_by: c.createdBy,
      created_at: at,
    })
    .execute();
  if (c.topics.length > 0)
    await db
      .insertInto('family_contact_topics')
      .values(c.topics.map((topic) => ({ contact_id: c.id, review_id: c.reviewId, topic })))
      .execute();
}

/** The review's contacts with the family, latest first, with what each was about and who made it. */
export async function familyContacts(db: Executor, reviewId: string): Promise<FamilyContactRow[]> {
  const rows = await db
    .selectFrom('family_contacts as c')
    .innerJoin('people', 'people.id', 'c.made_by')
    .select(['c.id', 'c.person_id', 'c.contacted_on', 'c.method', 'c.made_by', 'people.full_name', 'c.notes', 'c.created_at'])
    .where('c.review_id', '=', reviewId)
    .orderBy('c.contacted_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .execute();
  const topics = await db.selectFrom('family_contact_topics').select(['contact_id', 'topic']).where('review_id', '=', reviewId).execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    contactedOn: r.contacted_on,
    method: r.method,
    madeBy: r.made_by,
    madeByName: r.full_name,
    topics: topics.filter((t) => t.contact_id === r.id).map((t) => t.topic as ContactTopic),
    notes: r.notes,
    createdAt: r.created_at,
  }));
}

/** The last day any of the review's family was told of the topic (R8: "the family has been told", for publication), or null. */
export async function familyToldOn(db: Executor, reviewId: string, topic: ContactTopic): Promise<string | null> {
  const row = await db
    .selectFrom('family_contact_topics as t')
    .innerJoin('family_contacts as c', 'c.id', 't.contact_id')
    .select((eb) => eb.fn.max('c.contacted_on').as('last'))
    .where('t.review_id', '=', reviewId)
    .where('t.topic', '=', topic)
    .executeTakeFirst();
  return row?.last ? String(row.last) : null;
}

export interface FamilyMeetingRow {
  id: string;
  metOn: string;
  place: string;
  summary: string;
  followUp: string | null;
  staff: { personId: string; fullName: string }[];
  family: string[];
  createdAt: string;
}

export async function insertFamilyMeeting(
  db: Executor,
  m: {
    id: string;
    reviewId: string;
    metOn: string;
    place: string;
    summary: string;
    followUp: string | null;
    staffIds: readonly string[];
    familyIds: readonly string[];
    createdBy: string | null;
  },
  at: string,
): Promise<void> {
  await db
    .insertInto('family_meetings')
    .values({
      id: m.id,
      review_id: m.reviewId,
      met_on: m.metOn,
      place: m.place,
      summary: m.summary,
      follow_up: m.followUp,
      created_by: m.createdBy,
      created_at: at,
    })
    .execute();
  const attendees = [
    ...m.staffIds.map((id) => ({ meeting_id: m.id, attendee_type: 'staff', attendee_id: id })),
    ...m.familyIds.map((id) => ({ meeting_id: m.id, attendee_type: 'family', attendee_id: id })),
  ];
  if (attendees.length > 0) await db.insertInto('family_meeting_attendees').values(attendees).execute();
}

/** The reviewers' meetings with the family, latest first, with who attended (the review's people by name, the family by person id). */
export async function familyMeetings(db: Executor, reviewId: string): Promise<FamilyMeetingRow[]> {
  const rows = await db
    .selectFrom('family_meetings')
    .selectAll()
    .where('review_id', '=', reviewId)
    .orderBy('met_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  if (rows.length === 0) return [];
  const attendees = await db
    .selectFrom('family_meeting_attendees as a')
    .leftJoin('people', (j) => j.onRef('people.id', '=', 'a.attendee_id').on('a.attendee_type', '=', 'staff'))
    .select(['a.meeting_id', 'a.attendee_type', 'a.attendee_id', 'people.full_name'])
    .where(
      'a.meeting_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    metOn: r.met_on,
    place: r.place,
    summary: r.summary,
    followUp: r.follow_up,
    staff: attendees
      .filter((a) => a.meeting_id === r.id && a.attendee_type === 'staff')
      .map((a) => ({ personId: a.attendee_id, fullName: a.full_name ?? '' }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName)),
    family: attendees.filter((a) => a.meeting_id === r.id && a.attendee_type === 'family').map((a) => a.attendee_id),
    createdAt: r.created_at,
  }));
}

/** The review's people who may make contacts and meet the family: its panel chair and authors/reviewers (roles in effect), by name. */
export async function reviewIndependentStaff(db: Executor, reviewId: string): Promise<{ personId: string; fullName: string; role: string }[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('people', 'people.id', 'role_assignments.person_id')
    .select(['people.id', 'people.full_name', 'role_assignments.role'])
    .where('role_assignments.review_id', '=', reviewId)
    .where('role_assignments.scope_type', '=', 'review')
    .where('role_assignments.ended_at', 'is', null)
    .where('role_assignments.role', 'in', ['panel_chair', 'author'])
    .orderBy('people.full_name')
    .orderBy('people.id')
    .execute();
  return rows.map((r) => ({ personId: r.id, fullName: r.full_name, role: r.role }));
}

/** A person's name (for the one recording, when not one of the review's independent people). */
export async function personName(db: Executor, personId: string): Promise<string | undefined> {
  const row = await db.selectFrom('people').select('full_name').where('id', '=', personId).executeTakeFirst();
  return row?.full_name;
}
