// The chronology's timeline picture (issue 11, item 5): a server-rendered SVG swimlane, one lane per agency,
// a time axis of years and months in the reader's language, the entries as marks sized by significance
// (an entry dated only to a month or a year drawn as a bar over its period), the gaps shaded and the key
// events labelled above the lanes. The same SVG is the page's picture and a document figure (it passes
// figureSvgProblems: self-contained, no scripts or references, text in DejaVu Sans so the browser, resvg and
// the PDF renderer agree), and the table of entries is its text alternative on the page.
//
// Above TIMELINE_DETAIL_LIMIT entries it draws one mark per lane per period (month, quarter or year, chosen
// from the range) sized by the number of entries, so a 100,000-entry review stays a picture one can read and
// a file of tens of kilobytes: the caller passes the counts (a GROUP BY), not the entries. The summary
// timeline of the published bundle is the same picture with only the key events. Pure: data in, SVG out.

import type { Gap } from '../domain/chronology/analysis.ts';
import { type DatePrecision, periodEnd, SIGNIFICANCES, type Significance } from '../domain/chronology/entry.ts';
import { addDays, addMonths, daysBetween, type IsoDate, maxDate, minDate, toEpochDay } from '../domain/clock/dates.ts';
import { formatDate, MONTHS } from '../domain/clock/london.ts';
import type { Language } from '../domain/organisation.ts';
import { groupByPeriod, groupingUnit, unitEnd, unitStart } from './timeline-periods.ts';
import { TIMELINE_TEXT as TEXT } from './timeline-text.ts';

export interface TimelineLane {
  /** The agency's id (what events and groups name as their lane). */
  id: string;
  /** The agency's name in the reader's language. */
  label: string;
}

export interface TimelineEvent {
  lane: string;
  occurredOn: IsoDate;
  precision: DatePrecision;
  significance: Significance;
  /** A key event's short label (the panel's words, pseudonymised): labelled above the lanes. */
  keyLabel?: string;
}

/** Entries of one lane in one period: what a `GROUP BY agency, month` gives. */
export interface TimelineGroup {
  lane: string;
  /** Any day in the period (its first, as SQL gives it); groups of one period are added up. */
  periodStart: IsoDate;
  count: number;
  maxSignificance: Significance;
}

export type GroupUnit = 'month' | 'quarter' | 'year';

export interface TimelineInput {
  language: Language;
  lanes: readonly TimelineLane[];
  /** The axis' range: the review's period. Without it, the range of what is drawn. */
  period?: { from: IsoDate; to: IsoDate };
  /**
   * The entries to draw one by one (a summary timeline: the key events only). Above
   * TIMELINE_DETAIL_LIMIT, or when `groups` are given, only the key events are drawn one by one.
   */
  events?: readonly TimelineEvent[];
  /** The counts per lane and period, for a large chronology (the caller's GROUP BY). */
  groups?: readonly TimelineGroup[];
  /** The gaps to shade (findGaps, src/domain/chronology/analysis.ts). */
  gaps?: readonly Gap[];
  /** Instead of the default title ("Chronology timeline" / "Llinell amser y gronoleg"). */
  title?: string;
  /** The ids of the SVG's title and description start with this (default 'chronology-timeline'); unique on a page. */
  idPrefix?: string;
}

export interface Timeline {
  svg: string;
  title: string;
  /** What the picture shows, in words (the SVG's <desc>; a document figure's text alternative). */
  description: string;
  mode: 'events' | 'grouped';
  /** The period each grouped mark counts, or null for events drawn one by one. */
  unit: GroupUnit | null;
}

/** Up to this many entries are drawn one by one; above it, grouped by period. */
export const TIMELINE_DETAIL_LIMIT = 500;

/** The picture's width in CSS pixels (a printed A4 landscape page's width at 96 dpi, near enough). */
export const TIMELINE_WIDTH = 1000;

const PLOT_LEFT = 210;
const PLOT_RIGHT = TIMELINE_WIDTH - 15;
const PLOT_WIDTH = PLOT_RIGHT - PLOT_LEFT;
const LANE_HEIGHT = 40;
const KEY_ROW = 16;
const AXIS_HEIGHT = 42;
const LEGEND_HEIGHT = 30;
const FONT = 'DejaVu Sans';
/** Roughly the width of one character of 11 px DejaVu Sans (for placing labels without measuring them). */
const CHAR_WIDTH = 6.6;
const KEY_LABEL_MAX = 40;
const KEY_ROWS = 12;
const LANE_LABEL_LINE = 24;

