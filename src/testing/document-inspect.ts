// Reading back generated documents, so tests can check what a reader would get: the entries of a ZIP
// package (docx) and the text of a PDF as a text extractor or screen reader sees it, decoded through each
// font's ToUnicode map. Covers what pdfkit and docx write, not PDFs or ZIPs in general.
import { inflateRawSync, inflateSync } from 'node:zlib';

/** The bytes of one entry of a ZIP archive (stored or deflated), or undefined if it has no such entry. */
export function readZipEntry(zip: Buffer, name: string): Buffer | undefined {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a ZIP archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt ZIP central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`unsupported ZIP compression method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/** The numbered objects of a PDF, with their streams decompressed. */
export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\n/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const bodyStart = match.index + match[0].length;
    const streamAt = text.indexOf('\nstream\n', bodyStart);
    const endAt = text.indexOf('\nendobj', bodyStart);
    if (streamAt >= 0 && streamAt < endAt) {
      const dict = text.slice(bodyStart, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const raw = pdf.subarray(streamAt + 8, streamAt + 8 + length);
      objects.set(Number(match[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : Buffer.from(raw) });
      header.lastIndex = streamAt + 8 + length;
    } else {
      objects.set(Number(match[1]), { dict: text.slice(bodyStart, endAt) });
    }
  }
  return objects;
}

function utf16(hex: string): string {
  return Buffer.from(hex, 'hex').swap16().toString('utf16le');
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, target] of (body ?? '').matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f\s]+>)/gi)) {
      const start = Number.parseInt(from ?? '', 16);
      const end = Number.parseInt(to ?? '', 16);
      const targets = [...(target ?? '').matchAll(/<([0-9a-f\s]+)>/gi)].map((m) => (m[1] ?? '').replace(/\s/g, ''));
      for (let code = start; code <= end; code++) {
        if (target?.startsWith('[')) map.set(code, utf16(targets[code - start] ?? ''));
        else {
          const first = targets[0] ?? '';
          map.set(code, utf16((Number.parseInt(first, 16) + code - start).toString(16).padStart(first.length, '0')));
        }
      }
    }
  }
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, target] of (body ?? '').matchAll(/<([0-9a-f]+)>\s*<([0-9a-f\s]+)>/gi)) {
      map.set(Number.parseInt(code ?? '', 16), utf16((target ?? '').replace(/\s/g, '')));
    }
  }
  return map;
}

/**
 * The text of a PDF written by pdfkit with embedded (Identity-H) fonts, page by page in content order, one
 * string per text line, decoded through the fonts' ToUnicode maps — what copy and paste or a screen reader get.
 */
export function pdfTextLines(pdf: Buffer): string[] {
  const objects = pdfObjects(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const [, name, id] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(Number(id));
      const cmap = font && objects.get(ref(font.dict, 'ToUnicode'))?.stream;
      if (name && cmap) fonts.set(name, parseToUnicode(cmap.toString('latin1')));
    }
  }
  const lines: string[] = [];
  const pageIds = [...objects.entries()].filter(([, o]) => /\/Type \/Page\n/.test(o.dict)).map(([id]) => id);
  for (const pageId of pageIds) {
    const content = objects.get(ref(objects.get(pageId)?.dict ?? '', 'Contents'))?.stream?.toString('latin1') ?? '';
    let font: Map<number, string> | undefined;
    let line = '';
    for (const [token, fontName, hex] of content.matchAll(/\/(F\d+) [\d.]+ Tf|<([0-9a-fA-F]*)>|\bET\b/g)) {
      if (fontName) font = fonts.get(fontName);
      else if (hex !== undefined) {
        for (let i = 0; i < hex.length; i += 4) line += font?.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
      } else if (token === 'ET') {
        lines.push(line);
        line = '';
      }
    }
  }
  return lines;
}

const PDF_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** The text of a PDF literal string's body (between its parentheses): escapes undone, UTF-16BE (with its BOM) decoded. */
function pdfString(literal: string): string {
  const bytes = literal.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) =>
    /^[0-7]/.test(c) ? String.fromCharCode(Number.parseInt(c, 8)) : (PDF_ESCAPES[c] ?? c),
  );
  const raw = Buffer.from(bytes, 'latin1');
  return raw[0] === 0xfe && raw[1] === 0xff ? raw.subarray(2).swap16().toString('utf16le') : raw.toString('latin1');
}

export interface PdfStructElement {
  id: number;
  tag: string;
  /** The parent element's tag ('' for the structure tree's root). */
  parent: string;
  alt?: string;
}

/** The tagged structure's elements (a document from pdfkit): each one's tag, its parent's tag, and its text alternative. */
export function pdfStructure(pdf: Buffer): PdfStructElement[] {
  const objects = pdfObjects(pdf);
  const tagOf = (id: number) => /\/S \/(\w+)/.exec(objects.get(id)?.dict ?? '')?.[1] ?? '';
  const out: PdfStructElement[] = [];
  for (const [id, { dict }] of objects) {
    const tag = /\/S \/(\w+)\n/.exec(dict)?.[1];
    if (!tag || !/\/P \d+ 0 R/.test(dict)) continue;
    const alt = /\/Alt \(((?:\\.|[^\\)])*)\)/.exec(dict)?.[1];
    const element: PdfStructElement = { id, tag, parent: tagOf(Number(/\/P (\d+) 0 R/.exec(dict)?.[1])) };
    if (alt !== undefined) element.alt = pdfString(alt);
    out.push(element);
  }
  return out;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
const xmlText = (xml: string) => xml.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => XML_ENTITIES[name] ?? '');

export interface DocxItem {
  /** A paragraph's text, or a picture's description (its text alternative). */
  kind: 'text' | 'picture';
  text: string;
  /** The paragraph's style (Heading1, Caption…), if any. */
  style: string | null;
}

/**
 * What a reader of a Word file meets, in order: each paragraph that has text (headings, paragraphs, list items,
 * table captions and cells), and each picture's description. Covers what the docx package writes.
 */
export function docxReading(docx: Buffer): DocxItem[] {
  const xml = readZipEntry(docx, 'word/document.xml')?.toString('utf8') ?? '';
  const out: DocxItem[] = [];
  for (const [, body = ''] of xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)) {
    const style = /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? null;
    for (const [, descr = ''] of body.matchAll(/<wp:docPr\b[^>]*\sdescr="([^"]*)"/g)) out.push({ kind: 'picture', text: xmlText(descr), style });
    const text = xmlText([...body.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
    if (text !== '') out.push({ kind: 'text', text, style });
  }
  return out;
}
