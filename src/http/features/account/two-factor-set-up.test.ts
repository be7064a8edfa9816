import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Services } from '../../../container.ts';
import { storedTotpSecret } from '../../../testing/at-rest.ts';
import { seedBoard, seedPerson, TEST_PASSWORD, totpCode } from '../../../testing/fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

type Page = Awaited<ReturnType<Browser['get']>>;

function keyOf(page: Page): string {
  return page.$('#totp-key').text().replace(/\s/g, '');
}

function errorLinks(page: Page): string[] {
  return page
    .$('.govuk-error-summary__list a')
    .map((_i, a) => `${page.$(a).attr('href')} ${page.$(a).text().trim()}`)
    .get();
}

async function enrolled(services: Services, personId: string) {
  const secret = await storedTotpSecret(services, personId);
  const events = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'TWO_FACTOR_ENROLLED').execute();
  // Stored encrypted; opened here as the service opens it.
  if (secret.stored !== null) assert.match(secret.stored, /^enc:v1:/);
  return { row: { totp_secret: secret.opened, totp_enabled_at: secret.enabledAt }, events };
}

for (const dialect of dialectsUnderTest()) {
  describe(`two-factor set-up (${dialect})`, () => {
    test('shows a QR code with a text alternative and the key; a wrong code is refused; the right one enrols and shows ten codes once', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services);
      // A board member, who may enrol without having to (everyone who sees case material must: below).
      const person = await seedPerson(services, { roles: [{ role: 'board_member', boardId: board.id }] });
      const browser = new Browser(app);
      await signIn(browser, person);

      const page = await browser.get('/account/two-factor/set-up');
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text().trim(), 'Set up two-factor authentication');
      const qr = page.$('#qr-code');
      assert.equal(qr.attr('role'), 'img');
      assert.match(qr.attr('aria-label') ?? '', /QR code to scan with your authenticator app/);
      assert.equal(qr.find('svg').length, 1, 'the QR code is inline SVG');
      const key = keyOf(page);
      assert.match(key, /^[A-Z2-7]{16,}$/);
      assert.equal(page.$('.govuk-back-link').attr('href'), '/account');
      assert.equal(keyOf(await browser.get('/account/two-factor/set-up')), key, 'reloading keeps the same key');

      const empty = await browser.submit('/account/two-factor/set-up', { code: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.$('title').text(), /^Error: Set up two-factor authentication/);
      assert.deepEqual(errorLinks(empty), ['#code Enter the 6-digit code from your authenticator app']);
      for (const code of ['000000', '12345', 'abcdef']) {
        const wrong = await browser.submit('/account/two-factor/set-up', { code });
        assert.equal(wrong.statusCode, 400, code);
        assert.deepEqual(errorLinks(wrong), ['#code The code is not correct. Enter the latest 6-digit code from your app']);
        assert.equal(keyOf(wrong), key, 'the same key is shown again');
        assert.equal(wrong.$('#qr-code svg').length, 1);
      }
      const before = await enrolled(services, person.id);
      assert.equal(before.row.totp_enabled_at, null);
      assert.equal(before.events.length, 0);

      const sessionBefore = (await browser.get('/account')).cookies.find((c) => c.name === 'case_review_session')?.value;
      const code = totpCode(key, clock.now());
      const ok = await browser.submit('/account/two-factor/set-up', { code: `${code.slice(0, 3)} ${code.slice(3)}` });
      assert.equal(ok.statusCode, 302);
      assert.equal(ok.headers.location, '/account/two-factor/recovery-codes');
      const sessionAfter = ok.cookies.find((c) => c.name === 'case_review_session')?.value;
      assert.ok(sessionAfter && sessionAfter !== sessionBefore, 'a new session id');

      const after = await enrolled(services, person.id);
      assert.equal(after.row.totp_secret, key);
      assert.ok(after.row.totp_enabled_at);
      assert.equal(after.events.length, 1);
      assert.equal(after.events[0]?.actor_id, person.id);
      assert.deepEqual(JSON.parse(after.events[0]?.summary ?? '{}'), { recoveryCodes: 10 });

      const codesPage = await browser.get('/account/two-factor/recovery-codes');
      assert.equal(codesPage.statusCode, 200);
      assert.equal(codesPage.$('h1').text().trim(), 'Save your recovery codes');
      assert.equal(codesPage.headers['cache-control'], 'no-store');
      const codes = codesPage
        .$('#recovery-codes code')
        .map((_i, c) => codesPage.$(c).text().trim())
        .get();
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      assert.equal(codesPage.$('main a.govuk-button').attr('href'), '/');
      const stored = await services.db.kysely.selectFrom('audit_events').select('summary').execute();
      for (const c of codes) assert.ok(!stored.some((e) => e.summary.includes(c)), 'codes are never written to the audit log');

      const again = await browser.get('/account/two-factor/recovery-codes');
      assert.equal(again.statusCode, 302, 'the codes are shown only once');
      assert.equal(again.headers.location, '/account');
      const account = await browser.get('/account');
      assert.match(account.$('#account-details').text().replace(/\s+/g, ' '), /Unused recovery codes 10/);
    });

    test('an administrator who must enrol reaches set-up before anything else, then continues where they were going', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }] });
      const browser = new Browser(app);
      await browser.get('/account/password');
      const res = await browser.submit('/sign-in', { email: admin.email, password: TEST_PASSWORD });
      assert.equal(res.headers.location, '/account/two-factor/set-up');
      assert.equal((await browser.get('/account')).headers.location, '/account/two-factor/set-up', 'nothing else until enrolled');

      const page = await browser.get('/account/two-factor/set-up');
      assert.match(page.$('main').text(), /Administrators and board chairs must use two-factor authentication/);
      assert.equal(page.$('.govuk-back-link').length, 0);
      assert.equal(page.$('.govuk-service-navigation').length, 0, 'no navigation before two-factor');
      const ok = await browser.submit('/account/two-factor/set-up', { code: totpCode(keyOf(page), clock.now()) });
      assert.equal(ok.statusCode, 302);
      const codes = await browser.get('/account/two-factor/recovery-codes');
      assert.equal(codes.$('main a.govuk-button').attr('href'), '/account/password');
      assert.equal((await browser.get('/account/password')).statusCode, 200);
    });

    test('someone already enrolled is told so and cannot replace their authenticator here', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const browser = new Browser(app);

      // Part-way through sign-in: the page must not offer a way round the second step.
      await browser.submit('/sign-in', { email: admin.email, password: TEST_PASSWORD });
      const partial = await browser.get('/account/two-factor/set-up');
      assert.equal(partial.statusCode, 200);
      assert.equal(partial.$('h1').text().trim(), 'Two-factor authentication is already set up');
      assert.equal(partial.$('#totp-key').length, 0);
      assert.equal(partial.$('main a[href="/sign-in/two-factor"]').length, 1);
      const attempt = await browser.post('/account/two-factor/set-up', { code: '123456', _csrf: await browser.csrfToken('/sign-in/two-factor') });
      assert.equal(attempt.headers.location, '/account/two-factor/set-up');
      assert.equal((await browser.get('/')).headers.location, '/sign-in/two-factor');

      await browser.submit('/sign-in/two-factor', { code: totpCode(admin.totpSecret ?? '', clock.now()) });
      const full = await browser.get('/account/two-factor/set-up');
      assert.equal(full.$('h1').text().trim(), 'Two-factor authentication is already set up');
      assert.match(full.$('main').text(), /on 27 November 2026/);
      assert.equal(full.$('main a[href="/account"]').text().trim(), 'Go to your account');
      const { row, events } = await enrolled(services, admin.id);
      assert.equal(row.totp_secret, admin.totpSecret);
      assert.equal(events.length, 0);
    });

    test('Welsh: the page and its errors in Welsh, with "Gwall:"', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services);
      const browser = new Browser(app);
      await signIn(browser, person);
      const page = await browser.get('/account/two-factor/set-up?lang=cy');
      assert.equal(page.$('h1').text().trim(), 'Gosod dilysu dau ffactor');
      assert.match(page.$('#qr-code').attr('aria-label') ?? '', /^Cod QR/);
      const res = await browser.submit('/account/two-factor/set-up', { code: '' });
      assert.match(res.$('title').text(), /^Gwall: Gosod dilysu dau ffactor/);
      assert.deepEqual(errorLinks(res), ['#code Rhowch y cod 6 digid o’ch ap dilysu']);
    });
  });
}
