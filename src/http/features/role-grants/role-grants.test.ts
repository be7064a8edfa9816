// Finding 3 of issue 8: administrators could grant themselves (or a second account they control) case
// roles and read case material. A case role granted by an administrator now waits, giving no access,
// until the board chair (information governance when the chair is concerned) confirms it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as cheerio from 'cheerio/slim';
import type { Services } from '../../../container.ts';
import { adminWorld, auditActions, seedAgency, signedIn } from '../../../testing/admin-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { decodeQuotedPrintable, smtpSink } from '../../../testing/smtp-sink.ts';
import { Browser, signIn } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const errorLinks = (res: { $: cheerio.CheerioAPI }) =>
  res
    .$('.govuk-error-summary__list a')
    .map((_, a) => `${res.$(a).attr('href')} ${res.$(a).text().trim()}`)
    .get();

async function grantStatus(services: Services, personId: string): Promise<string[]> {
  const rows = await services.db.kysely.selectFrom('role_grants').select(['role', 'status']).where('person_id', '=', personId).orderBy('granted_at').execute();
  return rows.map((r) => `${r.role} ${r.status}`);
}

async function apiToken(services: Services, email: string): Promise<string> {
  return (await services.tokens.create(testCaller('TEST_TOKEN'), email, 'test')).token;
}

