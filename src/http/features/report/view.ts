// What the report's pages show of a version: each section's text as HTML, and a section's changes against the
// version submitted before it, marked the shared way (src/http/section-diff.ts).
import type { TFunction } from 'i18next';
import type { Language } from '../../../domain/organisation.ts';
import type { ReportContent, ReportSectionSpec } from '../../../domain/reviews/report.ts';
import { diffChanges, wordDiff } from '../../../domain/reviews/section-versions.ts';
import { diffHtml, escapeHtml, htmlLines } from '../../section-diff.ts';

/** A section's text as HTML (escaped, line breaks kept), or "Not written yet". */
export function reportSectionHtml(t: TFunction, content: ReportContent, id: string): string {
  const text = content[id]?.text ?? '';
  return text.trim() !== '' ? htmlLines(text) : `<span class="govuk-hint">${escapeHtml(t('report:page.notWritten'))}</span>`;
}

export interface ReportSectionChange {
  id: string;
  title: string;
  changed: boolean;
  html: string;
}

/** Each section of `after` against `before`, word by word. */
export function reportChanges(
  t: TFunction,
  lang: Language,
  specs: readonly ReportSectionSpec[],
  before: ReportContent,
  after: ReportContent,
): ReportSectionChange[] {
  const labels = { inserted: t('report:diff.inserted'), deleted: t('report:diff.deleted'), end: (what: string) => t('report:diff.end', { what }) };
  return specs.map((s) => {
    const parts = wordDiff(before[s.id]?.text ?? '', after[s.id]?.text ?? '');
    return { id: s.id, title: s.title[lang], changed: diffChanges(parts), html: diffHtml(parts, labels) };
  });
}
