// The action plan as a spreadsheet and back (issue 12 item 8; DOMAIN.md §6.6). The export is the plan as its
// reader may see it (the plan page's one audited read: an agency's owner gets their agency's actions only; actions
// carry no child's or family member's names), with the columns of plan-columns.ts in the reader's language, written
// by the chronology's writer (every text cell formula-safe). The template is the same workbook without rows
// (templates/action-plan.xlsx and action-plan-cy.xlsx are made from it and a test checks they match).
//
// The import is for agencies without accounts: the business unit (action.manage) uploads the sheet an agency
// filled in, optionally naming the agency whose sheet it is (then a row of another agency's action is refused).
// It is checked synchronously (a plan is at most a few hundred rows): the file goes through the files service
// (type by content, ClamAV, size limit, sealed at rest) and, in the transaction that records it, every row is
// checked (plan-import-rows.ts) against the plan as it is now; one problem anywhere refuses the whole file (the
// transaction rolls back: no update, no file) and the refusal is audited on its own. Otherwise every change is
// written in that one transaction, each as the owner's update would be — the status through the workflow
// (WorkflowService.transition, from the status the check saw: an action moved meanwhile refuses the whole import),
// the update beside it — recorded as made by the importer on behalf of the action's lead agency
// (review_action_updates.on_behalf_of_agency_id). An import proposes progress and completion only: the evidence
// column's text is the completion's evidence narrative (no file travels in a sheet), and verified or later states
// are never set.
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { type ActionUpdateRow, actionUpdates, insertActionUpdate } from '../../db/repositories/action-records-repository.ts';
import { type ActionRow, reviewActions, touchAction } from '../../db/repositories/actions-repository.ts';
import { listAgencies } from '../../db/repositories/organisation-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { isActionStatus, PROGRESS_EVENT, type ProposableStatus } from '../../domain/actions/action.ts';
import {
  EARLY_LEARNING_LABEL,
  PLAN_COLUMNS,
  PLAN_SHEET_NAMES,
  type PlanColumnKey,
  planHeaders,
  RAG_LABELS,
  STATUS_LABELS,
} from '../../domain/actions/plan-columns.ts';
import { checkPlanRow, matchPlanHeader, type PlanChange, type PlanProblem, type PlanRowFacts } from '../../domain/actions/plan-import-rows.ts';
import { londonDate } from '../../domain/clock/london.ts';
import type { Language } from '../../domain/organisation.ts';
import type { AuditService } from '../audit-service.ts';
import { readSpreadsheet, SpreadsheetRefused } from '../chronology/spreadsheet.ts';
import { type ExportCell, writeXlsx } from '../chronology/spreadsheet-write.ts';
import { type Caller, type Clock, invalid, newId, ServiceError } from '../context.ts';
import type { FileService } from '../files/file-service.ts';
import { type ReviewScope, reviewInScope } from '../review-access.ts';
import { WorkflowService } from '../workflow.ts';
import type { ActionPlanService } from './action-plan-service.ts';

export interface PlanSpreadsheetDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  files: FileService;
  plans: ActionPlanService;
}

type Scope = Omit<ReviewScope, 'agencyId'>;

/** Rows a plan's sheet may have (a plan has tens of actions; far more is not a plan). */
export const PLAN_MAX_ROWS = 2_000;
/** Problems listed (the total is always counted). */
export const PLAN_PROBLEMS_SHOWN = 100;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A refused import: every problem by row and column (locale keys of action-imports); nothing was written. */
export class PlanImportRefused extends ServiceError {
  constructor(
    readonly problems: PlanProblem[],
    readonly problemCount: number,
  ) {
    super('invalid', 'action plan import refused', { file: 'action-imports:errors.refused' });
    this.name = 'PlanImportRefused';
  }
}

export interface PlanImportOutcome {
  fileId: string;
  rows: number;
  /** Actions changed, updates written, status moves made. */
  actions: number;
  updates: number;
  moves: number;
  agencyIds: string[];
}

