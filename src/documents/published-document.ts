// A published document as the public downloads it (issue 13 item 5): composed from the public snapshot alone —
// the review's public title, the board, the framework and the release's date, then the document's sections as
// approved, wholly in the document's language (the Welsh version's PDF has /Lang cy-GB) — and rendered as Word and
// tagged PDF by the document pipeline's renderers.
import { formatDateOf } from '../domain/clock/london.ts';
import { type Block, type DocumentModel, paragraph } from '../domain/documents.ts';
import type { Language } from '../domain/organisation.ts';
import type { PublishedSection } from '../domain/publication/published.ts';
import { translator } from '../i18n.ts';

export interface PublishedDocumentInput {
  language: Language;
  /** The review's public title in the language ("Plentyn A"). */
  reviewTitle: string;
  boardName: string;
  frameworkName: string;
  publishedAt: string;
  /** The document's name in its language ("Crynodeb gweithredol"). */
  documentTitle: string;
  version: number;
  sections: readonly PublishedSection[];
}

export function composePublishedDocument(doc: PublishedDocumentInput): DocumentModel {
  const t = translator(doc.language);
  const title = t('published:document.title', { review: doc.reviewTitle, document: doc.documentTitle });
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: title },
    paragraph(doc.boardName, 'none'),
    paragraph(doc.frameworkName, 'none'),
    paragraph(t('published:document.published', { date: formatDateOf(doc.publishedAt, doc.language), version: String(doc.version) })),
  ];
  for (const section of doc.sections) {
    blocks.push({ type: 'heading', level: 2, text: section.title });
    const lines = section.text
      .split(/\n+/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length === 0) blocks.push(paragraph(t('published:page.sectionEmpty')));
    for (const line of lines) blocks.push(paragraph(line));
  }
  return { meta: { title, language: doc.language, author: doc.boardName, subject: doc.documentTitle }, blocks };
}

/** The file's name without extension, from the public title only: "Child-A-executive-summary-cy". */
export function publishedFileName(doc: Pick<PublishedDocumentInput, 'reviewTitle' | 'documentTitle' | 'language'>): string {
  const stem = `${doc.reviewTitle} ${doc.documentTitle}`
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${stem}-${doc.language}`;
}
