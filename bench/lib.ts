// Helpers shared by the benchmark: a cookie-keeping HTTP client that signs in through the real forms,
// process sampling from /proc, the machine description and small statistics.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { generateSync } from 'otplib';

export class Client {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<{ status: number; body: string; location: string | null }> {
    const res = await fetch(this.base + path, {
      method,
      redirect: 'manual',
      headers: {
        cookie: this.cookieHeader(),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }

  /** The CSRF token of the form on a page. */
  async csrf(path: string): Promise<string> {
    const page = await this.request('GET', path);
    const m = /name="_csrf" value="([^"]+)"/.exec(page.body);
    if (!m?.[1]) throw new Error(`no CSRF token on ${path} (status ${page.status})`);
    return m[1];
  }

  /** Signs in through /sign-in (and /sign-in/two-factor when a secret is given). */
  async signIn(email: string, password: string, totpSecret?: string): Promise<void> {
    const token = await this.csrf('/sign-in');
    const res = await this.request('POST', '/sign-in', { _csrf: token, email, password });
    if (res.status !== 302) throw new Error(`sign-in of ${email} answered ${res.status}`);
    if (res.location?.startsWith('/account/two-factor/set-up')) throw new Error(`${email} has not set up two-factor authentication`);
    if (res.location?.startsWith('/sign-in/two-factor')) {
      if (!totpSecret) throw new Error(`${email} needs two-factor`);
      for (let attempt = 1; ; attempt++) {
        const t2 = await this.csrf('/sign-in/two-factor');
        const second = await this.request('POST', '/sign-in/two-factor', { _csrf: t2, code: generateSync({ secret: totpSecret }) });
        if (second.status === 302) break;
        // A code is accepted once: another client may have just used this period's. Wait for the next one.
        if (attempt === 2) throw new Error(`two-factor of ${email} answered ${second.status}`);
        await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 1000));
      }
    }
  }
}

export async function waitForHttp(url: string, timeoutMs: number, intervalMs = 5): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) of a process in milliseconds. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** Whole-machine busy CPU time in ms (all cores), to estimate interference from other work. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = (v[0] ?? 0) + (v[1] ?? 0) + (v[2] ?? 0) + (v[5] ?? 0) + (v[6] ?? 0) + (v[7] ?? 0);
  return (busy * 1000) / 100;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  status: Record<string, number>;
  errors: number;
  timeouts: number;
  bytesPerRequest: number;
  loadGeneratorCpuMs: number;
}

export function runLoad(root: string, spec: unknown): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load.ts', JSON.stringify(spec)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`autocannon exited ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as LoadResult);
    });
  });
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function machine() {
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    commit = 'unknown';
  }
  const c = cpus();
  return {
    cpu: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    kernel: release(),
    node: process.version,
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
    commit,
  };
}

export function fmt(n: number | undefined | null, digits = 1): string {
  if (n === undefined || n === null || Number.isNaN(n)) return '–';
  return n.toFixed(digits);
}

/** Waits until a process has (nearly) stopped using CPU: requests still queued after a load run finish first. */
export async function waitIdle(pid: number, maxMs = 60_000): Promise<void> {
  const started = performance.now();
  let last = cpuMs(pid);
  while (performance.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, 300));
    const now = cpuMs(pid);
    if (now - last <= 30) return;
    last = now;
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}
