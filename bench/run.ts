// npm run bench [-- --db postgres] [--scales small,national] [--duration 5] [--connections 1,10,50]
// Builds (npm script), prepares the data (generated once per scale and seed into bench/.data/, reused
// while the schema and generator match), then for each scale: cold start, the real server under load
// (autocannon in its own process) for every page, RSS and server CPU, the database limit and the render
// limit. Prints a table and writes bench/results/latest.json. See bench/README.md for how to read it.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { latestMigration } from '../src/db/migrations/index.ts';
import { BENCH_ADMIN_EMAIL, BENCH_OWNER_EMAIL, BENCH_USER_EMAIL, GENERATOR_VERSION, NOT_YET_GENERATED } from '../src/generator/index.ts';
import { type Prepared, prepare, startPostgres, stopPostgres, targetsOf } from './data.ts';
import { benchImport, type ImportBench } from './import.ts';
import { Client, fmt, freePort, machine, rssMb, waitForHttp } from './lib.ts';
import {
  AS_OF,
  BENCH_PASSWORD,
  BENCH_TOTP_SECRET,
  coldRuns,
  connections,
  dataRoot,
  dialect,
  duration,
  importRows,
  log,
  only,
  onlyPages,
  packetRuns,
  pagesToRun,
  profile,
  profileDir,
  root,
  scales,
  seed,
} from './options.ts';
import { benchPacket } from './packet.ts';
import { childJson, coldStart, loadSpec, measure, type Point, serverEnv, startServer, stop } from './processes.ts';
import { summariseProfile } from './profile.ts';

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
  const owner = new Client(base);
  await user.signIn(BENCH_USER_EMAIL, BENCH_PASSWORD, BENCH_TOTP_SECRET);
  await admin.signIn(BENCH_ADMIN_EMAIL, BENCH_PASSWORD, BENCH_TOTP_SECRET);
  await owner.signIn(BENCH_OWNER_EMAIL, BENCH_PASSWORD, BENCH_TOTP_SECRET);
  const csrf = await user.csrf('/account/language');
  const pages: PageResult[] = [];
  try {
    // Warm every page (template compilation, statement caches), then idle.
    for (const page of pagesToRun) {
      const client = page.who === 'admin' ? admin : page.who === 'owner' ? owner : user;
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
      const cookie = page.who === 'admin' ? admin.cookieHeader() : page.who === 'user' ? user.cookieHeader() : page.who === 'owner' ? owner.cookieHeader() : '';
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
mkdirSync(join(root, 'bench/results'), { recursive: true });
// One section alone: the chronology import's rate (no server, no generated data).
if (only === 'import') {
  const chronologyImport = await benchImport(dataRoot, importRows, log);
  const outFile = 'bench/results/partial-import.json';
  writeFileSync(join(root, outFile), `${JSON.stringify({ generatedAt: new Date().toISOString(), machine: info, chronologyImport }, null, 2)}\n`);
  log(`Wrote ${outFile} in ${fmt((Date.now() - started) / 1000, 0)} s.`);
  process.exit(0);
}
// One section alone: making a submission packet (no server, no generated data).
if (only === 'packet') {
  const packet = await benchPacket(dataRoot, packetRuns, log);
  const outFile = 'bench/results/partial-packet.json';
  writeFileSync(join(root, outFile), `${JSON.stringify({ generatedAt: new Date().toISOString(), machine: info, packet }, null, 2)}\n`);
  log(`Wrote ${outFile} in ${fmt((Date.now() - started) / 1000, 0)} s.`);
  process.exit(0);
}
if (only) throw new Error(`unknown --only ${only}; known: import, packet`);
if (!existsSync(join(root, 'dist/server.js'))) throw new Error('dist/server.js is missing: run npm run build');
if (profile) mkdirSync(profileDir, { recursive: true });
if (dialect === 'postgres') await startPostgres();

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
  await stopPostgres();
}
// The chronology import's rate against exceljs's raw read of the same file (SQLite file database).
let chronologyImport: ImportBench | undefined;
if (onlyPages.length === 0 && !profile) chronologyImport = await benchImport(dataRoot, importRows, log);

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
  chronologyImport,
  notMeasuredYet: [...NOT_YET_GENERATED.map((n) => ({ id: `data:${n.entity}`, reason: `not generated: awaits ${n.awaits}` }))],
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
if (chronologyImport)
  log(
    `chronology import: ${fmt(chronologyImport.import.rowsPerSecond, 0)} rows/s against exceljs's raw read ${fmt(chronologyImport.exceljsRaw.rowsPerSecond, 0)} rows/s (${fmt(chronologyImport.importOverRaw, 2)})`,
  );
log(`Wrote ${outFile} in ${fmt(output.totalSeconds, 0)} s.`);
