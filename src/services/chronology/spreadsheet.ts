// Reading a chronology spreadsheet's rows (issue 11 item 2), after the file as a whole is checked
// (spreadsheet-file.ts: limits, format by content, the workbook's zip): xlsx through exceljs's streaming reader with the
// worksheets last, CSV UTF-8 through csv-parse (its delimiter from the header line); progress every N rows; and the
// validation of every row (import-rows.ts's RowValidator), all or nothing. The writers are spreadsheet-write.ts's.
import { Transform, type TransformCallback } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { EntryFields } from '../../domain/chronology/entry.ts';
import { type ImportPerson, type ImportReport, isBlankCell, type RawCell, RowValidator } from '../../domain/chronology/import-rows.ts';
import {
  checkWorkbookZip,
  excel,
  openSource,
  SHEET_LIMITS,
  type SheetLimits,
  type Source,
  type SpreadsheetInput,
  SpreadsheetRefused,
  sniff,
  type WorkbookLayout,
  worksheetsLast,
} from './spreadsheet-file.ts';

export { SHEET_LIMITS, type SheetLimits, type SpreadsheetFormat, type SpreadsheetInput, SpreadsheetRefused, spreadsheetFormat } from './spreadsheet-file.ts';

export interface ReadProgress {
  /** Rows read so far (the header and blank rows included). */
  rows: number;
  /** Bytes of the file read so far, of totalBytes. */
  bytes: number;
  totalBytes: number;
}

export interface SheetRow {
  /** The row's number in the sheet (the header is row 1 when it is the first row). */
  row: number;
  cells: RawCell[];
}

export interface ReadOptions {
  /** Called every `progressEvery` rows and once at the end. */
  onProgress?: (progress: ReadProgress) => void;
  progressEvery?: number;
  limits?: Partial<SheetLimits>;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** A UTF-8 check that refuses anything else (Excel's plain "CSV" is Windows-1252: it must be "CSV UTF-8"). */
class Utf8Check extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.decoder.decode(chunk, { stream: true });
      done(null, chunk);
    } catch {
      done(new SpreadsheetRefused('import.file.notUtf8'));
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
      done();
    } catch {
      done(new SpreadsheetRefused('import.file.notUtf8'));
    }
  }
}

/** An exceljs cell value as the row reader's RawCell: rich text and hyperlinks as their text. */
function rawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) return { formula: String(v.formula ?? v.sharedFormula) };
    if ('error' in v) return { error: String(v.error) };
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    if ('text' in v) return rawCell(v.text);
  }
  return { error: 'unknown' };
}

function cellLength(cell: RawCell): number {
  return typeof cell === 'string' ? cell.length : 0;
}

async function* readXlsx(source: Source, layout: WorkbookLayout, counter: ByteCounter): AsyncGenerator<SheetRow> {
  const input = worksheetsLast(source, layout);
  input.pipe(counter);
  const ExcelJS = await excel();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counter, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // exceljs parses a worksheet in place only once it has shared strings (a workbook written without any,
  // as exceljs's own streaming writer does, would otherwise go to a temporary file): start with none.
  (reader as unknown as { sharedStrings: unknown[] }).sharedStrings = [];
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(rawCell(values[i]));
        yield { row: row.number, cells };
      }
      // The rows are on the first sheet; the template's notes come after.
      break;
    }
  } catch (error) {
    if (error instanceof SpreadsheetRefused) throw error;
    throw new SpreadsheetRefused('import.file.unreadable', null, (error as Error).message);
  } finally {
    input.unpipe(counter);
    input.destroy();
    counter.destroy();
  }
}

/** The CSV's delimiter from its first line: a comma, or a semicolon or tab where the header has no comma. */
async function csvDelimiter(source: Source): Promise<string> {
  const head = (await source.read(0, 4096)).toString('utf8');
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes('\t')) return '\t';
  if (firstLine.includes(';')) return ';';
  return ',';
}

