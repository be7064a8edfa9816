// Agency contributions to a review (issue 10 item 4): agencies' contacts, the requests (their state moves
// only through WorkflowService.transition: workflow-repository.ts), the author's declaration, sign-off and
// waiver beside them, the drafted sections, and the reminders sent (one row per request and rung).
import type { Executor } from '../transaction.ts';

export interface AgencyContactRow {
  id: string;
  agencyId: string;
  fullName: string;
  email: string;
  language: 'en' | 'cy';
}

function contactRow(r: { id: string; agency_id: string; full_name: string; email: string; language: string }): AgencyContactRow {
  return { id: r.id, agencyId: r.agency_id, fullName: r.full_name, email: r.email, language: r.language === 'cy' ? 'cy' : 'en' };
}

/** The agency's contacts in effect, by name. */
export async function agencyContacts(db: Executor, agencyId: string): Promise<AgencyContactRow[]> {
  const rows = await db
    .selectFrom('agency_contacts')
    .select(['id', 'agency_id', 'full_name', 'email', 'language'])
    .where('agency_id', '=', agencyId)
    .where('removed_at', 'is', null)
    .orderBy('full_name')
    .orderBy('id')
    .execute();
  return rows.map(contactRow);
}

export async function findContact(db: Executor, id: string): Promise<AgencyContactRow | undefined> {
  const row = await db
    .selectFrom('agency_contacts')
    .select(['id', 'agency_id', 'full_name', 'email', 'language'])
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row ? contactRow(row) : undefined;
}

export async function insertContact(db: Executor, c: AgencyContactRow, at: string): Promise<void> {
  await db
    .insertInto('agency_contacts')
    .values({ id: c.id, agency_id: c.agencyId, full_name: c.fullName, email: c.email, language: c.language, created_at: at, updated_at: at, removed_at: null })
    .execute();
}

export async function updateContact(db: Executor, c: AgencyContactRow, at: string): Promise<boolean> {
  const r = await db
    .updateTable('agency_contacts')
    .set({ full_name: c.fullName, email: c.email, language: c.language, updated_at: at })
    .where('id', '=', c.id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function removeContact(db: Executor, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('agency_contacts')
    .set({ removed_at: at, updated_at: at })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface ContributionRequestRow {
  id: string;
  reviewId: string;
  boardId: string;
  agencyId: string;
  agencyName: { en: string; cy: string };
  contactId: string | null;
  kind: string;
  status: string;
  requestedOn: string;
  dueOn: string;
  authorRole: string | null;
  recordsSecuredOn: string | null;
  declaredAt: string | null;
  declaredBy: string | null;
  submittedAt: string | null;
  signedOffAt: string | null;
  signedOffBy: string | null;
  waivedReason: string | null;
  /** When the agency's signed-off chronology was shared with the panel (issue 11). */
  chronologySharedAt: string | null;
  updatedAt: string;
}

function requestQuery(db: Executor) {
  return db
    .selectFrom('contribution_requests as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select([
      'c.id',
      'c.review_id',
      'c.board_id',
      'c.agency_id',
      'a.name_en',
      'a.name_cy',
      'c.contact_id',
      'c.kind',
      'c.status',
      'c.requested_on',
      'c.due_on',
      'c.author_role',
      'c.records_secured_on',
      'c.declared_at',
      'c.declared_by',
      'c.submitted_at',
      'c.signed_off_at',
      'c.signed_off_by',
      'c.waived_reason',
      'c.chronology_shared_at',
      'c.updated_at',
    ]);
}

type RequestSelected = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

function requestRow(r: RequestSelected): ContributionRequestRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    boardId: r.board_id,
    agencyId: r.agency_id,
    agencyName: { en: r.name_en, cy: r.name_cy },
    contactId: r.contact_id,
    kind: r.kind,
    status: r.status,
    requestedOn: r.requested_on,
    dueOn: r.due_on,
    authorRole: r.author_role,
    recordsSecuredOn: r.records_secured_on,
    declaredAt: r.declared_at,
    declaredBy: r.declared_by,
    submittedAt: r.submitted_at,
    signedOffAt: r.signed_off_at,
    signedOffBy: r.signed_off_by,
    waivedReason: r.waived_reason,
    chronologySharedAt: r.chronology_shared_at,
    updatedAt: r.updated_at,
  };
}

export async function findRequest(db: Executor, id: string): Promise<ContributionRequestRow | undefined> {
  const row = await requestQuery(db).where('c.id', '=', id).executeTakeFirst();
  return row ? requestRow(row) : undefined;
}

/** A review's requests (optionally one agency's), by agency name. */
export async function reviewRequests(db: Executor, reviewId: string, agencyIds?: readonly string[]): Promise<ContributionRequestRow[]> {
  if (agencyIds && agencyIds.length === 0) return [];
  let q = requestQuery(db).where('c.review_id', '=', reviewId);
  if (agencyIds) q = q.where('c.agency_id', 'in', agencyIds);
  const rows = await q.orderBy('a.name_en').orderBy('c.id').execute();
  return rows.map(requestRow);
}

/** The states of a review's requests (R4's gate reads them in the move's transaction). */
export async function requestStates(db: Executor, reviewId: string): Promise<string[]> {
  const rows = await db.selectFrom('contribution_requests').select('status').where('review_id', '=', reviewId).execute();
  return rows.map((r) => r.status);
}

