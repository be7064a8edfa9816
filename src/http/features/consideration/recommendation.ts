// The management group chair's recommendation to the board chair (R2): the route, the review type when
// the framework has types (on its own page, so no JavaScript is needed), reasons and any dissent, then
// check answers and submit.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import type { AuditAction } from '../../../domain/audit-actions.ts';
import { type Framework, getFramework, REVIEW_TYPES, type ReviewType } from '../../../domain/frameworks/index.ts';
import { isDecided, LEARNING_ROUTES, type LearningRoute, type ReferralStatus } from '../../../domain/referrals/referral.ts';
import type { FieldErrors, ReadKind } from '../../../services/context.ts';
import { formString, isInvalid } from '../../forms.ts';
import {
  type Body,
  childOfPage,
  choices,
  conflictOf,
  departureTexts,
  indicatedView,
  isConflict,
  referralBase,
  referralInAddress,
  refused,
  TEXT_MAX,
} from './helpers.ts';

export interface RecommendationDraft {
  route?: LearningRoute;
  reviewType?: ReviewType | null;
  reasons?: string;
  dissent?: string;
}

declare module '@fastify/session' {
  interface FastifySessionObject {
    /** Unsubmitted recommendations, by referral id. */
    recommendationDrafts?: Record<string, RecommendationDraft>;
  }
}

export function routeItems(req: FastifyRequest, framework: Framework, selected: string | undefined) {
  const offered = LEARNING_ROUTES.filter((r) => r === 'review' || r === 'no_review' || (framework.alternativeRoutes as readonly string[]).includes(r));
  return choices(
    offered.map((r) => ({ value: r, text: req.t(`consideration:routes.${r}`), hint: req.t(`consideration:routeHints.${r}`) })),
    selected,
  );
}

export function typeItems(req: FastifyRequest, selected: string | null | undefined) {
  return choices(
    REVIEW_TYPES.map((r) => ({ value: r, text: req.t(`consideration:reviewTypes.${r}`), hint: req.t(`consideration:reviewTypeHints.${r}`) })),
    selected ?? undefined,
  );
}

