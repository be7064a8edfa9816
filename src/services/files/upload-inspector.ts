// The checks an upload passes through as it streams, before it is encrypted and stored: its size against
// the purpose's limit, its keyed address (HMAC of the content), its kind decided from its first bytes
// (file-type's signatures, or plain UTF-8 text), and, when configured, clamd's virus scan fed chunk by
// chunk. Nothing is kept whole: only the first SNIFF_BYTES, until the kind is known.
import { createHmac, type Hmac } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { type FilePurpose, isAccepted, looksLikeText, type UploadRefusal } from '../../domain/files.ts';
import type { ClamdScan } from './clamd.ts';
import { ScanUnavailable } from './clamd.ts';

/** How much of the start of a file its kind is decided from (Office files need their first zip entries). */
const SNIFF_BYTES = 128 * 1024;

/** An upload refused for a reason its uploader can act on (a locale key: errors:file.<reason>). */
export class UploadRefused extends Error {
  override name = 'UploadRefused';
  constructor(
    readonly reason: UploadRefusal,
    readonly detail?: string,
  ) {
    super(`upload refused: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

export interface Inspection {
  sizeBytes: number;
  /** HMAC-SHA-256 of the content under the address key, with the scope first (hex). */
  address: string;
  mime: string;
}

export class UploadInspector extends Transform {
  private size = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  private mime: string | undefined;
  private readonly hmac: Hmac;
  private result: Inspection | undefined;
  /** Why the upload was refused, once it was: kept, so a storage error that follows cannot hide it. */
  refusal: UploadRefused | undefined;

  constructor(
    private readonly opts: {
      purpose: FilePurpose;
      maxBytes: number;
      addressKey: Buffer;
      /** 'deployment' or a board id: equal content in two scopes has two addresses. */
      scope: string;
      scan: ClamdScan | undefined;
    },
  ) {
    super();
    this.hmac = createHmac('sha256', opts.addressKey).update(`case-review/file/v1\u0000${opts.scope}\u0000`);
  }

  /** What the content turned out to be (after the stream has ended). */
  get inspection(): Inspection {
    if (!this.result) throw new Error('the upload has not been read to its end');
    return this.result;
  }

  private refuse(reason: UploadRefusal, detail?: string): UploadRefused {
    this.refusal = new UploadRefused(reason, detail);
    this.opts.scan?.abort();
    return this.refusal;
  }

  private async decide(complete: boolean): Promise<void> {
    const sample = Buffer.concat(this.head, Math.min(this.headBytes, SNIFF_BYTES));
    this.head = [];
    const detected = await fileTypeFromBuffer(sample);
    const mime = detected?.mime ?? (looksLikeText(sample, complete) ? 'text/plain' : 'application/octet-stream');
    if (!isAccepted(this.opts.purpose, mime)) throw this.refuse('type', mime);
    this.mime = mime;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.inspect(chunk).then(
      () => done(null, chunk),
      (error: Error) => done(error),
    );
  }

  private async inspect(chunk: Buffer): Promise<void> {
    if (this.refusal) throw this.refusal;
    this.size += chunk.length;
    if (this.size > this.opts.maxBytes) throw this.refuse('tooLarge', String(this.opts.maxBytes));
    this.hmac.update(chunk);
    if (this.mime === undefined) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes >= SNIFF_BYTES) await this.decide(false);
    }
    if (this.opts.scan) await this.scanned(() => this.opts.scan?.write(chunk));
  }

  private async scanned<T>(work: () => Promise<T> | undefined): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ScanUnavailable) throw this.refuse('scanUnavailable', error.message);
      throw error;
    }
  }

  override _flush(done: TransformCallback): void {
    this.finish().then(
      () => done(),
      (error: Error) => done(error),
    );
  }

  private async finish(): Promise<void> {
    if (this.refusal) throw this.refusal;
    if (this.size === 0) throw this.refuse('empty');
    if (this.mime === undefined) await this.decide(true);
    const verdict = await this.scanned(() => this.opts.scan?.finish());
    if (verdict && !verdict.clean) throw this.refuse('infected', verdict.signature);
    this.result = { sizeBytes: this.size, address: this.hmac.digest('hex'), mime: this.mime ?? 'application/octet-stream' };
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    if (!this.result) this.opts.scan?.abort();
    done(error);
  }
}
