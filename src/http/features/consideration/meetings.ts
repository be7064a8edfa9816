// Management group meetings: the list, scheduling a meeting with the referrals to consider, the meeting's
// agenda (and adding referrals to it later) and who attended: the management group's people, and guests
// named with their role or organisation. Changing them needs 'meeting.manage' on the board. Each page's
// read of case material is audited once by the service (the list, the meeting, the referrals it can take).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { can } from '../../../domain/permissions.ts';
import { pseudonymText } from '../../../domain/pseudonyms.ts';
import { type FieldErrors, forbidden, notFound } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { formList, formString, isInvalid } from '../../forms.ts';
import { type Body, choices, dateItems, dateParts, longDate, parseDate, partsOf } from './helpers.ts';

const LOCATION_MAX = 200;

export default async function meetingRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { consideration, organisation, clock } = opts.services;
  const today = () => clock.today();

  async function boardOf(req: FastifyRequest) {
    const { boardId } = req.params as { boardId: string };
    if (!can(req.actor, 'referral.view', { boardId }) && !can(req.actor, 'meeting.manage', { boardId })) throw forbidden();
    return organisation.getBoard(req.caller(), boardId);
  }

  /** The meeting in the address (its record: date, attendance, guests); another board's is not found. */
  async function meetingOf(req: FastifyRequest) {
    const { boardId, meetingId } = req.params as { boardId: string; meetingId: string };
    const meeting = await consideration.meeting(req.caller(), meetingId);
    if (meeting.boardId !== boardId) throw notFound('meeting');
    return meeting;
  }

  app.get(urls.meetings.pattern, { config: { access: 'referral.view', audit: 'MEETINGS_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const board = await boardOf(req);
    const meetings = await consideration.meetings(req.caller(), board.id);
    return reply.page('features/consideration/meetings.njk', {
      board: { id: board.id, name: localName(board, req.lang) },
      canSchedule: can(req.actor, 'meeting.manage', { boardId: board.id }),
      meetings: meetings.map((m) => ({ href: urls.meeting(board.id, m.id), date: longDate(m.meetsOn, req.lang), location: m.location ?? '' })),
    });
  });

  async function scheduleContext(req: FastifyRequest, boardId: string, values: { parts: ReturnType<typeof partsOf>; location: string; referralIds: string[] }) {
    // The referrals to choose from are read as the form's view, also when a refused POST shows the form again.
    const undecided = await consideration.dashboard(req.caller(), boardId, {
      page: 1,
      pageSize: 500,
      sort: 'received_on',
      direction: 'asc',
    });
    return {
      boardId,
      values,
      referralItems: choices(
        undecided.items.map((r) => ({
          value: r.id,
          text: pseudonymText(r.pseudonym, req.lang),
          hint: req.t('consideration:meetings.referralHint', { received: longDate(r.receivedOn, req.lang) }),
        })),
        values.referralIds,
      ),
      dateItems: dateItems(req.t, values.parts, false),
      fieldIds: { meetsOn: 'meetsOn-day' },
    };
  }

  app.get(urls.newMeeting.pattern, { config: { access: 'meeting.manage', audit: 'MEETING_SCHEDULE_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const board = await boardOf(req);
    if (!can(req.actor, 'meeting.manage', { boardId: board.id })) throw forbidden();
    return reply.page(
      'features/consideration/meeting-new.njk',
      await scheduleContext(req, board.id, { parts: partsOf(today()), location: '', referralIds: [] }),
    );
  });

  app.post(
    urls.newMeeting.pattern,
    { config: { access: 'meeting.manage', audit: 'MEETING_SCHEDULED', reads: 'case-material', readAudit: 'MEETING_SCHEDULE_VIEWED' } },
    async (req, reply) => {
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
        return reply.redirect(urls.meeting(board.id, id));
      } catch (e) {
        if (isInvalid(e)) return again(e.fieldErrors);
        throw e;
      }
    },
  );

  app.get(urls.meeting.pattern, { config: { access: 'referral.view', audit: 'MEETING_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const board = await boardOf(req);
    const { meetingId } = req.params as { meetingId: string };
    // Another board's meeting is not found before anything is read.
    await meetingOf(req);
    const meeting = await consideration.meetingDetail(req.caller(), meetingId);
    const canManage = can(req.actor, 'meeting.manage', { boardId: board.id });
    return reply.page('features/consideration/meeting.njk', {
      board: { id: board.id, name: localName(board, req.lang) },
      meeting: { id: meeting.id, date: longDate(meeting.meetsOn, req.lang), location: meeting.location ?? '' },
      agenda: meeting.agenda.map((r) => ({
        childCode: pseudonymText(r.pseudonym, req.lang),
        href: urls.referral(board.id, r.id),
        considerationHref: urls.consideration(board.id, r.id),
        status: req.t(`consideration:statuses.${r.status}`),
      })),
      attended: meeting.attendance.filter((a) => a.attended).map((a) => a.fullName),
      absent: meeting.attendance.filter((a) => !a.attended).map((a) => a.fullName),
      guests: meeting.guests,
      attendanceRecorded: meeting.attendance.length > 0 || meeting.guests.length > 0,
      canManage,
      canAddToAgenda: meeting.canAddToAgenda,
    });
  });

  async function agendaContext(req: FastifyRequest, board: { id: string; name: string }, meeting: Awaited<ReturnType<typeof meetingOf>>, checked: string[]) {
    // Read as the form's view, also when a refused POST shows the form again.
    const candidates = await consideration.agendaCandidates(req.caller(), meeting.id);
    return {
      board,
      meeting: { id: meeting.id, date: longDate(meeting.meetsOn, req.lang) },
      referralItems: choices(
        candidates.map((r) => ({
          value: r.id,
          text: pseudonymText(r.pseudonym, req.lang),
          hint: req.t('consideration:meetings.referralHint', { received: longDate(r.receivedOn, req.lang) }),
        })),
        checked,
      ),
    };
  }

  app.get(urls.meetingAgenda.pattern, { config: { access: 'meeting.manage', audit: 'AGENDA_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const board = await boardOf(req);
    if (!can(req.actor, 'meeting.manage', { boardId: board.id })) throw forbidden();
    const meeting = await meetingOf(req);
    return reply.page('features/consideration/agenda.njk', await agendaContext(req, { id: board.id, name: localName(board, req.lang) }, meeting, []));
  });

  app.post(
    urls.meetingAgenda.pattern,
    { config: { access: 'meeting.manage', audit: 'AGENDA_REFERRALS_ADDED', reads: 'case-material', readAudit: 'AGENDA_VIEWED' } },
    async (req, reply) => {
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
      return reply.redirect(urls.meeting(board.id, meeting.id));
    },
  );

  /** Guest rows on the attendance form: those recorded, and blank ones to add more. */
  const BLANK_GUEST_ROWS = 3;
  type GuestRow = { fullName: string; role: string };

  async function attendanceContext(
    req: FastifyRequest,
    boardId: string,
    meeting: Awaited<ReturnType<typeof meetingOf>>,
    checked: string[],
    guests: GuestRow[],
  ) {
    const people = await consideration.managementGroupPeople(req.caller(), boardId);
    const rows = [...guests, ...Array.from({ length: BLANK_GUEST_ROWS }, () => ({ fullName: '', role: '' }))];
    return {
      boardId,
      meeting: { id: meeting.id, date: longDate(meeting.meetsOn, req.lang) },
      peopleItems: choices(
        people.map((p) => ({ value: p.personId, text: p.fullName, hint: p.roles.map((r) => req.t(`common:roles.${r}`)).join(', ') })),
        checked,
      ),
      hasPeople: people.length > 0,
      guestRows: rows.map((g, i) => ({ index: i, number: i + 1, fullName: g.fullName, role: g.role })),
      fieldIds: Object.fromEntries(
        rows.flatMap((_, i) => [
          [`guestName-${i}`, `guestName-${i}`],
          [`guestRole-${i}`, `guestRole-${i}`],
        ]),
      ),
    };
  }

  app.get(urls.meetingAttendance.pattern, { config: { access: 'meeting.manage', audit: 'ATTENDANCE_VIEWED' } }, async (req, reply) => {
    const board = await boardOf(req);
    if (!can(req.actor, 'meeting.manage', { boardId: board.id })) throw forbidden();
    const meeting = await meetingOf(req);
    const checked = meeting.attendance.filter((a) => a.attended).map((a) => a.personId);
    return reply.page('features/consideration/attendance.njk', await attendanceContext(req, board.id, meeting, checked, meeting.guests));
  });

  app.post(urls.meetingAttendance.pattern, { config: { access: 'meeting.manage', audit: 'ATTENDANCE_RECORDED' } }, async (req, reply) => {
    const board = await boardOf(req);
    if (!can(req.actor, 'meeting.manage', { boardId: board.id })) throw forbidden();
    const meeting = await meetingOf(req);
    const body = (req.body ?? {}) as Body;
    const attendedIds = formList(body.attended);
    // Guest rows: a row left blank is no guest; a half-filled one is an error on the missing part.
    const rows: GuestRow[] = [];
    for (let i = 0; i < 100 && (`guestName-${i}` in body || `guestRole-${i}` in body); i++) {
      rows.push({ fullName: formString(body[`guestName-${i}`]) ?? '', role: formString(body[`guestRole-${i}`]) ?? '' });
    }
    const guests = rows.map((g, i) => ({ ...g, row: i })).filter((g) => g.fullName || g.role);
    const again = async (errors: FieldErrors) =>
      reply.page('features/consideration/attendance.njk', await attendanceContext(req, board.id, meeting, attendedIds, guests), { errors });
    const people = await consideration.managementGroupPeople(req.caller(), board.id);
    const known = new Set(people.map((p) => p.personId));
    if (attendedIds.some((id) => !known.has(id))) return again({ attended: 'meeting.personNotInGroup' });
    for (const g of guests)
      if (/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(`${g.fullName}${g.role}`)) return again({ [`guestName-${guests.indexOf(g)}`]: 'meeting.guestText' });
    try {
      await consideration.recordAttendance(
        req.caller(),
        meeting.id,
        people.map((p) => ({ personId: p.personId, attended: attendedIds.includes(p.personId) })),
        guests.map((g) => ({ fullName: g.fullName, role: g.role })),
      );
    } catch (e) {
      if (!isInvalid(e)) throw e;
      // The service names guests by their place among those given; the form by their row.
      const errors: FieldErrors = {};
      for (const [field, key] of Object.entries(e.fieldErrors)) {
        const m = /^guests\.(\d+)\.(fullName|role)$/.exec(field);
        errors[m ? `${m[2] === 'fullName' ? 'guestName' : 'guestRole'}-${m[1]}` : field === 'attendance' ? 'attended' : field] = key;
      }
      return again(errors);
    }
    req.session.flash = req.t('consideration:attendance.recorded');
    return reply.redirect(urls.meeting(board.id, meeting.id));
  });
}
