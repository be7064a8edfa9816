// The board's register of independent chairs and reviewers (issue 10 item 2): its entries (specialisms,
// Welsh Government approved list, languages, availability, past reviews, declared interests, employer) and their
// dated engagements with agencies. Appointments to a review's panel pick from it (panel-repository.ts).
import type { Executor } from '../transaction.ts';

export interface RegisterEntryRow {
  id: string;
  boardId: string;
  fullName: string;
  email: string;
  specialisms: string[];
  wgApproved: boolean;
  languages: string[];
  availability: string;
  pastReviews: string;
  declaredInterests: string;
  employerAgencyId: string | null;
  personId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RegisterEntryValues {
  fullName: string;
  email: string;
  specialisms: readonly string[];
  wgApproved: boolean;
  languages: readonly string[];
  availability: string;
  pastReviews: string;
  declaredInterests: string;
  employerAgencyId: string | null;
}

export interface EngagementRow {
  id: string;
  entryId: string;
  agencyId: string;
  fromOn: string;
  toOn: string | null;
  what: string;
}

const ENTRY_COLUMNS = [
  'id',
  'board_id',
  'full_name',
  'email',
  'specialisms',
  'wg_approved',
  'languages',
  'availability',
  'past_reviews',
  'declared_interests',
  'employer_agency_id',
  'person_id',
  'created_at',
  'updated_at',
] as const;

const list = (text: string) => (text === '' ? [] : text.split(',').map((s) => s.trim()));

function entryRow(r: {
  id: string;
  board_id: string;
  full_name: string;
  email: string;
  specialisms: string;
  wg_approved: number;
  languages: string;
  availability: string;
  past_reviews: string;
  declared_interests: string;
  employer_agency_id: string | null;
  person_id: string | null;
  created_at: string;
  updated_at: string;
}): RegisterEntryRow {
  return {
    id: r.id,
    boardId: r.board_id,
    fullName: r.full_name,
    email: r.email,
    specialisms: list(r.specialisms),
    wgApproved: Number(r.wg_approved) === 1,
    languages: list(r.languages),
    availability: r.availability,
    pastReviews: r.past_reviews,
    declaredInterests: r.declared_interests,
    employerAgencyId: r.employer_agency_id,
    personId: r.person_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function entryColumns(v: RegisterEntryValues) {
  return {
    full_name: v.fullName,
    email: v.email.toLowerCase(),
    specialisms: v.specialisms.join(', '),
    wg_approved: v.wgApproved ? 1 : 0,
    languages: v.languages.join(','),
    availability: v.availability,
    past_reviews: v.pastReviews,
    declared_interests: v.declaredInterests,
    employer_agency_id: v.employerAgencyId,
  };
}

export async function insertRegisterEntry(db: Executor, e: RegisterEntryValues & { id: string; boardId: string }, at: string): Promise<void> {
  await db
    .insertInto('register_entries')
    .values({ id: e.id, board_id: e.boardId, ...entryColumns(e), person_id: null, created_at: at, updated_at: at })
    .execute();
}

export async function updateRegisterEntry(db: Executor, id: string, v: RegisterEntryValues, at: string): Promise<void> {
  await db
    .updateTable('register_entries')
    .set({ ...entryColumns(v), updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function setRegisterEntryPerson(db: Executor, id: string, personId: string, at: string): Promise<void> {
  await db.updateTable('register_entries').set({ person_id: personId, updated_at: at }).where('id', '=', id).execute();
}

export async function findRegisterEntry(db: Executor, id: string): Promise<RegisterEntryRow | undefined> {
  const row = await db.selectFrom('register_entries').select(ENTRY_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? entryRow(row) : undefined;
}

/** The board's register, by name (a board keeps tens of entries; the caller filters). */
export async function listRegisterEntries(db: Executor, boardId: string): Promise<RegisterEntryRow[]> {
  const rows = await db.selectFrom('register_entries').select(ENTRY_COLUMNS).where('board_id', '=', boardId).orderBy('full_name').orderBy('id').execute();
  return rows.map(entryRow);
}

export async function insertEngagement(db: Executor, e: EngagementRow, at: string): Promise<void> {
  await db
    .insertInto('register_engagements')
    .values({ id: e.id, entry_id: e.entryId, agency_id: e.agencyId, from_on: e.fromOn, to_on: e.toOn, what: e.what, created_at: at })
    .execute();
}

/** The engagements of the entries given, latest first, by entry. */
export async function engagementsOf(db: Executor, entryIds: readonly string[]): Promise<Map<string, EngagementRow[]>> {
  const byEntry = new Map<string, EngagementRow[]>();
  for (let i = 0; i < entryIds.length; i += 500) {
    const rows = await db
      .selectFrom('register_engagements')
      .select(['id', 'entry_id', 'agency_id', 'from_on', 'to_on', 'what'])
      .where('entry_id', 'in', entryIds.slice(i, i + 500))
      .orderBy('from_on', 'desc')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = byEntry.get(r.entry_id) ?? [];
      list.push({ id: r.id, entryId: r.entry_id, agencyId: r.agency_id, fromOn: r.from_on, toOn: r.to_on, what: r.what });
      byEntry.set(r.entry_id, list);
    }
  }
  return byEntry;
}
