// A review's approved executive summary as a document (issue 13 item 3; DOMAIN.md §1.5, §1.6, §7.3): one
// language version, wholly in its language (the Welsh version is a Welsh document: its PDF's /Lang is cy-GB),
// composed as a document model and rendered as Word and tagged PDF by the document pipeline. Its sections in
// order, then the action plan's figures the board's statement quoted, as frozen when the version was approved.
// figuresLines writes those figures as lines, the same words the pages and the anonymisation check read.
import { formatDate, formatDateOf } from '../domain/clock/london.ts';
import { type Block, type DocumentModel, paragraph } from '../domain/documents.ts';
import { type Language, localName } from '../domain/organisation.ts';
import { SUMMARY_SECTIONS, type SummaryContent, type SummaryFigures } from '../domain/publication/summary.ts';
import { translator } from '../i18n.ts';

/** The plan's figures as lines of text in the language: totals, then the counts by status and by RAG that are not zero. */
export function figuresLines(figures: SummaryFigures, language: Language): string[] {
  const t = translator(language);
  const lines = [
    t('summary:figures.asOn', { date: formatDate(figures.asOn, language) }),
    t('summary:figures.total', { count: figures.total }),
    t('summary:figures.completed', { count: figures.completed }),
    t('summary:figures.overdue', { count: figures.overdue }),
    t('summary:figures.impact', { count: figures.impact }),
  ];
  for (const [status, count] of Object.entries(figures.statuses))
    if (count > 0) lines.push(t('summary:figures.byStatus', { status: t(`actions:statuses.${status}`), count }));
  for (const [rag, count] of Object.entries(figures.rags)) if (count > 0) lines.push(t('summary:figures.byRag', { rag: t(`actions:rag.${rag}`), count }));
  for (const r of figures.recommendations)
    lines.push(t(r.source === 'board' ? 'summary:figures.boardRecommendation' : 'summary:figures.recommendation', { number: r.number, text: r.text }));
  return lines;
}

export interface SummaryDocument {
  board: { nameEn: string; nameCy: string };
  reference: string;
  language: Language;
  version: number;
  approvedAt: string;
  approvedByName: string;
  content: SummaryContent;
  figures: SummaryFigures | null;
}

/** The document's wording and order, independent of the file format. */
export function composeExecutiveSummary(doc: SummaryDocument): DocumentModel {
  const language = doc.language;
  const t = translator(language);
  const board = localName(doc.board, language);
  const title = t('summary:document.title', { reference: doc.reference });
  const blocks: Block[] = [{ type: 'heading', level: 1, text: title }, paragraph(board, 'none')];
  blocks.push(
    paragraph(t('summary:document.approved', { version: String(doc.version), date: formatDateOf(doc.approvedAt, language), name: doc.approvedByName })),
  );
  for (const section of SUMMARY_SECTIONS) {
    blocks.push({ type: 'heading', level: 2, text: section.title[language] });
    const lines = (doc.content[section.id]?.text ?? '')
      .split(/\n+/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length === 0) blocks.push(paragraph(t('summary:notWritten')));
    for (const line of lines) blocks.push(paragraph(line));
  }
  if (doc.figures) {
    blocks.push({ type: 'heading', level: 2, text: t('summary:figures.title') });
    blocks.push({ type: 'list', ordered: false, items: figuresLines(doc.figures, language) });
  }
  return { meta: { title, language, author: board, subject: t('summary:document.subject') }, blocks };
}

/** The file's name without extension: "CYSUR-2026-03-executive-summary-v2-cy". */
export function summaryFileName(doc: Pick<SummaryDocument, 'reference' | 'version' | 'language'>): string {
  const stem = doc.reference.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return translator(doc.language)('summary:document.fileName', { stem, version: String(doc.version) });
}
