// The chronology spreadsheet's rows (issue 11, item 2): the board template's columns in English and Welsh,
// and the reading of a filled-in row into an entry's fields, with every problem found, row by row. Pure:
// the cells come from src/services/chronology/spreadsheet.ts (exceljs or csv-parse), already as values.
//
// Decisions, so that the page, the CLI and the API all answer alike:
// - Headers are matched whatever their case and spacing, in English or Welsh, mixed in one file. A column
//   with no header is ignored; a header that is not the template's is a problem of the file, as is a
//   missing required column (date, event type, description, source record reference, significance) or a
//   column given twice. Rows with nothing in them are skipped.
// - Dates are read day first (UK): 31/01/2024, 31-01-2024, 31.1.24, 2024-01-31, 31 January 2024, 31 Jan 2024,
//   31-Jan-24, 31 Ionawr 2024; "January 2024" / "Ionawr 2024" / "01/2024" is a month; "2024" a year; "?",
//   "about", "approx.", "c.", "circa", "tua", "oddeutu" or "~" before a day makes it approximate ("about").
//   Before a month or a year the same words keep the month's or the year's precision: an entry's period
//   (entry.ts) is already the whole month or year, and "about" is a day's precision. A year must be within
//   DATE_YEARS. A date that does not exist (31/02/2024) is refused, never rolled over to March.
// - Two-digit years follow Excel's own rule, so a date means what it meant in the spreadsheet it was typed
//   in: 00–29 are 2000–2029, 30–99 are 1930–1999.
// - A number in the date column is an Excel serial date (45322 is 31 January 2024), except a whole number
//   from 1900 to 2100, which is a year (serials that small are 1905's dates, which no chronology holds).
//   A Date (what exceljs gives for a cell formatted as a date) is read by its UTC calendar day: exceljs
//   gives a date cell as UTC midnight, so the server's time zone never moves it.
// - The precision column may be blank (worked out from how the date is written) or say a precision no
//   finer than the date written: "month" for 15/03/2019 keeps March 2019; "exact" for "March 2019" is refused.
// - Times: 14:30, 14.30, 1430, 2:30pm, 2pm, 9.15 a.m., 2:30yp (Welsh "y prynhawn"), an Excel fraction of a
//   day (0.6041… is 14:30) or a Date (exceljs's time cells, read in UTC). A time needs a day (exact or
//   about), as entries do (entry.ts).
// - People: separated by ';' (',' and line breaks too), each a pseudonym the review has, in English or
//   Welsh, any case, Welsh forms mutated or not ("Blentyn A", "Phlentyn A"), typographic apostrophes or not.
// - Formulas: a cell whose text starts with = + - @ is text and is never evaluated. A formula cell of a
//   workbook ({ formula, result }) is refused (a chronology records facts, not calculations: the uploader
//   pastes values instead), and so is an error cell (#N/A). A text we wrote starting with one of those
//   characters was prefixed with an apostrophe (OWASP's advice against CSV injection: safeCellText), which
//   reading takes off again (unprefixCellText), so our export read back gives the original text.
// - Text: line breaks CR LF read as LF, Unicode NFC (Welsh letters typed on a Mac arrive decomposed), no
//   other control characters (src/domain/text.ts), trimmed, and no longer than CHRONOLOGY_LIMITS.
import { DATE_YEARS, daysInMonth, fromEpochDay, type IsoDate } from '../clock/dates.ts';
import { MONTHS } from '../clock/london.ts';
import type { Language } from '../organisation.ts';
import { textProblem } from '../text.ts';
import { MUTATIONS, mutateCy } from '../welsh.ts';
import {
  CHRONOLOGY_LIMITS,
  DATE_PRECISIONS,
  type DatePrecision,
  type EntryFields,
  EVENT_TYPES,
  type EventType,
  formatEntryDate,
  precisionRank,
  SIGNIFICANCES,
  type Significance,
} from './entry.ts';

/** Both languages' words for one thing. */
export interface Bilingual {
  en: string;
  cy: string;
}

