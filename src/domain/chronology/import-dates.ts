// Dates and times as a spreadsheet gives them (issue 11 item 2): UK forms, Welsh and English month names,
// "about"/"tua", a month or a year alone, Excel serial numbers and fractions of a day. Pure.
import { DATE_YEARS, daysInMonth, fromEpochDay, type IsoDate } from '../clock/dates.ts';
import { MONTHS } from '../clock/london.ts';
import { foldText } from '../text.ts';
import type { DatePrecision } from './entry.ts';
import { cellText, isBlankCell, type RawCell } from './import-rows.ts';

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
    for (const language of ['en', 'cy'] as const) map.set(foldText(MONTHS[language][m] ?? ''), m + 1);
    map.set(foldText(MONTHS.en[m] ?? '').slice(0, 3), m + 1);
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
export function isoOfUtc(d: Date): IsoDate {
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
  let text = foldText(raw);
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
  const text = foldText(cellText(cell)).replace(/\s+/g, '');
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
