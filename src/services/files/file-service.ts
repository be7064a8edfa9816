// Uploaded files: streamed in (never held whole in memory), checked, encrypted, stored content-addressed
// behind a BlobStore, counted, and streamed back out decrypted, every download audited. Infrastructure,
// like mail and audit: the capability that owns a record decides who may attach or read its files and
// calls this service (the deployment's file storage check does so for administrators).
//
// An upload: the content streams through UploadInspector (size limit, keyed address, kind from the
// content, optional clamd scan) and EncryptStream (its own random data key) into a temporary object;
// then one transaction finds or creates the blob by address (moving the temporary object to
// `blobs/<aa>/<address>.<blob id>` while it holds the blob's row), records the file and its first
// reference, and audits FILE_STORED. Equal content uploaded again in the same scope (a board, or the
// deployment) is stored once; the new temporary object is dropped.
//
// The address is HMAC-SHA-256 under a key derived from the blind-index key (outside the database), of the
// scope and the content: nobody without the key can tell from the store or the database whether a given
// document is held, and equal files of two boards never share an address, so nothing shows that two
// boards hold the same document. Within one scope, that two uploads share a blob is visible (as it is to
// the service, which counts them): that is the point of content addressing.
//
// References: a file is kept while any record references it; when its last reference is released the
// file is deleted, and its blob when no file uses it (the object goes after the commit, or, if that
// fails, at the next sweep). The object's name carries its blob's id, so an object deleted after its blob
// went can never be one that equal content stored again meanwhile now uses.
import { hkdfSync, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { type FieldCipher, sealedPlace } from '../../db/field-cipher.ts';
import {
  blobByAddress,
  changeReferenceCount,
  countBlobFile,
  deleteBlob,
  deleteFile,
  deleteReference,
  existingBlobIds,
  type FileOwner,
  type FileWithBlob,
  filesOf,
  fileWithBlob,
  insertBlobUnlessStored,
  insertFile,
  insertReference,
  isReferencedBy,
  uncountBlobFile,
} from '../../db/repositories/files-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { cleanFileName, FILE_AUDIT, type FilePurpose } from '../../domain/files.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, newId, notFound } from '../context.ts';
import { BLOB_PREFIX, type BlobStore, TEMPORARY_PREFIX } from './blob-store.ts';
import type { ClamdClient } from './clamd.ts';
import { DATA_KEY_BYTES, DecryptStream, EncryptStream } from './file-cipher.ts';
import { UploadInspector, UploadRefused } from './upload-inspector.ts';

export type { FileOwner } from '../../db/repositories/files-repository.ts';
export { UploadRefused } from './upload-inspector.ts';

export interface StoredFile {
  id: string;
  boardId: string | null;
  purpose: FilePurpose;
  name: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy: string | null;
  createdAt: string;
  referenceCount: number;
}

export interface UploadInput {
  /** null: a deployment-wide file. */
  boardId: string | null;
  purpose: FilePurpose;
  /** As the uploader's computer named it: kept (sealed), cleaned, for the download. */
  name: string;
  content: Readable;
  /** The record the upload is for: its first reference. */
  owner: FileOwner;
}

export interface FileLimits {
  /** The largest file of each purpose, in bytes. */
  maxBytes: Record<FilePurpose, number>;
}

/** Temporary objects older than this are uploads that died: the sweep removes them. */
const TEMPORARY_GRACE_MS = 24 * 3_600_000;
/** Stored objects without a blob row older than this are left over from a failed transaction or deletion. */
const ORPHAN_GRACE_MS = 3_600_000;

/** The recurring job that sweeps the store (FileService.sweep), and how often it runs. */
export const FILE_SWEEP_JOB = 'files.sweep';
export const FILE_SWEEP_EVERY_MS = 3_600_000;

