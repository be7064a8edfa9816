// The optional virus scan, tested against a real clamd (src/testing/clamd.ts) whose only signature the
// test built with sigtool: an upload holding it is refused as it streams, audited with the signature's
// name, and nothing of it is kept; clean uploads are stored; an unreachable scanner refuses every upload
// rather than storing it unscanned. Skipped when clamd is not installed, unless REQUIRE_ALL=1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CLAMD_TEST_MARKER, CLAMD_TEST_SIGNATURE, clamdUnavailable, type LocalClamd, startLocalClamd } from '../../testing/clamd.ts';
import { deploymentAdminCaller, fileCounts, readAll, samplePdf, storedKeys, streamOf } from '../../testing/file-fixtures.ts';
import { buildTestApp } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';
import { ClamdClient } from './clamd.ts';
import { type FileOwner, UploadRefused } from './file-service.ts';

const OWNER: FileOwner = { type: 'test_record', id: 'r1' };

async function refusal(promise: Promise<unknown>): Promise<UploadRefused | 'stored'> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UploadRefused) return error;
    throw error;
  }
  return 'stored';
}

describe('virus scan with clamd', { skip: clamdUnavailable() }, () => {
  let clamd: LocalClamd;
  before(async () => {
    clamd = await startLocalClamd();
  });
  after(async () => {
    await clamd?.close();
  });

  test('the client speaks clamd’s protocol: PING, a clean stream, and the test signature found across chunk boundaries', async () => {
    const client = new ClamdClient({ socket: clamd.socket }, 10_000);
    assert.equal(await client.ping(), true);
    const clean = await client.scan();
    await clean.write(Buffer.from('Nothing to see here.\n'));
    assert.deepEqual(await clean.finish(), { clean: true });
    // The marker straddles the client's 64 KB pieces: clamd sees one stream, not pieces.
    const content = Buffer.concat([Buffer.alloc(64 * 1024 - 10, 'a'), CLAMD_TEST_MARKER, Buffer.alloc(1000, 'b')]);
    const infected = await client.scan();
    for (let at = 0; at < content.length; at += 7000) await infected.write(content.subarray(at, at + 7000));
    assert.deepEqual(await infected.finish(), { clean: false, signature: CLAMD_TEST_SIGNATURE });
  });

  for (const dialect of dialectsUnderTest()) {
    describe(dialect, () => {
      test('an upload holding the signature is refused and audited, nothing of it is kept; a clean upload is stored', async (t) => {
        const { services } = await buildTestApp(t, dialect, { env: clamd.env });
        const caller = await deploymentAdminCaller(services, 'FILE_STORED');
        assert.match(services.files.describe().scanner ?? '', /^clamd at /);
        await services.files.checkStorage();

        const pdf = await samplePdf('A clean agency report');
        const stored = await services.files.upload(caller, { boardId: null, purpose: 'attachment', name: 'report.pdf', content: streamOf(pdf), owner: OWNER });
        assert.deepEqual(await readAll((await services.files.download(caller, stored.id)).content), pdf);
        const before = { counts: await fileCounts(services.db), keys: await storedKeys(services.files.store) };

        // The same marker in a text file, streamed in 16 KB pieces with the marker far from the start.
        const infected = Buffer.concat([Buffer.alloc(300 * 1024, 'x'), Buffer.from(' '), CLAMD_TEST_MARKER, Buffer.from('\n')]);
        const refused = await refusal(
          services.files.upload(caller, {
            boardId: null,
            purpose: 'attachment',
            name: 'notes.txt',
            content: streamOf(infected),
            owner: { type: 'test_record', id: 'r2' },
          }),
        );
        assert.ok(refused instanceof UploadRefused, 'the upload was refused');
        assert.equal(refused.reason, 'infected');
        assert.equal(refused.detail, CLAMD_TEST_SIGNATURE);
        assert.deepEqual({ counts: await fileCounts(services.db), keys: await storedKeys(services.files.store) }, before, 'nothing of it was kept');

        const events = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'FILE_REFUSED_INFECTED').execute();
        assert.equal(events.length, 1);
        assert.equal(events[0]?.actor_id, caller.actor?.personId);
        assert.deepEqual(JSON.parse(String(events[0]?.summary)), { signature: CLAMD_TEST_SIGNATURE, purpose: 'attachment', ownerType: 'test_record' });
      });

      test('a scanner that cannot be reached refuses every upload rather than storing it unscanned', async (t) => {
        const { services } = await buildTestApp(t, dialect, { env: { CLAMD_SOCKET: `${clamd.socket}.absent` } });
        const caller = await deploymentAdminCaller(services, 'FILE_STORED');
        await assert.rejects(services.files.checkStorage(), /does not answer/);
        const refused = await refusal(
          services.files.upload(caller, { boardId: null, purpose: 'attachment', name: 'a.txt', content: streamOf(Buffer.from('clean text\n')), owner: OWNER }),
        );
        assert.ok(refused instanceof UploadRefused);
        assert.equal(refused.reason, 'scanUnavailable');
        assert.deepEqual(await storedKeys(services.files.store), []);
        assert.equal((await fileCounts(services.db)).files, 0);
      });
    });
  }
});
