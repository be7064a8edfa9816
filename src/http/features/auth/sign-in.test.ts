import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedBoard, seedPerson, TEST_PASSWORD, totpCode } from '../../../testing/fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`sign-in (${dialect})`, () => {
    test('a person signs in, sees their boards, and signs out', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const board = await seedBoard(services);
      const person = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const browser = new Browser(app);

      const anonymous = await browser.get('/');
      assert.equal(anonymous.statusCode, 302);
      assert.equal(anonymous.headers.location, '/sign-in');

      await signIn(browser, person);
      const home = await browser.get('/');
      assert.equal(home.statusCode, 200);
      assert.equal(home.$('h1').text().trim(), 'What you can do');
      assert.match(home.$('main h2').text(), /Test Safeguarding Children Board/);

      const out = await browser.submit('/', {}, 'form[action="/sign-out"]');
      assert.equal(out.statusCode, 302);
      assert.equal((await browser.get('/')).headers.location, '/sign-in');
    });

    test('wrong password: generic message, error summary, nothing revealed, attempt audited', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services);
      const browser = new Browser(app);
      for (const email of [person.email, 'nobody@example.org']) {
        const res = await browser.submit('/sign-in', { email, password: 'not the password at all' });
        assert.equal(res.statusCode, 400);
        assert.match(res.$('title').text(), /^Error:/);
        assert.equal(res.$('.govuk-error-summary').length, 1, 'one error summary');
        assert.equal(res.$('.govuk-error-summary__list a').first().text().trim(), 'The email address or password is not correct');
        assert.equal(res.$('#email').val(), email, 'the email typed is kept');
      }
      const events = await services.db.kysely.selectFrom('audit_events').select(['action', 'record_id']).execute();
      assert.deepEqual(
        events.map((e) => e.action),
        ['SIGN_IN_FAILED', 'SIGN_IN_FAILED'],
      );
    });

    test('sign-in regenerates the session id', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services);
      const browser = new Browser(app);
      const page = await browser.get('/sign-in');
      const before = page.cookies.find((c) => c.name === 'case_review_session')?.value;
      const res = await browser.submit('/sign-in', { email: person.email, password: TEST_PASSWORD });
      const after = res.cookies.find((c) => c.name === 'case_review_session');
      assert.ok(after, 'a session cookie is set');
      assert.notEqual(after.value, before);
      assert.equal(after.httpOnly, true);
      assert.equal(after.sameSite, 'Lax');
    });

    test('administrators must pass two-factor; a wrong code is refused', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const browser = new Browser(app);
      const res = await browser.submit('/sign-in', { email: admin.email, password: TEST_PASSWORD });
      assert.equal(res.headers.location, '/sign-in/two-factor');
      assert.equal((await browser.get('/')).headers.location, '/sign-in/two-factor', 'nothing else until two-factor');
      const wrong = await browser.submit('/sign-in/two-factor', { code: '000000' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.$('.govuk-error-summary').text(), /code is not correct/);
      const ok = await browser.submit('/sign-in/two-factor', { code: totpCode(admin.totpSecret ?? '', clock.now()) });
      assert.equal(ok.statusCode, 302);
      assert.equal((await browser.get('/')).statusCode, 200);
    });

    test('a POST without a CSRF token is refused and changes nothing', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services);
      const browser = new Browser(app);
      await browser.get('/sign-in');
      const res = await browser.post('/sign-in', { email: person.email, password: TEST_PASSWORD });
      assert.equal(res.statusCode, 403);
      const attempts = await services.db.kysely.selectFrom('sign_in_attempts').selectAll().execute();
      assert.equal(attempts.length, 0);
    });

    test('Welsh: ?lang=cy switches, persists and sets lang', async (t) => {
      const { app } = await buildTestApp(t, dialect);
      const browser = new Browser(app);
      const cy = await browser.get('/sign-in?lang=cy');
      assert.equal(cy.$('html').attr('lang'), 'cy');
      assert.equal(cy.$('h1').text().trim(), 'Mewngofnodi');
      const again = await browser.get('/sign-in');
      assert.equal(again.$('html').attr('lang'), 'cy');
      const error = await browser.submit('/sign-in', { email: '', password: '' });
      assert.match(error.$('title').text(), /^Gwall:/);
      assert.equal(error.$('.govuk-error-summary__list a').first().text().trim(), 'Rhowch gyfeiriad e-bost');
      assert.equal(error.$('#email-error .govuk-visually-hidden').text().trim(), 'Gwall:', 'the inline message is prefixed in Welsh too');
    });
  });
}
