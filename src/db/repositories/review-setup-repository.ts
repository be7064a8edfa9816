// Setting a review up and keeping it current (issue 10 items 1 and 5a): the notifications recorded on a
// review, the referrals it covers (its own first, then those linked), a joint review's boards. Its
// parallel proceedings, with their history, are proceedings-repository.ts.
import { childPseudonym, type Pseudonym } from '../../domain/pseudonyms.ts';
import type { ReferralStatus } from '../../domain/referrals/referral.ts';
import type { Dialect } from '../database.ts';
import type { Executor } from '../transaction.ts';

// ---- Notifications ---------------------------------------------------------------------------------

export interface ReviewNotificationRow {
  id: string;
  reviewId: string;
  requirement: string;
  recipient: string;
  sentOn: string;
  recordedBy: string | null;
  recordedByName: string | null;
  recordedAt: string;
}

function notificationQuery(db: Executor) {
  return db
    .selectFrom('review_notifications as n')
    .leftJoin('people', 'people.id', 'n.recorded_by')
    .select(['n.id', 'n.review_id', 'n.requirement', 'n.recipient', 'n.sent_on', 'n.recorded_by', 'n.recorded_at', 'people.full_name']);
}

function notificationRow(r: {
  id: string;
  review_id: string;
  requirement: string;
  recipient: string;
  sent_on: string;
  recorded_by: string | null;
  recorded_at: string;
  full_name: string | null;
}): ReviewNotificationRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    requirement: r.requirement,
    recipient: r.recipient,
    sentOn: r.sent_on,
    recordedBy: r.recorded_by,
    recordedByName: r.full_name,
    recordedAt: r.recorded_at,
  };
}

export async function reviewNotifications(db: Executor, reviewId: string): Promise<ReviewNotificationRow[]> {
  const rows = await notificationQuery(db).where('n.review_id', '=', reviewId).orderBy('n.recorded_at').execute();
  return rows.map(notificationRow);
}

export async function findReviewNotification(db: Executor, id: string): Promise<ReviewNotificationRow | undefined> {
  const row = await notificationQuery(db).where('n.id', '=', id).executeTakeFirst();
  return row ? notificationRow(row) : undefined;
}

/** Whether the review's requirement has been recorded. */
export async function hasNotification(db: Executor, reviewId: string, requirement: string): Promise<boolean> {
  const row = await db
    .selectFrom('review_notifications')
    .select('id')
    .where('review_id', '=', reviewId)
    .where('requirement', '=', requirement)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a notification (a second one for the same requirement clashes with review_notifications_once). */
export async function insertReviewNotification(
  db: Executor,
  n: { id: string; reviewId: string; requirement: string; recipient: string; sentOn: string; recordedBy: string | null; recordedAt: string },
): Promise<void> {
  await db
    .insertInto('review_notifications')
    .values({
      id: n.id,
      review_id: n.reviewId,
      requirement: n.requirement,
      recipient: n.recipient,
      sent_on: n.sentOn,
      recorded_by: n.recordedBy,
      recorded_at: n.recordedAt,
    })
    .execute();
}

// ---- Referrals a review covers ----------------------------------------------------------------------

/** A referral the review covers: its own (primary) or linked, with the child's pseudonym (never an identity). */
export interface CoveredReferral {
  referralId: string;
  primary: boolean;
  pseudonym: Pseudonym;
  receivedOn: string;
  status: ReferralStatus;
  /** The link (null for the review's own referral). */
  linkId: string | null;
  linkedAt: string | null;
}

/** The referrals the review covers: its own first, then those linked (oldest link first). */
export async function coveredReferrals(db: Executor, review: { id: string; referralId: string }): Promise<CoveredReferral[]> {
  const own = await db.selectFrom('referrals').select(['id', 'child_number', 'received_on', 'status']).where('id', '=', review.referralId).executeTakeFirst();
  const linked = await db
    .selectFrom('review_referrals as l')
    .innerJoin('referrals as r', 'r.id', 'l.referral_id')
    .select(['l.id as link_id', 'l.linked_at', 'r.id', 'r.child_number', 'r.received_on', 'r.status'])
    .where('l.review_id', '=', review.id)
    .where('l.unlinked_at', 'is', null)
    .orderBy('l.linked_at')
    .orderBy('l.id')
    .execute();
  const out: CoveredReferral[] = [];
  if (own)
    out.push({
      referralId: own.id,
      primary: true,
      pseudonym: childPseudonym(Number(own.child_number)),
      receivedOn: own.received_on,
      status: own.status as ReferralStatus,
      linkId: null,
      linkedAt: null,
    });
  for (const r of linked)
    out.push({
      referralId: r.id,
      primary: false,
      pseudonym: childPseudonym(Number(r.child_number)),
      receivedOn: r.received_on,
      status: r.status as ReferralStatus,
      linkId: r.link_id,
      linkedAt: r.linked_at,
    });
  return out;
}

/** Locks the referral row for the rest of the transaction (PostgreSQL; SQLite's IMMEDIATE transaction holds the write lock already). */
export async function lockReferral(trx: Executor, dialect: Dialect, referralId: string): Promise<{ id: string; boardId: string } | undefined> {
  let q = trx.selectFrom('referrals').select(['id', 'board_id']).where('id', '=', referralId);
  if (dialect === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? { id: row.id, boardId: row.board_id } : undefined;
}

/** The reviews covering the referral (as their own, or linked and not unlinked), with their states. */
export async function reviewsCovering(db: Executor, referralId: string): Promise<{ id: string; stage: string; linked: boolean }[]> {
  const own = await db.selectFrom('reviews').select(['id', 'stage']).where('referral_id', '=', referralId).execute();
  const linked = await db
    .selectFrom('review_referrals as l')
    .innerJoin('reviews', 'reviews.id', 'l.review_id')
    .select(['reviews.id', 'reviews.stage'])
    .where('l.referral_id', '=', referralId)
    .where('l.unlinked_at', 'is', null)
    .execute();
  return [...own.map((r) => ({ ...r, linked: false })), ...linked.map((r) => ({ ...r, linked: true }))];
}

/** The board's referrals (pseudonym, received date), newest first: what a review might be linked to. */
export async function boardReferralChoices(
  db: Executor,
  boardId: string,
): Promise<{ referralId: string; pseudonym: Pseudonym; receivedOn: string; status: ReferralStatus }[]> {
  const rows = await db
    .selectFrom('referrals')
    .select(['id', 'child_number', 'received_on', 'status'])
    .where('board_id', '=', boardId)
    .orderBy('received_on', 'desc')
    .orderBy('child_number', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    referralId: r.id,
    pseudonym: childPseudonym(Number(r.child_number)),
    receivedOn: r.received_on,
    status: r.status as ReferralStatus,
  }));
}

