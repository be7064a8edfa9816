// The board's progress report on its action plans (issue 12 item 5) as tables, charts and a document model: one
// set of tables in the reader's language that the page, the Word document, the tagged PDF and the spreadsheet
// all show, so every format has the same figures (tested), and the charts drawn from the same figures, each
// followed by its table. Counts, review references and dates only: no action's text. Pure.
import { ACTION_STATUSES, type ActionStatus } from '../domain/actions/action.ts';
import type { ProgressReport, Tally } from '../domain/actions/progress-report.ts';
import { RAG_RATINGS } from '../domain/actions/rag.ts';
import { formatDate } from '../domain/clock/london.ts';
import { type Block, type DocumentModel, paragraph } from '../domain/documents.ts';
import type { Language } from '../domain/organisation.ts';
import { translator } from '../i18n.ts';
import { barChart, CHART_COLOURS, type Chart } from './progress-charts.ts';

export type ReportCell = string | number;

export interface ReportTable {
  /** The spreadsheet's sheet (a locale key under action-reports:file.sheets). */
  sheet: string;
  caption: string;
  head: string[];
  rows: ReportCell[][];
}

export interface ProgressTables {
  summary: ReportTable;
  statuses: ReportTable;
  reviews: ReportTable;
  reviewStatuses: ReportTable;
  agencies: ReportTable;
  agencyStatuses: ReportTable;
  horizons: ReportTable;
  challenges: ReportTable;
}

/** The order the tables come in, in the documents and the spreadsheet. */
export const TABLE_ORDER = ['summary', 'statuses', 'reviews', 'reviewStatuses', 'agencies', 'agencyStatuses', 'horizons', 'challenges'] as const;

const RAG_COLOURS = [CHART_COLOURS.red, CHART_COLOURS.amber, CHART_COLOURS.green, CHART_COLOURS.complete];

export function progressTables(report: ProgressReport, language: Language): ProgressTables {
  const t = translator(language);
  const c = (key: string) => t(`action-reports:columns.${key}`);
  const statusName = (s: ActionStatus) => t(`actions:statuses.${s}`);
  const ragHead = RAG_RATINGS.map((r) => t(`actions:rag.${r}`));
  const ragCells = (x: Tally) => [x.total, ...RAG_RATINGS.map((r) => x.rags[r]), x.overdue, x.verified, x.impact];
  const statusCells = (x: Tally) => ACTION_STATUSES.map((s) => x.statuses[s]);
  const agencyName = new Map(report.agencies.map((a) => [a.id, a.name]));
  const s = report.totals;
  return {
    summary: {
      sheet: 'summary',
      caption: t('action-reports:sections.summary'),
      head: [t('action-reports:summary.figure'), t('action-reports:summary.count')],
      rows: [
        [t('action-reports:summary.actions'), s.total],
        ...RAG_RATINGS.map((r) => [t(`actions:rag.${r}`), s.rags[r]] as ReportCell[]),
        [t('action-reports:summary.overdue'), s.overdue],
        [t('action-reports:summary.verified'), s.verified],
        [t('action-reports:summary.impact'), s.impact],
      ],
    },
    statuses: {
      sheet: 'statuses',
      caption: t('action-reports:sections.statuses'),
      head: [c('status'), c('count')],
      rows: ACTION_STATUSES.map((st) => [statusName(st), s.statuses[st]]),
    },
    reviews: {
      sheet: 'reviews',
      caption: t('action-reports:sections.reviews'),
      head: [c('reference'), c('actions'), ...ragHead, c('overdue'), c('verified'), c('impact')],
      rows: report.reviews.map((r) => [r.reference, ...ragCells(r)]),
    },
    reviewStatuses: {
      sheet: 'reviewStatuses',
      caption: `${t('action-reports:sections.reviews')}: ${t('action-reports:sections.statuses')}`,
      head: [c('reference'), ...ACTION_STATUSES.map(statusName)],
      rows: report.reviews.map((r) => [r.reference, ...statusCells(r)]),
    },
    agencies: {
      sheet: 'agencies',
      caption: t('action-reports:sections.agencies'),
      head: [c('agency'), c('actions'), ...ragHead, c('overdue'), c('verified'), c('impact')],
      rows: report.agencies.map((a) => [a.name, ...ragCells(a)]),
    },
    agencyStatuses: {
      sheet: 'agencyStatuses',
      caption: `${t('action-reports:sections.agencies')}: ${t('action-reports:sections.statuses')}`,
      head: [c('agency'), ...ACTION_STATUSES.map(statusName)],
      rows: report.agencies.map((a) => [a.name, ...statusCells(a)]),
    },
    horizons: {
      sheet: 'horizons',
      caption: t('action-reports:sections.horizons'),
      head: [c('reference'), c('monitoringFrom'), c('horizon'), c('state')],
      rows: report.horizons.map((h) => [
        h.reference,
        formatDate(h.monitoringFromOn, language),
        formatDate(h.horizonOn, language),
        t(`action-reports:horizonStates.${h.state}`),
      ]),
    },
    challenges: {
      sheet: 'challenges',
      caption: t('action-reports:sections.challenges'),
      head: [c('reference'), c('agency'), c('rung'), c('on'), c('response')],
      // The ladder's rung and the outcome recorded, in the reader's language (action-challenges' names for their codes).
      rows: report.challenges.map((x) => [
        x.reviewReference,
        agencyName.get(x.agencyId) ?? '',
        t(`action-challenges:rungs.${x.rung}`, { defaultValue: x.rung }),
        formatDate(x.on, language),
        x.response ? t(`action-challenges:outcomes.${x.response}`, { defaultValue: x.response }) : '',
      ]),
    },
  };
}

