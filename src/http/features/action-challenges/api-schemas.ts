// The escalation ladder's and the challenge log's API schemas (issue 12 item 4).
import { z } from 'zod';
import { CHALLENGE_OUTCOMES, LADDER_LIMITS, LADDER_RUNGS } from '../../../domain/actions/escalation.ts';
import { LIMITS } from '../../../domain/limits.ts';
import { CalendarDate, DateIn, Id, Instant, named, prose } from '../../api/schemas.ts';

export const ReviewParams = z.object({ boardId: Id, reviewId: Id });
export const ChallengeParams = ReviewParams.extend({ challengeId: Id });

const Rung = z.enum(LADDER_RUNGS);

const RungSettings = z.object({
  enabled: z.boolean(),
  afterDays: z.number().int().describe(`Days past the target date, 1 to ${LADDER_LIMITS.maxDays}; not fewer than an earlier enabled step's`),
  afterCycles: z.number().int().nullable().describe(`Consecutive off-track progress reports, 1 to ${LADDER_LIMITS.maxCycles}; null: days only`),
});

export const LadderOut = named(
  z.object({
    reminderDays: z.array(z.number().int()).describe('Days before the target date the owner is reminded'),
    rungs: z.object(Object.fromEntries(LADDER_RUNGS.map((r) => [r, RungSettings])) as Record<(typeof LADDER_RUNGS)[number], typeof RungSettings>),
    version: z.number().int().describe('0 while the board uses the defaults'),
    formalRequestBasis: z.enum(['s137']).nullable().describe('s137: section 137 of the Social Services and Well-being (Wales) Act 2014'),
  }),
  'EscalationLadder',
  'The board’s reminders and escalation ladder',
);

export const LadderIn = z.strictObject({
  reminderDays: z.array(z.number().int()).max(10),
  rungs: z.strictObject(Object.fromEntries(LADDER_RUNGS.map((r) => [r, RungSettings])) as Record<(typeof LADDER_RUNGS)[number], typeof RungSettings>),
  version: z.number().int().min(0).describe('The version read: a 409 if the ladder changed since'),
});

export const ChallengeOut = named(
  z.object({
    id: Id,
    actionId: Id,
    agencyId: Id,
    rung: Rung,
    trigger: z.enum(['overdue', 'off_track']),
    daysOverdue: z.number().int(),
    offTrackCycles: z.number().int(),
    targetOn: CalendarDate,
    firedOn: CalendarDate,
    boardMeetingId: Id.nullable(),
    statutoryBasis: z.enum(['s137']).nullable(),
    response: z.string().nullable(),
    respondedOn: CalendarDate.nullable(),
    outcome: z.enum(CHALLENGE_OUTCOMES).nullable(),
    complied: z.boolean().nullable().describe('A formal request: whether it was complied with; null otherwise or not yet recorded'),
    recordedAt: Instant.nullable(),
    version: z.number().int(),
  }),
  'ActionChallenge',
  'A step of the escalation ladder an action climbed, with the partner’s response and the outcome',
);

export const ChallengeList = named(z.object({ challenges: z.array(ChallengeOut) }), 'ActionChallengeLog');

export const ResponseIn = z.strictObject({
  response: prose(LIMITS.reasoning),
  respondedOn: DateIn,
  outcome: z.string().max(40),
  complied: z.enum(['yes', 'no']).nullable().optional().describe('Only for a formal request, where it is required'),
  version: z.number().int().min(1),
});
