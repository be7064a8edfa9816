// Audit by declaration (issue 9 item 4), generated from the routes the app registers: every GET route that
// declares it shows case material (config.reads), asked by someone allowed for a record of their own board,
// writes exactly one audit event, named by the route's audit name; every other GET writes none, and shows
// no case material (its answer carries none of the world's case marker words). A new route is covered as it
// lands: its parameters come from the access matrix's fixtures (src/testing/access-matrix-cells.ts), its
// reader from the permission table. Also: the framework catches a declared route whose handler writes no
// read event, or two, and a service read for a route that declared none writes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { can } from '../domain/permissions.ts';
import { type Answer, type MatrixActor, matrixActors, recordReads, send, walkReferralJourney } from '../testing/access-matrix.ts';
import { type Cell, cellsFor, expectedAllowed } from '../testing/access-matrix-cells.ts';
import { MATRIX_NOW, type MatrixWorld, markerWord, seedMatrixWorld } from '../testing/access-matrix-world.ts';
import { testKeyring } from '../testing/keys.ts';
import { buildTestApp, type TestApp, TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';

interface Read {
  cell: Cell;
  url: string;
  answer: Answer;
  declared: string | undefined;
  audit: string;
  /** The audit events the request wrote, in order. */
  events: { action: string; recordType: string | null; summary: string }[];
}

/** One GET per route and record of the reader's own board, each by the first actor the permission table allows. */
function readsToMake(world: MatrixWorld, actors: MatrixActor[], routes: TestApp['routes']): Cell[] {
  const chosen = new Map<string, Cell>();
  for (const cell of cellsFor(world, actors, routes)) {
    if (cell.method !== 'GET' || cell.spec.who === 'asset' || cell.spec.fresh || cell.byQuery) continue;
    if ((cell.variant !== 'own' && cell.variant !== 'none') || cell.absent || !cell.who.actor) continue;
    if (!expectedAllowed(world, cell)) continue;
    const key = `${cell.route} ${cell.fixture}`;
    if (!chosen.has(key)) chosen.set(key, cell);
  }
  // In the matrix's phases: a page that starts a journey afresh comes after the journey's own pages.
  return [...chosen.values()].sort((a, b) => (a.spec.phase ?? 0) - (b.spec.phase ?? 0));
}

const CASE_WORDS = (['A', 'B'] as const).flatMap((b) => [markerWord(b, 'case'), markerWord(b, 'restricted')].map((w) => w.toLowerCase()));

for (const dialect of dialectsUnderTest()) {
  describe(`reads audited by the route's declaration (${dialect})`, () => {
    let made: TestApp;
    let reads: Read[];
    let world: MatrixWorld;
    let actors: MatrixActor[];
    before(async () => {
      const clock = new TestClock(MATRIX_NOW);
      made = await buildTestApp(undefined, dialect, { clock });
      const { app, services, routes } = made;
      world = await seedMatrixWorld(services);
      actors = await matrixActors(app, world, clock);
      for (const who of actors) {
        if (who.actor && can(who.actor, 'referral.create', { boardId: world.boards.A.id })) {
          await walkReferralJourney(who, world.boards.A.id, world.boards.A.agencyIds[0] ?? '');
        }
      }
      const declared = new Map(routes.flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => [`${m} ${r.url}`, r.config] as const)));
      const lastSeq = async () =>
        Number((await services.db.kysely.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow()).seq);
      reads = [];
      for (const cell of readsToMake(world, actors, routes)) {
        const request = await cell.resolve();
        const seq = await lastSeq();
        const answer = await send(app, cell.who, { method: 'GET', url: request.url });
        const events = await services.db.kysely
          .selectFrom('audit_events')
          .select(['action', 'record_type', 'summary'])
          .where('seq', '>', seq)
          .orderBy('seq')
          .execute();
        const config = declared.get(`GET ${cell.pattern}`);
        reads.push({
          cell,
          url: request.url,
          answer,
          declared: typeof config?.reads === 'string' ? config.reads : undefined,
          audit: String(config?.audit),
          events: events.map((e) => ({ action: e.action, recordType: e.record_type, summary: e.summary })),
        });
      }
    });
    after(async () => made?.close());

    const describeRead = (r: Read) => `${r.cell.route} [${r.cell.fixture || 'no record'}] as ${r.cell.who.name} (${r.url} → ${r.answer.status})`;

    test('every GET declared to show case material writes exactly one event, named by its audit name; every other GET writes none', () => {
      assert.ok(reads.length > 80, `only ${reads.length} reads were made`);
      const problems: string[] = [];
      for (const r of reads) {
        if (r.answer.status >= 500) problems.push(`${describeRead(r)}: answered ${r.answer.status} ${r.answer.body.slice(0, 200)}`);
        const actions = r.events.map((e) => e.action);
        if (r.declared) {
          // Shown (200), or read and then refused as a conflict (409: decided already, not in England).
          if ([200, 409].includes(r.answer.status) && (actions.length !== 1 || actions[0] !== r.audit))
            problems.push(`${describeRead(r)}: declares reads '${r.declared}', wrote [${actions.join(', ')}], expected [${r.audit}]`);
        } else if (actions.length > 0) {
          problems.push(`${describeRead(r)}: declares no read, wrote [${actions.join(', ')}]`);
        }
      }
      // Each declared GET was read at least once, so its event was checked.
      const shown = new Set(reads.filter((r) => [200, 409].includes(r.answer.status)).map((r) => r.cell.route));
      for (const route of new Set(reads.filter((r) => r.declared).map((r) => r.cell.route))) {
        if (!shown.has(route))
          problems.push(`${route}: declares a read but no reader was shown it (${reads.find((r) => r.cell.route === route)?.answer.status})`);
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    });

    test('a GET whose answer shows case material declares it (reads: case-material)', () => {
      const undeclared = reads
        .filter((r) => r.declared !== 'case-material' && r.answer.status < 300)
        .filter((r) => CASE_WORDS.some((w) => r.answer.body.toLowerCase().includes(w)))
        .map(describeRead);
      assert.deepEqual(undeclared, [], `shows case material without declaring it:\n${undeclared.join('\n')}`);
    });

    test('the recommendation and decision pages (the management group’s reasons) and their API equivalents write one event each', () => {
      const routes = [
        'GET /boards/:boardId/referrals/:referralId/recommendation',
        'GET /boards/:boardId/referrals/:referralId/recommendation/type',
        'GET /boards/:boardId/referrals/:referralId/recommendation/check',
        'GET /boards/:boardId/referrals/:referralId/decision',
        'GET /boards/:boardId/referrals/:referralId/decision/route',
        'GET /boards/:boardId/referrals/:referralId/decision/type',
        'GET /boards/:boardId/referrals/:referralId/decision/check',
        'GET /boards/:boardId/referrals/:referralId/consideration',
        'GET /api/v1/referrals/:referralId/consideration',
      ];
      for (const route of routes) {
        const made = reads.filter((r) => r.cell.route === route);
        assert.ok(made.length > 0, `${route} was not read`);
        for (const r of made) {
          // Shown; or read, then sent to the step still to answer (302) or refused as decided already (409).
          assert.ok([200, 302, 409].includes(r.answer.status), describeRead(r));
          assert.deepEqual(
            r.events.map((e) => [e.action, e.recordType]),
            [[r.audit, 'referral']],
            describeRead(r),
          );
          // The event holds ids and counts, never the reasons or the rationale.
          assert.ok(!CASE_WORDS.some((w) => r.events[0]?.summary.toLowerCase().includes(w)), describeRead(r));
        }
      }
      // The decision page, shown to the chair with the group's reasons, was among them.
      const decision = reads.find((r) => r.cell.route === routes[3] && r.answer.status === 200);
      assert.ok(decision, 'the decision page was shown');
      assert.match(decision.answer.body, /Avocetcase recommendation reasons/);
    });

    test('a recommendation or decision form shown again with errors reads the page once, under the page’s name', async () => {
      const { app, services } = made;
      const A = world.boards.A;
      const base = `/boards/${A.id}/referrals/${A.referrals.recommended}`;
      const as = (name: string) => actors.find((a) => a.name === name) as MatrixActor;
      for (const [who, url, page] of [
        ['board_chair', `${base}/decision`, 'DECISION_VIEWED'],
        ['management_group_chair', `${base}/recommendation`, 'RECOMMENDATION_VIEWED'],
      ] as const) {
        const seq = Number((await services.db.kysely.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow()).seq);
        const answer = await send(app, as(who), { method: 'POST', url, body: {} });
        const events = await services.db.kysely.selectFrom('audit_events').select(['action', 'record_id']).where('seq', '>', seq).execute();
        assert.equal(answer.status, 400, `${url}: shown again with errors`);
        assert.deepEqual(
          events.map((e) => [e.action, e.record_id]),
          [[page, A.referrals.recommended]],
          `${url} → ${answer.status}`,
        );
      }
    });
  });

  describe(`the framework holds routes to their read declarations (${dialect})`, () => {
    let app: FastifyInstance;
    let close: () => Promise<void>;
    before(async () => {
      const db = await createTestDb(dialect);
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }) });
      app = await buildApp({ services, logger: false, strictReads: true });
      close = async () => {
        await app.close();
        services.mail.close();
        await db.close();
      };
      // A stand-in for a service read function: `times` read events in one transaction.
      const reading = (times: number) => async (req: FastifyRequest) => ({ written: await recordReads(services, req.caller(), times) });
      const declared = { access: 'public', audit: 'PING', reads: 'case-material' } as const;
      app.get('/test/declared-none', { config: declared }, reading(0));
      app.get('/test/declared-one', { config: declared }, reading(1));
      app.get('/test/declared-two', { config: declared }, reading(2));
      app.get('/test/undeclared', { config: { access: 'public', audit: 'PING' } }, reading(1));
      await app.ready();
    });
    after(async () => close?.());

    const pings = async () => (await app.inject({ method: 'GET', url: '/ping' })).statusCode;

    test('a declared route that writes exactly one read event answers as usual', async () => {
      assert.equal(await pings(), 200);
      const res = await app.inject({ method: 'GET', url: '/test/declared-one' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { written: 1 });
    });

    test('a declared route that writes no read event, or two, fails loudly (500 naming it)', async () => {
      for (const [url, problem] of [
        ['/test/declared-none', /declares reads: 'case-material' but wrote no read event \(PING\)/],
        ['/test/declared-two', /wrote 2 read events \(PING\)/],
      ] as const) {
        const res = await app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 500, url);
        assert.match(res.body, problem);
        assert.match(res.body, new RegExp(url));
      }
    });

    test('a service read for a route that declared none writes nothing', async () => {
      const res = await app.inject({ method: 'GET', url: '/test/undeclared' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { written: 0 });
    });
  });
}
