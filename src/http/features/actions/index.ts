// The action plan's pages (issue 12 items 1, 2 and 7): a review's plan — its recommendations (the report's, the
// board's own) and lessons learnt early, each with its actions, RAG and status; monitoring against the two-year
// horizon —, the forms adding a board recommendation and an action (the business unit), the board chair's
// acceptance of the plan and sign-off of closure; and an owner's actions across reviews. An action's own page and
// its forms are in action.ts. Refusals show the GOV.UK error summary with the answers kept, and write nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import type { ActionInput } from '../../../domain/actions/action-input.ts';
import { isLanguage, localName } from '../../../domain/organisation.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { type DateParts, dateItems, dateParts, displayDate, parseDateParts } from '../../dates.ts';
import { choose, chooseMany, formList, formString, raw, submitForm } from '../../forms.ts';
import { pageCount, paginationView, requestedPage } from '../../pagination.ts';
import actionRoutes from './action.ts';
import { actionRow, columns } from './views.ts';

type Params = { boardId: string; reviewId: string };
type Body = Record<string, unknown>;

const PLAN_READ = { reads: 'case-material', readAudit: 'ACTION_PLAN_VIEWED' } as const;
const MINE_PAGE_SIZE = 50;

function actionAnswers(body: Body): ActionInput {
  const language = formString(body.ownerLanguage) ?? 'en';
  return {
    action: raw(body, 'action'),
    leadAgencyId: formString(body.leadAgencyId) ?? '',
    supportingAgencyIds: formList(body.supportingAgencyIds),
    ownerName: raw(body, 'ownerName'),
    ownerEmail: raw(body, 'ownerEmail'),
    ownerLanguage: isLanguage(language) ? language : 'en',
    targetOn: parseDateParts(dateParts(body, 'targetOn')),
    successMeasure: raw(body, 'successMeasure'),
    completionEvidence: raw(body, 'completionEvidence'),
    impactMeasure: raw(body, 'impactMeasure'),
  };
}

