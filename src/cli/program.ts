// The case-review command line: every command runs over the same services as the web application.
import { Command } from 'commander';
import { type Config, loadConfig } from '../config.ts';
import { auditVerify } from './audit.ts';
import { type Output, stdio, withServices } from './context.ts';
import { createAdmin } from './create-admin.ts';
import { DEMO_DATA_DIR, demo } from './demo.ts';
import { registerDemoData } from './demo-data.ts';
import { documentDecisionLetter } from './document.ts';
import { importChronology } from './import.ts';
import { keysGenerate, keysRotate } from './keys.ts';
import { migrate } from './migrate.ts';
import { tokenCreate, tokenList, tokenRevoke } from './token.ts';

export interface ProgramOptions {
  io?: Output;
  env?: NodeJS.ProcessEnv;
  /** Receives each command's exit code (the process sets process.exitCode). */
  exit?: (code: number) => void;
}

function setExitCode(code: number): void {
  process.exitCode = code;
}

export function buildProgram({ io = stdio, env = process.env, exit = setExitCode }: ProgramOptions = {}): Command {
  const config = (overrides: Record<string, string> = {}): Config => loadConfig({ ...env, ...overrides });
  const program = new Command()
    .name('case-review')
    .description('Case Review: Serious Case Reviews for Safeguarding Children Boards. Reads DATA_DIR and DATABASE_URL like the server.')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => exit(await migrate(config(), io)));

  program
    .command('create-admin')
    .description('create a deployment administrator and print their one-time set-password link')
    .requiredOption('--email <email>', 'their email address (must not be in use)')
    .requiredOption('--name <name>', 'their full name')
    .option('--language <language>', 'en or cy', 'en')
    .action(async (opts: { email: string; name: string; language: string }) => exit(await withServices(config(), (s) => createAdmin(s, opts, io))));

  const token = program.command('token').description('API bearer tokens');
  token
    .command('create')
    .description('make an API token for a person (printed once)')
    .requiredOption('--email <email>', 'the person the token acts as')
    .option('--name <label>', 'what the token is for', 'API token')
    .option('--expires-days <days>', 'days until it expires (default: never)')
    .action(async (opts: { email: string; name?: string; expiresDays?: string }) => exit(await withServices(config(), (s) => tokenCreate(s, opts, io))));
  token
    .command('list')
    .description('list API tokens (never the tokens themselves)')
    .action(async () => exit(await withServices(config(), (s) => tokenList(s, io))));
  token
    .command('revoke')
    .description('revoke an API token')
    .argument('<id>', 'the token id (from token list)')
    .action(async (id: string) => exit(await withServices(config(), (s) => tokenRevoke(s, id, io))));

  const audit = program.command('audit').description('the audit log');
  audit
    .command('verify')
    .description('check the audit chain under the audit key, and against the signed checkpoints kept outside the database; exits 1 naming the first bad event')
    .option('--checkpoints <file>', 'the checkpoints file to compare with (default: audit-checkpoints.log in DATA_DIR)')
    .action(async (opts: { checkpoints?: string }) => {
      const c = config();
      exit(await withServices(c, (s) => auditVerify(s, io, opts.checkpoints ?? c.auditCheckpoint.file)));
    });

  const document = program.command('document').description('generated documents, as files (the same versions as the service gives)');
  document
    .command('decision-letter')
    .description("a referral's decision letter as a file; the read is audited as the person named by --as, who must be allowed to see the referral")
    .requiredOption('--referral <id>', 'the referral (its id)')
    .requiredOption('--as <email>', 'the person it is produced for (an active account that may see the referral; the audit log names them)')
    .requiredOption('--out <file>', 'where to write it (never over an existing file)')
    .option('--format <format>', 'pdf, docx or html', 'pdf')
    .option('--language <language>', 'en or cy', 'en')
    .action(async (opts: { referral: string; as: string; out: string; format: string; language: string }) =>
      exit(await withServices(config(), (s) => documentDecisionLetter(s, opts, io))),
    );

  const importCommand = program.command('import').description('import records from files');
  importCommand
    .command('chronology')
    .description(
      "import a filled-in chronology template (.xlsx or .csv) into an agency's chronology of a review: every row is checked first, and nothing is imported if any row has a problem (each printed; exit 1)",
    )
    .requiredOption('--review <review>', 'the review (its reference or id)')
    .requiredOption('--agency <agency>', 'the agency (its id, or its name in English or Welsh) asked to contribute to the review')
    .argument('<file>', 'the spreadsheet')
    .action(async (file: string, opts: { review: string; agency: string }) => exit(await withServices(config(), (s) => importChronology(s, file, opts, io))));

  const keys = program.command('keys').description('the keys kept outside the database (audit chain, encryption at rest)');
  keys
    .command('generate')
    .description('print new keys as environment variables (for PostgreSQL deployments), or write them to a new key file')
    .option('--file <path>', 'write a key file (never overwrites one) instead of printing')
    .action((opts: { file?: string }) => exit(keysGenerate(io, opts.file)));
  keys
    .command('rotate')
    .description('re-encrypt every encrypted value under a new (key file) or the first configured (ENCRYPTION_KEYS) encryption key')
    .action(async () => exit(await keysRotate(config(), io)));

  program
    .command('demo')
    .description('seed a fictional demo board with a user for every role, start the service and show sign-in details (its own SQLite database)')
    .option('--data-dir <dir>', 'where the demo keeps its database (never DATA_DIR or DATABASE_URL)', DEMO_DATA_DIR)
    .option('--seed-only', 'seed the demo (or find it seeded) and exit, without starting the service')
    .action(async (opts: { dataDir: string; seedOnly?: boolean }) => exit(await demo(env, opts.dataDir, io, { seedOnly: opts.seedOnly })));

  registerDemoData(program, { config, io, exit });

  return program;
}

/**
 * Runs the command line on `args` (the words after the command's name), as the bin does: a command's own failure
 * is its exit code; anything thrown is printed as "Error: …" and exit code 1.
 */
export async function runProgram(args: readonly string[], options: ProgramOptions = {}): Promise<void> {
  const { io = stdio, exit = setExitCode } = options;
  try {
    await buildProgram(options).parseAsync([...args], { from: 'user' });
  } catch (error) {
    io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    exit(1);
  }
}
