// What the executive summary offers the rest of publication (issue 13 items 2 and 4), read without an access
// check of its own: the caller (the anonymisation check, the publication decision) has already checked access
// to the review in its own transaction (reviewInScope) and passes that transaction.
// - `summaryPublishableSource`: the summary as one entry of the anonymisation check's publishable documents (the
//   shape of src/services/publication/publishable.ts on the anonymisation branch: name, languages, current — a
//   language's document as it stands, its latest version, draft or approved; approving a version does not change
//   its number, so a check of the latest draft is a check of what is then approved).
// - `summaryPublishable`: a language's approved version, the version to be published (null when none is approved).
// - `summaryApproval`: the approved version of each language (null where none), for the publication gate (R10).
// A document is { kind: 'summary', language, version, title, sections: { id, title, text } }: the sections in
// the version's language and, for an approved version, the plan's figures its statement quoted (frozen with it) as
// a last section 'figures' — they are published too, so the check scans every word that would be.
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import { findSummaryHead, findSummaryVersion, type SummaryVersionWithSections } from '../../db/repositories/summary-repository.ts';
import type { Executor } from '../../db/transaction.ts';
import { figuresLines } from '../../documents/executive-summary.ts';
import type { Language } from '../../domain/organisation.ts';
import { SUMMARY_LANGUAGES, SUMMARY_SECTIONS } from '../../domain/publication/summary.ts';
import type { Bilingual } from '../../domain/reviews/report.ts';
import { translator } from '../../i18n.ts';

export interface PublishableSummary {
  kind: 'summary';
  language: Language;
  version: number;
  title: string;
  sections: { id: string; title: string; text: string }[];
}

/** An approved (or latest) language version as a publishable document (pure: the generator digests and snapshots its summaries through it). */
export function summaryDocument(version: Pick<SummaryVersionWithSections, 'language' | 'version' | 'content' | 'figures'>): PublishableSummary {
  const language = version.language;
  const t = translator(language);
  const sections = SUMMARY_SECTIONS.map((s) => ({ id: s.id, title: s.title[language], text: version.content[s.id]?.text ?? '' }));
  if (version.figures) sections.push({ id: 'figures', title: t('summary:figures.title'), text: figuresLines(version.figures, language).join('\n') });
  return { kind: 'summary', language, version: version.version, title: t('summary:page.title'), sections };
}

/** The approved version of each language, or null. */
export async function summaryApproval(db: Executor, reviewId: string): Promise<{ en: number | null; cy: number | null }> {
  const head = await findSummaryHead(db, reviewId);
  return { en: head?.approved.en ?? null, cy: head?.approved.cy ?? null };
}

/** The language's approved version as it would be published, or null. */
export async function summaryPublishable(db: Executor, reviewId: string, language: Language): Promise<PublishableSummary | null> {
  const approved = (await summaryApproval(db, reviewId))[language];
  const version = approved === null ? undefined : await findSummaryVersion(db, reviewId, language, approved);
  return version ? summaryDocument(version) : null;
}

/** The summary as a publishable document of the anonymisation check: each language on its own, as it stands. */
export const summaryPublishableSource = {
  name: (_review: ReviewRow): Bilingual => ({ en: 'Executive summary', cy: 'Crynodeb gweithredol' }),
  languages: (_review: ReviewRow): readonly Language[] => SUMMARY_LANGUAGES,
  async current(trx: Executor, review: ReviewRow, language: Language): Promise<PublishableSummary | null> {
    const latest = (await findSummaryHead(trx, review.id))?.latest[language] ?? 0;
    const version = latest > 0 ? await findSummaryVersion(trx, review.id, language, latest) : undefined;
    return version ? summaryDocument(version) : null;
  },
};
