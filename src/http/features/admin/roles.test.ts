import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as cheerio from 'cheerio/slim';
import { BOARD_ROLES } from '../../../domain/roles.ts';
import { exists, translator } from '../../../i18n.ts';
import { adminWorld, auditActions, seedAgency } from '../../../testing/admin-fixtures.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const errorLinks = (res: { $: cheerio.CheerioAPI }) =>
  res
    .$('.govuk-error-summary__list a')
    .map((_, a) => ({ text: res.$(a).text().trim(), href: res.$(a).attr('href') }))
    .get();

const options = (res: { $: cheerio.CheerioAPI }, selector: string) =>
  res
    .$(selector)
    .map((_, o) => res.$(o).attr('value'))
    .get();

for (const dialect of dialectsUnderTest()) {
  describe(`admin: role assignments (${dialect})`, () => {
    test('every role offered has its name and hint in English and Welsh, never a raw key such as roleHints.agency_referrer', async (t) => {
      const { services, boardA, deploymentAdmin } = await adminWorld(t, dialect);
      const person = await seedPerson(services, { agencyId: (await seedAgency(services, { boardIds: [boardA.id] })).id });
      for (const lang of ['en', 'cy'] as const) {
        const form = await deploymentAdmin.browser.get(`/admin/people/${person.id}/roles/new?lang=${lang}`);
        assert.equal(form.statusCode, 200);
        const offered = options(form, 'input[name="role"]');
        assert.deepEqual(offered, [...BOARD_ROLES], 'a deployment administrator is offered every board role');
        for (const role of offered) {
          const id = form.$(`input[name="role"][value="${role}"]`).attr('id') ?? '';
          const label = form.$(`label[for="${id}"]`).text().trim();
          const hint = form.$(`#${id}-item-hint`).text().trim();
          assert.equal(label, translator(lang)(`common:roles.${role}`), `${lang} ${role}`);
          assert.ok(hint.startsWith(translator(lang)(`admin:roleHints.${role}`)), `${lang} ${role}: ${hint}`);
          assert.ok(exists(`admin:roleHints.${role}`, lang), `${lang} ${role} has a hint`);
          assert.doesNotMatch(`${label} ${hint}`, /roleHints|roles\.|admin:|common:/, `${lang} ${role}: no raw key`);
        }
      }
    });

    test('a board administrator adds a role on their board, is told of duplicates, and ends it', async (t) => {
      const { services, boardA, boardB, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { fullName: 'Role Holder', agencyId: agency.id });
      const other = await seedPerson(services, { agencyId: (await seedAgency(services, { boardIds: [boardB.id] })).id });
      const browser = boardAdmin.browser;
      const url = `/admin/people/${person.id}/roles/new`;

      const form = await browser.get(url);
      assert.equal(form.$('h1').text().trim(), 'Add a role');
      assert.deepEqual(options(form, '#boardId option'), ['', boardA.id], 'only boards where they manage roles; never deployment-wide');
      assert.equal(form.$('label[for="role"]').text().trim(), 'Administrator', 'role names are translated');

      const empty = await browser.submit(url, {});
      assert.equal(empty.statusCode, 400);
      assert.deepEqual(errorLinks(empty), [
        { text: 'Select a role', href: '#role' },
        { text: 'Select a board. Only the administrator role can apply to all boards', href: '#boardId' },
      ]);
      const stranger = await browser.submit(url, { role: 'board_member', boardId: boardB.id });
      assert.deepEqual(errorLinks(stranger), [{ text: 'Select a board from the list', href: '#boardId' }]);
      assert.equal(stranger.$('input[name="role"][value="board_member"]').attr('checked'), 'checked', 'the choice is kept');
      assert.ok(!(await auditActions(services)).includes('ROLE_ASSIGNED'));

      const added = await browser.submit(url, { role: 'board_member', boardId: boardA.id });
      assert.equal(added.headers.location, `/admin/people/${person.id}`);
      const page = await browser.get(`/admin/people/${person.id}`);
      assert.match(page.$('.govuk-notification-banner').text(), /Role added: Board member \(Role Holder\)/);
      assert.match(page.$('main table').first().text(), /Board member/);
      const event = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'ROLE_ASSIGNED').executeTakeFirstOrThrow();
      assert.equal(event.board_id, boardA.id);

      const duplicate = await browser.submit(url, { role: 'board_member', boardId: boardA.id });
      assert.equal(duplicate.statusCode, 400);
      assert.deepEqual(errorLinks(duplicate), [{ text: 'The person already has this role on this board', href: '#role' }]);
      const cy = await browser.submit(`${url}?lang=cy`, { role: 'board_member', boardId: boardA.id });
      assert.deepEqual(
        errorLinks(cy).map((e) => e.text),
        ['Mae gan yr unigolyn y rôl hon ar y bwrdd hwn eisoes'],
      );
      await browser.get(`/admin/people/${person.id}?lang=en`);

      const endHref = page.$('main table a[href$="/end"]').attr('href') ?? '';
      const confirm = await browser.get(endHref);
      assert.equal(confirm.$('h1').text().trim(), 'Are you sure you want to end the role Board member for Role Holder?');
      const ended = await browser.submit(endHref, {});
      assert.equal(ended.headers.location, `/admin/people/${person.id}`);
      const roles = await services.db.kysely.selectFrom('role_assignments').selectAll().where('person_id', '=', person.id).execute();
      assert.equal(roles.length, 1, 'the assignment is kept');
      assert.ok(roles[0]?.ended_at);
      assert.ok((await auditActions(services)).includes('ROLE_ENDED'));

      assert.equal((await browser.get(`/admin/people/${other.id}/roles/new`)).statusCode, 404, 'another board’s person');
    });

    test('deployment-wide administrator: only deployment administrators grant it; the last one cannot be removed', async (t) => {
      const { services, boardA, boardAdmin, deploymentAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { fullName: 'Next Admin', agencyId: agency.id });
      const browser = deploymentAdmin.browser;
      const url = `/admin/people/${person.id}/roles/new`;
      const form = await browser.get(url);
      assert.equal(options(form, '#boardId option')[1], 'deployment');

      const wrong = await browser.submit(url, { role: 'board_member', boardId: 'deployment' });
      assert.deepEqual(errorLinks(wrong), [{ text: 'Select a board. Only the administrator role can apply to all boards', href: '#boardId' }]);

      // The only deployment administrator cannot end their own deployment-wide role.
      const own = await browser.get(`/admin/people/${deploymentAdmin.person.id}`);
      const endOwn = own.$('main table a[href$="/end"]').attr('href') ?? '';
      const refused = await browser.submit(endOwn, {});
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(errorLinks(refused), [
        { text: 'This is the only service administrator. Make someone else a service administrator first', href: '#confirm' },
      ]);

      // The board administrator sees no way to end it, and the address is not found for them.
      const seenByBoardAdmin = await boardAdmin.browser.get(`/admin/people/${deploymentAdmin.person.id}`);
      if (seenByBoardAdmin.statusCode === 200) assert.equal(seenByBoardAdmin.$('main table a[href$="/end"]').length, 0);
      assert.equal((await boardAdmin.browser.get(endOwn)).statusCode, 404);

      const granted = await browser.submit(url, { role: 'administrator', boardId: 'deployment' });
      assert.equal(granted.headers.location, `/admin/people/${person.id}`);
      const ended = await browser.submit(endOwn, {});
      assert.equal(ended.statusCode, 302, 'with a second deployment administrator, the first may step down');
    });
  });
}
