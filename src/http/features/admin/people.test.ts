import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as cheerio from 'cheerio/slim';
import { adminWorld, auditActions, seedAgency, signedIn } from '../../../testing/admin-fixtures.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { Browser, signIn } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const errorLinks = (res: { $: cheerio.CheerioAPI }) =>
  res
    .$('.govuk-error-summary__list a')
    .map((_, a) => ({ text: res.$(a).text().trim(), href: res.$(a).attr('href') }))
    .get();

for (const dialect of dialectsUnderTest()) {
  describe(`admin: people (${dialect})`, () => {
    test('an administrator adds a person in an agency through check answers, then sees them', async (t) => {
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id], nameEn: 'A Police' });
      const browser = boardAdmin.browser;
      await browser.get('/admin/people/new');
      let res = await browser.submit('/admin/people/new/details', {
        fullName: 'Rhian Evans',
        email: 'Rhian.Evans@Example.org',
        jobTitle: 'Detective Inspector',
        agencyId: agency.id,
        language: 'cy',
      });
      assert.equal(res.headers.location, '/admin/people/new/check-answers');
      const check = await browser.get('/admin/people/new/check-answers');
      const text = check.$('.govuk-summary-list').text().replace(/\s+/g, ' ');
      assert.match(text, /rhian\.evans@example\.org/);
      assert.match(text, /A Police/);
      assert.match(text, /Welsh \(Cymraeg\)/);
      const change = check.$('#change-jobTitle').attr('href') ?? '';
      assert.equal(change, '/admin/people/new/details?returnTo=check-answers');
      res = await browser.submit(change, { fullName: 'Rhian Evans', email: 'rhian.evans@example.org', jobTitle: '', agencyId: agency.id, language: 'cy' });
      assert.equal(res.headers.location, '/admin/people/new/check-answers');
      assert.match((await browser.get('/admin/people/new/check-answers')).$('.govuk-summary-list').text(), /Not given/);

      const created = await browser.submit('/admin/people/new/check-answers', {});
      const row = await services.db.kysely.selectFrom('people').selectAll().where('email', '=', 'rhian.evans@example.org').executeTakeFirstOrThrow();
      assert.equal(created.headers.location, `/admin/people/${row.id}`);
      assert.equal(row.job_title, null);
      assert.equal(row.language, 'cy');
      const page = await browser.get(`/admin/people/${row.id}`);
      assert.equal(page.$('h1').text().trim(), 'Rhian Evans');
      assert.match(page.$('.govuk-notification-banner').text(), /Send them an invitation/);
      assert.equal(page.$(`form[action="/admin/people/${row.id}/invite"] button`).text().trim(), 'Send invitation');
      const event = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'PERSON_CREATED').executeTakeFirstOrThrow();
      assert.equal(event.record_id, row.id);
      assert.doesNotMatch(event.summary, /Rhian|example\.org/, 'no personal data in the audit summary');
    });

    test('an independent person needs a board and first role from a board administrator, and stays visible (the role waiting)', async (t) => {
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect);
      const browser = boardAdmin.browser;
      await browser.get('/admin/people/new');
      const missing = await browser.submit('/admin/people/new/details', {
        fullName: 'Ind Chair',
        email: 'chair@example.org',
        agencyId: 'independent',
        language: 'en',
      });
      assert.equal(missing.statusCode, 400);
      assert.deepEqual(errorLinks(missing), [
        { text: 'Select the board an independent person will work with', href: '#boardId' },
        { text: "Select the independent person's first role", href: '#initialRole' },
      ]);
      assert.equal(missing.$('#agencyId option[selected]').val(), 'independent');
      await browser.submit('/admin/people/new/details', {
        fullName: 'Ind Chair',
        email: 'chair@example.org',
        agencyId: 'independent',
        language: 'en',
        boardId: boardA.id,
        initialRole: 'management_group_member',
      });
      const check = await browser.get('/admin/people/new/check-answers');
      assert.match(check.$('.govuk-summary-list').text(), /Management group member/);
      const created = await browser.submit('/admin/people/new/check-answers', {});
      const page = await browser.get(created.headers.location ?? '');
      assert.equal(page.statusCode, 200);
      assert.match(page.$('main table').text(), /Management group member\s+Waiting for confirmation/, 'a first case role waits like any other');
      const actions = await auditActions(services);
      assert.ok(actions.includes('PERSON_CREATED'));
      assert.ok(actions.includes('ROLE_GRANT_REQUESTED'));
      const roles = await services.db.kysely
        .selectFrom('role_assignments')
        .select('id')
        .where('person_id', '=', created.headers.location?.split('/').pop() ?? '')
        .execute();
      assert.equal(roles.length, 0, 'no role in effect until the chair confirms it');
    });

    test('invalid details: error summary (English and Welsh), values kept, nothing written', async (t) => {
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      await seedPerson(services, { email: 'taken@example.org', agencyId: agency.id });
      const before = (await services.db.kysely.selectFrom('people').selectAll().execute()).length;
      const browser = boardAdmin.browser;
      await browser.get('/admin/people/new');
      const res = await browser.submit('/admin/people/new/details', { fullName: '', email: 'not-an-email', jobTitle: 'Nurse', agencyId: '', language: '' });
      assert.equal(res.statusCode, 400);
      assert.match(res.$('title').text(), /^Error: Add a person/);
      assert.deepEqual(errorLinks(res), [
        { text: "Enter the person's full name", href: '#fullName' },
        { text: 'Enter an email address in the correct format, like name@example.org', href: '#email' },
        { text: "Select the person's agency, or independent", href: '#agencyId' },
        { text: 'Select the language for emails to the person', href: '#language' },
      ]);
      assert.equal(res.$('#email').val(), 'not-an-email');
      assert.equal(res.$('#jobTitle').val(), 'Nurse');
      const taken = await browser.submit('/admin/people/new/details', { fullName: 'Someone', email: 'TAKEN@example.org', agencyId: agency.id, language: 'en' });
      assert.deepEqual(errorLinks(taken), [{ text: 'Someone already uses this email address', href: '#email' }]);
      const cy = await browser.submit('/admin/people/new/details?lang=cy', { fullName: 'Rhywun', email: '', agencyId: agency.id, language: 'cy' });
      assert.match(cy.$('title').text(), /^Gwall: Ychwanegu unigolyn/);
      assert.deepEqual(
        errorLinks(cy).map((e) => e.text),
        ['Rhowch gyfeiriad e-bost'],
      );
      assert.equal((await services.db.kysely.selectFrom('people').selectAll().execute()).length, before);
      assert.ok(!(await auditActions(services)).includes('PERSON_CREATED'));
    });

    test('search, board filter and pagination (Welsh previous and next)', async (t) => {
      const { services, boardA, boardB, boardAdmin } = await adminWorld(t, dialect);
      const agencyA = await seedAgency(services, { boardIds: [boardA.id] });
      const agencyB = await seedAgency(services, { boardIds: [boardB.id] });
      for (let i = 0; i < 30; i++) await seedPerson(services, { fullName: `Member ${String(i).padStart(2, '0')}`, agencyId: agencyA.id });
      await seedPerson(services, { fullName: 'Other Board Person', email: 'other@example.org', agencyId: agencyB.id });
      const browser = boardAdmin.browser;

      const first = await browser.get('/admin/people');
      assert.equal(first.$('main table tbody tr').length, 25);
      assert.doesNotMatch(first.$('main table').text(), /Other Board Person/);
      assert.match(first.$('caption').text(), /People found: 31/, 'thirty members and the board administrator');
      const agencyCells = (page: typeof first) =>
        page
          .$('main table tbody td:nth-of-type(2)')
          .map((_, td) => page.$(td).text().trim())
          .get();
      assert.ok(agencyCells(first).includes(agencyA.nameEn), 'each person’s agency is named');
      const next = first.$('.govuk-pagination__next a').attr('href') ?? '';
      assert.equal(next, '/admin/people?page=2');
      const second = await browser.get(`${next}&lang=cy`);
      assert.equal(second.$('main table tbody tr').length, 6);
      assert.match(second.$('.govuk-pagination__prev').text(), /Blaenorol/);
      assert.ok(agencyCells(second).includes(agencyA.nameCy), 'in Welsh, by its Welsh name');
      await browser.get('/admin/people?lang=en');

      const search = await browser.get('/admin/people?q=member+2');
      assert.deepEqual(
        search
          .$('main table tbody th')
          .map((_, th) => search.$(th).text().trim())
          .get(),
        ['Member 20', 'Member 21', 'Member 22', 'Member 23', 'Member 24', 'Member 25', 'Member 26', 'Member 27', 'Member 28', 'Member 29'],
      );
      assert.equal(search.$('#q').val(), 'member 2');
      const byEmail = await browser.get('/admin/people?q=other%40example');
      assert.equal(byEmail.$('main table tbody tr').length, 0, 'people of other boards are not found');
      const filtered = await browser.get(`/admin/people?boardId=${boardA.id}&q=Member+0`);
      assert.equal(filtered.$('main table tbody tr').length, 10);
    });

    test('edit a person; another board’s person is not found', async (t) => {
      const { services, boardA, boardB, boardAdmin } = await adminWorld(t, dialect);
      const agencyA = await seedAgency(services, { boardIds: [boardA.id] });
      const agencyB = await seedAgency(services, { boardIds: [boardB.id] });
      const person = await seedPerson(services, { fullName: 'Edit Me', email: 'edit@example.org', agencyId: agencyA.id });
      const stranger = await seedPerson(services, { fullName: 'Stranger', agencyId: agencyB.id });
      const browser = boardAdmin.browser;
      for (const url of [`/admin/people/${stranger.id}`, `/admin/people/${stranger.id}/edit`, `/admin/people/${stranger.id}/deactivate`]) {
        assert.equal((await browser.get(url)).statusCode, 404, url);
      }
      const form = await browser.get(`/admin/people/${person.id}/edit`);
      assert.equal(form.$('#fullName').val(), 'Edit Me');
      const bad = await browser.submit(`/admin/people/${person.id}/edit`, { fullName: 'Edited', email: '', agencyId: agencyA.id, language: 'en' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.$('#fullName').val(), 'Edited');
      const ok = await browser.submit(`/admin/people/${person.id}/edit`, {
        fullName: 'Edited Name',
        email: 'edit@example.org',
        jobTitle: 'Manager',
        agencyId: agencyA.id,
        language: 'en',
      });
      assert.equal(ok.headers.location, `/admin/people/${person.id}`);
      const row = await services.db.kysely.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(row.full_name, 'Edited Name');
      assert.equal(row.job_title, 'Manager');
      const event = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'PERSON_UPDATED').executeTakeFirstOrThrow();
      assert.match(event.summary, /fullName/);
    });

    test('deactivating asks first, signs the person out at once, and can be undone', async (t) => {
      const { app, services, clock, boardA, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { fullName: 'Leaving Soon', agencyId: agency.id, roles: [{ role: 'board_member', boardId: boardA.id }] });
      const theirs = new Browser(app);
      await signIn(theirs, person, clock);
      assert.equal((await theirs.get('/')).statusCode, 200);

      const browser = boardAdmin.browser;
      const confirm = await browser.get(`/admin/people/${person.id}/deactivate`);
      assert.equal(confirm.$('h1').text().trim(), 'Are you sure you want to deactivate Leaving Soon?');
      const done = await browser.submit(`/admin/people/${person.id}/deactivate`, {});
      assert.equal(done.headers.location, `/admin/people/${person.id}`);
      const after = await theirs.get('/');
      assert.equal(after.statusCode, 302);
      assert.equal(after.headers.location, '/sign-in');
      const page = await browser.get(`/admin/people/${person.id}`);
      assert.match(page.$('main').text(), /Deactivated/);
      assert.ok((await auditActions(services)).includes('PERSON_DEACTIVATED'));

      await browser.submit(`/admin/people/${person.id}`, {}, `form[action="/admin/people/${person.id}/reactivate"]`);
      const row = await services.db.kysely.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(row.deactivated_at, null);
      assert.ok((await auditActions(services)).includes('PERSON_REACTIVATED'));
      assert.equal((await services.db.kysely.selectFrom('people').selectAll().where('id', '=', person.id).execute()).length, 1, 'never deleted');
    });

    test('administrators cannot deactivate themselves; business unit users are refused', async (t) => {
      const { app, services, clock, boardA, deploymentAdmin } = await adminWorld(t, dialect);
      const self = await deploymentAdmin.browser.submit(`/admin/people/${deploymentAdmin.person.id}/deactivate`, {});
      assert.equal(self.statusCode, 400);
      assert.deepEqual(errorLinks(self), [{ text: 'You cannot deactivate yourself. Ask another administrator', href: '#confirm' }]);
      assert.ok(!(await auditActions(services)).includes('PERSON_DEACTIVATED'));

      const businessUnit = await signedIn(app, services, clock, [{ role: 'business_unit', boardId: boardA.id }]);
      assert.equal((await businessUnit.browser.get('/admin/people/new/details')).statusCode, 403);
      assert.equal((await businessUnit.browser.get(`/admin/people/${deploymentAdmin.person.id}`)).statusCode, 403);
    });
  });
}
