// Finding 1 of issue 8: a board A administrator, knowing only the id of a board B person, gave them a
// board A role (so they became "editable"), changed their email to one the attacker controls, invited
// them, set a password and signed in as them to read board B's case material. Each chain is tried from
// another board and another agency, through the pages and through the API.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import { adminWorld, seedAgency } from '../../../testing/admin-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { seedReferral } from '../../../testing/referral-fixtures.ts';
import { Browser } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const ATTACKER_EMAIL = 'attacker@evil.example';
const ATTACKER_PASSWORD = 'purple staple orbit lantern';

async function emailOf(services: Services, personId: string): Promise<string> {
  const row = await services.db.kysely.selectFrom('people').select('email').where('id', '=', personId).executeTakeFirstOrThrow();
  return row.email;
}

async function openInvitations(services: Services, personId: string): Promise<number> {
  const rows = await services.db.kysely
    .selectFrom('one_time_links')
    .select('id')
    .where('person_id', '=', personId)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.length;
}

/** Gives the person a board member role on the board with an API token of the administrator. */
async function grantThroughApi(app: FastifyInstance, services: Services, adminEmail: string, personId: string, boardId: string): Promise<number> {
  const token = (await services.tokens.create(testCaller('TEST_TOKEN'), adminEmail, 'test')).token;
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/people/${personId}/roles`,
    headers: { authorization: `Bearer ${token}` },
    payload: { role: 'board_member', boardId },
  });
  return res.statusCode;
}

for (const dialect of dialectsUnderTest()) {
  describe(`cross-board account takeover (${dialect})`, () => {
    test('pages: a board A administrator cannot take over a board B person by giving them a board A role', async (t) => {
      const { app, services, boardA, boardB, boardAdmin } = await adminWorld(t, dialect);
      const agencyB = await seedAgency(services, { boardIds: [boardB.id], nameEn: 'B Police' });
      // A business unit member of board B who has not enrolled in two-factor yet.
      const victim = await seedPerson(services, {
        fullName: 'Board B Worker',
        email: 'worker@b.example',
        agencyId: agencyB.id,
        roles: [{ role: 'business_unit', boardId: boardB.id }],
      });
      const referral = await seedReferral(services, boardB.id);
      const attacker = boardAdmin.browser;

      // 1. A board A role for the board B person, through the API (allowed: it gives the attacker nothing).
      assert.equal(await grantThroughApi(app, services, boardAdmin.person.email, victim.id, boardA.id), 201);
      // 2. Their page offers no change of details or invitation, and the edit pages are refused.
      const page = await attacker.get(`/admin/people/${victim.id}`);
      assert.equal(page.statusCode, 200, 'the person now holds a board A role, so board A may see them');
      assert.equal(page.$(`a[href="/admin/people/${victim.id}/edit"]`).length, 0, 'no "Change details"');
      assert.equal(page.$(`form[action="/admin/people/${victim.id}/invite"]`).length, 0, 'no invitation');
      assert.equal((await attacker.get(`/admin/people/${victim.id}/edit`)).statusCode, 403);
      // 3. Posting the forms anyway is refused by the service.
      const csrf = await attacker.csrfToken(`/admin/people/${victim.id}`);
      const edit = await attacker.post(`/admin/people/${victim.id}/edit`, {
        _csrf: csrf,
        fullName: 'Board B Worker',
        email: ATTACKER_EMAIL,
        agencyId: 'independent',
        language: 'en',
        confirmEmailChange: 'yes',
      });
      assert.equal(edit.statusCode, 403);
      const invite = await attacker.post(`/admin/people/${victim.id}/invite`, { _csrf: csrf });
      assert.equal(invite.statusCode, 403);

      // 4. Whatever the attacker tried, the account is still the victim's and no link exists to take it.
      assert.equal(await emailOf(services, victim.id), 'worker@b.example');
      assert.equal(await openInvitations(services, victim.id), 0);
      const link = invite.$('#invitation-link').val();
      const theirs = new Browser(app);
      if (typeof link === 'string' && link) {
        await theirs.submit(new URL(link).pathname, { password: ATTACKER_PASSWORD, confirmPassword: ATTACKER_PASSWORD });
      }
      await theirs.submit('/sign-in', { email: ATTACKER_EMAIL, password: ATTACKER_PASSWORD });
      const stolen = await theirs.get(`/boards/${boardB.id}/referrals/${referral.id}`);
      assert.notEqual(stolen.statusCode, 200, 'board B’s case material stays out of reach');
    });

    test('API: a board A administrator’s token cannot change or invite a board B person, even after a board A role', async (t) => {
      const { app, services, boardA, boardB } = await adminWorld(t, dialect);
      const agencyB = await seedAgency(services, { boardIds: [boardB.id] });
      const adminA = await seedPerson(services, { roles: [{ role: 'administrator', boardId: boardA.id }], totp: true });
      const token = (await services.tokens.create(testCaller('TEST_TOKEN'), adminA.email, 'test')).token;
      const victim = await seedPerson(services, { email: 'worker@b.example', agencyId: agencyB.id, roles: [{ role: 'business_unit', boardId: boardB.id }] });
      const call = (method: 'POST' | 'PUT', url: string, payload?: object) =>
        app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

      const role = await call('POST', `/api/v1/people/${victim.id}/roles`, { role: 'board_member', boardId: boardA.id });
      assert.equal(role.statusCode, 201, role.body);
      const put = await call('PUT', `/api/v1/people/${victim.id}`, {
        fullName: 'Renamed',
        email: ATTACKER_EMAIL,
        jobTitle: null,
        agencyId: null,
        language: 'en',
      });
      assert.equal(put.statusCode, 403, put.body);
      assert.match(String(put.headers['content-type']), /^application\/problem\+json/);
      const invite = await call('POST', `/api/v1/people/${victim.id}/invitation`);
      assert.equal(invite.statusCode, 403, invite.body);
      assert.equal(await emailOf(services, victim.id), 'worker@b.example');
      assert.equal(await openInvitations(services, victim.id), 0);
    });

    test('a person of another board’s agency, with no roles, given a board A role, is still not board A’s to change', async (t) => {
      const { app, services, boardA, boardB, boardAdmin } = await adminWorld(t, dialect);
      const agencyB = await seedAgency(services, { boardIds: [boardB.id] });
      const victim = await seedPerson(services, { email: 'new@b.example', agencyId: agencyB.id });
      const attacker = boardAdmin.browser;
      assert.equal(await grantThroughApi(app, services, boardAdmin.person.email, victim.id, boardA.id), 201);
      assert.equal((await attacker.get(`/admin/people/${victim.id}/edit`)).statusCode, 403);
      const csrf = await attacker.csrfToken(`/admin/people/${victim.id}`);
      assert.equal((await attacker.post(`/admin/people/${victim.id}/invite`, { _csrf: csrf })).statusCode, 403);
      assert.equal((await attacker.post(`/admin/people/${victim.id}/deactivate`, { _csrf: csrf })).statusCode, 403);
      assert.equal(await openInvitations(services, victim.id), 0);
    });

    test('a board administrator still changes the details of their own board’s people', async (t) => {
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect);
      const agencyA = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { fullName: 'Own Person', agencyId: agencyA.id, roles: [{ role: 'board_member', boardId: boardA.id }] });
      const page = await boardAdmin.browser.get(`/admin/people/${person.id}`);
      assert.equal(page.$(`a[href="/admin/people/${person.id}/edit"]`).length, 1);
      const saved = await boardAdmin.browser.submit(`/admin/people/${person.id}/edit`, {
        fullName: 'Own Person Renamed',
        email: person.email,
        agencyId: agencyA.id,
        language: 'cy',
      });
      assert.equal(saved.headers.location, `/admin/people/${person.id}`);
      const row = await services.db.kysely.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(row.full_name, 'Own Person Renamed');
    });
  });
}
