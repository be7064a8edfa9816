import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import type { Services } from '../../../container.ts';
import { systemCaller } from '../../../services/context.ts';
import { PASSWORD_RESET_LIMITS } from '../../../services/identity-passwords.ts';
import { seedPerson, TEST_PASSWORD, totpCode } from '../../../testing/fixtures.ts';
import { type SmtpSink, smtpSink } from '../../../testing/smtp-sink.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const NEW_PASSWORD = 'a brand new passphrase for me';
const PUBLIC_URL = 'http://case-review.example.org';
const CHECK_EMAIL = '/forgotten-password/check-your-email';

type Dialect = ReturnType<typeof dialectsUnderTest>[number];

/** The app with email delivered to a local SMTP sink. */
async function appWithMail(t: TestContext, dialect: Dialect, clock = new TestClock()) {
  const smtp = await smtpSink(t);
  const built = await buildTestApp(t, dialect, { clock, env: { SMTP_URL: smtp.url, PUBLIC_URL } });
  return { ...built, smtp, clock };
}

/** Runs the due jobs (the scheduler, as the server's worker would), then every email the sink has received. */
async function sent(services: Services, smtp: SmtpSink) {
  await services.jobs.runDue();
  return smtp.emails();
}

async function resetLinks(services: Services) {
  return services.db.kysely.selectFrom('one_time_links').selectAll().where('purpose', '=', 'password_reset').execute();
}

async function auditEvents(services: Services, ...actions: string[]) {
  return services.db.kysely.selectFrom('audit_events').selectAll().where('action', 'in', actions).orderBy('seq').execute();
}

/** The set-password path in a queued email. */
function linkIn(body: string): string {
  const match = /http:\/\/case-review\.example\.org(\/set-password\/[\w-]+)/.exec(body);
  assert.ok(match?.[1], `a set-password link in:\n${body}`);
  return match[1];
}

/** Asks for a reset link as someone at the sign-in page would; returns the confirmation page. */
async function askForLink(browser: Browser, email: string) {
  const res = await browser.submit('/forgotten-password', { email });
  assert.equal(res.statusCode, 302, `asking for ${email}`);
  assert.equal(res.headers.location, CHECK_EMAIL);
  return browser.get(CHECK_EMAIL);
}

/** The confirmation page's text with the address typed taken out, to compare what two people saw. */
function confirmationText(page: Awaited<ReturnType<Browser['get']>>, email: string): string {
  return page.$('main').text().replace(email, '<email>').replace(/\s+/g, ' ').trim();
}

