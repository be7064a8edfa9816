// What the executive summary offers the rest of publication (issue 13 items 2 and 4), read without an access
// check of its own: the caller (the anonymisation check, the publication decision) has already checked access
// to the review in its own transaction (reviewInScope) and passes that transaction.
// - `summaryPublishable`: a language version to be published as the anonymisation check scans it — the
//   "publishable document" shape { kind, language, version, sections: { id, title, text } } — the language's
//   latest approved version (null when none is approved). The board's statement quotes the figures frozen with it:
//   they are published as its own section ('figures'), so the check scans every word that would be published.
// - `summaryApproval`: the approved version of each language (null where none), for the publication gate (R10).
import { findSummaryHead, findSummaryVersion } from '../../db/repositories/summary-repository.ts';
import type { Executor } from '../../db/transaction.ts';
import { figuresLines } from '../../documents/executive-summary.ts';
import type { Language } from '../../domain/organisation.ts';
import { SUMMARY_SECTIONS } from '../../domain/publication/summary.ts';
import { translator } from '../../i18n.ts';

export interface PublishableSummary {
  kind: 'summary';
  language: Language;
  version: number;
  sections: { id: string; title: string; text: string }[];
}

/** The approved version of each language, or null. */
export async function summaryApproval(db: Executor, reviewId: string): Promise<{ en: number | null; cy: number | null }> {
  const head = await findSummaryHead(db, reviewId);
  return { en: head?.approved.en ?? null, cy: head?.approved.cy ?? null };
}

/** The language's approved version as it would be published (its sections, then the figures its statement quotes), or null. */
export async function summaryPublishable(db: Executor, reviewId: string, language: Language): Promise<PublishableSummary | null> {
  const approved = (await summaryApproval(db, reviewId))[language];
  if (approved === null) return null;
  const version = await findSummaryVersion(db, reviewId, language, approved);
  if (!version) return null;
  const sections = SUMMARY_SECTIONS.map((s) => ({ id: s.id, title: s.title[language], text: version.content[s.id]?.text ?? '' }));
  if (version.figures) {
    const t = translator(language);
    sections.push({ id: 'figures', title: t('summary:figures.title'), text: figuresLines(version.figures, language).join('\n') });
  }
  return { kind: 'summary', language, version: version.version, sections };
}
