// The actions of a review (issue 10 item 8: early learning): written when the panel records a lesson and its
// immediate action, listed on the review with their lead agency's and owner's names.
import type { Executor } from '../transaction.ts';

export interface ReviewActionRow {
  id: string;
  reviewId: string;
  source: string;
  lesson: string;
  action: string;
  leadAgencyId: string;
  leadAgency: { nameEn: string; nameCy: string };
  ownerId: string;
  ownerName: string;
  targetOn: string;
  status: string;
  createdAt: string;
}

export async function insertReviewAction(
  db: Executor,
  a: {
    id: string;
    reviewId: string;
    source: string;
    lesson: string;
    action: string;
    leadAgencyId: string;
    ownerId: string;
    targetOn: string;
    status: string;
    createdBy: string | null;
  },
  at: string,
): Promise<void> {
  await db
    .insertInto('review_actions')
    .values({
      id: a.id,
      review_id: a.reviewId,
      source: a.source,
      lesson: a.lesson,
      action: a.action,
      lead_agency_id: a.leadAgencyId,
      owner_id: a.ownerId,
      target_on: a.targetOn,
      status: a.status,
      created_by: a.createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** The review's actions, oldest first (the order they were recorded). */
export async function reviewActions(db: Executor, reviewId: string): Promise<ReviewActionRow[]> {
  const rows = await db
    .selectFrom('review_actions')
    .innerJoin('agencies', 'agencies.id', 'review_actions.lead_agency_id')
    .innerJoin('people', 'people.id', 'review_actions.owner_id')
    .select([
      'review_actions.id',
      'review_actions.review_id',
      'review_actions.source',
      'review_actions.lesson',
      'review_actions.action',
      'review_actions.lead_agency_id',
      'agencies.name_en',
      'agencies.name_cy',
      'review_actions.owner_id',
      'people.full_name',
      'review_actions.target_on',
      'review_actions.status',
      'review_actions.created_at',
    ])
    .where('review_actions.review_id', '=', reviewId)
    .orderBy('review_actions.created_at')
    .orderBy('review_actions.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reviewId: r.review_id,
    source: r.source,
    lesson: r.lesson,
    action: r.action,
    leadAgencyId: r.lead_agency_id,
    leadAgency: { nameEn: r.name_en, nameCy: r.name_cy },
    ownerId: r.owner_id,
    ownerName: r.full_name,
    targetOn: r.target_on,
    status: r.status,
    createdAt: r.created_at,
  }));
}