const RADIUS: Record<Significance, number> = { low: 3, medium: 5, high: 7 };
/** GOV.UK blues, light to dark: size shows significance, the shade repeats it. */
const COLOUR: Record<Significance, string> = { low: '#5694ca', medium: '#1d70b8', high: '#003078' };
const INK = '#0b0c0c';
const GREY = '#b1b4b6';
const GAP_FILL = '#f3f2f1';

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A coordinate with at most one decimal ("12.5", "40"). */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** A lane's label on at most two lines of LANE_LABEL_LINE characters, the rest cut with an ellipsis. */
function laneLabelLines(label: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.replace(/\s+/g, ' ').trim().split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if ([...next].length <= LANE_LABEL_LINE || line === '') line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= 2) return lines.map((l) => truncate(l, LANE_LABEL_LINE));
  return [truncate(lines[0] as string, LANE_LABEL_LINE), truncate(`${lines.slice(1).join(' ')}`, LANE_LABEL_LINE)];
}

interface Tick {
  date: IsoDate;
  label: string | null;
  year: string | null;
}

/**
 * The axis' ticks: each month start in range, a month's name where there is room for one (every 1, 2, 3 or
 * 6 months), and the year at each January (every 1, 2, 5 or 10 years when years are crowded).
 */
function axisTicks(from: number, days: number, language: Language): Tick[] {
  const pxPerMonth = (PLOT_WIDTH * 30.44) / days;
  const monthStep = [1, 2, 3, 6].find((s) => pxPerMonth * s >= 74) ?? null;
  const yearStep = [1, 2, 5, 10, 20, 50].find((s) => pxPerMonth * 12 * s >= 44) ?? 100;
  const start = fromDay(from);
  const ticks: Tick[] = [];
  // Months from the first month start on or after the range's start.
  let date = start.slice(8, 10) === '01' ? start : addMonths(`${start.slice(0, 7)}-01`, 1);
  const showMonths = monthStep !== null && days <= 366 * 12;
  while (toEpochDay(date) < from + days) {
    const month = Number(date.slice(5, 7));
    const year = Number(date.slice(0, 4));
    const isJanuary = month === 1;
    const monthLabel = showMonths && monthStep !== null && (month - 1) % monthStep === 0 ? (MONTHS[language][month - 1] as string) : null;
    const yearLabel = isJanuary && year % yearStep === 0 ? String(year) : null;
    if (showMonths || isJanuary) ticks.push({ date, label: monthLabel, year: yearLabel });
    date = addMonths(date, showMonths ? 1 : 12 - month + 1);
  }
  return ticks;
}

function fromDay(day: number): IsoDate {
  return addDays('1970-01-01', day);
}

interface Mark {
  lane: number;
  start: number;
  /** The day after the mark's last day. */
  end: number;
  precision: DatePrecision;
  significance: Significance;
  keyLabel: string | null;
}

/**
 * The timeline picture. Events are drawn one by one up to TIMELINE_DETAIL_LIMIT; above it (or when `groups`
 * are given) every entry is counted in a mark per lane and period (groupingUnit of the range) and only the
 * key events are drawn one by one. Refuses (RangeError) an event or group of a lane not in `lanes`, a period
 * that ends before it starts, and a picture of nothing (no period and nothing to draw).
 *
 * O(e + g + k·r) for e events, g groups and k key events placed in r label rows; the SVG grows with the
 * marks drawn: at most TIMELINE_DETAIL_LIMIT events, or lanes × periods grouped marks (20 agencies × 60
 * months ≈ 70 kB), well under MAX_FIGURE_SVG.
 */
