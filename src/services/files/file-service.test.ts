import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Services } from '../../container.ts';
import { inTransaction } from '../../db/transaction.ts';
import { FILE_KINDS, PACKET_MAX_BYTES } from '../../domain/files.ts';
import { withNewEncryptionKey } from '../../keyring.ts';
import {
  deploymentAdminCaller,
  fileCounts,
  readAll,
  SAMPLE_EXE,
  SAMPLE_PNG,
  sampleDocx,
  samplePdf,
  storedKeys,
  streamOf,
} from '../../testing/file-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { buildTestApp, TestClock } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';
import type { Caller } from '../context.ts';
import { FileCipherError } from './file-cipher.ts';
import { type FileOwner, UploadRefused } from './file-service.ts';

const OWNER: FileOwner = { type: 'test_record', id: 'r1' };

async function setup(t: { after(fn: () => Promise<void>): void }, dialect: Parameters<typeof buildTestApp>[1], env: Record<string, string> = {}) {
  // The store stamps objects with the real time: the clock starts there (the sweep compares the two).
  const clock = new TestClock(new Date());
  const { services } = await buildTestApp(t as never, dialect, { clock, env });
  const caller = await deploymentAdminCaller(services, 'FILE_STORED');
  return { services, caller, clock };
}

function upload(services: Services, caller: Caller, content: Buffer, more: Partial<Parameters<Services['files']['upload']>[1]> = {}) {
  return services.files.upload(caller, { boardId: null, purpose: 'attachment', name: 'file.bin', content: streamOf(content), owner: OWNER, ...more });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UploadRefused) return error.reason;
    throw error;
  }
  return 'stored';
}

