import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { bootServices } from '../boot.ts';
import { loadConfig } from '../config.ts';
import { sealedPlace } from '../db/field-cipher.ts';
import { fieldCipher, readKeyFile } from '../keyring.ts';
import { appendCheckpoint } from '../services/audit-checkpoints.ts';
import { seedPerson } from '../testing/fixtures.ts';
import { buildTestApp } from '../testing/test-app.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';
import { auditVerify } from './audit.ts';
import type { Output } from './context.ts';
import { createAdmin } from './create-admin.ts';
import { runProgram } from './program.ts';
import { tokenCreate, tokenList, tokenRevoke } from './token.ts';

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => void lines.push(l), err: (l) => void errors.push(l) };
}

for (const dialect of dialectsUnderTest()) {
  describe(`case-review commands (${dialect})`, () => {
    test('create-admin makes a deployment administrator without a password and prints a working one-time link', async (t) => {
      const { services } = await buildTestApp(t, dialect);
      const io = capture();
      assert.equal(await createAdmin(services, { email: 'Ann.Admin@Example.org', name: 'Ann Admin', language: 'cy' }, io), 0, io.errors.join('\n'));
      const link = io.lines.map((l) => l.trim()).find((l) => l.includes('/set-password/'));
      assert.ok(link, io.lines.join('\n'));
      assert.match(link, /^http:\/\/127\.0\.0\.1:3000\/set-password\/[\w-]+\?lang=cy$/, 'opens in the language chosen for the administrator');
      const token = new URL(link).pathname.split('/').at(-1) ?? '';
      const info = await services.identity.inspectLink(token, 'invitation');
      assert.ok(info?.personId);
      const person = await services.db.kysely.selectFrom('people').selectAll().where('id', '=', info.personId).executeTakeFirstOrThrow();
      assert.equal(person.email, 'ann.admin@example.org');
      assert.equal(person.password_hash, null);
      assert.equal(person.language, 'cy');
      const roles = await services.db.kysely.selectFrom('role_assignments').selectAll().where('person_id', '=', person.id).execute();
      assert.deepEqual(
        roles.map((r) => [r.role, r.scope_type, r.board_id]),
        [['administrator', 'deployment', null]],
      );
      const actions = (await services.db.kysely.selectFrom('audit_events').select('action').orderBy('seq').execute()).map((e) => e.action);
      assert.deepEqual(actions, ['ADMINISTRATOR_CREATED', 'INVITATION_CREATED']);

      const again = capture();
      assert.equal(await createAdmin(services, { email: 'ann.admin@example.org', name: 'Someone Else' }, again), 1);
      assert.deepEqual(again.errors, ['Error: email: Someone already uses this email address']);
      assert.equal((await services.db.kysely.selectFrom('people').select('id').execute()).length, 1);

      const badLanguage = capture();
      assert.equal(await createAdmin(services, { email: 'b@example.org', name: 'B', language: 'fr' }, badLanguage), 1);
      assert.match(badLanguage.errors.join(''), /--language/);
    });

    test('token create prints a token once that authenticates; list never shows it; revoke ends it', async (t) => {
      const { services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services, { email: 'api.user@example.org' });
      const io = capture();
      assert.equal(await tokenCreate(services, { email: 'API.User@example.org', name: 'nightly export', expiresDays: '30' }, io), 0, io.errors.join('\n'));
      const token = io.lines.map((l) => l.trim()).find((l) => l.startsWith('crv1_'));
      assert.ok(token);
      assert.equal(await services.tokens.authenticate(token), person.id);
      assert.match(io.lines[0] ?? '', /nightly export.*expiring \d{4}-\d{2}-\d{2}T/);

      const listed = capture();
      assert.equal(await tokenList(services, listed), 0);
      const text = listed.lines.join('\n');
      assert.doesNotMatch(text, new RegExp(token));
      assert.match(text, /nightly export/);
      assert.match(text, /active/);
      const [info] = await services.tokens.list();
      assert.ok(info);

      const revoked = capture();
      assert.equal(await tokenRevoke(services, info.id, revoked), 0);
      assert.equal(await services.tokens.authenticate(token), undefined);
      const after = capture();
      await tokenList(services, after);
      assert.match(after.lines.join('\n'), /revoked/);
      const actions = (await services.db.kysely.selectFrom('audit_events').select('action').orderBy('seq').execute()).map((e) => e.action);
      assert.deepEqual(actions, ['API_TOKEN_CREATED', 'API_TOKEN_REVOKED']);

      const unknown = capture();
      assert.equal(await tokenRevoke(services, 'no-such-token', unknown), 1);
      assert.equal(await tokenCreate(services, { email: 'nobody@example.org' }, unknown), 1);
      assert.equal(await tokenCreate(services, { email: person.email, expiresDays: '0' }, unknown), 1);
      assert.equal(await tokenCreate(services, { email: person.email, expiresDays: 'soon' }, unknown), 1);
      assert.equal(unknown.errors.length, 4);
      assert.equal((await services.tokens.list()).length, 1);
    });

    test('audit verify: counts an intact chain; names the first altered event; notices events removed from the end', async (t) => {
      const { services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services, { email: 'chain@example.org' });
      for (let i = 0; i < 4; i++) await tokenCreate(services, { email: person.email, name: `t${i}` }, capture());
      const ok = capture();
      assert.equal(await auditVerify(services, ok), 0);
      assert.deepEqual(ok.lines, ['Audit log intact: 4 events checked.']);

      const db = services.db.kysely;
      const second = await db.selectFrom('audit_events').select(['id', 'seq']).where('seq', '=', 2).executeTakeFirstOrThrow();
      const original = await db.selectFrom('audit_events').select('summary').where('seq', '=', 2).executeTakeFirstOrThrow();
      await sql`update audit_events set summary = ${'{"personId":"someone-else"}'} where seq = 2`.execute(db);
      const altered = capture();
      assert.equal(await auditVerify(services, altered), 1);
      assert.match(altered.errors[0] ?? '', new RegExp(`first bad event seq 2, id ${second.id}: hash_mismatch`));

      await sql`update audit_events set summary = ${original.summary} where seq = 2`.execute(db);
      assert.equal(await auditVerify(services, capture()), 0);
      await sql`delete from audit_events where seq = 4`.execute(db);
      const truncated = capture();
      assert.equal(await auditVerify(services, truncated), 1);
      assert.match(truncated.errors[0] ?? '', /first bad event seq 4, id \(missing\): head_mismatch/);
      assert.match(truncated.errors[1] ?? '', /removed from the end/);
    });
  });
}

