// A real ClamAV daemon for the tests of the virus scan: Debian's clamd (package clamav-daemon), started in
// the foreground on a Unix socket in a folder of its own, with a signature database the test builds with
// sigtool (no signatures can be downloaded here, and none are needed): one body signature that matches a
// marker anywhere in a file. When clamd or sigtool is not installed the tests skip, unless REQUIRE_ALL=1
// (CI), where that is a failure, as it is for PostgreSQL and Chromium (scripts/test.mjs).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ClamdClient } from '../services/files/clamd.ts';

/** Bytes that the test signature matches (not a real virus: a marker only this database knows). */
export const CLAMD_TEST_MARKER = Buffer.from('CASE-REVIEW-CLAMD-TEST-SIGNATURE-4be1c0d2');
/** The name clamd reports for it (".UNOFFICIAL": a signature from a database of one's own). */
export const CLAMD_TEST_SIGNATURE = 'CaseReview.Test.Marker.UNOFFICIAL';

export interface LocalClamd {
  socket: string;
  /** The variables that turn the scan on and point the service at this clamd. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** An executable of that name on PATH or in the sbin folders (clamd is in /usr/sbin), if there is one. */
function findExecutable(name: string): string | undefined {
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const folder of folders) {
    if (!folder) continue;
    const path = join(folder, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Why the clamd tests cannot run here (undefined: they can). Throws under REQUIRE_ALL=1 instead. */
export function clamdUnavailable(): string | undefined {
  const missing = ['clamd', 'sigtool'].filter((name) => !findExecutable(name));
  if (missing.length === 0) return undefined;
  const why = `${missing.join(' and ')} not installed (Debian: apt-get install clamav-daemon)`;
  if (process.env.REQUIRE_ALL === '1') throw new Error(`REQUIRE_ALL=1 but ${why}: the virus scan tests cannot run`);
  return why;
}

/** Starts clamd with a database built by sigtool, and waits until it answers PING. */
export async function startLocalClamd(): Promise<LocalClamd> {
  const clamd = findExecutable('clamd');
  const sigtool = findExecutable('sigtool');
  if (!clamd || !sigtool) throw new Error('clamd and sigtool are needed (see clamdUnavailable)');
  const dir = mkdtempSync(join(tmpdir(), 'case-review-clamd-'));
  const database = join(dir, 'db');
  mkdirSync(database);
  // sigtool --hex-dump turns the marker into the hex of a body signature: Name:TargetType(0, any file):Offset(*, anywhere):Hex.
  const hex = execFileSync(sigtool, ['--hex-dump'], { input: CLAMD_TEST_MARKER }).toString('ascii').trim();
  writeFileSync(join(database, 'case-review-test.ndb'), `CaseReview.Test.Marker:0:*:${hex}\n`);
  const socket = join(dir, 'clamd.sock');
  const conf = join(dir, 'clamd.conf');
  writeFileSync(
    conf,
    [
      `LocalSocket ${socket}`,
      `DatabaseDirectory ${database}`,
      `TemporaryDirectory ${dir}`,
      'Foreground yes',
      // As large as the largest upload the tests send (clamd's own default is 25 MB).
      'StreamMaxLength 60M',
      'LogTime no',
      '',
    ].join('\n'),
  );
  let output = '';
  const child: ChildProcess = spawn(clamd, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => {
    running = false;
  });
  const close = async () => {
    if (running) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Loading a one-signature database takes a second or two; a minute allows for a busy machine.
  const client = new ClamdClient({ socket }, 5000);
  for (let waited = 0; !(await client.ping()); waited += 100) {
    if (!running || waited > 60_000) {
      await close();
      throw new Error(`clamd did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { socket, env: { CLAMD_SOCKET: socket }, close };
}
