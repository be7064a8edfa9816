import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.ts';
import { generateKeyring, KeyringError, keyringToEnv, loadKeyring, readKeyFile, writeKeyFile } from './keyring.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'case-review-keys-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('with SQLite and no configured keys, a key file is made on first start, readable by its owner only, and kept', (t) => {
  const dir = tempDir(t);
  const config = loadConfig({ DATA_DIR: dir });
  const first = loadKeyring(config);
  const file = join(dir, 'keys.json');
  assert.equal(first.source, file);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const again = loadKeyring(config);
  assert.deepEqual(again.audit, first.audit);
  assert.deepEqual(again.encryption, first.encryption);
  assert.match(readFileSync(file, 'utf8'), /Keep this file secret/);
});

test('a key file others can read is refused, with the command that fixes it', (t) => {
  const dir = tempDir(t);
  const config = loadConfig({ DATA_DIR: dir });
  loadKeyring(config);
  chmodSync(join(dir, 'keys.json'), 0o644);
  assert.throws(
    () => loadKeyring(config),
    (e: unknown) => e instanceof KeyringError && /chmod 600/.test(e.message),
  );
});

test('with PostgreSQL the service refuses to start without configured keys, and says what to set', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://localhost/case_review' });
  assert.throws(
    () => loadKeyring(config),
    (e: unknown) => e instanceof KeyringError && /AUDIT_KEY, ENCRYPTION_KEYS and BLIND_INDEX_KEY/.test(e.message) && /keys generate/.test(e.message),
  );
});

test('keys from the environment: all three, 32 bytes each, several encryption keys with the first current', () => {
  const keyring = generateKeyring();
  const env = Object.fromEntries(keyringToEnv(keyring).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
  const loaded = loadKeyring(loadConfig({ DATABASE_URL: 'postgres://localhost/x', ...env }));
  assert.equal(loaded.source, 'environment');
  assert.deepEqual(loaded.audit, keyring.audit);
  const older = generateKeyring().encryption[0];
  assert.ok(older);
  const two = loadKeyring(loadConfig({ ...env, ENCRYPTION_KEYS: `${env.ENCRYPTION_KEYS},${older.id}:${older.key.toString('base64')}` }));
  assert.deepEqual(
    two.encryption.map((k) => k.id),
    [keyring.encryption[0]?.id, older.id],
  );
  assert.throws(() => loadKeyring(loadConfig({ AUDIT_KEY: env.AUDIT_KEY })), /go together/);
  assert.throws(() => loadKeyring(loadConfig({ ...env, AUDIT_KEY: 'c2hvcnQ=' })), /AUDIT_KEY must be 32 random bytes/);
  assert.throws(() => loadKeyring(loadConfig({ ...env, ENCRYPTION_KEYS: 'nokeyid' })), /id:base64/);
});

test('KEYS_FILE: read when present, refused when missing; a written key file is never half written', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'prod-keys.json');
  assert.throws(() => loadKeyring(loadConfig({ DATABASE_URL: 'postgres://localhost/x', KEYS_FILE: file })), /does not exist/);
  const keyring = generateKeyring();
  writeKeyFile(file, keyring);
  assert.deepEqual(loadKeyring(loadConfig({ DATABASE_URL: 'postgres://localhost/x', KEYS_FILE: file })).blindIndex, keyring.blindIndex);
  writeFileSync(file, 'not json', { mode: 0o600 });
  assert.throws(() => readKeyFile(file), /not a Case Review key file/);
});

test('the server process exits with a clear message instead of starting on PostgreSQL without keys', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { AUDIT_KEY: _a, ENCRYPTION_KEYS: _e, BLIND_INDEX_KEY: _b, KEYS_FILE: _f, ...env } = process.env;
  const started = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...env, DATABASE_URL: 'postgres://127.0.0.1:1/none', PORT: '0', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(started.status, 1);
  assert.match(started.stderr, /Case Review cannot start: With PostgreSQL every instance must use the same keys/);
});
