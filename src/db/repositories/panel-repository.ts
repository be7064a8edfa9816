// The panel of a review (issue 10 item 2): nominations to a review's independent roles (declaration link,
// appointment to a place, end), independence declarations, reassignments of open work, and what a candidate is
// shown of the review. The board's register they are chosen from is register-repository.ts.
import type { Executor } from '../transaction.ts';

export interface NominationRow {
  id: string;
  boardId: string;
  reviewId: string;
  role: string;
  entryId: string;
  status: string;
  nominatedBy: string | null;
  nominatedAt: string;
  carriedBy: string | null;
  replacesId: string | null;
  declarationExpiresAt: string | null;
  hasDeclarationLink: boolean;
  place: number | null;
  personId: string | null;
  appointedBy: string | null;
  appointedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
}

export interface DeclarationRow {
  id: string;
  nominationId: string;
  independentOfAgencies: boolean;
  independentOfCase: boolean;
  independentOfChild: boolean;
  conflicts: string;
  declaredAt: string;
}

const NOMINATION_COLUMNS = [
  'id',
  'board_id',
  'review_id',
  'role',
  'entry_id',
  'status',
  'nominated_by',
  'nominated_at',
  'carried_by',
  'replaces_id',
  'declaration_token_hash',
  'declaration_expires_at',
  'place',
  'person_id',
  'appointed_by',
  'appointed_at',
  'ended_at',
  'end_reason',
] as const;

function nominationRow(r: {
  id: string;
  board_id: string;
  review_id: string;
  role: string;
  entry_id: string;
  status: string;
  nominated_by: string | null;
  nominated_at: string;
  carried_by: string | null;
  replaces_id: string | null;
  declaration_token_hash: string | null;
  declaration_expires_at: string | null;
  place: number | null;
  person_id: string | null;
  appointed_by: string | null;
  appointed_at: string | null;
  ended_at: string | null;
  end_reason: string | null;
}): NominationRow {
  return {
    id: r.id,
    boardId: r.board_id,
    reviewId: r.review_id,
    role: r.role,
    entryId: r.entry_id,
    status: r.status,
    nominatedBy: r.nominated_by,
    nominatedAt: r.nominated_at,
    carriedBy: r.carried_by,
    replacesId: r.replaces_id,
    declarationExpiresAt: r.declaration_expires_at,
    hasDeclarationLink: r.declaration_token_hash !== null,
    place: r.place === null ? null : Number(r.place),
    personId: r.person_id,
    appointedBy: r.appointed_by,
    appointedAt: r.appointed_at,
    endedAt: r.ended_at,
    endReason: r.end_reason,
  };
}

export async function insertNomination(
  db: Executor,
  n: { id: string; boardId: string; reviewId: string; role: string; entryId: string; nominatedBy: string | null; replacesId: string | null },
  at: string,
): Promise<void> {
  await db
    .insertInto('panel_nominations')
    .values({
      id: n.id,
      board_id: n.boardId,
      review_id: n.reviewId,
      role: n.role,
      entry_id: n.entryId,
      status: 'nominated',
      nominated_by: n.nominatedBy,
      nominated_at: at,
      carried_by: n.nominatedBy,
      replaces_id: n.replacesId,
      declaration_token_hash: null,
      declaration_expires_at: null,
      place: null,
      person_id: null,
      appointed_by: null,
      appointed_at: null,
      ended_by: null,
      ended_at: null,
      end_reason: null,
    })
    .execute();
}

