// The board chair's decision (R2, R14), a journey (src/http/journeys): only the board chair decides, after
// a recommendation; agree or differ (then the route, and the review type when the framework in force on
// the decision date has types), a rationale and the date, check answers, then a confirmation with the
// review reference and the decision letter to download.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { frameworkForDecision } from '../../../domain/frameworks/board-frameworks.ts';
import { earliestFrameworkDate, type ReviewType } from '../../../domain/frameworks/index.ts';
import { can } from '../../../domain/permissions.ts';
import { isDecided, type LearningRoute, type ReferralStatus } from '../../../domain/referrals/referral.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { parseForm } from '../../forms.ts';
import { DecisionRouteStep, DecisionStep, DecisionTypeStep } from '../../journeys/commands.ts';
import { formValues } from '../../journeys/fields.ts';
import { defineFlow } from '../../journeys/flow.ts';
import { changeHref, registerJourney } from '../../journeys/pages.ts';
import {
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
  referralInAddress,
  refused,
  TEXT_MAX,
} from './helpers.ts';
import { checkRow, routeOptions, typeOptions } from './recommendation.ts';

export interface DecisionAnswers {
  agrees: boolean;
  rationale: string;
  decidedOn: string;
  route: LearningRoute;
  reviewType: ReviewType;
}

declare module '@fastify/session' {
  interface FastifySessionObject {
    /** The decision just recorded, for its confirmation page: who could be emailed. */
    decisionRecorded?: { referralId: string; reference: string | null; route: string; mailEnabled?: boolean; referrerEmailed?: boolean };
  }
}

