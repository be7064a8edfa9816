import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedPerson } from '../../testing/fixtures.ts';
import { Browser, buildTestApp, signIn } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`problem pages and problem JSON (${dialect})`, () => {
    test('an unknown page is "Page not found" (404) in English and Welsh, signed in or not', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const browser = new Browser(app);
      const en = await browser.get('/no-such-page');
      assert.equal(en.statusCode, 404);
      assert.equal(en.$('h1').text().trim(), 'Page not found');
      assert.match(en.$('title').text(), /^Page not found – Case Review$/);
      const cy = await browser.get('/no-such-page?lang=cy');
      assert.equal(cy.statusCode, 404);
      assert.equal(cy.$('html').attr('lang'), 'cy');
      assert.equal(cy.$('h1').text().trim(), 'Heb ddod o hyd i’r dudalen');
      await signIn(browser, await seedPerson(services));
      assert.equal((await browser.get('/another/missing/page')).statusCode, 404);
    });

    test('an unknown API path is a 404 problem, not a 403', async (t) => {
      const { app } = await buildTestApp(t, dialect);
      const res = await app.inject({ method: 'GET', url: '/api/v1/nope' });
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.equal(res.json().status, 404);
    });

    test('an oversized form is refused with 413 and a page that says so', async (t) => {
      const { app } = await buildTestApp(t, dialect);
      const browser = new Browser(app);
      const token = await browser.csrfToken('/sign-in');
      const res = await browser.post('/sign-in', { _csrf: token, email: 'x'.repeat(2 * 1024 * 1024), password: 'y' });
      assert.equal(res.statusCode, 413);
      assert.equal(res.$('h1').text().trim(), 'What you sent is too large');
    });

    test('security headers: a CSP with a nonce and no unsafe-inline; no caching of pages', async (t) => {
      const { app } = await buildTestApp(t, dialect);
      const res = await app.inject({ method: 'GET', url: '/sign-in' });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce && res.body.includes(`nonce="${nonce}"`), 'the page uses the header nonce');
    });
  });
}
