// The public snapshot of a release (issue 13 item 5), taken by the publication service in the release's
// transaction: what was released — the board, the framework, the year, the review's public title (the child's
// term in the pseudonym dictionary, else the referral's pseudonym: "Child A" / "Plentyn A", never a name), the
// review's distinct learning themes — and each document the board's choice publishes, per language, as it was
// approved (the executive summary's approved version; the report's accepted one), with the folded words the public
// search reads. The public pages read this and nothing else of the case.
import { dictionaryEntries } from '../../db/repositories/dictionary-repository.ts';
import { findBoard } from '../../db/repositories/organisation-repository.ts';
import { insertPublished, learningThemesOf, type PublishedDocumentRow } from '../../db/repositories/published-repository.ts';
import { findReferral } from '../../db/repositories/referrals-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import type { Executor } from '../../db/transaction.ts';
import { londonDate } from '../../domain/clock/london.ts';
import { getFramework } from '../../domain/frameworks/index.ts';
import { pseudonymText } from '../../domain/pseudonyms.ts';
import { documentsOf, type PublicationChoice } from '../../domain/publication/publication.ts';
import { foldSearch } from '../../domain/publication/published.ts';
import { translator } from '../../i18n.ts';
import { newId } from '../context.ts';
import { PUBLISHABLE } from './publishable.ts';

/** The review's public title in both languages: the dictionary's term for the child, else the referral's pseudonym. */
async function publicTitle(trx: Executor, review: ReviewRow): Promise<{ en: string; cy: string }> {
  const child = (await dictionaryEntries(trx, review.id)).find((e) => e.category === 'child');
  if (child) return { en: child.termEn, cy: child.termCy };
  const referral = await findReferral(trx, review.referralId);
  if (!referral) throw new Error(`review ${review.id} has no referral`);
  return { en: pseudonymText(referral.pseudonym, 'en'), cy: pseudonymText(referral.pseudonym, 'cy') };
}

/** Writes the snapshot of the review released at `publishedAt` (once: a review is released once). Returns its public id. */
export async function snapshotRelease(trx: Executor, review: ReviewRow, choice: PublicationChoice, publishedAt: string, now: string): Promise<string> {
  const board = await findBoard(trx, review.boardId);
  if (!board) throw new Error(`review ${review.id} has no board`);
  const framework = getFramework(review.frameworkId);
  const title = await publicTitle(trx, review);
  const themes = await learningThemesOf(trx, review.id);
  const documents: PublishedDocumentRow[] = [];
  for (const document of documentsOf(choice))
    for (const language of PUBLISHABLE[document].languages(review)) {
      const doc = await PUBLISHABLE[document].current(trx, review, language);
      if (doc)
        documents.push({
          document,
          language,
          title: doc.title,
          version: doc.version,
          sections: doc.sections.map(({ id, title, text }) => ({ id, title, text })),
        });
    }
  const words = [title.en, title.cy, board.nameEn, board.nameCy, framework.name.en, framework.name.cy];
  for (const language of ['en', 'cy'] as const) words.push(...themes.map((th) => translator(language)(`learning-event:themes.${th}`)));
  for (const d of documents) words.push(d.title, ...d.sections.flatMap((s) => [s.title, s.text]));
  const id = newId();
  await insertPublished(
    trx,
    {
      id,
      review_id: review.id,
      board_id: review.boardId,
      framework_id: review.frameworkId,
      published_at: publishedAt,
      published_year: Number(londonDate(publishedAt).slice(0, 4)),
      title_en: title.en,
      title_cy: title.cy,
      board_name_en: board.nameEn,
      board_name_cy: board.nameCy,
      framework_name_en: framework.name.en,
      framework_name_cy: framework.name.cy,
      themes,
      search_text: foldSearch(words.join(' \n ')),
      created_at: now,
    },
    documents,
  );
  return id;
}
