// The decision clocks and the Panel notification as the API gives them (the referral list and a referral's
// consideration): their response schemas and the mappers from the consideration service's readings.
import { z } from 'zod';
import { CLOCK_STATUSES, type ClockReading, DURATION_UNITS, type Duration } from '../../domain/clock/index.ts';
import type { ReferralClocks } from '../../services/consideration-clocks.ts';
import type { PanelNotification as PanelNotificationReading } from '../../services/consideration-panel-notification.ts';
import { named } from './schemas.ts';

const CalendarDate = z.iso.date();

export const DecisionClock = named(
  z.object({
    startOn: CalendarDate.describe('The incident date or the date the referral was received'),
    target: z.object({ amount: z.number().int(), unit: z.enum(DURATION_UNITS) }).nullable(),
    dueOn: CalendarDate,
    elapsed: z.object({
      workingDays: z.number().int(),
      calendarDays: z.number().int(),
      weeks: z.number().int().describe('Whole weeks elapsed'),
      days: z.number().int().describe('Days elapsed beyond the whole weeks'),
    }),
    remaining: z.object({ workingDays: z.number().int(), calendarDays: z.number().int() }).describe('Negative when overdue'),
    daysOverdue: z.number().int(),
    status: z.enum(CLOCK_STATUSES),
    overdue: z.boolean(),
  }),
  'DecisionClock',
  'How long the decision has been awaited, against the board’s target, as of today',
);

export const DecisionClocks = named(
  z.object({
    fromIncident: DecisionClock.nullable().describe('Wales: the decision from the incident'),
    fromReferral: DecisionClock.nullable().describe('Wales: the decision from the referral'),
    rapidReview: DecisionClock.nullable().describe('England: the rapid review, from the day the board became aware'),
  }),
  'DecisionClocks',
  'The clocks of an undecided referral, as the framework in force sets them (due dates are working days); null once decided',
);

export const PanelNotification = named(
  z.object({
    awareOn: CalendarDate.describe('The day the board became aware of the incident'),
    dueOn: CalendarDate.describe('5 working days later'),
    notifiedOn: CalendarDate.nullable().describe('When the Panel was notified, once recorded'),
    late: z.boolean().describe('Notified after the due date'),
    status: z.enum([...CLOCK_STATUSES, 'notified']),
    overdue: z.boolean().describe('Not notified, and past the due date'),
  }),
  'PanelNotification',
  'England: the notification to the Child Safeguarding Practice Review Panel (Children Act 2004 s.16C)',
);

export function notificationOut(n: PanelNotificationReading | undefined): z.output<typeof PanelNotification> | null {
  if (!n) return null;
  return {
    awareOn: n.awareOn,
    dueOn: n.dueOn,
    notifiedOn: n.notifiedOn,
    late: n.late,
    status: n.notifiedOn ? 'notified' : (n.reading?.status ?? 'on_track'),
    overdue: n.reading?.status === 'overdue',
  };
}

export function clockOut(reading: ClockReading | undefined, target: Duration | undefined): z.output<typeof DecisionClock> | null {
  if (!reading) return null;
  return {
    startOn: reading.startOn,
    target: target ? { amount: target.amount, unit: target.unit } : null,
    dueOn: reading.dueOn,
    elapsed: {
      workingDays: reading.elapsed.workingDays,
      calendarDays: reading.elapsed.calendarDays,
      weeks: Math.floor(reading.elapsed.calendarDays / 7),
      days: reading.elapsed.calendarDays % 7,
    },
    remaining: { workingDays: reading.remaining.workingDays, calendarDays: reading.remaining.calendarDays },
    daysOverdue: reading.daysOverdue,
    status: reading.status,
    overdue: reading.status === 'overdue',
  };
}

export function clocksOut(
  clocks: ReferralClocks | undefined,
  targets: { fromIncident: Duration | undefined; fromReferral: Duration | undefined; rapidReview: Duration | undefined },
): z.output<typeof DecisionClocks> | null {
  if (!clocks) return null;
  return {
    fromIncident: clockOut(clocks.fromIncident, targets.fromIncident),
    fromReferral: clockOut(clocks.fromReferral, targets.fromReferral),
    rapidReview: clockOut(clocks.rapidReview, targets.rapidReview),
  };
}
