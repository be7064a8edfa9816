import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Services } from '../../../container.ts';
import { systemCaller } from '../../../services/context.ts';
import { givePassword, seedPerson, TEST_PASSWORD } from '../../../testing/fixtures.ts';
import { readEmail, smtpSink } from '../../../testing/smtp-sink.ts';
import { Browser, buildTestApp, type TestApp, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const NEW_PASSWORD = 'a brand new passphrase for me';

/** Invites the person as an administrator would, through the people service. */
async function invitationLink(services: Services, personId: string): Promise<string> {
  const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
  const actor = await services.identity.loadActor(admin.id, true);
  const { token } = await services.people.invite({ ...systemCaller('INVITATION_CREATED'), actor }, personId);
  return `/set-password/${token}`;
}

async function signsIn(app: TestApp['app'], email: string): Promise<boolean> {
  return (await new Browser(app).submit('/sign-in', { email, password: TEST_PASSWORD })).statusCode === 302;
}

async function passwordSetEvents(services: Services) {
  return services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'PASSWORD_SET').execute();
}

for (const dialect of dialectsUnderTest()) {
  describe(`set password from an invitation (${dialect})`, () => {
    test('sets the password once, confirms it and offers sign-in; the new password works and the old does not', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services, { email: 'invited@example.org', password: false });
      const url = await invitationLink(services, person.id);
      const browser = new Browser(app);

      const form = await browser.get(url);
      assert.equal(form.statusCode, 200);
      assert.equal(form.$('h1').text().trim(), 'Create your password');
      assert.match(form.$('main').text(), /This is the password for invited@example\.org\./);

      const res = await browser.submit(url, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/password-set');
      const done = await browser.get('/password-set');
      assert.equal(done.$('h1').text().trim(), 'Your password has been saved');
      assert.equal(done.$('main a[href="/sign-in"]').text().trim(), 'Sign in');

      const events = await passwordSetEvents(services);
      assert.equal(events.length, 1);
      assert.equal(events[0]?.actor_id, person.id);
      assert.equal(events[0]?.record_id, person.id);

      const ok = await browser.submit('/sign-in', { email: person.email, password: NEW_PASSWORD });
      assert.equal(ok.statusCode, 302);
      assert.equal((await browser.get('/')).statusCode, 200);

      // Single use.
      const again = await new Browser(app).get(url);
      assert.equal(again.statusCode, 404);
      assert.equal(again.$('h1').text().trim(), 'This link has expired or has already been used');
      assert.match(again.$('main').text(), /If you were invited, ask your board's administrator for a new invitation/);
      assert.equal(again.$('main a[href="/forgotten-password"]').text().trim(), 'Ask for a new link to reset your password');
      const reuse = await browser.post(url, {
        password: 'yet another passphrase',
        confirmPassword: 'yet another passphrase',
        _csrf: await browser.csrfToken('/'),
      });
      assert.equal(reuse.statusCode, 404);
      assert.equal((await passwordSetEvents(services)).length, 1);
    });

    test('validation: missing, mismatched and weak passwords are refused and nothing is written', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services, { email: 'rhiannon@example.org', password: false });
      const url = await invitationLink(services, person.id);
      const browser = new Browser(app);

      const empty = await browser.submit(url, {});
      assert.equal(empty.statusCode, 400);
      assert.match(empty.$('title').text(), /^Error: Create your password/);
      assert.deepEqual(
        empty
          .$('.govuk-error-summary__list a')
          .map((_i, a) => `${empty.$(a).attr('href')} ${empty.$(a).text().trim()}`)
          .get(),
        ['#password Enter a password', '#confirmPassword Enter the password again to confirm it'],
      );
      const cases: [string, string, string, string][] = [
        [NEW_PASSWORD, 'something else entirely', '#confirmPassword', 'The passwords do not match'],
        ['short', 'short', '#password', 'Password must be 12 characters or more'],
        ['rhiannon-the-great', 'rhiannon-the-great', '#password', 'Password must not contain your email address'],
        ['aaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaa', '#password', 'Choose a password that is harder to guess'],
        ['x'.repeat(201), 'x'.repeat(201), '#password', 'Password must be 200 characters or fewer'],
      ];
      for (const [password, confirmPassword, href, message] of cases) {
        const res = await browser.submit(url, { password, confirmPassword });
        assert.equal(res.statusCode, 400, message);
        assert.equal(res.$('.govuk-error-summary__list a').first().text().trim(), message);
        assert.equal(res.$('.govuk-error-summary__list a').first().attr('href'), href);
        assert.equal(res.$(`${href}-error`).text().trim(), `Error: ${message}`);
      }
      assert.equal((await passwordSetEvents(services)).length, 0);
      const link = await services.db.kysely.selectFrom('one_time_links').selectAll().where('person_id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(link.used_at, null, 'the link is still unused');
      assert.equal((await browser.get(url)).statusCode, 200);
    });

    test('Welsh: errors in Welsh with "Gwall:"', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services, { password: false });
      const url = await invitationLink(services, person.id);
      const browser = new Browser(app);
      const form = await browser.get(`${url}?lang=cy`);
      assert.equal(form.$('h1').text().trim(), 'Creu eich cyfrinair');
      const res = await browser.submit(url, { password: 'byr', confirmPassword: 'byr' });
      assert.equal(res.statusCode, 400);
      assert.match(res.$('title').text(), /^Gwall: Creu eich cyfrinair/);
      assert.equal(res.$('.govuk-error-summary__list a').first().text().trim(), 'Rhaid i’r cyfrinair fod yn 12 nod neu fwy');
    });

    test('a Welsh speaker’s invitation: the email names the service in Welsh with a Welsh date, and its link opens the pages in Welsh', async (t) => {
      const smtp = await smtpSink(t);
      const clock = new TestClock(new Date('2026-11-27T09:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock, env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' } });
      const person = await seedPerson(services, { email: 'eleri@example.org', fullName: 'Eleri Morgan', password: false, language: 'cy' });
      await invitationLink(services, person.id);
      await services.jobs.runDue();
      const [raw] = await smtp.waitForMessages(1);
      const email = readEmail(raw ?? '');
      assert.equal(email.subject, 'Rydych wedi cael gwahoddiad i Adolygu Achosion', 'the service’s Welsh name, not the English setting');
      assert.match(email.body, /Rydych wedi cael gwahoddiad i ddefnyddio Adolygu Achosion\./);
      assert.doesNotMatch(email.body, /Case Review/);
      assert.match(raw ?? '', /^From: "?Adolygu Achosion"? </m, 'to a Welsh reader, the sender is the service named in Welsh');
      assert.match(email.body, /yn dod i ben am 09:00 ar 4 Rhagfyr 2026 \(amser y DU\)/, 'a Welsh date, never 2026-12-04');
      const link = /http:\/\/case-review\.example\.org(\/set-password\/[\w-]+\?lang=cy)\s/.exec(email.body)?.[1];
      assert.ok(link, `a set-password link that carries the language:\n${email.body}`);

      // Opened in a browser that has never been here (no language cookie): Welsh, and Welsh after.
      const browser = new Browser(app);
      const form = await browser.get(link);
      assert.equal(form.statusCode, 200);
      assert.equal(form.$('html').attr('lang'), 'cy');
      assert.equal(form.$('h1').text().trim(), 'Creu eich cyfrinair');
      const set = await browser.submit(link, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      assert.equal(set.statusCode, 302);
      const done = await browser.get('/password-set');
      assert.equal(done.$('h1').text().trim(), 'Mae eich cyfrinair wedi cael ei gadw');
      assert.equal((await browser.get('/sign-in')).$('h1').text().trim(), 'Mewngofnodi');
    });

    test('an invitation link shown to the administrator (no email) is on the configured address and carries the person’s language too', async (t) => {
      const { services } = await buildTestApp(t, dialect);
      const welsh = await seedPerson(services, { password: false, language: 'cy' });
      const english = await seedPerson(services, { password: false, language: 'en' });
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const actor = await services.identity.loadActor(admin.id, true);
      const invite = async (personId: string) => (await services.people.invite({ ...systemCaller('INVITATION_CREATED'), actor }, personId)).link;
      assert.match(await invite(welsh.id), /^http:\/\/127\.0\.0\.1:3000\/set-password\/[\w-]+\?lang=cy$/);
      assert.match(await invite(english.id), /^http:\/\/127\.0\.0\.1:3000\/set-password\/[\w-]+\?lang=en$/);
    });

    test('invitation links expire after 7 days; a newer invitation replaces the older one', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const person = await seedPerson(services, { password: false });
      const older = await invitationLink(services, person.id);
      const newer = await invitationLink(services, person.id);
      const browser = new Browser(app);
      assert.equal((await browser.get(older)).statusCode, 404, 're-inviting revokes the earlier link');
      clock.advance(7 * 24 * 3_600_000 - 60_000);
      assert.equal((await browser.get(newer)).statusCode, 200, 'still usable just before 7 days');
      clock.advance(2 * 60_000);
      const expired = await browser.get(newer);
      assert.equal(expired.statusCode, 404);
      assert.equal(expired.$('h1').text().trim(), 'This link has expired or has already been used');
      const late = await browser.post(newer, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, _csrf: await browser.csrfToken('/sign-in') });
      assert.equal(late.statusCode, 404);
      assert.equal((await passwordSetEvents(services)).length, 0);
    });

    test('an invitation stops working once the person has a password, even one made before that was refused', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services, { password: false });
      const url = await invitationLink(services, person.id);
      // The person sets a password another way (a reset link); an open invitation would be a second key.
      await givePassword(services, person.id);
      const browser = new Browser(app);
      assert.equal((await browser.get(url)).statusCode, 404);
      const post = await browser.post(url, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, _csrf: await browser.csrfToken('/sign-in') });
      assert.equal(post.statusCode, 404);
      assert.equal((await passwordSetEvents(services)).length, 0);
      assert.ok(await signsIn(app, person.email), 'the password they set still works');
    });
  });
}