for (const dialect of dialectsUnderTest()) {
  describe(`forgotten password (${dialect})`, () => {
    test('sign-in links to it in English and Welsh; the page asks for an email address', async (t) => {
      const { app } = await appWithMail(t, dialect);
      const browser = new Browser(app);
      const signInPage = await browser.get('/sign-in');
      assert.equal(signInPage.$('main a[href="/forgotten-password"]').text().trim(), 'Forgotten your password?');
      const cy = await browser.get('/sign-in?lang=cy');
      assert.equal(cy.$('main a[href="/forgotten-password"]').text().trim(), 'Wedi anghofio eich cyfrinair?');

      const page = await browser.get('/forgotten-password?lang=en');
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text().trim(), 'Reset your password');
      assert.match(page.$('title').text(), /^Reset your password – /);
      const input = page.$('main form[method="post"][action="/forgotten-password"] input#email');
      assert.equal(input.attr('type'), 'email');
      assert.equal(input.attr('autocomplete'), 'email');
      assert.equal(input.attr('spellcheck'), 'false');
      assert.equal(page.$(`label[for="email"]`).text().trim(), 'Email address');
      assert.equal(page.$('main form').attr('novalidate'), '', 'no browser validation');
      assert.equal(page.$('.govuk-back-link').attr('href'), '/sign-in');
      assert.equal(page.$('main button').text().trim(), 'Send link');
    });

    test('a known address: a reset link is emailed that sets a new password, which then signs in', async (t) => {
      const { app, services, smtp } = await appWithMail(t, dialect);
      const person = await seedPerson(services, { email: 'known@example.org', fullName: 'Nia Known' });
      const browser = new Browser(app);

      // Typed with different case and spaces: the account is still found.
      const done = await askForLink(browser, '  Known@Example.org ');
      assert.equal(done.statusCode, 200);
      assert.equal(done.$('h1').text().trim(), 'Check your email');
      assert.match(done.$('main').text(), /If an account exists for Known@Example\.org, we have sent a link to create a new password\./);
      assert.match(done.$('main').text(), /expires after 2 hours/);
      assert.equal(done.$('main a[href="/forgotten-password"]').text().trim(), 'Ask for another link');

      const [email, ...more] = await sent(services, smtp);
      assert.ok(email, 'an email is sent');
      assert.equal(more.length, 0);
      assert.equal(email.to, 'known@example.org');
      assert.equal(email.subject, 'Reset your password for Case Review');
      assert.match(email.body, /^Hello Nia Known,/);
      // The expiry in London time, written out (not "2026-11-27 12:00 (UTC)").
      assert.match(email.body, /expires at 12:00 on 27 November 2026 \(UK time\), 2 hours after it was sent/);
      const path = linkIn(email.body);

      const [link] = await resetLinks(services);
      assert.equal(link?.person_id, person.id);
      assert.equal(link?.expires_at, '2026-11-27T12:00:00.000Z', 'reset links last 2 hours');
      const [event] = await auditEvents(services, 'PASSWORD_RESET_REQUESTED');
      assert.equal(event?.record_type, 'person');
      assert.equal(event?.record_id, person.id);
      assert.equal(event?.actor_id, null, 'whoever asked is not signed in');
      assert.deepEqual(JSON.parse(event?.summary ?? '{}'), { sent: true, linkId: link?.id });
      assert.doesNotMatch(event?.summary ?? '', new RegExp(path.split('/').at(-1) ?? '-'), 'the token is never recorded');

      // The person opens the link in their own browser.
      const own = new Browser(app);
      const form = await own.get(path);
      assert.equal(form.statusCode, 200);
      assert.equal(form.$('h1').text().trim(), 'Create a new password');
      assert.match(form.$('main').text(), /This is the password for known@example\.org\./);
      const saved = await own.submit(path, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      assert.equal(saved.headers.location, '/password-set');
      const [set] = await auditEvents(services, 'PASSWORD_SET');
      assert.equal(JSON.parse(set?.summary ?? '{}').purpose, 'password_reset');

      assert.equal((await own.submit('/sign-in', { email: person.email, password: TEST_PASSWORD })).statusCode, 400, 'the old password no longer works');
      const ok = await own.submit('/sign-in', { email: person.email, password: NEW_PASSWORD });
      assert.equal(ok.statusCode, 302);
      assert.equal((await own.get('/')).statusCode, 200);
      assert.equal((await own.get(path)).statusCode, 404, 'the link works once');
    });

    test('an unknown or deactivated address: the same page, but no email, no link, and the address typed is not recorded', async (t) => {
      const { app, services, smtp } = await appWithMail(t, dialect);
      const known = await seedPerson(services, { email: 'known@example.org' });
      const leaver = await seedPerson(services, { email: 'leaver@example.org' });
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      await services.people.deactivate({ ...systemCaller('PERSON_DEACTIVATED'), actor: await services.identity.loadActor(admin.id, true) }, leaver.id);

      const seen = new Map<string, string>();
      for (const email of ['known@example.org', 'nobody@example.org', 'leaver@example.org']) {
        const page = await askForLink(new Browser(app), email);
        assert.equal(page.statusCode, 200);
        seen.set(email, confirmationText(page, email));
      }
      assert.equal(seen.get('nobody@example.org'), seen.get('known@example.org'), 'an unknown address sees exactly what a known one does');
      assert.equal(seen.get('leaver@example.org'), seen.get('known@example.org'), 'so does a deactivated one');

      const emails = await sent(services, smtp);
      assert.deepEqual(
        emails.map((e) => e.to),
        ['known@example.org'],
        'only the active person is emailed',
      );
      assert.deepEqual(
        (await resetLinks(services)).map((l) => l.person_id),
        [known.id],
      );

      const events = await auditEvents(services, 'PASSWORD_RESET_REQUESTED');
      assert.deepEqual(
        events.map((e) => [e.record_id, JSON.parse(e.summary).reason ?? 'sent']),
        [
          [known.id, 'sent'],
          [null, 'no_account'],
          [leaver.id, 'deactivated'],
        ],
      );
      const everything = JSON.stringify(await services.db.kysely.selectFrom('audit_events').selectAll().execute());
      assert.doesNotMatch(everything, /nobody@example\.org/i, 'the audit holds nothing about people who are not users');
      // The rate-limit records hold no address typed either: only who it was for, if anyone.
      const requests = await services.db.kysely.selectFrom('password_reset_requests').selectAll().execute();
      assert.deepEqual(requests.map((r) => `${r.outcome} ${r.person_id}`).sort(), [`no_account null`, `no_account null`, `sent ${known.id}`]);
      assert.doesNotMatch(JSON.stringify(requests), /@/);
    });

    test('validation in English and Welsh: nothing is sent or recorded', async (t) => {
      const { app, services, smtp } = await appWithMail(t, dialect);
      await seedPerson(services, { email: 'known@example.org' });
      const browser = new Browser(app);

      const cases: [string, string, string][] = [
        ['', 'Enter an email address', 'Rhowch gyfeiriad e-bost'],
        [
          'known.example.org',
          'Enter an email address in the correct format, like name@example.org',
          'Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.org',
        ],
        [
          `${'x'.repeat(320)}@example.org`,
          'Enter an email address in the correct format, like name@example.org',
          'Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.org',
        ],
      ];
      for (const [lang, title, prefix] of [
        ['en', 'Reset your password', 'Error'],
        ['cy', 'Ailosod eich cyfrinair', 'Gwall'],
      ] as const) {
        await browser.get(`/forgotten-password?lang=${lang}`);
        for (const [email, en, cy] of cases) {
          const message = lang === 'en' ? en : cy;
          const res = await browser.submit('/forgotten-password', { email });
          assert.equal(res.statusCode, 400, `${lang}: ${message}`);
          assert.match(res.$('title').text(), new RegExp(`^${prefix}: ${title} – `));
          assert.equal(res.$('.govuk-error-summary').length, 1);
          assert.deepEqual(
            res
              .$('.govuk-error-summary__list a')
              .map((_i, a) => `${res.$(a).attr('href')} ${res.$(a).text().trim()}`)
              .get(),
            [`#email ${message}`],
          );
          assert.equal(res.$('#email-error').text().trim(), `${prefix}: ${message}`);
          assert.equal(res.$('#email').val(), email, 'what was typed is kept');
        }
      }
      assert.equal((await sent(services, smtp)).length, 0);
      assert.equal((await resetLinks(services)).length, 0);
      assert.equal((await auditEvents(services, 'PASSWORD_RESET_REQUESTED', 'PASSWORD_RESET_SUPPRESSED')).length, 0);
      assert.equal((await services.db.kysely.selectFrom('password_reset_requests').selectAll().execute()).length, 0);
      assert.equal((await browser.get(CHECK_EMAIL)).headers.location, '/forgotten-password', 'no confirmation without a request');
    });

    test('Welsh: the confirmation page, and the email in the language the person chose', async (t) => {
      const { app, services, smtp } = await appWithMail(t, dialect);
      await seedPerson(services, { email: 'cymraes@example.org', fullName: 'Elin Cymraes', language: 'cy' });
      // Asked from an English page: the email follows the person's language, not the page's.
      await askForLink(new Browser(app), 'cymraes@example.org');
      const [email] = await sent(services, smtp);
      assert.equal(email?.subject, 'Ailosod eich cyfrinair ar gyfer Adolygu Achosion', 'the service’s name in Welsh');
      assert.match(email?.body ?? '', /^Helo Elin Cymraes,/);
      assert.match(email?.body ?? '', /dod i ben am 12:00 ar 27 Tachwedd 2026 \(amser y DU\), 2 awr ar ôl ei hanfon/);
      assert.doesNotMatch(email?.body ?? '', /Case Review/);
      assert.match(email?.body ?? '', /\/set-password\/[\w-]+\?lang=cy\s/, 'the link opens the page in Welsh');
      const path = linkIn(email?.body ?? '');

      const browser = new Browser(app);
      await browser.get('/forgotten-password?lang=cy');
      const done = await askForLink(browser, 'someone@example.org');
      assert.equal(done.$('html').attr('lang'), 'cy');
      assert.equal(done.$('h1').text().trim(), 'Gwiriwch eich e-bost');
      assert.match(done.$('main').text(), /Os oes cyfrif yn bodoli ar gyfer someone@example\.org, rydym wedi anfon dolen i greu cyfrinair newydd\./);
      assert.equal((await browser.get(path)).$('h1').text().trim(), 'Creu cyfrinair newydd');
    });

    test('at most 3 links a person an hour: a 4th request looks the same, sends nothing and is audited as suppressed', async (t) => {
      const { app, services, clock, smtp } = await appWithMail(t, dialect);
      const person = await seedPerson(services, { email: 'flooded@example.org' });
      for (let i = 1; i <= PASSWORD_RESET_LIMITS.perPerson + 1; i++) {
        const page = await askForLink(new Browser(app), person.email);
        assert.equal(page.$('h1').text().trim(), 'Check your email', `request ${i}`);
        clock.advance(60_000);
      }
      assert.equal((await sent(services, smtp)).length, 3, 'the 4th email is not sent');
      assert.equal((await resetLinks(services)).length, 3);
      const [suppressed, ...others] = await auditEvents(services, 'PASSWORD_RESET_SUPPRESSED');
      assert.equal(others.length, 0);
      assert.equal(suppressed?.record_id, person.id);
      assert.deepEqual(JSON.parse(suppressed?.summary ?? '{}'), { reason: 'person_rate_limited' });
      // The newest link still works: a suppressed request does not revoke it.
      const newest = (await sent(services, smtp)).at(-1);
      assert.equal((await new Browser(app).get(linkIn(newest?.body ?? ''))).statusCode, 200);

      // An hour after the first link, another may be sent.
      clock.advance(PASSWORD_RESET_LIMITS.windowMs - 4 * 60_000 + 1);
      await askForLink(new Browser(app), person.email);
      assert.equal((await sent(services, smtp)).length, 4);
    });

    test('one address (IP) may ask 20 times an hour, whatever it asks about', async (t) => {
      const { app, services, smtp } = await appWithMail(t, dialect);
      const person = await seedPerson(services, { email: 'target@example.org' });
      const browser = new Browser(app);
      for (let i = 0; i < PASSWORD_RESET_LIMITS.perAddress; i++) await askForLink(browser, `guess-${i}@example.org`);
      const page = await askForLink(browser, person.email);
      assert.equal(page.$('h1').text().trim(), 'Check your email');
      assert.equal((await sent(services, smtp)).length, 0, 'nothing is sent');
      const [suppressed] = await auditEvents(services, 'PASSWORD_RESET_SUPPRESSED');
      assert.equal(suppressed?.record_id, person.id);
      assert.deepEqual(JSON.parse(suppressed?.summary ?? '{}'), { reason: 'address_rate_limited' });
      const unknown = await askForLink(browser, 'guess-again@example.org');
      assert.equal(unknown.statusCode, 200);
      const last = (await auditEvents(services, 'PASSWORD_RESET_SUPPRESSED')).at(-1);
      assert.equal(last?.record_id, null);
      assert.doesNotMatch(JSON.stringify(await auditEvents(services, 'PASSWORD_RESET_SUPPRESSED', 'PASSWORD_RESET_REQUESTED')), /guess/);
    });

    test('a newer link replaces the earlier one; links expire after 2 hours', async (t) => {
      const { app, services, clock, smtp } = await appWithMail(t, dialect);
      const person = await seedPerson(services);
      await askForLink(new Browser(app), person.email);
      clock.advance(60_000);
      await askForLink(new Browser(app), person.email);
      const [older, newer] = (await sent(services, smtp)).map((e) => linkIn(e.body));
      assert.ok(older && newer && older !== newer);
      const browser = new Browser(app);
      const replaced = await browser.get(older);
      assert.equal(replaced.statusCode, 404, 'asking again revokes the earlier link');
      assert.equal(replaced.$('main a[href="/forgotten-password"]').text().trim(), 'Ask for a new link to reset your password');
      clock.advance(2 * 3_600_000 - 2 * 60_000);
      assert.equal((await browser.get(newer)).statusCode, 200, 'still usable just before 2 hours');
      clock.advance(2 * 60_000);
      assert.equal((await browser.get(newer)).statusCode, 404);
      const late = await browser.post(newer, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, _csrf: await browser.csrfToken('/sign-in') });
      assert.equal(late.statusCode, 404);
      assert.equal((await auditEvents(services, 'PASSWORD_SET')).length, 0);
    });

    test('a new password ends every session the person had, and two-factor still applies at the next sign-in', async (t) => {
      const { app, services, clock, smtp } = await appWithMail(t, dialect);
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const laptop = new Browser(app);
      const phone = new Browser(app);
      await signIn(laptop, admin, clock);
      clock.advance(30_000); // a security code works once
      await signIn(phone, admin, clock);
      assert.equal((await laptop.get('/')).statusCode, 200);

      await askForLink(new Browser(app), admin.email);
      const [email] = await sent(services, smtp);
      const own = new Browser(app);
      const saved = await own.submit(linkIn(email?.body ?? ''), { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      assert.equal(saved.headers.location, '/password-set');
      assert.equal((await laptop.get('/')).headers.location, '/sign-in', 'the laptop is signed out');
      assert.equal((await phone.get('/')).headers.location, '/sign-in', 'so is the phone');
      const [set] = await auditEvents(services, 'PASSWORD_SET');
      assert.equal(JSON.parse(set?.summary ?? '{}').sessionsEnded, 2);

      const res = await own.submit('/sign-in', { email: admin.email, password: NEW_PASSWORD });
      assert.equal(res.headers.location, '/sign-in/two-factor', 'the password alone is not enough');
      assert.equal((await own.get('/')).headers.location, '/sign-in/two-factor');
      clock.advance(30_000);
      const second = await own.submit('/sign-in/two-factor', { code: totpCode(admin.totpSecret ?? '', clock.now()) });
      assert.equal(second.statusCode, 302);
      assert.equal((await own.get('/')).statusCode, 200);
    });

    test('a request without a CSRF token is refused and changes nothing', async (t) => {
      const { app, services, smtp } = await appWithMail(t, dialect);
      const person = await seedPerson(services);
      const browser = new Browser(app);
      await browser.get('/forgotten-password');
      const res = await browser.post('/forgotten-password', { email: person.email });
      assert.equal(res.statusCode, 403);
      assert.equal((await sent(services, smtp)).length, 0);
      assert.equal((await services.db.kysely.selectFrom('password_reset_requests').selectAll().execute()).length, 0);
    });

    test('without email configured, the page says to ask for help, and nothing is created', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services);
      const browser = new Browser(app);
      const page = await browser.get('/forgotten-password');
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text().trim(), 'Reset your password');
      assert.equal(page.$('main form[action="/forgotten-password"]').length, 0, 'no form');
      assert.match(page.$('main').text(), /This service cannot send emails.*Ask the people who run the service for help/s);
      const cy = await browser.get('/forgotten-password?lang=cy');
      assert.match(cy.$('main').text(), /Ni all y gwasanaeth hwn anfon negeseuon e-bost/);

      const res = await browser.post('/forgotten-password', { email: person.email, _csrf: await browser.csrfToken('/sign-in') });
      assert.equal(res.statusCode, 200);
      assert.equal(res.$('main form[action="/forgotten-password"]').length, 0);
      assert.equal((await resetLinks(services)).length, 0);
      assert.equal((await auditEvents(services, 'PASSWORD_RESET_REQUESTED', 'PASSWORD_RESET_SUPPRESSED')).length, 0);
    });
  });
}
