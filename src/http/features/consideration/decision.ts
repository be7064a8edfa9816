// The board chair's decision (R2, R14): only the board chair decides, after a recommendation; agree or
// differ (then the route, and the review type when the framework in force on the decision date has
// types), a rationale and the date, check answers, then a confirmation with the review reference and the
// decision letter to download.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import type { AuditAction } from '../../../domain/audit-actions.ts';
import { frameworkForDecision } from '../../../domain/frameworks/board-frameworks.ts';
import { earliestFrameworkDate, REVIEW_TYPES, type ReviewType } from '../../../domain/frameworks/index.ts';
import { can } from '../../../domain/permissions.ts';
import { isDecided, LEARNING_ROUTES, type LearningRoute, type ReferralStatus } from '../../../domain/referrals/referral.ts';
import type { FieldErrors, ReadKind } from '../../../services/context.ts';
import { formString, isInvalid } from '../../forms.ts';
import {
  type Body,
  childOfPage,
  choices,
  conflictOf,
  type DateParts,
  dateItems,
  dateParts,
  departureTexts,
  indicatedView,
  isConflict,
  longDate,
  parseDate,
  partsOf,
  referralBase,
  referralInAddress,
  refused,
  TEXT_MAX,
} from './helpers.ts';
import { routeItems, typeItems } from './recommendation.ts';

export interface DecisionDraft {
  agrees?: boolean;
  rationale?: string;
  decidedOn?: string;
  route?: LearningRoute | null;
  reviewType?: ReviewType | null;
}

declare module '@fastify/session' {
  interface FastifySessionObject {
    /** Unrecorded decisions, by referral id. */
    decisionDrafts?: Record<string, DecisionDraft>;
    /** The decision just recorded, for its confirmation page: who could be emailed. */
    decisionRecorded?: { referralId: string; reference: string | null; route: string; mailEnabled?: boolean; referrerEmailed?: boolean };
  }
}

