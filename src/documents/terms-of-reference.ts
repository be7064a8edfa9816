// A review's approved terms of reference as a document (issue 10 item 3; DOMAIN.md §6.2), composed as a document
// model (rendered as Word and tagged PDF by the document pipeline), wholly in the reader's language. Each section
// is written as lines of text by termsSectionLines, which the pages and the version comparison use too, so the
// document, the page and the differences say the same. The child is named only by their pseudonym.
import { formatDate, formatDateOf } from '../domain/clock/london.ts';
import { type Block, type DocumentModel, paragraph } from '../domain/documents.ts';
import { type Language, localName } from '../domain/organisation.ts';
import { pseudonymText } from '../domain/pseudonyms.ts';
import { isTextSection, TERMS_SECTIONS, type TermsContent, type TermsSection } from '../domain/reviews/terms.ts';
import { translator } from '../i18n.ts';

/** An agency's name in both languages, by id (the terms store ids). */
export type AgencyNames = ReadonlyMap<string, { nameEn: string; nameCy: string }>;

/** A section as lines of text in the language: what the page shows, the comparison compares and the document says. */
export function termsSectionLines(section: TermsSection, content: TermsContent, language: Language, agencies: AgencyNames): string[] {
  const t = translator(language);
  if (isTextSection(section)) {
    return content[section].text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
  }
  switch (section) {
    case 'subject':
      return [pseudonymText(content.subject.pseudonym, language)];
    case 'period': {
      const { startOn, endOn } = content.period;
      return startOn && endOn ? [t('terms:period.text', { start: formatDate(startOn, language), end: formatDate(endOn, language) })] : [];
    }
    case 'agencies':
      return content.agencies.items.map((i) => {
        // The name the approval kept, else the agency's name now (a draft).
        const names = i.name ?? agencies.get(i.agencyId);
        return t('terms:agencies.line', { agency: names ? localName(names, language) : t('terms:agencies.unknown'), form: t(`terms:forms.${i.form}`) });
      });
    case 'enquiry':
      return content.enquiry.items.map((item, n) => `${n + 1}. ${item}`);
  }
  return [];
}

export interface TermsDocument {
  board: { nameEn: string; nameCy: string };
  /** The review's reference, e.g. "CYSUR/2026/03". */
  reference: string;
  framework: { nameEn: string; nameCy: string };
  version: number;
  approvedAt: string;
  approvedByName: string;
  content: TermsContent;
  agencies: AgencyNames;
}

/** The document's wording and order, independent of the file format. */
export function composeTermsOfReference(doc: TermsDocument, language: Language): DocumentModel {
  const t = translator(language);
  const board = localName(doc.board, language);
  const blocks: Block[] = [];
  const title = t('terms:document.title', { reference: doc.reference });
  blocks.push({ type: 'heading', level: 1, text: title });
  blocks.push(paragraph(board, 'none'));
  blocks.push(paragraph(localName(doc.framework, language), 'none'));
  blocks.push(
    paragraph(t('terms:document.approved', { version: String(doc.version), date: formatDateOf(doc.approvedAt, language), name: doc.approvedByName })),
  );
  for (const section of TERMS_SECTIONS) {
    blocks.push({ type: 'heading', level: 2, text: t(`terms:sections.${section}.title`) });
    const lines = termsSectionLines(section, doc.content, language, doc.agencies);
    if (section === 'agencies' || section === 'enquiry') {
      if (lines.length > 0) blocks.push({ type: 'list', ordered: section === 'enquiry', items: section === 'enquiry' ? doc.content.enquiry.items : lines });
      else blocks.push(paragraph(t('terms:notSet')));
    } else if (lines.length > 0) for (const line of lines) blocks.push(paragraph(line));
    else blocks.push(paragraph(t('terms:notSet')));
  }
  return { meta: { title, language, author: board, subject: t('terms:document.subject') }, blocks };
}

/** The file's name without extension, from the review's reference and the version: "CYSUR-2026-03-terms-of-reference-v2-en". */
export function termsFileName(doc: Pick<TermsDocument, 'reference' | 'version'>, language: Language): string {
  const stem = doc.reference.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return translator(language)('terms:document.fileName', { stem, version: String(doc.version) });
}
