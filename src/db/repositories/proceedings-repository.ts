import type { ProceedingStatus, ProceedingType } from '../../domain/referrals/referral.ts';
import type { ProceedingField, ProceedingFields } from '../../domain/reviews/review-setup.ts';
import type { Executor } from '../transaction.ts';

// ---- Parallel proceedings ---------------------------------------------------------------------------

export interface ProceedingRow extends ProceedingFields {
  id: string;
  referralId: string;
  reviewId: string | null;
  expectedEndOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProceedingChangeRow {
  proceedingId: string;
  field: ProceedingField;
  from: string | null;
  to: string | null;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: string;
}

const PROCEEDING_COLUMNS = [
  'id',
  'referral_id',
  'review_id',
  'proceeding_type',
  'status',
  'liaison_contact',
  'expected_end_on',
  'next_hearing_on',
  'concluded_on',
  'created_at',
  'updated_at',
] as const;

function proceedingRow(r: {
  id: string;
  referral_id: string;
  review_id: string | null;
  proceeding_type: string;
  status: string;
  liaison_contact: string | null;
  expected_end_on: string | null;
  next_hearing_on: string | null;
  concluded_on: string | null;
  created_at: string;
  updated_at: string;
}): ProceedingRow {
  return {
    id: r.id,
    referralId: r.referral_id,
    reviewId: r.review_id,
    proceedingType: r.proceeding_type as ProceedingType,
    status: r.status as ProceedingStatus,
    liaisonContact: r.liaison_contact,
    expectedEndOn: r.expected_end_on,
    nextHearingOn: r.next_hearing_on,
    concludedOn: r.concluded_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The review's proceedings: those recorded at referral on the referrals it covers, and those added to it. */
function reviewProceedingsQuery(db: Executor, reviewId: string) {
  const covered = db
    .selectFrom('reviews')
    .select('referral_id')
    .where('id', '=', reviewId)
    .union(db.selectFrom('review_referrals').select('referral_id').where('review_id', '=', reviewId).where('unlinked_at', 'is', null));
  return db
    .selectFrom('parallel_proceedings')
    .select(PROCEEDING_COLUMNS)
    .where((eb) => eb.or([eb('review_id', '=', reviewId), eb('referral_id', 'in', covered)]));
}

export async function reviewProceedings(db: Executor, reviewId: string): Promise<ProceedingRow[]> {
  const rows = await reviewProceedingsQuery(db, reviewId).orderBy('created_at').orderBy('id').execute();
  return rows.map(proceedingRow);
}

/** The review's proceeding, if it is one of the review's. */
export async function findReviewProceeding(db: Executor, reviewId: string, proceedingId: string): Promise<ProceedingRow | undefined> {
  const row = await reviewProceedingsQuery(db, reviewId).where('id', '=', proceedingId).executeTakeFirst();
  return row ? proceedingRow(row) : undefined;
}

/**
 * The review's criminal proceedings still open: publication is blocked while there is one (DOMAIN.md §8.6
 * R5; the publication gate reads this).
 */
export async function openCriminalProceedings(db: Executor, reviewId: string): Promise<ProceedingRow[]> {
  const rows = await reviewProceedingsQuery(db, reviewId)
    .where('proceeding_type', '=', 'criminal')
    .where('status', '=', 'open')
    .orderBy('created_at')
    .execute();
  return rows.map(proceedingRow);
}

export async function insertProceeding(db: Executor, p: ProceedingFields & { id: string; referralId: string; reviewId: string; at: string }): Promise<void> {
  await db
    .insertInto('parallel_proceedings')
    .values({
      id: p.id,
      referral_id: p.referralId,
      review_id: p.reviewId,
      proceeding_type: p.proceedingType,
      status: p.status,
      liaison_contact: p.liaisonContact,
      expected_end_on: null,
      next_hearing_on: p.nextHearingOn,
      concluded_on: p.concludedOn,
      created_at: p.at,
      updated_at: p.at,
    })
    .execute();
}

/** Writes the proceeding's fields if it was last changed at `seenAt`; false when someone changed it meanwhile. */
export async function updateProceeding(db: Executor, id: string, seenAt: string, p: ProceedingFields, at: string): Promise<boolean> {
  const result = await db
    .updateTable('parallel_proceedings')
    .set({
      proceeding_type: p.proceedingType,
      status: p.status,
      liaison_contact: p.liaisonContact,
      next_hearing_on: p.nextHearingOn,
      concluded_on: p.concludedOn,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('updated_at', '=', seenAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertProceedingChanges(
  db: Executor,
  changes: {
    id: string;
    proceedingId: string;
    reviewId: string;
    field: ProceedingField;
    from: string | null;
    to: string | null;
    by: string | null;
    at: string;
  }[],
): Promise<void> {
  if (changes.length === 0) return;
  await db
    .insertInto('proceeding_changes')
    .values(
      changes.map((c) => ({
        id: c.id,
        proceeding_id: c.proceedingId,
        review_id: c.reviewId,
        field: c.field,
        old_value: c.from,
        new_value: c.to,
        changed_by: c.by,
        changed_at: c.at,
      })),
    )
    .execute();
}

/** The changes to the proceedings, oldest first, by proceeding. */
export async function proceedingHistory(db: Executor, proceedingIds: readonly string[]): Promise<Map<string, ProceedingChangeRow[]>> {
  const byProceeding = new Map<string, ProceedingChangeRow[]>();
  if (proceedingIds.length === 0) return byProceeding;
  const rows = await db
    .selectFrom('proceeding_changes as c')
    .leftJoin('people', 'people.id', 'c.changed_by')
    .select(['c.proceeding_id', 'c.field', 'c.old_value', 'c.new_value', 'c.changed_by', 'c.changed_at', 'people.full_name'])
    .where('c.proceeding_id', 'in', [...proceedingIds])
    .orderBy('c.changed_at')
    .orderBy('c.id')
    .execute();
  for (const r of rows) {
    const list = byProceeding.get(r.proceeding_id) ?? [];
    list.push({
      proceedingId: r.proceeding_id,
      field: r.field as ProceedingField,
      from: r.old_value,
      to: r.new_value,
      changedBy: r.changed_by,
      changedByName: r.full_name,
      changedAt: r.changed_at,
    });
    byProceeding.set(r.proceeding_id, list);
  }
  return byProceeding;
}
