// Runs the BUILT server (node dist/server.js, built by scripts/test.mjs) as a child process on a free
// port over a fresh SQLite data directory, as an operator would. The only way in is the one-time
// first-administrator link it prints on an empty database: there are no test-only routes.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningServer {
  baseUrl: string;
  /** The printed one-time link that creates the first administrator (absolute URL). */
  firstAdministratorLink: string;
  /** Everything the server wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `env` adds to the clean environment (e.g. SMTP_URL for a test's own mail sink). */
export async function startServer(opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const entry = join(root, 'dist', 'server.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (node scripts/build.mjs)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'case-review-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  // A clean environment: never inherit a DATABASE_URL, SMTP_URL or secrets from the shell.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // The accessibility scan loads many pages and assets quickly from one address.
    RATE_LIMIT_MAX: '100000',
    ...opts.env,
  };
  const child = spawn(process.execPath, [entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });

  // A server that dies during the tests says why (its own output), since later pages will all fail.
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`\n# the server exited unexpectedly (code ${code}, signal ${signal}); its output:\n${out}\n`);
  });

  const stop = async () => {
    stopping = true;
    await stopChild(child, dataDir);
  };

  try {
    const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
    let link: string | undefined;
    let healthy = false;
    while (Date.now() < deadline && !(link && healthy)) {
      if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
      const match = /https?:\/\/\S+\/create-administrator\/([A-Za-z0-9_-]+)/.exec(out);
      if (match) link = `${baseUrl}/create-administrator/${match[1]}`;
      if (link && !healthy) {
        try {
          const res = await fetch(`${baseUrl}/health`);
          const body = (await res.json()) as { status?: string };
          healthy = res.status === 200 && body.status === 'ok';
        } catch {
          healthy = false;
        }
      }
      if (!(link && healthy)) await sleep(100);
    }
    if (!link) throw new Error('the server printed no /create-administrator/<token> link');
    if (!healthy) throw new Error('/health did not answer 200 {"status":"ok"}');
    return { baseUrl, firstAdministratorLink: link, output: () => out, stop };
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server output ---\n${out}`);
  }
}

/**
 * Runs the BUILT demo (node dist/cli/index.js demo) on a free port over a fresh demo directory, as someone
 * trying the service would. Resolves once it listens and has printed its sign-in details.
 */
/**
 * Starts `case-review demo` over a data directory of its own. scripts/test.mjs seeds the demo once for the run
 * (E2E_DEMO_TEMPLATE): the directory starts as a copy of it, and the demo reuses what it finds (fresh passwords,
 * nothing duplicated); `fresh` (the demo's own test) or a run without a template seeds an empty directory.
 */
export async function startDemoServer(opts: { timeoutMs?: number; fresh?: boolean } = {}): Promise<Omit<RunningServer, 'firstAdministratorLink'>> {
  const entry = join(root, 'dist', 'cli', 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (node scripts/build.mjs)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'case-review-e2e-demo-'));
  const template = process.env.E2E_DEMO_TEMPLATE;
  if (!opts.fresh && template && existsSync(template)) cpSync(template, dataDir, { recursive: true });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '100000',
  };
  const child = spawn(process.execPath, [entry, 'demo', '--data-dir', dataDir], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  const stop = async () => {
    await stopChild(child, dataDir);
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  while (!(/listening on/.test(out) && /otpauth:/.test(out))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the demo did not start:\n${out}`);
    }
    await sleep(200);
  }
  return { baseUrl: `http://127.0.0.1:${port}`, output: () => out, stop };
}

/** Ends a server process (SIGTERM, then SIGKILL after 5 s) and removes its data. */
async function stopChild(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited(child);
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
