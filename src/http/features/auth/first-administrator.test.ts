import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Services } from '../../../container.ts';
import { systemCaller } from '../../../services/context.ts';
import { totpCode } from '../../../testing/fixtures.ts';
import { Browser, buildTestApp, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const PASSWORD = 'a long and unusual passphrase';

async function firstAdminLink(services: Services): Promise<string> {
  const link = await services.identity.createFirstAdministratorLink(systemCaller('FIRST_ADMIN_LINK_CREATED'));
  assert.ok(link, 'a link is made on an empty service');
  return `/create-administrator/${link.token}`;
}

const validForm = { fullName: 'Ada Administrator', email: 'Ada@Example.org', password: PASSWORD, confirmPassword: PASSWORD, language: 'cy' };

async function peopleCount(services: Services): Promise<number> {
  return (await services.db.kysely.selectFrom('people').select('id').execute()).length;
}

async function auditActions(services: Services): Promise<string[]> {
  return (await services.db.kysely.selectFrom('audit_events').select('action').orderBy('seq').execute()).map((e) => e.action);
}

for (const dialect of dialectsUnderTest()) {
  describe(`first administrator (${dialect})`, () => {
    test('creates the administrator, signs them in and sends them to set up two-factor; the link works once', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const url = await firstAdminLink(services);
      const browser = new Browser(app);

      const form = await browser.get(url);
      assert.equal(form.statusCode, 200);
      assert.equal(form.$('h1').text().trim(), 'Create the first administrator');
      assert.equal(form.$('input[name="language"]:checked').length, 0, 'no language is chosen in advance');

      const res = await browser.submit(url, validForm);
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/account/two-factor/set-up');
      assert.equal(res.cookies.find((c) => c.name === 'lang')?.value, 'cy', 'the pages switch to the language chosen');

      const person = await services.db.kysely.selectFrom('people').selectAll().executeTakeFirstOrThrow();
      assert.equal(person.email, 'ada@example.org');
      assert.equal(person.full_name, 'Ada Administrator');
      assert.equal(person.language, 'cy');
      assert.equal(await services.identity.hasAdministrator(), true);
      const event = await services.db.kysely
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'FIRST_ADMINISTRATOR_CREATED')
        .executeTakeFirstOrThrow();
      assert.equal(event.actor_id, person.id);
      assert.equal(event.record_id, person.id);
      assert.doesNotMatch(event.summary, /Ada|example\.org/, 'no personal data in the audit summary');

      // Signed in, but nothing else until two-factor is set up.
      assert.equal((await browser.get('/')).headers.location, '/account/two-factor/set-up');
      const setUp = await browser.get('/account/two-factor/set-up');
      assert.equal(setUp.statusCode, 200);
      assert.equal(setUp.$('h1').text().trim(), 'Gosod dilysu dau ffactor');
      const key = setUp.$('#totp-key').text().replace(/\s/g, '');
      const enrolled = await browser.submit('/account/two-factor/set-up', { code: totpCode(key, clock.now()) });
      assert.equal(enrolled.headers.location, '/account/two-factor/recovery-codes');
      assert.equal((await browser.get('/')).statusCode, 200);

      // The link is single-use: a second visit or submission finds it used.
      const other = new Browser(app);
      const again = await other.get(url);
      assert.equal(again.statusCode, 404);
      assert.equal(again.$('h1').text().trim(), 'This link has expired or has already been used');
      const second = await browser.post(url, { ...validForm, email: 'someone.else@example.org', _csrf: await browser.csrfToken('/account') });
      assert.equal(second.statusCode, 404);
      assert.equal(await peopleCount(services), 1);
    });

    test('every missing answer is listed in the order of the form, and nothing is written', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const url = await firstAdminLink(services);
      const browser = new Browser(app);
      const res = await browser.submit(url, {});
      assert.equal(res.statusCode, 400);
      assert.match(res.$('title').text(), /^Error: Create the first administrator/);
      const links = res.$('.govuk-error-summary__list a');
      assert.deepEqual(links.map((_i, a) => res.$(a).text().trim()).get(), [
        'Enter your full name',
        'Enter an email address',
        'Enter a password',
        'Enter the password again to confirm it',
        'Select the language you prefer',
      ]);
      assert.deepEqual(links.map((_i, a) => res.$(a).attr('href')).get(), ['#fullName', '#email', '#password', '#confirmPassword', '#language']);
      assert.equal(res.$('#language').length, 1, 'the language link points at the first radio');
      assert.equal(await peopleCount(services), 0);
      assert.deepEqual(await auditActions(services), ['FIRST_ADMIN_LINK_CREATED']);
      assert.equal((await browser.get(url)).statusCode, 200, 'the link still works');
    });

    test('each answer is checked: email format, matching passwords, password rules; values are kept', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const url = await firstAdminLink(services);
      const browser = new Browser(app);
      const cases: [Record<string, string>, string, string][] = [
        [{ email: 'not-an-email' }, '#email', 'Enter an email address in the correct format, like name@example.org'],
        [{ confirmPassword: 'a different passphrase' }, '#confirmPassword', 'The passwords do not match'],
        [{ password: 'too short', confirmPassword: 'too short' }, '#password', 'Password must be 12 characters or more'],
        [{ password: 'password123', confirmPassword: 'password123' }, '#password', 'Password must be 12 characters or more'],
        [{ password: 'qwertyuiop', confirmPassword: 'qwertyuiop' }, '#password', 'Password must be 12 characters or more'],
        [{ password: 'ada-is-my-name-here', confirmPassword: 'ada-is-my-name-here' }, '#password', 'Password must not contain your email address'],
        [{ password: 'zzzzzzzzzzzzzz', confirmPassword: 'zzzzzzzzzzzzzz' }, '#password', 'Choose a password that is harder to guess'],
      ];
      for (const [change, href, message] of cases) {
        const res = await browser.submit(url, { ...validForm, ...change });
        assert.equal(res.statusCode, 400, message);
        const link = res.$('.govuk-error-summary__list a').first();
        assert.equal(link.text().trim(), message);
        assert.equal(link.attr('href'), href);
        assert.equal(res.$(`${href}-error`).text().trim(), `Error: ${message}`);
        assert.equal(res.$('#fullName').val(), validForm.fullName);
        assert.equal(res.$('#email').val(), change.email ?? validForm.email);
        assert.equal(res.$('input[name="language"]:checked').val(), 'cy');
        assert.equal(res.$('#password').val(), undefined, 'passwords are never put back on the page');
      }
      assert.equal(await peopleCount(services), 0);
    });

    test('Welsh: the form and its errors are in Welsh, with "Gwall:" in the title', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const url = await firstAdminLink(services);
      const browser = new Browser(app);
      const form = await browser.get(`${url}?lang=cy`);
      assert.equal(form.$('h1').text().trim(), 'Creu’r gweinyddwr cyntaf');
      const res = await browser.submit(url, { ...validForm, fullName: '', confirmPassword: 'rhywbeth gwahanol iawn' });
      assert.equal(res.statusCode, 400);
      assert.match(res.$('title').text(), /^Gwall: Creu’r gweinyddwr cyntaf/);
      assert.deepEqual(
        res
          .$('.govuk-error-summary__list a')
          .map((_i, a) => res.$(a).text().trim())
          .get(),
        ['Rhowch eich enw llawn', 'Nid yw’r cyfrineiriau’n cyfateb'],
      );
      assert.equal(res.$('.govuk-error-summary__title').text().trim(), 'Mae problem wedi codi');
    });

    test('an expired, replaced or unknown link shows the expired page with 404', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const browser = new Browser(app);
      const first = await firstAdminLink(services);
      const second = await firstAdminLink(services);
      for (const url of [first, '/create-administrator/not-a-real-token']) {
        const res = await browser.get(url);
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.$('h1').text().trim(), 'This link has expired or has already been used');
        assert.match(res.$('main').text(), /Restart the service to print a new link/);
      }
      assert.equal((await browser.get(second)).statusCode, 200);
      clock.advance(24 * 3_600_000 + 60_000);
      assert.equal((await browser.get(second)).statusCode, 404, 'first-administrator links live 24 hours');
      const late = await browser.post(second, { ...validForm, _csrf: await browser.csrfToken('/sign-in') });
      assert.equal(late.statusCode, 404);
      assert.equal(await peopleCount(services), 0);
    });
  });
}
