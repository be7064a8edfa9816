// Sign-in throttling (issue 8, finding 7): known and unknown addresses get the same answers; repeated
// failures slow attempts down instead of locking the owner out; a browser that has signed in before
// is never slowed by someone else's failures; parallel guesses get no more checks than the delay
// allows; the person is told by email, in their language, at most once per window.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ACCOUNT_THROTTLE, throttleDelayMs, WARN_AFTER_FAILURES } from '../../../domain/sign-in-throttle.ts';
import { type SeededPerson, seedBoard, seedPerson, TEST_PASSWORD, totpCode } from '../../../testing/fixtures.ts';
import { readEmail, smtpSink } from '../../../testing/smtp-sink.ts';
import { Browser, buildTestApp, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const WRONG = 'not the password at all';

async function attempt(browser: Browser, email: string, password: string) {
  return browser.submit('/sign-in', { email, password });
}

/** What a person sees: status, the error summary and the page's main text (the typed address taken out). */
function seen(res: { statusCode: number; headers: Record<string, unknown>; $: import('cheerio/slim').CheerioAPI }, email: string) {
  return {
    status: res.statusCode,
    retryAfter: res.headers['retry-after'] ?? null,
    location: res.headers.location ?? null,
    summary: res.$('.govuk-error-summary').text().replace(/\s+/g, ' ').trim(),
    main: res.$('main').text().replaceAll(email, '<email>').replace(/\s+/g, ' ').trim(),
    emailField: res.$('#email').val() === email,
  };
}

async function ownerWithDevice(app: FastifyInstance, owner: SeededPerson, clock: TestClock) {
  const browser = new Browser(app);
  await fullSignIn(browser, owner, clock);
  assert.ok(browser.cookie('case_review_device'), 'a complete sign-in leaves a device cookie');
  const out = await browser.submit('/', {}, 'form[action="/sign-out"]');
  assert.equal(out.headers.location, '/sign-in');
  return browser;
}

async function fullSignIn(browser: Browser, person: SeededPerson, clock: TestClock) {
  const first = await attempt(browser, person.email, TEST_PASSWORD);
  assert.equal(first.statusCode, 302, first.$('.govuk-error-summary').text());
  assert.equal(first.headers.location, '/sign-in/two-factor');
  const second = await browser.submit('/sign-in/two-factor', { code: totpCode(person.totpSecret ?? '', clock.now()) });
  assert.equal(second.statusCode, 302, second.$('.govuk-error-summary').text());
  assert.equal((await browser.get('/')).statusCode, 200);
}

/** Wrong passwords until the account's bucket answers "wait" (the clock does not move). */
async function failUntilThrottled(browser: Browser, email: string) {
  for (let i = 0; i < 20; i++) {
    const res = await attempt(browser, email, WRONG);
    if (res.statusCode === 429) return Number(res.headers['retry-after']);
    assert.equal(res.statusCode, 400);
  }
  throw new Error('never throttled');
}

for (const dialect of dialectsUnderTest()) {
  describe(`sign-in throttling (${dialect})`, () => {
    test('known and unknown addresses get the same pages, statuses and progression', async (t) => {
      // Each in its own service, so they share no counters; the same script for both.
      const script: { password: string; advanceMs: number }[] = [
        ...Array.from({ length: 6 }, () => ({ password: WRONG, advanceMs: 0 })),
        { password: TEST_PASSWORD, advanceMs: 0 },
        { password: WRONG, advanceMs: 1_000 },
        { password: WRONG, advanceMs: throttleDelayMs(ACCOUNT_THROTTLE.free + 1, ACCOUNT_THROTTLE) },
        { password: TEST_PASSWORD, advanceMs: 0 },
        { password: WRONG, advanceMs: 10 * 60_000 },
        { password: WRONG, advanceMs: 20 * 60_000 },
      ];
      const run = async (known: boolean) => {
        const clock = new TestClock();
        const { app, services } = await buildTestApp(t, dialect, { clock });
        const email = 'someone@example.org';
        if (known) await seedPerson(services, { email, totp: true });
        const browser = new Browser(app);
        const out = [];
        for (const step of script) {
          clock.advance(step.advanceMs);
          const res = await attempt(browser, email, step.password);
          // The right password on a known account when allowed: signed in, which only its owner can do.
          if (known && res.statusCode === 302) out.push({ status: 302 });
          else out.push(seen(res, email));
        }
        return out;
      };
      const known = await run(true);
      const unknown = await run(false);
      assert.deepEqual(
        known.map((k) => k.status),
        [400, 400, 400, 400, 429, 429, 429, 429, 400, 429, 400, 400],
        'slowed, not locked: wrong passwords are checked again once each wait is over',
      );
      for (let i = 0; i < script.length; i++) {
        if (known[i]?.status === 302) continue;
        assert.deepEqual(known[i], unknown[i], `step ${i + 1}`);
      }
      assert.match(String((unknown[4] as { summary: string }).summary), /too many attempts to sign in\. Wait \d+ seconds/);
    });

    test('the owner signs in at once on a browser they have signed in with before, after an attacker’s many failures', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services);
      const owner = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const usual = await ownerWithDevice(app, owner, clock);
      clock.advance(30_000); // the next authenticator code (a code is never accepted twice)

      const attacker = new Browser(app, '203.0.113.66');
      for (let i = 0; i < 30; i++) await attempt(attacker, owner.email, `${WRONG} ${i}`);
      assert.equal((await attempt(attacker, owner.email, TEST_PASSWORD)).statusCode, 429, 'the attacker is slowed down');
      assert.equal((await attempt(new Browser(app), owner.email, TEST_PASSWORD)).statusCode, 429, 'so is any new browser, at this moment');

      await fullSignIn(usual, owner, clock);
    });

    test('on a new browser, the owner is told how long to wait, and gets in once the wait is over', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const owner = await seedPerson(services, { totp: true });
      const attacker = new Browser(app, '203.0.113.66');
      const wait = await failUntilThrottled(attacker, owner.email);
      assert.ok(wait >= 2 && wait <= ACCOUNT_THROTTLE.capMs / 1000);

      const fresh = new Browser(app);
      const early = await attempt(fresh, owner.email, TEST_PASSWORD);
      assert.equal(early.statusCode, 429);
      const seconds = Number(early.headers['retry-after']);
      assert.match(early.$('.govuk-error-summary').text(), new RegExp(`Wait ${seconds} seconds`));
      assert.equal(early.$('#email-error').length, 1, 'the message is against the field too');
      clock.advance(seconds * 1000);
      await fullSignIn(fresh, owner, clock);
      assert.equal(
        await services.db.kysely
          .selectFrom('people')
          .select('locked_until')
          .where('id', '=', owner.id)
          .executeTakeFirstOrThrow()
          .then((r) => r.locked_until),
        null,
        'no lockout',
      );
    });

    test('wrong security codes slow the second step for that person, never on the owner’s usual browser', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const owner = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const usual = await ownerWithDevice(app, owner, clock);
      clock.advance(30_000); // the next authenticator code (a code is never accepted twice)
      const code = () => totpCode(owner.totpSecret ?? '', clock.now());

      // Someone who has the password guesses codes.
      const attacker = new Browser(app, '203.0.113.66');
      assert.equal((await attempt(attacker, owner.email, TEST_PASSWORD)).headers.location, '/sign-in/two-factor');
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push((await attacker.submit('/sign-in/two-factor', { code: String(100000 + i) })).statusCode);
      assert.deepEqual(statuses, [400, 400, 400, 400, 429, 429, 429, 429]);
      const refused = await attacker.submit('/sign-in/two-factor', { code: code() });
      assert.equal(refused.statusCode, 429, 'even the right code waits: nothing is checked');
      assert.match(refused.$('.govuk-error-summary').text(), /Wait \d+ seconds/);

      // A new browser waits too; the owner's usual browser does not.
      const other = new Browser(app);
      assert.equal((await attempt(other, owner.email, TEST_PASSWORD)).headers.location, '/sign-in/two-factor');
      assert.equal((await other.submit('/sign-in/two-factor', { code: code() })).statusCode, 429);
      await fullSignIn(usual, owner, clock);

      // Once the wait is over (and with the next code), the new browser gets in too.
      clock.advance(30_000);
      const ok = await other.submit('/sign-in/two-factor', { code: code() });
      assert.equal(ok.statusCode, 302, ok.$('.govuk-error-summary').text());
      assert.equal((await other.get('/')).statusCode, 200);
      const refusedEvents = await services.db.kysely.selectFrom('audit_events').select('action').where('action', '=', 'TWO_FACTOR_REFUSED').execute();
      assert.equal(refusedEvents.length, 6, 'refused attempts are audited');
    });

    test('parallel wrong attempts get no more password checks than the delay allows', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      for (const known of [true, false]) {
        const email = known ? 'target@example.org' : 'nobody-here@example.org';
        if (known) await seedPerson(services, { email });
        const browsers = await Promise.all(
          Array.from({ length: 16 }, async () => {
            const b = new Browser(app);
            return { b, token: await b.csrfToken('/sign-in') };
          }),
        );
        const results = await Promise.all(browsers.map(({ b, token }, i) => b.post('/sign-in', { _csrf: token, email, password: `${WRONG} ${i}` })));
        const checked = results.filter((r) => r.statusCode === 400).length;
        const waited = results.filter((r) => r.statusCode === 429).length;
        assert.equal(checked + waited, 16, `${email}: every attempt is answered 400 or 429`);
        assert.ok(checked <= ACCOUNT_THROTTLE.free + 1, `${email}: ${checked} password checks, at most ${ACCOUNT_THROTTLE.free + 1} allowed`);
        assert.ok(checked >= 1, `${email}: at least one attempt was checked`);
        const failed = await services.db.kysely.selectFrom('audit_events').select('id').where('action', '=', 'SIGN_IN_FAILED').execute();
        assert.ok(failed.length <= (known ? 1 : 2) * (ACCOUNT_THROTTLE.free + 1), 'the audit shows the same number of checks');
        clock.advance(ACCOUNT_THROTTLE.windowMs + 1);
      }
    });

    test('the person is told by email, in their language, once per window, of repeated failures; an unknown address sends nothing', async (t) => {
      const smtp = await smtpSink(t);
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock, env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' } });
      const owner = await seedPerson(services, { fullName: 'Rhiannon Evans', language: 'cy', totp: true });
      const attacker = new Browser(app, '203.0.113.66');
      // What has been emailed, once the due jobs have run (as the server's worker runs them after each commit).
      const outbox = async () => {
        await services.jobs.runDue();
        return smtp.emails();
      };

      // Failures spread out so that each is checked: the warning goes with the WARN_AFTER_FAILURES-th.
      for (let i = 1; i <= WARN_AFTER_FAILURES + 4; i++) {
        const res = await attempt(attacker, owner.email, `${WRONG} ${i}`);
        assert.equal(res.statusCode, 400);
        assert.equal((await outbox()).length, i >= WARN_AFTER_FAILURES ? 1 : 0, `after failure ${i}`);
        clock.advance(ACCOUNT_THROTTLE.capMs);
      }
      const [message] = await smtp.waitForMessages(1);
      const email = readEmail(message ?? '');
      assert.match(email.to, /@example\.org>?$/);
      assert.equal(email.subject, 'Ymdrechion i fewngofnodi i’ch cyfrif Adolygu Achosion');
      assert.match(email.body, /Helo Rhiannon Evans/);
      assert.match(email.body, /gyda’r cyfrinair anghywir/);
      const events = await services.db.kysely
        .selectFrom('audit_events')
        .select(['action', 'record_id', 'summary'])
        .where('action', '=', 'SIGN_IN_WARNING_EMAILED')
        .execute();
      assert.deepEqual(
        events.map((e) => e.record_id),
        [owner.id],
      );
      assert.doesNotMatch(events[0]?.summary ?? '', /@/, 'no address in the audit');

      // Someone else's address that is no one's account: no email.
      for (let i = 0; i < WARN_AFTER_FAILURES + 2; i++) {
        await attempt(attacker, 'no-account@example.org', WRONG);
        clock.advance(ACCOUNT_THROTTLE.capMs);
      }
      assert.equal((await outbox()).length, 1);

      // A later window, and wrong security codes after the right password: another warning, about the code.
      clock.advance(ACCOUNT_THROTTLE.windowMs + 1);
      assert.equal((await attempt(attacker, owner.email, TEST_PASSWORD)).headers.location, '/sign-in/two-factor');
      for (let i = 0; i < WARN_AFTER_FAILURES; i++) {
        await attacker.submit('/sign-in/two-factor', { code: String(200000 + i) });
        clock.advance(ACCOUNT_THROTTLE.capMs);
      }
      const emails = await outbox();
      assert.equal(emails.length, 2);
      assert.match(emails[1]?.body ?? '', /cod diogelwch anghywir/);
    });

    test('a device cookie is signed, HttpOnly, SameSite=Strict and only sent to the sign-in pages; a forged one is ignored', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const owner = await seedPerson(services, { totp: true });
      const browser = new Browser(app);
      await attempt(browser, owner.email, TEST_PASSWORD);
      const done = await browser.submit('/sign-in/two-factor', { code: totpCode(owner.totpSecret ?? '', clock.now()) });
      const cookie = done.cookies.find((c) => c.name === 'case_review_device');
      assert.ok(cookie);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      assert.equal(cookie.path, '/sign-in');
      assert.ok(decodeURIComponent(cookie.value).startsWith(`${owner.id}.`));

      // An attacker who makes up a device cookie for the owner is counted like anyone else.
      const attacker = new Browser(app, '203.0.113.66');
      await attacker.get('/sign-in');
      const forged = `${owner.id}.${'A'.repeat(43)}.not-a-signature`;
      const page = await app.inject({ method: 'GET', url: '/sign-in' });
      const session = page.cookies.find((c) => c.name === 'case_review_session');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      for (let i = 0; i < ACCOUNT_THROTTLE.free + 2; i++) {
        await app.inject({
          method: 'POST',
          url: '/sign-in',
          remoteAddress: '203.0.113.66',
          headers: {
            cookie: `case_review_session=${session?.value}; case_review_device=${encodeURIComponent(forged)}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: new URLSearchParams({ _csrf: token, email: owner.email, password: WRONG }).toString(),
        });
      }
      assert.equal((await attempt(new Browser(app), owner.email, TEST_PASSWORD)).statusCode, 429, 'the forged cookie’s failures counted against the account');
    });
  });
}
