// A version of a review's report as a document (issue 10 item 10; DOMAIN.md §1.5, §2.5): the framework's
// sections in order, each under its title in the document's language, and the review recommendations with who
// is responsible and by when; composed as a document model that the pipeline renders as Word and tagged PDF.
// People are named only by their codes in the report's own text; the document adds no case details.
import { formatDate, formatDateOf } from '../domain/clock/london.ts';
import { type Block, type DocumentModel, paragraph } from '../domain/documents.ts';
import { type Language, localName } from '../domain/organisation.ts';
import type { ReportContent, ReportSectionSpec, ReportStatus } from '../domain/reviews/report.ts';
import { translator } from '../i18n.ts';

export interface ReportDocument {
  board: { nameEn: string; nameCy: string };
  reference: string;
  reportTitle: { en: string; cy: string };
  version: number;
  status: ReportStatus;
  /** When the version reached its status (accepted, signed off, submitted) or was last changed. */
  at: string;
  sections: readonly ReportSectionSpec[];
  content: ReportContent;
  recommendations: {
    number: number;
    text: string;
    agency: { nameEn: string; nameCy: string } | null;
    person: string | null;
    responsible: string | null;
    targetOn: string | null;
  }[];
}

export function composeReviewReport(doc: ReportDocument, language: Language): DocumentModel {
  const t = translator(language);
  const board = localName(doc.board, language);
  const title = t('report:document.title', { report: doc.reportTitle[language], reference: doc.reference });
  const blocks: Block[] = [{ type: 'heading', level: 1, text: title }, paragraph(board, 'none')];
  blocks.push(
    paragraph(`${t('report:document.status', { version: String(doc.version), status: t(`report:statuses.${doc.status}`) })} ${formatDateOf(doc.at, language)}`),
  );
  for (const s of doc.sections) {
    blocks.push({ type: 'heading', level: 2, text: s.title[language] });
    const lines = (doc.content[s.id]?.text ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length === 0) blocks.push(paragraph(t('report:document.notWritten')));
    for (const line of lines) blocks.push(paragraph(line));
  }
  if (doc.recommendations.length > 0) {
    blocks.push({ type: 'heading', level: 2, text: t('report:document.recommendationsHeading') });
    for (const r of doc.recommendations) {
      const responsible = [r.agency ? localName(r.agency, language) : null, r.person, r.responsible].filter(Boolean).join(', ') || t('report:document.none');
      blocks.push(
        paragraph(
          t('report:document.recommendationLine', {
            number: String(r.number),
            text: r.text,
            responsible,
            target: r.targetOn ? formatDate(r.targetOn, language) : t('report:document.none'),
          }),
        ),
      );
    }
  }
  return { meta: { title, language, author: board, subject: t('report:document.subject') }, blocks };
}

/** The file's name without extension: "CYSUR-2026-03-report-v2-en". */
export function reviewReportFileName(doc: Pick<ReportDocument, 'reference' | 'version'>, language: Language): string {
  const stem = doc.reference.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return translator(language)('report:document.fileName', { stem, version: String(doc.version) });
}
