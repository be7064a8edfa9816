// The board's progress report on its action plans and the partner view of one agency's actions (issue 12 items
// 5 and 6). Who: those holding action.report on the board (the business unit, the board chair, information
// governance, the board's members): counts, review references, target dates and statuses — never an action's
// text —, so aggregate figures the board itself reads. Every read is audited in its transaction (ids, the range
// and counts only). The figures come from grouped queries (action-report-repository.ts) and the pure rules of
// src/domain/actions/progress-report.ts; the documents (docx, tagged PDF) through the document pipeline (the
// source progress-report-source.ts), the spreadsheet through the chronology's writer (formula-safe cells).
//
// The report's "challenges and responses" and the partner view's "escalations" take their lines from the challenge
// log (issue 12 item 4, table action_challenges) through `challengeLines`: each rung fired in the range, with the
// outcome the business unit recorded (a code).

import { PassThrough } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { boardChallengeLines } from '../../db/repositories/action-challenges-repository.ts';
import {
  actionBuckets,
  actionEventCounts,
  isBoardAgency,
  type PartnerRole,
  partnerActions,
  partnerTimelinessRows,
  reportReviews,
} from '../../db/repositories/action-report-repository.ts';
import { lastBoardMeeting } from '../../db/repositories/board-meetings-repository.ts';
import { findAgency, findBoard, listAgencies } from '../../db/repositories/organisation-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { progressFileName, progressTables, TABLE_ORDER } from '../../documents/progress-report.ts';
import { isActionStatus } from '../../domain/actions/action.ts';
import {
  buildProgressReport,
  type ChallengeLine,
  type PartnerFigures,
  type ProgressReport,
  partnerFigures,
  ragThresholds,
} from '../../domain/actions/progress-report.ts';
import { effectiveRag, isOverdue, isRag, type Rag } from '../../domain/actions/rag.ts';
import { addMonths, type IsoDate, isIsoDate } from '../../domain/clock/dates.ts';
import { londonDate } from '../../domain/clock/london.ts';
import type { DocumentFormat } from '../../domain/documents.ts';
import { type Language, localName } from '../../domain/organisation.ts';
import { can } from '../../domain/permissions.ts';
import { translator } from '../../i18n.ts';
import type { AuditService } from '../audit-service.ts';
import { writeXlsx } from '../chronology/spreadsheet-write.ts';
import { type Caller, type Clock, forbidden, invalid, notFound } from '../context.ts';
import type { DocumentFile, DocumentService } from '../documents/document-service.ts';

/** Where the range came from: asked for, since the last board meeting (its day), or the last three months. */
export type RangeOrigin = { kind: 'asked' } | { kind: 'since_meeting'; meetsOn: IsoDate } | { kind: 'last_three_months' };

export interface ReportRange {
  from: IsoDate;
  to: IsoDate;
  origin: RangeOrigin;
}

/** The challenge log's lines about the board in the range (issue 12 item 4): each step the ladder took, with the outcome recorded. */
export async function challengeLines(db: Executor, boardId: string, range: { from: IsoDate; to: IsoDate; agencyId?: string }): Promise<ChallengeLine[]> {
  return boardChallengeLines(db, boardId, range);
}

/** The range asked for (ISO days), or by default since the last board meeting held, else the last three months. */
export async function resolveRange(db: Executor, boardId: string, asked: { from?: string; to?: string }, today: IsoDate): Promise<ReportRange> {
  const from = asked.from?.trim() ?? '';
  const to = asked.to?.trim() ?? '';
  if (from === '' && to === '') {
    const meeting = await lastBoardMeeting(db, boardId, today);
    if (meeting) return { from: meeting.meetsOn, to: today, origin: { kind: 'since_meeting', meetsOn: meeting.meetsOn } };
    return { from: addMonths(today, -3), to: today, origin: { kind: 'last_three_months' } };
  }
  const errors: Record<string, string> = {};
  if (!isIsoDate(from)) errors.from = 'action-reports:errors.from';
  if (!isIsoDate(to)) errors.to = 'action-reports:errors.to';
  if (Object.keys(errors).length === 0 && to < from) errors.to = 'action-reports:errors.order';
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return { from, to, origin: { kind: 'asked' } };
}