async function* readCsv(source: Source, counter: ByteCounter, limits: SheetLimits): AsyncGenerator<SheetRow> {
  const input = source.stream();
  const parser = parseCsv({
    bom: true,
    delimiter: await csvDelimiter(source),
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: limits.maxCellChars,
  });
  const check = new Utf8Check();
  input.pipe(counter).pipe(check).pipe(parser);
  const fail = (error: Error) => parser.destroy(error);
  check.on('error', fail);
  counter.on('error', fail);
  let row = 0;
  try {
    for await (const record of parser) {
      row += 1;
      yield { row, cells: record as string[] };
    }
  } catch (error) {
    if (error instanceof SpreadsheetRefused) throw error;
    // csv-parse's errors carry how many records it had finished (it reads ahead of what was yielded).
    const { code, records } = error as { code?: string; records?: number };
    const at = (typeof records === 'number' ? records : row) + 1;
    if (code === 'CSV_MAX_RECORD_SIZE') throw new SpreadsheetRefused('import.file.cellTooLong', at);
    throw new SpreadsheetRefused('import.file.unreadable', at, (error as Error).message);
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/**
 * An uploaded .xlsx or .csv as its rows with something in them, one at a time, in order (the first sheet
 * of a workbook; the header first, then at most maxRows more). Throws
 * SpreadsheetRefused for a file that is not a spreadsheet, a zip bomb, a cell longer than maxCellChars,
 * more than maxRows rows, or a file that cannot be read. Nothing is written anywhere.
 */
export async function* readSpreadsheet(input: SpreadsheetInput, options: ReadOptions = {}): AsyncGenerator<SheetRow> {
  const limits: SheetLimits = { ...SHEET_LIMITS, ...options.limits };
  const every = options.progressEvery ?? 1000;
  const source = await openSource(input);
  try {
    const format = await sniff(source);
    const layout = format === 'xlsx' ? await checkWorkbookZip(source, limits) : null;
    const counter = new ByteCounter();
    const rows = layout ? readXlsx(source, layout, counter) : readCsv(source, counter, limits);
    let read = 0;
    let filled = 0;
    const progress = () => options.onProgress?.({ rows: read, bytes: counter.bytes, totalBytes: source.size });
    for await (const sheetRow of rows) {
      read += 1;
      if (read % every === 0) progress();
      // Blank rows (a sheet formatted far down) are neither counted nor given.
      if (sheetRow.cells.every(isBlankCell)) continue;
      filled += 1;
      if (filled > limits.maxRows + 1) throw new SpreadsheetRefused('import.file.tooManyRows', sheetRow.row);
      if (sheetRow.cells.some((c) => cellLength(c) > limits.maxCellChars)) throw new SpreadsheetRefused('import.file.cellTooLong', sheetRow.row);
      yield sheetRow;
    }
    progress();
  } finally {
    await source.close();
  }
}

/**
 * Read and validate a whole upload: the report (ok only when nothing is wrong anywhere) and, unless
 * `onEntry` takes them one by one, the entries with their row numbers. A file refused as a whole is a
 * report with that one problem. Read-only.
 */
export async function validateSpreadsheet(
  input: SpreadsheetInput,
  people: readonly ImportPerson[],
  options: ReadOptions & { onEntry?: (row: number, fields: EntryFields) => void | Promise<void>; maxShown?: number } = {},
): Promise<ImportReport & { entries: { row: number; fields: EntryFields }[] }> {
  const validator = new RowValidator(people, options.maxShown);
  const entries: { row: number; fields: EntryFields }[] = [];
  try {
    for await (const { row, cells } of readSpreadsheet(input, options)) {
      const fields = validator.row(row, cells);
      if (!fields) continue;
      if (options.onEntry) await options.onEntry(row, fields);
      else entries.push({ row, fields });
    }
  } catch (error) {
    if (!(error instanceof SpreadsheetRefused)) throw error;
    return { ok: false, rows: 0, problems: [{ row: error.row ?? 1, column: null, key: error.key }], problemCount: 1, entries: [] };
  }
  return { ...validator.finish(), entries };
}
