// Running a review (issue 10 item 1): the reviews a caller may see on a board, one review, its holds (when
// its clocks stopped and started again) and the people holding roles on it. A review's stage changes only
// through WorkflowService.transition (workflow-repository.ts); this writes the holds beside those moves.
import type { FrameworkId } from '../../domain/frameworks/types.ts';
import type { Executor } from '../transaction.ts';

export interface ReviewRow {
  id: string;
  boardId: string;
  referralId: string;
  reference: string;
  frameworkId: FrameworkId;
  reviewType: string | null;
  /** The state: a stage, WITHDRAWN, or ON_HOLD:<stage>. */
  stage: string;
  decidedOn: string;
  updatedAt: string;
}

export interface HoldRow {
  id: string;
  reviewId: string;
  heldStage: string;
  pausedOn: string;
  resumedOn: string | null;
  reasonCode: string;
  reasonText: string;
}

const REVIEW_COLUMNS = ['id', 'board_id', 'referral_id', 'reference', 'framework_id', 'review_type', 'stage', 'decided_on', 'updated_at'] as const;

function reviewRow(r: {
  id: string;
  board_id: string;
  referral_id: string;
  reference: string;
  framework_id: string;
  review_type: string | null;
  stage: string;
  decided_on: string;
  updated_at: string;
}): ReviewRow {
  return {
    id: r.id,
    boardId: r.board_id,
    referralId: r.referral_id,
    reference: r.reference,
    frameworkId: r.framework_id as FrameworkId,
    reviewType: r.review_type,
    stage: r.stage,
    decidedOn: r.decided_on,
    updatedAt: r.updated_at,
  };
}

export interface ReviewListFilter {
  boardId: string;
  /** Every review of the board (a board role), or only these (review roles). */
  only: 'all' | readonly string[];
  /** States to show (stages, WITHDRAWN); empty: all. A stage includes the review on hold from it. */
  stages?: readonly string[];
  frameworkIds?: readonly string[];
  /** Only reviews on hold. */
  onHold?: boolean;
}

/**
 * The reviews of a board matching the filter, newest decision first: every one (the caller computes the
 * clocks, which read the holds, to filter overdue ones and to page; a board has hundreds of reviews at most).
 */
export async function listBoardReviews(db: Executor, f: ReviewListFilter): Promise<ReviewRow[]> {
  if (f.only !== 'all' && f.only.length === 0) return [];
  let q = db.selectFrom('reviews').select(REVIEW_COLUMNS).where('board_id', '=', f.boardId);
  if (f.only !== 'all') q = q.where('id', 'in', [...f.only]);
  if (f.stages && f.stages.length > 0) {
    const stages = [...f.stages];
    q = q.where((eb) =>
      eb.or([
        eb('stage', 'in', stages),
        eb(
          'stage',
          'in',
          stages.map((s) => `ON_HOLD:${s}`),
        ),
      ]),
    );
  }
  if (f.frameworkIds && f.frameworkIds.length > 0) q = q.where('framework_id', 'in', [...f.frameworkIds]);
  // (The _ of the pattern matches itself as well as any one character: no other state starts ON?HOLD:.)
  if (f.onHold) q = q.where('stage', 'like', 'ON_HOLD:%');
  const rows = await q.orderBy('decided_on', 'desc').orderBy('reference', 'desc').execute();
  return rows.map(reviewRow);
}

