// Milestones of a review (issue 10 item 5): the plan with its timeline picture and the table drawn from the
// same rows (planned vs met, slippage, time on hold), and changing a milestone's dates (a reason for a moved
// planned date; the history shown). Its panel meetings' pages are in meetings.ts. No script: the picture is an
// SVG written here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import { chartGeometry } from '../../../domain/reviews/milestones.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import type { MilestonePlan } from '../../../services/milestone-service.ts';
import { urls } from '../../../urls.ts';
import { dateItems, dateParts, displayDate, displayDateTime, parseDateParts, partsOf } from '../../dates.ts';
import { formString, submitForm } from '../../forms.ts';
import { days, MILESTONE_STATUS_TAGS, milestoneName, slippageText } from '../../milestone-text.ts';

import panelMeetingRoutes, { type Body, type ReviewParams } from './meetings.ts';

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

  await panelMeetingRoutes(app, opts);
}
