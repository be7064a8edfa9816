// Milestones and panel meetings of a review (issue 10 item 5): the plan with its timeline picture and the
// table drawn from the same rows (planned vs met, slippage, time on hold), changing a milestone's dates
// (a reason for a moved planned date; the history shown), scheduling a panel meeting, and a meeting's page
// (attendance of the review's panel and guests; minutes and decisions by the panel's chair or the business
// unit). No script: the picture is an SVG written here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import { chartGeometry } from '../../../domain/reviews/milestones.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import type { MilestonePlan } from '../../../services/milestone-service.ts';
import type { PanelMeetingView } from '../../../services/panel-meeting-service.ts';
import { urls } from '../../../urls.ts';
import { dateItems, dateParts, displayDate, displayDateTime, parseDateParts, partsOf } from '../../dates.ts';
import { formString, submitForm } from '../../forms.ts';
import { days, MILESTONE_STATUS_TAGS, milestoneName, slippageText } from '../../milestone-text.ts';

type Body = Record<string, unknown>;
type ReviewParams = { boardId: string; reviewId: string };

const ATTENDANCE = ['present', 'apologies', 'absent'] as const;
const MODES = ['in_person', 'online', 'hybrid'] as const;

/** The plan page's rows and picture, from the same milestones: the table and the SVG cannot disagree. */
export function planView(t: TFunction, plan: MilestonePlan) {
  const { review } = plan;
  const rows = plan.milestones.map((m) => {
    const name = milestoneName(t, m);
    return {
      key: m.key,
      name,
      originalOn: m.originalOn,
      plannedOn: m.plannedOn,
      actualOn: m.actualOn,
      original: displayDate(t, m.originalOn),
      planned: displayDate(t, m.plannedOn),
      actual: m.actualOn ? displayDate(t, m.actualOn) : t('milestones:page.notMet'),
      status: t(`milestones:statuses.${m.status}`),
      statusTag: MILESTONE_STATUS_TAGS[m.status] ?? '',
      slippage: slippageText(t, m.slippageDays),
      paused: days(t, m.pausedDays),
      changeHref: plan.mayManage ? urls.reviewMilestone(review.boardId, review.id, m.id) : null,
      changeHidden: t('milestones:page.changeHidden', { name }),
    };
  });
  const geometry = chartGeometry(
    plan.milestones.map((m) => ({
      key: m.key,
      label: milestoneName(t, m),
      originalOn: m.originalOn,
      plannedOn: m.plannedOn,
      actualOn: m.actualOn,
      status: m.status,
      slippageDays: m.slippageDays,
    })),
    { decidedOn: review.decidedOn, asOf: plan.asOf },
  );
  const chart = {
    ...geometry,
    rows: geometry.rows.map((r) => ({ ...r, text: t('milestones:picture.rowLabel', { name: r.label, status: t(`milestones:statuses.${r.status}`) }) })),
    title: t('milestones:picture.title', { reference: review.reference }),
    desc: t('milestones:picture.desc', { count: rows.length, start: displayDate(t, geometry.startOn), end: displayDate(t, geometry.endOn) }),
    startText: displayDate(t, geometry.startOn),
    endText: displayDate(t, geometry.endOn),
    todayText: t('milestones:picture.today'),
    legend: {
      original: t('milestones:picture.legendOriginal'),
      planned: t('milestones:picture.legendPlanned'),
      actual: t('milestones:picture.legendActual'),
      slip: t('milestones:picture.legendSlip'),
    },
  };
  return { rows, chart };
}

/** Lines of a textarea, trimmed, empty ones left out. */
function lines(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
    : [];
}

