// One contract, two stores: local disk and S3-compatible storage (against s3rver, a local S3 server from
// npm). Every test runs on both, and the whole upload → download → delete path of FileService too.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { readAll, storedKeys, streamOf } from '../../testing/file-fixtures.ts';
import { type LocalS3, startLocalS3 } from '../../testing/s3-server.ts';
import { buildTestApp } from '../../testing/test-app.ts';
import { BlobNotFound, type BlobStore, checkKey } from './blob-store.ts';
import { LocalBlobStore } from './local-blob-store.ts';
import { S3BlobStore } from './s3-blob-store.ts';

/** A stream that yields `bytes` then fails. */
function failingAfter(bytes: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) {
        this.destroy(new Error('the upload broke off'));
        return;
      }
      const n = Math.min(64 * 1024, bytes - sent);
      sent += n;
      this.push(randomBytes(n));
    },
  });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const stores: { name: string; open(): Promise<{ store: BlobStore; env: Record<string, string>; close(): Promise<void> }> }[] = [
  {
    name: 'local disk',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'case-review-blobs-'));
      return {
        store: new LocalBlobStore(join(dir, 'files')),
        env: { DATA_DIR: dir },
        close: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'S3 (s3rver)',
    async open() {
      const s3: LocalS3 = await startLocalS3();
      const store = new S3BlobStore(s3.settings);
      return {
        store,
        env: s3.env,
        close: async () => {
          store.close();
          await s3.close();
        },
      };
    },
  },
];

for (const kind of stores) {
  describe(`blob store contract: ${kind.name}`, () => {
    let opened: Awaited<ReturnType<(typeof stores)[number]['open']>>;
    before(async () => {
      opened = await kind.open();
    });
    after(async () => opened?.close());

    test('a written object is found under its key after promotion, byte for byte, and listed with when it was written', async () => {
      const { store } = opened;
      await store.check();
      const content = randomBytes(200_000);
      const temporary = await store.putTemporary(streamOf(content));
      assert.match(temporary, /^tmp\//);
      await store.promote(temporary, 'blobs/ab/abcdef.0001');
      assert.deepEqual(await readAll(await store.get('blobs/ab/abcdef.0001')), content);
      await assert.rejects(store.get(temporary), BlobNotFound, 'the temporary object is gone');
      const listed = [];
      for await (const o of store.list('blobs/')) listed.push(o);
      const found = listed.find((o) => o.key === 'blobs/ab/abcdef.0001');
      assert.ok(found, JSON.stringify(listed));
      assert.ok(Math.abs(found.modifiedAt.getTime() - Date.now()) < 3_600_000);
      await store.delete('blobs/ab/abcdef.0001');
    });

    test('an object larger than one part (12 MiB) streams in and out whole', async () => {
      const { store } = opened;
      const content = randomBytes(12 * 1024 * 1024);
      const key = await store.putTemporary(streamOf(content, 256 * 1024));
      await store.promote(key, 'blobs/cd/large.0002');
      assert.equal(sha(await readAll(await store.get('blobs/cd/large.0002'))), sha(content));
      await store.delete('blobs/cd/large.0002');
    });

    test('promoting over an existing object replaces it', async () => {
      const { store } = opened;
      await store.promote(await store.putTemporary(streamOf(Buffer.from('first'))), 'blobs/ef/same.0003');
      await store.promote(await store.putTemporary(streamOf(Buffer.from('second'))), 'blobs/ef/same.0003');
      assert.equal((await readAll(await store.get('blobs/ef/same.0003'))).toString(), 'second');
      await store.delete('blobs/ef/same.0003');
    });

    test('a stream that fails leaves nothing behind and its error is thrown (within one part and after several)', async () => {
      const { store } = opened;
      const before = await storedKeys(store);
      for (const bytes of [100_000, 11 * 1024 * 1024]) {
        await assert.rejects(store.putTemporary(failingAfter(bytes)), /the upload broke off/);
      }
      assert.deepEqual(await storedKeys(store), before);
    });

    test('a missing object is BlobNotFound; deleting one is harmless; keys outside the scheme are refused', async () => {
      const { store } = opened;
      await assert.rejects(store.get('blobs/00/missing.0000'), BlobNotFound);
      await store.delete('blobs/00/missing.0000');
      for (const bad of ['../etc/passwd', 'blobs/../../x', 'other/x', 'blobs//x', 'BLOBS/x', '/blobs/x']) {
        assert.throws(() => checkKey(bad), /not a blob key/, bad);
        await assert.rejects(store.get(bad), /not a blob key/, bad);
      }
    });

    test('FileService over this store: upload, download, deduplicate, delete (the object goes with the last file)', async (t) => {
      const { app: _app, services } = await buildTestApp(t, 'sqlite', { env: opened.env });
      assert.equal(services.files.store.kind, kind.name.startsWith('S3') ? 's3' : 'local');
      const { deploymentAdminCaller, samplePdf } = await import('../../testing/file-fixtures.ts');
      const caller = await deploymentAdminCaller(services);
      const pdf = await samplePdf('Contract test');
      const owner = { type: 'contract_test', id: 'one' };
      const first = await services.files.upload(caller, { boardId: null, purpose: 'attachment', name: 'a.pdf', content: streamOf(pdf), owner });
      const second = await services.files.upload(caller, {
        boardId: null,
        purpose: 'attachment',
        name: 'b.pdf',
        content: streamOf(pdf),
        owner: { type: 'contract_test', id: 'two' },
      });
      assert.equal(first.contentType, 'application/pdf');
      const blobs = (await storedKeys(services.files.store)).filter((k) => k.startsWith('blobs/'));
      assert.equal(blobs.length, 1, 'equal content is stored once');
      assert.deepEqual(
        (await storedKeys(services.files.store)).filter((k) => k.startsWith('tmp/')),
        [],
        'no temporary object is left',
      );
      const stored = await readAll(await services.files.store.get(blobs[0] ?? ''));
      assert.equal(stored.indexOf(pdf.subarray(0, 200)), -1, 'the stored object is encrypted');
      const { content } = await services.files.download(caller, first.id, owner);
      assert.deepEqual(await readAll(content), pdf);
      await services.files.release(caller, first.id, owner);
      assert.equal((await storedKeys(services.files.store)).filter((k) => k.startsWith('blobs/')).length, 1, 'still used by the second file');
      await services.files.release(caller, second.id, { type: 'contract_test', id: 'two' });
      assert.deepEqual(
        (await storedKeys(services.files.store)).filter((k) => k.startsWith('blobs/')),
        [],
        'the object goes with its last file',
      );
    });
  });
}