for (const dialect of dialectsUnderTest()) {
  describe(`role grants waiting for confirmation (${dialect})`, () => {
    test('a board administrator gives a second account they control a case role: no access until the chair confirms it', async (t) => {
      const smtp = await smtpSink(t);
      const { app, services, clock, boardA, boardAdmin } = await adminWorld(t, dialect, { SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' });
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const chair = await signedIn(app, services, clock, [{ role: 'board_chair', boardId: boardA.id }], { fullName: 'Gwyn Cadeirydd' });
      await services.db.kysely.updateTable('people').set({ language: 'cy' }).where('id', '=', chair.person.id).execute();
      const sock = await seedPerson(services, { fullName: 'Sock Puppet', agencyId: agency.id, totp: true });
      const puppet = new Browser(app);
      await signIn(puppet, sock, clock);

      const added = await boardAdmin.browser.submit(`/admin/people/${sock.id}/roles/new`, { role: 'business_unit', boardId: boardA.id });
      assert.equal(added.headers.location, `/admin/people/${sock.id}`);
      const page = await boardAdmin.browser.get(`/admin/people/${sock.id}`);
      assert.match(page.$('.govuk-notification-banner').text(), /Role granted, waiting for the board’s confirmation: Business unit \(Sock Puppet\)/);
      assert.match(page.$('main table').text(), /Business unit\s+Waiting for confirmation/);
      assert.deepEqual(await grantStatus(services, sock.id), ['business_unit waiting']);
      assert.equal((await puppet.get(`/boards/${boardA.id}`)).statusCode, 403, 'the waiting role shows no case material');

      // The chair is told, in Welsh.
      await services.jobs.runDue();
      assert.equal(smtp.messages.length, 1);
      const message = decodeQuotedPrintable(smtp.messages[0] ?? '');
      assert.match(message, /Mae gweinyddwr wedi rhoi rôl i rywun, ac mae’r rôl yn aros i chi ei chadarnhau/);
      assert.match(message, /Uned fusnes/);
      assert.match(message, /http:\/\/case-review\.example\.org\/role-grants/);

      // The chair's list and decision page; errors in English and Welsh.
      const list = await chair.browser.get('/role-grants?lang=en');
      assert.equal(list.statusCode, 200);
      assert.match(list.$('main table').text(), /Sock Puppet[\s\S]*Business unit[\s\S]*Board A[\s\S]*Bea Admin/);
      const decide = list.$('main table a[href^="/role-grants/"]').attr('href') ?? '';
      const empty = await chair.browser.submit(decide, {});
      assert.equal(empty.statusCode, 400);
      assert.deepEqual(errorLinks(empty), ['#decision Select whether you confirm the role']);
      const noReason = await chair.browser.submit(`${decide}?lang=cy`, { decision: 'decline' });
      assert.match(noReason.$('title').text(), /^Gwall:/);
      assert.deepEqual(errorLinks(noReason), ['#reason Rhowch y rheswm pam rydych chi’n gwrthod y rôl']);
      assert.equal(noReason.$('input[name="decision"][value="decline"]').attr('checked'), 'checked', 'the choice is kept');
      await chair.browser.get('/role-grants?lang=en');
      assert.deepEqual(await grantStatus(services, sock.id), ['business_unit waiting']);

      const confirmed = await chair.browser.submit(decide, { decision: 'confirm' });
      assert.equal(confirmed.headers.location, '/role-grants');
      assert.deepEqual(await grantStatus(services, sock.id), ['business_unit confirmed']);
      assert.equal((await puppet.get(`/boards/${boardA.id}`)).statusCode, 200, 'confirmed: the role is in effect');
      const actions = await auditActions(services);
      for (const action of ['ROLE_GRANT_REQUESTED', 'ROLE_GRANTS_LISTED', 'ROLE_GRANT_VIEWED', 'ROLE_GRANT_CONFIRMED'])
        assert.ok(actions.includes(action), action);
    });

    test('a chair who is also an administrator cannot confirm their own grant; information governance does', async (t) => {
      const { app, services, clock, boardA } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const chairAdmin = await signedIn(app, services, clock, [
        { role: 'board_chair', boardId: boardA.id },
        { role: 'administrator', boardId: boardA.id },
      ]);
      const ig = await signedIn(app, services, clock, [{ role: 'information_governance', boardId: boardA.id }]);
      const person = await seedPerson(services, { fullName: 'Granted By Chair', agencyId: agency.id });
      await chairAdmin.browser.submit(`/admin/people/${person.id}/roles/new`, { role: 'management_group_member', boardId: boardA.id });
      const [grant] = await services.db.kysely.selectFrom('role_grants').select('id').where('person_id', '=', person.id).execute();
      assert.ok(grant);

      const view = await chairAdmin.browser.get(`/role-grants/${grant.id}`);
      assert.equal(view.statusCode, 200);
      assert.equal(view.$('form input[name="decision"]').length, 0, 'no decision form for the one who granted it');
      assert.match(view.$('main').text(), /Information governance/);
      const refused = await chairAdmin.browser.post(`/role-grants/${grant.id}`, {
        _csrf: await chairAdmin.browser.csrfToken('/role-grants'),
        decision: 'confirm',
      });
      assert.equal(refused.statusCode, 403);
      const token = await apiToken(services, chairAdmin.person.email);
      const api = await app.inject({ method: 'POST', url: `/api/v1/role-grants/${grant.id}/confirm`, headers: { authorization: `Bearer ${token}` } });
      assert.equal(api.statusCode, 403, api.body);
      assert.deepEqual(await grantStatus(services, person.id), ['management_group_member waiting']);

      const done = await ig.browser.submit(`/role-grants/${grant.id}`, { decision: 'confirm' });
      assert.equal(done.headers.location, '/role-grants');
      assert.deepEqual(await grantStatus(services, person.id), ['management_group_member confirmed']);
    });

    test('information governance confirms a role for the chair; the chair may not; a decline keeps its reason out of the audit log', async (t) => {
      const { app, services, clock, boardA, deploymentAdmin } = await adminWorld(t, dialect);
      const chair = await signedIn(app, services, clock, [{ role: 'board_chair', boardId: boardA.id }]);
      const ig = await signedIn(app, services, clock, [{ role: 'information_governance', boardId: boardA.id }]);
      const token = await apiToken(services, deploymentAdmin.person.email);
      const given = await app.inject({
        method: 'POST',
        url: `/api/v1/people/${chair.person.id}/roles`,
        headers: { authorization: `Bearer ${token}` },
        payload: { role: 'business_unit', boardId: boardA.id },
      });
      assert.equal(given.statusCode, 201, given.body);
      assert.equal(JSON.parse(given.body).status, 'waiting');
      const grantId = JSON.parse(given.body).id;

      const chairView = await chair.browser.get('/role-grants');
      assert.match(chairView.$('main table').text(), /View/, 'the chair sees it, without a decision');
      assert.equal(
        (await chair.browser.post(`/role-grants/${grantId}`, { _csrf: await chair.browser.csrfToken('/role-grants'), decision: 'confirm' })).statusCode,
        403,
      );

      const declined = await ig.browser.submit(`/role-grants/${grantId}`, { decision: 'decline', reason: 'The chair does not run reviews day to day.' });
      assert.equal(declined.headers.location, '/role-grants');
      assert.deepEqual(await grantStatus(services, chair.person.id), ['business_unit declined']);
      const row = await services.db.kysely.selectFrom('role_grants').selectAll().where('id', '=', grantId).executeTakeFirstOrThrow();
      assert.equal(row.decline_reason, 'The chair does not run reviews day to day.');
      const event = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'ROLE_GRANT_DECLINED').executeTakeFirstOrThrow();
      assert.equal(event.board_id, boardA.id);
      assert.doesNotMatch(event.summary, /day to day/);
      const roles = await services.db.kysely.selectFrom('role_assignments').select('role').where('person_id', '=', chair.person.id).execute();
      assert.deepEqual(
        roles.map((r) => r.role),
        ['board_chair'],
      );
    });

    test('no one grants themselves a role, through the pages or the API', async (t) => {
      const { app, services, boardA, boardAdmin, deploymentAdmin } = await adminWorld(t, dialect);
      for (const admin of [boardAdmin, deploymentAdmin]) {
        const own = await admin.browser.get(`/admin/people/${admin.person.id}`);
        assert.equal(own.$(`a[href="/admin/people/${admin.person.id}/roles/new"]`).length, 0, 'no "Add a role" on one’s own page');
        const form = await admin.browser.get(`/admin/people/${admin.person.id}/roles/new`);
        assert.equal(form.headers.location, `/admin/people/${admin.person.id}`);
        const csrf = await admin.browser.csrfToken(`/admin/people/${admin.person.id}`);
        const posted = await admin.browser.post(`/admin/people/${admin.person.id}/roles/new`, { _csrf: csrf, role: 'business_unit', boardId: boardA.id });
        assert.equal(posted.statusCode, 400);
        assert.deepEqual(errorLinks(posted), ['#role You cannot give yourself a role. Ask another administrator']);

        const token = await apiToken(services, admin.person.email);
        const api = await app.inject({
          method: 'POST',
          url: `/api/v1/people/${admin.person.id}/roles`,
          headers: { authorization: `Bearer ${token}` },
          payload: { role: 'business_unit', boardId: boardA.id },
        });
        assert.equal(api.statusCode, 422, api.body);
        assert.equal(JSON.parse(api.body).errors[0].code, 'role.self');
      }
      const granted = await services.db.kysely.selectFrom('role_grants').select('id').execute();
      assert.equal(granted.length, 0);
      assert.ok(!(await auditActions(services)).includes('ROLE_ASSIGNED'));
    });

    test('a board chair is appointed by a deployment administrator only, at once', async (t) => {
      const { app, services, boardA, boardAdmin, deploymentAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { fullName: 'Next Chair', agencyId: agency.id });
      const url = `/admin/people/${person.id}/roles/new`;
      const form = await boardAdmin.browser.get(url);
      assert.equal(form.$('input[name="role"][value="board_chair"]').length, 0, 'not offered to a board administrator');
      const refused = await boardAdmin.browser.submit(url, { role: 'board_chair', boardId: boardA.id });
      assert.equal(refused.statusCode, 400);
      const token = await apiToken(services, boardAdmin.person.email);
      const api = await app.inject({
        method: 'POST',
        url: `/api/v1/people/${person.id}/roles`,
        headers: { authorization: `Bearer ${token}` },
        payload: { role: 'board_chair', boardId: boardA.id },
      });
      assert.equal(api.statusCode, 403, api.body);

      assert.equal((await deploymentAdmin.browser.get(url)).$('input[name="role"][value="board_chair"]').length, 1);
      const appointed = await deploymentAdmin.browser.submit(url, { role: 'board_chair', boardId: boardA.id });
      assert.equal(appointed.headers.location, `/admin/people/${person.id}`);
      const roles = await services.db.kysely.selectFrom('role_assignments').select('role').where('person_id', '=', person.id).execute();
      assert.deepEqual(
        roles.map((r) => r.role),
        ['board_chair'],
      );
      assert.equal((await deploymentAdmin.browser.get('/role-grants')).statusCode, 403, 'a deployment administrator confirms nothing');
    });

    test('ending a role, or withdrawing a grant still waiting, takes effect at once', async (t) => {
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { fullName: 'Withdrawn Person', agencyId: agency.id });
      await boardAdmin.browser.submit(`/admin/people/${person.id}/roles/new`, { role: 'agency_referrer', boardId: boardA.id });
      const page = await boardAdmin.browser.get(`/admin/people/${person.id}`);
      const withdraw = page.$('main table a[href$="/end"]');
      assert.match(withdraw.text(), /^Withdraw/);
      const confirm = await boardAdmin.browser.get(withdraw.attr('href') ?? '');
      assert.equal(confirm.$('h1').text().trim(), 'Are you sure you want to withdraw the role Agency referrer granted to Withdrawn Person?');
      const done = await boardAdmin.browser.submit(withdraw.attr('href') ?? '', {});
      assert.equal(done.headers.location, `/admin/people/${person.id}`);
      assert.deepEqual(await grantStatus(services, person.id), ['agency_referrer withdrawn']);
      assert.ok((await auditActions(services)).includes('ROLE_GRANT_WITHDRAWN'));
    });

    test('API: the chair lists, confirms and declines grants; information governance sees them too', async (t) => {
      const { app, services, clock, boardA, boardB, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const chair = await seedPerson(services, { roles: [{ role: 'board_chair', boardId: boardA.id }], totp: true });
      const ig = await signedIn(app, services, clock, [{ role: 'information_governance', boardId: boardA.id }]);
      const one = await seedPerson(services, { fullName: 'One', agencyId: agency.id });
      const two = await seedPerson(services, { fullName: 'Two', agencyId: agency.id });
      const admin = { authorization: `Bearer ${await apiToken(services, boardAdmin.person.email)}` };
      const chairHeaders = { authorization: `Bearer ${await apiToken(services, chair.email)}` };
      for (const p of [one, two]) {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/people/${p.id}/roles`,
          headers: admin,
          payload: { role: 'management_group_member', boardId: boardA.id },
        });
        assert.equal(res.statusCode, 201, res.body);
      }
      const listed = await app.inject({ method: 'GET', url: '/api/v1/role-grants', headers: chairHeaders });
      assert.equal(listed.statusCode, 200, listed.body);
      const grants = JSON.parse(listed.body).grants as { id: string; personName: string; canDecide: boolean; confirmedBy: string }[];
      assert.deepEqual(
        grants.map((g) => [g.personName, g.canDecide, g.confirmedBy]),
        [
          ['One', true, 'board_chair'],
          ['Two', true, 'board_chair'],
        ],
      );
      assert.equal((await app.inject({ method: 'GET', url: `/api/v1/role-grants?boardId=${boardB.id}`, headers: chairHeaders })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/role-grants', headers: admin })).statusCode, 403, 'not for administrators');
      const igList = await ig.browser.get('/role-grants');
      assert.match(igList.$('main table').text(), /One[\s\S]*Two/, 'information governance sees every case-role grant');

      const [first, second] = grants;
      const confirmed = await app.inject({ method: 'POST', url: `/api/v1/role-grants/${first?.id}/confirm`, headers: chairHeaders });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.equal(JSON.parse(confirmed.body).status, 'active');
      assert.equal(JSON.parse(confirmed.body).id, first?.id, 'the role keeps the grant’s id');
      const again = await app.inject({ method: 'POST', url: `/api/v1/role-grants/${first?.id}/confirm`, headers: chairHeaders });
      assert.equal(again.statusCode, 404, 'decided once');
      const noReason = await app.inject({ method: 'POST', url: `/api/v1/role-grants/${second?.id}/decline`, headers: chairHeaders, payload: { reason: ' ' } });
      assert.equal(noReason.statusCode, 400, noReason.body);
      const declined = await app.inject({
        method: 'POST',
        url: `/api/v1/role-grants/${second?.id}/decline`,
        headers: chairHeaders,
        payload: { reason: 'Not on the management group.' },
      });
      assert.equal(declined.statusCode, 204, declined.body);
      assert.deepEqual(await grantStatus(services, one.id), ['management_group_member confirmed']);
      assert.deepEqual(await grantStatus(services, two.id), ['management_group_member declined']);
      const roles = await app.inject({ method: 'GET', url: `/api/v1/people/${two.id}/roles`, headers: admin });
      assert.deepEqual(JSON.parse(roles.body).roles, []);
    });

    test('two administrators grant the same role at the same moment: one grant waits, the other is told the person already has it', async (t) => {
      const { app, services, clock, boardA, boardAdmin } = await adminWorld(t, dialect);
      const second = await signedIn(app, services, clock, [{ role: 'administrator', boardId: boardA.id }], { fullName: 'Second Admin' });
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { fullName: 'Twice Granted', agencyId: agency.id });
      const tokens = [await apiToken(services, boardAdmin.person.email), await apiToken(services, second.person.email)];
      const answers = await Promise.all(
        [...tokens, ...tokens].map((token) =>
          app.inject({
            method: 'POST',
            url: `/api/v1/people/${person.id}/roles`,
            headers: { authorization: `Bearer ${token}` },
            payload: { role: 'business_unit', boardId: boardA.id },
          }),
        ),
      );
      // One is granted; each other is refused with the same clear answer, whether its check saw the grant
      // (422) or the database's unique index stopped it (409 on PostgreSQL): never a 500.
      assert.equal(answers.filter((a) => a.statusCode === 201).length, 1);
      for (const refused of answers.filter((a) => a.statusCode !== 201)) {
        assert.ok([409, 422].includes(refused.statusCode), refused.body);
        assert.deepEqual(
          (refused.json() as { errors: { field: string; code: string }[] }).errors.map((e) => [e.field, e.code]),
          [['role', 'role.duplicate']],
        );
      }
      assert.deepEqual(await grantStatus(services, person.id), ['business_unit waiting']);
    });
  });
}
