// case-review demo: seeds the fictional Teifi Valley board (once; later runs reuse it and set fresh
// passwords), starts the service and prints who can sign in. Uses ./data-demo unless DATA_DIR is set,
// so it never touches the real data directory unless told to.
import type { Config } from '../config.ts';
import { type DemoAccount, type DemoSeed, seedDemo } from '../demo/seed.ts';
import { startServer } from '../start.ts';
import { type Output, table, withServices } from './context.ts';

export const DEMO_DATA_DIR = './data-demo';

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
};

export function signInDetails(seed: DemoSeed, base: string): string[] {
  const lines = [
    '',
    `${seed.board.nameEn} / ${seed.board.nameCy} (${seed.board.code}), ${seed.agencies} partner agencies${seed.boardCreated ? '' : ' (already seeded: nothing duplicated)'}.`,
    `Sign in at ${base}/sign-in with:`,
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

export async function demo(config: Config, io: Output): Promise<number> {
  const seed = await withServices(config, (services) => seedDemo(services));
  const server = await startServer(config);
  for (const line of signInDetails(seed, server.base)) io.out(line);
  return 0;
}
