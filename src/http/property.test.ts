// Random input to every schema-backed route: the API operations (with a valid token) and every HTML
// form POST. Whatever arrives, the service never fails (no 5xx) and a refused request writes nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Services } from '../container.ts';
import { testCaller } from '../testing/audit-actions.ts';
import { seedBoard, seedPerson } from '../testing/fixtures.ts';
import { Browser, buildTestApp, signIn, type TestApp, TestClock } from '../testing/test-app.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';

const NUM_RUNS = 25;
/** Fewer per form route: there are dozens of them and each run renders a page. */
const FORM_RUNS = 15;

// Refused sign-in and two-factor attempts, and refusals (403) of a signed-in person, are recorded on purpose
// (rate limiting, the audit trail):
// these tables and audit actions may grow when a request is refused; nothing else may.
const ALLOWED_ON_REFUSAL = {
  tables: ['sign_in_attempts', 'sign_in_throttles', 'sessions', 'app_settings', 'audit_chain', 'audit_event_boards'],
  actions: ['SIGN_IN_FAILED', 'SIGN_IN_REFUSED', 'TWO_FACTOR_FAILED', 'TWO_FACTOR_REFUSED', 'ACCESS_REFUSED'],
};

async function tableNames(services: Services): Promise<string[]> {
  const tables = await services.db.kysely.introspection.getTables();
  return tables
    .filter((t) => !t.isView && !ALLOWED_ON_REFUSAL.tables.includes(t.name))
    .map((t) => t.name)
    .sort();
}

/**
 * Row counts of every table that a refused request must not touch (audit events other than the allowed ones), in one query.
 * Counting every table is most of this file's time (on PostgreSQL about half), so the counts taken after a refused
 * request, which matched those before it, serve as the next request's "before" when nothing ran in between (see Counts).
 */
async function snapshot(services: Services, tables: string[]): Promise<Record<string, number>> {
  // Table names come from the database's own catalogue; the casts only satisfy the static schema type.
  const row = await services.db.kysely
    .selectNoFrom((eb) =>
      tables.map((t) => {
        let q = eb.selectFrom(t as 'audit_events').select((e) => e.fn.countAll<number>().as('n'));
        if (t === 'audit_events') q = q.where('action', 'not in', ALLOWED_ON_REFUSAL.actions);
        return q.as(t);
      }),
    )
    .executeTakeFirstOrThrow();
  return Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([k, v]) => [k, Number(v)]));
}

/**
 * The counts before each request: taken afresh, or those after the last refused request when nothing else has run
 * since (a request that was answered, or a page fetched for its fields or token, forgets them).
 */
class Counts {
  #known: Record<string, number> | undefined;
  constructor(
    private readonly services: Services,
    private readonly tables: string[],
  ) {}
  async before(): Promise<Record<string, number>> {
    const known = this.#known;
    this.#known = undefined;
    return known ?? snapshot(this.services, this.tables);
  }
  /** After a refused request: the counts now, kept for the next request once they are found unchanged. */
  async after(): Promise<Record<string, number>> {
    return snapshot(this.services, this.tables);
  }
  unchanged(counts: Record<string, number>): void {
    this.#known = counts;
  }
  forget(): void {
    this.#known = undefined;
  }
}

// ---- Arbitraries ---------------------------------------------------------------------------------------

const WELSH = ['ŵ', 'ŷ', 'Ŵ', 'Ŷ', 'â', 'ê', 'î', 'ô', 'û', 'ẁ', 'ẃ', 'ỳ', 'll', 'dd', 'ch', 'rh', 'ff', 'ng'];
const TRICKY = ["'", '"', '<', '>', '&', '%', '\\', '/', ' ', '@', '.', '-', '_', '😀', 'é', '\u202e', '0', '9', 'a', 'Z'];
const HUGE = 'ŵŷ'.repeat(10_000);

const printableText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...WELSH, ...TRICKY), maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '  ŵ  ', HUGE, 'x'.repeat(5000), 'name@example.org', '2026-04-01', '2026-02-30', 'true', 'null', '-1') },
);
/** API strings may also carry control characters, NUL included: the schemas refuse them. */
const anyText = fc.oneof({ weight: 5, arbitrary: printableText }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) });

function jsonValue(ids: string[]) {
  const leaf = fc.oneof(
    anyText,
    fc.constantFrom(...ids),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('RSB', 'LSCB', 'wales', 'england', 'police', 'health', 'en', 'cy', 'board_member', 'administrator'),
  );
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
    ),
  })).value;
}

