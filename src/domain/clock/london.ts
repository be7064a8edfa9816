// The service's time zone and its one date formatter. Boards are in England and Wales, so "today", the
// day an instant fell on and every time shown to people are those of Europe/London (GMT in winter, BST in
// summer), whatever the server's own zone: between midnight and 1 am in summer, UTC is still yesterday.
// Pages, emails and documents write dates with formatDate, in English or Welsh ("6 December 2026" /
// "6 Rhagfyr 2026": day in digits, no leading zero, the month's name), never as ISO text.
import type { Language } from '../organisation.ts';
import { addDays, type IsoDate, isIsoDate, isTimeOfDay } from './dates.ts';

export const SERVICE_TIME_ZONE = 'Europe/London';

/** The wall-clock parts of an instant in London (24-hour). */
const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: SERVICE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  date: IsoDate;
  hour: number;
  minute: number;
  second: number;
}

function toInstant(value: Date | string): Date {
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not an instant: ${String(value)}`);
  return instant;
}

const HOUR_MS = 3_600_000;

/**
 * London's offset from UTC (ms) during one UTC hour, worked out by Intl once per hour and remembered:
 * London's clocks change only on the hour (01:00 UTC), so every instant of a UTC hour has one offset.
 * formatToParts is slow (a page of the audit log asked it 150 times), the arithmetic after it is not.
 */
const offsets = new Map<number, number>();

function offsetDuring(hour: number): number {
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const parts: Record<string, string> = {};
    for (const p of LONDON_PARTS.formatToParts(new Date(hour * HOUR_MS))) parts[p.type] = p.value;
    const there = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
    offset = there - hour * HOUR_MS;
    if (offsets.size >= 20_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

function wallClock(value: Date | string): WallClock {
  const ms = toInstant(value).getTime();
  const there = new Date(ms + offsetDuring(Math.floor(ms / HOUR_MS)));
  const year = there.getUTCFullYear();
  const yyyy = String(year).padStart(4, '0');
  return {
    date: `${yyyy}-${String(there.getUTCMonth() + 1).padStart(2, '0')}-${String(there.getUTCDate()).padStart(2, '0')}`,
    hour: there.getUTCHours(),
    minute: there.getUTCMinutes(),
    second: there.getUTCSeconds(),
  };
}

/** The calendar date in London at an instant: 2026-06-30T23:30Z is 1 July 2026 (00:30 BST). */
export function londonDate(instant: Date | string): IsoDate {
  return wallClock(instant).date;
}

/** The instant a London calendar day begins (midnight GMT or BST). */
export function londonMidnight(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  const utcMidnight = new Date(`${date}T00:00:00.000Z`);
  // London is UTC or one hour ahead; its clocks change at 01:00 UTC, never around midnight.
  const { date: there, hour } = wallClock(utcMidnight);
  const offsetHours = there === date ? hour : 0;
  return new Date(utcMidnight.getTime() - offsetHours * 3_600_000);
}

/** The instant a London wall-clock time is reached on a day ('09:30' on 2026-07-01 is 08:30 UTC, BST). */
export function londonInstant(date: IsoDate, time: string): Date {
  if (!isIsoDate(date) || !isTimeOfDay(time)) throw new RangeError(`Not a calendar date and time: ${String(date)} ${String(time)}`);
  const asUtc = new Date(`${date}T${time}:00.000Z`);
  // London is UTC or one hour ahead of it: the wall clock at the UTC reading says which.
  const there = wallClock(asUtc);
  const aheadMs = Date.parse(`${there.date}T${String(there.hour).padStart(2, '0')}:${String(there.minute).padStart(2, '0')}:00.000Z`) - asUtc.getTime();
  return new Date(asUtc.getTime() - aheadMs);
}

/** The instants a range of London calendar days covers: from the first day's midnight to the midnight after the last. */
export function londonDays(fromOn: IsoDate | undefined, toOn: IsoDate | undefined): { fromAt?: string; beforeAt?: string } {
  return {
    ...(fromOn ? { fromAt: londonMidnight(fromOn).toISOString() } : {}),
    ...(toOn ? { beforeAt: londonMidnight(addDays(toOn, 1)).toISOString() } : {}),
  };
}

/** The months' names, January first: every date written out, the chronology timeline's axis, the import's reading of dates. */
export const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  cy: ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'],
};

/** A calendar date written out: "6 December 2026" / "6 Rhagfyr 2026". Throws RangeError for anything that is not a real date. */
export function formatDate(date: IsoDate, language: Language): string {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${String(date)}`);
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${MONTHS[language][Number(month) - 1]} ${year}`;
}

/** A month written out: "March 2019" / "Mawrth 2019" (from any date in it). */
export function formatMonth(date: IsoDate, language: Language): string {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${String(date)}`);
  return `${MONTHS[language][Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** The London date of an instant, written out (an assessment made at 00:30 BST on 1 July is "1 July 2026"). */
export function formatDateOf(instant: Date | string, language: Language): string {
  return formatDate(londonDate(instant), language);
}

/** The time of an instant in London, 24-hour: "14:05". */
export function formatTime(instant: Date | string): string {
  const { hour, minute } = wallClock(instant);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The time of an instant in London with seconds: "14:05:09" (the audit log). */
export function formatTimeWithSeconds(instant: Date | string): string {
  const { second } = wallClock(instant);
  return `${formatTime(instant)}:${String(second).padStart(2, '0')}`;
}

/** An instant for people, in London: "6 December 2026, 14:05" / "6 Rhagfyr 2026, 14:05". */
export function formatDateTime(instant: Date | string, language: Language): string {
  return `${formatDateOf(instant, language)}, ${formatTime(instant)}`;
}

/** The date and the time of an instant apart, for sentences: "at {{time}} on {{date}}" / "am {{time}} ar {{date}}". */
export function dateAndTime(instant: Date | string, language: Language): { date: string; time: string } {
  return { date: formatDateOf(instant, language), time: formatTime(instant) };
}
