// The anonymisation checks of a review's publishable documents and their findings (issue 13 item 2): a check
// per document kind, language and version; its findings' matched text and context sealed at rest and opened only
// when the caller passes the cipher; every change made on the check's version its author read (a stale one
// changes nothing: the service answers 409). The anonymisation service decides; this reads and writes.
import type { Dialect } from '../database.ts';
import { type FieldCipher, sealedPlace } from '../field-cipher.ts';
import type { Executor } from '../transaction.ts';

export interface CheckRow {
  id: string;
  reviewId: string;
  boardId: string;
  documentKind: string;
  language: string;
  documentVersion: number;
  documentDigest: string;
  status: 'open' | 'approved';
  checklist: string;
  previousCheckId: string | null;
  scannedAt: string;
  scannedByName: string | null;
  approvedAt: string | null;
  approvedByName: string | null;
  version: number;
}

/** A check with the number of its findings still open and accepted. */
export interface CheckSummaryRow extends CheckRow {
  open: number;
  accepted: number;
}

export interface FindingRow {
  id: string;
  position: number;
  section: string;
  kind: string;
  start: number;
  end: number;
  confidence: 'certain' | 'likely';
  entryId: string | null;
  fingerprint: string;
  decision: 'open' | 'accepted';
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
}

/** A finding with its matched text and context opened. */
export interface OpenedFindingRow extends FindingRow {
  match: string;
  before: string;
  after: string;
}

const matchPlace = (id: string) => sealedPlace('anonymisation_findings', 'match_text', id);
const contextPlace = (id: string) => sealedPlace('anonymisation_findings', 'context', id);

function checksQuery(db: Executor) {
  return db
    .selectFrom('anonymisation_checks as c')
    .leftJoin('people as ps', 'ps.id', 'c.scanned_by')
    .leftJoin('people as pa', 'pa.id', 'c.approved_by')
    .select([
      'c.id',
      'c.review_id',
      'c.board_id',
      'c.document_kind',
      'c.language',
      'c.document_version',
      'c.document_digest',
      'c.status',
      'c.checklist',
      'c.previous_check_id',
      'c.scanned_at',
      'c.approved_at',
      'c.version',
      'ps.full_name as scanned_by_name',
      'pa.full_name as approved_by_name',
    ]);
}

type CheckSelect = {
  id: string;
  review_id: string;
  board_id: string;
  document_kind: string;
  language: string;
  document_version: number;
  document_digest: string;
  status: string;
  checklist: string;
  previous_check_id: string | null;
  scanned_at: string;
  approved_at: string | null;
  version: number;
  scanned_by_name: string | null;
  approved_by_name: string | null;
};

function checkOf(r: CheckSelect): CheckRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    boardId: r.board_id,
    documentKind: r.document_kind,
    language: r.language,
    documentVersion: Number(r.document_version),
    documentDigest: r.document_digest,
    status: r.status === 'approved' ? 'approved' : 'open',
    checklist: r.checklist,
    previousCheckId: r.previous_check_id,
    scannedAt: r.scanned_at,
    scannedByName: r.scanned_by_name,
    approvedAt: r.approved_at,
    approvedByName: r.approved_by_name,
    version: Number(r.version),
  };
}

/** The review's checks with their open and accepted findings, by document, language and newest version first. */
export async function listChecks(db: Executor, reviewId: string): Promise<CheckSummaryRow[]> {
  const rows = await checksQuery(db)
    .where('c.review_id', '=', reviewId)
    .orderBy('c.document_kind')
    .orderBy('c.language')
    .orderBy('c.document_version', 'desc')
    .execute();
  const counts = await db
    .selectFrom('anonymisation_findings')
    .select(['check_id', 'decision', (eb) => eb.fn.countAll<number>().as('n')])
    .where('review_id', '=', reviewId)
    .groupBy(['check_id', 'decision'])
    .execute();
  const count = (id: string, decision: string) => Number(counts.find((c) => c.check_id === id && c.decision === decision)?.n ?? 0);
  return rows.map((r) => ({ ...checkOf(r), open: count(r.id, 'open'), accepted: count(r.id, 'accepted') }));
}