export const COLUMN_KEYS = [
  'date',
  'precision',
  'time',
  'eventType',
  'description',
  'people',
  'practitionerRole',
  'actionTaken',
  'outcome',
  'sourceRef',
  'significance',
  'analystComment',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export interface TemplateColumn {
  key: ColumnKey;
  header: Bilingual;
  /** A file without this column is refused; a row with the cell blank has a problem. */
  required: boolean;
  /** What the template's notes sheet says about the column. */
  notes: Bilingual;
  /** Column width in the template (characters). */
  width: number;
}

/** The board template's columns, in order (WELSH.md's terms). */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  {
    key: 'date',
    header: { en: 'Date', cy: 'Dyddiad' },
    required: true,
    width: 16,
    notes: {
      en: 'When it happened, day first: 31/01/2024, 31 January 2024. Write "March 2019" for a month, "2019" for a year, "about 22/05/2016" when the day is approximate.',
      cy: 'Pryd y digwyddodd, y diwrnod yn gyntaf: 31/01/2024, 31 Ionawr 2024. Ysgrifennwch "Mawrth 2019" am fis, "2019" am flwyddyn, "tua 22/05/2016" pan fo’r diwrnod yn fras.',
    },
  },
  {
    key: 'precision',
    header: { en: 'Date precision', cy: 'Manylder y dyddiad' },
    required: false,
    width: 14,
    notes: {
      en: 'Optional: Exact, About, Month or Year. Leave it blank and it is worked out from how the date is written.',
      cy: 'Dewisol: Union, Tua, Mis neu Blwyddyn. Gadewch hi’n wag a chaiff ei chyfrifo o’r ffordd mae’r dyddiad wedi’i ysgrifennu.',
    },
  },
  {
    key: 'time',
    header: { en: 'Time', cy: 'Amser' },
    required: false,
    width: 8,
    notes: {
      en: 'Optional, 24-hour: 14:30. Only for a date with a day.',
      cy: 'Dewisol, 24 awr: 14:30. Dim ond ar gyfer dyddiad gyda diwrnod.',
    },
  },
  {
    key: 'eventType',
    header: { en: 'Event type', cy: 'Math o ddigwyddiad' },
    required: true,
    width: 22,
    notes: {
      en: 'One from the list: Contact, Home visit, Appointment, Assessment, Referral, Meeting, Strategy discussion, Hospital attendance, Education, Police incident, Court, Missed appointment or Other.',
      cy: 'Un o’r rhestr: Cyswllt, Ymweliad cartref, Apwyntiad, Asesiad, Atgyfeiriad, Cyfarfod, Trafodaeth strategaeth, Ymweliad ag ysbyty, Addysg, Digwyddiad heddlu, Llys, Apwyntiad a gollwyd neu Arall.',
    },
  },
  {
    key: 'description',
    header: { en: 'Description', cy: 'Disgrifiad' },
    required: true,
    width: 60,
    notes: {
      en: `What happened, from the agency’s records (up to ${CHRONOLOGY_LIMITS.description} characters).`,
      cy: `Beth ddigwyddodd, o gofnodion yr asiantaeth (hyd at ${CHRONOLOGY_LIMITS.description} nod).`,
    },
  },
  {
    key: 'people',
    header: { en: 'People involved', cy: 'Pobl dan sylw' },
    required: false,
    width: 24,
    notes: {
      en: 'Optional: the review’s codes, separated by ";": Child A; Family member 1. Never real names.',
      cy: 'Dewisol: codau’r adolygiad, wedi’u gwahanu gan ";": Plentyn A; Aelod o’r teulu 1. Byth enwau go iawn.',
    },
  },
  {
    key: 'practitionerRole',
    header: { en: 'Practitioner role', cy: 'Rôl yr ymarferydd' },
    required: false,
    width: 22,
    notes: {
      en: `Optional: the role, not the name, of the practitioner (up to ${CHRONOLOGY_LIMITS.practitionerRole} characters).`,
      cy: `Dewisol: rôl yr ymarferydd, nid ei enw (hyd at ${CHRONOLOGY_LIMITS.practitionerRole} nod).`,
    },
  },
  {
    key: 'actionTaken',
    header: { en: 'Action or decision taken', cy: 'Cam gweithredu neu benderfyniad' },
    required: false,
    width: 40,
    notes: {
      en: `Optional (up to ${CHRONOLOGY_LIMITS.actionTaken} characters).`,
      cy: `Dewisol (hyd at ${CHRONOLOGY_LIMITS.actionTaken} nod).`,
    },
  },
  {
    key: 'outcome',
    header: { en: 'Outcome', cy: 'Canlyniad' },
    required: false,
    width: 40,
    notes: {
      en: `Optional (up to ${CHRONOLOGY_LIMITS.outcome} characters).`,
      cy: `Dewisol (hyd at ${CHRONOLOGY_LIMITS.outcome} nod).`,
    },
  },
  {
    key: 'sourceRef',
    header: { en: 'Source record reference', cy: 'Cyfeirnod y cofnod ffynhonnell' },
    required: true,
    width: 24,
    notes: {
      en: `Where in the agency’s records this is found: a case note number, a system reference (up to ${CHRONOLOGY_LIMITS.sourceRef} characters).`,
      cy: `Ble yng nghofnodion yr asiantaeth mae hwn: rhif nodyn achos, cyfeirnod system (hyd at ${CHRONOLOGY_LIMITS.sourceRef} nod).`,
    },
  },
  {
    key: 'significance',
    header: { en: 'Significance', cy: 'Arwyddocâd' },
    required: true,
    width: 14,
    notes: {
      en: 'Low, Medium or High.',
      cy: 'Isel, Canolig neu Uchel.',
    },
  },
  {
    key: 'analystComment',
    header: { en: 'Analyst comment', cy: 'Sylw’r dadansoddwr' },
    required: false,
    width: 40,
    notes: {
      en: `Optional (up to ${CHRONOLOGY_LIMITS.analystComment} characters).`,
      cy: `Dewisol (hyd at ${CHRONOLOGY_LIMITS.analystComment} nod).`,
    },
  },
];

