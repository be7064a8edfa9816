// The board's own meetings (issue 12 item 3): the list (upcoming and past), the new meeting form, and a
// meeting's page with its agenda, attendance and minutes, where the business unit adds an agenda item,
// records the attendance, records the minutes (which marks the meeting held) or cancels it with a reason.
// The meeting's page is an audited read (its minutes may mention case matters): a form shown again with its
// errors reads it once, under the page's name.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { BOARD_ATTENDANCE, type BoardMeetingView } from '../../../services/board-meeting-service.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { dateItems, dateParts, displayDate, displayDateTime, parseDateParts } from '../../dates.ts';
import { formString, submitForm } from '../../forms.ts';

type Body = Record<string, unknown>;
type Params = { boardId: string };
type MeetingParams = Params & { boardMeetingId: string };

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Lines of a textarea, trimmed, empty ones left out. */
function lines(value: unknown): string[] {
  return text(value)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function versionOf(body: Body): number | undefined {
  const v = Number(formString(body.version));
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

export default async function boardMeetingRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { boardMeetings } = opts.services;

  app.get(urls.boardMeetings.pattern, { config: { access: 'board_meeting.view', audit: 'BOARD_MEETINGS_LISTED' } }, async (req, reply) => {
    const { boardId } = req.params as Params;
    const t = req.t;
    const { board, upcoming, past, mayManage } = await boardMeetings.list(req.caller(), boardId);
    const row = (m: (typeof upcoming)[number]) => ({
      href: urls.boardMeeting(boardId, m.id),
      date: displayDate(t, m.meetsOn) + (m.startsAt ? `, ${m.startsAt}` : ''),
      where: whereText(t, m),
      status: t(`board-meetings:meeting.statuses.${m.status}`),
      agendaItems: m.agendaItems,
    });
    return reply.page('features/board-meetings/list.njk', {
      board: { id: board.id, name: localName(board, req.lang) },
      upcoming: upcoming.map(row),
      past: past.map(row),
      newHref: mayManage ? urls.newBoardMeeting(boardId) : null,
    });
  });

  async function showForm(req: FastifyRequest, reply: FastifyReply, values: Body = {}, errors?: FieldErrors) {
    const { boardId } = req.params as Params;
    const t = req.t;
    const board = await boardMeetings.forScheduling(req.caller(), boardId);
    return reply.page(
      'features/board-meetings/new.njk',
      {
        board: { id: board.id, name: localName(board, req.lang) },
        dateItems: dateItems(t, dateParts(values, 'meetsOn'), Boolean(errors?.meetsOn)),
        onlineItems: [
          { value: 'no', text: t('board-meetings:form.inPerson'), checked: values.online === 'no' },
          { value: 'yes', text: t('board-meetings:form.online'), checked: values.online === 'yes' },
        ],
        values: { startsAt: text(values.startsAt), place: text(values.place) },
        fieldIds: { meetsOn: 'meetsOn-day', online: 'online', form: 'meetsOn-day' },
        backLink: urls.boardMeetings(boardId),
      },
      { errors },
    );
  }

  app.get(urls.newBoardMeeting.pattern, { config: { access: 'board_meeting.manage', audit: 'BOARD_MEETING_FORM_VIEWED' } }, (req, reply) =>
    showForm(req, reply),
  );

  app.post(urls.newBoardMeeting.pattern, { config: { access: 'board_meeting.manage', audit: 'BOARD_MEETING_SCHEDULED' } }, async (req, reply) => {
    const { boardId } = req.params as Params;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => {
        const date = parseDateParts(dateParts(body, 'meetsOn'));
        if (date === 'incomplete' || date === 'invalid')
          throw new ServiceError('invalid', 'Invalid input', { meetsOn: 'board-meetings:errors.meetsOnInvalid' });
        const online = body.online === 'yes' ? true : body.online === 'no' ? false : null;
        return boardMeetings.schedule(req.caller(), boardId, {
          meetsOn: date,
          startsAt: formString(body.startsAt) ?? null,
          online,
          place: formString(body.place) ?? null,
        });
      },
      show: (errors) => showForm(req, reply, body, errors),
      flash: 'board-meetings:form.scheduled',
      next: ({ id }) => urls.boardMeeting(boardId, id),
      refusals: ['invalid'],
    });
  });

  async function showMeeting(req: FastifyRequest, reply: FastifyReply, values: Body = {}, errors?: FieldErrors, status?: number) {
    const { boardId, boardMeetingId } = req.params as MeetingParams;
    const t = req.t;
    const m: BoardMeetingView = await boardMeetings.view(req.caller(), boardId, boardMeetingId);
    const today = opts.services.clock.today();
    const open = m.status !== 'cancelled';
    const reached = m.meetsOn <= today;
    const submitted = (values.attendance ?? {}) as Record<string, unknown>;
    const recorded = new Map(m.attendance.map((a) => [a.personId, a.attendance]));
    const roleNames = (roles: readonly string[]) => roles.map((r) => t(`common:roles.${r}`)).join(', ');
    return reply.page(
      'features/board-meetings/meeting.njk',
      {
        board: { id: boardId, name: localName(m.board, req.lang) },
        meeting: {
          id: m.id,
          version: m.version,
          title: t('board-meetings:meeting.title', { date: displayDate(t, m.meetsOn) }),
          when: displayDate(t, m.meetsOn) + (m.startsAt ? `, ${m.startsAt}` : ''),
          where: whereText(t, m),
          status: t(`board-meetings:meeting.statuses.${m.status}`),
          cancellation: m.cancellation ? { when: displayDateTime(t, m.cancellation.at), by: m.cancellation.byName, reason: m.cancellation.reason } : null,
          agenda: m.agenda.map((a) => ({ title: a.title, note: a.note })),
          attendance: m.attendance.map((a) => ({
            name: a.name,
            role: roleNames(a.role.split(',').filter((r) => r !== '')),
            attendance: t(`board-meetings:meeting.attendance.${a.attendance}`),
          })),
          guests: m.guests,
          minutes: (m.minutes ?? '').split(/\r?\n\s*\r?\n/).filter((p) => p.trim() !== ''),
          minuted: m.minuted
            ? m.minuted.byName
              ? t('board-meetings:meeting.minutedBy', { when: displayDateTime(t, m.minuted.at), name: m.minuted.byName })
              : t('board-meetings:meeting.minutedAt', { when: displayDateTime(t, m.minuted.at) })
            : null,
        },
        agendaForm: m.mayManage && m.status === 'scheduled',
        attendanceForm:
          m.mayManage && open && reached
            ? m.people.map((p) => ({
                personId: p.personId,
                name: p.name,
                role: roleNames(p.roles),
                items: BOARD_ATTENDANCE.map((a) => ({
                  value: a,
                  text: t(`board-meetings:meeting.attendance.${a}`),
                  checked: (submitted[p.personId] ?? recorded.get(p.personId)) === a,
                })),
              }))
            : null,
        minutesForm: m.mayManage && open && reached,
        notYet: m.mayManage && open && !reached,
        cancelForm: m.mayManage && m.status === 'scheduled',
        values: {
          title: text(values.title),
          note: text(values.note),
          guests: typeof values.guests === 'string' ? values.guests : m.guests.map((g) => `${g.fullName}, ${g.organisation}`).join('\n'),
          minutes: typeof values.minutes === 'string' ? values.minutes : (m.minutes ?? ''),
          cancelReason: text(values.cancelReason),
        },
        fieldIds: {
          title: 'title',
          note: 'note',
          attendance: 'attendance',
          guests: 'guests',
          minutes: 'minutes',
          reason: 'cancelReason',
          form: 'meeting-summary',
        },
        backLink: urls.boardMeetings(boardId),
      },
      { errors, status },
    );
  }

  const page = { reads: 'audited-record', readAudit: 'BOARD_MEETING_VIEWED' } as const;

  app.get(urls.boardMeeting.pattern, { config: { access: 'board_meeting.view', audit: 'BOARD_MEETING_VIEWED', reads: 'audited-record' } }, (req, reply) =>
    showMeeting(req, reply),
  );

  app.post(urls.boardMeetingAgenda.pattern, { config: { access: 'board_meeting.manage', audit: 'BOARD_MEETING_AGENDA_ITEM_ADDED', ...page } }, (req, reply) => {
    const { boardId, boardMeetingId } = req.params as MeetingParams;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => boardMeetings.addItem(req.caller(), boardId, boardMeetingId, { title: text(body.title), note: text(body.note) }),
      show: (errors, status) => showMeeting(req, reply, body, errors, status),
      flash: 'board-meetings:meeting.itemAdded',
      next: urls.boardMeeting(boardId, boardMeetingId),
    });
  });

  app.post(
    urls.boardMeetingAttendance.pattern,
    { config: { access: 'board_meeting.manage', audit: 'BOARD_MEETING_ATTENDANCE_RECORDED', ...page } },
    (req, reply) => {
      const { boardId, boardMeetingId } = req.params as MeetingParams;
      const body = (req.body ?? {}) as Body;
      const attendance = Object.entries(body)
        .map(([k, v]) => [/^attendance\[(.+)\]$/.exec(k)?.[1], v] as const)
        .filter((e): e is readonly [string, string] => typeof e[0] === 'string' && typeof e[1] === 'string')
        .map(([personId, a]) => ({ personId, attendance: a }));
      const guests = lines(body.guests).map((l) => {
        const i = l.indexOf(',');
        return i < 0 ? { fullName: l, organisation: '' } : { fullName: l.slice(0, i).trim(), organisation: l.slice(i + 1).trim() };
      });
      return submitForm(req, reply, {
        run: () => boardMeetings.recordAttendance(req.caller(), boardId, boardMeetingId, { attendance, guests, version: versionOf(body) }),
        show: (errors, status) =>
          showMeeting(req, reply, { ...body, attendance: Object.fromEntries(attendance.map((a) => [a.personId, a.attendance])) }, errors, status),
        flash: 'board-meetings:meeting.attendanceSaved',
        next: urls.boardMeeting(boardId, boardMeetingId),
      });
    },
  );

  app.post(urls.boardMeetingMinutes.pattern, { config: { access: 'board_meeting.manage', audit: 'BOARD_MEETING_MINUTED', ...page } }, (req, reply) => {
    const { boardId, boardMeetingId } = req.params as MeetingParams;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => boardMeetings.recordMinutes(req.caller(), boardId, boardMeetingId, { minutes: text(body.minutes), version: versionOf(body) }),
      show: (errors, status) => showMeeting(req, reply, body, errors, status),
      flash: 'board-meetings:meeting.minuted',
      next: urls.boardMeeting(boardId, boardMeetingId),
    });
  });

  app.post(urls.boardMeetingCancel.pattern, { config: { access: 'board_meeting.manage', audit: 'BOARD_MEETING_CANCELLED', ...page } }, (req, reply) => {
    const { boardId, boardMeetingId } = req.params as MeetingParams;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => boardMeetings.cancel(req.caller(), boardId, boardMeetingId, { reason: text(body.cancelReason), version: versionOf(body) }),
      show: (errors, status) => showMeeting(req, reply, { cancelReason: text(body.cancelReason) }, errors, status),
      flash: 'board-meetings:meeting.cancelled',
      next: urls.boardMeeting(boardId, boardMeetingId),
    });
  });
}

function whereText(t: FastifyRequest['t'], m: { online: boolean; place: string | null }): string {
  if (m.online) return m.place ? `${t('board-meetings:meeting.online')}: ${m.place}` : t('board-meetings:meeting.online');
  return m.place ?? '';
}