export default async function recommendationRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { consideration } = opts.services;
  const config = (audit: AuditAction, read: { reads?: ReadKind; readAudit?: AuditAction } = {}) => ({
    config: { access: 'recommendation.submit' as const, audit, ...read },
  });
  const PATH = '/boards/:boardId/referrals/:referralId/recommendation';

  async function load(req: FastifyRequest) {
    const page = await referralInAddress(opts.services, req, 'recommendation.submit');
    const c = await consideration.viewConsideration(req.caller(), page.referralId);
    const base = referralBase(page.boardId, page.referralId);
    // The recommendation follows the framework the latest analysis used.
    const framework = c.assessment ? getFramework(c.assessment.frameworkId) : page.framework;
    return { ...page, framework, c, base, decided: isDecided(page.referral.status as ReferralStatus) || c.decision !== undefined };
  }

  const draftOf = (req: FastifyRequest, referralId: string): RecommendationDraft => req.session.recommendationDrafts?.[referralId] ?? {};
  function save(req: FastifyRequest, referralId: string, draft: RecommendationDraft | undefined) {
    const all = { ...(req.session.recommendationDrafts ?? {}) };
    if (draft) all[referralId] = draft;
    else delete all[referralId];
    req.session.recommendationDrafts = all;
  }
  /** The framework whose types apply: the one the latest analysis used. */
  const needsType = (l: Awaited<ReturnType<typeof load>>, route: string | undefined) => route === 'review' && l.framework.reviewTypes;

  /** Not open yet, or no longer: explain instead of showing the form. */
  function blocked(req: FastifyRequest, reply: FastifyReply, l: Awaited<ReturnType<typeof load>>) {
    if (l.decided) return refused(req, reply, conflictOf('recommendation.alreadyDecided'));
    if (!l.c.assessment) return refused(req, reply, conflictOf('recommendation.assessmentRequired'));
    return undefined;
  }

  function common(req: FastifyRequest, l: Awaited<ReturnType<typeof load>>) {
    return {
      base: l.base,
      ...childOfPage(req, l.referral.pseudonym),
      textMax: TEXT_MAX,
      // What the analysis indicated, on every page of the recommendation.
      indicated: indicatedView(req, l.c.assessment),
    };
  }

  app.get(PATH, config('RECOMMENDATION_VIEWED', { reads: 'case-material' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    return reply.page('features/consideration/recommendation.njk', {
      ...common(req, l),
      routeItems: routeItems(req, l.framework, d.route),
      values: { reasons: d.reasons ?? '', dissent: d.dissent ?? '' },
      backLink: `${l.base}/consideration`,
    });
  });

  app.post(PATH, config('RECOMMENDATION_ANSWERED', { reads: 'case-material', readAudit: 'RECOMMENDATION_VIEWED' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const body = (req.body ?? {}) as Body;
    const route = formString(body.route);
    const reasons = formString(body.reasons) ?? '';
    const dissent = formString(body.dissent) ?? '';
    const errors: FieldErrors = {};
    if (!route || !(LEARNING_ROUTES as readonly string[]).includes(route)) errors.route = 'recommendation.routeRequired';
    if (!reasons) errors.reasons = 'recommendation.reasonsRequired';
    else if (reasons.length > TEXT_MAX) errors.reasons = 'recommendation.reasonsTooLong';
    if (dissent.length > TEXT_MAX) errors.dissent = 'recommendation.dissentTooLong';
    if (Object.keys(errors).length > 0) {
      return reply.page(
        'features/consideration/recommendation.njk',
        { ...common(req, l), routeItems: routeItems(req, l.framework, route), values: { reasons, dissent }, backLink: `${l.base}/consideration` },
        { errors },
      );
    }
    const previous = draftOf(req, l.referralId);
    const chosen = route as LearningRoute;
    save(req, l.referralId, { route: chosen, reasons, dissent, reviewType: needsType(l, chosen) ? (previous.reviewType ?? null) : null });
    const returning = (req.query as Record<string, unknown>).returnTo === 'check';
    if (needsType(l, chosen) && (!returning || !previous.reviewType)) return reply.redirect(`${l.base}/recommendation/type`);
    return reply.redirect(`${l.base}/recommendation/check`);
  });

  app.get(`${PATH}/type`, config('RECOMMENDATION_VIEWED', { reads: 'case-material' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    if (!needsType(l, d.route)) return reply.redirect(`${l.base}/recommendation`);
    return reply.page('features/consideration/review-type.njk', {
      ...common(req, l),
      heading: req.t('consideration:recommendation.typeHeading'),
      // The type the analysis indicated is pre-selected.
      typeItems: typeItems(req, d.reviewType ?? l.c.assessment?.reviewType),
      backLink: `${l.base}/recommendation`,
    });
  });

  app.post(`${PATH}/type`, config('RECOMMENDATION_ANSWERED', { reads: 'case-material', readAudit: 'RECOMMENDATION_VIEWED' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    if (!needsType(l, d.route)) return reply.redirect(`${l.base}/recommendation`);
    const reviewType = formString(((req.body ?? {}) as Body).reviewType);
    if (!reviewType || !(REVIEW_TYPES as readonly string[]).includes(reviewType)) {
      return reply.page(
        'features/consideration/review-type.njk',
        {
          ...common(req, l),
          heading: req.t('consideration:recommendation.typeHeading'),
          typeItems: typeItems(req, reviewType),
          backLink: `${l.base}/recommendation`,
        },
        { errors: { reviewType: 'recommendation.reviewTypeRequired' } },
      );
    }
    save(req, l.referralId, { ...d, reviewType: reviewType as ReviewType });
    return reply.redirect(`${l.base}/recommendation/check`);
  });

  function checkRows(req: FastifyRequest, l: Awaited<ReturnType<typeof load>>, d: RecommendationDraft) {
    const change = (href: string, what: string) => ({ items: [{ href, text: req.t('common:change'), visuallyHiddenText: what }] });
    const rows = [
      {
        key: { text: req.t('consideration:recommendation.routeLabel') },
        value: { text: d.route ? req.t(`consideration:routes.${d.route}`) : '' },
        actions: change(`${l.base}/recommendation?returnTo=check`, req.t('consideration:recommendation.routeLabel')),
      },
    ];
    if (needsType(l, d.route)) {
      rows.push({
        key: { text: req.t('consideration:recommendation.typeLabel') },
        value: { text: d.reviewType ? req.t(`consideration:reviewTypes.${d.reviewType}`) : '' },
        actions: change(`${l.base}/recommendation/type`, req.t('consideration:recommendation.typeLabel')),
      });
    }
    rows.push(
      {
        key: { text: req.t('consideration:recommendation.reasonsLabel') },
        value: { text: d.reasons ?? '' },
        actions: change(`${l.base}/recommendation?returnTo=check`, req.t('consideration:recommendation.reasonsLabel')),
      },
      {
        key: { text: req.t('consideration:recommendation.dissentLabel') },
        value: { text: d.dissent || req.t('consideration:recommendation.noDissent') },
        actions: change(`${l.base}/recommendation?returnTo=check`, req.t('consideration:recommendation.dissentLabel')),
      },
    );
    return rows;
  }

  /** The draft is complete enough to check; otherwise where to go to finish it. */
  function incomplete(l: Awaited<ReturnType<typeof load>>, d: RecommendationDraft): string | undefined {
    if (!d.route || !d.reasons) return `${l.base}/recommendation`;
    if (needsType(l, d.route) && !d.reviewType) return `${l.base}/recommendation/type`;
    return undefined;
  }

  app.get(`${PATH}/check`, config('RECOMMENDATION_CHECK_VIEWED', { reads: 'case-material' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    const missing = incomplete(l, d);
    if (missing) return reply.redirect(missing);
    return reply.page('features/consideration/recommendation-check.njk', {
      ...common(req, l),
      rows: checkRows(req, l, d),
      // A recommendation that departs from the analysis is warned about before it is submitted.
      departures: departureTexts(req, l.c.assessment, d.route, d.reviewType),
      backLink: needsType(l, d.route) ? `${l.base}/recommendation/type` : `${l.base}/recommendation`,
    });
  });

  app.post(`${PATH}/check`, config('RECOMMENDATION_SUBMITTED', { reads: 'case-material', readAudit: 'RECOMMENDATION_CHECK_VIEWED' }), async (req, reply) => {
    const l = await load(req);
    const b = blocked(req, reply, l);
    if (b) return b;
    const d = draftOf(req, l.referralId);
    const missing = incomplete(l, d);
    if (missing || !d.route) return reply.redirect(missing ?? `${l.base}/recommendation`);
    try {
      await consideration.submitRecommendation(req.caller(), l.referralId, {
        route: d.route,
        reviewType: d.route === 'review' ? (d.reviewType ?? null) : null,
        reasons: d.reasons ?? '',
        dissent: d.dissent || null,
      });
    } catch (e) {
      if (isInvalid(e)) {
        return reply.page(
          'features/consideration/recommendation-check.njk',
          { ...common(req, l), rows: checkRows(req, l, d), departures: departureTexts(req, l.c.assessment, d.route, d.reviewType) },
          { errors: e.fieldErrors },
        );
      }
      if (isConflict(e)) return refused(req, reply, e);
      throw e;
    }
    save(req, l.referralId, undefined);
    req.session.flash = req.t('consideration:recommendation.submitted');
    return reply.redirect(`${l.base}/consideration`);
  });
}