describe('case-review executable', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // The bin itself, as a process: what only a process shows (its exit status, commander's own refusals).
  const spawned = (dataDir: string, ...args: string[]) => {
    // SQLite in DATA_DIR: without DATABASE_URL, whatever the test run was given.
    const { DATABASE_URL: _ignored, ...env } = process.env;
    return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: root,
      env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
  };
  // The same program in this process, as index.ts runs it (runProgram): each
  // process would spend seconds compiling the whole service before doing milliseconds of work.
  const run = async (dataDir: string, ...args: string[]) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    let status = 0;
    const io: Output = { out: (l) => void stdout.push(l), err: (l) => void stderr.push(l) };
    const exit = (code: number) => {
      status = code;
    };
    await runProgram(args, { io, env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, exit });
    return { status, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
  };

  test('starts with a node shebang, so the built dist/cli/index.js runs as the case-review bin', () => {
    assert.equal(readFileSync(join(root, 'src/cli/index.ts'), 'utf8').split('\n')[0], '#!/usr/bin/env node');
  });

  test('migrate, create-admin and audit verify against DATA_DIR; exits 1 after the log is tampered with', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'case-review-cli-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));

    const migrated = spawned(dataDir, 'migrate');
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.match(migrated.stdout, /Applied \d+ migrations? to the sqlite database/);
    assert.match((await run(dataDir, 'migrate')).stdout, /up to date/);

    const created = await run(dataDir, 'create-admin', '--email', 'cli.admin@example.org', '--name', 'Cli Admin');
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /\/set-password\//);
    const refused = await run(dataDir, 'create-admin', '--email', 'cli.admin@example.org', '--name', 'Cli Admin');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /already uses this email address/);

    const verified = await run(dataDir, 'audit', 'verify');
    assert.equal(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, /Audit log intact: 2 events checked/);

    const file = new SQLite(join(dataDir, 'case-review.sqlite'));
    const first = file.prepare('select id from audit_events where seq = 1').get() as { id: string };
    file.prepare("update audit_events set action = 'SOMETHING_ELSE' where seq = 1").run();
    file.close();
    const broken = await run(dataDir, 'audit', 'verify');
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, new RegExp(`first bad event seq 1, id ${first.id}: hash_mismatch`));

    const missing = spawned(dataDir, 'create-admin', '--email', 'x@example.org');
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /required option '--name <name>'/);
  });

  test('demo --seed-only seeds the demo into its directory and exits without starting the service; again, it duplicates nothing', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'case-review-cli-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const demoDir = join(dataDir, 'demo');
    const seeded = await run(dataDir, 'demo', '--seed-only', '--data-dir', demoDir);
    assert.equal(seeded.status, 0, seeded.stderr);
    assert.match(seeded.stdout, /Teifi Valley Safeguarding Children Board seeded in .*demo\.$/m);
    assert.doesNotMatch(seeded.stdout, /listening/);
    const again = await run(dataDir, 'demo', '--seed-only', '--data-dir', demoDir);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /already seeded: nothing duplicated/);
  });

  test('keys generate prints keys for the environment, or writes a key file it never overwrites', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'case-review-cli-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const printed = await run(dataDir, 'keys', 'generate');
    assert.equal(printed.status, 0, printed.stderr);
    assert.match(printed.stdout, /^AUDIT_KEY=[A-Za-z0-9+/]{43}=$/m);
    assert.match(printed.stdout, /^ENCRYPTION_KEYS=k\w+:[A-Za-z0-9+/]{43}=$/m);
    assert.match(printed.stdout, /^BLIND_INDEX_KEY=[A-Za-z0-9+/]{43}=$/m);
    const file = join(dataDir, 'prod-keys.json');
    assert.equal((await run(dataDir, 'keys', 'generate', '--file', file)).status, 0);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const again = await run(dataDir, 'keys', 'generate', '--file', file);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /never overwritten/);
  });

  test('keys rotate re-encrypts everything under a new key and drops the old one; the data still reads', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'case-review-cli-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const generated = await run(dataDir, 'demo-data', '--scale', 'small', '--seed', '3', '--as-of', '2026-11-27');
    assert.equal(generated.status, 0, generated.stderr);
    const keyFile = join(dataDir, 'keys.json');
    const before = readKeyFile(keyFile);
    const rotated = await run(dataDir, 'keys', 'rotate');
    assert.equal(rotated.status, 0, rotated.stderr);
    assert.match(rotated.stdout, /Re-encrypted \d+ values under key k\w+/);
    assert.match(rotated.stdout, new RegExp(`Removed key no longer used: ${before.encryption[0]?.id}`));
    const after = readKeyFile(keyFile);
    assert.equal(after.encryption.length, 1);
    assert.notEqual(after.encryption[0]?.id, before.encryption[0]?.id);
    assert.deepEqual(after.audit, before.audit, 'the audit key never changes');

    const file = new SQLite(join(dataDir, 'case-review.sqlite'), { readonly: true });
    const child = file.prepare('select referral_id, full_name from referral_children limit 1').get() as { referral_id: string; full_name: string };
    file.close();
    assert.match(fieldCipher(after).decrypt(child.full_name, sealedPlace('referral_children', 'full_name', child.referral_id)), /\w+ \w+/);
    const verified = await run(dataDir, 'audit', 'verify');
    assert.equal(verified.status, 0, verified.stderr);
  });

  test('audit verify finds a tail cut off after the last signed checkpoint', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'case-review-cli-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    for (const email of ['one@example.org', 'two@example.org', 'three@example.org']) {
      assert.equal((await run(dataDir, 'create-admin', '--email', email, '--name', 'Admin')).status, 0);
    }
    // The server writes checkpoints as it runs; write one here the same way.
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const { db, services } = await bootServices(config);
    appendCheckpoint(config.auditCheckpoint.file, await services.audit.checkpoint());
    services.mail.close();
    await db.close();
    const intact = await run(dataDir, 'audit', 'verify');
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /Audit log intact: 6 events checked; 1 signed checkpoint match/);

    const file = new SQLite(join(dataDir, 'case-review.sqlite'));
    file.prepare('delete from audit_events where seq > 4').run();
    const head = file.prepare('select hash from audit_events where seq = 4').get() as { hash: string };
    file.prepare('update audit_chain set last_seq = 4, last_hash = ?').run(head.hash);
    file.close();
    const cut = await run(dataDir, 'audit', 'verify');
    assert.equal(cut.status, 1);
    assert.match(cut.stderr, /first bad event seq 6, id \(missing\): checkpoint_missing_event/);
    assert.match(cut.stderr, /no longer in the log/);
  });
});