export const EVENT_TYPE_LABELS: Readonly<Record<EventType, Bilingual>> = {
  contact: { en: 'Contact', cy: 'Cyswllt' },
  home_visit: { en: 'Home visit', cy: 'Ymweliad cartref' },
  appointment: { en: 'Appointment', cy: 'Apwyntiad' },
  assessment: { en: 'Assessment', cy: 'Asesiad' },
  referral: { en: 'Referral', cy: 'Atgyfeiriad' },
  meeting: { en: 'Meeting', cy: 'Cyfarfod' },
  strategy_discussion: { en: 'Strategy discussion', cy: 'Trafodaeth strategaeth' },
  hospital_attendance: { en: 'Hospital attendance', cy: 'Ymweliad ag ysbyty' },
  education: { en: 'Education', cy: 'Addysg' },
  police_incident: { en: 'Police incident', cy: 'Digwyddiad heddlu' },
  court: { en: 'Court', cy: 'Llys' },
  missed_appointment: { en: 'Missed appointment', cy: 'Apwyntiad a gollwyd' },
  other: { en: 'Other', cy: 'Arall' },
};

export const SIGNIFICANCE_LABELS: Readonly<Record<Significance, Bilingual>> = {
  low: { en: 'Low', cy: 'Isel' },
  medium: { en: 'Medium', cy: 'Canolig' },
  high: { en: 'High', cy: 'Uchel' },
};

export const PRECISION_LABELS: Readonly<Record<DatePrecision, Bilingual>> = {
  exact: { en: 'Exact', cy: 'Union' },
  about: { en: 'About', cy: 'Tua' },
  month: { en: 'Month', cy: 'Mis' },
  year: { en: 'Year', cy: 'Blwyddyn' },
};

/** Other words a precision cell may hold. */
const PRECISION_SYNONYMS: Readonly<Record<string, DatePrecision>> = {
  approximate: 'about',
  approx: 'about',
  'approx.': 'about',
  bras: 'about',
  oddeutu: 'about',
  'exact date': 'exact',
  'dyddiad union': 'exact',
};

/** The template's headers in one language, in order. */
export function templateHeaders(language: Language): string[] {
  return TEMPLATE_COLUMNS.map((c) => c.header[language]);
}

// ---------------------------------------------------------------------------------------------------------
// Cells and problems

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

function isFormulaCell(cell: RawCell): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && ('formula' in cell || 'sharedFormula' in cell);
}

