import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedPerson, TEST_PASSWORD } from '../../../testing/fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const MINUTE = 60_000;

for (const dialect of dialectsUnderTest()) {
  describe(`session timeouts (${dialect})`, () => {
    test('after 31 idle minutes a page sends the person to sign in again; activity within the window keeps them signed in', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const person = await seedPerson(services);
      const browser = new Browser(app);
      await signIn(browser, person, clock);

      clock.advance(29 * MINUTE);
      assert.equal((await browser.get('/account')).statusCode, 200, 'still signed in after 29 idle minutes');
      clock.advance(29 * MINUTE);
      assert.equal((await browser.get('/account')).statusCode, 200, 'the idle clock restarted at the last request');

      clock.advance(31 * MINUTE);
      const res = await browser.get('/account');
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/sign-in');
      const rows = await services.db.kysely.selectFrom('sessions').select('person_id').where('person_id', '=', person.id).execute();
      assert.equal(rows.length, 0, 'the expired session is removed');
    });

    test('however active, a session ends 12 hours after sign-in', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const person = await seedPerson(services);
      const browser = new Browser(app);
      await signIn(browser, person, clock);

      // A request every 20 minutes for 11 hours 40 minutes: never idle.
      for (let elapsed = 20; elapsed <= 11 * 60 + 40; elapsed += 20) {
        clock.advance(20 * MINUTE);
        assert.equal((await browser.get('/account')).statusCode, 200, `signed in after ${elapsed} minutes`);
      }
      clock.advance(21 * MINUTE);
      const res = await browser.get('/account');
      assert.equal(res.statusCode, 302, 'refused after 12 hours although active 21 minutes ago');
      assert.equal(res.headers.location, '/sign-in');
    });

    test('renewing the session id (changing the password) does not extend the 12 hours', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const person = await seedPerson(services);
      const browser = new Browser(app);
      await signIn(browser, person, clock);
      for (let elapsed = 20; elapsed <= 11 * 60; elapsed += 20) {
        clock.advance(20 * MINUTE);
        await browser.get('/account');
      }
      const changed = await browser.submit('/account/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'a different long passphrase',
        confirmPassword: 'a different long passphrase',
      });
      assert.equal(changed.statusCode, 302);
      clock.advance(20 * MINUTE);
      assert.equal((await browser.get('/account')).statusCode, 200);
      clock.advance(45 * MINUTE - 20 * MINUTE + 1 * MINUTE);
      assert.equal((await browser.get('/account')).statusCode, 200, 'still within 12 hours of signing in');
      clock.advance(20 * MINUTE);
      assert.equal((await browser.get('/account')).headers.location, '/sign-in', '12 hours after the original sign-in');
    });

    test('the timeouts follow the configuration', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock, env: { SESSION_IDLE_MINUTES: '5', SESSION_ABSOLUTE_HOURS: '1' } });
      const person = await seedPerson(services);
      const browser = new Browser(app);
      await signIn(browser, person, clock);
      clock.advance(4 * MINUTE);
      assert.equal((await browser.get('/account')).statusCode, 200);
      clock.advance(6 * MINUTE);
      assert.equal((await browser.get('/account')).headers.location, '/sign-in');
    });
  });
}
