// The database limit: the service calls each page's handler makes (with the session lookup and actor
// loading every signed-in request does), run directly in a loop over the benchmark data, one at a time.
// argv[2]: JSON { targets, seconds }. Prints { [pageId]: { opsPerSecond, msPerOp } } as one JSON line.
import { loadConfig } from '../src/config.ts';
import { createServices } from '../src/container.ts';
import { openDatabase } from '../src/db/database.ts';
import type { AuditAction } from '../src/domain/audit-actions.ts';
import { loadKeyring } from '../src/keyring.ts';
import type { Caller } from '../src/services/context.ts';
import { type BenchTargets, PAGES } from './pages.ts';

const args = JSON.parse(process.argv[2] ?? '{}') as { targets: BenchTargets; seconds: number; sessionId?: string };
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const db = openDatabase(config.database);
const services = createServices({ db, config, keyring: loadKeyring(config) });
const out: Record<string, { opsPerSecond: number; msPerOp: number; error?: string }> = {};

async function callerFor(personId: string | null, action: AuditAction): Promise<Caller> {
  if (args.sessionId) await services.sessions.get(args.sessionId);
  const actor = personId ? await services.identity.loadActor(personId, true) : undefined;
  return { actor, ip: '127.0.0.1', requestId: 'bench', action };
}

for (const page of PAGES) {
  const queries = page.queries;
  if (!queries) continue;
  const person =
    page.who === 'admin' ? args.targets.adminId : page.who === 'user' ? args.targets.benchUserId : page.who === 'owner' ? args.targets.benchOwnerId : null;
  try {
    const op = async (i: number) => queries(services, await callerFor(person, 'BENCH_DB_LIMIT'), args.targets, i);
    for (let i = 0; i < 20; i++) await op(i);
    const deadline = performance.now() + args.seconds * 1000;
    const started = performance.now();
    let n = 0;
    while (performance.now() < deadline) await op(n++);
    const elapsed = performance.now() - started;
    out[page.id] = { opsPerSecond: (n * 1000) / elapsed, msPerOp: elapsed / n };
  } catch (error) {
    out[page.id] = { opsPerSecond: Number.NaN, msPerOp: Number.NaN, error: error instanceof Error ? error.message : String(error) };
  }
}
services.mail.close();
await db.close();
process.stdout.write(`${JSON.stringify(out)}\n`);
