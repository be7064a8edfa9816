// Default timers per framework (DOMAIN.md §8.4) and a Board's overrides. Statutory timers are fixed; every
// other figure is a default the Board may change (several have no confirmed source: basis 'board_setting').
import type { IsoDate } from '../clock/dates.ts';
import { type CalendarRegion, DURATION_UNITS, type Duration, dueDate } from '../clock/working-days.ts';
import type { Framework, TimerDefinition, TimerId } from './types.ts';

/** Decision "within weeks" of the incident and of the referral: 4 weeks suggested, a Board setting. */
export const DECISION_TIMERS: readonly TimerDefinition[] = [
  { id: 'decision_from_incident', anchor: 'incident', direction: 'after', duration: { amount: 4, unit: 'weeks' }, configurable: true, basis: 'board_setting' },
  { id: 'decision_from_referral', anchor: 'referral', direction: 'after', duration: { amount: 4, unit: 'weeks' }, configurable: true, basis: 'board_setting' },
];

export type TimerOverrides = Partial<Record<TimerId, Duration>>;

export interface ResolvedTimer extends TimerDefinition {
  source: 'framework' | 'board';
}

/** Longest setting accepted, per unit (about five years). */
const MAX_AMOUNT: Record<Duration['unit'], number> = { calendar_days: 1830, weeks: 260, working_days: 1300, months: 60 };

/**
 * Problems with a Board's timer overrides, by timer id: 'timer.unknown' (the framework has no such timer),
 * 'timer.notConfigurable' (statutory), 'timer.invalidUnit', 'timer.invalidAmount' (a whole number from 1).
 */
export function timerOverrideProblems(framework: Framework, overrides: TimerOverrides): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [id, duration] of Object.entries(overrides)) {
    if (duration === undefined) continue;
    const timer = framework.timers.find((t) => t.id === id);
    if (!timer) problems[id] = 'timer.unknown';
    else if (!timer.configurable) problems[id] = 'timer.notConfigurable';
    else if (!(DURATION_UNITS as readonly string[]).includes(duration.unit)) problems[id] = 'timer.invalidUnit';
    else if (!Number.isInteger(duration.amount) || duration.amount < 1 || duration.amount > MAX_AMOUNT[duration.unit]) problems[id] = 'timer.invalidAmount';
  }
  return problems;
}

/** The framework's timers with the Board's overrides applied. Throws a RangeError on invalid overrides (check timerOverrideProblems first). */
export function resolveTimers(framework: Framework, overrides: TimerOverrides = {}): ResolvedTimer[] {
  const problems = timerOverrideProblems(framework, overrides);
  if (Object.keys(problems).length > 0) {
    throw new RangeError(
      `Invalid timer overrides: ${Object.entries(problems)
        .map(([id, code]) => `${id} (${code})`)
        .join(', ')}`,
    );
  }
  return framework.timers.map((t) => {
    const override = overrides[t.id];
    return override ? { ...t, duration: { ...override }, source: 'board' } : { ...t, source: 'framework' };
  });
}

/** The date a timer gives from its anchor date: its due date, or for a look-back the date it starts. */
export function timerDate(timer: Pick<TimerDefinition, 'direction' | 'duration'>, anchorOn: IsoDate, region: CalendarRegion): IsoDate {
  const sign = timer.direction === 'before' ? -1 : 1;
  return dueDate(anchorOn, { amount: sign * timer.duration.amount, unit: timer.duration.unit }, region);
}
