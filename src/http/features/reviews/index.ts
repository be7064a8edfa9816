// Running a review (issue 10 item 1): the board's reviews (filters, paging, clocks) and each review's
// workspace (summary, the framework's stages with where it is, the clock with elapsed and paused time,
// holds, people, timeline), with the form that moves it by the transitions offered to the reader.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import type { ClockReading } from '../../../domain/clock/index.ts';
import { getFramework, heldFrom, STAGE_IDS } from '../../../domain/frameworks/index.ts';
import { resolveTimers } from '../../../domain/frameworks/timers.ts';
import { FRAMEWORK_IDS, type FrameworkId } from '../../../domain/frameworks/types.ts';
import { localName } from '../../../domain/organisation.ts';
import type { FieldErrors } from '../../../services/context.ts';
import type { ReviewSummary } from '../../../services/review-service.ts';
import { urls } from '../../../urls.ts';
import { actionText } from '../../audit-text.ts';
import { durationText } from '../../clock-text.ts';
import { displayDate, displayDateTime } from '../../dates.ts';
import { familySectionView } from '../../family-section.ts';
import { formString, submitForm } from '../../forms.ts';
import { learningEventSectionView } from '../../learning-event-section.ts';
import { milestoneSectionView } from '../../milestone-text.ts';
import { pageCount, paginationView, requestedPage } from '../../pagination.ts';
import { panelSectionView } from '../../panel-section.ts';
import { reportSectionView } from '../../report-section.ts';
import reviewSetupRoutes from './setup.ts';
import { setupSection } from './setup-section.ts';

const PAGE_SIZE = 50;
/** The stages a review can be in (after the decision), for the stage filter. */
const REVIEW_STAGES = [
  ...STAGE_IDS.slice(STAGE_IDS.indexOf('DECIDED_PROCEED')).filter((s) => s !== 'DECIDED_NOT_PROCEED' && s !== 'ALTERNATIVE_LEARNING'),
  'WITHDRAWN',
];
const STATUS_TAGS: Record<string, string> = {
  on_track: 'govuk-tag--green',
  due_soon: 'govuk-tag--yellow',
  overdue: 'govuk-tag--red',
  paused: 'govuk-tag--grey',
};

type Body = Record<string, unknown>;

/** "40 days (28 working days) of 6 months", and the time on hold. */
function clockSummary(t: TFunction, r: ReviewSummary): { elapsed: string; paused: string } {
  const c = r.clock;
  if (!c) return { elapsed: t('reviews:clock.stopped'), paused: '' };
  const target = resolveTimers(getFramework(r.frameworkId)).find((x) => x.id === 'completion')?.duration;
  const days = (n: number) => durationText(t, { amount: n, unit: 'calendar_days' });
  const working = (n: number) => durationText(t, { amount: n, unit: 'working_days' });
  return {
    elapsed: t('reviews:clock.elapsed', { elapsed: `${days(c.elapsed.calendarDays)} (${working(c.elapsed.workingDays)})`, target: durationText(t, target) }),
    paused: c.paused.calendarDays > 0 ? t('reviews:clock.paused', { paused: days(c.paused.calendarDays) }) : '',
  };
}

function frameworkText(r: { frameworkId: FrameworkId; reviewType: string | null }, t: TFunction, lang: 'en' | 'cy'): string {
  const name = getFramework(r.frameworkId).shortName[lang];
  return r.reviewType ? `${name}, ${t(`consideration:reviewTypes.${r.reviewType}`)}` : name;
}

function dueText(t: TFunction, c: ClockReading | undefined): string {
  if (!c) return '';
  const date = displayDate(t, c.dueOn);
  return c.dueOnProvisional ? t('reviews:review.clockDueProvisional', { date }) : date;
}