function isErrorCell(cell: RawCell): cell is ErrorCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && 'error' in cell;
}

/** Whether a cell holds nothing (blank, or only spaces). */
export function isBlankCell(cell: RawCell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** A cell's text as stored: NFC, LF line breaks, trimmed, the safe-cell apostrophe taken off. */
function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return isoOfUtc(cell);
  const text = typeof cell === 'string' ? cell : typeof cell === 'object' ? '' : String(cell);
  return unprefixCellText(text.replace(/\r\n?/g, '\n').normalize('NFC').trim());
}

/** Lower case, one space, typographic apostrophes as plain, no full stop at the end: for matching words. */
function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

function squash(text: string): string {
  return fold(text).replace(/\s/g, '');
}

// ---------------------------------------------------------------------------------------------------------
// Headers

/** Which template column each of the file's columns is (null: a column without a header, ignored). */
export interface ColumnLayout {
  columns: readonly (ColumnKey | null)[];
}

const HEADER_INDEX: ReadonlyMap<string, ColumnKey> = new Map(
  TEMPLATE_COLUMNS.flatMap((c) => [
    [squash(c.header.en), c.key],
    [squash(c.header.cy), c.key],
  ]),
);

/** The layout of a header row, or the problems that make the file unusable (all of them, in column order). */
export function matchHeader(cells: readonly RawCell[], row = 1): { layout: ColumnLayout; problems: [] } | { layout: null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const columns: (ColumnKey | null)[] = [];
  const seen = new Set<ColumnKey>();
  for (const cell of cells) {
    const text = cellText(cell);
    if (text === '') {
      columns.push(null);
      continue;
    }
    const key = HEADER_INDEX.get(squash(text));
    if (!key) {
      problems.push({ row, column: null, key: 'import.file.unknownColumn', text });
      columns.push(null);
    } else if (seen.has(key)) {
      problems.push({ row, column: key, key: 'import.file.duplicateColumn' });
      columns.push(null);
    } else {
      seen.add(key);
      columns.push(key);
    }
  }
  if (seen.size === 0 && problems.length === 0) return { layout: null, problems: [{ row, column: null, key: 'import.file.noHeader' }] };
  for (const c of TEMPLATE_COLUMNS) if (c.required && !seen.has(c.key)) problems.push({ row, column: c.key, key: 'import.file.missingColumn' });
  return problems.length ? { layout: null, problems } : { layout: { columns }, problems: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Dates

export type DateProblem = 'import.date.invalid' | 'import.date.notReal' | 'import.date.outOfRange';
export interface ParsedDate {
  occurredOn: IsoDate;
  precision: DatePrecision;
}

const MONTH_WORDS: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  const cyShort = ['ion', 'chwef', 'maw', 'ebr', 'mai', 'meh', 'gorff', 'awst', 'medi', 'hyd', 'tach', 'rhag'];
  for (let m = 0; m < 12; m += 1) {
    for (const language of ['en', 'cy'] as const) map.set(fold(MONTHS[language][m] ?? ''), m + 1);
    map.set(fold(MONTHS.en[m] ?? '').slice(0, 3), m + 1);
    map.set(cyShort[m] ?? '', m + 1);
  }
  map.set('sept', 9);
  return map;
})();

/** Words before a date that make it approximate; "c" and "ca" only before a space, a dot or a digit (not Chwefror). */
const APPROXIMATE = /^(?:\?|~|(?:about|around|approximately|approx\.?|circa|tua|oddeutu|o gwmpas|ca\.?|c\.?)(?=[\s\d]))\s*/;

const EXCEL_EPOCH_DAY = -25569; // 1899-12-30 as days since 1970-01-01 (Excel's 1900 system, serials from 61).

function twoDigitYear(yy: number): number {
  return yy <= 29 ? 2000 + yy : 1900 + yy;
}

function yearOf(text: string): number {
  return text.length === 2 ? twoDigitYear(Number(text)) : Number(text);
}

function makeDate(year: number, month: number, day: number, precision: DatePrecision): ParsedDate | DateProblem {
  if (year < DATE_YEARS.min || year > DATE_YEARS.max) return 'import.date.outOfRange';
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'import.date.notReal';
  return { occurredOn: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, precision };
}

