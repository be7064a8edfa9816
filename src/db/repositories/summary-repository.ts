// A review's executive summary: its head row (locked first by every change, so one review's summary changes are
// made one after another), each language's numbered versions and their sections (each with its revision and the
// time of its last change, both kept when a version is copied into the next), the action plan's figures frozen
// with an approved version, and the requests to a translator. The service (src/services/publication/
// summary-service.ts) decides; this reads and writes.
import type { Language } from '../../domain/organisation.ts';
import type { SummaryContent, SummaryFigures, SummaryStatus, TranslationStatus } from '../../domain/publication/summary.ts';
import type { Executor } from '../transaction.ts';

export interface SummaryHead {
  reviewId: string;
  boardId: string;
  /** Each language's latest version (0 before its first is saved) and latest approved one. */
  latest: Record<Language, number>;
  approved: Record<Language, number | null>;
}

export interface SummaryVersionRow {
  id: string;
  reviewId: string;
  language: Language;
  version: number;
  status: SummaryStatus;
  revision: number;
  createdAt: string;
  updatedAt: string;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  /** The plan's figures frozen at approval (null for a draft). */
  figures: SummaryFigures | null;
}

export interface SummaryVersionWithSections extends SummaryVersionRow {
  content: SummaryContent;
  revisions: Record<string, number>;
  /** When each section's text last changed (null: never). */
  changedAt: Record<string, string | null>;
}

type HeadRow = { review_id: string; board_id: string; en_latest: number; en_approved: number | null; cy_latest: number; cy_approved: number | null };

const num = (n: number | null) => (n === null ? null : Number(n));

function headOf(r: HeadRow): SummaryHead {
  return {
    reviewId: r.review_id,
    boardId: r.board_id,
    latest: { en: Number(r.en_latest), cy: Number(r.cy_latest) },
    approved: { en: num(r.en_approved), cy: num(r.cy_approved) },
  };
}

const HEAD_COLUMNS = ['review_id', 'board_id', 'en_latest', 'en_approved', 'cy_latest', 'cy_approved'] as const;

/** Locks the review's head row (made now if the review has none yet): the first statement of every change. */
export async function lockSummary(db: Executor, key: { reviewId: string; boardId: string }, now: string): Promise<SummaryHead> {
  const row = await db
    .insertInto('executive_summaries')
    .values({
      review_id: key.reviewId,
      board_id: key.boardId,
      en_latest: 0,
      en_approved: null,
      cy_latest: 0,
      cy_approved: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('review_id').doUpdateSet((eb) => ({ updated_at: eb.ref('excluded.updated_at') })))
    .returning(HEAD_COLUMNS)
    .executeTakeFirstOrThrow();
  return headOf(row);
}

export async function findSummaryHead(db: Executor, reviewId: string): Promise<SummaryHead | undefined> {
  const row = await db.selectFrom('executive_summaries').select(HEAD_COLUMNS).where('review_id', '=', reviewId).executeTakeFirst();
  return row ? headOf(row) : undefined;
}

/** Sets one language's latest and approved version numbers. */
export async function setSummaryHead(
  db: Executor,
  reviewId: string,
  language: Language,
  head: { latest: number; approved: number | null },
  now: string,
): Promise<void> {
  const values = language === 'en' ? { en_latest: head.latest, en_approved: head.approved } : { cy_latest: head.latest, cy_approved: head.approved };
  await db
    .updateTable('executive_summaries')
    .set({ ...values, updated_at: now })
    .where('review_id', '=', reviewId)
    .execute();
}

const VERSION_COLUMNS = [
  'v.id',
  'v.review_id',
  'v.language',
  'v.version',
  'v.status',
  'v.revision',
  'v.created_at',
  'v.updated_at',
  'v.approved_by',
  'v.approved_at',
  'v.figures',
  'p.full_name as approved_by_name',
] as const;

function versionOf(r: {
  id: string;
  review_id: string;
  language: string;
  version: number;
  status: string;
  revision: number;
  created_at: string;
  updated_at: string;
  approved_by: string | null;
  approved_at: string | null;
  figures: string | null;
  approved_by_name: string | null;
}): SummaryVersionRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    language: r.language as Language,
    version: Number(r.version),
    status: r.status as SummaryStatus,
    revision: Number(r.revision),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    approvedBy: r.approved_by,
    approvedByName: r.approved_by_name,
    approvedAt: r.approved_at,
    figures: r.figures === null ? null : (JSON.parse(r.figures) as SummaryFigures),
  };
}

/** The review's versions in a language (or both), newest first, with who approved each. */
export async function listSummaryVersions(db: Executor, reviewId: string, language?: Language): Promise<SummaryVersionRow[]> {
  let query = db
    .selectFrom('executive_summary_versions as v')
    .leftJoin('people as p', 'p.id', 'v.approved_by')
    .select(VERSION_COLUMNS)
    .where('v.review_id', '=', reviewId);
  if (language) query = query.where('v.language', '=', language);
  const rows = await query.orderBy('v.language').orderBy('v.version', 'desc').execute();
  return rows.map(versionOf);
}

async function withSections(db: Executor, row: SummaryVersionRow): Promise<SummaryVersionWithSections> {
  const sections = await db
    .selectFrom('executive_summary_sections')
    .select(['section', 'text', 'revision', 'changed_at'])
    .where('version_id', '=', row.id)
    .execute();
  const content: SummaryContent = {};
  const revisions: Record<string, number> = {};
  const changedAt: Record<string, string | null> = {};
  for (const s of sections) {
    content[s.section] = { text: s.text };
    revisions[s.section] = Number(s.revision);
    changedAt[s.section] = s.changed_at;
  }
  return { ...row, content, revisions, changedAt };
}

