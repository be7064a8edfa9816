// The clocks an undecided referral runs on, from the framework's timers and the board's overrides.

import type { BoardSettingsRecord } from '../db/repositories/board-settings-repository.ts';
import type { ReferralRecord } from '../db/repositories/referrals-repository.ts';
import { type ClockReading, readClock } from '../domain/clock/index.ts';
import { resolveTimers, type TimerOverrides } from '../domain/frameworks/timers.ts';
import type { Framework, TimerId } from '../domain/frameworks/types.ts';

/** The clocks a referral runs on while undecided: Wales, the decision from the incident and from the referral; England, the rapid review. */
export interface ReferralClocks {
  fromIncident: ClockReading | undefined;
  fromReferral: ClockReading | undefined;
  rapidReview: ClockReading | undefined;
}

/** The board's overrides of the decision timers (weeks). */
export function timerOverrides(settings: BoardSettingsRecord): TimerOverrides {
  const o: TimerOverrides = {};
  if (settings.decisionWeeksFromIncident) o.decision_from_incident = { amount: settings.decisionWeeksFromIncident, unit: 'weeks' };
  if (settings.decisionWeeksFromReferral) o.decision_from_referral = { amount: settings.decisionWeeksFromReferral, unit: 'weeks' };
  return o;
}

/**
 * The clocks of an undecided referral, as the framework sets them: in Wales the decision from the incident
 * and from the referral (weeks); in England the rapid review from the day the board became aware
 * (working days). Due dates are working days.
 */
export function decisionClocks(
  referral: Pick<ReferralRecord, 'incidentOn' | 'receivedOn'> & { awareOn?: string | null },
  framework: Framework,
  settings: BoardSettingsRecord,
  asOf: string,
): ReferralClocks {
  const timers = resolveTimers(framework, timerOverrides(settings));
  const read = (id: TimerId, startOn: string) => {
    const timer = timers.find((t) => t.id === id);
    if (!timer) return undefined;
    return readClock({ startOn, target: timer.duration, holds: [], asOf, region: settings.holidayRegion });
  };
  return {
    fromIncident: read('decision_from_incident', referral.incidentOn),
    fromReferral: read('decision_from_referral', referral.receivedOn),
    rapidReview: read('rapid_review', referral.awareOn ?? referral.receivedOn),
  };
}
