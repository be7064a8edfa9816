// The benchmark's options (command line) and fixed settings, shared by its modules.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScaleName } from '../src/generator/index.ts';
import { PAGES } from './pages.ts';

export const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : fallback;
};
export const dialect = arg('db', 'sqlite') === 'postgres' ? 'postgres' : 'sqlite';
export const scales = arg('scales', 'small,national').split(',') as ScaleName[];
export const duration = Number(arg('duration', '5'));
export const connections = arg('connections', '1,10,50').split(',').map(Number);
export const seed = Number(arg('seed', '20261127'));
export const coldRuns = Number(arg('cold-runs', '5'));
/** Only these pages (ids from bench/pages.ts), e.g. --pages dashboard,referral. */
export const onlyPages = arg('pages', '').split(',').filter(Boolean);
/** Profile the server (node --cpu-prof) under load instead of measuring limits; prints where the CPU goes. */
export const profile = argv.includes('--profile');
export const pagesToRun = onlyPages.length ? PAGES.filter((page) => onlyPages.includes(page.id)) : PAGES;
if (onlyPages.length && pagesToRun.length !== onlyPages.length) throw new Error(`unknown page in --pages; known: ${PAGES.map((page) => page.id).join(', ')}`);
/** Run one section only: `import` (the chronology import's rate) or `packet` (making a submission packet); no server, no generated data. */
export const only = arg('only', '');
/** Rows of the chronology import's workbook. */
export const importRows = Number(arg('import-rows', '100000'));
/** How many packets `--only packet` makes after the first (bench/packet.ts). */
export const packetRuns = Number(arg('packet-runs', '20'));
export const profileDir = join(root, 'bench/results/profiles');

/** Bench-only credentials, stored in the generated (fictional) data. */
export const BENCH_PASSWORD = 'bench-password-not-a-secret';
export const BENCH_TOTP_SECRET = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';
export const SESSION_SECRET = 'bench-session-secret-0123456789-0123456789';
export const AS_OF = arg('as-of', '2026-11-27');

export const dataRoot = join(root, 'bench/.data');
export const log = (s: string) => process.stdout.write(`${s}\n`);
