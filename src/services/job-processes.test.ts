// Two app processes on one PostgreSQL, as a deployment with several instances runs: each job is run once
// by one of them, never twice, and a recurring job due for both is enqueued once. The processes are the
// real server (src/server.ts) with its job worker, started as separate Node processes, sharing the
// database and the keys; the test reads what they sent from the SMTP sink after stopping them, so an email
// sent twice would be counted. (A SQLite deployment is one process: its single writer claims alone.)
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { keyringToEnv } from '../keyring.ts';
import { queueEmails } from '../testing/job-fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { smtpSink } from '../testing/smtp-sink.ts';
import { createSharedTestDbs, dialectsUnderTest } from '../testing/test-db.ts';
import { HOUSEKEEPING_JOB } from './housekeeping.ts';
import { MAIL_JOB } from './mail-service.ts';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');
const PUBLIC_URL = 'http://case-review.example.org';
const EMAILS = 30;

interface AppProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the server as its own process on `databaseUrl`; resolves once it is listening. */
async function startAppProcess(t: TestContext, env: Record<string, string>): Promise<AppProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'case-review-instance-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
  const deadline = Date.now() + 120_000;
  while (!out.includes('Case Review is listening on')) {
    if (child.exitCode !== null) throw new Error(`the app process ended before listening:\n${out}`);
    if (Date.now() > deadline) throw new Error(`the app process did not start:\n${out}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, output: () => out, exited };
}

/** Waits (polling the database) until `done()` holds; a wait, not a timed assertion. */
async function until(what: string, done: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (dialectsUnderTest().includes('postgres'))
  describe('background jobs across app processes (postgres)', () => {
    test('two server processes on one PostgreSQL: each email is sent once, and housekeeping due for both runs once', async (t) => {
      const smtp = await smtpSink(t);
      const shared = await createSharedTestDbs(1);
      t.after(() => shared.close());
      const keyring = testKeyring();
      const env = {
        DATABASE_URL: shared.url,
        SMTP_URL: smtp.url,
        PUBLIC_URL,
        JOB_POLL_SECONDS: '1',
        ...Object.fromEntries(keyringToEnv(keyring).map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string])),
      };
      // This process enqueues, as a third instance whose worker is not running.
      const [db] = shared.dbs;
      assert.ok(db);
      const services = createServices({ db, keyring, config: loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: smtp.url, PUBLIC_URL }) });
      t.after(() => services.mail.close());

      // Housekeeping is already due when both processes first look: both see it, one enqueues it.
      await db.kysely
        .insertInto('job_schedules')
        .values({ name: HOUSEKEEPING_JOB, next_run_at: new Date(Date.now() - 60_000).toISOString(), last_run_at: null })
        .execute();

      const apps = await Promise.all([startAppProcess(t, env), startAppProcess(t, env)]);

      await queueEmails(
        services,
        Array.from({ length: EMAILS }, (_, n) => ({
          to: `person${n}@example.org`,
          subject: `Message ${n}`,
          body: `Body of message ${n}.`,
          language: 'en' as const,
        })),
      );
      const jobs = () => db.kysely.selectFrom('jobs').select(['kind', 'state', 'attempts']).execute();
      await until('every job done', async () => {
        const rows = await jobs();
        return (
          rows.filter((r) => r.kind === MAIL_JOB && r.state === 'done').length === EMAILS && rows.some((r) => r.kind === HOUSEKEEPING_JOB && r.state === 'done')
        );
      });

      // Stop both (each finishes the job in hand), then count what reached the mail server.
      for (const app of apps) app.child.kill('SIGTERM');
      const codes = await Promise.all(apps.map((a) => a.exited));
      assert.deepEqual(codes, [0, 0], apps.map((a) => a.output()).join('\n---\n'));

      const subjects = smtp.emails().map((e) => e.subject);
      assert.equal(subjects.length, EMAILS, `${EMAILS} emails, not more`);
      assert.equal(new Set(subjects).size, EMAILS, 'each email once');
      const rows = await jobs();
      assert.deepEqual(
        rows.filter((r) => r.kind === MAIL_JOB).map((r) => [r.state, Number(r.attempts)]),
        Array.from({ length: EMAILS }, () => ['done', 1]),
        'each job claimed once',
      );
      assert.deepEqual(
        rows.filter((r) => r.kind === HOUSEKEEPING_JOB).map((r) => [r.state, Number(r.attempts)]),
        [['done', 1]],
        'one housekeeping run between the two processes',
      );
    });
  });
