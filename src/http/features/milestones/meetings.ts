// A review's panel meetings (issue 10 item 5): scheduling one, changing a scheduled one through the same form
// (prefilled, its version kept: a stale save is a 409), a meeting's page (attendance of the review's panel and
// guests; minutes and decisions by the panel's chair or the business unit), recording it held, and cancelling
// it with a reason. Registered by the milestones feature (index.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import { ATTENDANCE, MEETING_MODES, type PanelMeetingView } from '../../../services/panel-meeting-service.ts';
import { urls } from '../../../urls.ts';
import { dateItems, dateParts, displayDate, displayDateTime, parseDateParts, partsOf } from '../../dates.ts';
import { formString, submitForm } from '../../forms.ts';
import { milestoneName } from '../../milestone-text.ts';

export type Body = Record<string, unknown>;
export type ReviewParams = { boardId: string; reviewId: string };

/** Lines of a textarea, trimmed, empty ones left out. */
function lines(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
    : [];
}

export default async function panelMeetingRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { panelMeetings } = opts.services;

  // ---- Panel meetings ------------------------------------------------------------------------------------

  type MeetingFormTarget = { kind: 'new' } | { kind: 'change'; panelMeetingId: string };

  /**
   * The one meeting form, for scheduling a meeting and for changing a scheduled one (prefilled from it, with its
   * version: a stale save is a 409 with the reason in the error summary).
   */
  async function showMeetingForm(req: FastifyRequest, reply: FastifyReply, target: MeetingFormTarget, submitted?: Body, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId } = req.params as ReviewParams;
    const t = req.t;
    const loaded =
      target.kind === 'new'
        ? { ...(await panelMeetings.scheduling(req.caller(), boardId, reviewId)), meeting: undefined }
        : await panelMeetings.forChange(req.caller(), boardId, reviewId, target.panelMeetingId);
    const { review, milestones: options, meeting } = loaded;
    const stored: Body = meeting
      ? {
          ...Object.fromEntries(Object.entries(partsOf(meeting.meetsOn)).map(([k, v]) => [`meetsOn-${k}`, v])),
          startsAt: meeting.startsAt ?? '',
          mode: meeting.mode,
          location: meeting.location,
          agenda: meeting.agenda.join('\n'),
          milestoneId: meeting.milestoneId ?? '',
        }
      : {};
    const values = submitted ?? stored;
    // The version now: after a 409 the answers given are shown again, and saving them again is a choice made on what is there now.
    const version = meeting ? String(meeting.version) : undefined;
    return reply.page(
      'features/milestones/new-meeting.njk',
      {
        boardId,
        reviewId,
        caption: t('milestones:page.caption', { reference: review.reference }),
        title: t(meeting ? 'milestones:meeting.changeTitle' : 'milestones:meeting.newTitle'),
        action: meeting ? urls.changePanelMeeting(boardId, reviewId, meeting.id) : urls.newPanelMeeting(boardId, reviewId),
        submitText: t(meeting ? 'milestones:meeting.saveChanges' : 'milestones:meeting.schedule'),
        version,
        dateItems: dateItems(t, dateParts(values, 'meetsOn'), Boolean(errors?.meetsOn)),
        modeItems: MEETING_MODES.map((m) => ({ value: m, text: t(`milestones:meeting.modes.${m}`), checked: values.mode === m })),
        milestoneItems: [
          { value: '', text: t('milestones:meeting.milestoneNone'), checked: !values.milestoneId },
          ...options
            .filter((o) => o.actualOn === null || o.id === meeting?.milestoneId)
            .map((o) => ({
              value: o.id,
              text: t('milestones:meeting.milestoneItem', { name: milestoneName(t, { key: o.key, kind: 'panel_meeting' }), date: displayDate(t, o.plannedOn) }),
              checked: values.milestoneId === o.id,
            })),
        ],
        values: {
          startsAt: typeof values.startsAt === 'string' ? values.startsAt : '',
          location: typeof values.location === 'string' ? values.location : '',
          agenda: typeof values.agenda === 'string' ? values.agenda : '',
        },
        fieldIds: { meetsOn: 'meetsOn-day', mode: 'mode', milestoneId: 'milestoneId', form: 'meetsOn-day' },
        backLink: meeting ? urls.panelMeeting(boardId, reviewId, meeting.id) : urls.reviewMilestones(boardId, reviewId),
      },
      { errors, status },
    );
  }

  /** The meeting form's answers as the service takes them; a date that is not a real date is refused here. */
  function meetingInput(body: Body) {
    const date = parseDateParts(dateParts(body, 'meetsOn'));
    if (date === 'incomplete' || date === 'invalid') throw new ServiceError('invalid', 'Invalid input', { meetsOn: 'milestones:errors.meetsOnInvalid' });
    const version = Number(formString(body.version));
    return {
      meetsOn: date ?? '',
      startsAt: formString(body.startsAt) ?? null,
      mode: formString(body.mode) ?? '',
      location: formString(body.location) ?? '',
      agenda: lines(body.agenda),
      milestoneId: formString(body.milestoneId) ?? null,
      version: Number.isInteger(version) ? version : undefined,
    };
  }

  app.get(urls.newPanelMeeting.pattern, { config: { access: 'milestone.manage', audit: 'MILESTONES_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showMeetingForm(req, reply, { kind: 'new' }),
  );

  app.post(
    urls.newPanelMeeting.pattern,
    { config: { access: 'milestone.manage', audit: 'PANEL_MEETING_SCHEDULED', reads: 'case-material', readAudit: 'MILESTONES_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId } = req.params as ReviewParams;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () => panelMeetings.schedule(req.caller(), boardId, reviewId, meetingInput(body)),
        show: (errors) => showMeetingForm(req, reply, { kind: 'new' }, body, errors),
        flash: 'milestones:meeting.scheduled',
        next: ({ id }) => urls.panelMeeting(boardId, reviewId, id),
        refusals: ['invalid'],
      });
    },
  );

  // ---- Changing a scheduled meeting (the same form, prefilled) ---------------------------------------------

  app.get(urls.changePanelMeeting.pattern, { config: { access: 'milestone.manage', audit: 'PANEL_MEETING_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showMeetingForm(req, reply, { kind: 'change', panelMeetingId: (req.params as { panelMeetingId: string }).panelMeetingId }),
  );

  app.post(
    urls.changePanelMeeting.pattern,
    { config: { access: 'milestone.manage', audit: 'PANEL_MEETING_CHANGED', reads: 'case-material', readAudit: 'PANEL_MEETING_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId, panelMeetingId } = req.params as ReviewParams & { panelMeetingId: string };
      const body = (req.body ?? {}) as Body;
      // Not submitForm: only one kind of conflict is shown on the form (see below).
      try {
        await panelMeetings.reschedule(req.caller(), boardId, reviewId, panelMeetingId, meetingInput(body));
      } catch (e) {
        // A stale version: the form again, with the answers given and the reason (409). A meeting held or
        // cancelled meanwhile cannot show the form: the error page says why (409).
        if (e instanceof ServiceError && (e.kind === 'invalid' || (e.kind === 'conflict' && e.message === 'milestones.changedMeanwhile')))
          return showMeetingForm(req, reply, { kind: 'change', panelMeetingId }, body, e.fieldErrors, e.kind === 'conflict' ? 409 : undefined);
        throw e;
      }
      req.session.flash = req.t('milestones:meeting.changed');
      return reply.redirect(urls.panelMeeting(boardId, reviewId, panelMeetingId));
    },
  );

  async function showMeeting(req: FastifyRequest, reply: FastifyReply, values: Body = {}, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId, panelMeetingId: meetingId } = req.params as ReviewParams & { panelMeetingId: string };
    const t = req.t;
    const m: PanelMeetingView = await panelMeetings.view(req.caller(), boardId, reviewId, meetingId);
    const linked = m.milestones.find((x) => x.id === m.milestoneId);
    const submittedAttendance = (values.attendance ?? {}) as Record<string, unknown>;
    const recorded = new Map(m.attendance.map((a) => [a.personId, a.attendance]));
    return reply.page(
      'features/milestones/meeting.njk',
      {
        boardId,
        reviewId,
        caption: t('milestones:page.caption', { reference: m.reference }),
        meeting: {
          id: m.id,
          version: m.version,
          title: t('milestones:meeting.title', { date: displayDate(t, m.meetsOn) }),
          when: displayDate(t, m.meetsOn) + (m.startsAt ? `, ${m.startsAt}` : ''),
          where: `${t(`milestones:meeting.modes.${m.mode}`)}: ${m.location}`,
          status: t(`milestones:meeting.statuses.${m.status}`),
          held: m.status === 'held',
          cancellation: m.cancellation
            ? {
                when: displayDateTime(t, m.cancellation.at),
                by: m.cancellation.byName,
                reason: m.cancellation.reason,
              }
            : null,
          milestone: linked ? milestoneName(t, { key: linked.key, kind: 'panel_meeting' }) : t('milestones:meeting.milestoneNone'),
          agenda: m.agenda,
          attendance: m.attendance.map((a) => ({
            name: a.name,
            role: t(`common:roles.${a.role}`),
            attendance: t(`milestones:meeting.attendance.${a.attendance}`),
          })),
          guests: m.guests,
          minutes: (m.minutes ?? '').split(/\r?\n\s*\r?\n/).filter((p) => p.trim() !== ''),
          decisions: m.decisions.map((d) => ({ decision: d.decision, owner: d.owner, due: d.dueOn ? displayDate(t, d.dueOn) : '' })),
        },
        heldForm:
          m.mayManage && m.status === 'scheduled'
            ? {
                panel: m.panel.map((p) => ({
                  personId: p.personId,
                  name: p.name,
                  role: t(`common:roles.${p.role}`),
                  items: ATTENDANCE.map((a) => ({
                    value: a,
                    text: t(`milestones:meeting.attendance.${a}`),
                    checked: (submittedAttendance[p.personId] ?? recorded.get(p.personId)) === a,
                  })),
                })),
              }
            : null,
        minutesForm: m.mayMinute && m.status === 'held',
        // The business unit changes or cancels a meeting while it is scheduled.
        changeHref: m.mayManage && m.status === 'scheduled' ? urls.changePanelMeeting(boardId, reviewId, m.id) : null,
        cancelForm: m.mayManage && m.status === 'scheduled',
        values: {
          guests: typeof values.guests === 'string' ? values.guests : m.guests.map((g) => `${g.fullName}, ${g.role}`).join('\n'),
          minutes: typeof values.minutes === 'string' ? values.minutes : (m.minutes ?? ''),
          decisions:
            typeof values.decisions === 'string' ? values.decisions : m.decisions.map((d) => [d.decision, d.owner, d.dueOn ?? ''].join(' | ')).join('\n'),
          cancelReason: typeof values.cancelReason === 'string' ? values.cancelReason : '',
        },
        fieldIds: {
          attendance: 'attendance',
          guests: 'guests',
          minutes: 'minutes',
          decisions: 'decisions',
          cancelReason: 'cancelReason',
          form: m.status === 'cancelled' ? 'meeting-summary' : values.cancelReason !== undefined ? 'cancel' : 'attendance',
        },
        backLink: urls.reviewMilestones(boardId, reviewId),
      },
      { errors, status },
    );
  }

  app.get(urls.panelMeeting.pattern, { config: { access: 'review.view', audit: 'PANEL_MEETING_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showMeeting(req, reply),
  );

  app.post(
    urls.panelMeetingHeld.pattern,
    { config: { access: 'milestone.manage', audit: 'PANEL_MEETING_HELD', reads: 'case-material', readAudit: 'PANEL_MEETING_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId, panelMeetingId: meetingId } = req.params as ReviewParams & { panelMeetingId: string };
      const body = (req.body ?? {}) as Body;
      const attendance = Object.entries(body)
        .map(([k, v]) => [/^attendance\[(.+)\]$/.exec(k)?.[1], v] as const)
        .filter((e): e is readonly [string, string] => typeof e[0] === 'string' && typeof e[1] === 'string')
        .map(([personId, a]) => ({ personId, attendance: a }));
      const guests = lines(body.guests).map((l) => {
        const i = l.indexOf(',');
        return i < 0 ? { fullName: l, role: '' } : { fullName: l.slice(0, i).trim(), role: l.slice(i + 1).trim() };
      });
      const version = Number(formString(body.version));
      return submitForm(req, reply, {
        run: () =>
          panelMeetings.recordHeld(req.caller(), boardId, reviewId, meetingId, {
            attendance,
            guests,
            version: Number.isInteger(version) ? version : undefined,
          }),
        show: (errors, status) =>
          showMeeting(req, reply, { ...body, attendance: Object.fromEntries(attendance.map((a) => [a.personId, a.attendance])) }, errors, status),
        flash: 'milestones:meeting.held',
        next: urls.panelMeeting(boardId, reviewId, meetingId),
      });
    },
  );

  app.post(
    urls.panelMeetingMinutes.pattern,
    { config: { access: 'panel_meeting.minute', audit: 'PANEL_MEETING_MINUTED', reads: 'case-material', readAudit: 'PANEL_MEETING_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId, panelMeetingId: meetingId } = req.params as ReviewParams & { panelMeetingId: string };
      const body = (req.body ?? {}) as Body;
      const decisions = lines(body.decisions).map((l) => {
        const [decision = '', owner = '', dueOn = ''] = l.split('|').map((p) => p.trim());
        return { decision, owner, dueOn: dueOn || null };
      });
      const version = Number(formString(body.version));
      return submitForm(req, reply, {
        run: () =>
          panelMeetings.recordMinutes(req.caller(), boardId, reviewId, meetingId, {
            minutes: typeof body.minutes === 'string' ? body.minutes : null,
            decisions,
            version: Number.isInteger(version) ? version : undefined,
          }),
        show: (errors, status) => showMeeting(req, reply, body, errors, status),
        flash: 'milestones:meeting.minuted',
        next: urls.panelMeeting(boardId, reviewId, meetingId),
      });
    },
  );

  app.post(
    urls.cancelPanelMeeting.pattern,
    { config: { access: 'milestone.manage', audit: 'PANEL_MEETING_CANCELLED', reads: 'case-material', readAudit: 'PANEL_MEETING_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId, panelMeetingId: meetingId } = req.params as ReviewParams & { panelMeetingId: string };
      const body = (req.body ?? {}) as Body;
      const version = Number(formString(body.version));
      const cancelReason = typeof body.cancelReason === 'string' ? body.cancelReason : '';
      return submitForm(req, reply, {
        run: () =>
          panelMeetings.cancel(req.caller(), boardId, reviewId, meetingId, {
            reason: cancelReason,
            version: Number.isInteger(version) ? version : undefined,
          }),
        show: (errors, status) => showMeeting(req, reply, { cancelReason }, errors, status),
        flash: 'milestones:meeting.cancelled',
        next: urls.panelMeeting(boardId, reviewId, meetingId),
      });
    },
  );
}
