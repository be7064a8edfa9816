// Writing the chronology's spreadsheets (issue 11 items 2 and 6): the board's template (xlsx with notes and
// lists, or csv with a byte-order mark so Excel keeps Welsh letters) and exports (exceljs's streaming writer),
// every text cell formula-safe (a leading apostrophe that the reader takes off again). Reading is spreadsheet.ts.
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { DATE_PRECISIONS, EVENT_TYPES, SIGNIFICANCES } from '../../domain/chronology/entry.ts';
import {
  EVENT_TYPE_LABELS,
  PRECISION_LABELS,
  SIGNIFICANCE_LABELS,
  safeCellText,
  TEMPLATE_COLUMNS,
  templateHeaders,
} from '../../domain/chronology/import-rows.ts';
import type { Language } from '../../domain/organisation.ts';
import { SHEET_LIMITS, type SpreadsheetFormat } from './spreadsheet.ts';
import { excel } from './spreadsheet-file.ts';

// ---------------------------------------------------------------------------------------------------------
// Writing

/** A value to write: text (made formula-safe), a number, a date (UTC midnight: written as a real date), or nothing. */
export type ExportCell = string | number | Date | null;

export interface ExportSheet {
  name: string;
  headers: readonly string[];
  rows: AsyncIterable<readonly ExportCell[]> | Iterable<readonly ExportCell[]>;
  /** Column widths in characters (optional). */
  widths?: readonly number[];
}

const DATE_FORMAT = 'dd/mm/yyyy';

function dayMonthYear(d: Date): string {
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** A workbook written as its rows arrive (exceljs's streaming writer): 100,000 rows never held at once. */
export async function writeXlsx(out: Writable, sheets: readonly ExportSheet[]): Promise<void> {
  const { stream } = await excel();
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.headers.map((header, i) => ({ header: safeCellText(header), width: sheet.widths?.[i] ?? 20 }));
    worksheet.getRow(1).font = { bold: true };
    worksheet.getRow(1).commit();
    for await (const values of sheet.rows) {
      const row = worksheet.addRow(values.map((v) => (typeof v === 'string' ? safeCellText(v) : v)));
      values.forEach((v, i) => {
        const cell = row.getCell(i + 1);
        if (v instanceof Date) cell.numFmt = DATE_FORMAT;
        else if (typeof v === 'string' && v.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
      });
      row.commit();
    }
    worksheet.commit();
  }
  await workbook.commit();
}

function csvField(value: ExportCell): string {
  if (value === null) return '';
  const text = value instanceof Date ? dayMonthYear(value) : typeof value === 'number' ? String(value) : safeCellText(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV (RFC 4180, CRLF) in UTF-8 with a byte order mark, written as its rows arrive. */
export async function writeCsv(out: Writable, sheet: Pick<ExportSheet, 'headers' | 'rows'>): Promise<void> {
  await write(out, '\uFEFF');
  await write(out, `${sheet.headers.map(csvField).join(',')}\r\n`);
  let batch = '';
  for await (const values of sheet.rows) {
    batch += `${values.map(csvField).join(',')}\r\n`;
    if (batch.length > 64 * 1024) {
      await write(out, batch);
      batch = '';
    }
  }
  if (batch) await write(out, batch);
}

// ---------------------------------------------------------------------------------------------------------
// The template

const SHEET_NAMES = {
  rows: { en: 'Chronology', cy: 'Cronoleg' },
  notes: { en: 'Notes', cy: 'Nodiadau' },
} as const;

const NOTES_HEADERS = {
  en: ['Column', 'Required', 'What to write'],
  cy: ['Colofn', 'Gofynnol', 'Beth i’w ysgrifennu'],
} as const;

const YES_NO = { en: ['Yes', 'No'], cy: ['Ydy', 'Nac ydy'] } as const;

/** Excel's column letter for a 1-based column. */
function columnLetter(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/**
 * The board template in the language asked for: the headers in that language (either language is read
 * back), and in a workbook a notes sheet saying what each column takes and lists to choose the event
 * type, significance and precision from. The CSV is the header row only.
 */
export async function templateFile(format: SpreadsheetFormat, language: Language): Promise<Buffer> {
  const headers = templateHeaders(language);
  if (format === 'csv') {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeCsv(out, { headers, rows: [] });
    out.end();
    await once(out, 'end');
    return Buffer.concat(chunks);
  }
  const { Workbook } = await excel();
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAMES.rows[language], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header[language], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const lastRow = SHEET_LIMITS.maxRows + 1;
  const list = (values: string[]) => ({ type: 'list' as const, allowBlank: true, formulae: [`"${values.join(',')}"`] });
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const column = (key: string) => columnLetter(TEMPLATE_COLUMNS.findIndex((c) => c.key === key) + 1);
  validations.add(`${column('eventType')}2:${column('eventType')}${lastRow}`, list(EVENT_TYPES.map((t) => EVENT_TYPE_LABELS[t][language])));
  validations.add(`${column('significance')}2:${column('significance')}${lastRow}`, list(SIGNIFICANCES.map((s) => SIGNIFICANCE_LABELS[s][language])));
  validations.add(`${column('precision')}2:${column('precision')}${lastRow}`, list(DATE_PRECISIONS.map((p) => PRECISION_LABELS[p][language])));
  sheet.getColumn(column('date')).numFmt = DATE_FORMAT;
  sheet.getColumn(column('time')).numFmt = '@';
  const notes = workbook.addWorksheet(SHEET_NAMES.notes[language]);
  notes.columns = NOTES_HEADERS[language].map((header, i) => ({ header, width: [30, 12, 100][i] }));
  notes.getRow(1).font = { bold: true };
  for (const c of TEMPLATE_COLUMNS) {
    notes.addRow([c.header[language], YES_NO[language][c.required ? 0 : 1], c.notes[language]]).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
