// Management group meetings: the list, scheduling a meeting with the referrals to consider, the meeting's
// agenda (and adding referrals to it later) and who attended. Changing them needs 'meeting.manage' on the board.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { can } from '../../../domain/permissions.ts';
import { childCodeIn } from '../../../domain/referrals/referral.ts';
import { type FieldErrors, forbidden, notFound } from '../../../services/context.ts';
import { formList, formString, isInvalid } from '../../forms.ts';
import { type Body, choices, dateItems, dateParts, longDate, parseDate, partsOf } from './helpers.ts';

const LOCATION_MAX = 200;

export default async function meetingRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { consideration, organisation, clock } = opts.services;
  const today = () => clock.now().toISOString().slice(0, 10);

  async function boardOf(req: FastifyRequest) {
    const { boardId } = req.params as { boardId: string };
    if (!can(req.actor, 'referral.view', { boardId }) && !can(req.actor, 'meeting.manage', { boardId })) throw forbidden();
    return organisation.getBoard(req.caller(), boardId);
  }

  async function meetingOf(req: FastifyRequest) {
    const { boardId, meetingId } = req.params as { boardId: string; meetingId: string };
    const meeting = await consideration.meetingDetail(req.caller(), meetingId);
    if (meeting.boardId !== boardId) throw notFound('meeting');
    return meeting;
  }

  app.get('/boards/:boardId/meetings', { config: { access: 'referral.view', audit: 'MEETINGS_VIEWED' } }, async (req, reply) => {
    const board = await boardOf(req);
    const meetings = await consideration.meetings(req.caller(), board.id);
    return reply.page('features/consideration/meetings.njk', {
      board: { id: board.id, name: localName(board, req.lang) },
      canSchedule: can(req.actor, 'meeting.manage', { boardId: board.id }),
      meetings: meetings.map((m) => ({ href: `/boards/${board.id}/meetings/${m.id}`, date: longDate(m.meetsOn, req.lang), location: m.location ?? '' })),
    });
  });

  async function scheduleContext(req: FastifyRequest, boardId: string, values: { parts: ReturnType<typeof partsOf>; location: string; referralIds: string[] }) {
    const undecided = await consideration.dashboard(req.caller(), boardId, { page: 1, pageSize: 500, sort: 'received_on', direction: 'asc' });
    return {
      boardId,
      values,
      referralItems: choices(
        undecided.items.map((r) => ({
          value: r.id,
          text: childCodeIn(r.childCode, req.lang),
          hint: req.t('consideration:meetings.referralHint', { received: longDate(r.receivedOn, req.lang) }),
        })),
        values.referralIds,
      ),
      dateItems: dateItems(req.t, values.parts, false),
      fieldIds: { meetsOn: 'meetsOn-day' },
    };
  }

  app.get('/boards/:boardId/meetings/new', { config: { access: 'meeting.manage', audit: 'MEETING_SCHEDULE_VIEWED' } }, async (req, reply) => {
    const board = await boardOf(req);
    if (!can(req.actor, 'meeting.manage', { boardId: board.id })) throw forbidden();
    return reply.page(
      'features/consideration/meeting-new.njk',
      await scheduleContext(req, board.id, { parts: partsOf(today()), location: '', referralIds: [] }),
    );
  });

  app.post('/boards/:boardId/meetings/new', { config: { access: 'meeting.manage', audit: 'MEETING_SCHEDULED' } }, async (req, reply) => {
    const board = await boardOf(req);
    if (!can(req.actor, 'meeting.manage', { boardId: board.id })) throw forbidden();
    const body = (req.body ?? {}) as Body;
    const parts = dateParts(body, 'meetsOn');
    const location = formString(body.location) ?? '';
    const referralIds = formList(body.referralIds);
    const errors: FieldErrors = {};
    const date = parseDate(parts);
    if (!date.ok) errors.meetsOn = `meeting.date${date.problem}`;
    if (location.length > LOCATION_MAX) errors.location = 'meeting.locationTooLong';
    const values = { parts, location, referralIds };
    const again = async (errs: FieldErrors) => {
      const ctx = await scheduleContext(req, board.id, values);
      return reply.page('features/consideration/meeting-new.njk', { ...ctx, dateItems: dateItems(req.t, parts, Boolean(errs.meetsOn)) }, { errors: errs });
    };
    if (Object.keys(errors).length > 0 || !date.ok) return again(errors);
    try {
      const id = await consideration.scheduleMeeting(req.caller(), board.id, { meetsOn: date.date, location: location || null, referralIds });
      req.session.flash = req.t('consideration:meetings.scheduled');
      return reply.redirect(`/boards/${board.id}/meetings/${id}`);
    } catch (e) {
      if (isInvalid(e)) return again(e.fieldErrors);
      throw e;
    }
  });

  app.get('/boards/:boardId/meetings/:meetingId', { config: { access: 'referral.view', audit: 'MEETING_VIEWED' } }, async (req, reply) => {
    const board = await boardOf(req);
    const meeting = await meetingOf(req);
    const canManage = can(req.actor, 'meeting.manage', { boardId: board.id });
    return reply.page('features/consideration/meeting.njk', {
      board: { id: board.id, name: localName(board, req.lang) },
      meeting: { id: meeting.id, date: longDate(meeting.meetsOn, req.lang), location: meeting.location ?? '' },
      agenda: meeting.agenda.map((r) => ({
        childCode: childCodeIn(r.childCode, req.lang),
        href: `/boards/${board.id}/referrals/${r.id}`,
        considerationHref: `/boards/${board.id}/referrals/${r.id}/consideration`,
        status: req.t(`consideration:statuses.${r.status}`),
      })),
      attended: meeting.attendance.filter((a) => a.attended).map((a) => a.fullName),
      absent: meeting.attendance.filter((a) => !a.attended).map((a) => a.fullName),
      attendanceRecorded: meeting.attendance.length > 0,
      canManage,
      // The agenda takes referrals while the board has undecided ones not on it (the domain sets no cut-off date).
      canAddToAgenda: canManage && (await consideration.agendaCandidates(req.caller(), meeting.id, 1)).length > 0,
    });
  });

  async function agendaContext(req: FastifyRequest, board: { id: string; name: string }, meeting: Awaited<ReturnType<typeof meetingOf>>, checked: string[]) {
    const candidates = await consideration.agendaCandidates(req.caller(), meeting.id);
    return {
      board,
      meeting: { id: meeting.id, date: longDate(meeting.meetsOn, req.lang) },
      referralItems: choices(
        candidates.map((r) => ({
          value: r.id,
          text: childCodeIn(r.childCode, req.lang),
          hint: req.t('consideration:meetings.referralHint', { received: longDate(r.receivedOn, req.lang) }),
        })),
        checked,
      ),
    };
  }

  app.get('/boards/:boardId/meetings/:meetingId/agenda', { config: { access: 'meeting.manage', audit: 'AGENDA_VIEWED' } }, async (req, reply) => {
    const board = await boardOf(req);
    if (!can(req.actor, 'meeting.manage', { boardId: board.id })) throw forbidden();
    const meeting = await meetingOf(req);
    return reply.page('features/consideration/agenda.njk', await agendaContext(req, { id: board.id, name: localName(board, req.lang) }, meeting, []));
  });

  app.post('/boards/:boardId/meetings/:meetingId/agenda', { config: { access: 'meeting.manage', audit: 'AGENDA_REFERRALS_ADDED' } }, async (req, reply) => {
    const board = await boardOf(req);
    if (!can(req.actor, 'meeting.manage', { boardId: board.id })) throw forbidden();
    const meeting = await meetingOf(req);
    const referralIds = [...new Set(formList(((req.body ?? {}) as Body).referralIds))];
    const again = async (errors: FieldErrors) =>
      reply.page('features/consideration/agenda.njk', await agendaContext(req, { id: board.id, name: localName(board, req.lang) }, meeting, referralIds), {
        errors,
      });
    if (referralIds.length === 0) return again({ referralIds: 'consideration:agenda.errors.required' });
    try {
      await consideration.addReferralsToMeeting(req.caller(), meeting.id, referralIds);
    } catch (e) {
      // The service refuses another board's referral, an unknown one and a decided one: nothing is added.
      if (isInvalid(e)) return again(e.fieldErrors);
      throw e;
    }
    req.session.flash = req.t('consideration:agenda.added');
    return reply.redirect(`/boards/${board.id}/meetings/${meeting.id}`);
  });

  async function attendanceContext(req: FastifyRequest, boardId: string, meeting: Awaited<ReturnType<typeof meetingOf>>, checked: string[]) {
    const people = await consideration.managementGroupPeople(req.caller(), boardId);
    return {
      boardId,
      meeting: { id: meeting.id, date: longDate(meeting.meetsOn, req.lang) },
      peopleItems: choices(
        people.map((p) => ({ value: p.personId, text: p.fullName, hint: p.roles.map((r) => req.t(`common:roles.${r}`)).join(', ') })),
        checked,
      ),
      hasPeople: people.length > 0,
    };
  }

  app.get('/boards/:boardId/meetings/:meetingId/attendance', { config: { access: 'meeting.manage', audit: 'ATTENDANCE_VIEWED' } }, async (req, reply) => {
    const board = await boardOf(req);
    if (!can(req.actor, 'meeting.manage', { boardId: board.id })) throw forbidden();
    const meeting = await meetingOf(req);
    const checked = meeting.attendance.filter((a) => a.attended).map((a) => a.personId);
    return reply.page('features/consideration/attendance.njk', await attendanceContext(req, board.id, meeting, checked));
  });

  app.post('/boards/:boardId/meetings/:meetingId/attendance', { config: { access: 'meeting.manage', audit: 'ATTENDANCE_RECORDED' } }, async (req, reply) => {
    const board = await boardOf(req);
    if (!can(req.actor, 'meeting.manage', { boardId: board.id })) throw forbidden();
    const meeting = await meetingOf(req);
    const body = (req.body ?? {}) as Body;
    const attendedIds = formList(body.attended);
    const people = await consideration.managementGroupPeople(req.caller(), board.id);
    const known = new Set(people.map((p) => p.personId));
    if (attendedIds.some((id) => !known.has(id))) {
      return reply.page('features/consideration/attendance.njk', await attendanceContext(req, board.id, meeting, attendedIds), {
        errors: { attended: 'meeting.personUnknown' },
      });
    }
    await consideration.recordAttendance(
      req.caller(),
      meeting.id,
      people.map((p) => ({ personId: p.personId, attended: attendedIds.includes(p.personId) })),
    );
    req.session.flash = req.t('consideration:attendance.recorded');
    return reply.redirect(`/boards/${board.id}/meetings/${meeting.id}`);
  });
}
