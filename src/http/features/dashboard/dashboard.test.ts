import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { as, callerWithRole, codeOf, referralInput } from '../../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`board dashboard and settings (${dialect})`, () => {
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const clock = new TestClock(new Date('2026-11-27T09:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const creator = await callerWithRole(services, 'business_unit', board.id);
      // Child A: received in October, long overdue. Child B: received last week.
      const old = await services.referrals.create(
        as(creator, 'REFERRAL_CREATED'),
        referralInput(board.id, {
          receivedOn: '2026-10-01',
          incidentOn: '2026-09-28',
          incidentType: 'life_threatening_injury',
          child: { fullName: null, dateOfBirthOn: null, address: null, isDeceased: false },
        }),
      );
      const recent = await services.referrals.create(as(creator, 'REFERRAL_CREATED'), referralInput(board.id));
      const viewer = await seedPerson(services, { roles: [{ role: 'management_group_member', boardId: board.id }], totp: true });
      const browser = new Browser(app);
      await signIn(browser, viewer, clock);
      return { app, services, clock, board, old, recent, browser };
    }

    test('lists referrals awaiting a decision with their clocks and an overdue tag; filters and sort work without JavaScript', async (t) => {
      const { board, old, recent, browser } = await setup(t);
      const home = await browser.get('/');
      assert.equal(home.$(`main a[href="/boards/${board.id}"]`).text().trim(), 'Referrals and their deadlines (Test Safeguarding Children Board)');

      const page = await browser.get(`/boards/${board.id}`);
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text().trim(), 'Referrals awaiting decision');
      const rows = page.$('tbody tr');
      assert.equal(rows.length, 2);
      const byChild = (code: string) => rows.filter((_, el) => page.$(el).find('th a').text().trim() === code);
      const a = byChild(codeOf(old));
      assert.equal(a.find('th a').attr('href'), `/boards/${board.id}/referrals/${old.id}`);
      assert.equal(a.find('td .govuk-tag').first().text().trim(), 'Referred');
      assert.equal(a.find('.govuk-tag--red').text().trim(), 'Overdue');
      assert.match(a.text(), /Potentially life-threatening injury/);
      // 28 September to 27 November 2026: 60 calendar days (8 weeks 4 days), 44 working days (no bank holiday between).
      assert.match(a.find('td').eq(3).text(), /^44 working days \(8 weeks 4 days\) of 4 weeks$/);
      assert.match(a.find('td').eq(5).text(), /26 October 2026/);
      const b = byChild(codeOf(recent));
      assert.equal(b.find('.govuk-tag--red').length, 0);
      assert.match(b.find('td').eq(4).text(), /^5 working days \(1 week\) of 4 weeks$/);

      const overdue = await browser.get(`/boards/${board.id}?overdue=yes`);
      assert.deepEqual(
        overdue
          .$('tbody th a')
          .map((_, el) => overdue.$(el).text().trim())
          .get(),
        [codeOf(old)],
      );
      assert.equal(overdue.$('input[name="overdue"]').attr('checked'), 'checked', 'the filter is kept');

      const deaths = await browser.get(`/boards/${board.id}?incidentType=death`);
      assert.deepEqual(
        deaths
          .$('tbody th a')
          .map((_, el) => deaths.$(el).text().trim())
          .get(),
        [codeOf(recent)],
      );

      const decided = await browser.get(`/boards/${board.id}?status=decided_proceed`);
      assert.equal(decided.$('tbody tr').length, 0);
      assert.equal(decided.$('main p.govuk-body').last().text().trim(), 'No referrals match.');

      const byIncident = await browser.get(`/boards/${board.id}?sort=due`);
      assert.deepEqual(
        byIncident
          .$('tbody th a')
          .map((_, el) => byIncident.$(el).text().trim())
          .get(),
        [codeOf(old), codeOf(recent)],
      );

      const welsh = await browser.get(`/boards/${board.id}?lang=cy`);
      assert.equal(welsh.$('h1').text().trim(), 'Atgyfeiriadau sy’n aros am benderfyniad');
      assert.match(welsh.$('tbody').text(), /44 diwrnod gwaith \(8 wythnos 4 diwrnod\) o 4 wythnos/);
      assert.match(welsh.$('tbody').text(), /Yn hwyr/);
    });

    test('pages of 50 with Welsh pagination', async (t) => {
      const { services, board, browser } = await setup(t);
      const creator = await callerWithRole(services, 'business_unit', board.id);
      for (let i = 0; i < 50; i++)
        await services.referrals.create(
          as(creator, 'REFERRAL_CREATED'),
          referralInput(board.id, { child: { fullName: null, dateOfBirthOn: null, address: null, isDeceased: true } }),
        );
      const first = await browser.get(`/boards/${board.id}?lang=cy`);
      assert.equal(first.$('tbody tr').length, 50);
      assert.equal(first.$('.govuk-pagination').attr('aria-label'), 'Tudalennau o atgyfeiriadau');
      assert.match(first.$('.govuk-pagination__next').text(), /Nesaf|Next/);
      const second = await browser.get(`/boards/${board.id}?sort=received_on&page=2`);
      assert.equal(second.$('tbody tr').length, 2);
    });

    test('a board administrator changes the decision targets; problems are shown and nothing is saved', async (t) => {
      const { app, services, clock, board } = await setup(t);
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: board.id }], totp: true });
      const browser = new Browser(app);
      await signIn(browser, admin, clock);
      const form = await browser.get(`/boards/${board.id}/settings`);
      assert.equal(form.statusCode, 200);
      assert.match(form.$('#fromIncident-hint').text(), /4 weeks/);
      assert.equal((await browser.get(`/boards/${board.id}`)).statusCode, 403, 'an administrator does not see case material');

      const bad = await browser.submit(`/boards/${board.id}/settings`, { fromIncident: '60', fromReferral: '', holidayRegion: 'wales' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.$('.govuk-error-summary__list a').text().trim(), 'Enter a whole number of weeks from 1 to 52');
      assert.equal(bad.$('.govuk-error-summary__list a').attr('href'), '#fromIncident');
      assert.equal(bad.$('#fromIncident').val(), '60');
      assert.equal(await services.db.kysely.selectFrom('board_settings').selectAll().executeTakeFirst(), undefined);

      const saved = await browser.submit(`/boards/${board.id}/settings`, { fromIncident: '2', fromReferral: '', holidayRegion: 'england' });
      assert.equal(saved.statusCode, 302);
      const settings = await services.consideration.settings(board.id);
      assert.deepEqual(settings, { boardId: board.id, holidayRegion: 'england', decisionWeeksFromIncident: 2, decisionWeeksFromReferral: null });
      const audit = await services.db.kysely.selectFrom('audit_events').select('action').where('action', '=', 'BOARD_SETTINGS_UPDATED').execute();
      assert.equal(audit.length, 1);

      const member = await seedPerson(services, { roles: [{ role: 'management_group_member', boardId: board.id }], totp: true });
      const mb = new Browser(app);
      await signIn(mb, member, clock);
      assert.equal((await mb.get(`/boards/${board.id}/settings`)).statusCode, 403);
      const dashboard = await mb.get(`/boards/${board.id}`);
      assert.match(dashboard.$('tbody').text(), /of 2 weeks/);
    });
  });
}
