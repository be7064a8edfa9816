// The access matrix's cells (src/http/access-matrix.test.ts): with the fixtures of each route parameter on both
// boards (access-matrix-params.ts), every route × actor × own/other/mixed record made into a cell, what the permission table expects
// of each, how an answer is judged, and the run that sends them all. What each route expects is its
// classification (src/testing/access-matrix-routes.ts).
import type { FastifyInstance } from 'fastify';
import { type Access, can, type Permission } from '../domain/permissions.ts';
import { type Answer, inPool, leaksIn, type MatrixActor, matrixActors, send, walkReferralJourney } from './access-matrix.ts';
import { freshAgency, freshGrant, freshInvitation, freshMeeting, freshPerson } from './access-matrix-fresh.ts';
import { type Fixture, PARAMS } from './access-matrix-params.ts';
import { ROUTES } from './access-matrix-routes.ts';
import type { FreshKind, RouteSpec, Variant } from './access-matrix-spec.ts';
import { type BoardKey, MATRIX_NOW, type MatrixBoard, type MatrixWorld, seedMatrixWorld } from './access-matrix-world.ts';
import { buildTestApp, type TestApp, TestClock } from './test-app.ts';

// ---- Findings on today's main, kept as known failures until their fixes land --------------------------------

export interface KnownFailure {
  route: string;
  actor?: string;
  variant?: Variant;
  fixture?: string;
  /** What the failing cells report (any other problem in a matching cell still fails the test). */
  problem: string;
  /** The finding, and the change that will remove this entry. */
  finding: string;
}

export const KNOWN_FAILURES: KnownFailure[] = [];

// ---- Cells -------------------------------------------------------------------------------------------------

export interface Cell {
  route: string;
  method: string;
  pattern: string;
  access: Access;
  spec: RouteSpec;
  variant: Variant;
  fixture: string;
  /** The board of the record the address names (mixed: board B's record through board A's address). */
  recordBoard: BoardKey | undefined;
  /** A filter naming a board, rather than the address. */
  byQuery: boolean;
  /** The review (and agency) the address names, if any: checked with the board against review-scoped roles. */
  resourceParts: { reviewId?: string; agencyId?: string };
  absent: boolean;
  who: MatrixActor;
  resolve(): Promise<{ url: string; body?: Record<string, unknown> }>;
}

export interface Result {
  cell: Cell;
  url: string;
  answer: Answer;
  allowed: boolean;
  problems: string[];
  ms: number;
}

