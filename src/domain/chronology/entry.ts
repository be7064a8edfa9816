// A chronology entry (issue 11; DOMAIN.md §6.3): one event an agency's records show, in the mergeable
// shape every agency's chronology shares, so the review's integrated chronology is one order of them all.
//
// Dates are often known only roughly ("March 2019", "about 22 May 2016"): an entry keeps the day its
// period starts (`occurredOn`) and how precise that is. An imprecise date sorts at the start of its
// period, and within one day a year comes before a month, a month before "about" and "about" before an
// exact date; an entry with no time before one with a time. Then the agency and the agency's own entry
// number break the tie, so the merged order is total, stable and the same whoever asks. Pure.
import { daysInMonth, type IsoDate, isIsoDate, TIME_OF_DAY, toEpochDay } from '../clock/dates.ts';
import { formatDate, formatMonth } from '../clock/london.ts';
import type { Language } from '../organisation.ts';

/** How precisely an entry's date is known. */
export const DATE_PRECISIONS = ['year', 'month', 'about', 'exact'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** Within one day: year, month, about, exact (the order of DATE_PRECISIONS). */
export function precisionRank(p: DatePrecision): number {
  return DATE_PRECISIONS.indexOf(p);
}

export function isDatePrecision(value: unknown): value is DatePrecision {
  return typeof value === 'string' && (DATE_PRECISIONS as readonly string[]).includes(value);
}

/** What kind of event an entry records (the agreed template's list; "other" for anything else). */
export const EVENT_TYPES = [
  'contact',
  'home_visit',
  'appointment',
  'assessment',
  'referral',
  'meeting',
  'strategy_discussion',
  'hospital_attendance',
  'education',
  'police_incident',
  'court',
  'missed_appointment',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** How significant the agency (or the analyst) judges the event: the timeline's marks are sized by it. */
export const SIGNIFICANCES = ['low', 'medium', 'high'] as const;
export type Significance = (typeof SIGNIFICANCES)[number];

export function isSignificance(value: unknown): value is Significance {
  return typeof value === 'string' && (SIGNIFICANCES as readonly string[]).includes(value);
}

/** The longest each free-text field may be (the import refuses longer cells; so do the page and the API). */
export const CHRONOLOGY_LIMITS = {
  description: 5000,
  actionTaken: 3000,
  outcome: 3000,
  practitionerRole: 200,
  sourceRef: 200,
  analystComment: 3000,
  /** People named on one entry. */
  people: 30,
} as const;

/** What an agency writes for one entry (the people are the review's people, by id). */
export interface EntryFields {
  /** The day the period starts: the exact day, the first of the month, or 1 January. */
  occurredOn: IsoDate;
  precision: DatePrecision;
  /** 'HH:MM' (24-hour), or null when not known; only for an exact or approximate day. */
  time: string | null;
  eventType: EventType;
  description: string;
  people: readonly string[];
  practitionerRole: string;
  actionTaken: string;
  outcome: string;
  sourceRef: string;
  significance: Significance;
  analystComment: string;
}

/** Where an entry sits in the merged order: what its sort needs besides its fields. */
export interface EntryPosition {
  occurredOn: IsoDate;
  precision: DatePrecision;
  time: string | null;
  agencyId: string;
  /** The agency's own number for the entry on this review, from 1. */
  entryNo: number;
}

/** Minutes after midnight, or -1 for an entry with no time (it sorts first in its day). */
export function minuteOf(time: string | null): number {
  if (time === null) return -1;
  const m = TIME_OF_DAY.exec(time);
  if (!m) throw new RangeError(`Not a time (HH:MM): ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The sort columns stored with an entry (integers, so both databases order them alike). */
export interface SortColumns {
  dayNo: number;
  precisionRank: number;
  minute: number;
}

export function sortColumns(e: Pick<EntryPosition, 'occurredOn' | 'precision' | 'time'>): SortColumns {
  return { dayNo: toEpochDay(e.occurredOn), precisionRank: precisionRank(e.precision), minute: minuteOf(e.time) };
}

/** The merged order: date, precision, time, agency, entry. Total: two entries compare equal only if they are the same. */
export function compareEntries(a: EntryPosition, b: EntryPosition): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? -1 : 1;
  const p = precisionRank(a.precision) - precisionRank(b.precision);
  if (p !== 0) return p;
  const t = minuteOf(a.time) - minuteOf(b.time);
  if (t !== 0) return t;
  if (a.agencyId !== b.agencyId) return a.agencyId < b.agencyId ? -1 : 1;
  return a.entryNo - b.entryNo;
}

/** The first day of the period a date of this precision names (a month's first day, a year's 1 January). */
export function periodStart(date: IsoDate, precision: DatePrecision): IsoDate {
  if (precision === 'year') return `${date.slice(0, 4)}-01-01`;
  if (precision === 'month') return `${date.slice(0, 7)}-01`;
  return date;
}

/** The last day of the period (for "outside the review period" and for gaps: a month's entry covers its month). */
export function periodEnd(occurredOn: IsoDate, precision: DatePrecision): IsoDate {
  const year = Number(occurredOn.slice(0, 4));
  if (precision === 'year') return `${year}-12-31`;
  if (precision === 'month') {
    const month = Number(occurredOn.slice(5, 7));
    return `${occurredOn.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
  }
  return occurredOn;
}

/** Whether a stored date is the start of its period (what the service keeps; anything else is refused). */
export function isPeriodStart(date: string, precision: DatePrecision): boolean {
  return isIsoDate(date) && periodStart(date, precision) === date;
}

/** Whether an entry's period falls outside the review's period (warned, never refused). */
export function outsidePeriod(e: Pick<EntryFields, 'occurredOn' | 'precision'>, period: { from: IsoDate | null; to: IsoDate | null }): boolean {
  if (period.from && periodEnd(e.occurredOn, e.precision) < period.from) return true;
  if (period.to && e.occurredOn > period.to) return true;
  return false;
}

/** Words around an approximate date, in each language: "about 22 May 2016" / "tua 22 Mai 2016". */
const ABOUT: Readonly<Record<Language, string>> = { en: 'about', cy: 'tua' };

/** An entry's date as its precision allows: "22 May 2016", "about 22 May 2016", "May 2016", "2016" (and in Welsh). */
export function formatEntryDate(e: Pick<EntryFields, 'occurredOn' | 'precision'>, language: Language): string {
  switch (e.precision) {
    case 'year':
      return e.occurredOn.slice(0, 4);
    case 'month':
      return formatMonth(e.occurredOn, language);
    case 'about':
      return `${ABOUT[language]} ${formatDate(e.occurredOn, language)}`;
    default:
      return formatDate(e.occurredOn, language);
  }
}
