// The board's progress report on its action plans and the partner view (issue 12 items 5 and 6): the report's
// page for a date range (by default since the last board meeting), with its charts and their tables, and its
// downloads (Word, tagged PDF, spreadsheet) in the reader's language or the other one; one agency's actions
// across the board's reviews with its timeliness, trend and escalations. Pages and files are audited reads
// (review references); the tables are the documents' own (src/documents/progress-report.ts), so the page, the
// documents and the spreadsheet say the same.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import { barChart, CHART_COLOURS } from '../../../documents/progress-charts.ts';
import { cellText, progressCharts, progressTables, type ReportTable } from '../../../documents/progress-report.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { ServiceError } from '../../../services/context.ts';
import { type ActionReportQuery, urls } from '../../../urls.ts';
import { displayDate } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { pageCount, paginationView, requestedPage } from '../../pagination.ts';

type Params = { boardId: string };
type AgencyParams = Params & { agencyId: string };
type Query = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const rangeOf = (q: Query): ActionReportQuery => ({ from: text(q.from), to: text(q.to) });

/** A table for the page: its caption, head, and rows of text (the first cell heads its row; numbers are numeric). */
function pageTable(id: string, table: ReportTable) {
  return {
    id,
    caption: table.caption,
    head: table.head,
    rows: table.rows.map((row) => row.map((cell) => ({ text: cellText(cell), numeric: typeof cell === 'number' }))),
  };
}

