// The chronology as a Word document (issue 11 item 6): a landscape page with the title, what the reader is
// looking at (anonymised or named, how many entries), the summary timeline's picture where there is one, and
// the entries as one table whose header row repeats on each page. Plain data in (the caller has written each
// cell in the reader's language, anonymised or not); the document model out, for the one set of renderers.
import type { DocumentModel } from '../domain/documents.ts';
import { paragraph } from '../domain/documents.ts';
import type { Language } from '../domain/organisation.ts';

export interface ExportTable {
  caption: string;
  head: string[];
  body: string[][];
}

export function chronologyDocument(input: {
  language: Language;
  title: string;
  /** The board, in the document's language. */
  author: string;
  /** Lines under the title: what the document shows. */
  lines: readonly string[];
  table: ExportTable;
  figure?: { svg: string; alt: string } | undefined;
}): DocumentModel {
  return {
    meta: { title: input.title, language: input.language, author: input.author, orientation: 'landscape' },
    blocks: [
      { type: 'heading', level: 1, text: input.title },
      ...input.lines.map((line) => paragraph(line)),
      ...(input.figure ? [{ type: 'figure' as const, svg: input.figure.svg, alt: input.figure.alt }] : []),
      { type: 'table', caption: input.table.caption, head: [input.table.head], body: input.table.body },
    ],
  };
}
