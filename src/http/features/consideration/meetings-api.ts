// Management group meetings: the board's meetings, scheduling one with its agenda, adding referrals to the
// agenda and recording attendance, with their schemas. The consideration service checks each step's
// permission on the meeting's board and writes the audit events.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { BoardParams, DateIn, Id, named, problems, text } from '../../api/schemas.ts';

const CalendarDate = z.iso.date();

// ---- Schemas --------------------------------------------------------------------------------------------

const MeetingParams = z.object({ meetingId: Id });

const MeetingGuest = named(
  z.object({ fullName: z.string(), role: z.string().describe('Their role or organisation') }),
  'MeetingGuest',
  'Someone outside the management group who attended, named as text',
);

const Meeting = named(
  z.object({
    id: Id,
    boardId: Id,
    meetsOn: CalendarDate,
    location: z.string().nullable(),
    referralIds: z.array(Id).describe('The agenda'),
    attendance: z.array(z.object({ personId: Id, attended: z.boolean() })).describe('The management group’s people: attended or not'),
    guests: z.array(MeetingGuest),
  }),
  'Meeting',
  'A management group meeting',
);

const MeetingSummary = named(z.object({ id: Id, boardId: Id, meetsOn: CalendarDate, location: z.string().nullable() }), 'MeetingSummary');

const unique = (ids: string[]) => new Set(ids).size === ids.length;

const MeetingCreate = named(
  z.strictObject({
    meetsOn: DateIn,
    location: text(200).nullable().default(null),
    referralIds: z.array(Id).max(200).refine(unique, 'Each referral once').default([]).describe('Referrals of the board to consider (not yet decided)'),
  }),
  'MeetingCreate',
);

const AgendaAdd = named(
  z.strictObject({
    referralIds: z
      .array(Id)
      .min(1)
      .max(200)
      .refine(unique, 'Each referral once')
      .describe('Referrals of the meeting’s board to add (not yet decided); any already on the agenda are left as they are'),
  }),
  'AgendaAdd',
  'Referrals to add to a meeting’s agenda',
);

const AttendanceReplace = named(
  z.strictObject({
    attendance: z
      .array(z.strictObject({ personId: Id, attended: z.boolean() }))
      .max(200)
      .refine((a) => unique(a.map((x) => x.personId)), 'Each person once')
      .describe('People of the board’s management group (its members, its chair and the board chair) only: anyone else is a 422'),
    guests: z
      .array(z.strictObject({ fullName: text(200), role: text(200).describe('Their role or organisation') }))
      .max(50)
      .default([])
      .describe('Anyone else who attended, named as text'),
  }),
  'AttendanceReplace',
  'Who was invited and whether they attended, and the guests; replaces the meeting’s attendance and guests',
);

// ---- Routes ---------------------------------------------------------------------------------------------

export default async function meetingRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { consideration, organisation } = opts.services;

  async function meetingOut(req: FastifyRequest, meetingId: string) {
    const m = await consideration.meeting(req.caller(), meetingId);
    return {
      id: m.id,
      boardId: m.boardId,
      meetsOn: m.meetsOn,
      location: m.location,
      referralIds: m.referralIds,
      attendance: m.attendance,
      guests: m.guests,
    };
  }

  app.get(
    '/boards/:boardId/meetings',
    {
      config: { access: 'referral.view', audit: 'MEETINGS_VIEWED', reads: 'case-material' },
      schema: {
        tags: ['meetings'],
        operationId: 'listMeetings',
        summary: 'The board’s management group meetings, latest first',
        params: BoardParams,
        response: { 200: z.object({ meetings: z.array(MeetingSummary) }), ...problems(400, 404) },
      },
    },
    async (req) => {
      const caller = req.caller();
      const board = await organisation.getBoard(caller, req.params.boardId);
      return { meetings: await consideration.meetings(caller, board.id) };
    },
  );

  app.post(
    '/boards/:boardId/meetings',
    {
      config: { access: 'meeting.manage', audit: 'MEETING_SCHEDULED' },
      schema: {
        tags: ['meetings'],
        operationId: 'scheduleMeeting',
        summary: 'Schedule a management group meeting with the referrals to consider (they move to "under consideration")',
        params: BoardParams,
        body: MeetingCreate,
        response: { 201: Meeting, ...problems(400, 404, 413, 422) },
      },
    },
    async (req, reply) => {
      const caller = req.caller();
      const board = await organisation.getBoard(caller, req.params.boardId);
      const id = await consideration.scheduleMeeting(caller, board.id, req.body);
      return reply.code(201).send(await meetingOut(req, id));
    },
  );

  app.post(
    '/meetings/:meetingId/agenda',
    {
      config: { access: 'meeting.manage', audit: 'AGENDA_REFERRALS_ADDED' },
      schema: {
        tags: ['meetings'],
        operationId: 'addToAgenda',
        summary: 'Add referrals to a meeting’s agenda, all or none (those "referred" move to "under consideration")',
        params: MeetingParams,
        body: AgendaAdd,
        response: { 200: Meeting, ...problems(400, 404, 413, 422) },
      },
    },
    async (req) => {
      await consideration.addReferralsToMeeting(req.caller(), req.params.meetingId, req.body.referralIds);
      return meetingOut(req, req.params.meetingId);
    },
  );

  app.post(
    '/meetings/:meetingId/attendance',
    {
      config: { access: 'meeting.manage', audit: 'ATTENDANCE_RECORDED' },
      schema: {
        tags: ['meetings'],
        operationId: 'recordAttendance',
        summary: 'Record who of the management group attended a meeting, and any guests (replaces what was recorded before)',
        params: MeetingParams,
        body: AttendanceReplace,
        response: { 200: Meeting, ...problems(400, 404, 413, 422) },
      },
    },
    async (req) => {
      await consideration.recordAttendance(req.caller(), req.params.meetingId, req.body.attendance, req.body.guests);
      return meetingOut(req, req.params.meetingId);
    },
  );
}
