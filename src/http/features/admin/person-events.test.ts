// Finding 1 of issue 8: events about a person carried no board, so the information governance of the
// boards the person works on never saw their account being changed. Every event about a person is now
// recorded against every board they hold a role on (and the board acted on).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as cheerio from 'cheerio/slim';
import { adminWorld, seedAgency, signedIn } from '../../../testing/admin-fixtures.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const actionsShown = (res: { $: cheerio.CheerioAPI }) =>
  res
    .$('main table tbody tr')
    .map((_, tr) => res.$(tr).find('td').eq(2).find('code').text().trim())
    .get();

const ABOUT_THE_PERSON = [
  'PERSON_UPDATED',
  'EMAIL_CHANGE_REQUESTED',
  'ROLE_ASSIGNED',
  'ROLE_GRANT_REQUESTED',
  'ROLE_ENDED',
  'PERSON_DEACTIVATED',
  'PERSON_REACTIVATED',
  'INVITATION_CREATED',
];

for (const dialect of dialectsUnderTest()) {
  describe(`events about a person reach their boards’ information governance (${dialect})`, () => {
    test('a deployment administrator changes a board B person: board B’s information governance sees every event, board A’s none', async (t) => {
      const { app, services, clock, boardA, boardB, deploymentAdmin } = await adminWorld(t, dialect);
      const agencyB = await seedAgency(services, { boardIds: [boardB.id] });
      const igA = await signedIn(app, services, clock, [{ role: 'information_governance', boardId: boardA.id }]);
      const igB = await signedIn(app, services, clock, [{ role: 'information_governance', boardId: boardB.id }]);
      const person = await seedPerson(services, { fullName: 'Board B Person', agencyId: agencyB.id, roles: [{ role: 'business_unit', boardId: boardB.id }] });
      const newcomer = await seedPerson(services, {
        fullName: 'Board B Newcomer',
        agencyId: agencyB.id,
        password: false,
        roles: [{ role: 'board_member', boardId: boardB.id }],
      });
      const admin = deploymentAdmin.browser;

      await admin.submit(`/admin/people/${person.id}/edit`, {
        fullName: 'Board B Person Renamed',
        email: 'moved@example.org',
        agencyId: agencyB.id,
        language: 'en',
        confirmEmailChange: 'yes',
      });
      await admin.submit(`/admin/people/${person.id}/roles/new`, { role: 'board_member', boardId: boardB.id });
      await admin.submit(`/admin/people/${person.id}/roles/new`, { role: 'management_group_member', boardId: boardB.id });
      const page = await admin.get(`/admin/people/${person.id}`);
      const boardMemberEnd = page
        .$('main table tbody tr')
        .filter((_, tr) => /Board member/.test(page.$(tr).text()))
        .find('a[href$="/end"]')
        .attr('href');
      await admin.submit(boardMemberEnd ?? '', {});
      await admin.submit(`/admin/people/${person.id}/deactivate`, {});
      await admin.submit(`/admin/people/${person.id}`, {}, `form[action="/admin/people/${person.id}/reactivate"]`);
      await admin.submit(`/admin/people/${newcomer.id}`, {}, `form[action="/admin/people/${newcomer.id}/invite"]`);

      const seenByB = actionsShown(await igB.browser.get('/audit'));
      for (const action of ABOUT_THE_PERSON) assert.ok(seenByB.includes(action), `board B’s information governance sees ${action}`);
      const seenByA = actionsShown(await igA.browser.get('/audit'));
      for (const action of ABOUT_THE_PERSON) assert.ok(!seenByA.includes(action), `board A’s does not see ${action}`);

      const events = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', 'in', ABOUT_THE_PERSON).execute();
      assert.ok(events.length >= ABOUT_THE_PERSON.length);
      for (const e of events) {
        assert.equal(e.board_id, boardB.id, `${e.action} is recorded against board B`);
        assert.doesNotMatch(e.summary, /Renamed|moved@example\.org/, 'no names or addresses in the audit log');
      }
    });
  });
}
