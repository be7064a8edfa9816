// A spreadsheet file as a whole, before any row is read (issue 11 item 2; the action plan's import reads through it
// too): the limits an upload may reach, the refusal of a whole file, random access to it (in memory, or a decrypted
// temporary copy on disk), its format by content (xlsx, CSV UTF-8; a PDF or anything else refused), and the workbook's
// zip checked entry by entry before exceljs sees it — entries, sizes, expansion ratio (a zip bomb), one cell's length
// — with the worksheets streamed last so exceljs never buffers a sheet to a plaintext temporary file. The row readers
// are spreadsheet.ts's.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { ImportProblemKey } from '../../domain/chronology/import-rows.ts';
import { looksLikeText } from '../../domain/files.ts';

/**
 * exceljs, loaded when a workbook is first read or written: it is some 400 modules, which the service (and each
 * test process) would otherwise load at start whether or not anyone touches a spreadsheet.
 */
export async function excel(): Promise<typeof import('exceljs')> {
  return (await import('exceljs')).default;
}

/** What an uploaded file may be, however large (a 100,000-row chronology is about 30 MB of XML). */
export const SHEET_LIMITS = {
  /** Data rows after the header. */
  maxRows: 200_000,
  /** What one zip entry may expand to. */
  maxEntryBytes: 400 * 1024 * 1024,
  /** What all a workbook's entries may expand to. */
  maxTotalBytes: 600 * 1024 * 1024,
  /** Entries in a workbook's zip. */
  maxEntries: 1_000,
  /** Expansion beyond this ratio is a bomb (real sheets deflate 5–30 times)... */
  maxRatio: 200,
  /** ...once an entry expands past this (a tiny entry may compress absurdly well). */
  ratioFloorBytes: 1024 * 1024,
  /** One cell, or one CSV record: more than every column's limit together, far less than a megabyte. */
  maxCellChars: 32_000,
} as const;
export type SheetLimits = { [K in keyof typeof SHEET_LIMITS]: number };

/** A file refused as a whole: a locale key (chronology namespace) and the row, where there is one. */
export class SpreadsheetRefused extends Error {
  override name = 'SpreadsheetRefused';
  constructor(
    readonly key: ImportProblemKey,
    readonly row: number | null = null,
    detail?: string,
  ) {
    super(`spreadsheet refused: ${key}${row ? ` (row ${row})` : ''}${detail ? `: ${detail}` : ''}`);
  }
}

export type SpreadsheetFormat = 'xlsx' | 'csv';

/** An uploaded file: in memory, or at a path (a decrypted temporary copy). Random access is needed for the zip check. */
export type SpreadsheetInput = Buffer | { path: string };
// ---------------------------------------------------------------------------------------------------------
// Random access to the input

export interface Source {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
  stream(start?: number, end?: number): Readable;
  close(): Promise<void>;
}

