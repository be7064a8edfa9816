// The second CSRF layer: a state-changing request made with the session cookie must come from this
// service's own pages (Origin, or Referer when a browser sends no Origin), even with a valid token.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signedIn } from '../../testing/admin-fixtures.ts';
import { testCaller } from '../../testing/audit-actions.ts';
import { seedBoard, seedPerson } from '../../testing/fixtures.ts';
import { Browser, buildTestApp, TestClock } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`cross-site requests (${dialect})`, () => {
    test('a cross-site Origin or Referer is refused with 403 even with a valid CSRF token, and nothing changes', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock, env: { PUBLIC_URL: 'http://case-review.example.org' } });
      const board = await seedBoard(services);
      const { browser, person } = await signedIn(app, services, clock, [{ role: 'business_unit', boardId: board.id }]);
      const language = async () =>
        (await services.db.kysely.selectFrom('people').select('language').where('id', '=', person.id).executeTakeFirstOrThrow()).language;

      const crossSite: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { origin: 'http://case-review.example.org.evil.example' },
        { referer: 'https://evil.example/page' },
      ];
      for (const headers of crossSite) {
        const token = await browser.csrfToken('/account/language');
        const res = await browser.post('/account/language', { _csrf: token, language: 'cy' }, headers);
        assert.equal(res.statusCode, 403, JSON.stringify(headers));
        assert.match(res.$('main').text(), /could not be sent/, 'the page says why');
        assert.equal(await language(), 'en', 'nothing changed');
      }

      // From the service's own pages: PUBLIC_URL's origin, or the host the request was sent to.
      const ownPages: Record<string, string>[] = [
        { origin: 'http://case-review.example.org' },
        { origin: 'http://localhost:80' },
        { referer: 'http://case-review.example.org/account/language' },
        {},
      ];
      for (const headers of ownPages) {
        const token = await browser.csrfToken('/account/language');
        const res = await browser.post('/account/language', { _csrf: token, language: 'cy' }, headers);
        assert.equal(res.statusCode, 302, JSON.stringify(headers));
      }
      assert.equal(await language(), 'cy');
    });

    test('signing in from another site is refused too (login CSRF)', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const browser = new Browser(app);
      const token = await browser.csrfToken('/sign-in');
      const res = await browser.post('/sign-in', { _csrf: token, email: 'a@example.org', password: 'not the password' }, { origin: 'https://evil.example' });
      assert.equal(res.statusCode, 403, 'refused before the password is looked at');
      assert.equal((await services.db.kysely.selectFrom('sign_in_attempts').selectAll().execute()).length, 0);
      const same = await browser.post(
        '/sign-in',
        { _csrf: await browser.csrfToken('/sign-in'), email: 'a@example.org', password: 'not the password' },
        { origin: 'http://localhost:80' },
      );
      assert.equal(same.statusCode, 400, 'the same form from this site is answered');
    });

    test('bearer-token API calls carry no cookie and are exempt', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const admin = await services.tokens.create(testCaller('TEST_TOKEN'), person.email, 'test');
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/boards',
        headers: { authorization: `Bearer ${admin.token}`, origin: 'https://evil.example' },
        payload: { code: 'NEW', nameEn: 'New board', nameCy: 'Bwrdd newydd', boardType: 'RSB', nation: 'wales' },
      });
      assert.equal(res.statusCode, 201, res.body);
    });
  });
}
