import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedPerson, TEST_PASSWORD, totpCode } from '../../../testing/fixtures.ts';
import { Browser, buildTestApp, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

async function signOut(browser: Browser) {
  const res = await browser.submit('/', {}, 'form[action="/sign-out"]');
  assert.equal(res.headers.location, '/sign-in');
}

async function passwordStep(browser: Browser, email: string) {
  const res = await browser.submit('/sign-in', { email, password: TEST_PASSWORD });
  assert.equal(res.headers.location, '/sign-in/two-factor');
}

for (const dialect of dialectsUnderTest()) {
  describe(`second sign-in step: recovery codes and replayed codes (${dialect})`, () => {
    test('a recovery code signs in once and cannot be used again', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }] });
      const browser = new Browser(app);

      // Enrol through the pages to get the recovery codes.
      const first = await browser.submit('/sign-in', { email: admin.email, password: TEST_PASSWORD });
      assert.equal(first.headers.location, '/account/two-factor/set-up');
      const setUp = await browser.get('/account/two-factor/set-up');
      const key = setUp.$('#totp-key').text().replace(/\s/g, '');
      await browser.submit('/account/two-factor/set-up', { code: totpCode(key, clock.now()) });
      const page = await browser.get('/account/two-factor/recovery-codes');
      const codes = page
        .$('#recovery-codes code')
        .map((_i, c) => page.$(c).text().trim())
        .get();
      assert.equal(codes.length, 10);
      const [code, other] = codes as [string, string];
      await signOut(browser);

      await passwordStep(browser, admin.email);
      const used = await browser.submit('/sign-in/two-factor', { code: code.toUpperCase() });
      assert.equal(used.statusCode, 302, 'a recovery code is accepted (case does not matter)');
      assert.equal((await browser.get('/')).statusCode, 200);
      const event = await services.db.kysely
        .selectFrom('audit_events')
        .select(['action', 'summary'])
        .where('actor_id', '=', admin.id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(event.action, 'SIGNED_IN');
      assert.match(event.summary, /recovery_code/);
      const account = await browser.get('/account');
      assert.equal(
        account
          .$('#account-details')
          .text()
          .replace(/\s+/g, ' ')
          .match(/Unused recovery codes (\d+)/)?.[1],
        '9',
      );
      await signOut(browser);

      await passwordStep(browser, admin.email);
      const reused = await browser.submit('/sign-in/two-factor', { code });
      assert.equal(reused.statusCode, 400);
      assert.match(reused.$('.govuk-error-summary').text(), /code is not correct/);
      assert.equal((await browser.get('/')).headers.location, '/sign-in/two-factor');
      const fresh = await browser.submit('/sign-in/two-factor', { code: other });
      assert.equal(fresh.statusCode, 302);
      assert.equal((await browser.get('/')).statusCode, 200);
    });

    test('the same authenticator code cannot be used twice', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const secret = admin.totpSecret ?? '';
      const browser = new Browser(app);

      await passwordStep(browser, admin.email);
      const code = totpCode(secret, clock.now());
      assert.equal((await browser.submit('/sign-in/two-factor', { code })).statusCode, 302);
      await signOut(browser);

      await passwordStep(browser, admin.email);
      const replay = await browser.submit('/sign-in/two-factor', { code });
      assert.equal(replay.statusCode, 400, 'a replayed code is refused');
      const refused = await services.db.kysely.selectFrom('audit_events').select('action').where('action', '=', 'TWO_FACTOR_FAILED').execute();
      assert.equal(refused.length, 1);

      clock.advance(30_000);
      const next = await browser.submit('/sign-in/two-factor', { code: totpCode(secret, clock.now()) });
      assert.equal(next.statusCode, 302, 'the next code works');
    });

    test('the code used to enrol cannot be replayed to sign in', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const browser = new Browser(app);
      const chair = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }] });
      await browser.submit('/sign-in', { email: chair.email, password: TEST_PASSWORD });
      const key = (await browser.get('/account/two-factor/set-up')).$('#totp-key').text().replace(/\s/g, '');
      const code = totpCode(key, clock.now());
      await browser.submit('/account/two-factor/set-up', { code });
      await signOut(browser);
      await passwordStep(browser, chair.email);
      assert.equal((await browser.submit('/sign-in/two-factor', { code })).statusCode, 400);
    });
  });
}