export default async function actionReportRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { progressReports } = opts.services;

  app.get(urls.actionReport.pattern, { config: { access: 'action.report', audit: 'ACTION_REPORT_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const { boardId } = req.params as Params;
    const { t, lang } = req;
    const asked = rangeOf((req.query ?? {}) as Query);
    let errors: FieldErrors | undefined;
    let found: Awaited<ReturnType<typeof progressReports.report>>;
    try {
      found = await progressReports.report(req.caller(), boardId, asked, lang);
    } catch (e) {
      if (!(e instanceof ServiceError) || e.kind !== 'invalid') throw e;
      // A range that is not one: the report for the default range, with the error summary.
      errors = e.fieldErrors;
      found = await progressReports.report(req.caller(), boardId, {}, lang);
    }
    const { report, range, board } = found;
    const tables = progressTables(report, lang);
    const charts = progressCharts(report, lang);
    const fileQuery = { from: range.from, to: range.to };
    const other = lang === 'en' ? 'cy' : 'en';
    return reply.page(
      'features/action-reports/report.njk',
      {
        board,
        rangeLines: [
          t('action-reports:rangeLine', { from: displayDate(t, range.from), to: displayDate(t, range.to) }),
          t('action-reports:asAt', { date: displayDate(t, report.today) }),
        ],
        origin:
          range.origin.kind === 'since_meeting'
            ? t('action-reports:sinceMeeting', { date: displayDate(t, range.origin.meetsOn) })
            : range.origin.kind === 'last_three_months'
              ? t('action-reports:lastThreeMonths')
              : null,
        values: errors ? asked : fileQuery,
        formAction: urls.actionReport(boardId),
        downloads: (['docx', 'pdf', 'xlsx'] as const).map((format) => ({
          id: `download-${format}`,
          href: urls.actionReportFile(boardId, format, fileQuery),
          text: t(`action-reports:downloads.${format}`),
          otherHref: urls.actionReportFile(boardId, format, { ...fileQuery, lang: other }),
        })),
        charts,
        tables: {
          summary: pageTable('summary', tables.summary),
          statuses: pageTable('statuses', tables.statuses),
          reviews: pageTable('reviews', tables.reviews),
          reviewStatuses: pageTable('review-statuses', tables.reviewStatuses),
          agencies: pageTable('agencies', tables.agencies),
          agencyStatuses: pageTable('agency-statuses', tables.agencyStatuses),
          horizons: pageTable('horizons', tables.horizons),
          challenges: pageTable('challenges', tables.challenges),
        },
        agencyLinks: report.agencies.map((a) => ({ href: urls.partnerActions(boardId, a.id), text: a.name })),
        backLink: urls.boardDashboard(boardId),
      },
      { errors },
    );
  });

  for (const format of ['docx', 'pdf', 'xlsx'] as const) {
    app.get(
      urls.actionReportFile.pattern.replace(':format', format),
      { config: { access: 'action.report', audit: 'ACTION_REPORT_DOWNLOADED', reads: 'case-material' } },
      async (req, reply) => {
        const { boardId } = req.params as Params;
        const q = (req.query ?? {}) as Query;
        const language = q.lang === 'cy' || q.lang === 'en' ? q.lang : req.lang;
        const file =
          format === 'xlsx'
            ? await progressReports.spreadsheet(req.caller(), boardId, rangeOf(q), language)
            : await progressReports.document(req.caller(), boardId, rangeOf(q), language, format);
        return sendDownload(reply, file);
      },
    );
  }

  app.get(urls.partnerActions.pattern, { config: { access: 'action.report', audit: 'PARTNER_ACTIONS_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const { boardId, agencyId } = req.params as AgencyParams;
    const { t, lang } = req;
    const page = requestedPage(((req.query ?? {}) as Query).page);
    const view = await progressReports.partner(req.caller(), boardId, agencyId, page, lang);
    const f = view.figures;
    const trendHead = [
      t('action-reports:columns.quarter'),
      t('action-reports:columns.onTime'),
      t('action-reports:columns.late'),
      t('action-reports:columns.lateOpen'),
    ];
    const chart = barChart({
      title: t('action-reports:charts.trendTitle'),
      description: t('action-reports:charts.trendDesc'),
      idPrefix: 'partner-trend',
      series: [
        { label: trendHead[1] ?? '', colour: CHART_COLOURS.green },
        { label: trendHead[2] ?? '', colour: CHART_COLOURS.amber },
        { label: trendHead[3] ?? '', colour: CHART_COLOURS.red },
      ],
      bars: f.trend.map((q) => ({ label: q.quarter, values: [q.on_time, q.late, q.overdue] })),
      emptyText: t('action-reports:charts.empty'),
    });
    return reply.page('features/action-reports/partner.njk', {
      board: view.board,
      agency: view.agency,
      title: t('action-reports:partnerTitle', { agency: view.agency.name }),
      onTime: f.onTimePercent === null ? t('action-reports:partner.onTimeNone') : t('action-reports:partner.onTime', { percent: f.onTimePercent }),
      counts: t('action-reports:partner.counts', {
        total: f.total,
        onTime: f.counts.on_time,
        late: f.counts.late,
        overdue: f.counts.overdue,
        open: f.counts.open,
        closed: f.counts.closed,
      }),
      roles: t('action-reports:partner.roles', { lead: f.roles.lead, supporting: f.roles.supporting }),
      chart,
      trend: { head: trendHead, rows: f.trend.map((q) => [q.quarter, q.on_time, q.late, q.overdue]) },
      actions: view.actions.map((a) => ({
        reference: a.reference,
        recommendation: a.recommendationNumber === null ? t('action-reports:earlyLearning') : String(a.recommendationNumber),
        status: t(`actions:statuses.${a.status}`),
        rag: t(`actions:rag.${a.rag}`),
        ragClass: a.rag,
        target: displayDate(t, a.targetOn),
        overdue: t(a.overdue ? 'action-reports:yes' : 'action-reports:no'),
        role: t(`action-reports:roles.${a.role}`),
      })),
      // Each step in the reader's language: the ladder's rung, and its day.
      escalations: view.escalations.map((e) => ({
        reviewReference: e.reviewReference,
        rung: req.t(`action-challenges:rungs.${e.rung}`, { defaultValue: e.rung }),
        on: displayDate(req.t, e.on),
      })),
      pagination: paginationView(t, {
        page: view.page,
        pages: pageCount(view.total, view.pageSize),
        href: (n) => urls.partnerActions(boardId, agencyId, { page: n }),
        landmarkLabel: t('action-reports:sections.partnerActions'),
      }),
      backLink: urls.actionReport(boardId),
    });
  });
}