export default async function actionPlanRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { actionPlans, actionProgress } = opts.services;
  await app.register(actionRoutes, opts);

  // ---- The plan ----------------------------------------------------------------------------------------
  async function showPlan(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number) {
    const p = req.params as Params;
    const { t, lang } = req;
    const view = await actionPlans.plan(req.caller(), p);
    const problem = (key: string) => t(key.includes(':') ? key : `errors:${key}`);
    const horizon = view.horizon.on ? t(`actions:horizon.${view.horizon.state}`, { date: displayDate(t, view.horizon.on) }) : t('actions:horizon.not_started');
    return reply.page(
      'features/actions/plan.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        title: t('actions:plan.title'),
        caption: t('actions:caption', { reference: view.review.reference }),
        intro: t('actions:plan.intro'),
        monitoring: [
          { key: { text: t('actions:plan.accepted') }, value: { text: view.plan ? displayDate(t, view.plan.acceptedAt) : t('actions:plan.notAccepted') } },
          { key: { text: t('actions:plan.horizon') }, value: { text: horizon } },
          ...(view.plan?.closureSignedOffAt
            ? [{ key: { text: t('actions:plan.closureSignedOff') }, value: { text: displayDate(t, view.plan.closureSignedOffAt) } }]
            : []),
        ],
        agencyOnly: view.agencyOnly,
        col: columns(t),
        recommendations: view.recommendations.map((r) => ({
          number: r.number,
          heading: t(r.source === 'board' ? 'actions:plan.boardRecommendation' : 'actions:plan.reportRecommendation', { number: r.number }),
          text: r.text,
          caption: t('actions:plan.actionsOf', { number: r.number }),
          actions: r.actions.map((a) => actionRow(t, lang, a)),
          addHref: view.may.manage ? urls.actionPlanActionNew(p.boardId, p.reviewId, r.id) : null,
          addText: t('actions:plan.addAction', { number: r.number }),
        })),
        earlyLearning: view.earlyLearning.map((a) => actionRow(t, lang, a)),
        may: view.may,
        accepted: view.plan !== null,
        meetingLabel: t(`actions:accept.meeting.${view.meetings.kind}`),
        meetingItems: choose(
          view.meetings.options.map((m) => ({ value: m.id, text: displayDate(t, m.meetsOn) })),
          formString(((req.body ?? {}) as Body).meetingId),
          t('actions:accept.chooseMeeting'),
        ),
        closed: view.plan?.closureSignedOffAt != null,
        acceptProblems: Object.values(view.acceptProblems).map(problem),
        closeProblems: Object.values(view.closeProblems)
          .filter((k) => k !== 'actions:gate.noClosureSignOff')
          .map(problem),
        backLink: view.agencyOnly ? urls.myActions() : urls.review(p.boardId, p.reviewId),
        backText: view.agencyOnly ? t('actions:mine.title') : t('actions:backToReview'),
      },
      { errors, status },
    );
  }

  app.get(urls.actionPlan.pattern, { config: { access: 'action.view', audit: 'ACTION_PLAN_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showPlan(req, reply),
  );

  app.post(urls.actionPlanAccept.pattern, { config: { access: 'action.plan_accept', audit: 'ACTION_PLAN_ACCEPTED', ...PLAN_READ } }, async (req, reply) => {
    const p = req.params as Params;
    return submitForm(req, reply, {
      run: () => actionPlans.accept(req.caller(), p, { meetingId: formString(((req.body ?? {}) as Body).meetingId) ?? '' }),
      show: (errors, status) => showPlan(req, reply, errors, status),
      flash: 'actions:accept.done',
      next: urls.actionPlan(p.boardId, p.reviewId),
      refusals: ['invalid', 'conflict'],
    });
  });

  // ---- A board recommendation ----------------------------------------------------------------------------
  async function showRecommendation(req: FastifyRequest, reply: FastifyReply, body: Body = {}, errors?: FieldErrors) {
    const p = req.params as Params;
    const { t } = req;
    const view = await actionPlans.plan(req.caller(), p, 'action.manage');
    return reply.page(
      'features/actions/form.njk',
      {
        title: t('actions:recommendation.title'),
        caption: t('actions:caption', { reference: view.review.reference }),
        intro: t('actions:recommendation.intro'),
        context: [],
        formAction: urls.actionPlanRecommendationNew(p.boardId, p.reviewId),
        fields: [{ kind: 'textarea', name: 'text', label: t('actions:recommendation.text'), value: raw(body, 'text'), rows: 5 }],
        submit: t('actions:recommendation.submit'),
        backLink: urls.actionPlan(p.boardId, p.reviewId),
        backText: t('actions:backToPlan'),
      },
      { errors },
    );
  }

  app.get(
    urls.actionPlanRecommendationNew.pattern,
    { config: { access: 'action.manage', audit: 'ACTION_PLAN_VIEWED', reads: 'case-material' } },
    (req, reply) => showRecommendation(req, reply),
  );
  app.post(
    urls.actionPlanRecommendationNew.pattern,
    { config: { access: 'action.manage', audit: 'BOARD_RECOMMENDATION_ADDED', ...PLAN_READ } },
    (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () => actionPlans.addBoardRecommendation(req.caller(), p, { text: raw(body, 'text') }),
        show: (errors) => showRecommendation(req, reply, body, errors),
        flash: 'actions:recommendation.added',
        next: urls.actionPlan(p.boardId, p.reviewId),
        refusals: ['invalid'],
      });
    },
  );

  // ---- A new action ----------------------------------------------------------------------------------------
  async function showNewAction(req: FastifyRequest, reply: FastifyReply, body: Body = {}, errors?: FieldErrors) {
    const p = req.params as Params & { recommendationId: string };
    const { t, lang } = req;
    const view = await actionPlans.plan(req.caller(), p, 'action.manage');
    const recommendation = view.recommendations.find((r) => r.id === p.recommendationId);
    if (!recommendation) return reply.callNotFound();
    const agencies = view.agencies.map((a) => ({ value: a.id, text: localName(a, lang) }));
    const text = (k: string) => t(`actions:form.${k}`);
    return reply.page(
      'features/actions/form.njk',
      {
        title: t('actions:form.title', { number: recommendation.number }),
        caption: t('actions:caption', { reference: view.review.reference }),
        intro: recommendation.text,
        context: [],
        formAction: urls.actionPlanActionNew(p.boardId, p.reviewId, p.recommendationId),
        fields: [
          { kind: 'textarea', name: 'action', label: text('action'), value: raw(body, 'action'), rows: 3 },
          { kind: 'select', name: 'leadAgencyId', label: text('leadAgency'), items: choose(agencies, formString(body.leadAgencyId), text('chooseAgency')) },
          {
            kind: 'checkboxes',
            name: 'supportingAgencyIds',
            label: text('supportingAgencies'),
            hint: text('supportingAgenciesHint'),
            items: chooseMany(agencies, formList(body.supportingAgencyIds)),
          },
          { kind: 'input', name: 'ownerName', label: text('ownerName'), value: raw(body, 'ownerName') },
          { kind: 'input', name: 'ownerEmail', label: text('ownerEmail'), hint: text('ownerEmailHint'), value: raw(body, 'ownerEmail'), type: 'email' },
          {
            kind: 'radios',
            name: 'ownerLanguage',
            label: text('ownerLanguage'),
            classes: 'govuk-radios--inline',
            items: choose(
              (['en', 'cy'] as const).map((l) => ({ value: l, text: t(`actions:languages.${l}`) })),
              formString(body.ownerLanguage) ?? lang,
            ),
          },
          {
            kind: 'date',
            name: 'targetOn',
            label: text('target'),
            hint: text('targetHint'),
            items: dateItems(t, dateParts(body, 'targetOn') as DateParts, Boolean(errors?.targetOn)),
          },
          {
            kind: 'textarea',
            name: 'successMeasure',
            label: text('successMeasure'),
            hint: text('successMeasureHint'),
            value: raw(body, 'successMeasure'),
            rows: 3,
          },
          {
            kind: 'textarea',
            name: 'completionEvidence',
            label: text('completionEvidence'),
            hint: text('completionEvidenceHint'),
            value: raw(body, 'completionEvidence'),
            rows: 3,
          },
          {
            kind: 'textarea',
            name: 'impactMeasure',
            label: text('impactMeasure'),
            hint: text('impactMeasureHint'),
            value: raw(body, 'impactMeasure'),
            rows: 3,
          },
        ],
        fieldIds: { targetOn: 'targetOn-day', supportingAgencyIds: 'supportingAgencyIds', ownerLanguage: 'ownerLanguage' },
        submit: text('submit'),
        backLink: urls.actionPlan(p.boardId, p.reviewId),
        backText: t('actions:backToPlan'),
      },
      { errors },
    );
  }

  app.get(urls.actionPlanActionNew.pattern, { config: { access: 'action.manage', audit: 'ACTION_PLAN_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showNewAction(req, reply),
  );
  app.post(urls.actionPlanActionNew.pattern, { config: { access: 'action.manage', audit: 'ACTION_ADDED', ...PLAN_READ } }, (req, reply) => {
    const p = req.params as Params & { recommendationId: string };
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => actionPlans.addAction(req.caller(), p, p.recommendationId, actionAnswers(body)),
      show: (errors) => showNewAction(req, reply, body, errors),
      flash: 'actions:form.added',
      next: urls.actionPlan(p.boardId, p.reviewId),
      refusals: ['invalid'],
    });
  });

  // ---- Closure -----------------------------------------------------------------------------------------------
  async function showClosure(req: FastifyRequest, reply: FastifyReply, body: Body = {}, errors?: FieldErrors) {
    const p = req.params as Params;
    const { t } = req;
    const view = await actionPlans.plan(req.caller(), p, 'action.plan_accept');
    return reply.page(
      'features/actions/form.njk',
      {
        title: t('actions:closure.title'),
        caption: t('actions:caption', { reference: view.review.reference }),
        intro: t('actions:closure.intro'),
        context: [],
        formAction: urls.actionPlanClosure(p.boardId, p.reviewId),
        fields: [{ kind: 'textarea', name: 'note', label: t('actions:closure.note'), hint: t('actions:closure.noteHint'), value: raw(body, 'note') }],
        submit: t('actions:closure.submit'),
        backLink: urls.actionPlan(p.boardId, p.reviewId),
        backText: t('actions:backToPlan'),
      },
      { errors },
    );
  }

  app.get(urls.actionPlanClosure.pattern, { config: { access: 'action.plan_accept', audit: 'ACTION_PLAN_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showClosure(req, reply),
  );
  app.post(
    urls.actionPlanClosure.pattern,
    { config: { access: 'action.plan_accept', audit: 'ACTION_PLAN_CLOSURE_SIGNED_OFF', ...PLAN_READ } },
    (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () => actionPlans.signOffClosure(req.caller(), p, { note: raw(body, 'note') }),
        show: (errors) => showClosure(req, reply, body, errors),
        flash: 'actions:closure.done',
        next: urls.actionPlan(p.boardId, p.reviewId),
        refusals: ['invalid', 'conflict'],
      });
    },
  );

  // ---- An owner's actions across reviews ------------------------------------------------------------------
  app.get(urls.myActions.pattern, { config: { access: 'action.view', audit: 'MY_ACTIONS_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const { t, lang } = req;
    const page = requestedPage((req.query as Body).page);
    const found = await actionProgress.mine(req.caller(), { limit: MINE_PAGE_SIZE, offset: (page - 1) * MINE_PAGE_SIZE });
    return reply.page('features/actions/mine.njk', {
      title: t('actions:mine.title'),
      caption: t('actions:mine.caption', { count: found.total }),
      col: columns(t),
      rows: found.rows.map((a) => actionRow(t, lang, a)),
      pagination: paginationView(t, {
        page,
        pages: pageCount(found.total, MINE_PAGE_SIZE),
        href: (n) => urls.myActions({ page: n }),
        landmarkLabel: t('actions:mine.pagination'),
      }),
    });
  });
}
