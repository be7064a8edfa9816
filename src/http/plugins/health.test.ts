import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`health (${dialect})`, () => {
    test('GET /health reports the database and current migrations, without signing in', async (t) => {
      const { app } = await buildTestApp(t, dialect);
      const res = await app.inject({ method: 'GET', url: '/health' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.deepEqual(JSON.parse(res.body), { status: 'ok', database: dialect, migrations: 'current' });
    });

    test('GET /ping answers pong as plain text', async (t) => {
      const { app } = await buildTestApp(t, dialect);
      const res = await app.inject({ method: 'GET', url: '/ping' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      assert.equal(res.body, 'pong');
    });

    test('GET /health is 503 "unavailable" when the database cannot be reached', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      await services.db.close();
      const res = await app.inject({ method: 'GET', url: '/health' });
      assert.equal(res.statusCode, 503);
      assert.deepEqual(JSON.parse(res.body), { status: 'unavailable', database: dialect, migrations: 'unknown' });
    });
  });
}
