// The public snapshot of released reviews (issue 13 item 5): written once in the release's transaction, read by
// the public pages, which read nothing of the case but this and review_publications' status columns (withdrawn_at;
// for a delayed review, its hold and show_hold). The search matches folded words with LIKE, its wildcards escaped.
import { sql } from 'kysely';
import { containsPattern, type PublishedSection } from '../../domain/publication/published.ts';
import type { PublishedDocumentsTable, PublishedReviewsTable } from '../schema/published.ts';
import type { Executor } from '../transaction.ts';

export interface PublishedReviewRow {
  id: string;
  reviewId: string;
  boardId: string;
  frameworkId: string;
  publishedAt: string;
  year: number;
  title: { en: string; cy: string };
  boardName: { en: string; cy: string };
  frameworkName: { en: string; cy: string };
  themes: string[];
  /** When it stopped being public, from review_publications (null: it is public). */
  withdrawnAt: string | null;
}

export interface PublishedDocumentRow {
  document: string;
  language: string;
  title: string;
  version: number;
  sections: PublishedSection[];
}

export type NewPublishedReview = Omit<PublishedReviewsTable, 'themes'> & { themes: string[] };

/** A snapshot's rows as stored (themes and sections as JSON): written here, and in bulk by the demo-data generator. */
export function storedPublished(
  review: NewPublishedReview,
  documents: readonly PublishedDocumentRow[],
): { review: PublishedReviewsTable; documents: PublishedDocumentsTable[] } {
  return {
    review: { ...review, themes: JSON.stringify(review.themes) },
    documents: documents.map((d) => ({
      published_id: review.id,
      document: d.document,
      language: d.language,
      title: d.title,
      version: d.version,
      sections: JSON.stringify(d.sections),
    })),
  };
}

export async function insertPublished(trx: Executor, review: NewPublishedReview, documents: PublishedDocumentRow[]): Promise<void> {
  const stored = storedPublished(review, documents);
  await trx.insertInto('published_reviews').values(stored.review).execute();
  for (const d of stored.documents) await trx.insertInto('published_documents').values(d).execute();
}

function base(db: Executor) {
  return db
    .selectFrom('published_reviews as pr')
    .innerJoin('review_publications as rp', 'rp.review_id', 'pr.review_id')
    .select([
      'pr.id',
      'pr.review_id',
      'pr.board_id',
      'pr.framework_id',
      'pr.published_at',
      'pr.published_year',
      'pr.title_en',
      'pr.title_cy',
      'pr.board_name_en',
      'pr.board_name_cy',
      'pr.framework_name_en',
      'pr.framework_name_cy',
      'pr.themes',
      'rp.withdrawn_at',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function rowOf(r: BaseRow): PublishedReviewRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    boardId: r.board_id,
    frameworkId: r.framework_id,
    publishedAt: r.published_at,
    year: Number(r.published_year),
    title: { en: r.title_en, cy: r.title_cy },
    boardName: { en: r.board_name_en, cy: r.board_name_cy },
    frameworkName: { en: r.framework_name_en, cy: r.framework_name_cy },
    themes: JSON.parse(r.themes) as string[],
    withdrawnAt: r.withdrawn_at,
  };
}

/** The review's snapshot, or undefined (any id, well formed or not, that no snapshot has). */
export async function findPublished(db: Executor, id: string): Promise<PublishedReviewRow | undefined> {
  const row = await base(db).where('pr.id', '=', id).executeTakeFirst();
  return row ? rowOf(row) : undefined;
}

/** The snapshot of a review, by the review's id (for the service's own pages and the demo). */
export async function findPublishedByReview(db: Executor, reviewId: string): Promise<PublishedReviewRow | undefined> {
  const row = await base(db).where('pr.review_id', '=', reviewId).executeTakeFirst();
  return row ? rowOf(row) : undefined;
}

/** A published document of a snapshot in a language, or undefined. */
export async function findPublishedDocument(db: Executor, id: string, document: string, language: string): Promise<PublishedDocumentRow | undefined> {
  const r = await db
    .selectFrom('published_documents')
    .selectAll()
    .where('published_id', '=', id)
    .where('document', '=', document)
    .where('language', '=', language)
    .executeTakeFirst();
  return r
    ? { document: r.document, language: r.language, title: r.title, version: Number(r.version), sections: JSON.parse(r.sections) as PublishedSection[] }
    : undefined;
}

/** Which documents, in which languages, a snapshot holds. */
export async function publishedDocumentsOf(db: Executor, id: string): Promise<{ document: string; language: string }[]> {
  return db.selectFrom('published_documents').select(['document', 'language']).where('published_id', '=', id).orderBy('document').orderBy('language').execute();
}

/**
 * A page of the snapshots, newest first, and how many there are. With search words: only those public now
 * (not withdrawn) whose published text holds every word (folded words, `words` folded the same way); without:
 * every snapshot, the withdrawn ones too (listed as no longer published).
 */
export async function listPublished(
  db: Executor,
  q: { words: readonly string[]; now: string; limit: number; offset: number },
): Promise<{ rows: PublishedReviewRow[]; total: number }> {
  let query = base(db).where('pr.published_at', '<=', q.now);
  if (q.words.length > 0) {
    query = query.where((eb) => eb.or([eb('rp.withdrawn_at', 'is', null), eb('rp.withdrawn_at', '>', q.now)]));
    for (const word of q.words) query = query.where(sql<boolean>`${sql.ref('pr.search_text')} like ${containsPattern(word)} escape '\\'`);
  }
  const total = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query.orderBy('pr.published_at', 'desc').orderBy('pr.id', 'desc').limit(q.limit).offset(q.offset).execute();
  return { rows: rows.map(rowOf), total: Number(total.n) };
}

/**
 * Reviews held before release whose board chose to show the hold ("Publication delayed: parallel proceedings"):
 * the board's name only, at most `limit`, the longest held first. A hold not shown is never listed.
 */
export async function listDelayed(db: Executor, limit: number): Promise<{ boardNameEn: string; boardNameCy: string }[]> {
  const rows = await db
    .selectFrom('review_publications as rp')
    .innerJoin('boards as b', 'b.id', 'rp.board_id')
    .select(['b.name_en', 'b.name_cy'])
    .where('rp.published_at', 'is', null)
    .where('rp.recheck_on', 'is not', null)
    .where('rp.show_hold', '=', 1)
    .orderBy('rp.created_at')
    .orderBy('rp.review_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ boardNameEn: r.name_en, boardNameCy: r.name_cy }));
}

/** The review's distinct learning themes (codes), for its snapshot. */
export async function learningThemesOf(db: Executor, reviewId: string): Promise<string[]> {
  const rows = await db.selectFrom('learning_points').select('theme').distinct().where('review_id', '=', reviewId).orderBy('theme').execute();
  return rows.map((r) => r.theme);
}
