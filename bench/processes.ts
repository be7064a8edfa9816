// The benchmark's processes: the server under test (cold starts, under load with its CPU and memory
// sampled) and the helper processes that report one JSON line (database and render limits).
import { type ChildProcess, spawn } from 'node:child_process';
import { KEYS_FILE, type Prepared } from './data.ts';
import { cpuMs, freePort, type LoadResult, machineBusyMs, median, rssMb, runLoad, waitForHttp, waitIdle } from './lib.ts';
import { duration, root, SESSION_SECRET } from './options.ts';
import type { BenchTargets, PageDef } from './pages.ts';

// ---- Processes ------------------------------------------------------------------------------------

export function serverEnv(p: Prepared, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...p.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '100000000',
    SESSION_SECRET,
    KEYS_FILE,
    NODE_ENV: 'production',
  };
  if (!p.env.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

export function startServer(p: Prepared, port: number, flags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...flags, 'dist/server.js'], { cwd: root, env: serverEnv(p, port), stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function coldStart(p: Prepared, runs: number) {
  const health: number[] = [];
  const page: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const t0 = performance.now();
    const child = startServer(p, port);
    try {
      await waitForHttp(`http://127.0.0.1:${port}/health`, 30_000, 2);
      health.push(performance.now() - t0);
      const res = await fetch(`http://127.0.0.1:${port}/sign-in`);
      await res.text();
      page.push(performance.now() - t0);
    } finally {
      await stop(child);
    }
  }
  return { runs, toHealthMs: median(health), toFirstPageMs: median(page), healthRunsMs: health, pageRunsMs: page };
}

export interface Point extends LoadResult {
  connections: number;
  serverCpuMsPerRequest: number;
  peakRssMb: number;
  foreignCpuPercent: number;
}

export async function measure(base: string, pid: number, spec: Record<string, unknown>, c: number): Promise<Point> {
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 100);
  const cpu0 = cpuMs(pid);
  const busy0 = machineBusyMs();
  const t0 = performance.now();
  const r = await runLoad(root, { url: base, connections: c, duration, ...spec });
  const wall = performance.now() - t0;
  clearInterval(sampler);
  const serverCpu = cpuMs(pid) - cpu0;
  const busy = machineBusyMs() - busy0;
  // Other work on the machine: busy CPU used by neither the server nor the load generator (its start-up included).
  const foreign = Math.max(0, busy - serverCpu - r.loadGeneratorCpuMs) / (wall * 2);
  // Requests still queued when the run ended would land on the next point: let them finish first.
  await waitIdle(pid);
  return {
    ...r,
    connections: c,
    serverCpuMsPerRequest: r.requests > 0 ? serverCpu / r.requests : Number.NaN,
    peakRssMb: peak,
    foreignCpuPercent: foreign * 100,
  };
}

export function loadSpec(page: PageDef, targets: BenchTargets, cookie: string, csrf: string | undefined): Record<string, unknown> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  if (page.method === 'POST') {
    const body = new URLSearchParams({ ...(page.form ?? {}), _csrf: csrf ?? '' }).toString();
    return {
      requests: page
        .paths(targets)
        .map((path) => ({ method: 'POST', path, body, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } })),
    };
  }
  return { requests: page.paths(targets).map((path) => ({ method: 'GET', path, headers })) };
}

export function childJson(script: string, args: unknown, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; first: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(args)], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const first = new Promise<unknown>((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      out += String(d);
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`${script} exited ${code} without output`));
    });
  });
  return Promise.resolve({ child, first });
}
