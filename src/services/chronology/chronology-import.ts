// Importing a spreadsheet into an agency's chronology (issue 11 item 2). The agency's contributor uploads the
// board's template filled in (.xlsx or .csv) while the contribution is drafted — the same refusals as adding an
// entry (ChronologyService.add). The upload goes through the files service (type by content, ClamAV, sealed at
// rest); one transaction records the import (queued) and enqueues its job. The job reads the stored file
// (decrypted into memory: the zip checks need random access, and a plain copy on disk is a copy of case material),
// validates EVERY row against the review's people, writing how many rows it has read every PROGRESS_EVERY rows
// (each its own small transaction, so the status page can say how far it has got), and then either refuses the
// whole file — the first MAX_PROBLEMS_SHOWN problems by row and column, and their total; nothing is imported —
// or writes every entry in ONE transaction (numbers reserved together, inserted in batches, each entry passed
// through checkEntry too, so an import never stores what the form refuses). That transaction first moves the
// import from 'reading' to 'imported': a job that dies midway and runs again reads the file again, and a job
// that runs after the import was written writes nothing (an import is written once). Entries outside the
// review's period are kept and counted as warnings, the first of them listed on the status page.
//
// What is stored about an import is ids, counts, row numbers, column keys and locale keys: never a cell's text
// (a name typed where a pseudonym should be could be a real name), nor the file's name (the files service keeps
// it sealed). The command line (src/cli/import.ts) runs the same `process` on a file it reads, as a system caller.
import type { Readable } from 'node:stream';
import { findImport, type ImportRow, importsOf, insertImport, moveImport, updateImport } from '../../db/repositories/chronology-imports-repository.ts';
import { insertEntries, type NewEntry, reserveEntryNumbers } from '../../db/repositories/chronology-repository.ts';
import { type ContributionRequestRow, findRequest } from '../../db/repositories/contributions-repository.ts';
import { reviewPeople } from '../../db/repositories/family-repository.ts';
import { findReview, type ReviewRow } from '../../db/repositories/reviews-repository.ts';
import { reviewPeriod } from '../../db/repositories/terms-repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { AuditAction } from '../../domain/audit-actions.ts';
import { type EntryFields, outsidePeriod } from '../../domain/chronology/entry.ts';
import { checkEntry } from '../../domain/chronology/entry-input.ts';
import { type ColumnKey, MAX_PROBLEMS_SHOWN } from '../../domain/chronology/import-rows.ts';
import { FILE_AUDIT } from '../../domain/files.ts';
import type { Language } from '../../domain/organisation.ts';
import { can } from '../../domain/permissions.ts';
import { type Caller, newId, notFound, systemCaller } from '../context.ts';
import type { FileService } from '../files/file-service.ts';
import type { JobKind, JobService } from '../job-service.ts';
import { type ChronologyDeps, ChronologyService, drafting } from './chronology-service.ts';
import { type SpreadsheetInput, validateSpreadsheet } from './spreadsheet.ts';
import { templateFile } from './spreadsheet-write.ts';

/** The job that reads and imports an uploaded spreadsheet. */
export const CHRONOLOGY_IMPORT_JOB = 'chronology.import';
/** Rows read between two progress writes. */
export const PROGRESS_EVERY = 2_000;
/** Rows per checkEntry/insert slice in the import's one transaction. */
const INSERT_SLICE = 2_000;
const JOB_ATTEMPTS = 3;

/** An import's states: queued (uploaded), reading (its rows are checked), then imported or refused; failed when its job died. */
export const IMPORT_STATES = ['queued', 'reading', 'imported', 'refused', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];
/** Still working: the status page refreshes itself. */
export function importRunning(status: string): boolean {
  return status === 'queued' || status === 'reading';
}

/** A stored problem or warning: row, template column (null: the row or the file) and a chronology locale key. */
export interface StoredProblem {
  row: number;
  column: string | null;
  key: string;
}

/** The key of an entry kept outside the review's period (a warning, listed with the problems of an imported file). */
export const OUTSIDE_PERIOD_KEY = 'warnings.outsidePeriod';

export interface ImportProgress {
  rows: number;
  /** Rows the whole file probably has (from the bytes read so far), once some are read. */
  about: number | null;
}

export interface ImportOutcome {
  status: 'imported' | 'refused';
  rows: number;
  imported: number;
  warnings: StoredProblem[];
  warningCount: number;
  problems: StoredProblem[];
  problemCount: number;
}

export interface ImportDeps extends ChronologyDeps {
  files: FileService;
  jobs: JobService;
}

/** checkEntry's field names for the template's columns. */
const FIELD_COLUMN: Record<string, ColumnKey> = { date: 'date', precision: 'precision', time: 'time', people: 'people' };

function fileOwner(importId: string) {
  return { type: 'chronology_import', id: importId };
}

