// Tagged, accessible PDFs (PDF/UA): a Document structure with H1/H2/P elements, the document's language and
// title, and an embedded DejaVu Sans font (the standard Helvetica cannot show Welsh ŵ and ŷ).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Language } from '../domain/organisation.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = join(fontDir, 'DejaVuSans.ttf');
const BOLD = join(fontDir, 'DejaVuSans-Bold.ttf');

const PDF_LANG: Record<Language, string> = { en: 'en-GB', cy: 'cy-GB' };
const BODY_SIZE = 11;

export interface TaggedPdf {
  doc: PDFKit.PDFDocument;
  h1(text: string): void;
  h2(text: string): void;
  /** A paragraph; `gapAfter` is the space after it in lines (default 0.8). */
  p(text: string, gapAfter?: number): void;
  /** Ends the document and returns its bytes. */
  finish(): Promise<Buffer>;
}

/** Loaded on first use: pdfkit adds about 300 ms to start-up, and most processes never make a PDF. */
export async function createTaggedPdf(title: string, language: Language): Promise<TaggedPdf> {
  const { default: PDFDocument } = await import('pdfkit');
  const options: PDFKit.PDFDocumentOptions = {
    pdfVersion: '1.7',
    tagged: true,
    lang: PDF_LANG[language],
    displayTitle: true,
    // @types/pdfkit 0.17 lists only the PDF/A subsets; pdfkit 0.20 also implements PDF/UA.
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    info: { Title: title },
    size: 'A4',
    margin: 72,
    font: REGULAR,
  };
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);

  const block = (tag: string, font: string, size: number, text: string, gapAfter: number) => {
    root.add(
      doc.struct(tag, {}, () => {
        doc.font(font).fontSize(size).text(text);
      }),
    );
    doc.moveDown(gapAfter);
  };

  return {
    doc,
    h1: (text) => block('H1', BOLD, 18, text, 0.6),
    h2: (text) => block('H2', BOLD, 13, text, 0.4),
    p: (text, gapAfter = 0.8) => block('P', REGULAR, BODY_SIZE, text, gapAfter),
    finish: () => {
      root.end();
      doc.end();
      return ended;
    },
  };
}
