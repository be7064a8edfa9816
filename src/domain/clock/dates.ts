// Calendar dates as 'YYYY-MM-DD' strings. All arithmetic is done on UTC midnights, so no time zone or
// daylight-saving change can move a date.

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A time of day written 'HH:MM', 24-hour (hours and minutes captured). */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a time of day written 'HH:MM', 24-hour. */
export function isTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && TIME_OF_DAY.test(value);
}

/** True for a real calendar date written 'YYYY-MM-DD' (2026-02-30 is not one). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/**
 * The years a date may have when a person types it or the API is sent it: nothing in this service
 * happened before 1900 or will after 2100, and a year such as 0000 only breaks date arithmetic and
 * databases' date functions.
 */
export const DATE_YEARS = { min: 1900, max: 2100 } as const;

/** True for a calendar date whose year is within DATE_YEARS. */
export function isDateInRange(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  return isIsoDate(date) && year >= DATE_YEARS.min && year <= DATE_YEARS.max;
}

function assertIsoDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
}

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds of the date's UTC midnight. */
export function toEpochDay(date: IsoDate): number {
  assertIsoDate(date);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The calendar date of a day number (days since 1970-01-01): arithmetic only, never "today" (that is Clock.today(), in London). */
export function fromEpochDay(day: number): IsoDate {
  const d = new Date(day * DAY_MS);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The date n calendar days later (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + n);
}

/**
 * The date n calendar months later (n may be negative). A day that does not exist in the target month
 * becomes that month's last day: 2026-01-31 + 1 month = 2026-02-28; 2024-08-31 − 6 months = 2024-02-29.
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  assertIsoDate(date);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Calendar arithmetic: months first, then weeks and days (each may be negative). */
export function addCalendar(date: IsoDate, by: { days?: number; weeks?: number; months?: number }): IsoDate {
  const months = by.months ?? 0;
  const days = (by.weeks ?? 0) * 7 + (by.days ?? 0);
  for (const n of [months, days]) if (!Number.isInteger(n)) throw new RangeError('Calendar amounts must be whole numbers');
  return addDays(addMonths(date, months), days);
}

/** Calendar days from a to b: positive when b is later, 0 on the same day. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