export class ChronologyImportService extends ChronologyService {
  constructor(protected override readonly deps: ImportDeps) {
    super(deps);
  }

  /**
   * The board template as a file (not case material: the columns, lists and an example row), for whoever may
   * write an agency's chronology on this board (another board's template is not found). Audited.
   */
  async template(caller: Caller, boardId: string, format: string, language: Language): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
    const actor = caller.actor;
    const onBoard =
      actor !== undefined &&
      (can(actor, 'contribution.edit', { boardId }) ||
        actor.grants.some(
          (g) =>
            g.scope.type === 'review' &&
            g.scope.boardId === boardId &&
            can(actor, 'contribution.edit', { boardId, reviewId: g.scope.reviewId, agencyId: g.scope.agencyId ?? undefined }),
        ));
    if (!onBoard || (format !== 'xlsx' && format !== 'csv')) throw notFound('template');
    const bytes = await templateFile(format, language);
    await inTransaction(this.deps.db, (trx) => this.deps.audit.recordRead(trx, caller, { boardId, summary: { format, language } }));
    return {
      bytes,
      contentType: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
      fileName: `${language === 'cy' ? 'templed-cronoleg' : 'chronology-template'}.${format}`,
    };
  }

  /** What the upload page needs (the review's reference, the agency, whether the chronology can be written now). Audited read. */
  async uploadForm(caller: Caller, boardId: string, reviewId: string, requestId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const { review, request } = await this.scope(trx, caller, boardId, reviewId, requestId, 'contribution.edit');
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'contribution',
        recordId: request.id,
        summary: { reviewId, agencyId: request.agencyId },
      });
      // Outside drafting the page says why there is no form (an upload is refused as adding an entry is).
      return { review, request, drafting: drafting(request) };
    });
  }

  /**
   * Stores the upload and queues its import (the agency's contributor, while drafting): the import's record, its
   * job and the audit event in the transaction that records the file. UploadRefused when the files service
   * refuses the file (not a spreadsheet by its content, too large, infected); nothing is recorded then.
   */
  async start(
    caller: Caller,
    boardId: string,
    reviewId: string,
    requestId: string,
    file: { name: string; content: Readable },
    language: Language,
  ): Promise<{ id: string }> {
    // Refused before a byte of the file is stored.
    await inTransaction(this.deps.db, async (trx) => {
      const { request } = await this.scope(trx, caller, boardId, reviewId, requestId, 'contribution.edit');
      this.assertDrafting(request);
    });
    const id = newId();
    await this.deps.files.upload(caller, { boardId, purpose: 'import', name: file.name, content: file.content, owner: fileOwner(id) }, async (trx, stored) => {
      // Again in the transaction that records it: the contribution may have been submitted meanwhile.
      const { request } = await this.scope(trx, caller, boardId, reviewId, requestId, 'contribution.edit');
      this.assertDrafting(request);
      const kind = stored.contentType.startsWith('text/') ? 'csv' : 'xlsx';
      await insertImport(
        trx,
        { id, reviewId, requestId: request.id, agencyId: request.agencyId, fileId: stored.id, fileName: kind, language, by: caller.actor?.personId ?? null },
        this.now(),
      );
      await this.deps.jobs.enqueue(trx, CHRONOLOGY_IMPORT_JOB, { importId: id });
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'chronology_import',
        recordId: id,
        summary: { reviewId, agencyId: request.agencyId, requestId: request.id, fileId: stored.id, sizeBytes: stored.sizeBytes, format: kind },
      });
    });
    return { id };
  }

  /** An import of this agency's chronology, with the review's period (the status page; the read is audited). */
  async status(caller: Caller, boardId: string, reviewId: string, requestId: string, importId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const { review, request } = await this.scope(trx, caller, boardId, reviewId, requestId, 'contribution.view');
      const found = await findImport(trx, importId);
      // Another agency's (or review's) import is not this chronology's.
      if (!found || found.requestId !== request.id) throw notFound('chronology import');
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'chronology_import',
        recordId: found.id,
        summary: { reviewId, agencyId: request.agencyId, status: found.status },
      });
      return { review, request, import: found, may: { edit: drafting(request) } };
    });
  }

  /** The latest imports of an agency's chronology (newest first; the agency page lists them). */
  async recent(requestId: string, limit = 5): Promise<ImportRow[]> {
    return importsOf(this.deps.db.kysely, requestId, limit);
  }

  /** The job: reads the stored file and imports it (or refuses it); runs again after a crash without importing twice. */
  job(): JobKind<{ importId: string }> {
    return {
      maxAttempts: JOB_ATTEMPTS,
      run: async ({ importId }, context) => {
        try {
          await this.runImport(importId);
        } catch (error) {
          // The last attempt: the page stops waiting and says the import failed (nothing was written).
          if (context.attempt >= JOB_ATTEMPTS) await this.fail(importId);
          throw error;
        }
      },
    };
  }

  private async fail(importId: string): Promise<void> {
    await inTransaction(this.deps.db, (trx) => moveImport(trx, importId, ['queued', 'reading'], 'failed', {}, this.now()));
  }

  /** The job's work: the stored file, decrypted into memory, read and imported. */
  async runImport(importId: string, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome | undefined> {
    const row = await findImport(this.deps.db.kysely, importId);
    if (!row || !importRunning(row.status) || !row.fileId) return undefined;
    const review = await findReview(this.deps.db.kysely, row.reviewId);
    if (!review) return undefined;
    const { content } = await this.deps.files.download(systemCaller(FILE_AUDIT.downloaded), row.fileId, fileOwner(importId));
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(chunk as Buffer);
    return this.process(systemCaller('CHRONOLOGY_IMPORTED'), row, Buffer.concat(chunks), onProgress);
  }

  /**
   * The command line's import: a file read from disk into the agency's chronology of a review, as a system
   * caller (no signed-in person; the command's audit name), through the same `process` as the job. The agency
   * is named by its id or its name in either language; the review by its reference or id.
   */
  async importFile(
    action: AuditAction,
    target: { review: string; agency: string },
    input: SpreadsheetInput,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportOutcome & { importId: string; reference: string }> {
    const caller = systemCaller(action);
    const db = this.deps.db.kysely;
    const review =
      (await findReview(db, target.review)) ??
      (await db
        .selectFrom('reviews')
        .select('id')
        .where('reference', '=', target.review)
        .executeTakeFirst()
        .then((r) => (r ? findReview(db, r.id) : undefined)));
    if (!review) throw notFound('review');
    const wanted = target.agency.trim().toLowerCase();
    const requests = await db
      .selectFrom('contribution_requests')
      .select('id')
      .where('review_id', '=', review.id)
      .execute()
      .then((rs) => Promise.all(rs.map((r) => findRequest(db, r.id))));
    const request = requests.find(
      (r) => r && (r.agencyId === target.agency || r.agencyName.en.toLowerCase() === wanted || r.agencyName.cy.toLowerCase() === wanted),
    );
    if (!request) throw notFound('contribution');
    this.assertDrafting(request);
    const id = newId();
    await inTransaction(this.deps.db, async (trx) => {
      await insertImport(
        trx,
        { id, reviewId: review.id, requestId: request.id, agencyId: request.agencyId, fileId: null, fileName: 'cli', language: 'en', by: null },
        this.now(),
      );
      // The command's own name (the caller's action) says the import came from the command line.
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'chronology_import',
        recordId: id,
        summary: { reviewId: review.id, agencyId: request.agencyId, requestId: request.id, from: 'command line' },
      });
    });
    const row = (await findImport(db, id)) as ImportRow;
    const outcome = await this.process(caller, row, input, onProgress);
    return { ...outcome, importId: id, reference: review.reference };
  }

  /**
   * Reads and checks every row, then refuses the file or imports it in one transaction. `caller` is who the
   * events name (the job's or the command's system caller).
   */
  async process(caller: Caller, row: ImportRow, input: SpreadsheetInput, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome> {
    const db = this.deps.db;
    const review = (await findReview(db.kysely, row.reviewId)) as ReviewRow;
    await inTransaction(db, (trx) => moveImport(trx, row.id, ['queued', 'reading'], 'reading', { rows_read: 0 }, this.now()));
    const people = await reviewPeople(db.kysely, row.reviewId);
    const period = await reviewPeriod(db.kysely, row.reviewId);
    // Progress: every PROGRESS_EVERY rows, in its own small transaction, one at a time (never waited for by the reader).
    let writing: Promise<unknown> = Promise.resolve();
    const report = (rows: number, bytes: number, totalBytes: number) => {
      const about = bytes > 0 && rows > 0 ? Math.max(rows, Math.round((rows * totalBytes) / bytes)) : null;
      onProgress?.({ rows, about });
      writing = writing.then(() =>
        inTransaction(db, (trx) => updateImport(trx, row.id, { rows_read: rows, rows_total: about }, this.now())).catch(() => undefined),
      );
    };
    const entries: { row: number; fields: EntryFields }[] = [];
    const result = await validateSpreadsheet(input, people, {
      progressEvery: PROGRESS_EVERY,
      onProgress: (p) => report(p.rows, p.bytes, p.totalBytes),
      onEntry: (r, fields) => void entries.push({ row: r, fields }),
      maxShown: MAX_PROBLEMS_SHOWN,
    });
    await writing;
    const problems: StoredProblem[] = result.problems.map((p) => ({ row: p.row, column: p.column, key: p.key }));
    let problemCount = result.problemCount;
    // The form's rule too: an import never stores what a page would refuse.
    const known = new Set(people.map((p) => p.id));
    const checked: { row: number; fields: EntryFields }[] = [];
    for (const e of entries) {
      const c = checkEntry({ ...e.fields, date: e.fields.occurredOn }, known);
      if (c.ok) {
        checked.push({ row: e.row, fields: c.fields });
        continue;
      }
      for (const [field, key] of Object.entries(c.errors)) {
        problemCount += 1;
        if (problems.length < MAX_PROBLEMS_SHOWN) problems.push({ row: e.row, column: FIELD_COLUMN[field] ?? field, key: key.replace(/^chronology:/, '') });
      }
    }
    const warningRows = checked.filter((e) => outsidePeriod(e.fields, period));
    const warnings = warningRows.slice(0, MAX_PROBLEMS_SHOWN).map((e) => ({ row: e.row, column: 'date', key: OUTSIDE_PERIOD_KEY }));
    const base = { rows: result.rows, warnings, warningCount: warningRows.length };
    if (!result.ok || problemCount > 0) return this.refuse(caller, review, row, { ...base, problems, problemCount });
    return this.write(caller, review, row, checked, base);
  }

  private async refuse(
    caller: Caller,
    review: ReviewRow,
    row: ImportRow,
    outcome: { rows: number; warnings: StoredProblem[]; warningCount: number; problems: StoredProblem[]; problemCount: number },
  ): Promise<ImportOutcome> {
    await inTransaction(this.deps.db, async (trx) => {
      const moved = await moveImport(
        trx,
        row.id,
        ['reading'],
        'refused',
        {
          rows_read: outcome.rows,
          rows_total: outcome.rows,
          problems: JSON.stringify(outcome.problems),
          problem_count: outcome.problemCount,
          warnings: outcome.warningCount,
        },
        this.now(),
      );
      if (!moved) return;
      await this.deps.audit.record(trx, caller, {
        action: 'CHRONOLOGY_IMPORT_REFUSED',
        boardId: review.boardId,
        recordType: 'chronology_import',
        recordId: row.id,
        summary: { reviewId: review.id, agencyId: row.agencyId, requestId: row.requestId, rows: outcome.rows, problems: outcome.problemCount },
      });
    });
    return { status: 'refused', imported: 0, ...outcome };
  }

  private async write(
    caller: Caller,
    review: ReviewRow,
    row: ImportRow,
    entries: { row: number; fields: EntryFields }[],
    base: { rows: number; warnings: StoredProblem[]; warningCount: number },
  ): Promise<ImportOutcome> {
    const at = this.now();
    return inTransaction(this.deps.db, async (trx): Promise<ImportOutcome> => {
      // The contribution may have been submitted while the file was read: then nothing is written.
      const request = (await findRequest(trx, row.requestId)) as ContributionRequestRow;
      if (!drafting(request)) {
        const problems = [{ row: 1, column: null, key: 'errors.notDrafting' }];
        await moveImport(trx, row.id, ['reading'], 'refused', { rows_read: base.rows, problems: JSON.stringify(problems), problem_count: 1 }, at);
        return { status: 'refused', imported: 0, ...base, problems, problemCount: 1 };
      }
      // Written once: a second run of the job finds the import no longer 'reading'.
      const moved = await moveImport(
        trx,
        row.id,
        ['reading'],
        'imported',
        {
          rows_read: base.rows,
          rows_total: base.rows,
          imported: entries.length,
          warnings: base.warningCount,
          problems: JSON.stringify(base.warnings),
          problem_count: 0,
        },
        at,
      );
      if (!moved) return { status: 'imported', imported: 0, ...base, problems: [], problemCount: 0 };
      const first = await reserveEntryNumbers(trx, review.boardId, request.id, entries.length);
      const by = caller.actor?.personId ?? row.createdBy;
      for (let i = 0; i < entries.length; i += INSERT_SLICE) {
        const slice: NewEntry[] = entries.slice(i, i + INSERT_SLICE).map((e, j) => ({
          ...e.fields,
          id: newId(),
          reviewId: review.id,
          requestId: request.id,
          agencyId: request.agencyId,
          entryNo: first + i + j,
          importId: row.id,
        }));
        await insertEntries(trx, slice, by, at);
      }
      await this.deps.audit.record(trx, caller, {
        action: 'CHRONOLOGY_IMPORTED',
        boardId: review.boardId,
        recordType: 'chronology_import',
        recordId: row.id,
        summary: { reviewId: review.id, agencyId: request.agencyId, requestId: request.id, entries: entries.length, warnings: base.warningCount },
      });
      return { status: 'imported', imported: entries.length, ...base, problems: [], problemCount: 0 };
    });
  }
}
