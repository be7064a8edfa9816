// Milestones of a review (issue 10 item 5; DOMAIN.md §1.4, §2.4, §8.4): the plan made from the framework's
// template (frameworks/milestone-templates.ts) and the review's completion target, what each milestone's
// dates say today (met, overdue, due; slippage against the date first planned), the rules of moving a date,
// and the timeline picture's geometry (the SVG and its table alternative are drawn from the same rows). Pure.
//
// Holds do not move planned dates. The completion clock already pushes its own target back by the time on
// hold (pausable-clock.ts); a milestone's planned date is what the business unit agreed, and it moves only
// when the business unit revises it with a reason (which keeps the history honest: no date changes without
// someone saying why). What a hold explains is shown beside each milestone instead: the days on hold between
// the decision and the milestone being met (or today), next to its slippage.
import { addDays, daysBetween, type IsoDate, isDateInRange, isIsoDate, maxDate, minDate } from '../clock/dates.ts';
import { type CalendarRegion, type Duration, dueDate, workingDayOnOrAfter } from '../clock/working-days.ts';
import type { MilestoneKind, MilestoneTemplateItem } from '../frameworks/milestone-templates.ts';

export interface PlannedMilestone {
  key: string;
  kind: MilestoneKind;
  ordinal: number;
  plannedOn: IsoDate;
}

/**
 * The plan: each template item's date from the decision or back from the completion target, on a working day,
 * never before the decision nor before the milestone before it (a short completion target squeezes the
 * plan rather than putting a milestone before the review began). The target completion itself is the
 * completion target's date.
 */
export function planMilestones(
  template: readonly MilestoneTemplateItem[],
  input: { decidedOn: IsoDate; completion: Duration; region: CalendarRegion },
): PlannedMilestone[] {
  const completionOn = dueDate(input.decidedOn, input.completion, input.region);
  let previous = input.decidedOn;
  return template.map((item, ordinal) => {
    const anchor = item.from === 'decision' ? input.decidedOn : completionOn;
    const sign = item.from === 'decision' ? 1 : -1;
    const raw = item.kind === 'target_completion' ? completionOn : dueDate(anchor, { amount: sign * item.offset.amount, unit: item.offset.unit }, input.region);
    const plannedOn = item.kind === 'target_completion' ? maxDate(raw, previous) : workingDayOnOrAfter(maxDate(raw, previous), input.region);
    previous = plannedOn;
    return { key: item.key, kind: item.kind, ordinal, plannedOn };
  });
}

/** The number shown after a recurring kind's name ('Panel meeting 2'), or null for a kind that occurs once. */
export function milestoneNumber(key: string): number | null {
  const m = /_(\d+)$/.exec(key);
  return m ? Number(m[1]) : null;
}

