// A deadline clock that stops while a review is ON_HOLD (DOMAIN.md §8.4: timers pause only through an
// on-hold period with a recorded reason; reports show both elapsed and paused time).
//
// Counting convention: the clock moves one step on each date after the start, so on the start date
// nothing has elapsed and on start + 1 one calendar day has. A step is a working-day step when the date
// reached is a working day (the convention of addWorkingDays). A hold paused on P and resumed on R
// swallows the steps onto P+1 … R: its length is R − P calendar days, and the clock moves again the day
// after R. A hold with no resumedOn is still running. A due date is always a working day: a target in
// calendar days, weeks or months that lands on a weekend or a bank holiday falls due on the next working
// day (four weeks from Saturday 28 November 2026 is Tuesday 29 December, not Boxing Day).
import { addDays, daysBetween, type IsoDate, isIsoDate, maxDate, minDate } from './dates.ts';
import { addWorkingDays, type CalendarRegion, type Duration, dueDate, workingDayOnOrAfter, workingDaysBetween } from './working-days.ts';

export interface Hold {
  pausedOn: IsoDate;
  /** The day the clock started again; null while the hold lasts. */
  resumedOn: IsoDate | null;
  /** Why the clock stopped (a code, e.g. 'criminal_proceedings'). */
  reason: string;
}

export const CLOCK_STATUSES = ['on_track', 'due_soon', 'overdue', 'paused'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export interface ClockInput {
  startOn: IsoDate;
  target: Duration;
  holds: readonly Hold[];
  asOf: IsoDate;
  region: CalendarRegion;
  /**
   * The status is 'due_soon' once no more than this is left before the due date (due today included). Defaults: 2 working days
   * for a working-day target, otherwise 7 calendar days.
   */
  dueSoonWithin?: Duration;
}

export interface DayCount {
  calendarDays: number;
  workingDays: number;
}

export interface ClockReading {
  startOn: IsoDate;
  asOf: IsoDate;
  /** The due date had the clock never stopped (a working day). */
  originalDueOn: IsoDate;
  /** The due date pushed back by the paused time (a working day). While a hold lasts it is computed as if the clock restarted on asOf. */
  dueOn: IsoDate;
  /** True when a hold that is still running pushes the due date back, so the date will move again. */
  dueOnProvisional: boolean;
  /** Time the clock has run since startOn, paused time excluded. */
  elapsed: DayCount;
  /** Time the clock has been stopped between startOn and asOf. */
  paused: DayCount;
  /** From asOf to dueOn; negative when overdue. */
  remaining: DayCount;
  /** Calendar days past the due date (0 when not overdue). */
  daysOverdue: number;
  status: ClockStatus;
  /** The hold stopping the clock on asOf, if any. */
  activeHold: Hold | null;
}

/** Problems with a list of holds, as codes: 'hold.invalidDate', 'hold.resumedBeforePaused'. */
export function holdProblems(holds: readonly Hold[]): string[] {
  const problems = new Set<string>();
  for (const h of holds) {
    if (!isIsoDate(h.pausedOn) || (h.resumedOn !== null && !isIsoDate(h.resumedOn))) problems.add('hold.invalidDate');
    else if (h.resumedOn !== null && h.resumedOn < h.pausedOn) problems.add('hold.resumedBeforePaused');
  }
  return [...problems];
}

/** Stretches of paused days (after `from`, up to and including `to`), in order, overlapping holds joined. */
interface Stretch {
  from: IsoDate;
  to: IsoDate;
}

function joined(stretches: Stretch[]): Stretch[] {
  const sorted = stretches.filter((s) => s.from < s.to).sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  const out: Stretch[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.from <= last.to) last.to = maxDate(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}

/** Calendar and working days after `from` up to and including `to` (none when to is not after from). */
function count(from: IsoDate, to: IsoDate, region: CalendarRegion): DayCount {
  return to > from ? { calendarDays: daysBetween(from, to), workingDays: workingDaysBetween(from, to, region) } : { calendarDays: 0, workingDays: 0 };
}

/** Where the clock stands on asOf. */
export function readClock(input: ClockInput): ClockReading {
  const { startOn, target, holds, asOf, region } = input;
  if (!isIsoDate(startOn) || !isIsoDate(asOf)) throw new RangeError('startOn and asOf must be calendar dates (YYYY-MM-DD)');
  const problems = holdProblems(holds);
  if (problems.length > 0) throw new RangeError(`Invalid holds: ${problems.join(', ')}`);

  // Elapsed and paused time up to asOf, counted over stretches rather than walked day by day: a day is
  // paused when a hold began before it and had not ended before it (a running hold has not ended).
  const total = count(startOn, asOf, region);
  const paused: DayCount = { calendarDays: 0, workingDays: 0 };
  for (const s of joined(holds.map((h) => ({ from: maxDate(h.pausedOn, startOn), to: h.resumedOn === null ? asOf : minDate(h.resumedOn, asOf) })))) {
    const c = count(s.from, s.to, region);
    paused.calendarDays += c.calendarDays;
    paused.workingDays += c.workingDays;
  }
  const elapsed: DayCount = { calendarDays: total.calendarDays - paused.calendarDays, workingDays: total.workingDays - paused.workingDays };

  // The due date: count on from the start over the running stretches only, with running holds ended on asOf.
  const byWorkingDays = target.unit === 'working_days';
  const calendarDue = dueDate(startOn, target, region);
  const originalDueOn = workingDayOnOrAfter(calendarDue, region);
  const steps = byWorkingDays ? target.amount : daysBetween(startOn, calendarDue);
  const advance = (from: IsoDate, n: number) => (byWorkingDays ? addWorkingDays(from, n, region) : addDays(from, n));
  let dueOn = originalDueOn;
  if (steps > 0) {
    let left = steps;
    let date = startOn;
    for (const s of joined(holds.map((h) => ({ from: h.pausedOn, to: h.resumedOn ?? maxDate(asOf, h.pausedOn) })))) {
      if (s.to <= date) continue;
      if (s.from > date) {
        const running = byWorkingDays ? workingDaysBetween(date, s.from, region) : daysBetween(date, s.from);
        if (running >= left) break;
        left -= running;
      }
      date = s.to;
    }
    dueOn = workingDayOnOrAfter(advance(date, left), region);
  }
  const dueOnProvisional = holds.some((h) => h.resumedOn === null && h.pausedOn < dueOn);

  const activeHold = holds.find((h) => h.pausedOn <= asOf && (h.resumedOn === null || asOf < h.resumedOn)) ?? null;
  const remaining: DayCount = { calendarDays: daysBetween(asOf, dueOn), workingDays: workingDaysBetween(asOf, dueOn, region) };
  const daysOverdue = Math.max(0, -remaining.calendarDays);
  const warn = input.dueSoonWithin ?? (byWorkingDays ? { amount: 2, unit: 'working_days' } : { amount: 7, unit: 'calendar_days' });

  let status: ClockStatus;
  if (asOf > dueOn && !dueOnProvisional) status = 'overdue';
  else if (activeHold) status = 'paused';
  else if (dueDate(asOf, warn, region) >= dueOn) status = 'due_soon';
  else status = 'on_track';

  return { startOn, asOf, originalDueOn, dueOn, dueOnProvisional, elapsed, paused, remaining, daysOverdue, status, activeHold };
}