export default async function decisionRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { consideration, clock } = opts.services;
  const today = () => clock.today();

  async function load(req: FastifyRequest) {
    const page = await referralInAddress(opts.services, req, 'decision.record');
    const c = await consideration.viewConsideration(req.caller(), page.referralId);
    const considerationHref = urls.consideration(page.boardId, page.referralId);
    return { ...page, c, considerationHref, key: page.referralId, base: urls.decision(page.boardId, page.referralId) };
  }
  type Loaded = Awaited<ReturnType<typeof load>>;

  /** The framework the decision is pinned to: the one in force on the decision date, or the one the board runs that the group chose (R14). */
  const frameworkOn = (l: Loaded, on: string | undefined) =>
    frameworkForDecision(l.c.assessment, l.c.board.nation === 'england' ? 'england' : 'wales', on ?? today());

  /** The route is asked when the chair differs; the type for a review, where the framework on the decision date has types. */
  const flowOf = (l: Loaded) =>
    defineFlow<DecisionAnswers>([
      { slug: 'decision', fields: ['agree', 'rationale', 'decidedOn'], answers: ['agrees', 'rationale', 'decidedOn'] },
      { slug: 'route', fields: ['route'], applies: (a) => a.agrees === false },
      { slug: 'type', fields: ['reviewType'], applies: (a) => a.agrees === false && a.route === 'review' && frameworkOn(l, a.decidedOn).reviewTypes },
    ]);

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

  /** The decision date: a real date, not in the future, not before the referral nor before any framework of the board's nation. */
  function decidedOnProblem(l: Loaded, parts: DateParts): { date?: string; problem?: string } {
    const date = parseDate(parts);
    if (!date.ok) return { problem: `decision.decidedOn${date.problem}` };
    if (date.date > today()) return { problem: 'decision.inFuture' };
    if (date.date < l.referral.receivedOn) return { problem: 'decision.beforeReferral' };
    if (date.date < earliestFrameworkDate(l.c.board.nation)) return { problem: 'decision.beforeFrameworks' };
    return { date: date.date };
  }

  registerJourney<DecisionAnswers, Loaded>(app, {
    name: 'decision',
    path: urls.decision.pattern,
    access: 'decision.record',
    audit: { stepViewed: 'DECISION_VIEWED', stepAnswered: 'DECISION_ANSWERED', checkViewed: 'DECISION_CHECK_VIEWED', completed: 'DECISION_RECORDED' },
    // Every page shows the referral's consideration, the group's reasons included: each read is audited.
    reads: { steps: 'case-material', check: 'case-material' },
    load,
    blocked(req, reply, l) {
      if (l.c.decision || isDecided(l.referral.status as ReferralStatus)) return refused(req, reply, conflictOf('decision.alreadyDecided'));
      if (!l.c.recommendation || l.referral.status !== 'recommended_to_chair') return refused(req, reply, conflictOf('decision.recommendationRequired'));
      return undefined;
    },
    flow: flowOf,
    rootStep: 'decision',
    checkSlug: 'check',
    exitHref: (_req, l) => l.considerationHref,
    common: (req, l) => ({
      ...childOfPage(req, l.referral.pseudonym),
      textMax: TEXT_MAX,
      choices,
      indicated: indicatedView(req, l.c.assessment),
    }),
    pages: [
      {
        slug: 'decision',
        view: 'features/consideration/decision.njk',
        parse(body, l) {
          const form = parseForm(DecisionStep, formValues(body));
          const errors: FieldErrors = form.ok ? {} : { ...form.errors };
          const { date, problem } = decidedOnProblem(l, dateParts(body, 'decidedOn'));
          if (problem) errors.decidedOn = problem;
          if (!form.ok || !date) return { ok: false, errors };
          return { ok: true, data: { agrees: form.data.agree === 'agree', rationale: form.data.rationale, decidedOn: date } };
        },
        values: (a) => ({
          agree: a.agrees === undefined ? undefined : a.agrees ? 'agree' : 'differ',
          rationale: a.rationale ?? '',
          decidedOn: partsOf(a.decidedOn ?? today()),
        }),
        posted: (body) => ({ agree: body.agree, rationale: body.rationale ?? '', decidedOn: dateParts(body, 'decidedOn') }),
        fieldIds: { decidedOn: 'decidedOn-day' },
        context: (req, l) => ({
          recommendationRows: recommendationRows(req, l),
          agreeOptions: [
            { value: 'agree', text: req.t('consideration:decision.agree') },
            { value: 'differ', text: req.t('consideration:decision.differ') },
          ],
          dateItems: (parts: DateParts, error: unknown) => dateItems(req.t, parts, Boolean(error)),
        }),
      },
      {
        slug: 'route',
        view: 'features/consideration/decision-route.njk',
        parse: (body) => parseForm(DecisionRouteStep, formValues(body)),
        values: (a) => ({ route: a.route }),
        posted: (body) => ({ route: body.route }),
        context: (req, l, state) => ({ routeOptions: routeOptions(req, frameworkOn(l, state.answers.decidedOn)) }),
      },
      {
        slug: 'type',
        view: 'features/consideration/review-type.njk',
        parse: (body) => parseForm(DecisionTypeStep, formValues(body)),
        values: (a, l) => ({ reviewType: a.reviewType ?? l.c.recommendation?.reviewType ?? l.c.assessment?.reviewType ?? undefined }),
        posted: (body) => ({ reviewType: body.reviewType }),
        context: (req) => ({ heading: req.t('consideration:decision.typeHeading'), typeOptions: typeOptions(req) }),
      },
    ],
    check: {
      view: 'features/consideration/decision-check.njk',
      async context(req, l, a) {
        const label = (key: string) => req.t(`consideration:${key}`);
        // Agreeing, the route and type are the recommendation's (changed by changing the answer to agree).
        const route = a.agrees ? l.c.recommendation?.route : a.route;
        const type = a.agrees ? l.c.recommendation?.reviewType : a.reviewType;
        const rows = [
          checkRow(req, label('decision.agreeLabel'), label(a.agrees ? 'decision.agree' : 'decision.differ'), changeHref(l.base), 'agree'),
          checkRow(req, label('decision.routeLabel'), route ? label(`routes.${route}`) : '', changeHref(l.base, a.agrees ? undefined : 'route'), 'route'),
        ];
        if (route === 'review' && type)
          rows.push(
            checkRow(req, label('recommendation.typeLabel'), label(`reviewTypes.${type}`), changeHref(l.base, a.agrees ? undefined : 'type'), 'reviewType'),
          );
        rows.push(
          checkRow(req, label('decision.rationaleLabel'), a.rationale, changeHref(l.base), 'rationale'),
          checkRow(req, label('decision.dateLabel'), longDate(a.decidedOn, req.lang), changeHref(l.base), 'decidedOn'),
        );
        return { rows, departures: departureTexts(req, l.c.assessment, route, type) };
      },
    },
    async complete(req, l, a) {
      const { decision, review, notified } = await consideration.recordDecision(req.caller(), l.referralId, {
        agreesWithRecommendation: a.agrees,
        route: a.agrees ? null : a.route,
        reviewType: a.agrees ? null : (a.reviewType ?? null),
        rationale: a.rationale,
        decidedOn: a.decidedOn,
      });
      req.session.decisionRecorded = {
        referralId: l.referralId,
        reference: review?.reference ?? null,
        route: decision.route,
        mailEnabled: notified.mailEnabled,
        referrerEmailed: notified.referrer === 'emailed',
      };
      return urls.decisionRecorded(l.boardId, l.referralId);
    },
    refused: (req, reply, _l, e) => (isConflict(e) ? refused(req, reply, e) : undefined),
  });

  app.get(urls.decisionRecorded.pattern, { config: { access: 'referral.view', audit: 'DECISION_RECORDED_VIEWED' } }, async (req, reply) => {
    const page = await referralInAddress(opts.services, req, 'referral.view');
    const recorded = req.session.decisionRecorded;
    if (!recorded || recorded.referralId !== page.referralId || !can(req.actor, 'decision.record', { boardId: page.boardId })) {
      return reply.redirect(urls.consideration(page.boardId, page.referralId));
    }
    const child = childOfPage(req, page.referral.pseudonym);
    return reply.page('features/consideration/decision-recorded.njk', {
      boardId: page.boardId,
      referralId: page.referralId,
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
