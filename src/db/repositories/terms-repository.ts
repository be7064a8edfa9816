// A review's terms of reference: its head row (locked first by every change, so one review's changes are made
// one after another), its numbered versions and their sections (JSON, each with its revision). The service
// (src/services/terms-service.ts) decides; this reads and writes.
import type { TermsContent, TermsSection, TermsStatus } from '../../domain/reviews/terms.ts';
import type { Executor } from '../transaction.ts';

export interface TermsHead {
  reviewId: string;
  boardId: string;
  /** 0 before the first version is saved. */
  latestVersion: number;
  approvedVersion: number | null;
}

export interface TermsVersionRow {
  id: string;
  reviewId: string;
  version: number;
  status: TermsStatus;
  revision: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
}

export interface TermsVersionWithSections extends TermsVersionRow {
  content: TermsContent;
  /** Each section's revision (0: as the version started). */
  revisions: Record<TermsSection, number>;
}

function headOf(r: { review_id: string; board_id: string; latest_version: number; approved_version: number | null }): TermsHead {
  return {
    reviewId: r.review_id,
    boardId: r.board_id,
    latestVersion: Number(r.latest_version),
    approvedVersion: r.approved_version === null ? null : Number(r.approved_version),
  };
}

/** Locks the review's head row (made now if the review has none yet): the first statement of every change. */
export async function lockTerms(db: Executor, key: { reviewId: string; boardId: string }, now: string): Promise<TermsHead> {
  const row = await db
    .insertInto('terms_of_reference')
    .values({ review_id: key.reviewId, board_id: key.boardId, latest_version: 0, approved_version: null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('review_id').doUpdateSet((eb) => ({ updated_at: eb.ref('excluded.updated_at') })))
    .returning(['review_id', 'board_id', 'latest_version', 'approved_version'])
    .executeTakeFirstOrThrow();
  return headOf(row);
}

export async function findTermsHead(db: Executor, reviewId: string): Promise<TermsHead | undefined> {
  const row = await db
    .selectFrom('terms_of_reference')
    .select(['review_id', 'board_id', 'latest_version', 'approved_version'])
    .where('review_id', '=', reviewId)
    .executeTakeFirst();
  return row ? headOf(row) : undefined;
}

export async function setTermsHead(
  db: Executor,
  reviewId: string,
  head: { latestVersion: number; approvedVersion: number | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('terms_of_reference')
    .set({ latest_version: head.latestVersion, approved_version: head.approvedVersion, updated_at: now })
    .where('review_id', '=', reviewId)
    .execute();
}

const VERSION_COLUMNS = [
  'v.id',
  'v.review_id',
  'v.version',
  'v.status',
  'v.revision',
  'v.created_at',
  'v.updated_at',
  'v.updated_by',
  'v.approved_by',
  'v.approved_at',
  'p.full_name as approved_by_name',
] as const;

function versionOf(r: {
  id: string;
  review_id: string;
  version: number;
  status: string;
  revision: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  approved_by: string | null;
  approved_at: string | null;
  approved_by_name: string | null;
}): TermsVersionRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    version: Number(r.version),
    status: r.status as TermsStatus,
    revision: Number(r.revision),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    approvedBy: r.approved_by,
    approvedByName: r.approved_by_name,
    approvedAt: r.approved_at,
  };
}

