// One entry to the three renderings of a document model, and what each format is as a file.
import { type DocumentFormat, type DocumentModel, documentProblems } from '../domain/documents.ts';
import { renderDocx } from './docx.ts';
import { renderHtmlFile } from './html.ts';
import { preloadPdf, renderPdf } from './pdf.ts';

export const FORMAT_FILES: Record<DocumentFormat, { contentType: string; extension: string }> = {
  html: { contentType: 'text/html; charset=utf-8', extension: 'html' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
};

/** Refuses a model a renderer could not lay out faithfully (domain/documents.ts documentProblems). */
export function assertRenderable(model: DocumentModel): void {
  const problems = documentProblems(model);
  if (problems.length > 0) throw new Error(`The document cannot be rendered: ${problems.join('; ')}`);
}

/** The document as a file of the format; `createdAt` dates the PDF (a stored version's time). */
export async function renderDocument(model: DocumentModel, format: DocumentFormat, options: { createdAt?: Date } = {}): Promise<Buffer> {
  assertRenderable(model);
  switch (format) {
    case 'html':
      return renderHtmlFile(model);
    case 'docx':
      return renderDocx(model);
    case 'pdf':
      return renderPdf(model, options);
  }
}

/** Loads a format's renderer (its modules and fonts) ahead of a rendering: a no-op once loaded. */
export async function preloadRenderer(format: DocumentFormat): Promise<void> {
  if (format === 'pdf') await preloadPdf();
  else if (format === 'docx') await import('docx');
}