/** The board's report figures for the range, in the language (agency names). */
export async function boardProgress(db: Executor, boardId: string, range: { from: IsoDate; to: IsoDate }, today: IsoDate, language: Language) {
  const [buckets, events, reviews, agencies, challenges] = await Promise.all([
    actionBuckets(db, boardId, ragThresholds(today)),
    actionEventCounts(db, boardId, range),
    reportReviews(db, boardId),
    listAgencies(db, [boardId]),
    challengeLines(db, boardId, range),
  ]);
  // Agencies that lead actions here but have left the board are named too.
  const known = new Map(agencies.map((a) => [a.id, a]));
  for (const id of new Set(buckets.map((b) => b.agencyId)))
    if (!known.has(id)) {
      const a = await findAgency(db, id);
      if (a) known.set(id, a);
    }
  return buildProgressReport({
    today,
    from: range.from,
    to: range.to,
    buckets,
    events,
    reviews,
    agencies: [...known.values()].map((a) => ({ id: a.id, name: localName(a, language) })),
    challenges,
  });
}

export interface PartnerActionLine {
  id: string;
  reviewId: string;
  reference: string;
  recommendationNumber: number | null;
  status: string;
  targetOn: string;
  rag: Rag;
  overdue: boolean;
  /** The agency's part: it leads the action, or it is one of its supporting agencies. */
  role: PartnerRole;
}

export interface PartnerView {
  board: { id: string; name: string };
  agency: { id: string; name: string };
  actions: PartnerActionLine[];
  total: number;
  page: number;
  pageSize: number;
  figures: PartnerFigures;
  escalations: ChallengeLine[];
  today: IsoDate;
}

export const PARTNER_PAGE_SIZE = 50;

