// The document model: what every generated document is (the decision letter now; report drafts, summaries,
// briefings and board reports later), independent of how it is shown. The pipeline composes one from data,
// renders it as an HTML page, a Word file and a tagged PDF (src/documents), and stores it as numbered
// versions (src/services/documents). The model lives in domain/ because every layer uses it: services
// compose and store it, repositories keep it as JSON, renderers and pages lay it out. It is pure data:
// no I/O, nothing about a file format.
import type { Language } from './organisation.ts';

/** What a document is; each kind has one source that composes it from a record's data. */
export const DOCUMENT_KINDS = [
  'decision_letter',
  'review_notification_letter',
  'terms_of_reference',
  'review_report',
  'board_progress_report',
  'challenge_letter',
  'executive_summary',
  'agency_report',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * The record a document belongs to: a board (board reports), a referral (decision letter), a review (later), a
 * review's notification, an approved version of a review's terms of reference (its document), a version of a
 * review's report (its document).
 */
export const DOCUMENT_RECORD_TYPES = [
  'board',
  'referral',
  'review',
  'review_notification',
  'terms_of_reference',
  'review_report_version',
  'action_challenge',
  'executive_summary_version',
  'contribution',
] as const;
export type DocumentRecordType = (typeof DOCUMENT_RECORD_TYPES)[number];

export const DOCUMENT_FORMATS = ['html', 'docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** A run of text in a paragraph, perhaps emphasised (bold: strong; italic: emphasis). */
export interface TextRun {
  text: string;
  strong?: boolean;
  emphasis?: boolean;
}

/** Space after a paragraph: none (lines of an address), normal, or large (before a signature). */
export type ParagraphSpace = 'none' | 'normal' | 'large';

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; runs: TextRun[]; space?: ParagraphSpace }
  | { type: 'list'; ordered: boolean; items: string[] }
  | {
      type: 'table';
      caption: string;
      /** Header rows (at least one), each cell a column header. */
      head: string[][];
      body: string[][];
      /** The first cell of each body row heads its row. */
      rowHeaders?: boolean;
    }
  | {
      type: 'figure';
      /** A self-contained SVG image (see figureSvgProblems). */
      svg: string;
      /** The text alternative: what the figure shows, for those who cannot see it. */
      alt: string;
      caption?: string;
    };

export interface DocumentMeta {
  title: string;
  language: Language;
  /** Who the document is from: the board, in the document's language. */
  author: string;
  subject?: string;
  /** Landscape for wide tables (a chronology); portrait unless given. */
  orientation?: 'portrait' | 'landscape';
}

export interface DocumentModel {
  meta: DocumentMeta;
  blocks: Block[];
}

/** BCP 47 tags for the document's language (PDF /Lang, Word w:lang, HTML lang). */
export const LANGUAGE_TAGS: Record<Language, string> = { en: 'en-GB', cy: 'cy-GB' };

/** A paragraph of plain text. */
export function paragraph(text: string, space?: ParagraphSpace): Block {
  return space === undefined ? { type: 'paragraph', runs: [{ text }] } : { type: 'paragraph', runs: [{ text }], space };
}

/** The text of a paragraph's runs, as a reader gets it. */
function runsText(runs: readonly TextRun[]): string {
  return runs.map((r) => r.text).join('');
}

/**
 * Every piece of text the document holds, in reading order: headings, paragraphs, list items, table captions
 * and cells, figure captions and text alternatives. Each rendering must carry all of them (tested).
 */
export function documentTexts(model: DocumentModel): { kind: string; text: string }[] {
  const out: { kind: string; text: string }[] = [];
  for (const block of model.blocks) {
    switch (block.type) {
      case 'heading':
        out.push({ kind: `h${block.level}`, text: block.text });
        break;
      case 'paragraph':
        out.push({ kind: 'p', text: runsText(block.runs) });
        break;
      case 'list':
        for (const item of block.items) out.push({ kind: 'li', text: item });
        break;
      case 'table':
        out.push({ kind: 'caption', text: block.caption });
        for (const row of block.head) for (const cell of row) out.push({ kind: 'th', text: cell });
        for (const row of block.body) for (const cell of row) out.push({ kind: 'td', text: cell });
        break;
      case 'figure':
        out.push({ kind: 'alt', text: block.alt });
        if (block.caption) out.push({ kind: 'figcaption', text: block.caption });
        break;
    }
  }
  return out;
}

/** Largest figure accepted (bytes of SVG text). */
export const MAX_FIGURE_SVG = 512 * 1024;

/**
 * Why an SVG cannot be a figure, or [] if it can. A figure is drawn by three renderers (a browser, resvg,
 * svg-to-pdfkit), so it must be self-contained and inert: no scripts, event handlers, external references
 * (images, fonts, stylesheets, other documents), foreign objects or entity declarations. Figures are made
 * by our own code from data (charts); refusing is safer than cleaning.
 */
export function figureSvgProblems(svg: string): string[] {
  const problems: string[] = [];
  if (svg.length > MAX_FIGURE_SVG) problems.push('too large');
  if (!/^<svg[\s>]/.test(svg.trimStart())) problems.push('does not start with <svg');
  if (!/\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(svg)) problems.push('no SVG namespace');
  if (!/\sviewBox="[^"]+"/.test(svg)) problems.push('no viewBox');
  const refused: [RegExp, string][] = [
    [/<!(DOCTYPE|ENTITY)/i, 'declarations'],
    [/<\s*script/i, 'script'],
    [/<\s*foreignObject/i, 'foreignObject'],
    [/<\s*(image|iframe|object|embed|audio|video)\b/i, 'embedded content'],
    [/\son[a-z]+\s*=/i, 'event handler'],
    [/(^|[\s:])href\s*=\s*["'](?!#)/i, 'external reference'],
    [/url\(\s*["']?(?!#)/i, 'external url()'],
    [/@import/i, '@import'],
    [/javascript:/i, 'javascript:'],
  ];
  for (const [pattern, what] of refused) if (pattern.test(svg)) problems.push(what);
  return problems;
}

/** The figure's intrinsic size in CSS pixels, from its width and height attributes or else its viewBox. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const attr = (name: string) => {
    const value = new RegExp(`\\s${name}="([\\d.]+)(px)?"`).exec(root)?.[1];
    return value === undefined ? undefined : Number(value);
  };
  const box = /\sviewBox="([^"]+)"/
    .exec(root)?.[1]
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  const width = attr('width') ?? box?.[2];
  const height = attr('height') ?? box?.[3];
  if (!width || !height || !Number.isFinite(width) || !Number.isFinite(height)) throw new RangeError('the figure has no size');
  return { width, height };
}

/**
 * Why a model cannot be rendered, or [] if it can: the rules every renderer relies on (text where text is
 * needed, tables with a caption, a header row and rows of one width, figures with a text alternative and a
 * safe SVG). Problems name the block by its position, never its content.
 */
export function documentProblems(model: DocumentModel): string[] {
  const problems: string[] = [];
  if (model.meta.title.trim() === '') problems.push('meta: no title');
  if (model.meta.author.trim() === '') problems.push('meta: no author');
  model.blocks.forEach((block, i) => {
    const at = `block ${i + 1} (${block.type})`;
    switch (block.type) {
      case 'heading':
        if (block.text.trim() === '') problems.push(`${at}: empty`);
        break;
      case 'paragraph':
        if (runsText(block.runs).trim() === '') problems.push(`${at}: empty`);
        break;
      case 'list':
        if (block.items.length === 0 || block.items.some((item) => item.trim() === '')) problems.push(`${at}: empty item`);
        break;
      case 'table': {
        if (block.caption.trim() === '') problems.push(`${at}: no caption`);
        if (block.head.length === 0) problems.push(`${at}: no header row`);
        const widths = new Set([...block.head, ...block.body].map((row) => row.length));
        if (widths.size !== 1 || widths.has(0)) problems.push(`${at}: rows of different widths`);
        break;
      }
      case 'figure':
        if (block.alt.trim() === '') problems.push(`${at}: no text alternative`);
        for (const problem of figureSvgProblems(block.svg)) problems.push(`${at}: ${problem}`);
        break;
    }
  });
  return problems;
}