export async function openSource(input: SpreadsheetInput): Promise<Source> {
  if (Buffer.isBuffer(input)) {
    return {
      size: input.length,
      read: async (position, length) => input.subarray(position, Math.min(input.length, position + length)),
      stream: (start = 0, end = input.length) => Readable.from([input.subarray(start, end)]),
      close: async () => {},
    };
  }
  const handle = await open(input.path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    read: async (position, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      return buffer.subarray(0, bytesRead);
    },
    // A stream of its own (destroying a FileHandle's stream closes the handle the zip check reads through).
    stream: (start = 0, end = size) => (end <= start ? Readable.from([]) : createReadStream(input.path, { start, end: end - 1 })),
    close: () => handle.close(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Format and zip checks

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP_DESCRIPTOR = 0x08074b50;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** The central directory's entries (a zip64 or multi-disk archive is refused: no template needs one). */
async function centralDirectory(source: Source, limits: SheetLimits): Promise<{ entries: ZipEntry[]; directory: { start: number; end: number } }> {
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tail = await source.read(source.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new SpreadsheetRefused('import.file.notSpreadsheet', null, 'no zip end record');
  const count = tail.readUInt16LE(end + 10);
  const cdSize = tail.readUInt32LE(end + 12);
  const cdOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new SpreadsheetRefused('import.file.tooBig', null, 'zip64');
  if (tail.readUInt16LE(end + 4) !== 0 || tail.readUInt16LE(end + 6) !== 0) throw new SpreadsheetRefused('import.file.unreadable', null, 'multi-disk zip');
  if (count > limits.maxEntries) throw new SpreadsheetRefused('import.file.tooBig', null, `${count} entries`);
  if (cdOffset + cdSize > source.size - tailLength + end) throw new SpreadsheetRefused('import.file.unreadable', null, 'central directory outside the file');
  const cd = await source.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== ZIP_CENTRAL) throw new SpreadsheetRefused('import.file.unreadable', null, 'corrupt central directory');
    const nameLength = cd.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      flags: cd.readUInt16LE(at + 8),
      method: cd.readUInt16LE(at + 10),
      compressedSize: cd.readUInt32LE(at + 20),
      uncompressedSize: cd.readUInt32LE(at + 24),
      localOffset: cd.readUInt32LE(at + 42),
      name: cd.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
      throw new SpreadsheetRefused('import.file.tooBig', null, 'zip64 entry');
    }
    entries.push(entry);
    at += 46 + nameLength + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
  }
  return { entries, directory: { start: cdOffset, end: source.size } };
}

/** The most bytes one cell's text can take in a sheet's XML: 4 bytes a character in UTF-8, or 6 as "&quot;". */
const XML_BYTES_PER_CHAR = 6;

/**
 * Inflate one entry's data, counting what comes out, and stop as soon as it passes the limit. In an XML
 * entry, a run of text with no tag in it longer than any allowed cell could be written is refused here,
 * as it streams, before exceljs would gather it into one string (a 10 MB cell).
 */
async function inflatedSize(source: Source, start: number, entry: ZipEntry, limit: number, maxCellChars: number): Promise<number> {
  if (entry.method !== 0 && entry.method !== 8) throw new SpreadsheetRefused('import.file.unreadable', null, `compression method ${entry.method}`);
  const input = source.stream(start, start + entry.compressedSize);
  const inflate = createInflateRaw();
  const output = entry.method === 8 ? input.pipe(inflate) : input;
  const maxRun = entry.name.endsWith('.xml') ? maxCellChars * XML_BYTES_PER_CHAR : Number.POSITIVE_INFINITY;
  let total = 0;
  let run = 0;
  try {
    for await (const chunk of output) {
      const bytes = chunk as Buffer;
      total += bytes.length;
      if (total > limit) throw new SpreadsheetRefused('import.file.tooBig', null, `${entry.name} expands past ${limit} bytes`);
      const lastTag = bytes.lastIndexOf(0x3c);
      if (lastTag < 0) run += bytes.length;
      else {
        let longest = run + bytes.indexOf(0x3c);
        for (let at = bytes.indexOf(0x3c); at >= 0 && at < lastTag; ) {
          const next = bytes.indexOf(0x3c, at + 1);
          longest = Math.max(longest, next - at);
          at = next;
        }
        if (longest > maxRun) throw new SpreadsheetRefused('import.file.cellTooLong', null, `${entry.name}: text of ${longest} bytes`);
        run = bytes.length - lastTag;
      }
      if (run > maxRun) throw new SpreadsheetRefused('import.file.cellTooLong', null, `${entry.name}: text of more than ${run} bytes`);
    }
  } catch (error) {
    if (error instanceof SpreadsheetRefused) throw error;
    throw new SpreadsheetRefused('import.file.unreadable', null, `${entry.name}: ${(error as Error).message}`);
  } finally {
    input.destroy();
    inflate.destroy();
  }
  return total;
}

/** Where a checked workbook's parts are: each local entry's bytes, and the central directory's. */
export interface WorkbookLayout {
  entries: { name: string; start: number; end: number }[];
  directory: { start: number; end: number };
}

/**
 * Check a workbook's zip before it is parsed: a workbook at all, entries laid out as the directory says
 * (one after another, sizes agreeing, nothing unlisted between them), and what each entry really expands
 * to within the limits.
 */
export async function checkWorkbookZip(source: Source, limits: SheetLimits): Promise<WorkbookLayout> {
  const { entries, directory } = await centralDirectory(source, limits);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw new SpreadsheetRefused('import.file.notSpreadsheet', null, 'a zip without xl/workbook.xml');
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  let total = 0;
  const layout: WorkbookLayout = { entries: [], directory };
  for (const entry of sorted) {
    if (entry.localOffset !== expected) throw new SpreadsheetRefused('import.file.unreadable', null, `unlisted bytes before ${entry.name}`);
    const header = await source.read(entry.localOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== ZIP_LOCAL) throw new SpreadsheetRefused('import.file.unreadable', null, 'corrupt local header');
    const nameLength = header.readUInt16LE(26);
    const localName = (await source.read(entry.localOffset + 30, nameLength)).toString('utf8');
    if (localName !== entry.name) throw new SpreadsheetRefused('import.file.unreadable', null, 'local and central names differ');
    const localSize = header.readUInt32LE(18);
    if (!(entry.flags & 0x08 && localSize === 0) && localSize !== entry.compressedSize) {
      throw new SpreadsheetRefused('import.file.unreadable', null, `${entry.name}: local and central sizes differ`);
    }
    const dataStart = entry.localOffset + 30 + nameLength + header.readUInt16LE(28);
    let next = dataStart + entry.compressedSize;
    if (entry.flags & 0x08) {
      const descriptor = await source.read(next, 4);
      next += descriptor.length === 4 && descriptor.readUInt32LE(0) === ZIP_DESCRIPTOR ? 16 : 12;
    }
    if (entry.uncompressedSize > limits.maxEntryBytes)
      throw new SpreadsheetRefused('import.file.tooBig', null, `${entry.name} declares ${entry.uncompressedSize} bytes`);
    const size = await inflatedSize(source, dataStart, entry, Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total), limits.maxCellChars);
    if (size > limits.ratioFloorBytes && size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
      throw new SpreadsheetRefused('import.file.tooBig', null, `${entry.name} expands ${Math.round(size / Math.max(1, entry.compressedSize))} times`);
    }
    total += size;
    layout.entries.push({ name: entry.name, start: entry.localOffset, end: next });
    expected = next;
  }
  if (expected !== directory.start) throw new SpreadsheetRefused('import.file.unreadable', null, 'unlisted bytes before the central directory');
  return layout;
}