/** The report's charts: actions by status, and RAG by lead agency; each followed by its table (statuses, agencies). */
export function progressCharts(report: ProgressReport, language: Language, idPrefix = 'progress'): { statuses: Chart; rag: Chart } {
  const t = translator(language);
  return {
    statuses: barChart({
      title: t('action-reports:charts.statusTitle'),
      description: t('action-reports:charts.statusDesc'),
      idPrefix: `${idPrefix}-statuses`,
      series: [{ label: t('action-reports:columns.count'), colour: CHART_COLOURS.blue }],
      bars: ACTION_STATUSES.map((s) => ({ label: t(`actions:statuses.${s}`), values: [report.totals.statuses[s]] })),
      emptyText: t('action-reports:charts.empty'),
    }),
    rag: barChart({
      title: t('action-reports:charts.ragTitle'),
      description: t('action-reports:charts.ragDesc'),
      idPrefix: `${idPrefix}-rag`,
      series: RAG_RATINGS.map((r, i) => ({ label: t(`actions:rag.${r}`), colour: RAG_COLOURS[i] ?? CHART_COLOURS.blue })),
      bars: report.agencies.map((a) => ({ label: a.name, values: RAG_RATINGS.map((r) => a.rags[r]) })),
      emptyText: t('action-reports:charts.empty'),
    }),
  };
}

export const cellText = (cell: ReportCell): string => (typeof cell === 'number' ? String(cell) : cell);

function tableBlock(table: ReportTable): Block {
  return { type: 'table', caption: table.caption, head: [table.head], body: table.rows.map((r) => r.map(cellText)), rowHeaders: true };
}

/** The lines under the title: the range and the day the figures stand at. */
export function reportLines(report: ProgressReport, language: Language): string[] {
  const t = translator(language);
  return [
    t('action-reports:rangeLine', { from: formatDate(report.from, language), to: formatDate(report.to, language) }),
    t('action-reports:asAt', { date: formatDate(report.today, language) }),
  ];
}

/** The report as a document (landscape: the tables by status are wide). */
export function composeProgressReport(report: ProgressReport, board: string, language: Language): DocumentModel {
  const t = translator(language);
  const title = t('action-reports:title');
  const tables = progressTables(report, language);
  const charts = progressCharts(report, language);
  const figure = (c: Chart): Block => ({ type: 'figure', svg: c.svg, alt: `${c.title}. ${c.description}` });
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: title },
    paragraph(board, 'none'),
    ...reportLines(report, language).map((l) => paragraph(l)),
    paragraph(t('action-reports:intro')),
    { type: 'heading', level: 2, text: t('action-reports:sections.summary') },
    tableBlock(tables.summary),
    { type: 'heading', level: 2, text: t('action-reports:sections.statuses') },
    figure(charts.statuses),
    tableBlock(tables.statuses),
    { type: 'heading', level: 2, text: t('action-reports:sections.reviews') },
    tableBlock(tables.reviews),
    tableBlock(tables.reviewStatuses),
    { type: 'heading', level: 2, text: t('action-reports:sections.agencies') },
    figure(charts.rag),
    tableBlock(tables.agencies),
    tableBlock(tables.agencyStatuses),
    { type: 'heading', level: 2, text: t('action-reports:sections.horizons') },
    tables.horizons.rows.length > 0 ? tableBlock(tables.horizons) : paragraph(t('action-reports:noHorizons')),
    { type: 'heading', level: 2, text: t('action-reports:sections.challenges') },
    tables.challenges.rows.length > 0 ? tableBlock(tables.challenges) : paragraph(t('action-reports:noChallenges')),
  ];
  return { meta: { title, language, author: board, subject: t('action-reports:file.subject'), orientation: 'landscape' }, blocks };
}

/** The file's name without its extension. */
export function progressFileName(report: Pick<ProgressReport, 'from' | 'to'>, language: Language): string {
  return translator(language)('action-reports:file.name', { from: report.from, to: report.to });
}