export default async function milestoneRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { milestones, panelMeetings } = opts.services;

  app.get(urls.reviewMilestones.pattern, { config: { access: 'review.view', audit: 'MILESTONES_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const { boardId, reviewId } = req.params as ReviewParams;
    const t = req.t;
    const plan = await milestones.plan(req.caller(), boardId, reviewId);
    const meetings = await panelMeetings.list(req.caller(), boardId, reviewId);
    const { rows, chart } = planView(t, plan);
    return reply.page('features/milestones/milestones.njk', {
      boardId,
      reviewId,
      caption: t('milestones:page.caption', { reference: plan.review.reference }),
      intro: t('milestones:page.intro', { decidedOn: displayDate(t, plan.review.decidedOn) }),
      rows,
      chart,
      meetings: meetings.map((m) => ({
        href: urls.panelMeeting(boardId, reviewId, m.id),
        date: displayDate(t, m.meetsOn) + (m.startsAt ? `, ${m.startsAt}` : ''),
        where: `${t(`milestones:meeting.modes.${m.mode}`)}: ${m.location}`,
        status: m.cancellation
          ? t('milestones:meeting.statusCancelledBecause', { reason: m.cancellation.reason })
          : t(`milestones:meeting.statuses.${m.status}`),
        cancelled: m.status === 'cancelled',
      })),
      mayManage: plan.mayManage,
      backLink: urls.review(boardId, reviewId),
    });
  });

  // ---- Changing a milestone's dates ----------------------------------------------------------------------

  async function showMilestone(req: FastifyRequest, reply: FastifyReply, values: Body = {}, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId, milestoneId } = req.params as ReviewParams & { milestoneId: string };
    const t = req.t;
    const plan = await milestones.plan(req.caller(), boardId, reviewId);
    const m = plan.milestones.find((x) => x.id === milestoneId);
    if (!m || !plan.mayManage) throw new ServiceError(m ? 'forbidden' : 'not_found', m ? 'Not allowed' : 'milestone not found');
    const shown = Object.keys(values).length > 0;
    const history = [
      { when: '', what: t('milestones:change.historyFirst', { date: displayDate(t, m.originalOn) }), reason: '', who: '' },
      ...m.revisions.map((r) => ({
        when: displayDateTime(t, r.createdAt),
        what:
          r.field === 'planned'
            ? t('milestones:change.historyPlanned', { from: displayDate(t, r.fromOn), to: displayDate(t, r.toOn) })
            : r.toOn
              ? t('milestones:change.historyActual', { date: displayDate(t, r.toOn) })
              : t('milestones:change.historyActualCleared', { date: displayDate(t, r.fromOn) }),
        reason: r.reason ? t('milestones:change.historyReason', { reason: r.reason }) : '',
        who: r.actorName ?? '',
      })),
    ];
    return reply.page(
      'features/milestones/milestone.njk',
      {
        caption: t('milestones:page.caption', { reference: plan.review.reference }),
        name: milestoneName(t, m),
        action: urls.reviewMilestone(boardId, reviewId, m.id),
        version: m.version,
        met: m.actualOn !== null,
        plannedText: displayDate(t, m.plannedOn),
        plannedItems: dateItems(t, shown ? dateParts(values, 'plannedOn') : partsOf(m.plannedOn), Boolean(errors?.plannedOn)),
        actualItems: dateItems(t, shown ? dateParts(values, 'actualOn') : partsOf(m.actualOn), Boolean(errors?.actualOn)),
        values: { reason: typeof values.reason === 'string' ? values.reason : '', clearActual: values.clearActual === 'yes' },
        history,
        fieldIds: { plannedOn: 'plannedOn-day', actualOn: 'actualOn-day', reason: 'reason', form: 'plannedOn-day' },
        backLink: urls.reviewMilestones(boardId, reviewId),
      },
      { errors, status },
    );
  }

  app.get(urls.reviewMilestone.pattern, { config: { access: 'milestone.manage', audit: 'MILESTONES_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showMilestone(req, reply),
  );

  app.post(
    urls.reviewMilestone.pattern,
    { config: { access: 'milestone.manage', audit: 'MILESTONE_CHANGED', reads: 'case-material', readAudit: 'MILESTONES_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId, milestoneId } = req.params as ReviewParams & { milestoneId: string };
      const body = (req.body ?? {}) as Body;
      const errors: FieldErrors = {};
      const planned = parseDateParts(dateParts(body, 'plannedOn'));
      const actual = parseDateParts(dateParts(body, 'actualOn'));
      if (planned === 'incomplete' || planned === 'invalid') errors.plannedOn = 'milestones:errors.plannedOnInvalid';
      if (actual === 'incomplete' || actual === 'invalid') errors.actualOn = 'milestones:errors.actualOnInvalid';
      const version = Number(formString(body.version));
      return submitForm(req, reply, {
        run: async () => {
          if (Object.keys(errors).length > 0) throw new ServiceError('invalid', 'Invalid input', errors);
          await milestones.change(req.caller(), boardId, reviewId, milestoneId, {
            plannedOn: planned ?? null,
            actualOn: body.clearActual === 'yes' ? '' : (actual ?? undefined),
            reason: formString(body.reason) ?? null,
            version: Number.isInteger(version) ? version : undefined,
          });
        },
        show: (errors, status) => showMilestone(req, reply, { ...body, _shown: 'yes' }, errors, status),
        flash: 'milestones:change.saved',
        next: urls.reviewMilestones(boardId, reviewId),
      });
    },
  );

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
        modeItems: MODES.map((m) => ({ value: m, text: t(`milestones:meeting.modes.${m}`), checked: values.mode === m })),
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
