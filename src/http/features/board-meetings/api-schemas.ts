// The board meetings API's request and response schemas (issue 12 item 3).
import { z } from 'zod';
import { TIME_OF_DAY } from '../../../domain/clock/dates.ts';
import { BOARD_ATTENDANCE, BOARD_MEETING_LIMITS, BOARD_MEETING_TEXT } from '../../../services/board-meeting-service.ts';
import { CalendarDate, DateIn, Id, Instant, named, prose } from '../../api/schemas.ts';

export const MeetingParams = z.object({ boardId: Id, boardMeetingId: Id });

const Version = z.number().int().optional().describe('The version read: a 409 if the meeting changed since');

export const BoardMeetingSummary = named(
  z.object({
    id: Id,
    meetsOn: CalendarDate,
    startsAt: z.string().nullable().describe('HH:MM, London time'),
    online: z.boolean(),
    place: z.string().nullable(),
    status: z.enum(['scheduled', 'held', 'cancelled']),
    agendaItems: z.number().int(),
    version: z.number().int(),
  }),
  'BoardMeetingSummary',
  'A meeting of the board',
);

export const BoardMeetingList = named(
  z.object({
    upcoming: z.array(BoardMeetingSummary).describe('Scheduled on or after today, soonest first'),
    past: z.array(BoardMeetingSummary).describe('Held, cancelled or past, latest first'),
  }),
  'BoardMeetingList',
);

export const BoardMeetingOut = named(
  BoardMeetingSummary.omit({ agendaItems: true }).extend({
    agenda: z.array(
      z.object({
        id: Id,
        title: z.string(),
        note: z.string().nullable(),
        sourceKind: z.string().nullable().describe('The record the item is about (e.g. action_challenge), or null'),
        sourceId: z.string().nullable(),
      }),
    ),
    attendance: z.array(z.object({ personId: Id, name: z.string(), roles: z.array(z.string()), attendance: z.enum(BOARD_ATTENDANCE) })),
    guests: z.array(z.object({ fullName: z.string(), organisation: z.string() })),
    minutes: z.string().nullable(),
    minutedAt: Instant.nullable(),
    minutedBy: Id.nullable(),
    cancellation: z.object({ reason: z.string(), at: Instant, byId: Id.nullable() }).nullable(),
    people: z.array(z.object({ personId: Id, name: z.string(), roles: z.array(z.string()) })).describe('The board’s people who attend its meetings now'),
  }),
  'BoardMeeting',
  'A meeting of the board with its agenda, attendance and minutes (an audited read)',
);

export const BoardMeetingIn = named(
  z.strictObject({
    meetsOn: DateIn.describe('May be past (a meeting already held); at most two years ahead'),
    startsAt: z.string().regex(TIME_OF_DAY).nullable().optional(),
    online: z.boolean(),
    place: z.string().max(BOARD_MEETING_TEXT.place.max).nullable().optional().describe('Required when not online'),
  }),
  'BoardMeetingSchedule',
);

export const AgendaItemIn = named(
  z.strictObject({
    title: z.string().max(BOARD_MEETING_TEXT.title.max),
    note: prose(BOARD_MEETING_TEXT.note.max).nullable().optional(),
  }),
  'BoardMeetingAgendaItem',
);

export const AttendanceIn = named(
  z.strictObject({
    version: Version,
    attendance: z.array(z.object({ personId: Id, attendance: z.enum(BOARD_ATTENDANCE) })).max(500),
    guests: z
      .array(z.object({ fullName: z.string().max(BOARD_MEETING_LIMITS.guestName), organisation: z.string().max(BOARD_MEETING_LIMITS.guestOrganisation) }))
      .max(BOARD_MEETING_LIMITS.guests)
      .optional(),
  }),
  'BoardMeetingAttendance',
);

export const MinutesIn = named(z.strictObject({ version: Version, minutes: prose(BOARD_MEETING_TEXT.minutes.max) }), 'BoardMeetingMinutes');

export const CancelIn = named(z.strictObject({ version: Version, reason: prose(BOARD_MEETING_TEXT.reason.max) }), 'BoardMeetingCancellation');
