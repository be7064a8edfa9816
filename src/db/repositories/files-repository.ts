// Uploaded files: stored contents (file_blobs, found by their keyed address), the uploads that name them
// (files) and the records that use each upload (file_references), with their counts. Every change of a
// count is one atomic `update … set n = n ± 1 … returning`, which on PostgreSQL also locks the row until
// the transaction ends: so concurrent references and releases of one file queue behind each other, and
// a file or blob is deleted only by the transaction that took its count to zero. Lock order, to keep
// PostgreSQL free of deadlocks: the file's row (or the blob's) before anything that points at it.
import type { FileBlobRow, FileRow } from '../schema/files.ts';
import type { Executor } from '../transaction.ts';

export interface FileOwner {
  /** What kind of record uses the file ('review_document', …; 'file_storage_check' for the check page). */
  type: string;
  id: string;
}

export interface FileWithBlob {
  file: FileRow;
  blob: FileBlobRow;
}

/** Inserts the blob unless its address is taken; true when this call inserted it. */
export async function insertBlobUnlessStored(db: Executor, row: FileBlobRow): Promise<boolean> {
  const inserted = await db
    .insertInto('file_blobs')
    .values(row)
    .onConflict((oc) => oc.column('address').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function blobByAddress(db: Executor, address: string): Promise<FileBlobRow | undefined> {
  return db.selectFrom('file_blobs').selectAll().where('address', '=', address).executeTakeFirst();
}

/** One more file uses the blob; false when the blob went meanwhile (its last file was released). */
export async function countBlobFile(db: Executor, blobId: string): Promise<boolean> {
  const row = await db
    .updateTable('file_blobs')
    .set((eb) => ({ file_count: eb('file_count', '+', 1) }))
    .where('id', '=', blobId)
    .where('file_count', '>', 0)
    .returning('file_count')
    .executeTakeFirst();
  return row !== undefined;
}

/** One file fewer uses the blob: how many still do. */
export async function uncountBlobFile(db: Executor, blobId: string): Promise<number> {
  const row = await db
    .updateTable('file_blobs')
    .set((eb) => ({ file_count: eb('file_count', '-', 1) }))
    .where('id', '=', blobId)
    .returning('file_count')
    .executeTakeFirstOrThrow();
  return Number(row.file_count);
}

export async function deleteBlob(db: Executor, blobId: string): Promise<void> {
  await db.deleteFrom('file_blobs').where('id', '=', blobId).execute();
}

export async function insertFile(db: Executor, row: FileRow): Promise<void> {
  await db.insertInto('files').values(row).execute();
}

/** Changes the file's reference count (never below one by adding: a file at zero is gone); the new count, or undefined when there is no such file. */
export async function changeReferenceCount(db: Executor, fileId: string, by: 1 | -1): Promise<number | undefined> {
  let query = db
    .updateTable('files')
    .set((eb) => ({ reference_count: eb('reference_count', by > 0 ? '+' : '-', 1) }))
    .where('id', '=', fileId);
  if (by > 0) query = query.where('reference_count', '>', 0);
  const row = await query.returning('reference_count').executeTakeFirst();
  return row === undefined ? undefined : Number(row.reference_count);
}

/** Records the owner's use of the file; false when it was recorded already. */
export async function insertReference(db: Executor, fileId: string, owner: FileOwner, at: string): Promise<boolean> {
  const inserted = await db
    .insertInto('file_references')
    .values({ file_id: fileId, owner_type: owner.type, owner_id: owner.id, created_at: at })
    .onConflict((oc) => oc.columns(['file_id', 'owner_type', 'owner_id']).doNothing())
    .returning('file_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes the owner's use of the file; false when there was none. */
export async function deleteReference(db: Executor, fileId: string, owner: FileOwner): Promise<boolean> {
  const result = await db
    .deleteFrom('file_references')
    .where('file_id', '=', fileId)
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteFile(db: Executor, fileId: string): Promise<void> {
  await db.deleteFrom('files').where('id', '=', fileId).execute();
}

export async function fileWithBlob(db: Executor, fileId: string): Promise<FileWithBlob | undefined> {
  const file = await db.selectFrom('files').selectAll().where('id', '=', fileId).executeTakeFirst();
  if (!file) return undefined;
  const blob = await db.selectFrom('file_blobs').selectAll().where('id', '=', file.blob_id).executeTakeFirstOrThrow();
  return { file, blob };
}

export async function isReferencedBy(db: Executor, fileId: string, owner: FileOwner): Promise<boolean> {
  const row = await db
    .selectFrom('file_references')
    .select('file_id')
    .where('file_id', '=', fileId)
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();
  return row !== undefined;
}

/** The files an owner uses, oldest first, with their blobs. */
export async function filesOf(db: Executor, owner: FileOwner): Promise<FileWithBlob[]> {
  const rows = await db
    .selectFrom('file_references as r')
    .innerJoin('files as f', 'f.id', 'r.file_id')
    .innerJoin('file_blobs as b', 'b.id', 'f.blob_id')
    .select([
      'f.id as f_id',
      'f.blob_id as f_blob_id',
      'f.board_id as f_board_id',
      'f.purpose as f_purpose',
      'f.name as f_name',
      'f.reference_count as f_reference_count',
      'f.uploaded_by as f_uploaded_by',
      'f.created_at as f_created_at',
      'b.id as b_id',
      'b.board_id as b_board_id',
      'b.address as b_address',
      'b.object_key as b_object_key',
      'b.size_bytes as b_size_bytes',
      'b.content_type as b_content_type',
      'b.data_key as b_data_key',
      'b.file_count as b_file_count',
      'b.created_at as b_created_at',
    ])
    .where('r.owner_type', '=', owner.type)
    .where('r.owner_id', '=', owner.id)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({
    file: {
      id: r.f_id,
      blob_id: r.f_blob_id,
      board_id: r.f_board_id,
      purpose: r.f_purpose,
      name: r.f_name,
      reference_count: Number(r.f_reference_count),
      uploaded_by: r.f_uploaded_by,
      created_at: r.f_created_at,
    },
    blob: {
      id: r.b_id,
      board_id: r.b_board_id,
      address: r.b_address,
      object_key: r.b_object_key,
      size_bytes: Number(r.b_size_bytes),
      content_type: r.b_content_type,
      data_key: r.b_data_key,
      file_count: Number(r.b_file_count),
      created_at: r.b_created_at,
    },
  }));
}

/** Which of these blob ids have a row (the sweep's question about objects it finds in the store). */
export async function existingBlobIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('file_blobs').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