export default async function decisionRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { consideration, clock } = opts.services;
  const config = (audit: AuditAction, read: { reads?: ReadKind; readAudit?: AuditAction } = {}) => ({
    config: { access: 'decision.record' as const, audit, ...read },
  });
  const PATH = '/boards/:boardId/referrals/:referralId/decision';
  const today = () => clock.today();

  async function load(req: FastifyRequest) {
    const page = await referralInAddress(opts.services, req, 'decision.record');
    const c = await consideration.viewConsideration(req.caller(), page.referralId);
    return { ...page, c, base: referralBase(page.boardId, page.referralId) };
  }
  type Loaded = Awaited<ReturnType<typeof load>>;

  const draftOf = (req: FastifyRequest, referralId: string): DecisionDraft => req.session.decisionDrafts?.[referralId] ?? {};
  function save(req: FastifyRequest, referralId: string, draft: DecisionDraft | undefined) {
    const all = { ...(req.session.decisionDrafts ?? {}) };
    if (draft) all[referralId] = draft;
    else delete all[referralId];
    req.session.decisionDrafts = all;
  }

  function blocked(req: FastifyRequest, reply: FastifyReply, l: Loaded) {
    if (l.c.decision || isDecided(l.referral.status as ReferralStatus)) return refused(req, reply, conflictOf('decision.alreadyDecided'));
    if (!l.c.recommendation || l.referral.status !== 'recommended_to_chair') return refused(req, reply, conflictOf('decision.recommendationRequired'));
    return undefined;
  }

  /** The framework the decision is pinned to: the one in force on the decision date, or the one the board runs that the group chose (R14). */
  const frameworkOn = (l: Loaded, on: string | undefined) =>
    frameworkForDecision(l.c.assessment, l.c.board.nation === 'england' ? 'england' : 'wales', on ?? today());
  const needsType = (l: Loaded, d: DecisionDraft) => !d.agrees && d.route === 'review' && frameworkOn(l, d.decidedOn).reviewTypes;

  function recommendationRows(req: FastifyRequest, l: Loaded) {
    const r = l.c.recommendation;
    if (!r) return [];
    const rows = [{ key: { text: req.t('consideration:recommendation.routeLabel') }, value: { text: req.t(`consideration:routes.${r.route}`) } }];
    if (r.reviewType)
      rows.push({ key: { text: req.t('consideration:recommendation.typeLabel') }, value: { text: req.t(`consideration:reviewTypes.${r.reviewType}`) } });
    rows.push({ key: { text: req.t('consideration:recommendation.reasonsLabel') }, value: { text: r.reasons } });
    rows.push({
      key: { text: req.t('consideration:recommendation.dissentLabel') },
      value: { text: r.dissent ?? req.t('consideration:recommendation.noDissent') },
    });
    return rows;
  }

  function common(req: FastifyRequest, l: Loaded) {
    return {
      base: l.base,
      ...childOfPage(req, l.referral.pseudonym),
      textMax: TEXT_MAX,
      indicated: indicatedView(req, l.c.assessment),
    };
  }

  function mainPage(req: FastifyRequest, reply: FastifyReply, l: Loaded, v: { agree?: string; rationale: string; parts: DateParts }, errors?: FieldErrors) {
    return reply.page(
      'features/consideration/decision.njk',
      {
        ...common(req, l),
        recommendationRows: recommendationRows(req, l),
        agreeItems: choices(
          [
            { value: 'agree', text: req.t('consideration:decision.agree') },
            { value: 'differ', text: req.t('consideration:decision.differ') },
          ],
          v.agree,
        ),
        values: { rationale: v.rationale },
        dateItems: dateItems(req.t, v.parts, Boolean(errors?.decidedOn)),
        fieldIds: { decidedOn: 'decidedOn-day' },
        backLink: `${l.base}/consideration`,
      },
      errors ? { errors } : {},
    );
  }

  app.get(PATH, config('DECISION_VIEWED', { reads: 'case-material' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    const agree = d.agrees === undefined ? undefined : d.agrees ? 'agree' : 'differ';
    return mainPage(req, reply, l, { agree, rationale: d.rationale ?? '', parts: partsOf(d.decidedOn ?? today()) });
  });

  app.post(PATH, config('DECISION_ANSWERED', { reads: 'case-material', readAudit: 'DECISION_VIEWED' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const body = (req.body ?? {}) as Body;
    const agree = formString(body.agree);
    const rationale = formString(body.rationale) ?? '';
    const parts = dateParts(body, 'decidedOn');
    const errors: FieldErrors = {};
    if (agree !== 'agree' && agree !== 'differ') errors.agree = 'decision.agreeRequired';
    if (!rationale) errors.rationale = 'decision.rationaleRequired';
    else if (rationale.length > TEXT_MAX) errors.rationale = 'decision.rationaleTooLong';
    const date = parseDate(parts);
    if (!date.ok) errors.decidedOn = `decision.decidedOn${date.problem}`;
    else if (date.date > today()) errors.decidedOn = 'decision.inFuture';
    else if (date.date < l.referral.receivedOn) errors.decidedOn = 'decision.beforeReferral';
    else if (date.date < earliestFrameworkDate(l.c.board.nation)) errors.decidedOn = 'decision.beforeFrameworks';
    if (Object.keys(errors).length > 0 || !date.ok) return mainPage(req, reply, l, { agree, rationale, parts }, errors);
    const previous = draftOf(req, l.referralId);
    const agrees = agree === 'agree';
    const draft: DecisionDraft = { agrees, rationale, decidedOn: date.date, route: agrees ? null : (previous.route ?? null), reviewType: null };
    if (!agrees && previous.reviewType && needsType(l, draft)) draft.reviewType = previous.reviewType;
    save(req, l.referralId, draft);
    if (!agrees) return reply.redirect(`${l.base}/decision/route`);
    return reply.redirect(`${l.base}/decision/check`);
  });

  const routePage = (req: FastifyRequest, reply: FastifyReply, l: Loaded, d: DecisionDraft, route: string | undefined, errors?: FieldErrors) =>
    reply.page(
      'features/consideration/decision-route.njk',
      { ...common(req, l), routeItems: routeItems(req, frameworkOn(l, d.decidedOn), route), backLink: `${l.base}/decision` },
      errors ? { errors } : {},
    );

  app.get(`${PATH}/route`, config('DECISION_VIEWED', { reads: 'case-material' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    if (d.agrees !== false) return reply.redirect(`${l.base}/decision`);
    return routePage(req, reply, l, d, d.route ?? undefined);
  });

  app.post(`${PATH}/route`, config('DECISION_ANSWERED', { reads: 'case-material', readAudit: 'DECISION_VIEWED' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    if (d.agrees !== false) return reply.redirect(`${l.base}/decision`);
    const route = formString(((req.body ?? {}) as Body).route);
    if (!route || !(LEARNING_ROUTES as readonly string[]).includes(route)) return routePage(req, reply, l, d, route, { route: 'decision.routeRequired' });
    const next: DecisionDraft = { ...d, route: route as LearningRoute };
    if (!needsType(l, next)) next.reviewType = null;
    save(req, l.referralId, next);
    return reply.redirect(needsType(l, next) ? `${l.base}/decision/type` : `${l.base}/decision/check`);
  });

  const typePage = (req: FastifyRequest, reply: FastifyReply, l: Loaded, selected: string | undefined, errors?: FieldErrors) =>
    reply.page(
      'features/consideration/review-type.njk',
      { ...common(req, l), heading: req.t('consideration:decision.typeHeading'), typeItems: typeItems(req, selected), backLink: `${l.base}/decision/route` },
      errors ? { errors } : {},
    );

  app.get(`${PATH}/type`, config('DECISION_VIEWED', { reads: 'case-material' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    if (!needsType(l, d)) return reply.redirect(`${l.base}/decision`);
    return typePage(req, reply, l, d.reviewType ?? l.c.recommendation?.reviewType ?? l.c.assessment?.reviewType ?? undefined);
  });

  app.post(`${PATH}/type`, config('DECISION_ANSWERED', { reads: 'case-material', readAudit: 'DECISION_VIEWED' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    if (!needsType(l, d)) return reply.redirect(`${l.base}/decision`);
    const reviewType = formString(((req.body ?? {}) as Body).reviewType);
    if (!reviewType || !(REVIEW_TYPES as readonly string[]).includes(reviewType))
      return typePage(req, reply, l, reviewType, { reviewType: 'decision.reviewTypeRequired' });
    save(req, l.referralId, { ...d, reviewType: reviewType as ReviewType });
    return reply.redirect(`${l.base}/decision/check`);
  });

  function incomplete(l: Loaded, d: DecisionDraft): string | undefined {
    if (d.agrees === undefined || !d.rationale || !d.decidedOn) return `${l.base}/decision`;
    if (!d.agrees && !d.route) return `${l.base}/decision/route`;
    if (needsType(l, d) && !d.reviewType) return `${l.base}/decision/type`;
    return undefined;
  }

  function checkRows(req: FastifyRequest, l: Loaded, d: DecisionDraft) {
    const change = (href: string, what: string) => ({ items: [{ href, text: req.t('common:change'), visuallyHiddenText: what }] });
    const rows = [
      {
        key: { text: req.t('consideration:decision.agreeLabel') },
        value: { text: req.t(d.agrees ? 'consideration:decision.agree' : 'consideration:decision.differ') },
        actions: change(`${l.base}/decision`, req.t('consideration:decision.agreeLabel')),
      },
    ];
    const route = d.agrees ? l.c.recommendation?.route : d.route;
    rows.push({
      key: { text: req.t('consideration:decision.routeLabel') },
      value: { text: route ? req.t(`consideration:routes.${route}`) : '' },
      actions: change(d.agrees ? `${l.base}/decision` : `${l.base}/decision/route`, req.t('consideration:decision.routeLabel')),
    });
    const type = d.agrees ? l.c.recommendation?.reviewType : d.reviewType;
    if (route === 'review' && type) {
      rows.push({
        key: { text: req.t('consideration:recommendation.typeLabel') },
        value: { text: req.t(`consideration:reviewTypes.${type}`) },
        actions: change(d.agrees ? `${l.base}/decision` : `${l.base}/decision/type`, req.t('consideration:recommendation.typeLabel')),
      });
    }
    rows.push(
      {
        key: { text: req.t('consideration:decision.rationaleLabel') },
        value: { text: d.rationale ?? '' },
        actions: change(`${l.base}/decision`, req.t('consideration:decision.rationaleLabel')),
      },
      {
        key: { text: req.t('consideration:decision.dateLabel') },
        value: { text: longDate(d.decidedOn, req.lang) },
        actions: change(`${l.base}/decision`, req.t('consideration:decision.dateLabel')),
      },
    );
    return rows;
  }

  app.get(`${PATH}/check`, config('DECISION_CHECK_VIEWED', { reads: 'case-material' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    const missing = incomplete(l, d);
    if (missing) return reply.redirect(missing);
    const backLink = d.agrees ? `${l.base}/decision` : needsType(l, d) ? `${l.base}/decision/type` : `${l.base}/decision/route`;
    const route = d.agrees ? l.c.recommendation?.route : d.route;
    const type = d.agrees ? l.c.recommendation?.reviewType : d.reviewType;
    return reply.page('features/consideration/decision-check.njk', {
      ...common(req, l),
      rows: checkRows(req, l, d),
      departures: departureTexts(req, l.c.assessment, route, type),
      backLink,
    });
  });

  app.post(`${PATH}/check`, config('DECISION_RECORDED', { reads: 'case-material', readAudit: 'DECISION_CHECK_VIEWED' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    const missing = incomplete(l, d);
    if (missing) return reply.redirect(missing);
    try {
      const { decision, review, notified } = await consideration.recordDecision(req.caller(), l.referralId, {
        agreesWithRecommendation: d.agrees === true,
        route: d.agrees ? null : (d.route ?? null),
        reviewType: d.agrees ? null : (d.reviewType ?? null),
        rationale: d.rationale ?? '',
        decidedOn: d.decidedOn ?? today(),
      });
      save(req, l.referralId, undefined);
      req.session.decisionRecorded = {
        referralId: l.referralId,
        reference: review?.reference ?? null,
        route: decision.route,
        mailEnabled: notified.mailEnabled,
        referrerEmailed: notified.referrer === 'emailed',
      };
      return reply.redirect(`${l.base}/decision/recorded`);
    } catch (e) {
      if (isInvalid(e))
        return reply.page('features/consideration/decision-check.njk', { ...common(req, l), rows: checkRows(req, l, d) }, { errors: e.fieldErrors });
      if (isConflict(e)) return refused(req, reply, e);
      throw e;
    }
  });

  app.get(`${PATH}/recorded`, { config: { access: 'referral.view', audit: 'DECISION_RECORDED_VIEWED' } }, async (req, reply) => {
    const page = await referralInAddress(opts.services, req, 'referral.view');
    const base = referralBase(page.boardId, page.referralId);
    const recorded = req.session.decisionRecorded;
    if (!recorded || recorded.referralId !== page.referralId || !can(req.actor, 'decision.record', { boardId: page.boardId })) {
      return reply.redirect(`${base}/consideration`);
    }
    const child = childOfPage(req, page.referral.pseudonym);
    return reply.page('features/consideration/decision-recorded.njk', {
      base,
      childCode: child.childCode,
      reference: recorded.reference,
      route: req.t(`consideration:routes.${recorded.route}`),
      decisionText: req.t('consideration:recorded.decision', { ...child.childVars, route: req.t(`consideration:routes.${recorded.route}`) }),
      // Only what was done: nobody is emailed when email is not set up, and a referrer with no address is not.
      emailed: req.t(
        !recorded.mailEnabled
          ? 'consideration:recorded.notEmailed'
          : recorded.referrerEmailed
            ? 'consideration:recorded.emailed'
            : 'consideration:recorded.emailedNotReferrer',
      ),
    });
  });
}
