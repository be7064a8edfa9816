import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Services } from '../../../container.ts';
import { seedBoard, seedPerson, TEST_PASSWORD } from '../../../testing/fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const NEW_PASSWORD = 'another long passphrase entirely';

type Page = Awaited<ReturnType<Browser['get']>>;

function summaryRows(page: Page): Record<string, string> {
  const rows: Record<string, string> = {};
  page.$('#account-details .govuk-summary-list__row').each((_i, row) => {
    const key = page.$(row).find('.govuk-summary-list__key').text().trim();
    rows[key] = page.$(row).find('.govuk-summary-list__value').text().trim();
  });
  return rows;
}

function roleRows(page: Page): string[] {
  return page
    .$('#account-roles tbody tr')
    .map((_i, tr) =>
      page
        .$(tr)
        .find('td')
        .map((_j, td) => page.$(td).text().trim())
        .get()
        .join(' | '),
    )
    .get();
}

function errorLinks(page: Page): string[] {
  return page
    .$('.govuk-error-summary__list a')
    .map((_i, a) => `${page.$(a).attr('href')} ${page.$(a).text().trim()}`)
    .get();
}

async function actions(services: Services, action: string) {
  return services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action).execute();
}

for (const dialect of dialectsUnderTest()) {
  describe(`your account (${dialect})`, () => {
    test('shows name, email, language, two-factor status and roles with board names, in English and Welsh', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services);
      const other = await seedBoard(services, 'OTHER', { en: 'Other Board', cy: 'Bwrdd Arall' });
      const person = await seedPerson(services, {
        fullName: 'Bethan Jones',
        email: 'bethan@example.org',
        // Board members see no case material, so they may sign in without two-factor.
        roles: [
          { role: 'board_member', boardId: board.id },
          { role: 'board_member', boardId: other.id },
        ],
      });
      const browser = new Browser(app);
      assert.equal((await browser.get('/account')).headers.location, '/sign-in', 'signed-in only');
      await signIn(browser, person);

      const page = await browser.get('/account');
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text().trim(), 'Your account');
      assert.deepEqual(summaryRows(page), {
        Name: 'Bethan Jones',
        'Email address': 'bethan@example.org',
        Language: 'English',
        Password: 'Last changed on 27 November 2026',
        'Two-factor authentication': 'Off',
      });
      assert.deepEqual(roleRows(page), ['Board member | Test Safeguarding Children Board', 'Board member | Other Board']);
      assert.equal(page.$('a[href="/account/password"]').text().replace(/\s+/g, ' ').trim(), 'Change password');
      assert.equal(page.$('a[href="/account/language"]').text().replace(/\s+/g, ' ').trim(), 'Change language');
      assert.equal(page.$('a[href="/account/two-factor/set-up"]').text().replace(/\s+/g, ' ').trim(), 'Set up two-factor authentication');

      const cy = await browser.get('/account?lang=cy');
      assert.equal(cy.$('h1').text().trim(), 'Eich cyfrif');
      assert.equal(summaryRows(cy)['Dilysu dau ffactor'], 'I ffwrdd');
      assert.deepEqual(roleRows(cy), ['Aelod o’r bwrdd | Bwrdd Diogelu Plant Prawf', 'Aelod o’r bwrdd | Bwrdd Arall']);
      assert.equal(cy.$('a[href="/account/password"]').text().replace(/\s+/g, ' ').trim(), 'Newid cyfrinair');
    });

    test('an administrator sees two-factor on, unused recovery codes, and the deployment-wide role', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const browser = new Browser(app);
      await signIn(browser, admin, clock);
      const page = await browser.get('/account');
      const rows = summaryRows(page);
      assert.equal(rows['Two-factor authentication'], 'On since 27 November 2026');
      assert.equal(rows['Unused recovery codes'], '0');
      assert.equal(page.$('a[href="/account/two-factor/set-up"]').length, 0);
      assert.deepEqual(roleRows(page), ['Administrator | All boards']);
    });
  });

  describe(`change password (${dialect})`, () => {
    test('changes the password, keeps this session and signs out every other one', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services);
      const here = new Browser(app);
      const elsewhere = new Browser(app);
      await signIn(here, person);
      await signIn(elsewhere, person);
      assert.equal((await elsewhere.get('/account')).statusCode, 200);

      const form = await here.get('/account/password');
      assert.equal(form.$('h1').text().trim(), 'Change your password');
      assert.equal(form.$('.govuk-back-link').attr('href'), '/account');
      const res = await here.submit('/account/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/account');

      const account = await here.get('/account');
      assert.equal(account.statusCode, 200, 'this session continues');
      assert.match(account.$('.govuk-notification-banner').text(), /Your password has been changed/);
      assert.equal((await elsewhere.get('/account')).headers.location, '/sign-in', 'the other session has ended');

      const events = await actions(services, 'PASSWORD_CHANGED');
      assert.equal(events.length, 1);
      assert.equal(events[0]?.actor_id, person.id);
      assert.deepEqual(JSON.parse(events[0]?.summary ?? '{}'), { otherSessionsEnded: 1 });

      const old = await elsewhere.submit('/sign-in', { email: person.email, password: TEST_PASSWORD });
      assert.equal(old.statusCode, 400);
      const fresh = await elsewhere.submit('/sign-in', { email: person.email, password: NEW_PASSWORD });
      assert.equal(fresh.statusCode, 302);
    });

    test('each problem is reported on its field and nothing changes', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services, { email: 'gareth@example.org' });
      const here = new Browser(app);
      const elsewhere = new Browser(app);
      await signIn(here, person);
      await signIn(elsewhere, person);

      const empty = await here.submit('/account/password', {});
      assert.equal(empty.statusCode, 400);
      assert.match(empty.$('title').text(), /^Error: Change your password/);
      assert.deepEqual(errorLinks(empty), [
        '#currentPassword Enter your current password',
        '#newPassword Enter a new password',
        '#confirmPassword Enter the password again to confirm it',
      ]);
      const cases: [Record<string, string>, string][] = [
        [{ currentPassword: 'not my password at all' }, '#currentPassword The password is not correct'],
        [{ confirmPassword: 'something different here' }, '#confirmPassword The passwords do not match'],
        [{ newPassword: 'short', confirmPassword: 'short' }, '#newPassword Password must be 12 characters or more'],
        [{ newPassword: 'gareth-and-his-dog', confirmPassword: 'gareth-and-his-dog' }, '#newPassword Password must not contain your email address'],
        [{ newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }, '#newPassword The new password must be different from your current password'],
      ];
      for (const [change, expected] of cases) {
        const res = await here.submit('/account/password', {
          currentPassword: TEST_PASSWORD,
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
          ...change,
        });
        assert.equal(res.statusCode, 400, expected);
        assert.deepEqual(errorLinks(res), [expected]);
        const [href, ...words] = expected.split(' ');
        assert.equal(res.$(`${href}-error`).text().trim(), `Error: ${words.join(' ')}`);
      }
      assert.equal((await actions(services, 'PASSWORD_CHANGED')).length, 0);
      assert.equal((await elsewhere.get('/account')).statusCode, 200, 'other sessions are untouched');
      const stillOld = await new Browser(app).submit('/sign-in', { email: person.email, password: TEST_PASSWORD });
      assert.equal(stillOld.statusCode, 302, 'the password is unchanged');
    });

    test('Welsh: errors in Welsh with "Gwall:"', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services);
      const browser = new Browser(app);
      await signIn(browser, person);
      const form = await browser.get('/account/password?lang=cy');
      assert.equal(form.$('h1').text().trim(), 'Newid eich cyfrinair');
      const res = await browser.submit('/account/password', { currentPassword: 'anghywir iawn wir', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      assert.equal(res.statusCode, 400);
      assert.match(res.$('title').text(), /^Gwall: Newid eich cyfrinair/);
      assert.deepEqual(errorLinks(res), ['#currentPassword Nid yw’r cyfrinair yn gywir']);
    });
  });

  describe(`language preference (${dialect})`, () => {
    test('saves the preference, switches the pages to it and records the change', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services);
      const browser = new Browser(app);
      await signIn(browser, person);

      const form = await browser.get('/account/language');
      assert.equal(form.$('h1').text().trim(), 'Which language do you want to use?');
      assert.equal(form.$('input[name="language"]:checked').val(), 'en', 'the current preference is selected');

      const res = await browser.submit('/account/language', { language: 'cy' });
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/account');
      assert.equal(res.cookies.find((c) => c.name === 'lang')?.value, 'cy');

      const account = await browser.get('/account');
      assert.equal(account.$('html').attr('lang'), 'cy');
      assert.equal(account.$('h1').text().trim(), 'Eich cyfrif');
      assert.match(account.$('.govuk-notification-banner').text(), /Mae eich dewis iaith wedi cael ei gadw\./);
      assert.equal(summaryRows(account).Iaith, 'Cymraeg');

      const row = await services.db.kysely.selectFrom('people').select('language').where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(row.language, 'cy');
      const events = await actions(services, 'LANGUAGE_CHANGED');
      assert.equal(events.length, 1);
      assert.equal(events[0]?.record_id, person.id);
      assert.deepEqual(JSON.parse(events[0]?.summary ?? '{}'), { from: 'en', to: 'cy' });
    });

    test('no choice: an error in English and in Welsh, and nothing is written', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services);
      const browser = new Browser(app);
      await signIn(browser, person);
      const en = await browser.submit('/account/language', {});
      assert.equal(en.statusCode, 400);
      assert.match(en.$('title').text(), /^Error: Which language do you want to use\?/);
      assert.deepEqual(errorLinks(en), ['#language Select the language you prefer']);
      const bogus = await browser.submit('/account/language', { language: 'fr' });
      assert.deepEqual(errorLinks(bogus), ['#language Select the language you prefer']);
      await browser.get('/account/language?lang=cy');
      const cy = await browser.submit('/account/language', {});
      assert.match(cy.$('title').text(), /^Gwall: Pa iaith ydych chi eisiau ei defnyddio\?/);
      assert.deepEqual(errorLinks(cy), ['#language Dewiswch yr iaith sydd orau gennych']);
      assert.equal((await actions(services, 'LANGUAGE_CHANGED')).length, 0);
    });
  });
}
