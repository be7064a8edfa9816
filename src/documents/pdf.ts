// Tagged, accessible PDFs (PDF/UA): a Document structure with H1/H2/P elements, the document's language and
// title, and an embedded DejaVu Sans font (the standard Helvetica cannot show Welsh ŵ and ŷ).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Font } from 'fontkit';
import type { Language } from '../domain/organisation.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = join(fontDir, 'DejaVuSans.ttf');
const BOLD = join(fontDir, 'DejaVuSans-Bold.ttf');
const REGULAR_NAME = 'DejaVuSans';
const BOLD_NAME = 'DejaVuSans-Bold';

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

let fonts: Promise<{ regular: Font; bold: Font }> | undefined;

/**
 * The two fonts, parsed once per process. Given a file, pdfkit parses the font's tables for every document:
 * 59 % of the ~80 ms of CPU a decision letter took (bench/README.md). A parsed font serves any number of
 * documents; each document still embeds its own subset of the glyphs it uses.
 */
function loadFonts() {
  fonts ??= (async () => {
    const fontkit = await import('fontkit');
    const open = async (file: string) => {
      const font = fontkit.create(await readFile(file));
      if (!('layout' in font)) throw new Error(`${file} is a font collection, not a font`);
      return font;
    };
    const [regular, bold] = await Promise.all([open(REGULAR), open(BOLD)]);
    return { regular, bold };
  })();
  return fonts;
}

/** Loaded on first use: pdfkit adds about 300 ms to start-up, and most processes never make a PDF. */
export async function createTaggedPdf(title: string, language: Language): Promise<TaggedPdf> {
  const [{ default: PDFDocument }, { regular, bold }] = await Promise.all([import('pdfkit'), loadFonts()]);
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
    // No default font: pdfkit would load Helvetica, which cannot be embedded (PDF/UA requires embedded fonts).
    font: null as unknown as string,
  };
  const doc = new PDFDocument(options);
  doc.registerFont(REGULAR_NAME, regular as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont(BOLD_NAME, bold as unknown as PDFKit.Mixins.PDFFontSource);
  doc.font(REGULAR_NAME);
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
    h1: (text) => block('H1', BOLD_NAME, 18, text, 0.6),
    h2: (text) => block('H2', BOLD_NAME, 13, text, 0.4),
    p: (text, gapAfter = 0.8) => block('P', REGULAR_NAME, BODY_SIZE, text, gapAfter),
    finish: () => {
      root.end();
      doc.end();
      return ended;
    },
  };
}