/** The UTC calendar day of a Date (to the nearest second first: a serial's floating point can fall a hair short of midnight). */
function isoOfUtc(d: Date): IsoDate {
  return fromEpochDay(Math.floor(Math.round(d.getTime() / 1000) / 86_400));
}

/** An Excel serial date (1900 system): its whole days, the fraction (a time) ignored. */
export function excelSerialDate(serial: number): IsoDate {
  return fromEpochDay(Math.floor(serial) + EXCEL_EPOCH_DAY);
}

function fromSerial(serial: number): ParsedDate | DateProblem {
  if (!Number.isFinite(serial) || serial < 61) return 'import.date.outOfRange';
  const iso = excelSerialDate(serial);
  const year = Number(iso.slice(0, 4));
  if (year < DATE_YEARS.min || year > DATE_YEARS.max) return 'import.date.outOfRange';
  return { occurredOn: iso, precision: 'exact' };
}

function fromText(raw: string): ParsedDate | DateProblem {
  let text = fold(raw);
  let about = false;
  const approx = APPROXIMATE.exec(text);
  if (approx && approx[0] !== '') {
    about = true;
    text = text.slice(approx[0].length);
  }
  if (text.endsWith('?')) {
    about = true;
    text = text.slice(0, -1).trim();
  }
  const day = about ? 'about' : 'exact';
  let m: RegExpExecArray | null;
  // 31/01/2024, 31-01-2024, 31.1.24
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})$/.exec(text);
  if (m) return makeDate(yearOf(m[3] as string), Number(m[2]), Number(m[1]), day);
  // 2024-01-31, 2024/01/31
  m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(text);
  if (m) return makeDate(Number(m[1]), Number(m[2]), Number(m[3]), day);
  // 31 January 2024, 31st Jan 2024, 31-Jan-24, 31 Ionawr 2024
  m = /^(\d{1,2})(?:st|nd|rd|th|af|il|ydd|fed|ed)?[\s/.-]+([\p{L}]+)\.?[\s/.-]+(\d{4}|\d{2})$/u.exec(text);
  if (m) {
    const month = MONTH_WORDS.get(m[2] as string);
    return month ? makeDate(yearOf(m[3] as string), month, Number(m[1]), day) : 'import.date.invalid';
  }
  // January 2024, Jan-24, Ionawr 2024
  m = /^([\p{L}]+)\.?[\s/.-]+(\d{4}|\d{2})$/u.exec(text);
  if (m) {
    const month = MONTH_WORDS.get(m[1] as string);
    return month ? makeDate(yearOf(m[2] as string), month, 1, 'month') : 'import.date.invalid';
  }
  // 01/2024, 2024-01
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) return makeDate(Number(m[2]), Number(m[1]), 1, 'month');
  m = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (m) return makeDate(Number(m[1]), Number(m[2]), 1, 'month');
  // 2024
  m = /^(\d{4})$/.exec(text);
  if (m) return makeDate(Number(m[1]), 1, 1, 'year');
  // 45322: an Excel serial written as text (a CSV saved from a cell without a date format)
  m = /^(\d{5})(?:\.\d+)?$/.exec(text);
  if (m && !about) return fromSerial(Number(text));
  return 'import.date.invalid';
}

/** A date cell: its period's first day and precision, or what is wrong with it. Blank is null. */
export function parseDateCell(cell: RawCell): ParsedDate | DateProblem | null {
  if (isBlankCell(cell)) return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return 'import.date.invalid';
    const iso = isoOfUtc(cell);
    const year = Number(iso.slice(0, 4));
    return year < DATE_YEARS.min || year > DATE_YEARS.max ? 'import.date.outOfRange' : { occurredOn: iso, precision: 'exact' };
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= DATE_YEARS.min && cell <= DATE_YEARS.max) return makeDate(cell, 1, 1, 'year');
    return fromSerial(cell);
  }
  if (typeof cell !== 'string') return 'import.date.invalid';
  return fromText(cellText(cell));
}

// ---------------------------------------------------------------------------------------------------------
// Times

