// A review's document library (issue 10 item 9): its documents, their versions and the files they are. The
// title is stored sealed; the service seals and opens it (sealedPlace('review_documents', 'title', id)).
import type { Executor } from '../transaction.ts';

export interface LibraryDocumentRow {
  id: string;
  reviewId: string;
  kind: string;
  classification: string;
  agencyId: string | null;
  /** Sealed. */
  title: string;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface LibraryVersionRow {
  id: string;
  documentId: string;
  version: number;
  fileId: string;
  note: string | null;
  uploadedBy: string | null;
  uploaderName: string | null;
  uploadedAt: string;
  contentType: string;
  sizeBytes: number;
}

const DOCUMENT_COLUMNS = ['id', 'review_id', 'kind', 'classification', 'agency_id', 'title', 'latest_version', 'created_at', 'updated_at'] as const;

function documentRow(r: {
  id: string;
  review_id: string;
  kind: string;
  classification: string;
  agency_id: string | null;
  title: string;
  latest_version: number | string;
  created_at: string;
  updated_at: string;
}): LibraryDocumentRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    kind: r.kind,
    classification: r.classification,
    agencyId: r.agency_id,
    title: r.title,
    latestVersion: Number(r.latest_version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The review's documents, most recently changed first. */
export async function libraryDocuments(db: Executor, reviewId: string): Promise<LibraryDocumentRow[]> {
  const rows = await db
    .selectFrom('review_documents')
    .select(DOCUMENT_COLUMNS)
    .where('review_id', '=', reviewId)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(documentRow);
}

export async function findLibraryDocument(db: Executor, id: string): Promise<LibraryDocumentRow | undefined> {
  const row = await db.selectFrom('review_documents').select(DOCUMENT_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? documentRow(row) : undefined;
}

export async function insertLibraryDocument(
  db: Executor,
  d: { id: string; reviewId: string; kind: string; classification: string; agencyId: string | null; title: string; createdBy: string | null },
  at: string,
): Promise<void> {
  await db
    .insertInto('review_documents')
    .values({
      id: d.id,
      review_id: d.reviewId,
      kind: d.kind,
      classification: d.classification,
      agency_id: d.agencyId,
      title: d.title,
      latest_version: 0,
      created_by: d.createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/**
 * Adds the next version of a document: its counter moves on in the same statement that reads it (the row is
 * written, so two uploads at once take turns), and the version row is unique by number.
 */
export async function insertLibraryVersion(
  db: Executor,
  v: { id: string; documentId: string; fileId: string; note: string | null; uploadedBy: string | null },
  at: string,
): Promise<number> {
  const counted = await db
    .updateTable('review_documents')
    .set((eb) => ({ latest_version: eb('latest_version', '+', 1), updated_at: at }))
    .where('id', '=', v.documentId)
    .returning('latest_version')
    .executeTakeFirstOrThrow();
  const version = Number(counted.latest_version);
  await db
    .insertInto('review_document_versions')
    .values({ id: v.id, document_id: v.documentId, version, file_id: v.fileId, note: v.note, uploaded_by: v.uploadedBy, uploaded_at: at })
    .execute();
  return version;
}

/** A document's versions, newest first, with their files' type and size and the uploader's name. */
export async function libraryVersions(db: Executor, documentIds: readonly string[]): Promise<LibraryVersionRow[]> {
  if (documentIds.length === 0) return [];
  const rows = await db
    .selectFrom('review_document_versions as v')
    .innerJoin('files', 'files.id', 'v.file_id')
    .innerJoin('file_blobs', 'file_blobs.id', 'files.blob_id')
    .leftJoin('people', 'people.id', 'v.uploaded_by')
    .select([
      'v.id',
      'v.document_id',
      'v.version',
      'v.file_id',
      'v.note',
      'v.uploaded_by',
      'v.uploaded_at',
      'people.full_name',
      'file_blobs.content_type',
      'file_blobs.size_bytes',
    ])
    .where('v.document_id', 'in', documentIds)
    .orderBy('v.document_id')
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    documentId: r.document_id,
    version: Number(r.version),
    fileId: r.file_id,
    note: r.note,
    uploadedBy: r.uploaded_by,
    uploaderName: r.full_name,
    uploadedAt: r.uploaded_at,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
  }));
}