export async function findCheck(db: Executor, reviewId: string, checkId: string): Promise<CheckRow | undefined> {
  const row = await checksQuery(db).where('c.review_id', '=', reviewId).where('c.id', '=', checkId).executeTakeFirst();
  return row ? checkOf(row) : undefined;
}

/** The check of the newest version of a document scanned (the one the next scan follows or replaces). */
export async function latestCheck(db: Executor, reviewId: string, kind: string, language: string): Promise<CheckRow | undefined> {
  const row = await checksQuery(db)
    .where('c.review_id', '=', reviewId)
    .where('c.document_kind', '=', kind)
    .where('c.language', '=', language)
    .orderBy('c.document_version', 'desc')
    .executeTakeFirst();
  return row ? checkOf(row) : undefined;
}

/** The check of one version of a document, if it was scanned. */
export async function checkOfVersion(db: Executor, reviewId: string, kind: string, language: string, documentVersion: number): Promise<CheckRow | undefined> {
  const row = await checksQuery(db)
    .where('c.review_id', '=', reviewId)
    .where('c.document_kind', '=', kind)
    .where('c.language', '=', language)
    .where('c.document_version', '=', documentVersion)
    .executeTakeFirst();
  return row ? checkOf(row) : undefined;
}

/**
 * Locks the review's checks for the rest of the transaction (PostgreSQL: the review's row; SQLite's IMMEDIATE
 * transaction holds the write lock already): two scans of one review run one after the other.
 */
export async function lockChecks(trx: Executor, dialect: Dialect, reviewId: string): Promise<void> {
  if (dialect === 'postgres') await trx.selectFrom('reviews').select('id').where('id', '=', reviewId).forUpdate().executeTakeFirst();
}

