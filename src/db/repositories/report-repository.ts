// A review's report: its head row (locked first by every change, so one review's report changes one after
// another), its numbered versions and their sections (each with its revision), the panel's comments on a
// version's sections (the review recommendations are in report-recommendations-repository.ts). The service
// (src/services/report-service.ts) decides; this reads and writes.
import type { ReportContent, ReportStatus } from '../../domain/reviews/report.ts';
import type { Executor } from '../transaction.ts';

export interface ReportHead {
  reviewId: string;
  boardId: string;
  /** 0 before the first version is saved. */
  latestVersion: number;
  submittedVersion: number | null;
  qaVersion: number | null;
  acceptedVersion: number | null;
}

type HeadRow = {
  review_id: string;
  board_id: string;
  latest_version: number;
  submitted_version: number | null;
  qa_version: number | null;
  accepted_version: number | null;
};
const num = (n: number | null) => (n === null ? null : Number(n));
function headOf(r: HeadRow): ReportHead {
  return {
    reviewId: r.review_id,
    boardId: r.board_id,
    latestVersion: Number(r.latest_version),
    submittedVersion: num(r.submitted_version),
    qaVersion: num(r.qa_version),
    acceptedVersion: num(r.accepted_version),
  };
}
const HEAD_COLUMNS = ['review_id', 'board_id', 'latest_version', 'submitted_version', 'qa_version', 'accepted_version'] as const;

/** Locks the review's head row (made now if the review has none yet): the first statement of every change. */
export async function lockReport(db: Executor, key: { reviewId: string; boardId: string }, now: string): Promise<ReportHead> {
  const row = await db
    .insertInto('review_reports')
    .values({
      review_id: key.reviewId,
      board_id: key.boardId,
      latest_version: 0,
      submitted_version: null,
      qa_version: null,
      accepted_version: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('review_id').doUpdateSet((eb) => ({ updated_at: eb.ref('excluded.updated_at') })))
    .returning([...HEAD_COLUMNS])
    .executeTakeFirstOrThrow();
  return headOf(row);
}

export async function findReportHead(db: Executor, reviewId: string): Promise<ReportHead | undefined> {
  const row = await db.selectFrom('review_reports').select(HEAD_COLUMNS).where('review_id', '=', reviewId).executeTakeFirst();
  return row ? headOf(row) : undefined;
}

export async function setReportHead(db: Executor, reviewId: string, head: Omit<ReportHead, 'reviewId' | 'boardId'>, now: string): Promise<void> {
  await db
    .updateTable('review_reports')
    .set({
      latest_version: head.latestVersion,
      submitted_version: head.submittedVersion,
      qa_version: head.qaVersion,
      accepted_version: head.acceptedVersion,
      updated_at: now,
    })
    .where('review_id', '=', reviewId)
    .execute();
}

export interface ReportVersionRow {
  id: string;
  reviewId: string;
  version: number;
  status: ReportStatus;
  revision: number;
  createdAt: string;
  updatedAt: string;
  submittedByName: string | null;
  submittedAt: string | null;
  qaByName: string | null;
  qaAt: string | null;
  acceptedByName: string | null;
  acceptedAt: string | null;
}

export interface ReportVersionWithSections extends ReportVersionRow {
  content: ReportContent;
  revisions: Record<string, number>;
}

function versionsQuery(db: Executor) {
  return db
    .selectFrom('review_report_versions as v')
    .leftJoin('people as ps', 'ps.id', 'v.submitted_by')
    .leftJoin('people as pq', 'pq.id', 'v.qa_by')
    .leftJoin('people as pa', 'pa.id', 'v.accepted_by')
    .select([
      'v.id',
      'v.review_id',
      'v.version',
      'v.status',
      'v.revision',
      'v.created_at',
      'v.updated_at',
      'v.submitted_at',
      'v.qa_at',
      'v.accepted_at',
      'ps.full_name as submitted_by_name',
      'pq.full_name as qa_by_name',
      'pa.full_name as accepted_by_name',
    ]);
}

type VersionSelect = {
  id: string;
  review_id: string;
  version: number;
  status: string;
  revision: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  qa_at: string | null;
  accepted_at: string | null;
  submitted_by_name: string | null;
  qa_by_name: string | null;
  accepted_by_name: string | null;
};

function versionOf(r: VersionSelect): ReportVersionRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    version: Number(r.version),
    status: r.status as ReportStatus,
    revision: Number(r.revision),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedByName: r.submitted_by_name,
    submittedAt: r.submitted_at,
    qaByName: r.qa_by_name,
    qaAt: r.qa_at,
    acceptedByName: r.accepted_by_name,
    acceptedAt: r.accepted_at,
  };
}

/** The review's versions, newest first. */
export async function listReportVersions(db: Executor, reviewId: string): Promise<ReportVersionRow[]> {
  const rows = await versionsQuery(db).where('v.review_id', '=', reviewId).orderBy('v.version', 'desc').execute();
  return rows.map(versionOf);
}

async function withSections(db: Executor, row: ReportVersionRow): Promise<ReportVersionWithSections> {
  const sections = await db.selectFrom('review_report_sections').select(['section', 'content', 'revision']).where('version_id', '=', row.id).execute();
  const content: ReportContent = {};
  const revisions: Record<string, number> = {};
  for (const s of sections) {
    content[s.section] = JSON.parse(s.content) as { text: string };
    revisions[s.section] = Number(s.revision);
  }
  return { ...row, content, revisions };
}