export function renderTimeline(input: TimelineInput): Timeline {
  const { language, lanes } = input;
  const t = TEXT[language];
  const idPrefix = escapeXml(input.idPrefix ?? 'chronology-timeline');
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  const laneOf = (id: string): number => {
    const i = laneIndex.get(id);
    if (i === undefined) throw new RangeError('an event or group names a lane that is not in lanes');
    return i;
  };
  const events = input.events ?? [];
  const keyEvents = events.filter((e) => e.keyLabel !== undefined && e.keyLabel.trim() !== '');
  const grouped = input.groups !== undefined || events.length > TIMELINE_DETAIL_LIMIT;

  // The range: the period, or what is drawn.
  let from: IsoDate | null = input.period?.from ?? null;
  let to: IsoDate | null = input.period?.to ?? null;
  if (from === null || to === null) {
    let lo: IsoDate | null = null;
    let hi: IsoDate | null = null;
    const see = (start: IsoDate, end: IsoDate) => {
      if (lo === null || start < lo) lo = start;
      if (hi === null || end > hi) hi = end;
    };
    for (const e of events) see(e.occurredOn, periodEnd(e.occurredOn, e.precision));
    for (const g of input.groups ?? []) see(g.periodStart, g.periodStart);
    for (const g of input.gaps ?? []) see(g.from, g.to);
    from ??= lo;
    to ??= hi;
  }
  if (from === null || to === null) throw new RangeError('nothing to draw: give a period or something to draw');
  if (to < from) throw new RangeError('the period ends before it starts');
  const unit = grouped ? groupingUnit(from, to) : null;
  let groups: TimelineGroup[] = [];
  if (unit !== null) {
    groups = groupByPeriod(input.groups ?? events, unit);
    // Grouped marks are drawn over whole periods: widen the range to the periods' bounds.
    const first = groups.reduce((m, g) => minDate(m, g.periodStart), unitStart(from, unit));
    const last = groups.reduce((m, g) => maxDate(m, unitEnd(g.periodStart, unit)), unitEnd(unitStart(to, unit), unit));
    from = first;
    to = last;
  }
  const day0 = toEpochDay(from);
  const days = daysBetween(from, to) + 1;
  const x = (day: number) => PLOT_LEFT + ((day - day0) / days) * PLOT_WIDTH;

  const drawnEvents = grouped ? keyEvents : events;
  const marks: Mark[] = drawnEvents.map((e) => {
    const start = toEpochDay(e.occurredOn);
    return {
      lane: laneOf(e.lane),
      start,
      end: toEpochDay(periodEnd(e.occurredOn, e.precision)) + 1,
      precision: e.precision,
      significance: e.significance,
      keyLabel: e.keyLabel && e.keyLabel.trim() !== '' ? truncate(e.keyLabel, KEY_LABEL_MAX) : null,
    };
  });
  for (const g of groups) laneOf(g.lane);

  // Key labels: left to right, each in the first row where it fits.
  // At most KEY_ROWS rows: a label that fits in none is left off (its mark keeps its ring; the table has it).
  const rowsEnd: number[] = [];
  const labels: { m: Mark; cx: number; left: number; row: number }[] = [];
  const keyMarks = marks
    .filter((m) => m.keyLabel !== null)
    .map((m) => ({ m, cx: x((m.start + m.end) / 2) }))
    .sort((a, b) => a.cx - b.cx);
  for (const { m, cx } of keyMarks) {
    const width = [...(m.keyLabel as string)].length * CHAR_WIDTH;
    const left = Math.max(PLOT_LEFT - 40, Math.min(cx - 4, TIMELINE_WIDTH - 4 - width));
    let row = rowsEnd.findIndex((end) => end + 8 <= left);
    if (row === -1 && rowsEnd.length < KEY_ROWS) {
      row = rowsEnd.length;
      rowsEnd.push(0);
    }
    if (row !== -1) {
      rowsEnd[row] = left + width;
      labels.push({ m, cx, left, row });
    }
  }
  const keyBand = rowsEnd.length * KEY_ROW + (rowsEnd.length > 0 ? 8 : 0);
  const lanesTop = 12 + keyBand;
  const lanesBottom = lanesTop + lanes.length * LANE_HEIGHT;
  const height = lanesBottom + AXIS_HEIGHT + LEGEND_HEIGHT;
  const laneY = (lane: number) => lanesTop + lane * LANE_HEIGHT + LANE_HEIGHT / 2;

  const title = input.title ?? t.title;
  const count = unit !== null ? groups.reduce((s, g) => s + g.count, 0) : events.length;
  const description = t.describe({
    count,
    lanes: lanes.length,
    from: formatDate(from, language),
    to: formatDate(to, language),
    unit,
    unitName: unit ? t.unit[unit] : '',
    gaps: (input.gaps ?? []).length,
    keys: labels.length,
  });

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${TIMELINE_WIDTH} ${height}" width="${TIMELINE_WIDTH}" height="${height}" role="img" aria-labelledby="${idPrefix}-title ${idPrefix}-desc" font-family="${FONT}" font-size="11">`,
    `<title id="${idPrefix}-title">${escapeXml(title)}</title>`,
    `<desc id="${idPrefix}-desc">${escapeXml(description)}</desc>`,
    `<rect x="0" y="0" width="${TIMELINE_WIDTH}" height="${height}" fill="#ffffff"/>`,
  );

  // Lanes: a band each, alternately shaded, with the agency's name.
  out.push('<g>');
  lanes.forEach((lane, i) => {
    const top = lanesTop + i * LANE_HEIGHT;
    if (i % 2 === 0) out.push(`<rect x="0" y="${top}" width="${TIMELINE_WIDTH}" height="${LANE_HEIGHT}" fill="#f8f8f8"/>`);
    const lines = laneLabelLines(lane.label);
    const first = top + LANE_HEIGHT / 2 + (lines.length === 1 ? 4 : -3);
    lines.forEach((line, k) => {
      out.push(`<text x="8" y="${n(first + k * 14)}" font-size="12" fill="${INK}">${escapeXml(line)}</text>`);
    });
  });
  out.push(`<line x1="${PLOT_LEFT}" y1="${lanesTop}" x2="${PLOT_LEFT}" y2="${lanesBottom}" stroke="${GREY}"/>`, '</g>');

  // Gaps: shaded across every lane, with their length where there is room (written over the marks, below).
  const gapLabels: { cx: number; label: string; width: number }[] = [];
  out.push('<g>');
  for (const gap of input.gaps ?? []) {
    const left = Math.max(PLOT_LEFT, x(toEpochDay(gap.from)));
    const right = Math.min(PLOT_RIGHT, x(toEpochDay(gap.to) + 1));
    if (right <= left) continue;
    out.push(
      `<rect x="${n(left)}" y="${lanesTop}" width="${n(right - left)}" height="${lanesBottom - lanesTop}" fill="${GAP_FILL}" stroke="${GREY}" stroke-dasharray="4 3"/>`,
    );
    const label = t.gapDays(gap.days);
    const width = [...label].length * CHAR_WIDTH + 6;
    if (right - left >= width) gapLabels.push({ cx: (left + right) / 2, label, width });
  }
  out.push('</g>');

  // Axis: month and year ticks under the lanes, faint lines through them.
  const ticks = axisTicks(day0, days, language);
  out.push(`<g fill="${INK}">`, `<line x1="${PLOT_LEFT}" y1="${lanesBottom}" x2="${PLOT_RIGHT}" y2="${lanesBottom}" stroke="${INK}"/>`);
  for (const tick of ticks) {
    const tx = n(x(toEpochDay(tick.date)));
    const major = tick.date.slice(5, 7) === '01';
    out.push(`<line x1="${tx}" y1="${lanesTop}" x2="${tx}" y2="${lanesBottom}" stroke="${major ? GREY : '#e5e6e7'}"/>`);
    out.push(`<line x1="${tx}" y1="${lanesBottom}" x2="${tx}" y2="${lanesBottom + (major ? 8 : 4)}" stroke="${INK}"/>`);
    if (tick.label !== null) out.push(`<text x="${tx}" y="${lanesBottom + 18}" text-anchor="middle">${escapeXml(tick.label)}</text>`);
    if (tick.year !== null) out.push(`<text x="${tx}" y="${lanesBottom + 33}" text-anchor="middle" font-weight="bold">${tick.year}</text>`);
  }
  if (!ticks.some((tk) => tk.year !== null)) out.push(`<text x="${PLOT_LEFT}" y="${lanesBottom + 33}" font-weight="bold">${from.slice(0, 4)}</text>`);
  out.push('</g>');

  // Grouped marks: a circle per lane and period, its area growing with the count.
  if (unit !== null && groups.length > 0) {
    const most = groups.reduce((m, g) => Math.max(m, g.count), 1);
    const periodPx = (PLOT_WIDTH * (unit === 'year' ? 365.25 : unit === 'quarter' ? 91.3 : 30.44)) / days;
    const biggest = Math.max(3, Math.min(LANE_HEIGHT / 2 - 3, periodPx / 2));
    for (const significance of SIGNIFICANCES) {
      const these = groups.filter((g) => g.maxSignificance === significance && g.count > 0);
      if (these.length === 0) continue;
      out.push(`<g fill="${COLOUR[significance]}" fill-opacity="0.8">`);
      for (const g of these) {
        const cx = (x(toEpochDay(g.periodStart)) + x(toEpochDay(unitEnd(g.periodStart, unit)) + 1)) / 2;
        const r = Math.max(1.5, biggest * Math.sqrt(g.count / most));
        out.push(`<circle cx="${n(cx)}" cy="${laneY(laneOf(g.lane))}" r="${n(r)}"/>`);
      }
      out.push('</g>');
    }
  }

  // Entries drawn one by one: a dot for a day (hollow for "about"), a bar over a month or a year.
  out.push('<g>');
  for (const m of marks) {
    const r = RADIUS[m.significance];
    const cy = laneY(m.lane);
    const colour = COLOUR[m.significance];
    if (m.precision === 'month' || m.precision === 'year') {
      const left = x(m.start);
      const width = Math.max(2 * r, x(m.end) - left);
      out.push(
        `<rect x="${n(left)}" y="${n(cy - r)}" width="${n(width)}" height="${2 * r}" rx="${r}" fill="${colour}" fill-opacity="0.35" stroke="${colour}"/>`,
      );
    } else {
      const cx = x(m.start + 0.5);
      const fill = m.precision === 'about' ? '#ffffff' : colour;
      out.push(`<circle cx="${n(cx)}" cy="${cy}" r="${r}" fill="${fill}" stroke="${colour}" stroke-width="1.5"/>`);
    }
  }
  out.push('</g>');

  // The gaps' lengths, on a white ground over whatever mark is there.
  if (gapLabels.length > 0) {
    out.push('<g fill="#505a5f">');
    for (const g of gapLabels)
      out.push(
        `<rect x="${n(g.cx - g.width / 2)}" y="${lanesTop + 2}" width="${n(g.width)}" height="14" fill="#ffffff" fill-opacity="0.9"/>`,
        `<text x="${n(g.cx)}" y="${lanesTop + 13}" text-anchor="middle">${escapeXml(g.label)}</text>`,
      );
    out.push('</g>');
  }

  // Key events: a ring round the mark, a line up to its label.
  if (keyMarks.length > 0) {
    out.push(`<g fill="${INK}">`);
    for (const { m, cx } of keyMarks)
      if (!labels.some((l) => l.m === m))
        out.push(`<circle cx="${n(cx)}" cy="${laneY(m.lane)}" r="${RADIUS[m.significance] + 3}" fill="none" stroke="${INK}" stroke-width="1.5"/>`);
    for (const { m, cx, left, row } of labels) {
      const baseline = 12 + row * KEY_ROW + 10;
      const cy = laneY(m.lane);
      const r = RADIUS[m.significance] + 3;
      out.push(
        `<line x1="${n(cx)}" y1="${baseline + 3}" x2="${n(cx)}" y2="${n(cy - r)}" stroke="${INK}" stroke-width="0.75" stroke-dasharray="2 2"/>`,
        `<circle cx="${n(cx)}" cy="${cy}" r="${r}" fill="none" stroke="${INK}" stroke-width="1.5"/>`,
        `<text x="${n(left)}" y="${baseline}">${escapeXml(m.keyLabel as string)}</text>`,
      );
    }
    out.push('</g>');
  }

  // Legend.
  const ly = lanesBottom + AXIS_HEIGHT + 16;
  const legend: string[] = [];
  let lx = 8;
  const item = (shape: string, label: string) => {
    legend.push(shape, `<text x="${n(lx + 18)}" y="${ly + 4}">${escapeXml(label)}</text>`);
    lx += 18 + [...label].length * CHAR_WIDTH + 16;
  };
  const caption = (text: string) => {
    legend.push(`<text x="${n(lx)}" y="${ly + 4}">${escapeXml(text)}</text>`);
    lx += [...text].length * CHAR_WIDTH + 10;
  };
  if (unit !== null) {
    caption(`${t.count} (${t.unit[unit]}).`);
    caption(t.shade);
  } else caption(t.significance);
  // Grouped, a circle's size is its count: the legend shows the shades only.
  for (const s of SIGNIFICANCES) item(`<circle cx="${n(lx + 7)}" cy="${ly}" r="${unit === null ? RADIUS[s] : 5}" fill="${COLOUR[s]}"/>`, t[s]);
  if (unit === null) {
    item(`<circle cx="${n(lx + 7)}" cy="${ly}" r="${RADIUS.medium}" fill="#ffffff" stroke="${COLOUR.medium}" stroke-width="1.5"/>`, t.about);
    item(`<rect x="${n(lx)}" y="${ly - 4}" width="14" height="8" rx="4" fill="${COLOUR.medium}" fill-opacity="0.35" stroke="${COLOUR.medium}"/>`, t.imprecise);
  }
  item(`<rect x="${n(lx + 1)}" y="${ly - 6}" width="12" height="12" fill="${GAP_FILL}" stroke="${GREY}" stroke-dasharray="4 3"/>`, t.gap);
  if (labels.length > 0) item(`<circle cx="${n(lx + 7)}" cy="${ly}" r="6" fill="none" stroke="${INK}" stroke-width="1.5"/>`, t.key);
  out.push(`<g fill="${INK}">`, ...legend, '</g>', '</svg>');

  return { svg: out.join(''), title, description, mode: unit === null ? 'events' : 'grouped', unit };
}
