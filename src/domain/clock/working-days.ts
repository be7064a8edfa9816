// Working days in England and in Wales: Monday to Friday, except public (bank) holidays, including the
// substitute days given when a holiday falls at a weekend (date-holidays, regions GB-ENG and GB-WLS).
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { addDays, addMonths, dayOfWeek, daysBetween, type IsoDate, isIsoDate, toEpochDay } from './dates.ts';

/** The calendar a clock runs on: the bank holidays of England or of Wales. */
export type CalendarRegion = 'england' | 'wales';

const REGION_CODES: Record<CalendarRegion, string> = { england: 'ENG', wales: 'WLS' };
const calendars = new Map<CalendarRegion, Holidays>();
// date-holidays takes about 400 ms to load: load it when a clock first needs it, not at start-up.
const requireModule = createRequire(import.meta.url);
let HolidaysClass: typeof Holidays | undefined;
const yearCache = new Map<string, ReadonlyMap<IsoDate, string>>();

/** The public holidays of one year in a region: date → English name (e.g. 'Boxing Day (substitute day)'). */
export function bankHolidays(year: number, region: CalendarRegion): ReadonlyMap<IsoDate, string> {
  const key = `${region}:${year}`;
  const cached = yearCache.get(key);
  if (cached) return cached;
  let calendar = calendars.get(region);
  if (!calendar) {
    HolidaysClass ??= requireModule('date-holidays') as typeof Holidays;
    calendar = new HolidaysClass('GB', REGION_CODES[region]);
    calendars.set(region, calendar);
  }
  const days = new Map<IsoDate, string>();
  for (const h of calendar.getHolidays(year)) {
    if (h.type === 'public') days.set(h.date.slice(0, 10), h.name);
  }
  yearCache.set(key, days);
  return days;
}

export function isBankHoliday(date: IsoDate, region: CalendarRegion): boolean {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  return bankHolidays(Number(date.slice(0, 4)), region).has(date);
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** Monday to Friday and not a public holiday in the region. */
export function isWorkingDay(date: IsoDate, region: CalendarRegion): boolean {
  return !isWeekend(date) && !isBankHoliday(date, region);
}

/**
 * The n-th working day after date (the date itself never counts): "within 5 working days of becoming
 * aware" on Monday 2026-12-21 is Wednesday 2026-12-30. n = 0 gives the date itself; a negative n counts
 * backwards to the n-th working day before the date.
 */
export function addWorkingDays(date: IsoDate, n: number, region: CalendarRegion): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError('Working days must be a whole number');
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = date;
  if (!isIsoDate(current)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  while (remaining > 0) {
    current = addDays(current, step);
    if (isWorkingDay(current, region)) remaining--;
  }
  return current;
}

/**
 * Working days after a up to and including b — so addWorkingDays(a, workingDaysBetween(a, b)) is the last
 * working day on or before b. Negative (the same count, reversed) when b is before a; 0 when equal.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate, region: CalendarRegion): number {
  if (b < a) return -workingDaysBetween(b, a, region);
  // Counted, not walked: a clock years old is read on every dashboard row (bench/README.md).
  // Whole weeks hold five weekdays each; the few days left over are looked at one by one.
  const start = toEpochDay(a);
  const span = daysBetween(a, b);
  const weeks = Math.floor(span / 7);
  let count = weeks * 5;
  for (let day = start + weeks * 7 + 1; day <= start + span; day++) {
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (weekday !== 0 && weekday !== 6) count++;
  }
  // Then the bank holidays after a up to b that fall on a weekday (a holiday at a weekend costs nothing).
  for (let year = Number(a.slice(0, 4)); year <= Number(b.slice(0, 4)); year++) {
    for (const holiday of bankHolidays(year, region).keys()) if (holiday > a && holiday <= b && !isWeekend(holiday)) count--;
  }
  return count;
}

/** The date itself when it is a working day, otherwise the next working day after it. */
export function workingDayOnOrAfter(date: IsoDate, region: CalendarRegion): IsoDate {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  let current = date;
  while (!isWorkingDay(current, region)) current = addDays(current, 1);
  return current;
}

export const DURATION_UNITS = ['calendar_days', 'weeks', 'working_days', 'months'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** An amount of time as the rules state it: "4 weeks", "15 working days", "6 months". */
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/**
 * The date a duration after start falls due: calendar days, weeks (7 days), months (same day of the month,
 * or the month's last day) or working days in the region (see addWorkingDays). A negative amount counts back.
 */
export function dueDate(start: IsoDate, duration: Duration, region: CalendarRegion): IsoDate {
  const { amount, unit } = duration;
  if (!Number.isInteger(amount)) throw new RangeError('Duration amounts must be whole numbers');
  switch (unit) {
    case 'calendar_days':
      return addDays(start, amount);
    case 'weeks':
      return addDays(start, amount * 7);
    case 'months':
      return addMonths(start, amount);
    case 'working_days':
      return addWorkingDays(start, amount, region);
  }
}