export async function findNomination(db: Executor, id: string): Promise<NominationRow | undefined> {
  const row = await db.selectFrom('panel_nominations').select(NOMINATION_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? nominationRow(row) : undefined;
}

export async function findNominationByTokenHash(db: Executor, tokenHash: string): Promise<NominationRow | undefined> {
  const row = await db.selectFrom('panel_nominations').select(NOMINATION_COLUMNS).where('declaration_token_hash', '=', tokenHash).executeTakeFirst();
  return row ? nominationRow(row) : undefined;
}

/** Every nomination of the review, oldest first. */
export async function nominationsOf(db: Executor, reviewId: string): Promise<NominationRow[]> {
  const rows = await db
    .selectFrom('panel_nominations')
    .select(NOMINATION_COLUMNS)
    .where('review_id', '=', reviewId)
    .orderBy('nominated_at')
    .orderBy('id')
    .execute();
  return rows.map(nominationRow);
}

export async function setDeclarationLink(db: Executor, id: string, tokenHash: string | null, expiresAt: string | null): Promise<void> {
  await db.updateTable('panel_nominations').set({ declaration_token_hash: tokenHash, declaration_expires_at: expiresAt }).where('id', '=', id).execute();
}

/** Appoints a nominated candidate to a place; false when the nomination was no longer nominated (another request moved it). */
export async function markAppointed(
  db: Executor,
  id: string,
  a: { place: number; personId: string; appointedBy: string | null; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('panel_nominations')
    .set({ status: 'appointed', place: a.place, person_id: a.personId, appointed_by: a.appointedBy, appointed_at: a.at, declaration_token_hash: null })
    .where('id', '=', id)
    .where('status', '=', 'nominated')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends a nomination (withdrawn) or an appointment (ended) from the status the caller saw; false when it had moved. */
export async function markEnded(
  db: Executor,
  id: string,
  from: 'nominated' | 'appointed',
  e: { status: 'withdrawn' | 'ended'; endedBy: string | null; at: string; reason: string },
): Promise<boolean> {
  const result = await db
    .updateTable('panel_nominations')
    .set({
      status: e.status,
      place: null,
      ended_by: e.endedBy,
      ended_at: e.at,
      end_reason: e.reason,
      declaration_token_hash: null,
      declaration_expires_at: null,
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Hands the review's open nominations carried by one person to another; the ids moved. */
export async function moveCarriedNominations(db: Executor, reviewId: string, fromPersonId: string, toPersonId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('panel_nominations')
    .select('id')
    .where('review_id', '=', reviewId)
    .where('status', '=', 'nominated')
    .where('carried_by', '=', fromPersonId)
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) await db.updateTable('panel_nominations').set({ carried_by: toPersonId }).where('id', 'in', ids).execute();
  return ids;
}

export async function insertDeclaration(db: Executor, d: DeclarationRow & { reviewId: string; entryId: string }): Promise<void> {
  await db
    .insertInto('independence_declarations')
    .values({
      id: d.id,
      nomination_id: d.nominationId,
      review_id: d.reviewId,
      entry_id: d.entryId,
      independent_of_agencies: d.independentOfAgencies ? 1 : 0,
      independent_of_case: d.independentOfCase ? 1 : 0,
      independent_of_child: d.independentOfChild ? 1 : 0,
      conflicts: d.conflicts,
      declared_at: d.declaredAt,
    })
    .execute();
}

/** The latest declaration of each of the review's nominations, by nomination. */
export async function latestDeclarations(db: Executor, reviewId: string): Promise<Map<string, DeclarationRow>> {
  const rows = await db
    .selectFrom('independence_declarations')
    .select(['id', 'nomination_id', 'independent_of_agencies', 'independent_of_case', 'independent_of_child', 'conflicts', 'declared_at'])
    .where('review_id', '=', reviewId)
    .orderBy('declared_at')
    .orderBy('id')
    .execute();
  const byNomination = new Map<string, DeclarationRow>();
  for (const r of rows)
    byNomination.set(r.nomination_id, {
      id: r.id,
      nominationId: r.nomination_id,
      independentOfAgencies: Number(r.independent_of_agencies) === 1,
      independentOfCase: Number(r.independent_of_case) === 1,
      independentOfChild: Number(r.independent_of_child) === 1,
      conflicts: r.conflicts,
      declaredAt: r.declared_at,
    });
  return byNomination;
}

export async function insertReassignment(
  db: Executor,
  r: { id: string; reviewId: string; fromNominationId: string; toNominationId: string; items: readonly string[]; createdBy: string | null },
  at: string,
): Promise<void> {
  await db
    .insertInto('panel_reassignments')
    .values({
      id: r.id,
      review_id: r.reviewId,
      from_nomination_id: r.fromNominationId,
      to_nomination_id: r.toNominationId,
      items: JSON.stringify(r.items),
      created_by: r.createdBy,
      created_at: at,
    })
    .execute();
}

export async function reassignmentsOf(
  db: Executor,
  reviewId: string,
): Promise<{ id: string; fromNominationId: string; toNominationId: string; items: string[]; createdAt: string }[]> {
  const rows = await db
    .selectFrom('panel_reassignments')
    .select(['id', 'from_nomination_id', 'to_nomination_id', 'items', 'created_at'])
    .where('review_id', '=', reviewId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fromNominationId: r.from_nomination_id,
    toNominationId: r.to_nomination_id,
    items: JSON.parse(r.items) as string[],
    createdAt: r.created_at,
  }));
}

/**
 * What a candidate is told of the review to declare (R3): its reference, its board (the area), the dates,
 * the child's number (their pseudonym) and the involved agencies — nothing of the child's identity, which is
 * never read here.
 */
export async function reviewBrief(
  db: Executor,
  reviewId: string,
): Promise<
  | {
      reference: string;
      boardId: string;
      boardEn: string;
      boardCy: string;
      region: string | null;
      childNumber: number;
      incidentOn: string;
      decidedOn: string;
      frameworkId: string;
    }
  | undefined
> {
  const row = await db
    .selectFrom('reviews')
    .innerJoin('referrals', 'referrals.id', 'reviews.referral_id')
    .innerJoin('boards', 'boards.id', 'reviews.board_id')
    .select([
      'reviews.reference',
      'reviews.board_id',
      'boards.name_en',
      'boards.name_cy',
      'boards.region',
      'referrals.child_number',
      'referrals.incident_on',
      'reviews.decided_on',
      'reviews.framework_id',
    ])
    .where('reviews.id', '=', reviewId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    reference: row.reference,
    boardId: row.board_id,
    boardEn: row.name_en,
    boardCy: row.name_cy,
    region: row.region,
    childNumber: Number(row.child_number),
    incidentOn: row.incident_on,
    decidedOn: row.decided_on,
    frameworkId: row.framework_id,
  };
}

/** The review's involved agencies: those its referral names as involved, and the referring agency. */
export async function involvedAgencyIds(db: Executor, reviewId: string): Promise<string[]> {
  const review = await db
    .selectFrom('reviews')
    .innerJoin('referrals', 'referrals.id', 'reviews.referral_id')
    .select(['referrals.id', 'referrals.referring_agency_id'])
    .where('reviews.id', '=', reviewId)
    .executeTakeFirst();
  if (!review) return [];
  const rows = await db.selectFrom('referral_agencies').select('agency_id').where('referral_id', '=', review.id).execute();
  const ids = new Set(rows.map((r) => r.agency_id));
  if (review.referring_agency_id) ids.add(review.referring_agency_id);
  return [...ids];
}

/** The review's panel members in effect (the panel_member review role), with their names and agencies. */
export async function panelMembers(
  db: Executor,
  reviewId: string,
): Promise<{ assignmentId: string; personId: string; name: string; agencyId: string | null }[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('people', 'people.id', 'role_assignments.person_id')
    .select(['role_assignments.id', 'people.id as person_id', 'people.full_name', 'role_assignments.agency_id'])
    .where('role_assignments.review_id', '=', reviewId)
    .where('role_assignments.scope_type', '=', 'review')
    .where('role_assignments.role', '=', 'panel_member')
    .where('role_assignments.ended_at', 'is', null)
    .orderBy('people.full_name')
    .execute();
  return rows.map((r) => ({ assignmentId: r.id, personId: r.person_id, name: r.full_name, agencyId: r.agency_id }));
}
