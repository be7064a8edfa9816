// Clocks and durations in the reader's language: "4 weeks", "12 working days (2 weeks 3 days) of 4 weeks".
// A dashboard of 50 referrals writes two clocks a row, a dozen i18next calls with plurals and interpolation
// each: that was the largest cost of the page (bench/README.md). The texts depend only on numbers and the
// language, so each translator remembers them (a bounded number; no personal data goes into them).
import type { TFunction } from 'i18next';
import type { ClockReading, Duration } from '../domain/clock/index.ts';

const MAX_REMEMBERED = 20_000;
const remembered = new WeakMap<TFunction, Map<string, string>>();

function rememberedFor(t: TFunction, key: string, make: () => string): string {
  let texts = remembered.get(t);
  if (!texts) {
    texts = new Map();
    remembered.set(t, texts);
  }
  const known = texts.get(key);
  if (known !== undefined) return known;
  const text = make();
  if (texts.size < MAX_REMEMBERED) texts.set(key, text);
  return text;
}

/** "4 weeks", "15 working days", "1 month" in the reader's language. */
export function durationText(t: TFunction, d: Duration | undefined): string {
  if (!d) return '';
  return rememberedFor(t, `d|${d.unit}|${d.amount}`, () => t(`consideration:units.${d.unit}${d.amount === 1 ? 'One' : 'Many'}`, { count: d.amount }));
}

/** "12 working days (2 weeks 3 days) of 4 weeks": working days and calendar weeks elapsed against the target. */
export function clockText(t: TFunction, reading: ClockReading, target: Duration | undefined): string {
  const working = reading.elapsed.workingDays;
  const calendarDays = reading.elapsed.calendarDays;
  return rememberedFor(t, `c|${working}|${calendarDays}|${target?.unit}|${target?.amount}`, () => {
    const weeks = Math.floor(calendarDays / 7);
    const days = calendarDays % 7;
    const calendar =
      weeks === 0
        ? durationText(t, { amount: days, unit: 'calendar_days' })
        : days === 0
          ? durationText(t, { amount: weeks, unit: 'weeks' })
          : `${durationText(t, { amount: weeks, unit: 'weeks' })} ${durationText(t, { amount: days, unit: 'calendar_days' })}`;
    return t('consideration:clock.elapsedOf', {
      elapsed: durationText(t, { amount: working, unit: 'working_days' }),
      calendar,
      target: durationText(t, target),
    });
  });
}