export class FileService {
  private readonly addressKey: Buffer;

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      audit: AuditService;
      cipher: FieldCipher;
      /** The blind-index key: the address key is derived from it (it is never rotated, so addresses stay stable). */
      blindIndexKey: Buffer;
      store: BlobStore;
      scanner: ClamdClient | undefined;
      limits: FileLimits;
      log?: { warn(obj: object, msg: string): void };
    },
  ) {
    this.addressKey = Buffer.from(hkdfSync('sha256', deps.blindIndexKey, Buffer.alloc(0), 'case-review file address v1', 32));
  }

  get store(): BlobStore {
    return this.deps.store;
  }

  get limits(): FileLimits {
    return this.deps.limits;
  }

  /** Fails unless the store can be written and, when a scanner is configured, clamd answers. */
  async checkStorage(): Promise<void> {
    await this.deps.store.check();
    if ((await this.scannerAnswers()) === false) throw new Error(`the virus scanner (${this.deps.scanner?.describe()}) does not answer`);
  }

  /** Whether clamd answers PING; undefined when uploads are not scanned. */
  async scannerAnswers(): Promise<boolean | undefined> {
    return this.deps.scanner ? this.deps.scanner.ping() : undefined;
  }

  /** Where files are kept and how they are scanned, in words (never credentials). */
  describe(): { storage: string; kind: 'local' | 's3'; scanner: string | undefined } {
    return { storage: this.deps.store.describe(), kind: this.deps.store.kind, scanner: this.deps.scanner?.describe() };
  }

  private toStoredFile({ file, blob }: FileWithBlob): StoredFile {
    return {
      id: file.id,
      boardId: file.board_id,
      purpose: file.purpose as FilePurpose,
      name: this.deps.cipher.decrypt(file.name, sealedPlace('files', 'name', file.id)),
      contentType: blob.content_type,
      sizeBytes: Number(blob.size_bytes),
      uploadedBy: file.uploaded_by,
      createdAt: file.created_at,
      referenceCount: Number(file.reference_count),
    };
  }

  private dataKey(blob: { id: string; data_key: string }): Buffer {
    return Buffer.from(this.deps.cipher.decrypt(blob.data_key, sealedPlace('file_blobs', 'data_key', blob.id)), 'base64');
  }

  /**
   * Streams the content in, checks and stores it, and records the file with its owner's reference;
   * `within` runs in the same transaction (a capability records what the file is for, with its own
   * audit event). UploadRefused names what the uploader can change (too large, not an accepted kind,
   * empty, infected, the scanner unreachable): nothing is stored then.
   */
  async upload(caller: Caller, input: UploadInput, within?: (trx: Executor, file: StoredFile) => Promise<void>): Promise<StoredFile> {
    const scope = input.boardId ?? 'deployment';
    const scan = this.deps.scanner ? await this.scannerSession() : undefined;
    const inspector = new UploadInspector({
      purpose: input.purpose,
      maxBytes: this.deps.limits.maxBytes[input.purpose],
      addressKey: this.addressKey,
      scope,
      scan,
    });
    const dataKey = randomBytes(DATA_KEY_BYTES);
    const encrypted = pipeline(input.content, inspector, new EncryptStream(dataKey), () => {});
    let temporaryKey: string;
    try {
      temporaryKey = await this.deps.store.putTemporary(encrypted);
    } catch (error) {
      input.content.resume();
      const refusal = inspector.refusal ?? (error instanceof UploadRefused ? error : undefined);
      if (refusal?.reason === 'infected') await this.auditInfected(caller, input, refusal.detail ?? '');
      throw refusal ?? error;
    }
    const { sizeBytes, address, mime } = inspector.inspection;
    const now = this.deps.clock.now().toISOString();
    const blobId = newId();
    const fileId = newId();
    const objectKey = `${BLOB_PREFIX}${address.slice(0, 2)}/${address}.${blobId}`;
    let promoted = false;
    try {
      const stored = await inTransaction(this.deps.db, async (trx) => {
        promoted = false;
        let blob: { id: string; deduplicated: boolean } | undefined;
        // Twice at most: the blob found by address may go (its last file released) before it is counted.
        for (let attempt = 0; attempt < 3 && !blob; attempt++) {
          const created = await insertBlobUnlessStored(trx, {
            id: blobId,
            board_id: input.boardId,
            address,
            object_key: objectKey,
            size_bytes: sizeBytes,
            content_type: mime,
            data_key: this.deps.cipher.encrypt(dataKey.toString('base64'), sealedPlace('file_blobs', 'data_key', blobId)),
            file_count: 1,
            created_at: now,
          });
          if (created) {
            // Moved while this transaction holds the new row: a rollback leaves only an orphan object, which the sweep removes.
            await this.deps.store.promote(temporaryKey, objectKey);
            promoted = true;
            blob = { id: blobId, deduplicated: false };
          } else {
            const existing = await blobByAddress(trx, address);
            if (existing && (await countBlobFile(trx, existing.id))) blob = { id: existing.id, deduplicated: true };
          }
        }
        if (!blob) throw new Error('the stored content went while it was being reused; try again');
        const name = cleanFileName(input.name);
        await insertFile(trx, {
          id: fileId,
          blob_id: blob.id,
          board_id: input.boardId,
          purpose: input.purpose,
          name: this.deps.cipher.encrypt(name, sealedPlace('files', 'name', fileId)),
          reference_count: 1,
          uploaded_by: caller.actor?.personId ?? null,
          created_at: now,
        });
        await insertReference(trx, fileId, input.owner, now);
        await this.deps.audit.record(trx, caller, {
          action: FILE_AUDIT.stored,
          boardId: input.boardId,
          recordType: 'file',
          recordId: fileId,
          summary: { blobId: blob.id, sizeBytes, contentType: mime, purpose: input.purpose, deduplicated: blob.deduplicated, ownerType: input.owner.type },
        });
        const file: StoredFile = {
          id: fileId,
          boardId: input.boardId,
          purpose: input.purpose,
          name,
          contentType: mime,
          sizeBytes,
          uploadedBy: caller.actor?.personId ?? null,
          createdAt: now,
          referenceCount: 1,
        };
        if (within) await within(trx, file);
        return { file, deduplicated: blob.deduplicated };
      });
      if (stored.deduplicated) await this.forget(temporaryKey);
      return stored.file;
    } catch (error) {
      await this.forget(promoted ? objectKey : temporaryKey);
      throw error;
    }
  }

  private async scannerSession() {
    try {
      return await this.deps.scanner?.scan();
    } catch (error) {
      throw new UploadRefused('scanUnavailable', (error as Error).message);
    }
  }

  /** A refused infected upload is a security event: audited (the signature's name, never the content). */
  private async auditInfected(caller: Caller, input: UploadInput, signature: string): Promise<void> {
    this.deps.log?.warn({ signature, purpose: input.purpose, ownerType: input.owner.type }, 'upload refused: the virus scanner found harmful content');
    await inTransaction(this.deps.db, (trx) =>
      this.deps.audit.record(trx, caller, {
        action: FILE_AUDIT.refusedInfected,
        boardId: input.boardId,
        summary: { signature, purpose: input.purpose, ownerType: input.owner.type },
      }),
    );
  }

  /** Deletes an object, leaving it to the sweep when the store will not. */
  private async forget(key: string): Promise<void> {
    await this.deps.store.delete(key).catch((error: unknown) => this.deps.log?.warn({ err: error, key }, 'stored object left for the sweep'));
  }

  /** The file (names decrypted), if it exists and, when an owner is given, is referenced by it. */
  async fileOf(fileId: string, owner?: FileOwner): Promise<StoredFile | undefined> {
    const found = await fileWithBlob(this.deps.db.kysely, fileId);
    if (!found) return undefined;
    if (owner && !(await isReferencedBy(this.deps.db.kysely, fileId, owner))) return undefined;
    return this.toStoredFile(found);
  }

  /** The files an owner uses, oldest first. */
  async filesOf(owner: FileOwner): Promise<StoredFile[]> {
    return (await filesOf(this.deps.db.kysely, owner)).map((f) => this.toStoredFile(f));
  }

  /**
   * A download: the file's details and its decrypted content as a stream. The read is audited
   * (recordRead: FILE_DOWNLOADED, as the route declares) in the transaction that reads the file's record. With an owner, only a file that
   * owner references is found. The stream is returned once its first segment has been authenticated, so
   * a content that does not decrypt fails here (before any answer starts), not half way through.
   */
  async download(caller: Caller, fileId: string, owner?: FileOwner): Promise<{ file: StoredFile; content: Readable }> {
    const found = await inTransaction(this.deps.db, async (trx) => {
      const row = await fileWithBlob(trx, fileId);
      if (!row || (owner && !(await isReferencedBy(trx, fileId, owner)))) throw notFound('file');
      await this.deps.audit.recordRead(trx, caller, {
        boardId: row.file.board_id,
        recordType: 'file',
        recordId: fileId,
        summary: { sizeBytes: Number(row.blob.size_bytes), contentType: row.blob.content_type, ...(owner ? { ownerType: owner.type } : {}) },
      });
      return row;
    });
    const source = await this.deps.store.get(found.blob.object_key);
    const content = await firstSegmentChecked(source.pipe(new DecryptStream(this.dataKey(found.blob))), source);
    return { file: this.toStoredFile(found), content };
  }

  /** Another record uses the file (in the caller's transaction). not_found when the file has gone. */
  async addReference(trx: Executor, fileId: string, owner: FileOwner): Promise<void> {
    // The file's row first (its lock), then the reference that points at it.
    const count = await changeReferenceCount(trx, fileId, 1);
    if (count === undefined) throw notFound('file');
    if (!(await insertReference(trx, fileId, owner, this.deps.clock.now().toISOString()))) await changeReferenceCount(trx, fileId, -1);
  }

  /**
   * The owner no longer uses the file (in the caller's transaction). When that was its last reference the
   * file is deleted, and its blob when no file uses it; the blob's object key is returned to be deleted
   * after the commit (objects left behind are the sweep's).
   */
  async releaseReference(trx: Executor, fileId: string, owner: FileOwner): Promise<{ released: boolean; fileDeleted: boolean; objectKey?: string }> {
    if (!(await deleteReference(trx, fileId, owner))) return { released: false, fileDeleted: false };
    const left = await changeReferenceCount(trx, fileId, -1);
    if (left === undefined || left > 0) return { released: true, fileDeleted: false };
    const found = await fileWithBlob(trx, fileId);
    await deleteFile(trx, fileId);
    if (!found) return { released: true, fileDeleted: true };
    if ((await uncountBlobFile(trx, found.blob.id)) > 0) return { released: true, fileDeleted: true };
    await deleteBlob(trx, found.blob.id);
    return { released: true, fileDeleted: true, objectKey: found.blob.object_key };
  }

  /** releaseReference in its own transaction, audited (FILE_DELETED when the file went), the object deleted after. */
  async release(caller: Caller, fileId: string, owner: FileOwner): Promise<{ fileDeleted: boolean }> {
    const result = await inTransaction(this.deps.db, async (trx) => {
      const found = await fileWithBlob(trx, fileId);
      const released = await this.releaseReference(trx, fileId, owner);
      if (!released.released) throw notFound('file');
      if (released.fileDeleted) {
        await this.deps.audit.record(trx, caller, {
          action: FILE_AUDIT.deleted,
          boardId: found?.file.board_id ?? null,
          recordType: 'file',
          recordId: fileId,
          summary: { ownerType: owner.type, contentDeleted: released.objectKey !== undefined },
        });
      }
      return released;
    });
    if (result.objectKey) await this.forget(result.objectKey);
    return { fileDeleted: result.fileDeleted };
  }

  /**
   * Removes what failures left in the store: temporary objects of uploads that died (a day old), and
   * stored objects whose blob record does not exist (an hour old: a transaction that rolled back after
   * moving its object, or a deletion whose object could not be removed then).
   */
  async sweep(): Promise<{ temporaries: number; orphans: number }> {
    const now = this.deps.clock.now().getTime();
    let temporaries = 0;
    for await (const object of this.deps.store.list(TEMPORARY_PREFIX)) {
      if (now - object.modifiedAt.getTime() < TEMPORARY_GRACE_MS) continue;
      await this.deps.store.delete(object.key);
      temporaries++;
    }
    let orphans = 0;
    let batch: { key: string; blobId: string }[] = [];
    const flush = async () => {
      const existing = await existingBlobIds(
        this.deps.db.kysely,
        batch.map((b) => b.blobId),
      );
      for (const b of batch) {
        if (existing.has(b.blobId)) continue;
        await this.deps.store.delete(b.key);
        orphans++;
      }
      batch = [];
    };
    for await (const object of this.deps.store.list(BLOB_PREFIX)) {
      if (now - object.modifiedAt.getTime() < ORPHAN_GRACE_MS) continue;
      const blobId = /\.([0-9a-f-]{36})$/.exec(object.key)?.[1];
      if (!blobId) continue;
      batch.push({ key: object.key, blobId });
      if (batch.length >= 500) await flush();
    }
    await flush();
    return { temporaries, orphans };
  }
}

/**
 * The decrypted stream, handed over once its first piece has arrived and authenticated (or the stream
 * ended): a wrong key or a substituted object fails here rather than after an answer has begun.
 */
async function firstSegmentChecked(decrypted: DecryptStream, source: Readable): Promise<Readable> {
  source.on('error', (error) => decrypted.destroy(error));
  await new Promise<void>((resolve, reject) => {
    const ready = () => {
      cleanup();
      resolve();
    };
    const failed = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      decrypted.off('readable', ready);
      decrypted.off('end', ready);
      decrypted.off('error', failed);
    };
    decrypted.once('readable', ready);
    decrypted.once('end', ready);
    decrypted.once('error', failed);
  });
  return decrypted;
}
