// What the integrated chronology shows besides its entries (issue 11, item 3): gaps (long periods with no
// contact from any agency), clusters (many events in a short period) and entries that look like the same
// event recorded by two agencies. Plain data in, plain data out; the caller reads the entries in the merged
// order (merge.ts, or the repository's ORDER BY on the sort columns) and passes only the fields used. Pure.
import { fromEpochDay, type IsoDate, toEpochDay } from '../clock/dates.ts';
import { type DatePrecision, type EventType, periodEnd } from './entry.ts';

/**
 * toEpochDay remembered for one call: a review's entries share few distinct days (100,000 entries over ten
 * years have at most 3,653), and working a date out is the costly part of a pass.
 */
function dayNumbers(): (date: IsoDate) => number {
  const memo = new Map<IsoDate, number>();
  return (date) => {
    let n = memo.get(date);
    if (n === undefined) {
      n = toEpochDay(date);
      memo.set(date, n);
    }
    return n;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Gaps

/** A period of `days` days, from `from` to `to` inclusive, in which no agency recorded anything. */
export interface Gap {
  from: IsoDate;
  to: IsoDate;
  days: number;
}

/** Four weeks: the panel chooses its own; this is what the page starts with. */
export const DEFAULT_GAP_DAYS = 28;

export interface GapOptions {
  /** A gap is reported when it is longer than this many days (default DEFAULT_GAP_DAYS). */
  thresholdDays?: number;
  /**
   * The review's period. With `from`, days before the first entry count as a gap; with `to`, days after the
   * last. Entries outside it are clipped to it.
   */
  period?: { from: IsoDate | null; to: IsoDate | null };
}

/**
 * The gaps longer than the threshold between entries of any agency. An imprecise entry covers its whole
 * period (a "March 2019" entry covers March; a year's covers the year; "about" covers its day), since the
 * records show contact some time in it. `entries` must come in the merged order (by date): anything earlier
 * than the entry before it is refused with a RangeError, as the gaps would be wrong.
 *
 * O(n) time for n entries (one pass), O(g) space for g gaps; accepts any iterable, so a caller can stream
 * the dates of a 100,000-entry review without holding its entries.
 */
export function findGaps(entries: Iterable<{ occurredOn: IsoDate; precision: DatePrecision }>, options: GapOptions = {}): Gap[] {
  const threshold = options.thresholdDays ?? DEFAULT_GAP_DAYS;
  if (!Number.isInteger(threshold) || threshold < 0) throw new RangeError('thresholdDays must be a whole number of days, 0 or more');
  const from = options.period?.from ? toEpochDay(options.period.from) : null;
  const to = options.period?.to ? toEpochDay(options.period.to) : null;
  const gaps: Gap[] = [];
  const report = (first: number, last: number) => {
    const days = last - first + 1;
    if (days > threshold) gaps.push({ from: fromEpochDay(first), to: fromEpochDay(last), days });
  };
  // The last day covered so far (null before the first entry when the period has no start).
  let covered: number | null = from === null ? null : from - 1;
  let previousStart = Number.NEGATIVE_INFINITY;
  const dayNo = dayNumbers();
  for (const e of entries) {
    const start = dayNo(e.occurredOn);
    if (start < previousStart) throw new RangeError('entries must come in the merged order (by date)');
    previousStart = start;
    if (to !== null && start > to) break;
    const end = e.precision === 'exact' || e.precision === 'about' ? start : dayNo(periodEnd(e.occurredOn, e.precision));
    if (covered !== null && start > covered + 1) report(covered + 1, start - 1);
    if (covered === null || end > covered) covered = end;
  }
  if (to !== null && covered !== null && covered < to) report(covered + 1, to);
  return gaps;
}

// ---------------------------------------------------------------------------------------------------------
// Clusters

/** Several events close together: `count` entries from `from` to `to`, by these agencies (sorted ids). */
export interface Cluster {
  from: IsoDate;
  to: IsoDate;
  count: number;
  agencies: string[];
}

/**
 * Five entries within seven days: in a chronology of a few hundred entries over years that is a burst worth
 * the panel's eye (a crisis, an escalation, a hospital stay); the panel may tune both.
 */
export const DEFAULT_CLUSTER = { minCount: 5, windowDays: 7 } as const;

export interface ClusterOptions {
  /** At least this many entries (default 5)… */
  minCount?: number;
  /** …within this many consecutive days (default 7). */
  windowDays?: number;
}

/**
 * The periods where at least `minCount` entries fall within `windowDays` consecutive days. Windows that
 * share an entry are one cluster (reported once, from its first entry's day to its last's), so nothing is
 * counted twice. Only entries dated to a day (exact or about) count: a "March 2019" entry has no day to
 * place it in a week. Entries must come in the merged order (a RangeError otherwise).
 *
 * O(n) time for n items (a sliding window; each item enters and leaves it once) plus O(c) per cluster of
 * c items for its agencies; O(n) space for the days. An item with a `count` stands for that many entries of its
 * agency on its day (a day's GROUP BY), so a 100,000-entry chronology is read as a few thousand items.
 */
export function findClusters(
  entries: readonly { occurredOn: IsoDate; precision: DatePrecision; agencyId: string; count?: number }[],
  options: ClusterOptions = {},
): Cluster[] {
  const minCount = options.minCount ?? DEFAULT_CLUSTER.minCount;
  const windowDays = options.windowDays ?? DEFAULT_CLUSTER.windowDays;
  if (!Number.isInteger(minCount) || minCount < 2) throw new RangeError('minCount must be a whole number, 2 or more');
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new RangeError('windowDays must be a whole number of days, 1 or more');
  const dated = entries.filter((e) => e.precision === 'exact' || e.precision === 'about');
  const dayNo = dayNumbers();
  const days = dated.map((e) => dayNo(e.occurredOn));
  // An item may stand for several entries of one agency on one day (`count`: what a GROUP BY gives).
  const weight = (k: number) => (dated[k] as { count?: number }).count ?? 1;
  const runs: [number, number][] = [];
  let i = 0;
  let inWindow = 0;
  for (let j = 0; j < days.length; j++) {
    const day = days[j] as number;
    if (j > 0 && day < (days[j - 1] as number)) throw new RangeError('entries must come in the merged order (by date)');
    inWindow += weight(j);
    while (day - (days[i] as number) >= windowDays) inWindow -= weight(i++);
    if (inWindow < minCount) continue;
    const last = runs[runs.length - 1];
    if (last && i <= last[1]) last[1] = j;
    else runs.push([i, j]);
  }
  return runs.map(([first, last]) => {
    const agencies = new Set<string>();
    let count = 0;
    for (let k = first; k <= last; k++) {
      agencies.add((dated[k] as { agencyId: string }).agencyId);
      count += weight(k);
    }
    return { from: fromEpochDay(days[first] as number), to: fromEpochDay(days[last] as number), count, agencies: [...agencies].sort() };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Likely duplicates

/** What the duplicate check reads of an entry. */
export interface DuplicateCandidate {
  agencyId: string;
  occurredOn: IsoDate;
  precision: DatePrecision;
  time: string | null;
  eventType: EventType;
  /** The review's people on the entry, by id. */
  people: readonly string[];
  description: string;
}

/** Why a pair looks like one event (codes; the page words them). */
export type DuplicateReason = 'same_day' | 'same_time' | 'same_event_type' | 'shared_people' | 'no_people_recorded' | 'similar_text';

export interface LikelyDuplicate<T> {
  a: T;
  b: T;
  /** How alike the descriptions are, 0 to 1 (trigram Dice coefficient, two decimals). */
  score: number;
  reasons: DuplicateReason[];
}

/**
 * How alike two descriptions must be. Agencies describe one event in their own words ("Home visit by social
 * worker, mother present" / "SW visited the home; mother was present" scores 0.64, an ED attendance told by the hospital and by the police 0.47), while two
 * different events on one day share little beyond the people’s pseudonyms (0.0–0.3 in the tests).
 */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.4;

/**
 * Lower case, Unicode letters and digits kept as they are (ŵ, ŷ, â stay themselves), everything else a
 * single space. O(L) for L characters.
 */
export function normaliseForComparison(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The set of character trigrams of the normalised text, each word padded with a space either side. A trigram
 * is kept as a number (its three UTF-16 units, 16 bits each), which sets hash faster than strings. By UTF-16
 * unit: Welsh and every European letter is one; a letter outside the BMP splits the same way in both texts.
 * O(L) for L characters.
 */
export function trigrams(text: string): Set<number> {
  const out = new Set<number>();
  const normal = normaliseForComparison(text);
  if (normal === '') return out;
  const padded = ` ${normal} `;
  let a = padded.charCodeAt(0);
  let b = padded.charCodeAt(1);
  for (let i = 2; i < padded.length; i++) {
    const c = padded.charCodeAt(i);
    // Skip the trigram that would span two words (space in the middle).
    if (b !== 32) out.add(a * 4294967296 + b * 65536 + c);
    a = b;
    b = c;
  }
  return out;
}

/** Dice's coefficient of two sets: 2·|A∩B| / (|A|+|B|), 0 for two empty sets. O(min(|A|, |B|)). */
export function dice<K>(a: ReadonlySet<K>, b: ReadonlySet<K>): number {
  if (a.size + b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Whether two short lists of people share one (a few people each: a scan beats making sets). */
function overlaps(a: readonly string[], b: readonly string[]): boolean {
  for (const p of a) if (b.includes(p)) return true;
  return false;
}

/** A day known to the day: exact or "about" (an entry dated only to a month or year is never a duplicate). */
function datedToDay(e: DuplicateCandidate): boolean {
  return e.precision === 'exact' || e.precision === 'about';
}

/**
 * Pairs of entries from one day that look like the same event recorded by two agencies: different
 * agencies, the same day (exact or about), people that overlap (or none recorded on one or both: nothing
 * contradicts), and descriptions at least `threshold` alike by trigram Dice on the normalised text (an
 * "about" date is taken as its day: two agencies' "about 3 May" and "5 May" are not compared). Pairs
 * come in the order of the input (a before b as given). Entries of another day in `entries` are compared
 * only with their own day's.
 *
 * O(m² · L) time for m entries of L characters (each description's trigrams made once); a day has a handful.
 */
export function likelyDuplicatesOnDay<T extends DuplicateCandidate>(entries: readonly T[], threshold = DEFAULT_DUPLICATE_THRESHOLD): LikelyDuplicate<T>[] {
  const candidates = entries.filter(datedToDay);
  // Each description's trigrams are made once, and only when a pair gets as far as comparing text.
  const grams: (Set<number> | undefined)[] = new Array(candidates.length);
  const gramsOf = (k: number): Set<number> => {
    let g = grams[k];
    if (g === undefined) {
      g = trigrams((candidates[k] as T).description);
      grams[k] = g;
    }
    return g;
  };
  const out: LikelyDuplicate<T>[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const a = candidates[i] as T;
    for (let j = i + 1; j < candidates.length; j++) {
      const b = candidates[j] as T;
      if (a.agencyId === b.agencyId || a.occurredOn !== b.occurredOn) continue;
      const shared = a.people.length > 0 && b.people.length > 0;
      if (shared && !overlaps(a.people, b.people)) continue;
      const score = dice(gramsOf(i), gramsOf(j));
      if (score < threshold) continue;
      const reasons: DuplicateReason[] = ['same_day', shared ? 'shared_people' : 'no_people_recorded', 'similar_text'];
      if (a.time !== null && a.time === b.time) reasons.push('same_time');
      if (a.eventType === b.eventType) reasons.push('same_event_type');
      out.push({ a, b, score: Math.round(score * 100) / 100, reasons });
    }
  }
  return out;
}

/**
 * likelyDuplicatesOnDay over a whole list in the merged order (or any order that keeps each day's entries
 * together), one day at a time.
 *
 * O(n · d · L) time for n entries with at most d on one day, O(d) space besides the pairs.
 */
export function likelyDuplicates<T extends DuplicateCandidate>(entries: readonly T[], threshold = DEFAULT_DUPLICATE_THRESHOLD): LikelyDuplicate<T>[] {
  const out: LikelyDuplicate<T>[] = [];
  let day: T[] = [];
  for (const e of entries) {
    if (!datedToDay(e)) continue;
    if (day.length > 0 && (day[0] as T).occurredOn !== e.occurredOn) {
      if (day.length > 1) out.push(...likelyDuplicatesOnDay(day, threshold));
      day = [];
    }
    day.push(e);
  }
  if (day.length > 1) out.push(...likelyDuplicatesOnDay(day, threshold));
  return out;
}
