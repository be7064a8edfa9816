// Setting a review up and keeping it current (issue 10 items 1 and 5a): the notifications recorded on a
// review, the referrals it covers (its own first, then those linked), a joint review's boards, and its
// parallel proceedings with their history. openCriminalProceedings is what the publication gate reads (R5).

import { childPseudonym, type Pseudonym } from '../../domain/pseudonyms.ts';
import type { ProceedingStatus, ProceedingType, ReferralStatus } from '../../domain/referrals/referral.ts';
import type { ProceedingField, ProceedingFields } from '../../domain/reviews/review-setup.ts';
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
