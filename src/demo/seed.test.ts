import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signInDetails } from '../cli/demo.ts';
import { BOARD_ROLES } from '../domain/roles.ts';
import { totpCode } from '../testing/fixtures.ts';
import { Browser, buildTestApp } from '../testing/test-app.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';
import { DEMO_AGENCIES, DEMO_PEOPLE, seedDemo } from './seed.ts';

async function counts(db: Awaited<ReturnType<typeof buildTestApp>>['services']['db']) {
  const n = async (table: 'boards' | 'agencies' | 'people' | 'role_assignments' | 'board_agencies') =>
    Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    boards: await n('boards'),
    agencies: await n('agencies'),
    people: await n('people'),
    roles: await n('role_assignments'),
    links: await n('board_agencies'),
  };
}

test('the demo has a person for every board role and a deployment administrator', () => {
  assert.deepEqual(DEMO_PEOPLE.map((p) => p.role).sort(), ['deployment_administrator', ...BOARD_ROLES].sort());
  assert.ok(new Set(DEMO_AGENCIES.map((a) => a.sector)).size >= 8, 'agencies across the sectors');
});

for (const dialect of dialectsUnderTest()) {
  describe(`demo seed (${dialect})`, () => {
    test('seeds the Teifi board once, with working sign-in details, and never duplicates it', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const first = await seedDemo(services);
      assert.equal(first.boardCreated, true);
      assert.equal(first.board.code, 'TEIFI');
      assert.equal(first.board.nameCy, 'Bwrdd Diogelu Plant Dyffryn Teifi');
      const before = await counts(services.db);
      assert.deepEqual(before, {
        boards: 1,
        agencies: DEMO_AGENCIES.length,
        people: DEMO_PEOPLE.length,
        roles: DEMO_PEOPLE.length,
        links: DEMO_AGENCIES.length,
      });
      const twoFactor = first.accounts.filter((a) => a.totpSecret).map((a) => a.role);
      assert.deepEqual(twoFactor.sort(), ['administrator', 'board_chair', 'deployment_administrator']);

      const second = await seedDemo(services);
      assert.equal(second.boardCreated, false);
      assert.deepEqual(await counts(services.db), before);
      for (const [i, account] of second.accounts.entries()) {
        assert.notEqual(account.password, first.accounts[i]?.password, 'fresh passwords every run');
        assert.equal(account.totpSecret, first.accounts[i]?.totpSecret, 'an enrolled authenticator keeps working');
      }
      assert.equal((await services.audit.verify()).ok, true);

      const member = second.accounts.find((a) => a.role === 'board_member');
      assert.ok(member);
      const memberBrowser = new Browser(app);
      const signedIn = await memberBrowser.submit('/sign-in', { email: member.email, password: member.password });
      assert.equal(signedIn.statusCode, 302);
      assert.equal(signedIn.headers.location, '/');
      assert.match((await memberBrowser.get('/')).$('main').text(), /Teifi Valley Safeguarding Children Board/);

      const chair = second.accounts.find((a) => a.role === 'board_chair');
      assert.ok(chair?.totpSecret);
      const chairBrowser = new Browser(app);
      const password = await chairBrowser.submit('/sign-in', { email: chair.email, password: chair.password });
      assert.equal(password.headers.location, '/sign-in/two-factor');
      const code = await chairBrowser.submit('/sign-in/two-factor', { code: totpCode(chair.totpSecret, services.clock.now()) });
      assert.equal(code.statusCode, 302);
      assert.equal((await chairBrowser.get('/')).statusCode, 200);

      const printed = signInDetails(second, 'http://127.0.0.1:3000').join('\n');
      for (const a of second.accounts) {
        assert.ok(printed.includes(a.email) && printed.includes(a.password), `${a.email} is printed with a password`);
        if (a.totpSecret) assert.ok(printed.includes(a.totpSecret));
      }
      assert.match(printed, /already seeded: nothing duplicated/);
    });
  });
}
