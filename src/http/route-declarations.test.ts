// Every route declares who may use it (config.access) and its audit name (config.audit), one of the
// catalogue's (src/domain/audit-actions.ts: the type checker holds routes to it, this test holds the
// routes as registered). The auth plugin refuses any route without them, and this test fails naming each
// route that lacks them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { isAuditAction } from '../domain/audit-actions.ts';
import { testKeyring } from '../testing/keys.ts';
import { buildTestApp, type TestApp } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';

const AUDIT_NAME = /^[A-Z][A-Z0-9_]*$/;

function offenders(routes: TestApp['routes']): string[] {
  return routes
    .filter((r) => {
      const access = r.config?.access;
      const audit = r.config?.audit;
      return typeof access !== 'string' || access === '' || typeof audit !== 'string' || !AUDIT_NAME.test(audit);
    })
    .map((r) => `${Array.isArray(r.method) ? r.method.join(',') : r.method} ${r.url}`);
}

for (const dialect of dialectsUnderTest()) {
  describe(`route declarations (${dialect})`, () => {
    test('every registered route declares config.access and an UPPER_SNAKE config.audit', async (t) => {
      const { routes } = await buildTestApp(t, dialect);
      assert.ok(routes.length > 10, 'routes were collected');
      const missing = offenders(routes);
      assert.deepEqual(missing, [], `routes without access/audit declarations:\n  ${missing.join('\n  ')}`);
    });

    test('every declared audit name is one of the catalogue’s (each with its phrases in English and Welsh)', async (t) => {
      const { routes } = await buildTestApp(t, dialect);
      const unlisted = routes
        .filter((r) => typeof r.config?.audit === 'string' && !isAuditAction(r.config.audit))
        .map((r) => `${Array.isArray(r.method) ? r.method.join(',') : r.method} ${r.url}: ${r.config?.audit}`);
      assert.deepEqual(unlisted, [], `routes whose audit name is not in src/domain/audit-actions.ts:\n  ${unlisted.join('\n  ')}`);
    });

    test('a route without declarations is refused (403), for pages and for the API, and is reported', async (t) => {
      const db = await createTestDb(dialect);
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }) });
      const routes: TestApp['routes'] = [];
      const app = await buildApp({ services, logger: false, onRoute: (r) => routes.push(r) });
      t.after(async () => {
        await app.close();
        services.mail.close();
        await db.close();
      });
      let ran = 0;
      app.get('/undeclared', async () => {
        ran++;
        return 'should not be seen';
      });
      app.get('/no-audit-name', { config: { access: 'signed-in' } }, async () => {
        ran++;
        return 'should not be seen';
      });
      app.get('/api/v1/undeclared', async () => {
        ran++;
        return { secret: true };
      });
      await app.ready();

      const page = await app.inject({ method: 'GET', url: '/undeclared' });
      // The forbidden page is shown instead of the handler's response. (Its status code comes from
      // reply.page's own default, which the auth plugin's deny does not pass on.)
      assert.match(page.body, /You do not have permission to see this page/);
      assert.doesNotMatch(page.body, /should not be seen/);
      const noAudit = await app.inject({ method: 'GET', url: '/no-audit-name' });
      assert.match(noAudit.body, /You do not have permission to see this page/);
      assert.doesNotMatch(noAudit.body, /should not be seen/);
      const api = await app.inject({ method: 'GET', url: '/api/v1/undeclared' });
      assert.equal(api.statusCode, 403);
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
      assert.equal(ran, 0, 'no handler ran');

      assert.deepEqual(offenders(routes).sort(), [
        'GET /api/v1/undeclared',
        'GET /no-audit-name',
        'GET /undeclared',
        'HEAD /api/v1/undeclared',
        'HEAD /no-audit-name',
        'HEAD /undeclared',
      ]);
    });
  });
}
