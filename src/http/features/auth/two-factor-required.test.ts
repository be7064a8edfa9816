// Finding 1 of issue 8: only administrators and chairs had to use two-factor authentication, so a
// business unit or management group account taken over with its password alone showed case material.
// Everyone who holds a role that shows case material now must, and a session of someone newly required
// is sent to enrol at its next request.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AuditAction } from '../../../domain/audit-actions.ts';
import { systemCaller } from '../../../services/context.ts';
import { seedBoard, seedPerson, TEST_PASSWORD } from '../../../testing/fixtures.ts';
import { seedReferral } from '../../../testing/referral-fixtures.ts';
import { Browser, buildTestApp, signIn } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const ENROL = '/account/two-factor/set-up';

for (const dialect of dialectsUnderTest()) {
  describe(`two-factor for everyone who sees case material (${dialect})`, () => {
    test('a business unit member without two-factor is sent to enrol before any case material', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const board = await seedBoard(services);
      const referral = await seedReferral(services, board.id);
      for (const role of ['business_unit', 'management_group_member', 'information_governance', 'agency_referrer'] as const) {
        const person = await seedPerson(services, { roles: [{ role, boardId: board.id }] });
        const browser = new Browser(app);
        const res = await browser.submit('/sign-in', { email: person.email, password: TEST_PASSWORD });
        assert.equal(res.headers.location, ENROL, role);
        for (const path of [`/boards/${board.id}`, `/boards/${board.id}/referrals/${referral.id}`, '/']) {
          assert.equal((await browser.get(path)).headers.location, ENROL, `${role}: ${path}`);
        }
      }
    });

    test('a board member signed in without two-factor is sent to enrol once a case role is confirmed', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const board = await seedBoard(services);
      const person = await seedPerson(services, { roles: [{ role: 'board_member', boardId: board.id }] });
      const browser = new Browser(app);
      await signIn(browser, person);
      assert.equal((await browser.get('/')).statusCode, 200, 'a board member sees no case material and needs no second factor');

      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const chair = await seedPerson(services, { roles: [{ role: 'board_chair', boardId: board.id }], totp: true });
      const as = async (id: string, action: AuditAction) => ({ ...systemCaller(action), actor: await services.identity.loadActor(id, true) });
      const grant = await services.roles.assignRole(await as(admin.id, 'ROLE_ASSIGNED'), person.id, { role: 'business_unit', boardId: board.id });
      assert.equal(grant.status, 'waiting');
      assert.equal((await browser.get('/')).statusCode, 200, 'a waiting grant changes nothing');
      await services.roles.confirmGrant(await as(chair.id, 'ROLE_GRANT_CONFIRMED'), grant.id);

      const next = await browser.get(`/boards/${board.id}`);
      assert.equal(next.statusCode, 302);
      assert.equal(next.headers.location, ENROL, 'the session already open must enrol now');
    });
  });
}
