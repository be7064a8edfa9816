// Tagged, accessible PDFs (PDF/UA): a Document structure of H1–H3, P, L/LI/Lbl/LBody, Table/Caption/TR/TH/TD
// and Figure (with its text alternative) elements, the document's language, title and author, and embedded
// DejaVu Sans fonts (the standard Helvetica cannot show Welsh ŵ and ŷ, and PDF/UA requires embedded fonts).
// renderPdf lays a document model out with it; figures are drawn from their SVG as vectors (svg-to-pdfkit).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Font } from 'fontkit';
import { type DocumentModel, LANGUAGE_TAGS, type ParagraphSpace, svgSize, type TextRun } from '../domain/documents.ts';
import type { Language } from '../domain/organisation.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';
const FONTS: Record<FontStyle, { file: string; name: string }> = {
  regular: { file: 'DejaVuSans.ttf', name: 'DejaVuSans' },
  bold: { file: 'DejaVuSans-Bold.ttf', name: 'DejaVuSans-Bold' },
  italic: { file: 'DejaVuSans-Oblique.ttf', name: 'DejaVuSans-Oblique' },
  boldItalic: { file: 'DejaVuSans-BoldOblique.ttf', name: 'DejaVuSans-BoldOblique' },
};

const BODY_SIZE = 11;
const SPACE_AFTER: Record<ParagraphSpace, number> = { none: 0, normal: 0.8, large: 2 };
/** SVG and CSS pixels are 1/96 inch; PDF points 1/72. */
const PT_PER_PX = 72 / 96;

export interface TaggedPdf {
  doc: PDFKit.PDFDocument;
  heading(level: 1 | 2 | 3, text: string): void;
  h1(text: string): void;
  h2(text: string): void;
  /** A paragraph of text or of runs (bold, italic); `gapAfter` is the space after it in lines (default 0.8). */
  p(text: string | readonly TextRun[], gapAfter?: number): void;
  list(items: readonly string[], ordered: boolean): void;
  table(table: { caption: string; head: readonly string[][]; body: readonly string[][]; rowHeaders?: boolean }): void;
  /** An SVG figure, tagged Figure with its text alternative, and its caption. Needs `figures: true`. */
  figure(figure: { svg: string; alt: string; caption?: string }): void;
  /** Ends the document and returns its bytes. */
  finish(): Promise<Buffer>;
}

const parsed = new Map<FontStyle, Promise<Font>>();

/**
 * A font, parsed once per process. Given a file, pdfkit parses the font's tables for every document: 59 % of
 * the ~80 ms of CPU a decision letter took (bench/README.md). A parsed font serves any number of documents;
 * each document still embeds its own subset of the glyphs it uses. Only the styles a document uses are parsed.
 */
function loadFont(style: FontStyle): Promise<Font> {
  let font = parsed.get(style);
  if (!font) {
    font = (async () => {
      const fontkit = await import('fontkit');
      const file = join(fontDir, FONTS[style].file);
      const loaded = fontkit.create(await readFile(file));
      if (!('layout' in loaded)) throw new Error(`${file} is a font collection, not a font`);
      return loaded;
    })();
    parsed.set(style, font);
  }
  return font;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xmlEscape = (text: unknown) => (typeof text === 'string' ? text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c) : text);

/**
 * pdfkit 0.20 writes the title, author and subject into the XMP metadata unescaped, so a board called
 * "Cardiff & Vale" would make the metadata XML malformed (and the file fail PDF/UA). The Info dictionary is
 * already written by then, so the values are escaped for the XMP alone.
 */
function escapeXmpInfo(doc: PDFKit.PDFDocument): void {
  const target = doc as unknown as { info: Record<string, unknown>; _addInfo(): void };
  const addInfo = target._addInfo;
  target._addInfo = function (this: typeof target) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, xmlEscape(value)]));
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
}

export interface PdfOptions {
  author?: string;
  subject?: string;
  /** The file's creation date (a stored version's): the same version gives the same dates. */
  createdAt?: Date;
  /** Load the italic fonts (a paragraph has emphasis). */
  italic?: boolean;
  /** Load the SVG renderer (the document has figures). */
  figures?: boolean;
  /** Landscape pages (a wide table). */
  landscape?: boolean;
}

