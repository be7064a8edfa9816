import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from './config.ts';
import { isCheckpointGenuine } from './domain/audit.ts';
import { loadKeyring } from './keyring.ts';
import { readCheckpoints } from './services/audit-checkpoints.ts';
import { startServer } from './start.ts';

test('the running service writes signed checkpoints of the audit chain outside the database, at start and at shutdown', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'case-review-start-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const config = loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' });
  const server = await startServer(config);
  try {
    const atStart = readCheckpoints(config.auditCheckpoint.file);
    assert.equal(atStart.length, 1);
    // The first-administrator link the start-up printed is an audited event.
    assert.equal(atStart[0]?.seq, 1);
  } finally {
    await server.stop();
  }
  const all = readCheckpoints(config.auditCheckpoint.file);
  const key = loadKeyring(config).audit;
  assert.ok(all.every((c) => isCheckpointGenuine(key, c)));
  assert.equal(all.at(-1)?.seq, 1);
});

test('the service does not start when its file storage cannot be written, and says why', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'case-review-start-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // DATA_DIR/files is a file, not a folder: nothing can be stored under it.
  writeFileSync(join(dir, 'files'), '');
  const config = loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' });
  await assert.rejects(startServer(config), /file storage \(local disk at .*files\) cannot be written/);
});