function hhmm(hours: number, minutes: number): string | 'import.time.invalid' {
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return 'import.time.invalid';
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function fromDayFraction(value: number): string | 'import.time.invalid' {
  if (!Number.isFinite(value) || value < 0) return 'import.time.invalid';
  const minutes = Math.round((value - Math.floor(value)) * 1440) % 1440;
  return hhmm(Math.floor(minutes / 60), minutes % 60);
}

/** A time cell as 'HH:MM', or what is wrong with it. Blank is null. */
export function parseTimeCell(cell: RawCell): string | 'import.time.invalid' | null {
  if (isBlankCell(cell)) return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return 'import.time.invalid';
    const minutes = ((Math.round(cell.getTime() / 60_000) % 1440) + 1440) % 1440;
    return hhmm(Math.floor(minutes / 60), minutes % 60);
  }
  if (typeof cell === 'number') return fromDayFraction(cell);
  if (typeof cell !== 'string') return 'import.time.invalid';
  const text = fold(cellText(cell)).replace(/\s+/g, '');
  let m = /^(\d{1,2})[:.](\d{2})(?::\d{2})?$/.exec(text);
  if (m) return hhmm(Number(m[1]), Number(m[2]));
  m = /^(\d{2})(\d{2})$/.exec(text);
  if (m) return hhmm(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})(?:[:.](\d{2}))?(am|a\.m\.|pm|p\.m\.|yb|y\.b\.|yp|y\.p\.|yh|y\.h\.)$/.exec(text);
  if (m) {
    const hours = Number(m[1]);
    if (hours < 1 || hours > 12) return 'import.time.invalid';
    const pm = /^(p|yp|y\.p|yh|y\.h)/.test(m[3] as string);
    return hhmm((hours % 12) + (pm ? 12 : 0), Number(m[2] ?? '0'));
  }
  m = /^0?\.\d+$/.exec(text);
  if (m) return fromDayFraction(Number(text));
  return 'import.time.invalid';
}

// ---------------------------------------------------------------------------------------------------------
// Lists: event type, significance, precision

function labelIndex<K extends string>(
  codes: readonly K[],
  labels: Readonly<Record<K, Bilingual>>,
  extra: Readonly<Record<string, K>> = {},
): ReadonlyMap<string, K> {
  const map = new Map<string, K>();
  for (const code of codes) {
    map.set(fold(code), code);
    map.set(fold(code.replace(/_/g, ' ')), code);
    map.set(fold(labels[code].en), code);
    map.set(fold(labels[code].cy), code);
  }
  for (const [word, code] of Object.entries(extra)) map.set(fold(word), code);
  return map;
}

const EVENT_TYPE_INDEX = labelIndex(EVENT_TYPES, EVENT_TYPE_LABELS);
const SIGNIFICANCE_INDEX = labelIndex(SIGNIFICANCES, SIGNIFICANCE_LABELS);
const PRECISION_INDEX = labelIndex(DATE_PRECISIONS, PRECISION_LABELS, PRECISION_SYNONYMS);

/** An event type from its code or its English or Welsh label (any case). */
export function parseEventType(text: string): EventType | undefined {
  return EVENT_TYPE_INDEX.get(fold(text));
}

export function parseSignificance(text: string): Significance | undefined {
  return SIGNIFICANCE_INDEX.get(fold(text));
}

export function parsePrecision(text: string): DatePrecision | undefined {
  return PRECISION_INDEX.get(fold(text));
}

// ---------------------------------------------------------------------------------------------------------
// People

/** One of the review's people as the import may name them: their pseudonym in both languages. */
export interface ImportPerson {
  id: string;
  en: string;
  cy: string;
}

/** The review's people by every way the import accepts their pseudonym. */
export type PeopleIndex = ReadonlyMap<string, string>;

