// Encryption of file contents at rest, as a stream: AES-256-GCM over segments of 64 KiB, each sealed on
// its own (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, as Tink's streaming AEAD
// uses it), so a download is decrypted and authenticated piece by piece with bounded memory, and nothing
// unauthenticated is ever handed on.
//
// Each stored object is encrypted under its own random 256-bit data key (kept in the database sealed by
// the service's encryption key: file-service.ts). The object is
//
//   header  = "CRF1" | segment size (uint32, big-endian)                       (8 bytes)
//   segment = AES-256-GCM(data key, nonce, plaintext ≤ segment size, aad = header) | tag (16 bytes)
//   nonce   = segment number (uint64, big-endian, in bytes 3–10) | 1 for the last segment else 0 (byte 11)
//
// A segment moved, repeated, dropped or truncated fails its tag (its number is in the nonce), and so does
// a file cut at a segment boundary (the last segment must carry the final flag). An empty file is one
// empty final segment.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export const SEGMENT_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const MAGIC = Buffer.from('CRF1', 'ascii');
const HEADER_BYTES = MAGIC.length + 4;
export const DATA_KEY_BYTES = 32;

export class FileCipherError extends Error {
  override name = 'FileCipherError';
}

function header(segmentBytes: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(h, 0);
  h.writeUInt32BE(segmentBytes, MAGIC.length);
  return h;
}

function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(index), 3);
  n[11] = last ? 1 : 0;
  return n;
}

/** Bytes held in order without copying them into one buffer until a segment is taken. */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The first n bytes (n ≤ length), removed from the queue. */
  take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = this.chunks[0] as Buffer;
      const want = n - filled;
      if (head.length <= want) {
        head.copy(out, filled);
        filled += head.length;
        this.chunks.shift();
      } else {
        head.copy(out, filled, 0, want);
        this.chunks[0] = head.subarray(want);
        filled += want;
      }
    }
    this.length -= n;
    return out;
  }
}

/** The stored size of a file of `plainBytes` bytes. */
export function sealedSize(plainBytes: number, segmentBytes = SEGMENT_BYTES): number {
  const segments = Math.max(1, Math.ceil(plainBytes / segmentBytes));
  return HEADER_BYTES + plainBytes + segments * TAG_BYTES;
}

/** Encrypts a stream of plaintext under the data key. */
export class EncryptStream extends Transform {
  private readonly queue = new ByteQueue();
  private readonly aad: Buffer;
  private index = 0;

  constructor(
    private readonly dataKey: Buffer,
    private readonly segmentBytes = SEGMENT_BYTES,
  ) {
    super();
    if (dataKey.length !== DATA_KEY_BYTES) throw new FileCipherError('a file data key is 32 bytes');
    this.aad = header(segmentBytes);
    this.push(this.aad);
  }

  private seal(plain: Buffer, last: boolean): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.dataKey, nonce(this.index++, last));
    cipher.setAAD(this.aad);
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.queue.push(chunk);
    // A segment is sealed as not-last only once a byte after it has arrived.
    while (this.queue.length > this.segmentBytes) this.push(this.seal(this.queue.take(this.segmentBytes), false));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.push(this.seal(this.queue.take(this.queue.length), true));
    done();
  }
}

/**
 * Decrypts a stored object under its data key, handing on each segment only once its tag has been
 * checked. Fails (FileCipherError) on a wrong key, a changed, reordered or missing segment, or a cut end.
 */
export class DecryptStream extends Transform {
  private readonly queue = new ByteQueue();
  private aad: Buffer | undefined;
  private segmentBytes = 0;
  private index = 0;

  constructor(private readonly dataKey: Buffer) {
    super();
  }

  private open(sealed: Buffer, last: boolean): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.dataKey, nonce(this.index++, last));
    decipher.setAAD(this.aad as Buffer);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new FileCipherError(`segment ${this.index - 1} of the file does not authenticate (wrong key, or changed or cut short)`);
    }
  }

  private readHeader(): void {
    if (this.aad || this.queue.length < HEADER_BYTES) return;
    const h = this.queue.take(HEADER_BYTES);
    if (!h.subarray(0, MAGIC.length).equals(MAGIC)) throw new FileCipherError('not an encrypted Case Review file');
    this.segmentBytes = h.readUInt32BE(MAGIC.length);
    if (this.segmentBytes < 1 || this.segmentBytes > 16 * 1024 * 1024) throw new FileCipherError('bad segment size');
    this.aad = h;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.queue.push(chunk);
      this.readHeader();
      if (this.aad) {
        const sealed = this.segmentBytes + TAG_BYTES;
        while (this.queue.length > sealed) this.push(this.open(this.queue.take(sealed), false));
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.readHeader();
      if (!this.aad) throw new FileCipherError('the file is cut short (no header)');
      if (this.queue.length < TAG_BYTES) throw new FileCipherError('the file is cut short');
      this.push(this.open(this.queue.take(this.queue.length), true));
      done();
    } catch (error) {
      done(error as Error);
    }
  }
}