/** One language version with its sections. */
export async function findSummaryVersion(db: Executor, reviewId: string, language: Language, version: number): Promise<SummaryVersionWithSections | undefined> {
  const row = await db
    .selectFrom('executive_summary_versions as v')
    .leftJoin('people as p', 'p.id', 'v.approved_by')
    .select(VERSION_COLUMNS)
    .where('v.review_id', '=', reviewId)
    .where('v.language', '=', language)
    .where('v.version', '=', version)
    .executeTakeFirst();
  return row ? withSections(db, versionOf(row)) : undefined;
}

/** A version by its id (a generated document names the version it is of). */
export async function findSummaryVersionById(db: Executor, id: string): Promise<SummaryVersionWithSections | undefined> {
  const row = await db
    .selectFrom('executive_summary_versions as v')
    .leftJoin('people as p', 'p.id', 'v.approved_by')
    .select(VERSION_COLUMNS)
    .where('v.id', '=', id)
    .executeTakeFirst();
  return row ? withSections(db, versionOf(row)) : undefined;
}

/** A new draft version with every section (revisions and change times as given: a copy keeps its sections'). */
export async function insertSummaryVersion(
  db: Executor,
  v: {
    id: string;
    reviewId: string;
    language: Language;
    version: number;
    by: string | null;
    at: string;
    content: SummaryContent;
    revisions: Readonly<Record<string, number>>;
    changedAt: Readonly<Record<string, string | null>>;
  },
): Promise<void> {
  await db
    .insertInto('executive_summary_versions')
    .values({
      id: v.id,
      review_id: v.reviewId,
      language: v.language,
      version: v.version,
      status: 'draft',
      revision: 0,
      created_by: v.by,
      created_at: v.at,
      updated_by: v.by,
      updated_at: v.at,
      approved_by: null,
      approved_at: null,
      figures: null,
    })
    .execute();
  await db
    .insertInto('executive_summary_sections')
    .values(
      Object.entries(v.content).map(([section, s]) => ({
        version_id: v.id,
        section,
        text: s.text,
        revision: v.revisions[section] ?? 0,
        changed_at: v.changedAt[section] ?? null,
        updated_by: v.by,
        updated_at: v.at,
      })),
    )
    .execute();
}

/** Writes a section of a draft at its next revision (its change time now), and counts the change on the version. */
export async function updateSummarySection(
  db: Executor,
  s: { versionId: string; section: string; text: string; revision: number; by: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('executive_summary_sections')
    .set({ text: s.text, revision: s.revision, changed_at: s.at, updated_by: s.by, updated_at: s.at })
    .where('version_id', '=', s.versionId)
    .where('section', '=', s.section)
    .execute();
  await db
    .updateTable('executive_summary_versions')
    .set((eb) => ({ revision: eb('revision', '+', 1), updated_by: s.by, updated_at: s.at }))
    .where('id', '=', s.versionId)
    .execute();
}

/** Marks a draft approved (frozen from now on) with the plan's figures its statement quoted. */
export async function approveSummaryVersion(db: Executor, versionId: string, by: string, at: string, figures: SummaryFigures): Promise<void> {
  await db
    .updateTable('executive_summary_versions')
    .set({ status: 'approved', approved_by: by, approved_at: at, updated_by: by, updated_at: at, figures: JSON.stringify(figures) })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .execute();
}

// ---- Translation requests -------------------------------------------------------------------------------

export interface TranslationRow {
  id: string;
  reviewId: string;
  translatorName: string;
  translatorEmail: string | null;
  agencyId: string | null;
  dueOn: string;
  note: string | null;
  status: TranslationStatus;
  version: number;
  requestedAt: string;
  updatedAt: string;
}

/** The review's translation requests, newest first. */
export async function listTranslations(db: Executor, reviewId: string): Promise<TranslationRow[]> {
  const rows = await db
    .selectFrom('executive_summary_translations')
    .select(['id', 'review_id', 'translator_name', 'translator_email', 'agency_id', 'due_on', 'note', 'status', 'version', 'requested_at', 'updated_at'])
    .where('review_id', '=', reviewId)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reviewId: r.review_id,
    translatorName: r.translator_name,
    translatorEmail: r.translator_email,
    agencyId: r.agency_id,
    dueOn: r.due_on,
    note: r.note,
    status: r.status as TranslationStatus,
    version: Number(r.version),
    requestedAt: r.requested_at,
    updatedAt: r.updated_at,
  }));
}

export async function insertTranslation(
  db: Executor,
  t: {
    id: string;
    reviewId: string;
    boardId: string;
    translatorName: string;
    translatorEmail: string | null;
    agencyId: string | null;
    dueOn: string;
    note: string | null;
    by: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('executive_summary_translations')
    .values({
      id: t.id,
      review_id: t.reviewId,
      board_id: t.boardId,
      translator_name: t.translatorName,
      translator_email: t.translatorEmail,
      agency_id: t.agencyId,
      due_on: t.dueOn,
      note: t.note,
      status: 'requested',
      version: 1,
      requested_by: t.by,
      requested_at: t.at,
      updated_by: t.by,
      updated_at: t.at,
    })
    .execute();
}

/** Moves a request to a status on the version its editor read; false when it changed since (nothing written). */
export async function updateTranslationStatus(
  db: Executor,
  t: { id: string; reviewId: string; version: number; status: TranslationStatus; by: string | null; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('executive_summary_translations')
    .set((eb) => ({ status: t.status, version: eb('version', '+', 1), updated_by: t.by, updated_at: t.at }))
    .where('id', '=', t.id)
    .where('review_id', '=', t.reviewId)
    .where('version', '=', t.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
