// What the executive summary's pages show: a language version's sections (the text in the version's language,
// marked lang="cy" for Welsh), the action plan's figures (the same lines as the document, figuresLines), the parity
// check's findings as sentences, and a version's changes against the approved version before it, word by word
// (wordDiff, marked as the terms of reference and the report mark theirs: diffHtml).
import type { TFunction } from 'i18next';
import { figuresLines } from '../../../documents/executive-summary.ts';
import type { Language } from '../../../domain/organisation.ts';
import { type ParityFinding, SUMMARY_SECTIONS, type SummaryContent, type SummaryFigures, summarySection } from '../../../domain/publication/summary.ts';
import { diffChanges, wordDiff } from '../../../domain/reviews/section-versions.ts';
import { diffHtml, escapeHtml, htmlLines } from '../../section-diff.ts';

/** "English" / "Welsh" in the reader's language, as a version's name ("English version", "fersiwn Gymraeg"). */
export const versionLanguage = (t: TFunction, language: Language) => t(`summary:page.versionLanguages.${language}`);

/** A section's title in the reader's language. */
function sectionTitle(readerLanguage: Language, id: string): string {
  return summarySection(id)?.title[readerLanguage] ?? id;
}

/** A section's text as HTML in the version's language, or "Not written yet". */
export function sectionHtml(t: TFunction, language: Language, text: string): string {
  if (text.trim() === '') return `<span class="govuk-hint">${escapeHtml(t('summary:page.notWritten'))}</span>`;
  return `<span lang="${language === 'cy' ? 'cy' : 'en'}">${htmlLines(text)}</span>`;
}

/** The plan's figures as lines in the reader's language (the document's wording). */
export function figuresView(t: TFunction, readerLanguage: Language, figures: SummaryFigures | null) {
  if (!figures) return null;
  return {
    lines: figuresLines(figures, readerLanguage),
    empty: figures.total === 0 && figures.recommendations.length === 0,
    noneText: t('summary:figures.none'),
  };
}

/** The parity check's findings as sentences in the reader's language. */
export function parityLines(t: TFunction, readerLanguage: Language, findings: readonly ParityFinding[]): string[] {
  return findings.map((f) => {
    const section = sectionTitle(readerLanguage, f.section);
    if (f.kind === 'missing') return t('summary:parity.missing', { section, language: versionLanguage(t, f.language) });
    return t(f.language === 'en' ? 'summary:parity.changedEn' : 'summary:parity.changedCy', { section });
  });
}

/** Each section of `after` against `before`, word by word: its text with insertions and deletions marked, and whether it changed. */
export function sectionChanges(t: TFunction, readerLanguage: Language, before: SummaryContent, after: SummaryContent) {
  const labels = { inserted: t('summary:diff.inserted'), deleted: t('summary:diff.deleted'), end: (what: string) => t('summary:diff.end', { what }) };
  return SUMMARY_SECTIONS.map((s) => {
    const parts = wordDiff(before[s.id]?.text ?? '', after[s.id]?.text ?? '');
    return { id: s.id, title: s.title[readerLanguage], changed: diffChanges(parts), html: diffHtml(parts, labels) };
  });
}