/** Loads pdfkit and the regular and bold fonts, so that a first rendering does not wait for them. */
export async function preloadPdf(): Promise<void> {
  await Promise.all([import('pdfkit'), loadFont('regular'), loadFont('bold')]);
}

/** Loaded on first use: pdfkit adds about 300 ms to start-up, and most processes never make a PDF. */
export async function createTaggedPdf(title: string, language: Language, options: PdfOptions = {}): Promise<TaggedPdf> {
  const styles: FontStyle[] = options.italic ? ['regular', 'bold', 'italic', 'boldItalic'] : ['regular', 'bold'];
  const [{ default: PDFDocument }, fonts, svgToPdf] = await Promise.all([
    import('pdfkit'),
    Promise.all(styles.map(async (style) => [style, await loadFont(style)] as const)),
    options.figures ? import('svg-to-pdfkit').then((m) => m.default) : undefined,
  ]);
  const info: PDFKit.DocumentInfo = { Title: title, Creator: 'Case Review' };
  if (options.author) info.Author = options.author;
  if (options.subject) info.Subject = options.subject;
  if (options.createdAt) info.CreationDate = options.createdAt;
  const pdfOptions: PDFKit.PDFDocumentOptions = {
    pdfVersion: '1.7',
    tagged: true,
    lang: LANGUAGE_TAGS[language],
    displayTitle: true,
    // @types/pdfkit 0.17 lists only the PDF/A subsets; pdfkit 0.20 also implements PDF/UA.
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    info,
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margin: 72,
    // No default font: pdfkit would load Helvetica, which cannot be embedded (PDF/UA requires embedded fonts).
    font: null as unknown as string,
  };
  const doc = new PDFDocument(pdfOptions);
  escapeXmpInfo(doc);
  for (const [style, font] of fonts) doc.registerFont(FONTS[style].name, font as unknown as PDFKit.Mixins.PDFFontSource);
  const fontFor = (run: { strong?: boolean; emphasis?: boolean }) => {
    const style: FontStyle = run.emphasis && options.italic ? (run.strong ? 'boldItalic' : 'italic') : run.strong ? 'bold' : 'regular';
    return FONTS[style].name;
  };
  doc.font(FONTS.regular.name);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const left = () => doc.page.margins.left;
  const contentWidth = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  const block = (tag: string, font: string, size: number, text: string, gapAfter: number) => {
    root.add(
      doc.struct(tag, {}, () => {
        doc.font(font).fontSize(size).text(text, left());
      }),
    );
    doc.moveDown(gapAfter);
  };
  const HEADINGS = { 1: [18, 0.6], 2: [13, 0.4], 3: [11.5, 0.3] } as const;
  const heading = (level: 1 | 2 | 3, text: string) => block(`H${level}`, FONTS.bold.name, HEADINGS[level][0], text, HEADINGS[level][1]);

  return {
    doc,
    heading,
    h1: (text) => heading(1, text),
    h2: (text) => heading(2, text),
    p: (text, gapAfter = SPACE_AFTER.normal) => {
      const runs = typeof text === 'string' ? [{ text }] : text;
      root.add(
        doc.struct('P', {}, () => {
          doc.fontSize(BODY_SIZE);
          runs.forEach((run, i) => {
            doc.font(fontFor(run));
            if (i === 0) doc.text(run.text, left(), undefined, { continued: runs.length > 1 });
            else doc.text(run.text, { continued: i < runs.length - 1 });
          });
        }),
      );
      doc.moveDown(gapAfter);
    },
    list: (items, ordered) => {
      const list = doc.struct('L');
      root.add(list);
      doc.font(FONTS.regular.name).fontSize(BODY_SIZE);
      doc.x = left();
      doc.list([...items], { structParent: list, listType: ordered ? 'numbered' : 'bullet', paragraphGap: 2 } as PDFKit.Mixins.TextOptions);
      list.end();
      doc.x = left();
      doc.moveDown(SPACE_AFTER.normal);
    },
    table: ({ caption, head, body, rowHeaders }) => {
      doc.font(FONTS.bold.name).fontSize(BODY_SIZE);
      const captionHeight = doc.heightOfString(caption, { width: contentWidth() }) + 6;
      // The caption and the first rows stay together on a page.
      if (doc.y + captionHeight + 3 * 24 > bottom()) doc.addPage();
      const x = left();
      const y = doc.y;
      const cell = (text: string, header: 'Column' | 'Row' | null) =>
        header ? { text, type: 'TH', scope: header, font: { src: FONTS.bold.name } } : { text, type: 'TD', font: { src: FONTS.regular.name } };
      const table = doc.table({
        position: { x, y: y + captionHeight },
        structParent: root,
        defaultStyle: { border: 0.5, borderColor: '#b1b4b6', padding: 4, font: { size: 10 } },
      } as unknown as PDFKit.Mixins.TableOptions) as unknown as {
        _tableStruct: PDFKit.PDFStructureElement;
        row(cells: unknown[]): unknown;
        end(): unknown;
      };
      // The caption is the Table element's first child, as PDF/UA expects (pdfkit's tables have no caption of their own).
      table._tableStruct.add(
        doc.struct('Caption', {}, () => {
          doc.font(FONTS.bold.name).fontSize(BODY_SIZE).text(caption, x, y, { width: contentWidth() });
        }),
      );
      for (const row of head) table.row(row.map((text) => cell(text, 'Column')));
      for (const row of body) table.row(row.map((text, i) => cell(text, i === 0 && rowHeaders ? 'Row' : null)));
      table.end();
      doc.x = left();
      doc.font(FONTS.regular.name).fontSize(BODY_SIZE);
      doc.moveDown(SPACE_AFTER.normal);
    },
    figure: ({ svg, alt, caption }) => {
      if (!svgToPdf) throw new Error('createTaggedPdf was not asked for figures');
      const size = svgSize(svg);
      let width = size.width * PT_PER_PX;
      let height = size.height * PT_PER_PX;
      if (width > contentWidth()) {
        height *= contentWidth() / width;
        width = contentWidth();
      }
      if (doc.y + height > bottom()) doc.addPage();
      const x = left();
      const y = doc.y;
      root.add(
        doc.struct('Figure', { alt, bbox: [x, y, x + width, y + height], placement: 'Block' } as PDFKit.Mixins.StructureElementOptions, () => {
          svgToPdf(doc as unknown as Parameters<typeof svgToPdf>[0], svg, x, y, {
            width,
            height,
            // Text in the figure uses the embedded fonts, never an unembedded standard one.
            fontCallback: (_family, bold) => (bold ? FONTS.bold.name : FONTS.regular.name),
            // A figure is self-contained (domain/documents.ts): nothing is ever read from a file or address.
            imageCallback: () => '',
            documentCallback: () => [],
            warningCallback: () => {},
          });
        }),
      );
      doc.x = x;
      doc.y = y + height + 6;
      doc.font(FONTS.regular.name).fontSize(BODY_SIZE);
      if (caption) {
        root.add(
          doc.struct('Caption', {}, () => {
            doc.font(FONTS.regular.name).fontSize(9.5).text(caption, x);
          }),
        );
        doc.fontSize(BODY_SIZE);
      }
      doc.moveDown(SPACE_AFTER.normal);
    },
    finish: () => {
      root.end();
      doc.end();
      return ended;
    },
  };
}

/** A document model as a tagged PDF. */
export async function renderPdf(model: DocumentModel, options: { createdAt?: Date } = {}): Promise<Buffer> {
  const italic = model.blocks.some((b) => b.type === 'paragraph' && b.runs.some((r) => r.emphasis));
  const figures = model.blocks.some((b) => b.type === 'figure');
  const pdf = await createTaggedPdf(model.meta.title, model.meta.language, {
    ...options,
    author: model.meta.author,
    subject: model.meta.subject,
    italic,
    figures,
    landscape: model.meta.orientation === 'landscape',
  });
  for (const b of model.blocks) {
    switch (b.type) {
      case 'heading':
        pdf.heading(b.level, b.text);
        break;
      case 'paragraph':
        pdf.p(b.runs, SPACE_AFTER[b.space ?? 'normal']);
        break;
      case 'list':
        pdf.list(b.items, b.ordered);
        break;
      case 'table':
        pdf.table(b);
        break;
      case 'figure':
        pdf.figure(b);
        break;
    }
  }
  return pdf.finish();
}
