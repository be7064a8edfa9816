// File contents in S3-compatible object storage (AWS S3, MinIO, Ceph, Garage, …), so several instances or
// hosts share them. Uploads stream through a multipart upload (5 MiB parts, one at a time: memory stays
// bounded whatever the file's size); moving a temporary object into place is a server-side copy then a
// delete. The bucket, endpoint, region and credentials come from config.ts only: the client is given
// all of them, so it never looks for credentials of its own.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../../config.ts';
import { BlobNotFound, type BlobStore, checkKey, type StoredObject, TEMPORARY_PREFIX } from './blob-store.ts';

const PART_BYTES = 5 * 1024 * 1024;

/** The SDK and the client made with it. */
interface Sdk {
  s3: typeof import('@aws-sdk/client-s3');
  Upload: typeof import('@aws-sdk/lib-storage').Upload;
  client: S3Client;
}

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private loading?: Promise<Sdk>;
  private client?: S3Client;

  constructor(private readonly settings: S3Settings) {}

  /** The SDK is loaded (and the client made) when the store is first used, not with every process that could use it. */
  private sdk(): Promise<Sdk> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<Sdk> {
    const settings = this.settings;
    const [s3, { Upload }] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]);
    this.client = new s3.S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // Checksums only where S3 requires them: many S3-compatible services do not understand the
      // SDK's default streaming checksums (aws-chunked trailers). Contents are authenticated by their
      // own encryption (file-cipher.ts) anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return { s3, Upload, client: this.client };
  }

  describe(): string {
    const where = this.settings.endpoint ?? `AWS ${this.settings.region}`;
    return `bucket ${this.settings.bucket}${this.settings.prefix ? `/${this.settings.prefix}` : ''} at ${where}`;
  }

  private objectKey(key: string): string {
    return `${this.settings.prefix}${checkKey(key)}`;
  }

  /** Whether the bucket can be reached with these credentials (start-up check). */
  async check(): Promise<void> {
    const { s3, client } = await this.sdk();
    await client.send(new s3.HeadBucketCommand({ Bucket: this.settings.bucket }));
  }

  async putTemporary(body: Readable): Promise<string> {
    const { Upload, client } = await this.sdk();
    const key = `${TEMPORARY_PREFIX}${randomUUID()}`;
    const upload = new Upload({
      client,
      params: { Bucket: this.settings.bucket, Key: this.objectKey(key), Body: body },
      queueSize: 1,
      partSize: PART_BYTES,
      leavePartsOnError: false,
    });
    // A failing body aborts the multipart upload; the object never appears.
    let failure: unknown;
    body.once('error', (error) => {
      failure = error;
    });
    try {
      await upload.done();
    } catch (error) {
      throw failure ?? error;
    }
    if (failure) {
      await this.delete(key);
      throw failure;
    }
    return key;
  }

  async promote(temporaryKey: string, key: string): Promise<void> {
    const { s3, client } = await this.sdk();
    await client.send(
      new s3.CopyObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.objectKey(key),
        CopySource: `${this.settings.bucket}/${this.objectKey(temporaryKey)}`,
      }),
    );
    await this.delete(temporaryKey);
  }

  async get(key: string): Promise<Readable> {
    const { s3, client } = await this.sdk();
    try {
      const answer = await client.send(new s3.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      return answer.Body as Readable;
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') throw new BlobNotFound(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const { s3, client } = await this.sdk();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const { s3, client } = await this.sdk();
    let token: string | undefined;
    do {
      const page = await client.send(
        new s3.ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: `${this.settings.prefix}${prefix}`, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield { key: object.Key.slice(this.settings.prefix.length), modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  close(): void {
    this.client?.destroy();
  }
}
