// The public snapshot of a release (issue 13 item 5), taken by the publication service in the release's
// transaction: what was released — the board, the framework, the year, the review's public title (the child's
// term in the pseudonym dictionary, else the referral's pseudonym: "Child A" / "Plentyn A", never a name), the
// review's distinct learning themes — and each document the board's choice publishes, per language, as it was
// approved (the executive summary's approved version; the report's accepted one), with the folded words the public
// search reads. The public pages read this and nothing else of the case.
import { dictionaryEntries } from '../../db/repositories/dictionary-repository.ts';
import { findBoard } from '../../db/repositories/organisation-repository.ts';
import { insertPublished, learningThemesOf, type NewPublishedReview, type PublishedDocumentRow } from '../../db/repositories/published-repository.ts';
import { findReferral } from '../../db/repositories/referrals-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import type { Executor } from '../../db/transaction.ts';
import { londonDate } from '../../domain/clock/london.ts';
import { getFramework } from '../../domain/frameworks/index.ts';
import { pseudonymText } from '../../domain/pseudonyms.ts';
import { documentsOf, type PublicationChoice, type PublishedDocument } from '../../domain/publication/publication.ts';
import { foldSearch } from '../../domain/publication/published.ts';
import { translator } from '../../i18n.ts';
import { newId } from '../context.ts';
import { PUBLISHABLE, type PublishableDocument } from './publishable.ts';

/** The review's public title in both languages: the dictionary's term for the child, else the referral's pseudonym. */
async function publicTitle(trx: Executor, review: ReviewRow): Promise<{ en: string; cy: string }> {
  const child = (await dictionaryEntries(trx, review.id)).find((e) => e.category === 'child');
  if (child) return { en: child.termEn, cy: child.termCy };
  const referral = await findReferral(trx, review.referralId);
  if (!referral) throw new Error(`review ${review.id} has no referral`);
  return { en: pseudonymText(referral.pseudonym, 'en'), cy: pseudonymText(referral.pseudonym, 'cy') };
}

/** What a snapshot is made of, gathered by its writer (the release's transaction, or the demo-data generator). */
interface SnapshotFacts {
  /** The snapshot's public id (never the review's). */
  id: string;
  review: Pick<ReviewRow, 'id' | 'boardId' | 'frameworkId'>;
  board: { nameEn: string; nameCy: string };
  title: { en: string; cy: string };
  /** The review's distinct learning themes (codes). */
  themes: string[];
  /** Each published document in each language, as the publishable source gives it. */
  documents: { document: PublishedDocument; doc: PublishableDocument }[];
  publishedAt: string;
  now: string;
}

/**
 * The snapshot's rows (pure): the public list's columns in both languages, the folded words the search reads, and
 * each document's sections. The release writes them through snapshotRelease; the generator
 * (src/generator/steps/publication.ts) in bulk.
 */
export function snapshotRows(f: SnapshotFacts): { review: NewPublishedReview; documents: PublishedDocumentRow[] } {
  const framework = getFramework(f.review.frameworkId);
  const documents: PublishedDocumentRow[] = f.documents.map(({ document, doc }) => ({
    document,
    language: doc.language,
    title: doc.title,
    version: doc.version,
    sections: doc.sections.map(({ id, title, text }) => ({ id, title, text })),
  }));
  const words = [f.title.en, f.title.cy, f.board.nameEn, f.board.nameCy, framework.name.en, framework.name.cy];
  for (const language of ['en', 'cy'] as const) words.push(...f.themes.map((th) => translator(language)(`learning-event:themes.${th}`)));
  for (const d of documents) words.push(d.title, ...d.sections.flatMap((s) => [s.title, s.text]));
  return {
    review: {
      id: f.id,
      review_id: f.review.id,
      board_id: f.review.boardId,
      framework_id: f.review.frameworkId,
      published_at: f.publishedAt,
      published_year: Number(londonDate(f.publishedAt).slice(0, 4)),
      title_en: f.title.en,
      title_cy: f.title.cy,
      board_name_en: f.board.nameEn,
      board_name_cy: f.board.nameCy,
      framework_name_en: framework.name.en,
      framework_name_cy: framework.name.cy,
      themes: f.themes,
      search_text: foldSearch(words.join(' \n ')),
      created_at: f.now,
    },
    documents,
  };
}

/** Writes the snapshot of the review released at `publishedAt` (once: a review is released once). Returns its public id. */
export async function snapshotRelease(trx: Executor, review: ReviewRow, choice: PublicationChoice, publishedAt: string, now: string): Promise<string> {
  const board = await findBoard(trx, review.boardId);
  if (!board) throw new Error(`review ${review.id} has no board`);
  const documents: SnapshotFacts['documents'] = [];
  for (const document of documentsOf(choice))
    for (const language of PUBLISHABLE[document].languages(review)) {
      const doc = await PUBLISHABLE[document].current(trx, review, language);
      if (doc) documents.push({ document, doc });
    }
  const id = newId();
  const rows = snapshotRows({
    id,
    review,
    board,
    title: await publicTitle(trx, review),
    themes: await learningThemesOf(trx, review.id),
    documents,
    publishedAt,
    now,
  });
  await insertPublished(trx, rows.review, rows.documents);
  return id;
}
