// A review's publication (issue 13 item 4): one row a review, made on the first change and locked by every
// change (so one review's publication changes one after another), its sealed fields (the welfare check's note,
// the override's liaison details) opened only when the caller passes the cipher. The publication service
// decides; this reads and writes.
import type { Dialect } from '../database.ts';
import { type FieldCipher, sealedPlace } from '../field-cipher.ts';
import type { ReviewPublicationsTable } from '../schema/publication.ts';
import type { Executor } from '../transaction.ts';

export interface PublicationRow {
  reviewId: string;
  boardId: string;
  revision: number;
  choice: string | null;
  reasons: string | null;
  releaseAt: string | null;
  pressStatementEn: string | null;
  pressStatementCy: string | null;
  briefingEn: string | null;
  briefingCy: string | null;
  showHold: boolean;
  withdrawAfterMonths: number | null;
  decidedBy: string | null;
  decidedAt: string | null;
  welfareCheckedOn: string | null;
  /** Opened only when read with the cipher; otherwise whether there is one. */
  welfareNote: string | null;
  welfareBy: string | null;
  overrideLiaison: string | null;
  overrideBy: string | null;
  overrideAt: string | null;
  approvedRevision: number | null;
  approvedBy: string | null;
  approvedAt: string | null;
  holdReason: string | null;
  recheckOn: string | null;
  promptedOn: string | null;
  refusedRevision: number | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
  updatedAt: string;
}

const place = (column: 'welfare_note' | 'override_liaison', reviewId: string) => sealedPlace('review_publications', column, reviewId);
const SEALED_SHOWN = '•';

function rowOf(r: ReviewPublicationsTable, cipher: FieldCipher | null): PublicationRow {
  const opened = (column: 'welfare_note' | 'override_liaison') => {
    const stored = r[column];
    if (stored === null) return null;
    return cipher ? cipher.decrypt(stored, place(column, r.review_id)) : SEALED_SHOWN;
  };
  return {
    reviewId: r.review_id,
    boardId: r.board_id,
    revision: Number(r.revision),
    choice: r.choice,
    reasons: r.reasons,
    releaseAt: r.release_at,
    pressStatementEn: r.press_statement_en,
    pressStatementCy: r.press_statement_cy,
    briefingEn: r.briefing_en,
    briefingCy: r.briefing_cy,
    showHold: Number(r.show_hold) === 1,
    withdrawAfterMonths: r.withdraw_after_months === null ? null : Number(r.withdraw_after_months),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    welfareCheckedOn: r.welfare_checked_on,
    welfareNote: opened('welfare_note'),
    welfareBy: r.welfare_by,
    overrideLiaison: opened('override_liaison'),
    overrideBy: r.override_by,
    overrideAt: r.override_at,
    approvedRevision: r.approved_revision === null ? null : Number(r.approved_revision),
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    holdReason: r.hold_reason,
    recheckOn: r.recheck_on,
    promptedOn: r.prompted_on,
    refusedRevision: r.refused_revision === null ? null : Number(r.refused_revision),
    publishedAt: r.published_at,
    withdrawnAt: r.withdrawn_at,
    updatedAt: r.updated_at,
  };
}

/** The review's publication, its sealed fields opened with `cipher` (without it, "•" says one is recorded). */
export async function findPublication(db: Executor, reviewId: string, cipher: FieldCipher | null = null): Promise<PublicationRow | undefined> {
  const row = await db.selectFrom('review_publications').selectAll().where('review_id', '=', reviewId).executeTakeFirst();
  return row ? rowOf(row, cipher) : undefined;
}

/**
 * The review's publication for a change, made if it has none (two first changes at once make one row), and
 * locked for the rest of the transaction (PostgreSQL: FOR UPDATE; SQLite's IMMEDIATE transaction holds the
 * write lock already).
 */
export async function lockPublication(
  trx: Executor,
  dialect: Dialect,
  cipher: FieldCipher,
  review: { id: string; boardId: string },
  at: string,
): Promise<PublicationRow> {
  await trx
    .insertInto('review_publications')
    .values({ review_id: review.id, board_id: review.boardId, revision: 0, show_hold: 0, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('review_id').doNothing())
    .execute();
  let q = trx.selectFrom('review_publications').selectAll().where('review_id', '=', review.id);
  if (dialect === 'postgres') q = q.forUpdate();
  return rowOf(await q.executeTakeFirstOrThrow(), cipher);
}

/** The columns a change may write (sealed ones given as plaintext, sealed here). */
export type PublicationChange = Partial<Omit<ReviewPublicationsTable, 'review_id' | 'board_id' | 'created_at'>>;

export async function updatePublication(trx: Executor, cipher: FieldCipher, reviewId: string, change: PublicationChange): Promise<void> {
  const values = { ...change };
  if (values.welfare_note != null) values.welfare_note = cipher.encrypt(values.welfare_note, place('welfare_note', reviewId));
  if (values.override_liaison != null) values.override_liaison = cipher.encrypt(values.override_liaison, place('override_liaison', reviewId));
  await trx.updateTable('review_publications').set(values).where('review_id', '=', reviewId).execute();
}

/** Holds whose re-check day has come and for which the business unit has not been emailed yet. */
export async function dueRechecks(db: Executor, today: string): Promise<{ reviewId: string; boardId: string; recheckOn: string }[]> {
  const rows = await db
    .selectFrom('review_publications')
    .select(['review_id', 'board_id', 'recheck_on'])
    .where('recheck_on', '<=', today)
    .where((eb) => eb.or([eb('prompted_on', 'is', null), eb('prompted_on', '<', eb.ref('recheck_on'))]))
    .execute();
  return rows.map((r) => ({ reviewId: r.review_id, boardId: r.board_id, recheckOn: r.recheck_on as string }));
}
