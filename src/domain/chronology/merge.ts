// The integrated chronology's order (issue 11, item 3): every agency's entries, each agency's list already in
// the merged order (compareEntries, entry.ts), merged into one list. Pure.
//
// A k-way merge by a linear scan of the lists' heads: for the ten or so agencies of a review it beat both a
// binary heap and concatenating and sorting (../shared/PERF-LIMITS.md §7: 95 ms against 241 ms and 151 ms for
// 1,000,000 entries). Each head's sort key is worked out once, when it becomes the head, so the scan
// compares numbers and short strings rather than parsing a time on every comparison.
import { compareEntries, type EntryPosition, minuteOf, precisionRank } from './entry.ts';

interface Head {
  list: number;
  at: number;
  occurredOn: string;
  rank: number;
  minute: number;
  agencyId: string;
  entryNo: number;
}

function headOf<T extends EntryPosition>(lists: readonly (readonly T[])[], list: number, at: number): Head | null {
  const e = lists[list]?.[at];
  if (e === undefined) return null;
  return { list, at, occurredOn: e.occurredOn, rank: precisionRank(e.precision), minute: minuteOf(e.time), agencyId: e.agencyId, entryNo: e.entryNo };
}

/** compareEntries on the precomputed keys (the same order: date, precision, time, agency, entry). */
function before(a: Head, b: Head): boolean {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn;
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.minute !== b.minute) return a.minute < b.minute;
  if (a.agencyId !== b.agencyId) return a.agencyId < b.agencyId;
  if (a.entryNo !== b.entryNo) return a.entryNo < b.entryNo;
  // The same position in two lists (never for stored entries, whose agency and number are unique):
  // the earlier list first, so nothing is lost.
  return a.list < b.list;
}

/**
 * The agencies' lists merged into the one integrated order. Each list must already be sorted by
 * compareEntries (as the repository reads it); the lists may come in any order and the result is the same.
 * Entries are returned as given (the same objects), none lost, none repeated.
 *
 * O(n · k) time for n entries in k lists (a scan of the k heads per entry; k is the review's agencies, about
 * ten), O(n) extra space for the result.
 */
export function mergeAgencyLists<T extends EntryPosition>(lists: readonly (readonly T[])[]): T[] {
  const heads: Head[] = [];
  let total = 0;
  for (let i = 0; i < lists.length; i++) {
    total += lists[i]?.length ?? 0;
    const head = headOf(lists, i, 0);
    if (head) heads.push(head);
  }
  const out: T[] = new Array(total);
  let n = 0;
  while (heads.length > 0) {
    let best = 0;
    for (let h = 1; h < heads.length; h++) if (before(heads[h] as Head, heads[best] as Head)) best = h;
    const head = heads[best] as Head;
    out[n++] = (lists[head.list] as readonly T[])[head.at] as T;
    const next = headOf(lists, head.list, head.at + 1);
    if (next) heads[best] = next;
    else heads.splice(best, 1);
  }
  return out;
}

/**
 * Whether a list is in the merged order (for a caller that wants to check a list before merging it).
 * O(n) time, O(1) space.
 */
export function isInMergedOrder(list: readonly EntryPosition[]): boolean {
  for (let i = 1; i < list.length; i++) if (compareEntries(list[i - 1] as EntryPosition, list[i] as EntryPosition) > 0) return false;
  return true;
}