/** The review's versions, newest first, with who approved each. */
export async function listTermsVersions(db: Executor, reviewId: string): Promise<TermsVersionRow[]> {
  const rows = await db
    .selectFrom('terms_of_reference_versions as v')
    .leftJoin('people as p', 'p.id', 'v.approved_by')
    .select(VERSION_COLUMNS)
    .where('v.review_id', '=', reviewId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map(versionOf);
}

async function withSections(db: Executor, row: TermsVersionRow): Promise<TermsVersionWithSections> {
  const sections = await db.selectFrom('terms_of_reference_sections').select(['section', 'content', 'revision']).where('version_id', '=', row.id).execute();
  const content = {} as Record<string, unknown>;
  const revisions = {} as Record<string, number>;
  for (const s of sections) {
    content[s.section] = JSON.parse(s.content);
    revisions[s.section] = Number(s.revision);
  }
  return { ...row, content: content as unknown as TermsContent, revisions: revisions as Record<TermsSection, number> };
}

/** One version of the review's terms with its sections. */
export async function findTermsVersion(db: Executor, reviewId: string, version: number): Promise<TermsVersionWithSections | undefined> {
  const row = await db
    .selectFrom('terms_of_reference_versions as v')
    .leftJoin('people as p', 'p.id', 'v.approved_by')
    .select(VERSION_COLUMNS)
    .where('v.review_id', '=', reviewId)
    .where('v.version', '=', version)
    .executeTakeFirst();
  return row ? withSections(db, versionOf(row)) : undefined;
}

/** A version by its id (a generated document names the version it is of). */
export async function findTermsVersionById(db: Executor, id: string): Promise<TermsVersionWithSections | undefined> {
  const row = await db
    .selectFrom('terms_of_reference_versions as v')
    .leftJoin('people as p', 'p.id', 'v.approved_by')
    .select(VERSION_COLUMNS)
    .where('v.id', '=', id)
    .executeTakeFirst();
  return row ? withSections(db, versionOf(row)) : undefined;
}

/** A new draft version with every section (their revisions as given: a copy keeps its sections' revisions). */
export async function insertTermsVersion(
  db: Executor,
  v: { id: string; reviewId: string; version: number; by: string | null; at: string; content: TermsContent; revisions: Partial<Record<TermsSection, number>> },
): Promise<void> {
  await db
    .insertInto('terms_of_reference_versions')
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
      approved_by: null,
      approved_at: null,
    })
    .execute();
  await db
    .insertInto('terms_of_reference_sections')
    .values(
      Object.entries(v.content).map(([section, content]) => ({
        version_id: v.id,
        section,
        content: JSON.stringify(content),
        revision: v.revisions[section as TermsSection] ?? 0,
        updated_by: v.by,
        updated_at: v.at,
      })),
    )
    .execute();
}

/** Writes a section of a draft at its next revision, and counts the change on the version. */
export async function updateTermsSection(
  db: Executor,
  s: { versionId: string; section: TermsSection; content: unknown; revision: number; by: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('terms_of_reference_sections')
    .set({ content: JSON.stringify(s.content), revision: s.revision, updated_by: s.by, updated_at: s.at })
    .where('version_id', '=', s.versionId)
    .where('section', '=', s.section)
    .execute();
  await db
    .updateTable('terms_of_reference_versions')
    .set((eb) => ({ revision: eb('revision', '+', 1), updated_by: s.by, updated_at: s.at }))
    .where('id', '=', s.versionId)
    .execute();
}

/** Rewrites a section of a draft as its approval keeps it (the agencies' names then), without counting a change. */
export async function keepTermsSection(db: Executor, s: { versionId: string; section: TermsSection; content: unknown }): Promise<void> {
  await db
    .updateTable('terms_of_reference_sections')
    .set({ content: JSON.stringify(s.content) })
    .where('version_id', '=', s.versionId)
    .where('section', '=', s.section)
    .execute();
}

/** Marks a draft approved (frozen from now on). */
export async function approveTermsVersion(db: Executor, versionId: string, by: string, at: string): Promise<void> {
  await db
    .updateTable('terms_of_reference_versions')
    .set({ status: 'approved', approved_by: by, approved_at: at, updated_by: by, updated_at: at })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .execute();
}

/** The agencies the review's referral named as involved (the first draft's agencies). */
export async function referralAgencyIds(db: Executor, referralId: string): Promise<string[]> {
  const rows = await db.selectFrom('referral_agencies').select('agency_id').where('referral_id', '=', referralId).execute();
  return rows.map((r) => r.agency_id);
}

/** The period under review the terms set: the approved version's, else the latest draft's; nulls when none says. */
export async function reviewPeriod(db: Executor, reviewId: string): Promise<{ from: string | null; to: string | null }> {
  const head = await findTermsHead(db, reviewId);
  const version = head ? (head.approvedVersion ?? head.latestVersion) : 0;
  const terms = version > 0 ? await findTermsVersion(db, reviewId, version) : undefined;
  return { from: terms?.content.period.startOn ?? null, to: terms?.content.period.endOn ?? null };
}
