// The board's progress report and the partner view in the API (issue 12 items 5, 6 and 9): the same service calls
// as the pages (services.progressReports.report and .partner), so the same figures, the same default range (since
// the last board meeting held, else the last three months) and the same audited read. A range that is not one is
// a 400 with the page's field errors; another board's agency is not found (404).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Services } from '../../../container.ts';
import type { ActionStatus } from '../../../domain/actions/action.ts';
import type { Tally } from '../../../domain/actions/progress-report.ts';
import { ServiceError } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { problems } from '../../api/schemas.ts';
import { fieldProblems } from '../../plugins/errors.ts';
import { PartnerOut, PartnerParams, PartnerQuery, ReportOut, ReportParams, ReportQuery } from './report-api-schemas.ts';

const tags = ['action reports'];

const tally = (t: Tally) => ({ total: t.total, statuses: t.statuses, rags: t.rags, overdue: t.overdue, verified: t.verified, impact: t.impact });

export default async function actionReportApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { progressReports } = opts.services;

  app.get(
    urls.actionReport.pattern,
    {
      config: { access: 'action.report', audit: 'ACTION_REPORT_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getActionReport',
        summary:
          'The board’s progress report on its action plans for a date range (by default since the last board meeting held): counts by status and RAG rating, per review and per lead agency, overdue, verified and impact evidenced, escalations and responses, reviews near their two-year horizon',
        params: ReportParams,
        querystring: ReportQuery,
        response: { 200: ReportOut, ...problems(400) },
      },
    },
    async (req, reply) => {
      const { from, to } = req.query;
      let found: Awaited<ReturnType<typeof progressReports.report>>;
      try {
        found = await progressReports.report(req.caller(), req.params.boardId, { from: from ?? '', to: to ?? '' }, req.lang);
      } catch (e) {
        // A range that is not one is a malformed request: the page's field errors, as a 400.
        if (!(e instanceof ServiceError) || e.kind !== 'invalid') throw e;
        return (reply as FastifyReply).problem(400, req.t('errors:problem.invalidTitle'), undefined, { errors: fieldProblems(req.t, e.fieldErrors) });
      }
      const { board, range, report } = found;
      const out: z.input<typeof ReportOut> = {
        board,
        range: {
          from: range.from,
          to: range.to,
          origin: range.origin.kind,
          lastMeetingOn: range.origin.kind === 'since_meeting' ? range.origin.meetsOn : null,
        },
        today: report.today,
        totals: tally(report.totals),
        reviews: report.reviews.map((r) => ({ id: r.id, reference: r.reference, monitoringFromOn: r.monitoringFromOn, closed: r.closed, ...tally(r) })),
        agencies: report.agencies.map((a) => ({ id: a.id, name: a.name, ...tally(a) })),
        horizons: report.horizons.map((h) => ({ ...h })),
        challenges: report.challenges.map((c) => ({ ...c })),
      };
      return out;
    },
  );

  app.get(
    urls.partnerActions.pattern,
    {
      config: { access: 'action.report', audit: 'PARTNER_ACTIONS_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getPartnerActions',
        summary:
          'One agency’s actions across the board’s reviews, those it leads and those it supports (each with its role), soonest target first, 50 a page: timeliness, on-time percentage, trend by quarter, escalations (another board’s agency: 404)',
        params: PartnerParams,
        querystring: PartnerQuery,
        response: { 200: PartnerOut, ...problems(400, 404) },
      },
    },
    async (req) => {
      const { boardId, agencyId } = req.params;
      const v = await progressReports.partner(req.caller(), boardId, agencyId, req.query.page, req.lang);
      const out: z.input<typeof PartnerOut> = {
        board: v.board,
        agency: v.agency,
        total: v.total,
        page: v.page,
        pageSize: v.pageSize,
        figures: { roles: v.figures.roles, counts: v.figures.counts, onTimePercent: v.figures.onTimePercent, trend: v.figures.trend },
        escalations: v.escalations.map((c) => ({ ...c })),
        actions: v.actions.map((a) => ({
          id: a.id,
          reviewId: a.reviewId,
          reference: a.reference,
          recommendationNumber: a.recommendationNumber,
          role: a.role,
          status: a.status as ActionStatus,
          targetOn: a.targetOn,
          rag: a.rag,
          overdue: a.overdue,
        })),
      };
      return out;
    },
  );
}