export async function insertCheck(
  db: Executor,
  c: {
    id: string;
    reviewId: string;
    boardId: string;
    kind: string;
    language: string;
    documentVersion: number;
    documentDigest: string;
    previousCheckId: string | null;
    by: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('anonymisation_checks')
    .values({
      id: c.id,
      review_id: c.reviewId,
      board_id: c.boardId,
      document_kind: c.kind,
      language: c.language,
      document_version: c.documentVersion,
      document_digest: c.documentDigest,
      status: 'open',
      checklist: '{}',
      previous_check_id: c.previousCheckId,
      scanned_by: c.by,
      scanned_at: c.at,
      approved_by: null,
      approved_at: null,
      version: 1,
      created_at: c.at,
      updated_at: c.at,
    })
    .execute();
}

/**
 * Moves a check to its next version with the changes given, only if it is still at the version its author read;
 * whether it was. Every change of a check or its findings starts here.
 */
export async function bumpCheck(
  db: Executor,
  c: { id: string; reviewId: string; version: number; at: string },
  set: {
    status?: 'open' | 'approved';
    checklist?: string;
    scannedBy?: string | null;
    scannedAt?: string;
    documentDigest?: string;
    approvedBy?: string | null;
    approvedAt?: string | null;
  } = {},
): Promise<boolean> {
  const res = await db
    .updateTable('anonymisation_checks')
    .set({
      ...(set.status === undefined ? {} : { status: set.status }),
      ...(set.checklist === undefined ? {} : { checklist: set.checklist }),
      ...(set.documentDigest === undefined ? {} : { document_digest: set.documentDigest }),
      ...(set.scannedBy === undefined ? {} : { scanned_by: set.scannedBy }),
      ...(set.scannedAt === undefined ? {} : { scanned_at: set.scannedAt }),
      ...(set.approvedBy === undefined ? {} : { approved_by: set.approvedBy }),
      ...(set.approvedAt === undefined ? {} : { approved_at: set.approvedAt }),
      version: c.version + 1,
      updated_at: c.at,
    })
    .where('id', '=', c.id)
    .where('review_id', '=', c.reviewId)
    .where('version', '=', c.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

function findingsQuery(db: Executor, checkId: string) {
  return db
    .selectFrom('anonymisation_findings as f')
    .leftJoin('people as p', 'p.id', 'f.decided_by')
    .select([
      'f.id',
      'f.position',
      'f.section',
      'f.kind',
      'f.start_offset',
      'f.end_offset',
      'f.confidence',
      'f.entry_id',
      'f.fingerprint',
      'f.decision',
      'f.reason',
      'f.decided_by',
      'f.decided_at',
      'f.match_text',
      'f.context',
      'p.full_name as decided_by_name',
    ])
    .where('f.check_id', '=', checkId)
    .orderBy('f.position');
}

type FindingSelect = Awaited<ReturnType<ReturnType<typeof findingsQuery>['execute']>>[number];

function findingOf(r: FindingSelect): FindingRow {
  return {
    id: r.id,
    position: Number(r.position),
    section: r.section,
    kind: r.kind,
    start: Number(r.start_offset),
    end: Number(r.end_offset),
    confidence: r.confidence === 'likely' ? 'likely' : 'certain',
    entryId: r.entry_id,
    fingerprint: r.fingerprint,
    decision: r.decision === 'accepted' ? 'accepted' : 'open',
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decidedByName: r.decided_by_name,
  };
}

/** A check's findings in document order, without their text. */
export async function checkFindings(db: Executor, checkId: string): Promise<FindingRow[]> {
  return (await findingsQuery(db, checkId).execute()).map(findingOf);
}

/** A check's findings in document order, their matched text and context opened. */
export async function openedFindings(db: Executor, cipher: FieldCipher, checkId: string): Promise<OpenedFindingRow[]> {
  return (await findingsQuery(db, checkId).execute()).map((r) => {
    const context = JSON.parse(cipher.decrypt(r.context, contextPlace(r.id))) as { before: string; after: string };
    return { ...findingOf(r), match: cipher.decrypt(r.match_text, matchPlace(r.id)), before: context.before, after: context.after };
  });
}

export interface NewFinding {
  id: string;
  position: number;
  section: string;
  kind: string;
  start: number;
  end: number;
  confidence: 'certain' | 'likely';
  entryId: string | null;
  match: string;
  before: string;
  after: string;
  fingerprint: string;
  decision: 'open' | 'accepted';
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** Replaces a check's findings with a scan's (the text and context sealed to each finding). */
export async function replaceFindings(db: Executor, cipher: FieldCipher, checkId: string, reviewId: string, findings: readonly NewFinding[]): Promise<void> {
  await db.deleteFrom('anonymisation_findings').where('check_id', '=', checkId).execute();
  for (let i = 0; i < findings.length; i += 100) {
    const batch = findings.slice(i, i + 100);
    await db
      .insertInto('anonymisation_findings')
      .values(
        batch.map((f) => ({
          id: f.id,
          check_id: checkId,
          review_id: reviewId,
          position: f.position,
          section: f.section,
          kind: f.kind,
          start_offset: f.start,
          end_offset: f.end,
          confidence: f.confidence,
          entry_id: f.entryId,
          match_text: cipher.encrypt(f.match, matchPlace(f.id)),
          context: cipher.encrypt(JSON.stringify({ before: f.before, after: f.after }), contextPlace(f.id)),
          fingerprint: f.fingerprint,
          decision: f.decision,
          reason: f.reason,
          decided_by: f.decidedBy,
          decided_at: f.decidedAt,
        })),
      )
      .execute();
  }
}

/** Accepts an open finding of the check with its reason; whether it was open. */
export async function acceptFinding(db: Executor, f: { id: string; checkId: string; reason: string; by: string | null; at: string }): Promise<boolean> {
  const res = await db
    .updateTable('anonymisation_findings')
    .set({ decision: 'accepted', reason: f.reason, decided_by: f.by, decided_at: f.at })
    .where('id', '=', f.id)
    .where('check_id', '=', f.checkId)
    .where('decision', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Names a review's documents rightly use that look like names: the board's and the involved agencies' (those asked
 * for a contribution), in English and Welsh — known terms the scanner does not report.
 */
export async function reviewKnownNames(db: Executor, reviewId: string, boardId: string): Promise<string[]> {
  const board = await db.selectFrom('boards').select(['name_en', 'name_cy']).where('id', '=', boardId).executeTakeFirst();
  const agencies = await db
    .selectFrom('contribution_requests as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['a.name_en', 'a.name_cy'])
    .where('r.review_id', '=', reviewId)
    .execute();
  const names = [board, ...agencies].flatMap((n) => (n ? [n.name_en, n.name_cy] : []));
  return [...new Set(names.filter((n) => n.trim() !== ''))];
}
