// A chronology's spreadsheet imports (issue 11 item 2): each upload's progress, outcome and problems (row,
// column and key only: never the file's own words). Executor first; no access checks here.
import type { Executor } from '../transaction.ts';

export interface ImportRow {
  id: string;
  reviewId: string;
  requestId: string;
  agencyId: string;
  fileId: string | null;
  fileName: string;
  status: string;
  rowsRead: number;
  rowsTotal: number | null;
  imported: number;
  warnings: number;
  problems: { row: number; column: string; key: string }[];
  problemCount: number;
  language: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function insertImport(
  db: Executor,
  r: { id: string; reviewId: string; requestId: string; agencyId: string; fileId: string | null; fileName: string; language: string; by: string | null },
  at: string,
): Promise<void> {
  await db
    .insertInto('chronology_imports')
    .values({
      id: r.id,
      review_id: r.reviewId,
      request_id: r.requestId,
      agency_id: r.agencyId,
      file_id: r.fileId,
      file_name: r.fileName,
      status: 'queued',
      rows_read: 0,
      rows_total: null,
      imported: 0,
      warnings: 0,
      problems: null,
      problem_count: 0,
      language: r.language,
      created_by: r.by,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

export async function findImport(db: Executor, id: string): Promise<ImportRow | undefined> {
  const r = await db.selectFrom('chronology_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  let problems: ImportRow['problems'] = [];
  try {
    problems = r.problems ? (JSON.parse(r.problems) as ImportRow['problems']) : [];
  } catch {
    problems = [];
  }
  return {
    id: r.id,
    reviewId: r.review_id,
    requestId: r.request_id,
    agencyId: r.agency_id,
    fileId: r.file_id,
    fileName: r.file_name,
    status: r.status,
    rowsRead: Number(r.rows_read),
    rowsTotal: r.rows_total === null ? null : Number(r.rows_total),
    imported: Number(r.imported),
    warnings: Number(r.warnings),
    problems,
    problemCount: Number(r.problem_count),
    language: r.language,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function updateImport(
  db: Executor,
  id: string,
  values: Partial<{
    status: string;
    rows_read: number;
    rows_total: number | null;
    imported: number;
    warnings: number;
    problems: string | null;
    problem_count: number;
    file_id: string | null;
  }>,
  at: string,
): Promise<void> {
  await db
    .updateTable('chronology_imports')
    .set({ ...values, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** A request's imports, newest first. */
export async function importsOf(db: Executor, requestId: string, limit = 10): Promise<ImportRow[]> {
  const ids = await db.selectFrom('chronology_imports').select('id').where('request_id', '=', requestId).orderBy('created_at', 'desc').limit(limit).execute();
  const out: ImportRow[] = [];
  for (const { id } of ids) {
    const row = await findImport(db, id);
    if (row) out.push(row);
  }
  return out;
}

/**
 * Moves an import from one of `from` to `to` (and the values given), in the caller's transaction; false when
 * it is in none of them (another run got there first: an import is written once, however often its job runs).
 */
export async function moveImport(
  db: Executor,
  id: string,
  from: readonly string[],
  to: string,
  values: Partial<{ rows_read: number; rows_total: number | null; imported: number; warnings: number; problems: string | null; problem_count: number }>,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('chronology_imports')
    .set({ ...values, status: to, updated_at: at })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
