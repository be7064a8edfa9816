// A review's recommendations (the report's "review recommendations", R4): each numbered on the review, with
// its responsible agency or person and target date, at a revision its editor names when changing it. Beside
// report-repository.ts (the report's head, versions, sections and comments); the report service decides,
// this reads and writes.
import type { Executor } from '../transaction.ts';

export interface RecommendationRow {
  id: string;
  reviewId: string;
  number: number;
  text: string;
  agencyId: string | null;
  personId: string | null;
  personName: string | null;
  responsible: string | null;
  targetOn: string | null;
  revision: number;
  /** The report's (the author's) or the board's own (added to the action plan). */
  source: RecommendationSource;
}

export type RecommendationSource = 'report' | 'board';

function recommendationsQuery(db: Executor) {
  return db
    .selectFrom('review_recommendations as r')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select([
      'r.id',
      'r.review_id',
      'r.number',
      'r.text',
      'r.agency_id',
      'r.person_id',
      'p.full_name as person_name',
      'r.responsible',
      'r.target_on',
      'r.revision',
      'r.source',
    ]);
}

function recommendationOf(r: {
  id: string;
  review_id: string;
  number: number;
  text: string;
  agency_id: string | null;
  person_id: string | null;
  person_name: string | null;
  responsible: string | null;
  target_on: string | null;
  revision: number;
  source: string;
}): RecommendationRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    number: Number(r.number),
    text: r.text,
    agencyId: r.agency_id,
    personId: r.person_id,
    personName: r.person_name,
    responsible: r.responsible,
    targetOn: r.target_on,
    revision: Number(r.revision),
    source: r.source === 'board' ? 'board' : 'report',
  };
}

/** A review's recommendations of one source (the report's, unless asked), or of both ('all': the action plan's), by number. */
export async function listRecommendations(db: Executor, reviewId: string, source: RecommendationSource | 'all' = 'report'): Promise<RecommendationRow[]> {
  let q = recommendationsQuery(db).where('r.review_id', '=', reviewId);
  if (source !== 'all') q = q.where('r.source', '=', source);
  return (await q.orderBy('r.number').execute()).map(recommendationOf);
}

export async function findRecommendation(
  db: Executor,
  reviewId: string,
  id: string,
  source: RecommendationSource | 'all' = 'report',
): Promise<RecommendationRow | undefined> {
  let q = recommendationsQuery(db).where('r.review_id', '=', reviewId).where('r.id', '=', id);
  if (source !== 'all') q = q.where('r.source', '=', source);
  const row = await q.executeTakeFirst();
  return row ? recommendationOf(row) : undefined;
}

/** The next number on the review, after every recommendation of either source (they share one numbering). */
export async function nextRecommendationNumber(db: Executor, reviewId: string): Promise<number> {
  const row = await db
    .selectFrom('review_recommendations')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('review_id', '=', reviewId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export interface RecommendationValues {
  text: string;
  agencyId: string | null;
  personId: string | null;
  responsible: string | null;
  targetOn: string | null;
}

export async function insertRecommendation(
  db: Executor,
  r: RecommendationValues & { id: string; reviewId: string; boardId: string; number: number; by: string | null; at: string; source?: RecommendationSource },
): Promise<void> {
  await db
    .insertInto('review_recommendations')
    .values({
      id: r.id,
      review_id: r.reviewId,
      board_id: r.boardId,
      number: r.number,
      text: r.text,
      agency_id: r.agencyId,
      person_id: r.personId,
      responsible: r.responsible,
      target_on: r.targetOn,
      revision: 0,
      source: r.source ?? 'report',
      created_by: r.by,
      created_at: r.at,
      updated_by: r.by,
      updated_at: r.at,
    })
    .execute();
}

/** Rewrites a review recommendation at its next revision, only if it is still at the revision its editor opened; whether it was. */
export async function updateRecommendation(
  db: Executor,
  r: RecommendationValues & { reviewId: string; id: string; revision: number; by: string | null; at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('review_recommendations')
    .set({
      text: r.text,
      agency_id: r.agencyId,
      person_id: r.personId,
      responsible: r.responsible,
      target_on: r.targetOn,
      revision: r.revision + 1,
      updated_by: r.by,
      updated_at: r.at,
    })
    .where('review_id', '=', r.reviewId)
    .where('id', '=', r.id)
    .where('revision', '=', r.revision)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
