// Generated documents, their numbered versions and rendered files (documents, document_versions,
// document_renderings). A version number is taken like a board counter: one atomic update of the document's
// latest_version inside the creating transaction, so concurrent creations on PostgreSQL wait on the row and
// each gets the next number, and a rolled-back creation gives its number back (no gaps).

import type { Selectable } from 'kysely';
import type { DocumentFormat, DocumentKind, DocumentModel, DocumentRecordType } from '../../domain/documents.ts';
import type { Language } from '../../domain/organisation.ts';
import type { DocumentsTable, DocumentVersionsTable } from '../schema/documents.ts';
import type { Executor } from '../transaction.ts';

/** Which document: a kind of document about one record, in one language. */
export interface DocumentKey {
  kind: DocumentKind;
  recordType: DocumentRecordType;
  recordId: string;
  language: Language;
}

export interface DocumentRecord extends DocumentKey {
  id: string;
  boardId: string;
  latestVersion: number;
}

export interface DocumentVersionRecord {
  id: string;
  documentId: string;
  version: number;
  model: DocumentModel;
  modelSha256: string;
  createdBy: string | null;
  createdAt: string;
}

export interface RenderingRecord {
  versionId: string;
  format: DocumentFormat;
  sha256: string;
  size: number;
  content: Buffer;
  createdAt: string;
}

const byKey = (key: DocumentKey) => ({
  record_type: key.recordType,
  record_id: key.recordId,
  kind: key.kind,
  language: key.language,
});

function toDocument(row: Omit<Selectable<DocumentsTable>, 'created_at' | 'updated_at'>): DocumentRecord {
  return {
    id: row.id,
    kind: row.kind as DocumentKind,
    boardId: row.board_id,
    recordType: row.record_type as DocumentRecordType,
    recordId: row.record_id,
    language: row.language as Language,
    latestVersion: Number(row.latest_version),
  };
}

function toVersion(row: Selectable<DocumentVersionsTable>): DocumentVersionRecord {
  return {
    id: row.id,
    documentId: row.document_id,
    version: Number(row.version),
    model: JSON.parse(row.model) as DocumentModel,
    modelSha256: row.model_sha256,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** The document and its latest version, or undefined if none has been made. */
export async function findLatestVersion(db: Executor, key: DocumentKey): Promise<{ document: DocumentRecord; version: DocumentVersionRecord } | undefined> {
  const k = byKey(key);
  const row = await db
    .selectFrom('documents as d')
    .innerJoin('document_versions as v', (join) => join.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.latest_version'))
    .select([
      'd.id as d_id',
      'd.kind',
      'd.board_id',
      'd.record_type',
      'd.record_id',
      'd.language',
      'd.latest_version',
      'v.id as v_id',
      'v.version',
      'v.model',
      'v.model_sha256',
      'v.created_by',
      'v.created_at',
    ])
    .where('d.record_type', '=', k.record_type)
    .where('d.record_id', '=', k.record_id)
    .where('d.kind', '=', k.kind)
    .where('d.language', '=', k.language)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    document: toDocument({ ...row, id: row.d_id }),
    version: toVersion({ ...row, id: row.v_id, document_id: row.d_id }),
  };
}

/**
 * The document, made if new (with no version yet), and locked for the rest of the transaction: concurrent
 * transactions that want a new version of it wait here, then see what the first one stored.
 */
export async function lockDocument(db: Executor, key: DocumentKey & { id: string; boardId: string }, now: string): Promise<DocumentRecord> {
  const row = await db
    .insertInto('documents')
    .values({ id: key.id, board_id: key.boardId, ...byKey(key), latest_version: 0, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['record_type', 'record_id', 'kind', 'language']).doUpdateSet((eb) => ({ updated_at: eb.ref('excluded.updated_at') })))
    .returning(['id', 'kind', 'board_id', 'record_type', 'record_id', 'language', 'latest_version'])
    .executeTakeFirstOrThrow();
  return toDocument(row);
}

/** Takes the document's next version number (1 for its first). */
export async function nextVersionNumber(db: Executor, documentId: string): Promise<number> {
  const row = await db
    .updateTable('documents')
    .set((eb) => ({ latest_version: eb('latest_version', '+', 1) }))
    .where('id', '=', documentId)
    .returning('latest_version')
    .executeTakeFirstOrThrow();
  return Number(row.latest_version);
}

export async function insertVersion(db: Executor, version: DocumentVersionRecord): Promise<void> {
  await db
    .insertInto('document_versions')
    .values({
      id: version.id,
      document_id: version.documentId,
      version: version.version,
      model: JSON.stringify(version.model),
      model_sha256: version.modelSha256,
      created_by: version.createdBy,
      created_at: version.createdAt,
    })
    .execute();
}

export async function findRendering(db: Executor, versionId: string, format: DocumentFormat): Promise<RenderingRecord | undefined> {
  const row = await db.selectFrom('document_renderings').selectAll().where('version_id', '=', versionId).where('format', '=', format).executeTakeFirst();
  return (
    row && {
      versionId: row.version_id,
      format: row.format as DocumentFormat,
      sha256: row.sha256,
      size: Number(row.size),
      content: Buffer.from(row.content),
      createdAt: row.created_at,
    }
  );
}

/** Stores a rendering unless one of the version in that format is already stored (the first stored is kept). */
export async function insertRendering(db: Executor, rendering: RenderingRecord): Promise<void> {
  await db
    .insertInto('document_renderings')
    .values({
      version_id: rendering.versionId,
      format: rendering.format,
      sha256: rendering.sha256,
      size: rendering.size,
      content: rendering.content,
      created_at: rendering.createdAt,
    })
    .onConflict((oc) => oc.columns(['version_id', 'format']).doNothing())
    .execute();
}
