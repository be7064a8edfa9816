// The board's own meetings in the API (issue 12 item 3): list, read (an audited read), schedule, add an
// agenda item, record attendance, record the minutes (the meeting is then held), cancel with a reason. The
// same service as the pages; problem+json errors (422 for refused answers, 409 for a held or cancelled
// meeting or a version changed meanwhile).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import type { BoardMeetingListItem } from '../../../services/board-meeting-service.ts';
import { BoardParams, Id, problems } from '../../api/schemas.ts';
import { AgendaItemIn, AttendanceIn, BoardMeetingIn, BoardMeetingList, BoardMeetingOut, CancelIn, MeetingParams, MinutesIn } from './api-schemas.ts';

const tags = ['board meetings'];
const DONE = { 204: z.undefined().describe('Done') };

const summary = (m: BoardMeetingListItem) => ({
  id: m.id,
  meetsOn: m.meetsOn,
  startsAt: m.startsAt,
  online: m.online,
  place: m.place,
  status: m.status,
  agendaItems: m.agendaItems,
  version: m.version,
});

export default async function boardMeetingApi(plain: FastifyInstance, opts: { services: Services }) {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { boardMeetings } = opts.services;

  app.get(
    '/boards/:boardId/board-meetings',
    {
      config: { access: 'board_meeting.view', audit: 'BOARD_MEETINGS_LISTED' },
      schema: {
        tags,
        operationId: 'listBoardMeetings',
        summary: 'The board’s meetings: upcoming and past',
        params: BoardParams,
        response: { 200: BoardMeetingList, ...problems(400, 403, 404) },
      },
    },
    async (req) => {
      const { upcoming, past } = await boardMeetings.list(req.caller(), req.params.boardId);
      return { upcoming: upcoming.map(summary), past: past.map(summary) };
    },
  );

  app.post(
    '/boards/:boardId/board-meetings',
    {
      config: { access: 'board_meeting.manage', audit: 'BOARD_MEETING_SCHEDULED' },
      schema: {
        tags,
        operationId: 'scheduleBoardMeeting',
        summary: 'Schedule a board meeting (or record one already held: a past date); at most two years ahead',
        params: BoardParams,
        body: BoardMeetingIn,
        response: { 201: z.object({ id: Id }), ...problems(400, 403, 404, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await boardMeetings.schedule(req.caller(), req.params.boardId, req.body)),
  );

  app.get(
    '/boards/:boardId/board-meetings/:boardMeetingId',
    {
      config: { access: 'board_meeting.view', audit: 'BOARD_MEETING_VIEWED', reads: 'audited-record' },
      schema: {
        tags,
        operationId: 'getBoardMeeting',
        summary: 'A board meeting with its agenda, attendance, guests and minutes',
        params: MeetingParams,
        response: { 200: BoardMeetingOut, ...problems(400, 403, 404) },
      },
    },
    async (req) => {
      const m = await boardMeetings.view(req.caller(), req.params.boardId, req.params.boardMeetingId);
      return {
        id: m.id,
        meetsOn: m.meetsOn,
        startsAt: m.startsAt,
        online: m.online,
        place: m.place,
        status: m.status,
        version: m.version,
        agenda: m.agenda.map((a) => ({ id: a.id, title: a.title, note: a.note, sourceKind: a.sourceKind, sourceId: a.sourceId })),
        attendance: m.attendance.map((a) => ({
          personId: a.personId,
          name: a.name,
          roles: a.role.split(',').filter((r) => r !== ''),
          attendance: a.attendance,
        })),
        guests: m.guests,
        minutes: m.minutes,
        minutedAt: m.minuted?.at ?? null,
        minutedBy: m.minuted?.byId ?? null,
        cancellation: m.cancellation ? { reason: m.cancellation.reason, at: m.cancellation.at, byId: m.cancellation.byId } : null,
        people: m.people,
      };
    },
  );

  app.post(
    '/boards/:boardId/board-meetings/:boardMeetingId/agenda-items',
    {
      config: { access: 'board_meeting.manage', audit: 'BOARD_MEETING_AGENDA_ITEM_ADDED' },
      schema: {
        tags,
        operationId: 'addBoardMeetingAgendaItem',
        summary: 'Add an item at the end of a scheduled meeting’s agenda (409 when held or cancelled)',
        params: MeetingParams,
        body: AgendaItemIn,
        response: { 201: z.object({ id: Id }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await boardMeetings.addItem(req.caller(), req.params.boardId, req.params.boardMeetingId, req.body)),
  );

  app.put(
    '/boards/:boardId/board-meetings/:boardMeetingId/attendance',
    {
      config: { access: 'board_meeting.manage', audit: 'BOARD_MEETING_ATTENDANCE_RECORDED' },
      schema: {
        tags,
        operationId: 'recordBoardMeetingAttendance',
        summary: 'Record who attended (the board’s people) and the guests, replacing what was recorded (on or after the day)',
        params: MeetingParams,
        body: AttendanceIn,
        response: { ...DONE, ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { version, attendance, guests } = req.body;
      await boardMeetings.recordAttendance(req.caller(), req.params.boardId, req.params.boardMeetingId, { version, attendance, guests: guests ?? [] });
      return reply.code(204).send();
    },
  );

  app.put(
    '/boards/:boardId/board-meetings/:boardMeetingId/minutes',
    {
      config: { access: 'board_meeting.manage', audit: 'BOARD_MEETING_MINUTED' },
      schema: {
        tags,
        operationId: 'recordBoardMeetingMinutes',
        summary: 'Record (or correct) the minutes: the meeting is then held (409 when cancelled)',
        params: MeetingParams,
        body: MinutesIn,
        response: { ...DONE, ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      await boardMeetings.recordMinutes(req.caller(), req.params.boardId, req.params.boardMeetingId, req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/boards/:boardId/board-meetings/:boardMeetingId/cancellation',
    {
      config: { access: 'board_meeting.manage', audit: 'BOARD_MEETING_CANCELLED' },
      schema: {
        tags,
        operationId: 'cancelBoardMeeting',
        summary: 'Cancel a scheduled meeting, with the reason (409 when held or cancelled already)',
        params: MeetingParams,
        body: CancelIn,
        response: { ...DONE, ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      await boardMeetings.cancel(req.caller(), req.params.boardId, req.params.boardMeetingId, req.body);
      return reply.code(204).send();
    },
  );
}
