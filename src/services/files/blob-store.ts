// Where encrypted file contents are kept: an object store of named, immutable objects. Two
// implementations: local disk under DATA_DIR (one instance) and S3-compatible object storage (several
// instances or hosts sharing files). Both pass the same contract test (blob-store.contract.test.ts).
//
// Names: `tmp/<uuid>` for an upload still being received, `blobs/<aa>/<address>.<blob id>` for stored
// contents (file-service.ts). The store knows nothing of addresses, keys or the database.
import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  /** When the object was written (the sweep leaves young objects alone). */
  modifiedAt: Date;
}

export interface BlobStore {
  /** 'local' or 's3', for the administration page and logs. */
  readonly kind: 'local' | 's3';
  /** Where, in words (a folder, or a bucket and endpoint): never credentials. */
  describe(): string;
  /** Fails unless objects can be written there (the service checks this when it starts). */
  check(): Promise<void>;
  /**
   * Writes the stream to a new temporary object and returns its key, once all of it is stored durably.
   * If the stream fails, nothing is left behind and the stream's error is thrown.
   */
  putTemporary(body: Readable): Promise<string>;
  /** Moves a temporary object to its final key (replacing any object there). */
  promote(temporaryKey: string, key: string): Promise<void>;
  /** The object's bytes as a stream; BlobNotFound if there is no such object. */
  get(key: string): Promise<Readable>;
  /** Removes the object; nothing happens if it is not there. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with the prefix ('tmp/' or 'blobs/'). */
  list(prefix: string): AsyncIterable<StoredObject>;
}

export class BlobNotFound extends Error {
  override name = 'BlobNotFound';
  constructor(key: string) {
    super(`no stored object ${key}`);
  }
}

/** Keys are ours, never a user's: anything else is refused before it reaches a path or a request. */
const KEY = /^(tmp|blobs)\/[a-z0-9][a-z0-9./-]*$/;

export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..') || key.includes('//')) throw new Error(`not a blob key: ${JSON.stringify(key)}`);
  return key;
}

export const TEMPORARY_PREFIX = 'tmp/';
export const BLOB_PREFIX = 'blobs/';
