// The anonymisation scanner's certain detectors (issue 13 item 2): dates in every written form, English and
// Welsh (a date of birth of the review's people, or any other exact day-month-year), UK postcodes, UK phone
// numbers, emails, NHS numbers (with their modulus-11 check digit) and national insurance numbers (the real
// prefix rules). Each is a regular expression run once over the text, then checked: O(text length). Pure.
import { daysInMonth, type IsoDate } from '../clock/dates.ts';
import { MUTATIONS, mutateCy } from '../welsh.ts';
import type { FindingKind } from './findings.ts';

/** A certain finding before merging: kind and place (the scanner adds the match and confidence). */
export interface Hit {
  kind: FindingKind;
  start: number;
  end: number;
  entryId?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Dates

const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const EN_SHORT = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const CY_MONTHS = ['ionawr', 'chwefror', 'mawrth', 'ebrill', 'mai', 'mehefin', 'gorffennaf', 'awst', 'medi', 'hydref', 'tachwedd', 'rhagfyr'];

/** Every written month name (English, short English, Welsh with its soft, nasal and aspirate forms), lower case → month 1–12. */
const MONTH_NAMES: ReadonlyMap<string, number> = (() => {
  const names = new Map<string, number>();
  EN_MONTHS.forEach((m, i) => {
    names.set(m, i + 1);
  });
  EN_SHORT.forEach((m, i) => {
    names.set(m, i + 1);
  });
  names.set('sept', 9);
  CY_MONTHS.forEach((m, i) => {
    names.set(m, i + 1);
    for (const mutation of MUTATIONS) names.set(mutateCy(m, mutation), i + 1);
  });
  return names;
})();

const MONTH = [...MONTH_NAMES.keys()].sort((a, b) => b.length - a.length).join('|');
// English ordinals (st, nd, rd, th) and Welsh ones (1af, 2il, 3ydd, 4ydd, 5ed, 7fed, 11eg, 21ain).
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)?`;
const WRITTEN_DMY = new RegExp(String.raw`(?<![\p{L}\p{N}])${DAY}(?:\s+(?:of|o))?\s+(${MONTH})\.?,?\s+(\d{4})(?![\p{L}\p{N}])`, 'giu');
const WRITTEN_MDY = new RegExp(String.raw`(?<![\p{L}\p{N}])(${MONTH})\.?\s+${DAY},?\s+(\d{4})(?![\p{L}\p{N}])`, 'giu');
const NUMERIC_DMY = /(?<![\p{L}\p{N}./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\p{L}\p{N}]|[./-]\d)/gu;
const ISO = /(?<![\p{L}\p{N}./-])(\d{4})-(\d{2})-(\d{2})(?![\p{L}\p{N}]|[./-]\d)/gu;

function isoOf(year: number, month: number, day: number): IsoDate | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2100 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Two-digit years: 00–(this century's next few years) are 20xx, the rest 19xx. */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length === 4) return n;
  return n <= 40 ? 2000 + n : 1900 + n;
}

/** Every exact date written in the text: a date of birth among `datesOfBirth`, or an exact date. */
export function findDates(text: string, datesOfBirth: readonly IsoDate[]): Hit[] {
  const births = new Set(datesOfBirth);
  const out: Hit[] = [];
  const add = (start: number, length: number, iso: IsoDate | null) => {
    if (iso) out.push({ kind: births.has(iso) ? 'date_of_birth' : 'exact_date', start, end: start + length });
  };
  for (const m of text.matchAll(WRITTEN_DMY)) add(m.index, m[0].length, isoOf(Number(m[3]), MONTH_NAMES.get((m[2] ?? '').toLowerCase()) ?? 0, Number(m[1])));
  for (const m of text.matchAll(WRITTEN_MDY)) add(m.index, m[0].length, isoOf(Number(m[3]), MONTH_NAMES.get((m[1] ?? '').toLowerCase()) ?? 0, Number(m[2])));
  for (const m of text.matchAll(NUMERIC_DMY)) add(m.index, m[0].length, isoOf(fullYear(m[4] ?? ''), Number(m[3]), Number(m[1])));
  for (const m of text.matchAll(ISO)) add(m.index, m[0].length, isoOf(Number(m[1]), Number(m[2]), Number(m[3])));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Postcodes, phones, emails

// The UK postcode forms: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA (the space may be missing).
const POSTCODE = /(?<![\p{L}\p{N}])([A-PR-UWYZ](?:[A-HK-Y]\d[A-HJKPSTUW\d]?|\d[A-HJKPSTUW\d]?)) ?(\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}])/giu;

// A UK number: +44 or 0, then 9 or 10 more digits with spaces, hyphens or brackets between groups.
const PHONE = /(?<![\p{L}\p{N}+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s-]?\)?[\s-]?\d){8,9}(?![\p{N}])/gu;

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

export function findPostcodes(text: string): Hit[] {
  return [...text.matchAll(POSTCODE)].map((m) => ({ kind: 'postcode' as const, start: m.index, end: m.index + m[0].length }));
}

export function findPhones(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace('(0)', '').replace(/\D/g, '').replace(/^44/, '0');
    // UK numbers are 0 then 9 or 10 digits; the second digit is never 0 (no 00… numbers).
    if (/^0[1-9]\d{8,9}$/.test(digits)) out.push({ kind: 'phone', start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function findEmails(text: string): Hit[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ kind: 'email' as const, start: m.index, end: m.index + m[0].length }));
}

// ---------------------------------------------------------------------------------------------------------
// NHS and national insurance numbers

const NHS = /(?<![\p{L}\p{N}])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\p{L}\p{N}])/gu;

/** Whether ten digits are an NHS number: weights 10 to 2 on the first nine, 11 − (sum mod 11) is the tenth (11 → 0, 10 never). */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

function findNhsNumbers(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(NHS)) {
    if (isNhsNumber(`${m[1]}${m[3]}${m[4]}`)) out.push({ kind: 'nhs_number', start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// HMRC's rules: neither letter D, F, I, Q, U or V; the second not O; BG, GB, KN, NK, NT, TN and ZZ are never issued;
// six digits; a suffix A–D (spaces between the pairs optional).
const NI = /(?<![\p{L}\p{N}])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![\p{L}\p{N}])/giu;
const NI_NEVER = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function isNiNumber(text: string): boolean {
  const m = new RegExp(NI.source, 'iu').exec(text.trim());
  return m !== null && m[0].length === text.trim().length && !NI_NEVER.has((m[1] ?? '').toUpperCase());
}

function findNiNumbers(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(NI)) {
    if (!NI_NEVER.has((m[1] ?? '').toUpperCase())) out.push({ kind: 'ni_number', start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** All the certain patterns of a text. */
export function findPatterns(text: string, datesOfBirth: readonly IsoDate[]): Hit[] {
  return [...findDates(text, datesOfBirth), ...findPostcodes(text), ...findPhones(text), ...findEmails(text), ...findNhsNumbers(text), ...findNiNumbers(text)];
}
