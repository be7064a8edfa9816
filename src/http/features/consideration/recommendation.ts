// The management group chair's recommendation to the board chair (R2), a journey (src/http/journeys): the
// route, reasons and any dissent; the review type when the framework has types (on its own page, so no
// JavaScript is needed); then check answers and submit.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { type Framework, getFramework, REVIEW_TYPES, type ReviewType } from '../../../domain/frameworks/index.ts';
import { isDecided, LEARNING_ROUTES, type LearningRoute, type ReferralStatus } from '../../../domain/referrals/referral.ts';
import { urls } from '../../../urls.ts';
import { parseForm } from '../../forms.ts';
import { RecommendationStep, RecommendationTypeStep } from '../../journeys/commands.ts';
import { formValues } from '../../journeys/fields.ts';
import { defineFlow } from '../../journeys/flow.ts';
import { changeHref, changeLinkId, registerJourney } from '../../journeys/pages.ts';
import { childOfPage, choices, conflictOf, departureTexts, indicatedView, isConflict, referralInAddress, refused, TEXT_MAX } from './helpers.ts';

export interface RecommendationAnswers {
  route: LearningRoute;
  reviewType: ReviewType;
  reasons: string;
  dissent: string | null;
}

/** The routes the framework offers, as radio options with hints. */
export function routeOptions(req: FastifyRequest, framework: Framework) {
  const offered = LEARNING_ROUTES.filter((r) => r === 'review' || r === 'no_review' || (framework.alternativeRoutes as readonly string[]).includes(r));
  return offered.map((r) => ({ value: r, text: req.t(`consideration:routes.${r}`), hint: req.t(`consideration:routeHints.${r}`) }));
}

export function typeOptions(req: FastifyRequest) {
  return REVIEW_TYPES.map((r) => ({ value: r, text: req.t(`consideration:reviewTypes.${r}`), hint: req.t(`consideration:reviewTypeHints.${r}`) }));
}

/** A summary row of check answers with its change link (changeHref: the step's page, returning to check answers). */
export function checkRow(req: FastifyRequest, label: string, value: string, href: string | undefined, field: string) {
  return {
    key: { text: label },
    value: { text: value },
    ...(href
      ? {
          actions: {
            items: [{ href, text: req.t('common:change'), visuallyHiddenText: label, attributes: { id: changeLinkId(field) } }],
          },
        }
      : {}),
  };
}

export default async function recommendationRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { consideration } = opts.services;

  async function load(req: FastifyRequest) {
    const page = await referralInAddress(opts.services, req, 'recommendation.submit');
    const c = await consideration.viewConsideration(req.caller(), page.referralId);
    // The recommendation follows the framework the latest analysis used.
    const framework = c.assessment ? getFramework(c.assessment.frameworkId) : page.framework;
    const decided = isDecided(page.referral.status as ReferralStatus) || c.decision !== undefined;
    const considerationHref = urls.consideration(page.boardId, page.referralId);
    return { ...page, framework, c, considerationHref, decided, key: page.referralId, base: urls.recommendation(page.boardId, page.referralId) };
  }
  type Loaded = Awaited<ReturnType<typeof load>>;

  /** The type is asked for a review, where the framework the analysis used has types. */
  const flowOf = (l: Loaded) =>
    defineFlow<RecommendationAnswers>([
      { slug: 'recommendation', fields: ['route', 'reasons', 'dissent'] },
      { slug: 'type', fields: ['reviewType'], applies: (a) => a.route === 'review' && l.framework.reviewTypes },
    ]);

  registerJourney<RecommendationAnswers, Loaded>(app, {
    name: 'recommendation',
    path: urls.recommendation.pattern,
    access: 'recommendation.submit',
    audit: {
      stepViewed: 'RECOMMENDATION_VIEWED',
      stepAnswered: 'RECOMMENDATION_ANSWERED',
      checkViewed: 'RECOMMENDATION_CHECK_VIEWED',
      completed: 'RECOMMENDATION_SUBMITTED',
    },
    // Every page shows the referral's consideration, the group's reasons included: each read is audited.
    reads: { steps: 'case-material', check: 'case-material' },
    load,
    // Not open yet, or no longer: explain instead of showing the form.
    blocked(req, reply, l) {
      if (l.decided) return refused(req, reply, conflictOf('recommendation.alreadyDecided'));
      if (!l.c.assessment) return refused(req, reply, conflictOf('recommendation.assessmentRequired'));
      return undefined;
    },
    flow: flowOf,
    rootStep: 'recommendation',
    checkSlug: 'check',
    exitHref: (_req, l) => l.considerationHref,
    common: (req, l) => ({
      ...childOfPage(req, l.referral.pseudonym),
      textMax: TEXT_MAX,
      choices,
      // What the analysis indicated, on every page of the recommendation.
      indicated: indicatedView(req, l.c.assessment),
    }),
    pages: [
      {
        slug: 'recommendation',
        view: 'features/consideration/recommendation.njk',
        parse: (body) => parseForm(RecommendationStep, formValues(body)),
        values: (a) => ({ route: a.route, reasons: a.reasons ?? '', dissent: a.dissent ?? '' }),
        posted: (body) => ({ route: body.route, reasons: body.reasons ?? '', dissent: body.dissent ?? '' }),
        context: (req, l) => ({ routeOptions: routeOptions(req, l.framework) }),
      },
      {
        slug: 'type',
        view: 'features/consideration/review-type.njk',
        parse: (body) => parseForm(RecommendationTypeStep, formValues(body)),
        // The type the analysis indicated is pre-selected.
        values: (a, l) => ({ reviewType: a.reviewType ?? l.c.assessment?.reviewType ?? undefined }),
        posted: (body) => ({ reviewType: body.reviewType }),
        context: (req) => ({ heading: req.t('consideration:recommendation.typeHeading'), typeOptions: typeOptions(req) }),
      },
    ],
    check: {
      view: 'features/consideration/recommendation-check.njk',
      async context(req, l, a) {
        const label = (key: string) => req.t(`consideration:recommendation.${key}`);
        const rows = [checkRow(req, label('routeLabel'), req.t(`consideration:routes.${a.route}`), changeHref(l.base), 'route')];
        if (a.reviewType)
          rows.push(checkRow(req, label('typeLabel'), req.t(`consideration:reviewTypes.${a.reviewType}`), changeHref(l.base, 'type'), 'reviewType'));
        rows.push(
          checkRow(req, label('reasonsLabel'), a.reasons, changeHref(l.base), 'reasons'),
          checkRow(req, label('dissentLabel'), a.dissent || label('noDissent'), changeHref(l.base), 'dissent'),
        );
        // A recommendation that departs from the analysis is warned about before it is submitted.
        return { rows, departures: departureTexts(req, l.c.assessment, a.route, a.reviewType) };
      },
    },
    async complete(req, l, a) {
      await consideration.submitRecommendation(req.caller(), l.referralId, {
        route: a.route,
        reviewType: a.route === 'review' ? (a.reviewType ?? null) : null,
        reasons: a.reasons,
        dissent: a.dissent || null,
      });
      req.session.flash = req.t('consideration:recommendation.submitted');
      return l.considerationHref;
    },
    refused: (req, reply, _l, e) => (isConflict(e) ? refused(req, reply, e) : undefined),
  });
}