export default async function reviewRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { reviews } = opts.services;
  await reviewSetupRoutes(app, opts);

  app.get(urls.reviews.pattern, { config: { access: 'review.view', audit: 'REVIEWS_LISTED', reads: 'case-material' } }, async (req, reply) => {
    const { boardId } = req.params as { boardId: string };
    const query = (req.query ?? {}) as Record<string, unknown>;
    const t = req.t;
    const lang = req.lang;
    const stage = formString(query.stage);
    const stages = stage && REVIEW_STAGES.includes(stage) ? [stage] : undefined;
    const framework = formString(query.framework);
    const frameworkIds = framework && (FRAMEWORK_IDS as readonly string[]).includes(framework) ? [framework] : undefined;
    const onHold = formString(query.onHold) === 'yes';
    const overdue = formString(query.overdue) === 'yes';
    const result = await reviews.list(req.caller(), boardId, {
      stages,
      frameworkIds,
      onHold,
      overdueOnly: overdue,
      page: requestedPage(query.page),
      pageSize: PAGE_SIZE,
      lastPageIfBeyond: true,
    });
    const rows = result.items.map((r) => ({
      href: urls.review(boardId, r.id),
      reference: r.reference,
      framework: frameworkText(r, t, lang),
      stage: t(`reviews:stages.${r.currentStage}`),
      onHold: r.onHold,
      clock: clockSummary(t, r),
      status: r.clock ? { text: t(`reviews:statuses.${r.clock.status}`), tag: STATUS_TAGS[r.clock.status] ?? '' } : null,
      due: dueText(t, r.clock),
      overdueMilestones: r.overdueMilestones > 0 ? t('milestones:list.overdue', { count: r.overdueMilestones }) : '',
    }));
    const href = (page: number) =>
      urls.reviews(boardId, {
        stage: stages ? stage : undefined,
        framework: frameworkIds ? framework : undefined,
        onHold: onHold ? 'yes' : undefined,
        overdue: overdue ? 'yes' : undefined,
        page,
      });
    const pagination = paginationView(t, { page: result.page, pages: pageCount(result.total, PAGE_SIZE), href, landmarkLabel: t('reviews:pagination.label') });
    return reply.page('features/reviews/reviews.njk', {
      board: { id: boardId, name: localName(result.board, lang) },
      rows,
      caption: t(result.total === 1 ? 'reviews:captionOne' : 'reviews:captionMany', { count: result.total }),
      pagination,
      stageItems: [
        { value: '', text: t('reviews:filters.anyStage') },
        ...REVIEW_STAGES.map((s) => ({ value: s, text: t(`reviews:stages.${s}`), selected: s === stage })),
      ],
      frameworkItems: [
        { value: '', text: t('reviews:filters.anyFramework') },
        ...FRAMEWORK_IDS.map((f) => ({ value: f, text: getFramework(f).name[lang], selected: f === framework })),
      ],
      showItems: [
        { value: 'yes', name: 'onHold', text: t('reviews:filters.onHold'), checked: onHold },
        { value: 'yes', name: 'overdue', text: t('reviews:filters.overdue'), checked: overdue },
      ],
    });
  });

  /** The review's page (with the move form's answers and errors when shown again). */
  async function showReview(req: FastifyRequest, reply: FastifyReply, values: Body = {}, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId } = req.params as { boardId: string; reviewId: string };
    const t = req.t;
    const lang = req.lang;
    const ws = await opts.services.reviewPage.view(req.caller(), boardId, reviewId);
    const r = ws.review;
    const running = r.holds.find((h) => h.resumedOn === null);
    const clock = clockSummary(t, r);
    return reply.page(
      'features/reviews/review.njk',
      {
        boardId,
        review: {
          id: r.id,
          reference: r.reference,
          framework: getFramework(r.frameworkId).name[lang],
          type: r.reviewType ? t(`consideration:reviewTypes.${r.reviewType}`) : t('reviews:review.noType'),
          stage: t(`reviews:stages.${r.currentStage}`),
          onHold: r.onHold,
          onHoldSince: running ? t('reviews:review.onHoldSince', { date: displayDate(t, running.pausedOn) }) : '',
          holdReason: running ? `${t(`reviews:holdReasons.${running.reasonCode}`)}: ${running.reasonText}` : '',
          decidedOn: displayDate(t, r.decidedOn),
          withdrawn: r.currentStage === 'WITHDRAWN',
        },
        steps: ws.steps.map((s) => ({ text: t(`reviews:stages.${s.stage}`), status: s.status })),
        clock: r.clock
          ? {
              started: displayDate(t, r.clock.startOn),
              target: durationText(t, resolveTimers(ws.framework).find((x) => x.id === 'completion')?.duration),
              elapsed: clock.elapsed,
              paused: durationText(t, { amount: r.clock.paused.calendarDays, unit: 'calendar_days' }),
              due: dueText(t, r.clock),
              status: { text: t(`reviews:statuses.${r.clock.status}`), tag: STATUS_TAGS[r.clock.status] ?? '' },
            }
          : null,
        holds: r.holds.map((h) => ({
          paused: displayDate(t, h.pausedOn),
          resumed: h.resumedOn ? displayDate(t, h.resumedOn) : t('reviews:review.holdStillOn'),
          why: `${t(`reviews:holdReasons.${h.reasonCode}`)}: ${h.reasonText}`,
        })),
        milestoneSection: milestoneSectionView(t, boardId, reviewId, ws.sections.milestones),
        people: ws.people.map((p) => ({ name: p.name, role: t(`common:roles.${p.role}`) + (p.agency ? ` (${p.agency[lang]})` : '') })),
        timelineTotal: ws.timelineTotal,
        timelineShown: ws.timeline.length,
        timeline: ws.timeline.map((e) => ({
          time: displayDateTime(t, e.occurredAt),
          action: actionText(t, e.action).text,
          who: e.actorName ?? t('reviews:review.system'),
          stageNow: e.transition ? t('reviews:review.stageNow', { stage: stageLabel(t, e.transition.to) }) : null,
          reason: e.transition?.reason ? t('reviews:review.reason', { reason: e.transition.reason }) : null,
        })),
        eventItems: ws.events.map((e) => ({ value: e, text: t(`reviews:events.${e}`), checked: values.event === e })),
        holdReasonItems: ws.events.includes('hold')
          ? ws.holdReasons.map((h) => ({ value: h, text: t(`reviews:holdReasons.${h}`), checked: values.holdReason === h }))
          : [],
        state: r.stage,
        values: { reason: typeof values.reason === 'string' ? values.reason : '' },
        fieldIds: { event: 'event', holdReason: 'holdReason', reason: 'reason', form: 'event' },
        backLink: urls.reviews(boardId),
        setup: setupSection(req, { boardId, reviewId, stage: r.stage }, ws.setup, ws.canManage),
        panelSection: panelSectionView(t, lang, ws.sections.panel),
        contributions: { ...ws.sections.contributions, boardId, reviewId },
        chronology: ws.sections.chronology ? { ...ws.sections.chronology, boardId, reviewId } : null,
        termsOfReference: ws.sections.terms,
        family: familySectionView(t, ws.sections.family),
        dictionary: ws.sections.dictionary,
        summary: ws.sections.summary,
        anonymisation: ws.sections.anonymisation,
        publication: ws.sections.publication,
        packet: ws.sections.packet,
        learningEvent: learningEventSectionView(t, ws.sections.learningEvent),
        report: reportSectionView(t, lang, { href: urls.report(boardId, reviewId) }, ws.sections.report),
      },
      { errors, status },
    );
  }

  app.get(urls.review.pattern, { config: { access: 'review.view', audit: 'REVIEW_VIEWED', reads: 'case-material' } }, (req, reply) => showReview(req, reply));

  app.post(
    urls.reviewMove.pattern,
    { config: { access: 'review.view', audit: 'REVIEW_MOVED', reads: 'case-material', readAudit: 'REVIEW_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId } = req.params as { boardId: string; reviewId: string };
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () =>
          reviews.move(req.caller(), boardId, reviewId, {
            event: formString(body.event) ?? '',
            from: formString(body.from),
            reason: formString(body.reason) ?? null,
            holdReason: formString(body.holdReason) ?? null,
          }),
        show: (errors, status) => showReview(req, reply, body, errors, status),
        flash: 'reviews:review.moved',
        next: urls.review(boardId, reviewId),
      });
    },
  );
}

/** A state in words: its stage, or on hold from the stage it left. */
function stageLabel(t: TFunction, state: string): string {
  const held = heldFrom(state);
  return held ? `${t('reviews:onHold')} (${t(`reviews:stages.${held}`)})` : t(`reviews:stages.${state}`);
}