/** The chronology reader's whole-file refusals as this namespace's keys. */
function fileKey(error: SpreadsheetRefused): string {
  return `file.${error.key.split('.').pop() ?? 'unreadable'}`;
}

/** A workbook in memory: the plan's sheet (its rows) and the notes on its columns. */
export async function planWorkbook(language: Language, rows: Iterable<readonly ExportCell[]>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(out, 'end');
  await writeXlsx(out, [
    { name: PLAN_SHEET_NAMES.plan[language], headers: planHeaders(language), rows, widths: PLAN_COLUMNS.map((c) => c.width) },
    {
      name: PLAN_SHEET_NAMES.notes[language],
      headers: language === 'cy' ? ['Colofn', 'Yn cael ei mewnforio', 'Beth i’w ysgrifennu'] : ['Column', 'Imported', 'What to write'],
      rows: PLAN_COLUMNS.map((c) => [
        c.header[language],
        c.imported ? (language === 'cy' ? 'Ydy' : 'Yes') : language === 'cy' ? 'Nac ydy' : 'No',
        c.notes[language],
      ]),
      widths: [30, 14, 100],
    },
  ]);
  out.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The latest update of these kinds' narrative, or ''. */
function latest(updates: readonly ActionUpdateRow[], kinds: readonly string[]): string {
  return updates.find((u) => kinds.includes(u.kind))?.narrative ?? '';
}

/** What the export and the import compare: the latest progress note and the evidence given with completion. */
function factsOf(action: ActionRow, updates: readonly ActionUpdateRow[]): PlanRowFacts {
  return {
    status: isActionStatus(action.status) ? action.status : 'not_started',
    lastNote: latest(updates, ['progress']),
    evidenceGiven: latest(updates, ['complete']),
  };
}

const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export class PlanSpreadsheetService {
  private readonly workflow: WorkflowService;

  constructor(private readonly deps: PlanSpreadsheetDeps) {
    this.workflow = new WorkflowService({ clock: deps.clock, audit: deps.audit });
  }

  /** The workbook with no rows: the columns and their notes (not case material). */
  template(language: Language): Promise<Buffer> {
    return planWorkbook(language, []);
  }

  /** The plan as its reader may see it, as xlsx in their language; the read is the plan page's audited read. */
  async export(caller: Caller, scope: Scope, language: Language): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
    const view = await this.deps.plans.plan(caller, scope);
    const actions = [...view.earlyLearning, ...view.recommendations.flatMap((r) => r.actions)];
    const updates = new Map<string, ActionUpdateRow[]>();
    for (const a of actions) updates.set(a.id, await actionUpdates(this.deps.db.kysely, a.id));
    const rows = actions.map((a): ExportCell[] => {
      const u = updates.get(a.id) ?? [];
      const facts = factsOf(a, u);
      const cells: Record<PlanColumnKey, ExportCell> = {
        actionId: a.id,
        recommendationId: a.recommendation ? a.recommendation.number : EARLY_LEARNING_LABEL[language],
        recommendation: a.recommendation?.text ?? a.lesson,
        action: a.action,
        leadAgency: language === 'cy' ? a.leadAgency.nameCy : a.leadAgency.nameEn,
        leadOfficer: a.ownerName,
        targetDate: utcDate(a.targetOn),
        successMeasure: a.successMeasure,
        status: STATUS_LABELS[facts.status][language],
        evidence: facts.evidenceGiven,
        progressNote: facts.lastNote,
        rag: RAG_LABELS[a.rag][language],
        lastUpdated: utcDate(londonDate(a.lastUpdateAt ?? a.createdAt)),
        // The business unit's and the board's challenge: returned completions and RAG ratings set with a reason.
        boardChallengeNotes: u
          .filter((x) => (x.kind === 'returned' || x.kind === 'rag_override') && x.narrative)
          .map((x) => `${londonDate(x.createdAt)}: ${x.narrative}`)
          .join('\n'),
      };
      return PLAN_COLUMNS.map((c) => cells[c.key]);
    });
    return {
      bytes: await planWorkbook(language, rows),
      contentType: XLSX_TYPE,
      fileName: `${view.review.reference.replace(/[^A-Za-z0-9-]+/g, '-')}-${language === 'cy' ? 'cynllun-gweithredu' : 'action-plan'}.xlsx`,
    };
  }

  /** The upload page: the review and the board's agencies (the business unit only); an audited read. */
  async importForm(caller: Caller, scope: Scope) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, scope, 'action.manage');
      await this.deps.audit.recordRead(trx, caller, { boardId: review.boardId, recordType: 'review', recordId: review.id, summary: {} });
      return { review, agencies: (await listAgencies(trx, [review.boardId])).filter((a) => a.isActive) };
    });
  }

  /** Refused before a byte of the file is read: only the business unit imports (and only an agency of the board is named). */
  mayImport(caller: Caller, scope: Scope, agencyId: string | null) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, scope, 'action.manage');
      if (agencyId && !(await listAgencies(trx, [review.boardId])).some((a) => a.id === agencyId))
        throw invalid({ agencyId: 'action-imports:errors.agencyUnknown' });
      return review;
    });
  }

  /**
   * Imports an agency's sheet (see the header): all of it in one transaction, or nothing and PlanImportRefused
   * with every problem. `agencyId`, when given, is the agency whose sheet it is.
   */
  async import(caller: Caller, scope: Scope, file: { name: string; content: Readable }, opts: { agencyId?: string | null } = {}): Promise<PlanImportOutcome> {
    const review = await this.mayImport(caller, scope, opts.agencyId ?? null);
    const chunks: Buffer[] = [];
    const tee = new PassThrough();
    tee.on('data', (c: Buffer) => chunks.push(c));
    file.content.pipe(tee);
    let refused: PlanImportRefused | undefined;
    let outcome: PlanImportOutcome | undefined;
    try {
      await this.deps.files.upload(
        caller,
        { boardId: review.boardId, purpose: 'import', name: file.name, content: tee, owner: { type: 'action_plan_import', id: review.id } },
        async (trx, stored) => {
          const inScope = await reviewInScope(trx, caller, scope, 'action.manage');
          const actions = await reviewActions(trx, inScope.id);
          const checked = await this.check(trx, Buffer.concat(chunks), actions, opts.agencyId ?? null);
          if (checked.problems.length > 0) {
            refused = new PlanImportRefused(checked.problems.slice(0, PLAN_PROBLEMS_SHOWN), checked.problems.length);
            throw refused;
          }
          outcome = await this.apply(trx, caller, inScope, actions, checked.changes, { fileId: stored.id, rows: checked.rows });
        },
      );
    } catch (error) {
      if (error !== refused || !refused) throw error;
      // The refusal (ids and counts), on its own: the import's transaction wrote nothing.
      await inTransaction(this.deps.db, (trx) =>
        this.deps.audit.record(trx, caller, {
          action: 'ACTION_PLAN_IMPORT_REFUSED',
          boardId: review.boardId,
          recordType: 'review',
          recordId: review.id,
          summary: { problems: refused?.problemCount ?? 0, agencyId: opts.agencyId ?? null },
        }),
      );
      throw refused;
    }
    if (!outcome) throw invalid({ file: 'action-imports:errors.fileRequired' });
    return outcome;
  }

  /** Every row of the file against the plan as it is in this transaction. */
  private async check(trx: Executor, bytes: Buffer, actions: readonly ActionRow[], agencyId: string | null) {
    const facts = new Map<string, PlanRowFacts>();
    for (const a of actions) facts.set(a.id, factsOf(a, await actionUpdates(trx, a.id)));
    const problems: PlanProblem[] = [];
    const changes: PlanChange[] = [];
    const seen = new Set<string>();
    let layout: ReturnType<typeof matchPlanHeader>['layout'] = null;
    let rows = 0;
    try {
      for await (const { row, cells } of readSpreadsheet(bytes, { limits: { maxRows: PLAN_MAX_ROWS } })) {
        if (!layout) {
          const header = matchPlanHeader(cells, row);
          if (!header.layout) return { rows, changes, problems: header.problems };
          layout = header.layout;
          continue;
        }
        rows += 1;
        const checked = checkPlanRow(row, cells, layout, facts, seen);
        problems.push(...checked.problems);
        if (!checked.change) continue;
        const action = actions.find((a) => a.id === checked.change?.actionId);
        if (agencyId && action?.leadAgencyId !== agencyId) problems.push({ row, column: 'actionId', key: 'actionId.otherAgency' });
        else changes.push(checked.change);
      }
    } catch (error) {
      if (!(error instanceof SpreadsheetRefused)) throw error;
      return { rows, changes, problems: [{ row: error.row ?? 1, column: null, key: fileKey(error) }] };
    }
    if (!layout) problems.push({ row: 1, column: null, key: 'file.noHeader' });
    else if (rows === 0) problems.push({ row: 2, column: null, key: 'file.noRows' });
    return { rows, changes, problems };
  }

  /** Each change as the owner's update would be written, on behalf of the action's lead agency. */
  private async apply(
    trx: Executor,
    caller: Caller,
    review: { id: string; boardId: string },
    actions: readonly ActionRow[],
    changes: readonly PlanChange[],
    meta: { fileId: string; rows: number },
  ): Promise<PlanImportOutcome> {
    const at = this.deps.clock.now().toISOString();
    const by = caller.actor?.personId ?? null;
    let updates = 0;
    let moves = 0;
    const agencies = new Set<string>();
    for (const change of changes) {
      const action = actions.find((a) => a.id === change.actionId) as ActionRow;
      agencies.add(action.leadAgencyId);
      const write = async (kind: 'progress' | 'complete', narrative: string, event: 'propose_complete' | (typeof PROGRESS_EVENT)[ProposableStatus] | null) => {
        const updateId = newId();
        const base = { reviewId: review.id, updateId, onBehalfOfAgencyId: action.leadAgencyId, fileId: meta.fileId, imported: true };
        let statusTo: string | null = null;
        if (event) {
          // From the status the check saw: moved meanwhile is a conflict, and the whole import is refused.
          const moved = await this.workflow.transition(trx, caller, {
            record: 'review_action',
            id: action.id,
            event,
            from: action.status,
            summary: { ...base, event },
          });
          statusTo = moved.to;
          moves += 1;
        } else {
          await this.deps.audit.record(trx, caller, { boardId: review.boardId, recordType: 'review_action', recordId: action.id, summary: base });
        }
        await insertActionUpdate(
          trx,
          {
            id: updateId,
            actionId: action.id,
            reviewId: review.id,
            boardId: review.boardId,
            kind,
            narrative,
            statusFrom: event ? action.status : null,
            statusTo,
            onBehalfOfAgencyId: action.leadAgencyId,
            createdBy: by,
          },
          at,
        );
        updates += 1;
      };
      if (change.move === 'complete') {
        if (change.note) await write('progress', change.note, null);
        await write('complete', change.evidence ?? '', 'propose_complete');
      } else {
        await write('progress', change.note ?? '', change.move ? PROGRESS_EVENT[change.move] : null);
      }
      // The agency's report counts as the owner's: the RAG rule's "no update for 90 days" starts again.
      await touchAction(trx, action.id, { last_update_at: at }, at);
    }
    const outcome = { fileId: meta.fileId, rows: meta.rows, actions: changes.length, updates, moves, agencyIds: [...agencies] };
    await this.deps.audit.record(trx, caller, {
      boardId: review.boardId,
      recordType: 'review',
      recordId: review.id,
      summary: { fileId: meta.fileId, rows: meta.rows, actions: outcome.actions, updates, moves, onBehalfOfAgencyIds: outcome.agencyIds },
    });
    return outcome;
  }
}
