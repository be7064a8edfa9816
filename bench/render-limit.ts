// The render limit: captures the view-model each page renders in the real application (over a copy of
// the benchmark data), then serves the same templates from those in-memory view-models on a bare Fastify
// route, with @fastify/view configured as src/http/plugins/views.ts does. Also times each render
// in-process (CPU ms per render). argv[2]: JSON { port, targets, password, totpSecret }.
// Prints one JSON line when ready: { captured, cpuMsPerRender, htmlBytes }.
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import view from '@fastify/view';
import Fastify from 'fastify';
import nunjucks from 'nunjucks';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createServices } from '../src/container.ts';
import { openDatabase } from '../src/db/database.ts';
import { BENCH_ADMIN_EMAIL, BENCH_OWNER_EMAIL, BENCH_USER_EMAIL } from '../src/generator/index.ts';
import { loadKeyring } from '../src/keyring.ts';
import { configureEnvironment } from '../src/views/environment.ts';
import { Client } from './lib.ts';
import { type BenchTargets, PAGES } from './pages.ts';
import { type CpuProfile, summariseProfile } from './profile.ts';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  port: number;
  targets: BenchTargets;
  password: string;
  totpSecret: string;
  /** Pages whose render to profile in-process (1,000 renders each); the summary goes to stderr. */
  profileRender?: string[];
};
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const searchPaths = [join(root, 'src/http'), join(root, 'src/views'), join(root, 'node_modules/govuk-frontend/dist')];

// 1. Capture: every render of the real application passes through nunjucks' Environment.render.
let captured: { name: string; context: Record<string, unknown> } | undefined;
const original = nunjucks.Environment.prototype.render;
nunjucks.Environment.prototype.render = function (this: nunjucks.Environment, name: string, context?: object, cb?: nunjucks.TemplateCallback<string>) {
  captured = { name, context: (context ?? {}) as Record<string, unknown> };
  return original.call(this, name, context, cb as nunjucks.TemplateCallback<string>);
} as typeof original;

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000000' });
const db = openDatabase(config.database);
const services = createServices({ db, config, keyring: loadKeyring(config) });
const app = await buildApp({ services, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const user = new Client(base);
const admin = new Client(base);
const owner = new Client(base);
await user.signIn(BENCH_USER_EMAIL, args.password, args.totpSecret);
await admin.signIn(BENCH_ADMIN_EMAIL, args.password, args.totpSecret);
await owner.signIn(BENCH_OWNER_EMAIL, args.password, args.totpSecret);

const models = new Map<string, { name: string; context: Record<string, unknown> }>();
for (const page of PAGES) {
  if (page.noRender || page.method !== 'GET') continue;
  const client = page.who === 'admin' ? admin : page.who === 'owner' ? owner : user;
  captured = undefined;
  const path = page.paths(args.targets)[0] ?? '/';
  const res = await client.request('GET', path);
  if (res.status === 200 && captured) models.set(page.id, captured);
}
nunjucks.Environment.prototype.render = original;

// 2. In-process CPU per render, on an environment configured like the application's.
const env = configureEnvironment(new nunjucks.Environment(new nunjucks.FileSystemLoader(searchPaths, { noCache: false, watch: false }), { autoescape: true }));
const cpuMsPerRender: Record<string, number> = {};
const htmlBytes: Record<string, number> = {};
for (const [id, m] of models) {
  for (let i = 0; i < 30; i++) env.render(m.name, m.context);
  const n = 300;
  const before = process.cpuUsage();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes = env.render(m.name, m.context).length;
  const used = process.cpuUsage(before);
  cpuMsPerRender[id] = (used.user + used.system) / 1000 / n;
  htmlBytes[id] = bytes;
}
for (const id of args.profileRender ?? []) {
  const m = models.get(id);
  if (!m) continue;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  for (let i = 0; i < 1000; i++) env.render(m.name, m.context);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  process.stderr.write(`${summariseProfile(profile as CpuProfile, 25, `render of ${id} (${m.name}), 1,000 times`)}\n`);
}
await app.close();
services.mail.close();
await db.close();

// 3. The bare route: the same templates from the captured view-models.
const bare = Fastify({ logger: false });
await bare.register(view, {
  engine: { nunjucks },
  templates: searchPaths,
  production: true,
  options: { noCache: false, onConfigure: configureEnvironment },
});
bare.get('/render/:id', async (req, reply) => {
  const m = models.get((req.params as { id: string }).id);
  if (!m) return reply.code(404).send('not captured');
  reply.header('content-type', 'text/html; charset=utf-8');
  return reply.view(m.name, m.context);
});
await bare.listen({ host: '127.0.0.1', port: args.port });
process.stdout.write(`${JSON.stringify({ captured: [...models.keys()], cpuMsPerRender, htmlBytes })}\n`);
