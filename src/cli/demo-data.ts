// case-review demo-data --scale small|board|national [--seed N] [--as-of YYYY-MM-DD]: fills an EMPTY
// database (DATA_DIR / DATABASE_URL, like the server) with realistic, fictional data, deterministic from
// the seed, with a progress bar. Two bench users can sign in (bench/README.md); everyone else has no
// password. Never run it against a database holding real cases: it refuses one that has any board.
import { randomBytes } from 'node:crypto';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { generateSecret } from 'otplib';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { BENCH_ADMIN_EMAIL, BENCH_USER_EMAIL, DatabaseNotEmptyError, type GenerateReport, generate, SCALE_NAMES, type ScaleName } from '../generator/index.ts';
import { loadKeyring } from '../keyring.ts';
import { systemClock } from '../services/context.ts';
import { hashPassword } from '../services/secrets.ts';
import type { Output } from './context.ts';
import { table } from './context.ts';

export interface DemoDataOptions {
  scale: string;
  seed?: string | number;
  asOf?: string;
  /** The bench users' password; a random one is made (and printed) when absent. */
  password?: string;
  /** The bench users' authenticator secret (base32); made when absent. */
  totpSecret?: string;
  /** Show the progress bar (default true). */
  progress?: boolean;
}

export async function runDemoData(config: Config, options: DemoDataOptions, io: Output): Promise<{ code: number; report?: GenerateReport }> {
  if (!(SCALE_NAMES as readonly string[]).includes(options.scale)) {
    io.err(`Error: --scale must be one of ${SCALE_NAMES.join(', ')}`);
    return { code: 1 };
  }
  const seed = Number(options.seed ?? 1);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    io.err('Error: --seed must be a whole number');
    return { code: 1 };
  }
  const asOf = options.asOf ?? systemClock.today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) {
    io.err('Error: --as-of must be a date (YYYY-MM-DD)');
    return { code: 1 };
  }
  const password = options.password ?? randomBytes(12).toString('base64url');
  const totpSecret = options.totpSecret ?? generateSecret();
  const keyring = loadKeyring(config);
  const db = openDatabase(config.database);
  const bar = new cliProgress.SingleBar(
    { format: '{step} [{bar}] {value}/{total}', noTTYOutput: true, notTTYSchedule: 5000, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let current = '';
  try {
    await migrateToLatest(db);
    const passwordHash = await hashPassword(password);
    const show = options.progress !== false;
    const report = await generate(db, {
      scale: options.scale as ScaleName,
      seed,
      asOf,
      passwordHash,
      adminTotpSecret: totpSecret,
      keyring,
      onProgress: (e) => {
        if (!show) return;
        if (e.step !== current) {
          if (current) bar.stop();
          current = e.step;
          bar.start(e.total, e.done, { step: e.step.padEnd(24) });
        } else bar.update(e.done);
      },
    });
    if (current) bar.stop();
    io.out('');
    io.out(`Generated ${options.scale} demo data (seed ${seed}, history to ${asOf}) on ${db.dialect} in ${report.seconds.toFixed(1)} s.`);
    io.out('');
    for (const line of table(
      ['Table', 'Rows'],
      Object.entries(report.rows).map(([t, n]) => [t, String(n)]),
    ))
      io.out(line);
    io.out(`audit_events (generated history)  ${report.auditEvents}`);
    io.out('');
    io.out('Not generated yet (their tables arrive with later capabilities):');
    for (const n of report.notGenerated) io.out(`  ${n.entity}: ${n.wanted} wanted, awaits ${n.awaits}`);
    io.out('');
    io.out(`Bench users (first board): ${BENCH_USER_EMAIL} (business unit and management group) and ${BENCH_ADMIN_EMAIL} (administrator).`);
    if (!options.password) io.out(`Their password: ${password}`);
    if (!options.totpSecret) io.out(`Their authenticator secret: ${totpSecret}`);
    return { code: 0, report };
  } catch (error) {
    if (current) bar.stop();
    if (error instanceof DatabaseNotEmptyError) {
      io.err(`Error: ${error.message}`);
      return { code: 1 };
    }
    throw error;
  } finally {
    await db.close();
  }
}

/** Adds the command to the program (src/cli/program.ts). */
export function registerDemoData(program: Command, deps: { config: () => Config; io: Output; exit: (code: number) => void }): void {
  program
    .command('demo-data')
    .description('fill an empty database with fictional demo data at a scale (small, board or national), deterministic from a seed')
    .requiredOption('--scale <scale>', `one of ${SCALE_NAMES.join(', ')}`)
    .option('--seed <n>', 'the random seed', '1')
    .option('--as-of <date>', 'the day the generated history ends (default: today)')
    .option('--password <password>', 'the bench users’ password (default: a random one, printed)')
    .option('--totp-secret <base32>', 'the bench users’ authenticator secret (default: a new one, printed)')
    .action(async (opts: { scale: string; seed: string; asOf?: string; password?: string; totpSecret?: string }) =>
      deps.exit((await runDemoData(deps.config(), opts, deps.io)).code),
    );
}