/** Each review of the board: its own referral and its state. */
export async function reviewOwnReferrals(db: Executor, boardId: string): Promise<{ referralId: string; stage: string }[]> {
  const rows = await db.selectFrom('reviews').select(['referral_id', 'stage']).where('board_id', '=', boardId).execute();
  return rows.map((r) => ({ referralId: r.referral_id, stage: r.stage }));
}

/** The links in effect of the referrals (to any review), with the state of the review each is linked to. */
export async function linksOfReferrals(db: Executor, referralIds: readonly string[]): Promise<{ referralId: string; stage: string }[]> {
  if (referralIds.length === 0) return [];
  const rows = await db
    .selectFrom('review_referrals as l')
    .innerJoin('reviews', 'reviews.id', 'l.review_id')
    .select(['l.referral_id', 'reviews.stage'])
    .where('l.referral_id', 'in', [...referralIds])
    .where('l.unlinked_at', 'is', null)
    .execute();
  return rows.map((r) => ({ referralId: r.referral_id, stage: r.stage }));
}

export async function insertReviewReferral(db: Executor, l: { id: string; reviewId: string; referralId: string; linkedBy: string | null; linkedAt: string }) {
  await db
    .insertInto('review_referrals')
    .values({ id: l.id, review_id: l.reviewId, referral_id: l.referralId, linked_by: l.linkedBy, linked_at: l.linkedAt })
    .execute();
}

/** Ends the review's link to the referral; false when there was none in effect. */
export async function unlinkReviewReferral(
  db: Executor,
  u: { reviewId: string; referralId: string; by: string | null; at: string; reason: string },
): Promise<string | undefined> {
  const row = await db
    .updateTable('review_referrals')
    .set({ unlinked_by: u.by, unlinked_at: u.at, unlink_reason: u.reason })
    .where('review_id', '=', u.reviewId)
    .where('referral_id', '=', u.referralId)
    .where('unlinked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

// ---- Joint reviews ----------------------------------------------------------------------------------

export interface JointReview {
  leadBoardId: string | null;
  partnerBoardIds: string[];
}

export async function jointReview(db: Executor, reviewId: string): Promise<JointReview> {
  const [review, partners] = await Promise.all([
    db.selectFrom('reviews').select('lead_board_id').where('id', '=', reviewId).executeTakeFirst(),
    db.selectFrom('review_partner_boards').select('board_id').where('review_id', '=', reviewId).orderBy('added_at').orderBy('board_id').execute(),
  ]);
  return { leadBoardId: review?.lead_board_id ?? null, partnerBoardIds: partners.map((p) => p.board_id) };
}

/** Sets the review's lead board and partner boards (those no longer named removed, new ones added). */
export async function setJointReview(db: Executor, reviewId: string, joint: JointReview, by: string | null, at: string): Promise<void> {
  await db.updateTable('reviews').set({ lead_board_id: joint.leadBoardId }).where('id', '=', reviewId).execute();
  let remove = db.deleteFrom('review_partner_boards').where('review_id', '=', reviewId);
  if (joint.partnerBoardIds.length > 0) remove = remove.where('board_id', 'not in', joint.partnerBoardIds);
  await remove.execute();
  const kept = new Set((await db.selectFrom('review_partner_boards').select('board_id').where('review_id', '=', reviewId).execute()).map((r) => r.board_id));
  const added = joint.partnerBoardIds.filter((id) => !kept.has(id));
  if (added.length > 0)
    await db
      .insertInto('review_partner_boards')
      .values(added.map((boardId) => ({ review_id: reviewId, board_id: boardId, added_by: by, added_at: at })))
      .execute();
}