export interface NewRequest {
  id: string;
  reviewId: string;
  boardId: string;
  agencyId: string;
  contactId: string | null;
  kind: string;
  status: string;
  requestedOn: string;
  dueOn: string;
}

export async function insertRequest(db: Executor, r: NewRequest, at: string): Promise<void> {
  await db
    .insertInto('contribution_requests')
    .values({
      id: r.id,
      review_id: r.reviewId,
      board_id: r.boardId,
      agency_id: r.agencyId,
      contact_id: r.contactId,
      kind: r.kind,
      status: r.status,
      requested_on: r.requestedOn,
      due_on: r.dueOn,
      author_role: null,
      records_secured_on: null,
      declared_at: null,
      declared_by: null,
      submitted_at: null,
      signed_off_at: null,
      signed_off_by: null,
      waived_reason: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** What the request records beside a move: the declaration, the header's answers, submission, sign-off, waiver. */
export async function setRequestDetails(
  db: Executor,
  id: string,
  values: Partial<{
    author_role: string | null;
    records_secured_on: string | null;
    declared_at: string;
    declared_by: string;
    submitted_at: string | null;
    signed_off_at: string;
    signed_off_by: string;
    waived_reason: string;
    due_on: string;
  }>,
  at: string,
): Promise<void> {
  await db
    .updateTable('contribution_requests')
    .set({ ...values, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function requestSections(db: Executor, requestId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('contribution_sections').select(['section', 'body']).where('request_id', '=', requestId).execute();
  return new Map(rows.map((r) => [r.section, r.body]));
}

/** Writes the sections given (an empty body removes one). */
export async function saveSections(db: Executor, requestId: string, sections: Record<string, string>, by: string | null, at: string): Promise<void> {
  for (const [section, body] of Object.entries(sections)) {
    await db.deleteFrom('contribution_sections').where('request_id', '=', requestId).where('section', '=', section).execute();
    if (body.trim() !== '')
      await db.insertInto('contribution_sections').values({ request_id: requestId, section, body, updated_at: at, updated_by: by }).execute();
  }
}

/** A request the reminder scan may remind about: still owed, due within a week or past, its review's state and its contact. */
export interface OwedRequestRow {
  id: string;
  reviewId: string;
  boardId: string;
  reference: string;
  reviewState: string;
  agencyId: string;
  status: string;
  requestedOn: string;
  dueOn: string;
  contact: { email: string; language: 'en' | 'cy' } | null;
}

export async function owedRequests(db: Executor, states: readonly string[], dueBy: string): Promise<OwedRequestRow[]> {
  const rows = await db
    .selectFrom('contribution_requests as c')
    .innerJoin('reviews as r', 'r.id', 'c.review_id')
    .leftJoin('agency_contacts as k', (j) => j.onRef('k.id', '=', 'c.contact_id').on('k.removed_at', 'is', null))
    .select(['c.id', 'c.review_id', 'c.board_id', 'r.reference', 'r.stage', 'c.agency_id', 'c.status', 'c.requested_on', 'c.due_on', 'k.email', 'k.language'])
    .where('c.status', 'in', states)
    .where('c.due_on', '<=', dueBy)
    .orderBy('c.due_on')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reviewId: r.review_id,
    boardId: r.board_id,
    reference: r.reference,
    reviewState: r.stage,
    agencyId: r.agency_id,
    status: r.status,
    requestedOn: r.requested_on,
    dueOn: r.due_on,
    contact: r.email ? { email: r.email, language: r.language === 'cy' ? 'cy' : 'en' } : null,
  }));
}

/**
 * Records that a reminder rung went for a request: false when it already had (another instance's scan got
 * there first: on PostgreSQL the second insert waits for the first to commit, then does nothing).
 */
export async function claimReminder(db: Executor, requestId: string, rung: string, sentOn: string, at: string): Promise<boolean> {
  const r = await db
    .insertInto('contribution_reminders')
    .values({ request_id: requestId, rung, sent_on: sentOn, created_at: at })
    .onConflict((oc) => oc.columns(['request_id', 'rung']).doNothing())
    .returning('request_id')
    .execute();
  return r.length === 1;
}

export async function remindersOf(db: Executor, requestId: string): Promise<{ rung: string; sentOn: string }[]> {
  const rows = await db.selectFrom('contribution_reminders').select(['rung', 'sent_on']).where('request_id', '=', requestId).orderBy('sent_on').execute();
  return rows.map((r) => ({ rung: r.rung, sentOn: r.sent_on }));
}

/** The requests a person holds an agency's review role for (their own page): the request, the review's reference and state, and the role. */
export async function requestsForPerson(
  db: Executor,
  personId: string,
  roles: readonly string[],
): Promise<(ContributionRequestRow & { reference: string; reviewState: string; role: string })[]> {
  const rows = await requestQuery(db)
    .innerJoin('role_assignments as g', (j) => j.onRef('g.review_id', '=', 'c.review_id').onRef('g.agency_id', '=', 'c.agency_id'))
    .innerJoin('reviews as r', 'r.id', 'c.review_id')
    .select(['r.reference', 'r.stage as review_state', 'g.role'])
    .where('g.person_id', '=', personId)
    .where('g.scope_type', '=', 'review')
    .where('g.ended_at', 'is', null)
    .where('g.role', 'in', roles)
    .orderBy('c.due_on')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ ...requestRow(r), reference: r.reference, reviewState: r.review_state, role: r.role }));
}