export function paramsOf(url: string): string[] {
  return [...url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
}

export function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

export function methodsOf(route: TestApp['routes'][number]): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

/** Every route as "METHOD /url" (HEAD twins of GET routes are Fastify's, answered by the GET handler). */
export function routeKeys(routes: TestApp['routes']): { key: string; method: string; url: string; access: Access }[] {
  const all = routes.flatMap((r) => methodsOf(r).map((method) => ({ method, url: r.url, access: r.config?.access as Access })));
  const gets = new Set(all.filter((r) => r.method === 'GET').map((r) => r.url));
  return all.filter((r) => !(r.method === 'HEAD' && gets.has(r.url))).map((r) => ({ ...r, key: `${r.method} ${r.url}` }));
}

/** What is missing or wrong in the classification; empty when every route and parameter is covered. */
export function classificationProblems(routes: TestApp['routes'], table: Record<string, RouteSpec> = ROUTES): string[] {
  const problems: string[] = [];
  const keys = routeKeys(routes);
  for (const { key, url, access } of keys) {
    const spec = table[key];
    if (!spec) {
      problems.push(
        `${key} (access ${access}) is not in the access matrix: add ROUTES['${key}'] in src/testing/access-matrix-routes.ts (perm(), or pub(why)/own(why), with a body that fails validation if it changes anything)`,
      );
      continue;
    }
    const declared = spec.who === 'asset' ? 'public' : spec.who === 'permission' ? 'a permission' : spec.who;
    const actual = access === 'public' || access === 'signed-in' ? access : 'a permission';
    if (declared !== actual) problems.push(`${key} is classified as ${spec.who} but declares access ${access}: reclassify it`);
    if (spec.who === 'asset' && !spec.sample) problems.push(`${key}: an asset route needs a sample file`);
    if (spec.fresh && !paramsOf(url).some((n) => FRESH_PARAMS[spec.fresh ?? 'person'].includes(n))) {
      problems.push(`${key}: a fresh ${spec.fresh} provides none of its parameters`);
    }
    for (const name of paramsOf(url)) {
      if (!PARAMS[name])
        problems.push(
          `${key}: parameter :${name} has no fixtures: add PARAMS.${name} in src/testing/access-matrix-params.ts (own/other records of a board, or unscoped values)`,
        );
    }
  }
  const present = new Set(keys.map((k) => k.key));
  for (const key of Object.keys(table)) if (!present.has(key)) problems.push(`ROUTES['${key}'] names no registered route: remove or rename it`);
  return problems;
}

function cartesian(lists: Fixture[][]): Fixture[][] {
  return lists.reduce<Fixture[][]>((acc, list) => acc.flatMap((combo) => list.map((f) => [...combo, f])), [[]]);
}

/** The parameters a fresh record provides. */
const FRESH_PARAMS: Record<FreshKind, string[]> = {
  person: ['personId', 'assignmentId'],
  invitation: ['personId', 'linkId'],
  agency: ['agencyId'],
  meeting: ['meetingId'],
  grant: ['grantId'],
};

async function freshValues(world: MatrixWorld, kind: FreshKind, params: { name: string; board: BoardKey }[]): Promise<Record<string, string>> {
  const made = new Map<BoardKey, Record<string, string>>();
  const values: Record<string, string> = {};
  for (const { name, board } of params) {
    let entity = made.get(board);
    if (!entity) {
      if (kind === 'person') {
        const p = await freshPerson(world, board);
        entity = { personId: p.id, assignmentId: p.assignmentId };
      } else if (kind === 'invitation') {
        const i = await freshInvitation(world, board);
        entity = { personId: i.personId, linkId: i.linkId };
      } else if (kind === 'grant') {
        entity = { grantId: await freshGrant(world, board) };
      } else if (kind === 'meeting') {
        entity = { meetingId: await freshMeeting(world, board) };
      } else {
        entity = { agencyId: await freshAgency(world, board) };
      }
      made.set(board, entity);
    }
    const value = entity[name];
    if (value === undefined) throw new Error(`a fresh ${kind} has no ${name}`);
    values[name] = value;
  }
  return values;
}

export function cellsFor(world: MatrixWorld, actors: MatrixActor[], routes: TestApp['routes']): Cell[] {
  const cells: Cell[] = [];
  const boardOf = (key: BoardKey) => world.boards[key];
  for (const { key, method, url, access } of routeKeys(routes)) {
    const spec = ROUTES[key];
    if (!spec) continue;
    const names = paramsOf(url);
    if (names.some((n) => !PARAMS[n])) continue;
    const scoped = names.filter((n) => PARAMS[n]?.scoped);
    const plans: { variant: Variant; boards: BoardKey[]; query?: (b: MatrixBoard) => string }[] = [];
    if (scoped.length === 0) {
      plans.push({ variant: 'none', boards: [] });
      for (const query of spec.queries ?? []) {
        plans.push({ variant: 'own', boards: ['A'], query }, { variant: 'other', boards: ['B'], query });
      }
    } else {
      plans.push({ variant: 'own', boards: scoped.map(() => 'A') }, { variant: 'other', boards: scoped.map(() => 'B') });
      if (scoped.length > 1) plans.push({ variant: 'mixed', boards: scoped.map((_, i) => (i === 0 ? 'A' : 'B')) });
    }
    for (const plan of plans) {
      const boardFor = (name: string): BoardKey => plan.boards[scoped.indexOf(name)] ?? 'A';
      const recordBoard: BoardKey | undefined = plan.query ? plan.boards[0] : scoped.length > 0 ? (plan.variant === 'own' ? 'A' : 'B') : undefined;
      const fixturesOf = (n: string) => PARAMS[n]?.scoped?.(boardOf(boardFor(n))) ?? PARAMS[n]?.unscoped?.(world) ?? [];
      const made = spec.fresh ? FRESH_PARAMS[spec.fresh] : [];
      // A fresh record stands in for the parameters it provides; the others keep their first fixture.
      const combos = spec.fresh
        ? [names.map((n) => (made.includes(n) ? { label: `fresh ${spec.fresh}`, value: '' } : (fixturesOf(n)[0] ?? { label: '', value: '' })))]
        : cartesian(names.map(fixturesOf));
      for (const combo of combos) {
        const values = Object.fromEntries(names.map((n, i) => [n, combo[i]?.value ?? '']));
        const labels = [...new Set(combo.map((f) => f.label))];
        const absent = names.some((n, i) => spec.absent?.[n]?.includes(combo[i]?.label ?? '') ?? false);
        const record = recordBoard ?? 'A';
        for (const who of actors) {
          cells.push({
            route: key,
            method,
            pattern: url,
            access,
            spec,
            variant: plan.variant,
            fixture: [...labels, ...(plan.query ? [`?${plan.query(boardOf(record)).split('=')[0]}`] : [])].filter(Boolean).join(' + '),
            recordBoard,
            byQuery: Boolean(plan.query),
            resourceParts: Object.assign({}, ...combo.map((f) => f.resource ?? {})),
            absent,
            who,
            async resolve() {
              const filled = spec.fresh
                ? {
                    ...values,
                    ...(await freshValues(
                      world,
                      spec.fresh,
                      scoped.filter((name) => made.includes(name)).map((name) => ({ name, board: boardFor(name) })),
                    )),
                  }
                : values;
              let path = spec.who === 'asset' ? (spec.sample ?? url) : fill(url, filled);
              const search = [spec.search, plan.query?.(boardOf(record))].filter(Boolean).join('&');
              if (search) path += `?${search}`;
              const body = spec.body?.({ board: boardOf(record), other: boardOf(record === 'A' ? 'B' : 'A'), world });
              return body ? { url: path, body } : { url: path };
            },
          });
        }
      }
    }
  }
  return cells;
}

// ---- Expectations ----------------------------------------------------------------------------------------

/** Whether the permission table (and the route's notes) lets the actor have the cell's answer. */
export function expectedAllowed(world: MatrixWorld, cell: Cell): boolean {
  const { spec, who } = cell;
  if (spec.who === 'public' || spec.who === 'asset') return true;
  if (!who.actor) return false;
  if (cell.variant === 'mixed') return false;
  const resource = cell.recordBoard ? { boardId: world.boards[cell.recordBoard].id, ...cell.resourceParts } : undefined;
  const permitted =
    (spec.who === 'signed-in' ? (spec.needs ? can(who.actor, spec.needs, resource) : true) : can(who.actor, cell.access as Permission, resource)) ||
    (spec.looser?.allows(who.actor, resource?.boardId) ?? false);
  return permitted && (spec.stricter?.allows(who.actor, resource?.boardId) ?? true);
}

const SIGN_IN_PAGES = ['/sign-in', '/sign-in/two-factor'];

export function judge(world: MatrixWorld, cell: Cell, url: string, answer: Answer, request: string): Result {
  const allowed = expectedAllowed(world, cell);
  const problems: string[] = [];
  const { status } = answer;
  const isApi = cell.pattern.startsWith('/api/');
  if (status >= 500) problems.push(`answered ${status}`);
  else if (allowed) {
    if (cell.absent) {
      if (status === 401 || status === 403) problems.push(`expected allowed (the record has nothing to show: 404), got ${status}`);
    } else if (status === 401 || status === 403 || status === 404) problems.push(`expected allowed, got ${status}`);
    else if (status === 400 && cell.method === 'GET') problems.push('answered 400: the cell sends a malformed request (give the route a search or query)');
    if (cell.spec.crossBoardBody && !cell.absent && ![400, 409, 422].includes(status)) {
      problems.push(`the body names board ${cell.recordBoard === 'A' ? 'B' : 'A'}'s records: expected it refused (400, 409 or 422), got ${status}`);
    }
    if (cell.who.actor && !cell.spec.endsSession && status >= 300 && status < 400 && SIGN_IN_PAGES.includes(answer.location ?? '')) {
      problems.push(`expected allowed, but was sent to ${answer.location} (the session was lost)`);
    }
  } else if (!cell.byQuery) {
    if (!cell.who.actor) {
      if (isApi ? status !== 401 : !(status === 302 && answer.location === '/sign-in')) {
        problems.push(`expected ${isApi ? '401' : 'a redirect to /sign-in'} for anonymous, got ${status}${answer.location ? ` → ${answer.location}` : ''}`);
      }
    } else if (status !== 403 && status !== 404) problems.push(`expected 403 or 404, got ${status}${answer.location ? ` → ${answer.location}` : ''}`);
    else if (isApi && !answer.contentType.startsWith('application/problem+json')) problems.push(`a refusal should be problem+json, was ${answer.contentType}`);
  }
  for (const leak of leaksIn(answer, cell.who, world, { denied: !allowed, request })) {
    problems.push(`leaks "${leak.marker.text}" (${leak.why})`);
  }
  return { cell, url, answer, allowed, problems, ms: 0 };
}

export function describeCell(cell: Cell): string {
  const record = cell.variant === 'none' ? '' : ` [${cell.variant}: ${cell.fixture}]`;
  return `${cell.route}${record} as ${cell.who.name}`;
}

export function knownFailureOf(cell: Cell): KnownFailure | undefined {
  return KNOWN_FAILURES.find(
    (k) =>
      k.route === cell.route &&
      (k.actor === undefined || k.actor === cell.who.name) &&
      (k.variant === undefined || k.variant === cell.variant) &&
      (k.fixture === undefined || cell.fixture.includes(k.fixture)),
  );
}

// ---- Running the matrix ------------------------------------------------------------------------------------

export interface MatrixRun {
  app: FastifyInstance;
  world: MatrixWorld;
  actors: MatrixActor[];
  routes: TestApp['routes'];
  results: Result[];
  seconds: number;
  /** CPU time of this process (the machine is shared: wall time varies with the load). */
  cpuSeconds: number;
}

export async function runMatrix(dialect: Parameters<typeof buildTestApp>[1]): Promise<MatrixRun & { close: () => Promise<void> }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const clock = new TestClock(MATRIX_NOW);
  const { app, services, routes, close } = await buildTestApp(undefined, dialect, { clock });
  const world = await seedMatrixWorld(services);
  const actors = await matrixActors(app, world, clock);
  // Those who may record referrals on board A walk a new referral to check answers, so its pages and items exist.
  for (const who of actors) {
    if (who.actor && can(who.actor, 'referral.create', { boardId: world.boards.A.id })) {
      await walkReferralJourney(who, world.boards.A.id, world.boards.A.agencyIds[0] ?? '');
    }
  }
  const cells = cellsFor(world, actors, routes);
  const results: Result[] = [];
  const phases = [...new Set(cells.map((c) => c.spec.phase ?? 0))].sort((a, b) => a - b);
  for (const phase of phases) {
    // One actor's cells in turn (their session is shared), the actors side by side.
    const byActor = actors.map((who) => cells.filter((c) => c.who === who && (c.spec.phase ?? 0) === phase));
    const alone = byActor.some((mine) => mine.some((c) => c.spec.oneAtATime));
    await inPool(
      byActor.map((mine) => async () => {
        for (const cell of mine) {
          const t0 = performance.now();
          const request = await cell.resolve();
          const answer = await send(app, cell.who, { method: cell.method, ...request });
          const result = judge(world, cell, request.url, answer, `${request.url} ${JSON.stringify(request.body ?? {})}`);
          results.push({ ...result, ms: performance.now() - t0 });
        }
      }),
      alone ? 1 : Number(process.env.MATRIX_CONCURRENCY ?? actors.length),
    );
  }
  const used = process.cpuUsage(cpu);
  return { app, world, actors, routes, results, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, close };
}

export function summary(run: MatrixRun): string {
  const { results } = run;
  const allowed = results.filter((r) => r.allowed).length;
  const statuses = new Map<number, number>();
  for (const r of results) statuses.set(r.answer.status, (statuses.get(r.answer.status) ?? 0) + 1);
  const routes = new Set(results.map((r) => r.cell.route)).size;
  const byVariant = (v: Variant) => results.filter((r) => r.cell.variant === v).length;
  return [
    `${results.length} cells: ${routes} routes × ${run.actors.length} actors × own/other/mixed records, in ${run.seconds.toFixed(1)} s (${run.cpuSeconds.toFixed(1)} s of CPU)`,
    `${allowed} allowed, ${results.length - allowed} refused; own ${byVariant('own')}, other ${byVariant('other')}, mixed ${byVariant('mixed')}, no record ${byVariant('none')}`,
    `statuses: ${[...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}`,
  ].join('\n');
}

/** A refusal, either way: forbidden, or not found (so as not to say the record exists). */
export const REFUSED = [403, 404];