const API_FIELDS = [
  'code',
  'nameEn',
  'nameCy',
  'boardType',
  'nation',
  'region',
  'validFromOn',
  'validToOn',
  'predecessorBoardId',
  'isActive',
  'sector',
  'isStatutoryPartner',
  'boardIds',
  'fullName',
  'email',
  'jobTitle',
  'agencyId',
  'language',
  'boardId',
  'initialRole',
  'role',
  'text',
  'page',
];

function apiBody(ids: string[]) {
  const value = jsonValue(ids);
  const known = fc.record(Object.fromEntries(API_FIELDS.map((f) => [f, value])), { requiredKeys: [] });
  return fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: value }, { weight: 1, arbitrary: fc.constant(undefined) });
}

function pathValue(ids: string[]) {
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 2, arbitrary: anyText.filter((s) => s.length > 0 && s.length < 300) });
}

function fill(url: string, params: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? 'x'));
}

function paramNames(url: string): string[] {
  return [...url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
}

// ---- Fixtures ------------------------------------------------------------------------------------------

async function world(t: Parameters<typeof buildTestApp>[0], dialect: 'sqlite' | 'postgres') {
  const clock = new TestClock(new Date());
  const built = await buildTestApp(t, dialect, { clock });
  const { services } = built;
  const board = await seedBoard(services, 'PROP', { en: 'Property Board', cy: 'Bwrdd Priodweddau' });
  const other = await seedBoard(services, 'OTHER', { en: 'Other Board', cy: 'Bwrdd Arall' });
  const root = await seedPerson(services, { fullName: 'Root Admin', roles: [{ role: 'administrator', boardId: null }], totp: true });
  const member = await seedPerson(services, { fullName: 'Member', roles: [{ role: 'board_member', boardId: board.id }] });
  const rootCaller = { ...testCaller('TEST'), actor: (await services.identity.loadActor(root.id, true)) ?? undefined };
  const agency = await services.organisation.createAgency(rootCaller, {
    nameEn: 'Agency',
    nameCy: 'Asiantaeth',
    sector: 'health',
    isStatutoryPartner: false,
    boardIds: [board.id],
  });
  const role = (await services.people.get(rootCaller, member.id)).roles[0];
  const ids = [board.id, other.id, root.id, member.id, agency.id, role?.id ?? board.id, '01a21b37-0000-7000-8000-000000000000'];
  return { ...built, clock, root, ids, tables: await tableNames(services) };
}

function apiRoutes(routes: TestApp['routes']) {
  return routes
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({ method, url: r.url })))
    .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.url !== '/api/v1/openapi.json');
}

function formRoutes(routes: TestApp['routes']) {
  return routes
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({ method, url: r.url, config: r.config ?? {} })))
    .filter((r) => r.method === 'POST' && !r.url.startsWith('/api/'));
}

async function formFieldNames(browser: Browser, url: string): Promise<string[]> {
  const page = await browser.get(url);
  if (page.statusCode !== 200) return [];
  const names = new Set<string>();
  page.$('main form[method="post"] [name]').each((_i, el) => {
    const name = page.$(el).attr('name');
    if (name && name !== '_csrf') names.add(name);
  });
  return [...names];
}