export class ProgressReportService {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; documents: DocumentService }) {}

  private async boardFor(db: Executor, caller: Caller, boardId: string) {
    const board = await findBoard(db, boardId);
    if (!board) throw notFound('board');
    if (!can(caller.actor, 'action.report', { boardId })) throw forbidden();
    return board;
  }

  /** The report for the page: the range (asked, or the default), the figures; the read audited. */
  async report(caller: Caller, boardId: string, asked: { from?: string; to?: string }, language: Language) {
    return inTransaction(this.deps.db, async (trx) => {
      const board = await this.boardFor(trx, caller, boardId);
      const today = this.deps.clock.today();
      const range = await resolveRange(trx, boardId, asked, today);
      const report = await boardProgress(trx, boardId, range, today, language);
      await this.recordRead(trx, caller, boardId, report, 'page');
      return { board: { id: board.id, name: localName(board, language) }, range, report };
    });
  }

  /** The report as a Word document or tagged PDF, through the document pipeline (versioned, stored, audited). */
  async document(caller: Caller, boardId: string, asked: { from?: string; to?: string }, language: Language, format: Extract<DocumentFormat, 'docx' | 'pdf'>) {
    const range = await inTransaction(this.deps.db, async (trx) => {
      await this.boardFor(trx, caller, boardId);
      return resolveRange(trx, boardId, asked, this.deps.clock.today());
    });
    return this.deps.documents.download(caller, 'board_progress_report', progressRecordId(boardId, range), language, format);
  }

  /** The report as a spreadsheet: a sheet per table, the same tables as the page and the documents; the read audited. */
  async spreadsheet(
    caller: Caller,
    boardId: string,
    asked: { from?: string; to?: string },
    language: Language,
  ): Promise<Omit<DocumentFile, 'documentId' | 'version' | 'sha256'>> {
    const report = await inTransaction(this.deps.db, async (trx) => {
      await this.boardFor(trx, caller, boardId);
      const today = this.deps.clock.today();
      const range = await resolveRange(trx, boardId, asked, today);
      const built = await boardProgress(trx, boardId, range, today, language);
      await this.recordRead(trx, caller, boardId, built, 'xlsx');
      return built;
    });
    return { bytes: await progressWorkbook(report, language), contentType: XLSX_TYPE, fileName: `${progressFileName(report, language)}.xlsx` };
  }

  /** The actions of the board one agency leads or supports (a page of them, each with its role), its timeliness and trend, its escalations; the read audited. */
  async partner(caller: Caller, boardId: string, agencyId: string, page: number, language: Language): Promise<PartnerView> {
    return inTransaction(this.deps.db, async (trx) => {
      const board = await this.boardFor(trx, caller, boardId);
      const agency = (await isBoardAgency(trx, boardId, agencyId)) ? await findAgency(trx, agencyId) : undefined;
      if (!agency) throw notFound('agency');
      const today = this.deps.clock.today();
      const current = Math.max(1, Math.floor(page) || 1);
      const [listed, grouped] = await Promise.all([
        partnerActions(trx, boardId, agencyId, { limit: PARTNER_PAGE_SIZE, offset: (current - 1) * PARTNER_PAGE_SIZE }),
        partnerTimelinessRows(trx, boardId, agencyId),
      ]);
      const actions = listed.map((a) => {
        const status = isActionStatus(a.status) ? a.status : 'not_started';
        const override =
          a.ragOverride && isRag(a.ragOverride) && a.ragOverrideStatus && isActionStatus(a.ragOverrideStatus)
            ? { rag: a.ragOverride, atStatus: a.ragOverrideStatus }
            : null;
        const facts = { status, targetOn: a.targetOn, lastUpdateOn: londonDate(a.lastUpdateAt ?? a.createdAt), override };
        return {
          id: a.id,
          reviewId: a.reviewId,
          reference: a.reference,
          recommendationNumber: a.recommendationNumber,
          status: a.status,
          targetOn: a.targetOn,
          rag: effectiveRag(facts, today).rag,
          overdue: isOverdue(facts, today),
          role: a.role,
        };
      });
      const figures = partnerFigures(
        grouped.map((g) => ({
          status: g.status,
          targetOn: g.targetOn,
          completedOn: g.completedHour ? londonDate(`${g.completedHour}:00:00Z`) : null,
          role: g.role,
          count: g.count,
        })),
        today,
      );
      const escalations = await challengeLines(trx, boardId, { from: '1900-01-01', to: today, agencyId });
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'agency',
        recordId: agencyId,
        summary: { page: current, actions: figures.total, supporting: figures.roles.supporting, shown: actions.length },
      });
      return {
        board: { id: board.id, name: localName(board, language) },
        agency: { id: agency.id, name: localName(agency, language) },
        actions,
        total: figures.total,
        page: current,
        pageSize: PARTNER_PAGE_SIZE,
        figures,
        escalations,
        today,
      };
    });
  }

  private async recordRead(trx: Executor, caller: Caller, boardId: string, report: ProgressReport, format: string) {
    await this.deps.audit.recordRead(trx, caller, {
      boardId,
      recordType: 'board',
      recordId: boardId,
      summary: { from: report.from, to: report.to, reviews: report.reviews.length, actions: report.totals.total, format },
    });
  }
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The document pipeline's record id of a report: the board and the range (the source reads them back). */
export function progressRecordId(boardId: string, range: { from: IsoDate; to: IsoDate }): string {
  return `${boardId}~${range.from}~${range.to}`;
}

export function parseProgressRecordId(recordId: string): { boardId: string; from: IsoDate; to: IsoDate } | undefined {
  const [boardId, from, to, ...rest] = recordId.split('~');
  if (!boardId || !isIsoDate(from) || !isIsoDate(to) || rest.length > 0) return undefined;
  return { boardId, from, to };
}

const EMPTY_TEXT: Partial<Record<(typeof TABLE_ORDER)[number], string>> = {
  horizons: 'action-reports:noHorizons',
  challenges: 'action-reports:noChallenges',
};

/** The workbook: one sheet per table, in TABLE_ORDER; numbers as numbers, text formula-safe. */
export async function progressWorkbook(report: ProgressReport, language: Language): Promise<Buffer> {
  const t = translator(language);
  const tables = progressTables(report, language);
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  await writeXlsx(
    out,
    TABLE_ORDER.map((key) => {
      const table = tables[key];
      return {
        name: t(`action-reports:file.sheets.${table.sheet}`).slice(0, 31),
        headers: table.head,
        rows: table.rows.length > 0 ? table.rows : [[t(EMPTY_TEXT[key] ?? 'action-reports:noActions')]],
        widths: table.head.map((_, i) => (i === 0 ? 32 : 14)),
      };
    }),
  );
  return Buffer.concat(parts);
}
