import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { readAll, streamOf } from '../../testing/file-fixtures.ts';
import { DecryptStream, EncryptStream, FileCipherError, SEGMENT_BYTES, sealedSize } from './file-cipher.ts';

const key = randomBytes(32);

async function seal(plain: Buffer, chunk = 7_001, k: Buffer = key): Promise<Buffer> {
  return readAll(streamOf(plain, chunk).pipe(new EncryptStream(k)));
}

async function open(sealed: Buffer, chunk = 5_003, k: Buffer = key): Promise<Buffer> {
  const decrypt = new DecryptStream(k);
  const source = streamOf(sealed, chunk);
  source.on('error', (e) => decrypt.destroy(e));
  return readAll(source.pipe(decrypt));
}

describe('file encryption (segmented AES-256-GCM)', () => {
  test('round trips every size around the segment boundary, whatever the chunking', async () => {
    for (const size of [0, 1, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1, 3 * SEGMENT_BYTES + 17]) {
      const plain = randomBytes(size);
      const sealed = await seal(plain, size % 2 ? 999 : 65_537);
      assert.equal(sealed.length, sealedSize(size), `size ${size}`);
      assert.deepEqual(await open(sealed, 4_096), plain, `size ${size}`);
      // A run of 16 or more plaintext bytes (a shorter one can turn up in random bytes by chance: one byte
      // does about once in six files of this size).
      if (size >= 16) assert.equal(sealed.indexOf(plain.subarray(0, 64)), -1, 'no plaintext in the stored bytes');
    }
  });

  test('two encryptions of one file differ only if the keys do (each stored object has its own random key)', async () => {
    const plain = Buffer.from('the same content');
    assert.notDeepEqual(await seal(plain, 7_001, randomBytes(32)), await seal(plain, 7_001, randomBytes(32)));
  });

  test('a changed byte, a wrong key, a dropped, swapped or repeated segment, or a cut end is refused', async () => {
    const plain = randomBytes(3 * SEGMENT_BYTES + 100);
    const sealed = await seal(plain);
    const seg = SEGMENT_BYTES + 16;
    const header = sealed.subarray(0, 8);
    const segments = [0, 1, 2, 3].map((i) => sealed.subarray(8 + i * seg, 8 + (i + 1) * seg));
    const [s0, s1, s2, s3] = segments as [Buffer, Buffer, Buffer, Buffer];
    const flipped = Buffer.from(sealed);
    flipped[8 + seg + 10] = (flipped[8 + seg + 10] ?? 0) ^ 1;
    const cases: [string, Buffer, Buffer?][] = [
      ['a flipped byte', flipped],
      ['a wrong key', sealed, randomBytes(32)],
      ['a dropped segment', Buffer.concat([header, s0, s2, s3])],
      ['swapped segments', Buffer.concat([header, s1, s0, s2, s3])],
      ['a repeated segment', Buffer.concat([header, s0, s0, s1, s2, s3])],
      ['cut at a segment boundary', Buffer.concat([header, s0, s1, s2])],
      ['cut inside a segment', sealed.subarray(0, sealed.length - 5)],
      ['bytes appended', Buffer.concat([sealed, Buffer.from('x')])],
      ['not an encrypted file', Buffer.from('plain text, never encrypted')],
      ['nothing at all', Buffer.alloc(0)],
    ];
    for (const [what, bytes, k] of cases) {
      await assert.rejects(open(bytes, 5_003, k ?? key), FileCipherError, what);
    }
  });

  test('nothing unauthenticated is handed on: a bad second segment fails after only the first was read', async () => {
    const plain = randomBytes(2 * SEGMENT_BYTES + 1);
    const sealed = Buffer.from(await seal(plain));
    sealed[8 + SEGMENT_BYTES + 16 + 3] = (sealed[8 + SEGMENT_BYTES + 16 + 3] ?? 0) ^ 1;
    const decrypt = streamOf(sealed, 1_024).pipe(new DecryptStream(key));
    const received: Buffer[] = [];
    await assert.rejects(
      (async () => {
        for await (const c of decrypt) received.push(c as Buffer);
      })(),
      FileCipherError,
    );
    const got = Buffer.concat(received);
    assert.ok(got.length === 0 || got.length === SEGMENT_BYTES, `whole authenticated segments only (${got.length} bytes)`);
    assert.deepEqual(got, plain.subarray(0, got.length));
  });
});