/** Posts the fields (a name may repeat) with the CSRF token, through the browser so cookies stay current. */
function post(browser: Browser, url: string, csrf: string, fields: [string, string][]) {
  const grouped: Record<string, string | string[]> = {};
  for (const [k, v] of fields) {
    const prev = grouped[k];
    grouped[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return browser.post(url, { ...grouped, _csrf: csrf });
}

for (const dialect of dialectsUnderTest()) {
  describe(`random input (${dialect})`, () => {
    test('API operations: never a 5xx, always problem+json when refused, and nothing written when refused', async (t) => {
      const { app, services, routes, root, ids, tables } = await world(t, dialect);
      const { token } = await services.tokens.create(testCaller('TEST_TOKEN'), root.email, 'property');
      const operations = apiRoutes(routes);
      assert.ok(operations.length >= 18, `API operations found: ${operations.length}`);
      for (const op of operations) {
        const counts = new Counts(services, tables);
        const names = paramNames(op.url);
        const input = fc.record({
          params: fc.record(Object.fromEntries(names.map((n) => [n, pathValue(ids)]))),
          query: fc.dictionary(fc.constantFrom('text', 'boardId', 'page', 'lang', 'x'), fc.oneof(printableText, fc.array(printableText, { maxLength: 3 })), {
            maxKeys: 3,
          }),
          body: apiBody(ids),
        });
        await fc.assert(
          fc.asyncProperty(input, async ({ params, query, body }) => {
            const search = new URLSearchParams();
            for (const [k, v] of Object.entries(query)) for (const item of Array.isArray(v) ? v : [v]) search.append(k, item);
            const url = `${fill(op.url, params as Record<string, string>)}${op.method === 'GET' && search.size > 0 ? `?${search}` : ''}`;
            const before = await counts.before();
            const res = await app.inject({
              method: op.method as 'GET',
              url,
              headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
              ...(body === undefined || op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: JSON.stringify(body) }),
            });
            assert.ok(res.statusCode < 500, `${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 500)}`);
            if (res.statusCode >= 400) {
              assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${op.method} ${url}`);
              const after = await counts.after();
              assert.deepEqual(after, before, `${op.method} ${url} was refused (${res.statusCode}) but wrote`);
              counts.unchanged(after);
            }
          }),
          { numRuns: NUM_RUNS, includeErrorInReport: true },
        );
      }
    });

    test('HTML form POSTs (sign-in and every form route): never a 5xx, and nothing written when refused', async (t) => {
      const { app, services, routes, root, ids, tables, clock } = await world(t, dialect);
      const forms = formRoutes(routes);
      assert.ok(
        forms.some((f) => f.url === '/sign-in'),
        'the sign-in form is among them',
      );
      for (const form of forms) {
        const browser = new Browser(app);
        const isPublic = form.config.access === 'public';
        if (!isPublic) {
          // Past the sign-in and two-factor rate-limit windows that earlier random attempts may have filled.
          clock.advance(16 * 60_000);
          await signIn(browser, root, clock);
        }
        const names = paramNames(form.url);
        const input = fc.record({
          params: fc.record(
            Object.fromEntries(
              names.map((n) => [
                n,
                fc.oneof(
                  { weight: 3, arbitrary: fc.constantFrom(...ids) },
                  { weight: 1, arbitrary: printableText.filter((s) => s.trim().length > 0 && s.length < 200) },
                ),
              ]),
            ),
          ),
          extra: fc.dictionary(fc.string({ maxLength: 10 }), printableText, { maxKeys: 2 }),
          values: fc.array(fc.oneof(printableText, fc.array(printableText, { maxLength: 3 }), fc.constant(undefined)), { minLength: 12, maxLength: 12 }),
        });
        const fieldCache = new Map<string, string[]>();
        const counts = new Counts(services, tables);
        let csrf = '';
        let lastStatus = 0;
        await fc.assert(
          fc.asyncProperty(input, async ({ params, extra, values }) => {
            const url = fill(form.url, params as Record<string, string>);
            // The form's own field names, read once per route from its page (when it has one).
            if (!fieldCache.has(form.url)) {
              counts.forget();
              fieldCache.set(form.url, await formFieldNames(browser, url));
            }
            const known = fieldCache.get(form.url) ?? [];
            // One token serves the whole session; fetch again only after a refusal (the session may have changed).
            if (!csrf || lastStatus === 403) {
              counts.forget();
              csrf = (await browser.csrfToken(isPublic ? '/sign-in' : '/')) || (await browser.csrfToken(url));
            }
            const fields: [string, string][] = [];
            for (const [i, name] of [...known, 'email', 'password', 'code'].entries()) {
              const v = values[i % values.length];
              if (v === undefined) continue;
              for (const item of Array.isArray(v) ? v : [v]) fields.push([name, item]);
            }
            for (const [k, v] of Object.entries(extra)) if (k !== '_csrf') fields.push([k, v]);
            const before = await counts.before();
            const res = await post(browser, url, csrf, fields);
            lastStatus = res.statusCode;
            assert.ok(res.statusCode < 500, `POST ${url} → ${res.statusCode} ${res.$('h1').first().text().trim()}`);
            if (res.statusCode >= 400) {
              const after = await counts.after();
              assert.deepEqual(after, before, `POST ${url} was refused (${res.statusCode}) but wrote`);
              counts.unchanged(after);
            }
          }),
          { numRuns: FORM_RUNS, includeErrorInReport: true },
        );
      }
    });
  });
}