for (const dialect of dialectsUnderTest()) {
  describe(`files (${dialect})`, () => {
    test('the type is decided by the content, never by the name, and each purpose takes its own kinds', async (t) => {
      const { services, caller } = await setup(t, dialect);
      const pdf = await samplePdf();
      const cases: [string, Buffer, string, 'attachment' | 'import', string][] = [
        ['a PDF named .txt', pdf, 'notes.txt', 'attachment', FILE_KINDS.pdf.mime],
        ['a Word document', await sampleDocx(), 'report.docx', 'attachment', FILE_KINDS.docx.mime],
        ['a PNG named .pdf', SAMPLE_PNG, 'scan.pdf', 'attachment', FILE_KINDS.png.mime],
        ['CSV text', Buffer.from('name,date\nSiân,2026-01-01\n'), 'people.csv', 'import', 'text/plain'],
        ['HTML, which is only ever text', Buffer.from('<script>alert(1)</script>'), 'page.html', 'attachment', 'text/plain'],
      ];
      for (const [what, content, name, purpose, mime] of cases) {
        const file = await upload(services, caller, content, { name, purpose, owner: { type: 'test_record', id: what } });
        assert.equal(file.contentType, mime, what);
      }
      assert.equal(await refusal(upload(services, caller, SAMPLE_EXE, { name: 'invoice.pdf' })), 'type', 'a program named .pdf');
      assert.equal(await refusal(upload(services, caller, pdf, { name: 'table.csv', purpose: 'import' })), 'type', 'a PDF is no import');
      assert.equal(await refusal(upload(services, caller, Buffer.from([0, 1, 2, 3, 0, 0, 255]), { name: 'a.txt' })), 'type', 'binary bytes');
    });

    test('size limits are settings: a file of exactly the limit is stored, one byte more is refused and nothing is kept', async (t) => {
      const { services, caller } = await setup(t, dialect, { UPLOAD_MAX_SIZE: '1KB', IMPORT_MAX_SIZE: '2KB' });
      assert.deepEqual(services.files.limits.maxBytes, { attachment: 1024, import: 2048, packet: PACKET_MAX_BYTES });
      const text = (n: number) => Buffer.alloc(n, 'a');
      await upload(services, caller, text(1024), { owner: { type: 't', id: '1' } });
      await upload(services, caller, text(2048), { purpose: 'import', owner: { type: 't', id: '2' } });
      const before = { counts: await fileCounts(services.db), keys: await storedKeys(services.files.store) };
      assert.equal(await refusal(upload(services, caller, text(1025))), 'tooLarge');
      assert.equal(await refusal(upload(services, caller, text(2049), { purpose: 'import' })), 'tooLarge');
      assert.equal(await refusal(upload(services, caller, Buffer.alloc(0))), 'empty');
      assert.deepEqual({ counts: await fileCounts(services.db), keys: await storedKeys(services.files.store) }, before, 'nothing stored');
    });

    test('contents, data keys and names are encrypted at rest; the address is a keyed hash, apart for each board', async (t) => {
      const { services, caller } = await setup(t, dialect);
      const boardA = await seedBoard(services, 'AAA');
      const boardB = await seedBoard(services, 'BBB');
      const content = Buffer.from('Chronology of events for Child A: a visit on 3 March, a call on 5 March.\n');
      const name = 'Cronoleg Siân Jones.txt';
      const a1 = await upload(services, caller, content, { boardId: boardA.id, name, owner: { type: 't', id: 'a1' } });
      const a2 = await upload(services, caller, content, { boardId: boardA.id, name: 'again.txt', owner: { type: 't', id: 'a2' } });
      const b1 = await upload(services, caller, content, { boardId: boardB.id, name, owner: { type: 't', id: 'b1' } });
      const blobs = await services.db.kysely.selectFrom('file_blobs').selectAll().orderBy('board_id').execute();
      assert.equal(blobs.length, 2, 'one blob per board: equal content in one board is stored once');
      const addresses = blobs.map((b) => b.address);
      assert.notEqual(addresses[0], addresses[1], 'the same content has different addresses on two boards');
      const plainHash = createHash('sha256').update(content).digest('hex');
      assert.ok(!addresses.includes(plainHash), 'the address is not the content’s plain hash');
      for (const b of blobs) assert.match(b.data_key, /^enc:v1:/);
      const names = await services.db.kysely.selectFrom('files').select('name').execute();
      for (const n of names) assert.match(n.name, /^enc:v1:/);
      for (const key of await storedKeys(services.files.store)) {
        const stored = await readAll(await services.files.store.get(key));
        assert.equal(stored.indexOf(content.subarray(0, 30)), -1, `${key} holds plaintext`);
      }
      assert.equal((await services.files.fileOf(a1.id))?.name, name);
      assert.deepEqual((await services.files.fileOf(a2.id))?.sizeBytes, content.length);
      assert.equal((await services.files.fileOf(b1.id))?.boardId, boardB.id);
    });

    test('a file is deleted when its last reference goes, its content when its last file goes', async (t) => {
      const { services, caller } = await setup(t, dialect);
      const content = randomBytes(10).toString('hex');
      const first = await upload(services, caller, Buffer.from(content), { owner: { type: 'review_document', id: 'd1' } });
      const second = await upload(services, caller, Buffer.from(content), { owner: { type: 'review_document', id: 'd2' } });
      await inTransaction(services.db, (trx) => services.files.addReference(trx, first.id, { type: 'action', id: 'a1' }));
      await inTransaction(services.db, (trx) => services.files.addReference(trx, first.id, { type: 'action', id: 'a1' }));
      assert.equal((await services.files.fileOf(first.id))?.referenceCount, 2, 'adding the same reference twice counts once');
      assert.deepEqual(await fileCounts(services.db), { blobs: 1, files: 2, references: 3, consistent: true });

      assert.deepEqual(await services.files.release(caller, first.id, { type: 'review_document', id: 'd1' }), { fileDeleted: false });
      assert.deepEqual(await services.files.release(caller, first.id, { type: 'action', id: 'a1' }), { fileDeleted: true });
      assert.equal(await services.files.fileOf(first.id), undefined);
      await assert.rejects(
        inTransaction(services.db, (trx) => services.files.addReference(trx, first.id, { type: 'action', id: 'a2' })),
        /file not found/,
      );
      assert.deepEqual(await fileCounts(services.db), { blobs: 1, files: 1, references: 1, consistent: true });
      assert.equal((await storedKeys(services.files.store)).length, 1, 'the content stays while the second file uses it');

      await services.files.release(caller, second.id, { type: 'review_document', id: 'd2' });
      assert.deepEqual(await fileCounts(services.db), { blobs: 0, files: 0, references: 0, consistent: true });
      assert.deepEqual(await storedKeys(services.files.store), []);
      await assert.rejects(services.files.release(caller, second.id, { type: 'review_document', id: 'd2' }), /file not found/);
      const deleted = await services.db.kysely.selectFrom('audit_events').select('summary').where('action', '=', 'FILE_DELETED').execute();
      assert.equal(deleted.length, 2);
    });

    test('a download is audited, names nothing of the file, and a changed or swapped object fails before any content is handed on', async (t) => {
      const { services, caller } = await setup(t, dialect);
      const pdf = await samplePdf('Agency report');
      const file = await upload(services, caller, pdf, { name: 'Adroddiad Siân.pdf' });
      const other = await upload(services, caller, SAMPLE_PNG, { name: 'other.png', owner: { type: 't', id: 'other' } });
      const { content } = await services.files.download({ ...caller, action: 'FILE_DOWNLOADED' }, file.id, OWNER);
      assert.deepEqual(await readAll(content), pdf);
      const events = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'FILE_DOWNLOADED').execute();
      assert.equal(events.length, 1);
      assert.equal(events[0]?.record_id, file.id);
      assert.doesNotMatch(events[0]?.summary ?? '', /Siân|Adroddiad/);
      await assert.rejects(services.files.download(caller, file.id, { type: 'test_record', id: 'someone else' }), /file not found/);

      if (services.files.store.kind === 'local') {
        const objectKey = async (id: string) =>
          (
            await services.db.kysely
              .selectFrom('files')
              .innerJoin('file_blobs', 'file_blobs.id', 'files.blob_id')
              .select('object_key')
              .where('files.id', '=', id)
              .executeTakeFirstOrThrow()
          ).object_key;
        const root = services.config.files.storage.kind === 'local' ? services.config.files.storage.dir : '';
        const mine = join(root, ...(await objectKey(file.id)).split('/'));
        const original = await readAll(await services.files.store.get(await objectKey(file.id)));
        // Another stored object put in this one's place: it is under another data key.
        writeFileSync(mine, await readAll(await services.files.store.get(await objectKey(other.id))));
        await assert.rejects(services.files.download(caller, file.id, OWNER), FileCipherError);
        // One changed byte in the middle.
        const changed = Buffer.from(original);
        changed[Math.floor(changed.length / 2)] = (changed[Math.floor(changed.length / 2)] ?? 0) ^ 1;
        writeFileSync(mine, changed);
        await assert.rejects(services.files.download(caller, file.id, OWNER), FileCipherError);
      }
    });

    test('keys rotate re-wraps every file’s data key: the content is unchanged and reads under the new key alone', async (t) => {
      const { services, caller } = await setup(t, dialect);
      const pdf = await samplePdf('Rotation');
      const file = await upload(services, caller, pdf, { name: 'Rotation.pdf' });
      const objectsBefore = await storedKeys(services.files.store);
      const rotated = withNewEncryptionKey(services.keyring);
      const { createServices } = await import('../../container.ts');
      const after = createServices({ db: services.db, config: services.config, keyring: rotated });
      const report = await after.atRest.sealAll({ rotate: true });
      assert.equal(report.sealed.file_blobs, 1);
      assert.equal(report.sealed.files, 1);
      assert.deepEqual(report.keysInUse, [rotated.encryption[0]?.id]);
      const onlyNew = createServices({ db: services.db, config: services.config, keyring: { ...rotated, encryption: rotated.encryption.slice(0, 1) } });
      const { file: read, content } = await onlyNew.files.download(caller, file.id, OWNER);
      assert.equal(read.name, 'Rotation.pdf');
      assert.deepEqual(await readAll(content), pdf);
      assert.deepEqual(await storedKeys(onlyNew.files.store), objectsBefore, 'no object was rewritten');
    });

    test('the sweep removes dead temporary objects and objects no blob owns, and nothing in use', async (t) => {
      const { services, caller, clock } = await setup(t, dialect);
      const file = await upload(services, caller, Buffer.from('kept'));
      const store = services.files.store;
      const dead = await store.putTemporary(streamOf(Buffer.from('an upload that died')));
      await store.promote(await store.putTemporary(streamOf(Buffer.from('orphan'))), 'blobs/ab/ab00.0190d8c4-0000-7000-8000-000000000000');
      assert.deepEqual(await services.files.sweep(), { temporaries: 0, orphans: 0 }, 'young objects are left alone');
      clock.advance(25 * 3_600_000);
      assert.deepEqual(await services.files.sweep(), { temporaries: 1, orphans: 1 });
      const left = await storedKeys(store);
      assert.ok(!left.includes(dead));
      assert.equal(left.length, 1);
      assert.equal((await readAll((await services.files.download(caller, file.id, OWNER)).content)).toString(), 'kept');
    });

    if (dialect === 'postgres') {
      test('concurrent references and releases of one file keep its count exact (PostgreSQL)', async (t) => {
        const { services, caller } = await setup(t, dialect);
        const file = await upload(services, caller, Buffer.from('shared'));
        const owners = Array.from({ length: 24 }, (_, i) => ({ type: 'action', id: `a${i}` }));
        await Promise.all(owners.map((o) => inTransaction(services.db, (trx) => services.files.addReference(trx, file.id, o))));
        assert.equal((await services.files.fileOf(file.id))?.referenceCount, 25);
        await Promise.all(owners.slice(0, 20).map((o) => services.files.release(caller, file.id, o)));
        assert.equal((await services.files.fileOf(file.id))?.referenceCount, 5);
        assert.equal((await fileCounts(services.db)).consistent, true);
      });

      test('the last reference released while another is added: the file is either kept or gone, never half (PostgreSQL)', async (t) => {
        const { services, caller } = await setup(t, dialect);
        const outcomes = new Set<string>();
        for (let round = 0; round < 12; round++) {
          const owner = { type: 'round', id: `${round}` };
          const file = await upload(services, caller, Buffer.from(`round ${round}`), { owner });
          const [released, added] = await Promise.allSettled([
            services.files.release(caller, file.id, owner),
            inTransaction(services.db, (trx) => services.files.addReference(trx, file.id, { type: 'late', id: `${round}` })),
          ]);
          assert.equal(released.status, 'fulfilled', String((released as PromiseRejectedResult).reason));
          const kept = await services.files.fileOf(file.id);
          if (added.status === 'fulfilled') {
            outcomes.add('added first');
            assert.equal(kept?.referenceCount, 1, 'the late reference keeps the file');
            assert.equal((await readAll((await services.files.download(caller, file.id)).content)).toString(), `round ${round}`);
          } else {
            outcomes.add('released first');
            assert.match(String(added.reason), /file not found/);
            assert.equal(kept, undefined);
          }
          assert.equal((await fileCounts(services.db)).consistent, true);
        }
        t.diagnostic(`outcomes seen: ${[...outcomes].join(', ')}`);
        const blobs = await services.db.kysely.selectFrom('file_blobs').select('object_key').execute();
        assert.deepEqual(
          (await storedKeys(services.files.store)).sort(),
          blobs.map((b) => b.object_key).sort(),
          'exactly the objects of the blobs that remain',
        );
      });

      test('concurrent uploads of the same content store it once, and an upload racing the deletion of its content keeps it (PostgreSQL)', async (t) => {
        const { services, caller } = await setup(t, dialect);
        const content = await samplePdf('Same for everyone');
        const files = await Promise.all(Array.from({ length: 8 }, (_, i) => upload(services, caller, content, { owner: { type: 'same', id: `${i}` } })));
        assert.equal(new Set(files.map((f) => f.id)).size, 8);
        assert.deepEqual(await fileCounts(services.db), { blobs: 1, files: 8, references: 8, consistent: true });
        assert.equal((await storedKeys(services.files.store)).length, 1, 'one object, no temporary left');

        for (let round = 0; round < 6; round++) {
          const text = Buffer.from(`racing ${round}`);
          const owner = { type: 'race', id: `${round}` };
          const first = await upload(services, caller, text, { owner });
          const [, again] = await Promise.all([
            services.files.release(caller, first.id, owner),
            upload(services, caller, text, { owner: { type: 'race-again', id: `${round}` } }),
          ]);
          const { content: read } = await services.files.download(caller, again.id);
          assert.deepEqual(await readAll(read), text, `round ${round}: the new upload reads back`);
        }
        assert.equal((await fileCounts(services.db)).consistent, true);
        const blobs = await services.db.kysely.selectFrom('file_blobs').select('object_key').execute();
        assert.deepEqual((await storedKeys(services.files.store)).sort(), blobs.map((b) => b.object_key).sort());
      });
    }
  });
}