export function peopleIndex(people: readonly ImportPerson[]): PeopleIndex {
  const map = new Map<string, string>();
  for (const p of people) {
    const forms = [p.en, p.cy, ...MUTATIONS.map((m) => mutateCy(p.cy.replace(/'/g, '’'), m))];
    for (const form of forms) map.set(fold(form), p.id);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------------------
// Rows

const TEXT_COLUMNS = ['description', 'practitionerRole', 'actionTaken', 'outcome', 'sourceRef', 'analystComment'] as const;
type TextColumn = (typeof TEXT_COLUMNS)[number];

/** A row's fields, or its problems (all of them, in column order). Blank rows are for the caller to skip. */
export function parseRow(
  layout: ColumnLayout,
  row: number,
  cells: readonly RawCell[],
  people: PeopleIndex,
): { fields: EntryFields; problems: [] } | { fields: null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const cell: Partial<Record<ColumnKey, RawCell>> = {};
  layout.columns.forEach((key, i) => {
    if (key === null) return;
    const value = cells[i];
    if (isFormulaCell(value)) problems.push({ row, column: key, key: 'import.cell.formula' });
    else if (isErrorCell(value)) problems.push({ row, column: key, key: 'import.cell.error' });
    else if (typeof value === 'string' && textProblem(value.replace(/\r\n?/g, '\n'))) problems.push({ row, column: key, key: 'import.cell.control' });
    else cell[key] = value;
  });
  const refused = new Set(problems.map((p) => p.column));
  const problem = (column: ColumnKey, key: ImportProblemKey, text?: string) => {
    if (!refused.has(column)) problems.push({ row, column, key, ...(text === undefined ? {} : { text }) });
  };
  const text = (column: ColumnKey) => cellText(cell[column]);

  // date and precision
  let date: ParsedDate | null = null;
  const parsed = parseDateCell(cell.date);
  if (parsed === null) problem('date', 'import.date.required');
  else if (typeof parsed === 'string') problem('date', parsed);
  else date = parsed;
  const precisionText = text('precision');
  if (precisionText !== '') {
    const precision = parsePrecision(precisionText);
    if (!precision) problem('precision', 'import.precision.invalid');
    else if (date) {
      const written = date.precision;
      const finer =
        precision === 'about' || precision === 'exact' ? written === 'month' || written === 'year' : precisionRank(precision) > precisionRank(written);
      if (finer) problem('precision', 'import.precision.finerThanDate');
      else if (precision === 'year') date = { occurredOn: `${date.occurredOn.slice(0, 4)}-01-01`, precision };
      else if (precision === 'month') date = { occurredOn: `${date.occurredOn.slice(0, 7)}-01`, precision };
      else date = { occurredOn: date.occurredOn, precision };
    }
  }

  // time
  const time = parseTimeCell(cell.time);
  if (time === 'import.time.invalid') problem('time', time);
  else if (time !== null && date && (date.precision === 'month' || date.precision === 'year')) problem('time', 'import.time.withoutDay');

  // lists
  const eventText = text('eventType');
  const eventType = parseEventType(eventText);
  if (eventText === '') problem('eventType', 'import.eventType.required');
  else if (!eventType) problem('eventType', 'import.eventType.invalid');
  const significanceText = text('significance');
  const significance = parseSignificance(significanceText);
  if (significanceText === '') problem('significance', 'import.significance.required');
  else if (!significance) problem('significance', 'import.significance.invalid');

  // free text
  const texts = {} as Record<TextColumn, string>;
  for (const column of TEXT_COLUMNS) {
    const value = text(column);
    texts[column] = value;
    if ((column === 'description' || column === 'sourceRef') && value === '') problem(column, `import.${column}.required` as const);
    else if (value.length > CHRONOLOGY_LIMITS[column]) problem(column, `import.${column}.tooLong` as const);
  }

  // people
  const ids: string[] = [];
  for (const name of text('people').split(/[;,\n]/)) {
    const folded = fold(name);
    if (folded === '') continue;
    const id = people.get(folded);
    if (!id) problem('people', 'import.people.unknown', name.trim());
    else if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > CHRONOLOGY_LIMITS.people) problem('people', 'import.people.tooMany');

  if (problems.length || !date || !eventType || !significance) {
    const order = (c: ColumnKey | null) => (c === null ? -1 : COLUMN_KEYS.indexOf(c));
    return { fields: null, problems: problems.sort((a, b) => order(a.column) - order(b.column)) };
  }
  return {
    fields: {
      occurredOn: date.occurredOn,
      precision: date.precision,
      time: time ?? null,
      eventType,
      description: texts.description,
      people: ids,
      practitionerRole: texts.practitionerRole,
      actionTaken: texts.actionTaken,
      outcome: texts.outcome,
      sourceRef: texts.sourceRef,
      significance,
      analystComment: texts.analystComment,
    },
    problems: [],
  };
}

/**
 * The whole file's validation, one row at a time (so a 100,000-row file is never held twice): the first
 * non-blank row is the header; each later row gives its fields, or its problems are kept (the first
 * MAX_PROBLEMS_SHOWN of them; every one is counted). A file with any problem imports nothing: `ok`.
 */
export class RowValidator {
  private layout: ColumnLayout | null = null;
  private readonly shown: ImportProblem[] = [];
  private total = 0;
  private rows = 0;
  private headerSeen = false;
  private readonly index: PeopleIndex;

  constructor(
    people: readonly ImportPerson[],
    private readonly maxShown = MAX_PROBLEMS_SHOWN,
  ) {
    this.index = peopleIndex(people);
  }

  private add(problems: readonly ImportProblem[]): void {
    this.total += problems.length;
    for (const p of problems) if (this.shown.length < this.maxShown) this.shown.push(p);
  }

  /** Read one row (its number in the sheet, its cells in the file's column order): its fields, or null. */
  row(row: number, cells: readonly RawCell[]): EntryFields | null {
    if (cells.every(isBlankCell)) return null;
    if (!this.headerSeen) {
      this.headerSeen = true;
      const header = matchHeader(cells, row);
      this.layout = header.layout;
      this.add(header.problems);
      return null;
    }
    if (!this.layout) return null;
    this.rows += 1;
    const result = parseRow(this.layout, row, cells, this.index);
    this.add(result.problems);
    return result.fields;
  }

  /** What was found, once every row has been read. */
  finish(): ImportReport {
    if (!this.headerSeen) this.add([{ row: 1, column: null, key: 'import.file.noHeader' }]);
    else if (this.layout && this.rows === 0) this.add([{ row: 2, column: null, key: 'import.file.noRows' }]);
    return { ok: this.total === 0, rows: this.rows, problems: [...this.shown], problemCount: this.total };
  }
}

export interface ImportReport {
  /** True when the file may be imported: a header, at least one row, and no problem anywhere. */
  ok: boolean;
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** The first MAX_PROBLEMS_SHOWN problems, in file order. */
  problems: ImportProblem[];
  /** Every problem found. */
  problemCount: number;
}

/** Validate rows already in memory (tests, small files): the entries with their row numbers, and the report. */
export function validateRows(
  rows: Iterable<{ row: number; cells: readonly RawCell[] }>,
  people: readonly ImportPerson[],
  maxShown = MAX_PROBLEMS_SHOWN,
): ImportReport & { entries: { row: number; fields: EntryFields }[] } {
  const validator = new RowValidator(people, maxShown);
  const entries: { row: number; fields: EntryFields }[] = [];
  for (const { row, cells } of rows) {
    const fields = validator.row(row, cells);
    if (fields) entries.push({ row, fields });
  }
  return { ...validator.finish(), entries };
}

// ---------------------------------------------------------------------------------------------------------
// Writing rows (the template's example, exports, tests)

/**
 * An entry as the template's cells in one language, in TEMPLATE_COLUMNS order: the date a real date (UTC
 * midnight) when exact, otherwise as text ("March 2019", "tua 22 Mai 2016"); people by the names given.
 * The writers (src/services/chronology/spreadsheet.ts) make the text formula-safe.
 */
export function entryCells(fields: EntryFields, language: Language, personName: (id: string) => string): (string | Date)[] {
  const date = fields.precision === 'exact' ? new Date(`${fields.occurredOn}T00:00:00Z`) : formatEntryDate(fields, language);
  const values: Record<ColumnKey, string | Date> = {
    date,
    precision: PRECISION_LABELS[fields.precision][language],
    time: fields.time ?? '',
    eventType: EVENT_TYPE_LABELS[fields.eventType][language],
    description: fields.description,
    people: fields.people.map(personName).join('; '),
    practitionerRole: fields.practitionerRole,
    actionTaken: fields.actionTaken,
    outcome: fields.outcome,
    sourceRef: fields.sourceRef,
    significance: SIGNIFICANCE_LABELS[fields.significance][language],
    analystComment: fields.analystComment,
  };
  return COLUMN_KEYS.map((k) => values[k]);
}