export async function findReview(db: Executor, id: string): Promise<ReviewRow | undefined> {
  const row = await db.selectFrom('reviews').select(REVIEW_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? reviewRow(row) : undefined;
}

/** The holds of the reviews given, oldest first, by review. */
export async function holdsOf(db: Executor, reviewIds: readonly string[]): Promise<Map<string, HoldRow[]>> {
  const byReview = new Map<string, HoldRow[]>();
  // In slices: an IN list stays well under both dialects' parameter limits.
  for (let i = 0; i < reviewIds.length; i += 500) {
    const rows = await db
      .selectFrom('review_holds')
      .select(['id', 'review_id', 'held_stage', 'paused_on', 'resumed_on', 'reason_code', 'reason_text'])
      .where('review_id', 'in', reviewIds.slice(i, i + 500))
      .orderBy('paused_on')
      .orderBy('created_at')
      .execute();
    for (const r of rows) {
      const list = byReview.get(r.review_id) ?? [];
      list.push({
        id: r.id,
        reviewId: r.review_id,
        heldStage: r.held_stage,
        pausedOn: r.paused_on,
        resumedOn: r.resumed_on,
        reasonCode: r.reason_code,
        reasonText: r.reason_text,
      });
      byReview.set(r.review_id, list);
    }
  }
  return byReview;
}

export async function insertHold(
  db: Executor,
  h: { id: string; reviewId: string; heldStage: string; pausedOn: string; reasonCode: string; reasonText: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto('review_holds')
    .values({
      id: h.id,
      review_id: h.reviewId,
      held_stage: h.heldStage,
      paused_on: h.pausedOn,
      resumed_on: null,
      reason_code: h.reasonCode,
      reason_text: h.reasonText,
      created_at: h.createdAt,
    })
    .execute();
}

/** Ends the review's running hold on a day; false when none was running. */
export async function endHold(db: Executor, reviewId: string, resumedOn: string): Promise<boolean> {
  const result = await db
    .updateTable('review_holds')
    .set({ resumed_on: resumedOn })
    .where('review_id', '=', reviewId)
    .where('resumed_on', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** People holding a role on the review (in effect), with their roles and agencies. */
export async function reviewPeople(
  db: Executor,
  reviewId: string,
): Promise<{ personId: string; name: string; role: string; agency: { en: string; cy: string } | null }[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('people', 'people.id', 'role_assignments.person_id')
    .leftJoin('agencies', 'agencies.id', 'role_assignments.agency_id')
    .select(['people.id as person_id', 'people.full_name', 'role_assignments.role', 'agencies.name_en', 'agencies.name_cy'])
    .where('role_assignments.review_id', '=', reviewId)
    .where('role_assignments.scope_type', '=', 'review')
    .where('role_assignments.ended_at', 'is', null)
    .orderBy('role_assignments.role')
    .orderBy('people.full_name')
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.full_name,
    role: r.role,
    agency: r.name_en ? { en: r.name_en, cy: r.name_cy ?? r.name_en } : null,
  }));
}

/** A review role in effect on a review (role_assignments with the review's scope). */
export interface ReviewAssignmentRow {
  id: string;
  personId: string;
  role: string;
  agencyId: string | null;
  createdAt: string;
}

/** The review roles in effect on a review, optionally only a person's, a role's or an agency's. */
export async function reviewAssignments(
  db: Executor,
  reviewId: string,
  only: { personId?: string | undefined; role?: string | undefined; agencyId?: string | undefined } = {},
): Promise<ReviewAssignmentRow[]> {
  let query = db
    .selectFrom('role_assignments')
    .select(['id', 'person_id', 'role', 'agency_id', 'created_at'])
    .where('review_id', '=', reviewId)
    .where('scope_type', '=', 'review')
    .where('ended_at', 'is', null);
  if (only.personId) query = query.where('person_id', '=', only.personId);
  if (only.role) query = query.where('role', '=', only.role);
  if (only.agencyId) query = query.where('agency_id', '=', only.agencyId);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, personId: r.person_id, role: r.role, agencyId: r.agency_id, createdAt: r.created_at }));
}

/** The references of the reviews given (those that exist), by id. */
export async function reviewReferences(db: Executor, ids: readonly string[]): Promise<Map<string, { boardId: string; reference: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('reviews').select(['id', 'board_id', 'reference']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { boardId: r.board_id, reference: r.reference }]));
}