/**
 * The workbook's entries with its worksheets last: exceljs's streaming reader writes a worksheet that
 * comes before the shared strings and the workbook's relationships (Excel's own order) to a temporary file
 * in plain text, and reads a worksheet before the styles without knowing which numbers are dates. Moving
 * the local entries (bytes as they are: nothing is recompressed) keeps case material off the disk and
 * gives every worksheet its styles. The worksheets go in their numbers' order, so sheet1 (the first a
 * spreadsheet program writes, and the template's rows) is the one read. The central directory follows, so the zip still ends as it should.
 */
export function worksheetsLast(source: Source, layout: WorkbookLayout): Readable {
  const isSheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(name);
  const sheetNo = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? Number.MAX_SAFE_INTEGER);
  const sheets = layout.entries.filter((e) => isSheet(e.name)).sort((a, b) => sheetNo(a.name) - sheetNo(b.name));
  const ranges = [...layout.entries.filter((e) => !isSheet(e.name)), ...sheets, layout.directory];
  return Readable.from(
    (async function* () {
      for (const { start, end } of ranges) if (end > start) yield* source.stream(start, end);
    })(),
  );
}

const PDF_MAGIC = Buffer.from('%PDF');

/** The file's format from its content, or SpreadsheetRefused('import.file.notSpreadsheet'). */
export async function sniff(source: Source): Promise<SpreadsheetFormat> {
  if (source.size === 0) throw new SpreadsheetRefused('import.file.noHeader', 1, 'empty');
  const head = await source.read(0, 64 * 1024);
  if (head.length >= 4 && head.readUInt32LE(0) === ZIP_LOCAL) return 'xlsx';
  // UTF-16 (Excel's "Unicode Text"): text, but not UTF-8.
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw new SpreadsheetRefused('import.file.notUtf8', null, 'UTF-16');
  }
  if (head.subarray(0, 4).equals(PDF_MAGIC)) throw new SpreadsheetRefused('import.file.notSpreadsheet', null, 'PDF');
  if (!looksLikeText(head, head.length === source.size)) {
    // Text in another encoding (Excel's plain "CSV" is Windows-1252) has no control bytes; a binary file has.
    const controls = head.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d);
    throw new SpreadsheetRefused(controls ? 'import.file.notSpreadsheet' : 'import.file.notUtf8', null, 'not UTF-8 text');
  }
  return 'csv';
}

/** What format a file is, by its content (for the page to say, or to choose a reader). */
export async function spreadsheetFormat(input: SpreadsheetInput): Promise<SpreadsheetFormat> {
  const source = await openSource(input);
  try {
    return await sniff(source);
  } finally {
    await source.close();
  }
}