export async function findReportVersion(db: Executor, reviewId: string, version: number): Promise<ReportVersionWithSections | undefined> {
  const row = await versionsQuery(db).where('v.review_id', '=', reviewId).where('v.version', '=', version).executeTakeFirst();
  return row ? withSections(db, versionOf(row)) : undefined;
}

export async function findReportVersionById(db: Executor, id: string): Promise<ReportVersionWithSections | undefined> {
  const row = await versionsQuery(db).where('v.id', '=', id).executeTakeFirst();
  return row ? withSections(db, versionOf(row)) : undefined;
}

/** A new draft with every section (their revisions as given: a copy keeps its sections' revisions). */
export async function insertReportVersion(
  db: Executor,
  v: { id: string; reviewId: string; version: number; by: string | null; at: string; content: ReportContent; revisions: Record<string, number> },
): Promise<void> {
  await db
    .insertInto('review_report_versions')
    .values({
      id: v.id,
      review_id: v.reviewId,
      version: v.version,
      status: 'draft',
      revision: 0,
      created_by: v.by,
      created_at: v.at,
      updated_by: v.by,
      updated_at: v.at,
      submitted_by: null,
      submitted_at: null,
      qa_by: null,
      qa_at: null,
      accepted_by: null,
      accepted_at: null,
    })
    .execute();
  const rows = Object.entries(v.content).map(([section, content]) => ({
    version_id: v.id,
    section,
    content: JSON.stringify(content),
    revision: v.revisions[section] ?? 0,
    updated_by: v.by,
    updated_at: v.at,
  }));
  if (rows.length > 0) await db.insertInto('review_report_sections').values(rows).execute();
}

/** Writes a section of a draft at its next revision (adding it if the version lacks it), and counts the change on the version. */
export async function updateReportSection(
  db: Executor,
  s: { versionId: string; section: string; text: string; revision: number; by: string | null; at: string },
): Promise<void> {
  const content = JSON.stringify({ text: s.text });
  const updated = await db
    .updateTable('review_report_sections')
    .set({ content, revision: s.revision, updated_by: s.by, updated_at: s.at })
    .where('version_id', '=', s.versionId)
    .where('section', '=', s.section)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await db
      .insertInto('review_report_sections')
      .values({ version_id: s.versionId, section: s.section, content, revision: s.revision, updated_by: s.by, updated_at: s.at })
      .execute();
  await db
    .updateTable('review_report_versions')
    .set((eb) => ({ revision: eb('revision', '+', 1), updated_by: s.by, updated_at: s.at }))
    .where('id', '=', s.versionId)
    .execute();
}

/** Moves a version on: submitted for QA, QA signed off, accepted (who and when). */
export async function setReportVersionStatus(db: Executor, versionId: string, status: Exclude<ReportStatus, 'draft'>, by: string, at: string): Promise<void> {
  const who =
    status === 'submitted'
      ? { submitted_by: by, submitted_at: at }
      : status === 'qa_signed_off'
        ? { qa_by: by, qa_at: at }
        : { accepted_by: by, accepted_at: at };
  await db
    .updateTable('review_report_versions')
    .set({ status, ...who, updated_by: by, updated_at: at })
    .where('id', '=', versionId)
    .execute();
}

// ---- Comments ------------------------------------------------------------------------------------------------

export interface ReportCommentRow {
  id: string;
  versionId: string;
  version: number;
  section: string;
  text: string;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  resolvedByName: string | null;
  resolvedAt: string | null;
}

export async function listReportComments(db: Executor, reviewId: string): Promise<ReportCommentRow[]> {
  const rows = await db
    .selectFrom('review_report_comments as c')
    .innerJoin('review_report_versions as v', 'v.id', 'c.version_id')
    .innerJoin('people as p', 'p.id', 'c.created_by')
    .leftJoin('people as r', 'r.id', 'c.resolved_by')
    .select([
      'c.id',
      'c.version_id',
      'v.version',
      'c.section',
      'c.text',
      'c.created_by',
      'p.full_name as created_by_name',
      'c.created_at',
      'r.full_name as resolved_by_name',
      'c.resolved_at',
    ])
    .where('c.review_id', '=', reviewId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    versionId: r.version_id,
    version: Number(r.version),
    section: r.section,
    text: r.text,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    resolvedByName: r.resolved_by_name,
    resolvedAt: r.resolved_at,
  }));
}

export async function insertReportComment(
  db: Executor,
  c: { id: string; reviewId: string; versionId: string; section: string; text: string; by: string; at: string },
): Promise<void> {
  await db
    .insertInto('review_report_comments')
    .values({
      id: c.id,
      review_id: c.reviewId,
      version_id: c.versionId,
      section: c.section,
      text: c.text,
      created_by: c.by,
      created_at: c.at,
      resolved_by: null,
      resolved_at: null,
    })
    .execute();
}

/** Marks a comment of the review resolved (once: a second resolution changes nothing); whether it did. */
export async function resolveReportComment(db: Executor, reviewId: string, id: string, by: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('review_report_comments')
    .set({ resolved_by: by, resolved_at: at })
    .where('review_id', '=', reviewId)
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findReportComment(db: Executor, reviewId: string, id: string): Promise<{ id: string; resolvedAt: string | null } | undefined> {
  const row = await db
    .selectFrom('review_report_comments')
    .select(['id', 'resolved_at'])
    .where('review_id', '=', reviewId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, resolvedAt: row.resolved_at } : undefined;
}
