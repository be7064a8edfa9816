// What the terms of reference pages show of a version: each section as lines (the same words as the document),
// and a section's changes against the approved version before it as inserted and deleted words, marked in text
// (<ins>/<del> with a visually hidden "inserted"/"deleted" in the reader's language), never by colour alone.
import type { TFunction } from 'i18next';
import { type AgencyNames, termsSectionLines } from '../../../documents/terms-of-reference.ts';
import type { Agency, Language } from '../../../domain/organisation.ts';
import { diffChanges, TERMS_SECTIONS, type TermsContent, type TermsSection, wordDiff } from '../../../domain/reviews/terms.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;' };
const escapeHtml = (s: string) => s.replace(/[&"'<>]/g, (c) => ENTITIES[c] ?? c);
/** Escaped text with its line breaks kept. */
const lines = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');

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
  const ins = escapeHtml(t('terms:diff.inserted'));
  const del = escapeHtml(t('terms:diff.deleted'));
  const end = (what: string) => `<span class="govuk-visually-hidden"> ${escapeHtml(t('terms:diff.end', { what }))}</span>`;
  return TERMS_SECTIONS.map((section) => {
    // Lists (agencies, lines of enquiry) change line by line; text word by word.
    const by = section === 'agencies' || section === 'enquiry' ? 'line' : 'word';
    const parts = wordDiff(termsSectionLines(section, before, lang, names).join('\n'), termsSectionLines(section, after, lang, names).join('\n'), by);
    const html = parts
      .map(
        (p, i) =>
          // A deletion followed at once by an insertion is kept apart by a space, so the two words do not run together.
          (p.kind === 'ins' && parts[i - 1]?.kind === 'del' ? ' ' : '') +
          (p.kind === 'same'
            ? lines(p.text)
            : p.kind === 'ins'
              ? `<ins><span class="govuk-visually-hidden">${ins} </span>${lines(p.text)}${end(t('terms:diff.inserted'))}</ins>`
              : `<del><span class="govuk-visually-hidden">${del} </span>${lines(p.text)}${end(t('terms:diff.deleted'))}</del>`),
      )
      .join('');
    return { id: section, title: t(`terms:sections.${section}.title`), changed: diffChanges(parts), html };
  });
}
