// The periods a large timeline groups its entries by (issue 11 item 5): the unit for a range (months up to five
// years, quarters up to twenty, years beyond), a date's period, and entries or counts added up per lane and period.
// Pure.

import { SIGNIFICANCES, type Significance } from '../domain/chronology/entry.ts';
import { addDays, addMonths, type IsoDate } from '../domain/clock/dates.ts';
import type { GroupUnit, TimelineEvent, TimelineGroup } from './chronology-timeline.ts';

/**
 * The period a grouped mark counts for a range: months up to five years (13 px a month or more), quarters up
 * to twenty years, years beyond. O(1).
 */
export function groupingUnit(from: IsoDate, to: IsoDate): GroupUnit {
  const months = monthIndex(to) - monthIndex(from) + 1;
  if (months <= 60) return 'month';
  if (months <= 240) return 'quarter';
  return 'year';
}

function monthIndex(date: IsoDate): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** The first day of the unit's period holding the date. O(1). */
export function unitStart(date: IsoDate, unit: GroupUnit): IsoDate {
  const year = date.slice(0, 4);
  if (unit === 'year') return `${year}-01-01`;
  const month = Number(date.slice(5, 7));
  const first = unit === 'quarter' ? month - ((month - 1) % 3) : month;
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

/** The last day of the unit's period starting on `start`. O(1). */
export function unitEnd(start: IsoDate, unit: GroupUnit): IsoDate {
  return addDays(addMonths(start, unit === 'year' ? 12 : unit === 'quarter' ? 3 : 1), -1);
}

function maxSignificance(a: Significance, b: Significance): Significance {
  return SIGNIFICANCES.indexOf(a) >= SIGNIFICANCES.indexOf(b) ? a : b;
}

/**
 * Counts per lane and period of the unit, adding up groups (or entries) of the same lane and period: what
 * the grouped picture draws. O(n) for n groups or entries, O(lanes × periods) space.
 */
export function groupByPeriod(items: readonly (TimelineGroup | TimelineEvent)[], unit: GroupUnit): TimelineGroup[] {
  const out = new Map<string, TimelineGroup>();
  for (const item of items) {
    const isGroup = 'count' in item;
    const start = unitStart(isGroup ? item.periodStart : item.occurredOn, unit);
    const significance = isGroup ? item.maxSignificance : item.significance;
    const key = `${item.lane}\u0000${start}`;
    const known = out.get(key);
    if (known) {
      known.count += isGroup ? item.count : 1;
      known.maxSignificance = maxSignificance(known.maxSignificance, significance);
    } else out.set(key, { lane: item.lane, periodStart: start, count: isGroup ? item.count : 1, maxSignificance: significance });
  }
  return [...out.values()];
}
