// A chronology spreadsheet's cells as the import reads them (issue 11 item 2): the raw values a reader gives (text,
// numbers, dates, formula and error cells), the problems a file or row can have (their locale keys), cell text made
// safe against spreadsheet formulas (a leading =, +, - or @ is kept as text, never run) and read back, and the folding
// used to match words. Pure. The rows' reading is import-rows.ts's.

import { foldText } from '../text.ts';
import { isoOfUtc } from './import-dates.ts';
import type { ColumnKey } from './template-columns.ts';

/** A formula cell as exceljs gives it. */
export interface FormulaCell {
  formula: string;
  result?: unknown;
}
/** An error cell (#N/A, #DIV/0!) as exceljs gives it. */
export interface ErrorCell {
  error: string;
}
/** One cell's value as read from a file. */
export type RawCell = string | number | boolean | Date | null | undefined | FormulaCell | ErrorCell;

/** Every locale key (namespace chronology) a problem of the import may carry. */
export const IMPORT_PROBLEM_KEYS = [
  // the file
  'import.file.notSpreadsheet',
  'import.file.unreadable',
  'import.file.notUtf8',
  'import.file.tooBig',
  'import.file.tooManyRows',
  'import.file.cellTooLong',
  'import.file.noHeader',
  'import.file.noRows',
  'import.file.missingColumn',
  'import.file.unknownColumn',
  'import.file.duplicateColumn',
  // any cell
  'import.cell.formula',
  'import.cell.error',
  'import.cell.control',
  // the columns
  'import.date.required',
  'import.date.invalid',
  'import.date.notReal',
  'import.date.outOfRange',
  'import.precision.invalid',
  'import.precision.finerThanDate',
  'import.time.invalid',
  'import.time.withoutDay',
  'import.eventType.required',
  'import.eventType.invalid',
  'import.description.required',
  'import.description.tooLong',
  'import.people.unknown',
  'import.people.tooMany',
  'import.practitionerRole.tooLong',
  'import.actionTaken.tooLong',
  'import.outcome.tooLong',
  'import.sourceRef.required',
  'import.sourceRef.tooLong',
  'import.significance.required',
  'import.significance.invalid',
  'import.analystComment.tooLong',
] as const;
export type ImportProblemKey = (typeof IMPORT_PROBLEM_KEYS)[number];

/**
 * One thing wrong: the spreadsheet's row number (the header is row 1), the template column (null for the
 * whole row or file), and a locale key (namespace chronology). `text` is the file's own words where the
 * message must name them: an unknown column's header, or a person not among the review's pseudonyms.
 */
export interface ImportProblem {
  row: number;
  column: ColumnKey | null;
  key: ImportProblemKey;
  text?: string;
}

/** How many problems are kept for display (the total is always counted). */
export const MAX_PROBLEMS_SHOWN = 100;

/**
 * Apostrophes, then a character that makes a spreadsheet program read a cell as a formula (OWASP: CSV
 * injection; tab and CR too): what safeCellText prefixes and unprefixCellText takes the prefix off.
 */
const PREFIXED = /^'*[=+\-@\t\r]/;

/**
 * Text safe to write in a cell: one starting with = + - @ (or tab, CR) gets a leading apostrophe, and so
 * does one that already starts with apostrophes before such a character, so reading it back is exact.
 */
export function safeCellText(text: string): string {
  return PREFIXED.test(text) ? `'${text}` : text;
}

/** The text a safe cell stood for: the apostrophe safeCellText added, taken off ("'=1+1" → "=1+1"). */
export function unprefixCellText(text: string): string {
  return text.startsWith("'") && PREFIXED.test(text.slice(1)) ? text.slice(1) : text;
}

export function isFormulaCell(cell: RawCell): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && ('formula' in cell || 'sharedFormula' in cell);
}

export function isErrorCell(cell: RawCell): cell is ErrorCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && 'error' in cell;
}

/** Whether a cell holds nothing (blank, or only spaces). */
export function isBlankCell(cell: RawCell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** A cell's text as stored: NFC, LF line breaks, trimmed, the safe-cell apostrophe taken off. */
export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return isoOfUtc(cell);
  const text = typeof cell === 'string' ? cell : typeof cell === 'object' ? '' : String(cell);
  return unprefixCellText(text.replace(/\r\n?/g, '\n').normalize('NFC').trim());
}

/** Folded, without any space: a header or a list word as typed any way. */
export function squash(text: string): string {
  return foldText(text).replace(/\s/g, '');
}
