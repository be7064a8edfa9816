// case-review demo: seeds the fictional Teifi Valley board (once; later runs reuse it and set fresh
// passwords), starts the service and prints who can sign in; the sign-in page shows the same.
//
// Demo mode cannot be switched on by accident in a real deployment:
// - it is not a setting: the sign-in details live in this process's memory and are handed to the app
//   it starts; the service started any other way (server.ts, `npm start`) never shows an account;
// - the demo never takes where its data lives from the environment: its own SQLite database in
//   ./data-demo, or the directory given with --data-dir. DATA_DIR, DATABASE_URL, the keys and the mail
//   settings of a real deployment's environment are not used (it says which it ignored);
// - it seeds only a new database or one it made before (seedDemo refuses any other), so pointed at a
//   real deployment's data by mistake it stops before adding anyone.
import { loadConfig } from '../config.ts';
import { type DemoAccount, type DemoSeed, seedDemo } from '../demo/seed.ts';
import type { DemoSignIn } from '../http/features/auth/sign-in-demo.ts';
import { type RunningServer, startServer } from '../start.ts';
import { absoluteUrl, urls } from '../urls.ts';
import { guarded, type Output, table, withServices } from './context.ts';

export const DEMO_DATA_DIR = './data-demo';

/** What the demo takes from the environment: where it listens and how it behaves, never where data lives. */
const DEMO_SETTINGS = ['HOST', 'PORT', 'PUBLIC_URL', 'LOG_LEVEL', 'TRUST_PROXY', 'RATE_LIMIT_MAX', 'SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_HOURS'];

/** Settings of a deployment the demo leaves alone when they are set (so it can say so). */
const NOT_FOR_THE_DEMO = [
  'DATA_DIR',
  'DATABASE_URL',
  'SMTP_URL',
  'MAIL_FROM',
  'SESSION_SECRET',
  'AUDIT_KEY',
  'ENCRYPTION_KEYS',
  'BLIND_INDEX_KEY',
  'KEYS_FILE',
  'AUDIT_CHECKPOINT_EMAIL',
  'SERVICE_NAME',
];

/** The demo's configuration: its own SQLite database in `dataDir`, whatever the environment says. */
export function demoConfig(env: NodeJS.ProcessEnv, dataDir: string = DEMO_DATA_DIR) {
  const kept: NodeJS.ProcessEnv = {};
  for (const name of DEMO_SETTINGS) if (env[name] !== undefined) kept[name] = env[name];
  const ignored = NOT_FOR_THE_DEMO.filter((name) => env[name] !== undefined && env[name] !== '');
  return { config: loadConfig({ ...kept, DATA_DIR: dataDir }), ignored };
}

const ROLE_LABELS: Record<DemoAccount['role'], string> = {
  deployment_administrator: 'Deployment administrator',
  administrator: 'Board administrator',
  business_unit: 'Business unit',
  board_chair: 'Board chair',
  board_member: 'Board member',
  management_group_member: 'Management group member',
  management_group_chair: 'Management group chair',
  information_governance: 'Information governance',
  agency_referrer: 'Agency referrer',
  agency_contributor: 'Agency contributor',
  action_owner: 'Action owner',
};

export function signInDetails(seed: DemoSeed, base: string): string[] {
  const lines = [
    '',
    `${seed.board.nameEn} / ${seed.board.nameCy} (${seed.board.code}), ${seed.agencies} partner agencies${seed.boardCreated ? '' : ' (already seeded: nothing duplicated)'}.`,
    `Sign in at ${absoluteUrl(base, urls.signIn())} (the page lists these people too) with:`,
    '',
    ...table(
      ['Role', 'Name', 'Email', 'Password', 'Authenticator secret'],
      seed.accounts.map((a) => [ROLE_LABELS[a.role], a.fullName, a.email, a.password, a.totpSecret ?? '-']),
    ),
    '',
    'Passwords are new on every run of the demo. Add each authenticator secret to an authenticator app',
    '(or use its otpauth link below); the app then gives the 6-digit code asked for after the password.',
    '',
  ];
  for (const a of seed.accounts) if (a.totpUri) lines.push(`  ${a.email}: ${a.totpUri}`);
  lines.push('');
  return lines;
}

/** What the demo's sign-in page shows: the board's names and each demo person's sign-in details. */
export function demoSignIn(seed: DemoSeed): DemoSignIn {
  return {
    board: { nameEn: seed.board.nameEn, nameCy: seed.board.nameCy },
    accounts: seed.accounts.map((a) => ({ role: a.role, fullName: a.fullName, email: a.email, password: a.password, totpSecret: a.totpSecret })),
  };
}

/** Seeds the demo and starts it with its sign-in details on the sign-in page; prints them too. */
export async function startDemo(env: NodeJS.ProcessEnv, dataDir: string | undefined, io: Output): Promise<RunningServer> {
  const { config, ignored } = demoConfig(env, dataDir);
  if (ignored.length > 0) {
    io.out(`The demo keeps its own data in ${config.dataDir} (choose another with --data-dir) and does not use ${ignored.join(', ')} from the environment.`);
  }
  const seed = await withServices(config, (services) => seedDemo(services));
  const server = await startServer(config, { demo: demoSignIn(seed) });
  for (const line of signInDetails(seed, server.base)) io.out(line);
  return server;
}

/**
 * `case-review demo`; with `seedOnly`, seeds the demo's directory (or finds it seeded) and exits without starting the
 * service — a directory prepared once and copied (the browser tests start each demo from one).
 */
export async function demo(env: NodeJS.ProcessEnv, dataDir: string | undefined, io: Output, opts: { seedOnly?: boolean } = {}): Promise<number> {
  return guarded(io, async () => {
    if (!opts.seedOnly) {
      await startDemo(env, dataDir, io);
      return 0;
    }
    const { config } = demoConfig(env, dataDir);
    const seed = await withServices(config, (services) => seedDemo(services));
    io.out(`${seed.board.nameEn} seeded in ${config.dataDir}${seed.boardCreated ? '' : ' (already seeded: nothing duplicated)'}.`);
    return 0;
  });
}