export const MILESTONE_STATUSES = ['met', 'overdue', 'due_soon', 'upcoming'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Days before its planned date a milestone counts as due soon. */
export const DUE_SOON_DAYS = 7;

export interface MilestoneDates {
  originalOn: IsoDate;
  plannedOn: IsoDate;
  actualOn: IsoDate | null;
}

export interface HoldSpan {
  pausedOn: IsoDate;
  resumedOn: IsoDate | null;
}

export interface MilestoneReading {
  status: MilestoneStatus;
  /**
   * Days late against the date first planned: the actual date's, once met; today's while overdue; the
   * planned date's (moved by revisions) while still to come. Negative: early.
   */
  slippageDays: number;
  /** Days the planned date has been moved from the original (revisions). */
  revisedDays: number;
  /** Days on hold between the decision and the milestone being met (or today). */
  pausedDays: number;
}

/** Calendar days of the holds falling within [from, to] (both inclusive of the pause day, exclusive of the resume day). */
export function pausedDaysWithin(holds: readonly HoldSpan[], from: IsoDate, to: IsoDate): number {
  if (to < from) return 0;
  let days = 0;
  for (const h of holds) {
    const start = maxDate(h.pausedOn, from);
    const end = minDate(h.resumedOn ?? addDays(to, 1), addDays(to, 1));
    if (end > start) days += daysBetween(start, end);
  }
  return days;
}

export function readMilestone(m: MilestoneDates, ctx: { decidedOn: IsoDate; asOf: IsoDate; holds: readonly HoldSpan[] }): MilestoneReading {
  const revisedDays = daysBetween(m.originalOn, m.plannedOn);
  if (m.actualOn) {
    return {
      status: 'met',
      slippageDays: daysBetween(m.originalOn, m.actualOn),
      revisedDays,
      pausedDays: pausedDaysWithin(ctx.holds, ctx.decidedOn, m.actualOn),
    };
  }
  const overdue = m.plannedOn < ctx.asOf;
  const status: MilestoneStatus = overdue ? 'overdue' : daysBetween(ctx.asOf, m.plannedOn) <= DUE_SOON_DAYS ? 'due_soon' : 'upcoming';
  return {
    status,
    slippageDays: daysBetween(m.originalOn, overdue ? ctx.asOf : m.plannedOn),
    revisedDays,
    pausedDays: pausedDaysWithin(ctx.holds, ctx.decidedOn, minDate(ctx.asOf, maxDate(m.plannedOn, ctx.decidedOn))),
  };
}

/** Longest reason for moving a date (characters). */
export const MILESTONE_REASON_MAX = 2000;

export interface MilestoneChange {
  /** The new planned date; absent or equal to the current one: not moved. */
  plannedOn?: string | null;
  /** The date the milestone was met; absent: unchanged. An empty string clears it (a mistake corrected, with a reason). */
  actualOn?: string | null;
  reason?: string | null;
}

/**
 * Problems with a change to a milestone, as locale keys by field: a date that is not a date (or not from the
 * decision to the far future), a met date in the future, a planned date moved (or a met date cleared)
 * without a reason, nothing changed.
 */
export function milestoneChangeProblems(
  current: { plannedOn: IsoDate; actualOn: IsoDate | null },
  change: MilestoneChange,
  ctx: { decidedOn: IsoDate; today: IsoDate },
): Record<string, string> {
  const problems: Record<string, string> = {};
  const planned = change.plannedOn?.trim() || null;
  const actual = change.actualOn === undefined || change.actualOn === null ? undefined : change.actualOn.trim();
  const reason = change.reason?.trim() ?? '';
  if (planned !== null && (!isIsoDate(planned) || !isDateInRange(planned))) problems.plannedOn = 'milestones:errors.plannedOnInvalid';
  else if (planned !== null && planned < ctx.decidedOn) problems.plannedOn = 'milestones:errors.plannedOnBeforeDecision';
  if (actual) {
    if (!isIsoDate(actual) || !isDateInRange(actual)) problems.actualOn = 'milestones:errors.actualOnInvalid';
    else if (actual > ctx.today) problems.actualOn = 'milestones:errors.actualOnFuture';
    else if (actual < ctx.decidedOn) problems.actualOn = 'milestones:errors.actualOnBeforeDecision';
  }
  const moved = planned !== null && planned !== current.plannedOn;
  const cleared = actual === '' && current.actualOn !== null;
  const met = actual !== undefined && actual !== '' && actual !== current.actualOn;
  if (!moved && !cleared && !met && Object.keys(problems).length === 0) problems.plannedOn = 'milestones:errors.nothingChanged';
  if ((moved || cleared) && reason === '') problems.reason = 'milestones:errors.reasonRequired';
  if (reason.length > MILESTONE_REASON_MAX) problems.reason = 'milestones:errors.reasonTooLong';
  return problems;
}

// ---- The timeline picture ----------------------------------------------------------------------------

export interface ChartRow {
  key: string;
  label: string;
  originalOn: IsoDate;
  plannedOn: IsoDate;
  actualOn: IsoDate | null;
  status: MilestoneStatus;
  slippageDays: number;
}

export interface ChartRowGeometry extends ChartRow {
  /** Vertical position of the row's label baseline and of its track. */
  labelY: number;
  trackY: number;
  originalX: number;
  plannedX: number;
  actualX: number | null;
  /** The slippage bar: from the original date to the met date (or today, while overdue); null when none. */
  slip: { x: number; width: number } | null;
}

export interface ChartGeometry {
  width: number;
  height: number;
  left: number;
  right: number;
  startOn: IsoDate;
  endOn: IsoDate;
  todayX: number | null;
  axisY: number;
  rows: ChartRowGeometry[];
}

/** The picture's coordinate space: narrow, so its text stays readable when it is scaled down to 320 px. */
export const CHART = { width: 300, left: 8, right: 292, top: 8, rowHeight: 46, axisHeight: 40 } as const;

/**
 * Where each row's dates fall on a shared horizontal scale from the decision (or the earliest date) to the
 * latest date shown (today included): one row per milestone, its label above its track.
 */
export function chartGeometry(rows: readonly ChartRow[], ctx: { decidedOn: IsoDate; asOf: IsoDate }): ChartGeometry {
  const all = rows.flatMap((r) => [r.originalOn, r.plannedOn, ...(r.actualOn ? [r.actualOn] : [])]);
  const startOn = [ctx.decidedOn, ...all].reduce(minDate);
  const endOn = [ctx.asOf, ...all].reduce(maxDate);
  const span = Math.max(1, daysBetween(startOn, endOn));
  const x = (d: IsoDate) => round(CHART.left + ((CHART.right - CHART.left) * daysBetween(startOn, d)) / span);
  const geometry = rows.map((r, i) => {
    const top = CHART.top + i * CHART.rowHeight;
    const slipEnd = r.actualOn ?? (r.status === 'overdue' ? ctx.asOf : r.plannedOn);
    const slip = slipEnd > r.originalOn ? { x: x(r.originalOn), width: round(x(slipEnd) - x(r.originalOn)) } : null;
    return {
      ...r,
      labelY: top + 14,
      trackY: top + 30,
      originalX: x(r.originalOn),
      plannedX: x(r.plannedOn),
      actualX: r.actualOn ? x(r.actualOn) : null,
      slip,
    };
  });
  const axisY = CHART.top + rows.length * CHART.rowHeight + 6;
  return {
    width: CHART.width,
    height: axisY + CHART.axisHeight,
    left: CHART.left,
    right: CHART.right,
    startOn,
    endOn,
    todayX: ctx.asOf >= startOn && ctx.asOf <= endOn ? x(ctx.asOf) : null,
    axisY,
    rows: geometry,
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
