// What the terms of reference pages show of a version: each section as lines (the same words as the document),
// and a section's changes against the approved version before it as inserted and deleted words, marked in text
// (<ins>/<del> with a visually hidden "inserted"/"deleted" in the reader's language), never by colour alone.
import type { TFunction } from 'i18next';
import { type AgencyNames, termsSectionLines } from '../../../documents/terms-of-reference.ts';
import type { Agency, Language } from '../../../domain/organisation.ts';
import { diffChanges, wordDiff } from '../../../domain/reviews/section-versions.ts';
import { TERMS_SECTIONS, type TermsContent, type TermsSection } from '../../../domain/reviews/terms.ts';
import { diffHtml, escapeHtml } from '../../section-diff.ts';

export function agencyNames(agencies: readonly Agency[]): AgencyNames {
  return new Map(agencies.map((a) => [a.id, { nameEn: a.nameEn, nameCy: a.nameCy }]));
}

/** A section's text as HTML (escaped, a line each), or "Not set". */
export function sectionHtml(t: TFunction, lang: Language, section: TermsSection, content: TermsContent, names: AgencyNames): string {
  const text = termsSectionLines(section, content, lang, names);
  return text.length > 0 ? text.map(escapeHtml).join('<br>') : `<span class="govuk-hint">${escapeHtml(t('terms:notSet'))}</span>`;
}

export interface SectionChange {
  id: string;
  title: string;
  changed: boolean;
  html: string;
}

/** Each section of `after` against `before`: its text with insertions and deletions marked, and whether it changed. */
export function sectionChanges(t: TFunction, lang: Language, before: TermsContent, after: TermsContent, names: AgencyNames): SectionChange[] {
  const labels = { inserted: t('terms:diff.inserted'), deleted: t('terms:diff.deleted'), end: (what: string) => t('terms:diff.end', { what }) };
  return TERMS_SECTIONS.map((section) => {
    // Lists (agencies, lines of enquiry) change line by line; text word by word.
    const by = section === 'agencies' || section === 'enquiry' ? 'line' : 'word';
    const parts = wordDiff(termsSectionLines(section, before, lang, names).join('\n'), termsSectionLines(section, after, lang, names).join('\n'), by);
    const html = diffHtml(parts, labels);
    return { id: section, title: t(`terms:sections.${section}.title`), changed: diffChanges(parts), html };
  });
}
