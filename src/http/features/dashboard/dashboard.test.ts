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

    test('a Welsh board’s targets are stated; a due date on a weekend or bank holiday moves to the next working day', async (t) => {
      const { services, board, browser } = await setup(t);
      const page = await browser.get(`/boards/${board.id}`);
      assert.equal(page.$('.app-targets').text().trim(), 'The board’s target is a decision within 4 weeks of the incident and within 4 weeks of the referral.');
      // Incident and referral on Saturday 21 November 2026: 4 weeks is Saturday 19 December, so the decision is
      // due on Monday 21 December (the Boxing Day case: src/domain/clock/pausable-clock.test.ts).
      const creator = await callerWithRole(services, 'business_unit', board.id);
      const weekend = await services.referrals.create(
        as(creator, 'REFERRAL_CREATED'),
        referralInput(board.id, { receivedOn: '2026-11-21', incidentOn: '2026-11-21' }),
      );
      const later = await browser.get(`/boards/${board.id}`);
      const row = later.$('tbody tr').filter((_, el) => later.$(el).find('th a').text().trim() === codeOf(weekend));
      assert.equal(row.find('td').eq(5).text().trim(), '21 December 2026');
    });

    test('an England board: the 5 working days to notify the national Panel from the day the board became aware, and the rapid review', async (t) => {
      const clock = new TestClock(new Date('2026-11-27T09:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(
        services,
        'SEVERN',
        { en: 'Severn Vale Safeguarding Children Partnership', cy: 'Partneriaeth Diogelu Plant Dyffryn Hafren' },
        'england',
      );
      const bu = await seedPerson(services, { fullName: 'Bea Unit', roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const browser = new Browser(app);
      await signIn(browser, bu, clock);

      // The referral form asks the day the board became aware.
      const base = `/boards/${board.id}/referrals/new`;
      await browser.submit(`${base}/referrer`, { referringAgencyId: 'none', referrerKind: 'self' });
      const dates = await browser.get(`${base}/dates`);
      assert.ok(
        dates
          .$('legend')
          .map((_, l) => dates.$(l).text().trim())
          .get()
          .includes('Date the board became aware of the incident'),
      );
      assert.equal(dates.$('#awareOn-day').length, 1);
      const missing = await browser.submit(`${base}/dates`, {
        'receivedOn-day': '20',
        'receivedOn-month': '11',
        'receivedOn-year': '2026',
        'incidentOn-day': '18',
        'incidentOn-month': '11',
        'incidentOn-year': '2026',
      });
      assert.deepEqual(
        missing
          .$('.govuk-error-summary__list a')
          .map((_, a) => missing.$(a).attr('href'))
          .get(),
        ['#awareOn-day'],
      );

      const creator = await callerWithRole(services, 'business_unit', board.id);
      // Aware on Thursday 19 November: the Panel is to be notified by Thursday 26 November, the rapid review done by Thursday 10 December.
      const late = await services.referrals.create(as(creator, 'REFERRAL_CREATED'), referralInput(board.id, { awareOn: '2026-11-19' }));
      const onTime = await services.referrals.create(
        as(creator, 'REFERRAL_CREATED'),
        referralInput(board.id, {
          incidentOn: '2026-11-24',
          receivedOn: '2026-11-25',
          awareOn: '2026-11-25',
          child: { fullName: null, dateOfBirthOn: null, address: null, isDeceased: true },
        }),
      );
      assert.equal(late.awareOn, '2026-11-19');
      await services.consideration.recordNationalPanelNotification(as(creator, 'NATIONAL_PANEL_NOTIFIED'), onTime.id, '2026-11-26');

      const page = await browser.get(`/boards/${board.id}`);
      assert.equal(
        page.$('.app-targets').text().trim(),
        'Notify the Child Safeguarding Practice Review Panel within 5 working days of the board becoming aware of an incident, and complete the rapid review within 15 working days.',
      );
      assert.deepEqual(
        page
          .$('thead th')
          .map((_, th) => page.$(th).text().trim())
          .get()
          .slice(4, 7),
        ['Panel notification', 'Rapid review', 'Decision due'],
      );
      const rowOf = (code: string) => page.$('tbody tr').filter((_, el) => page.$(el).find('th a').text().trim() === code);
      const a = rowOf(codeOf(late));
      assert.equal(a.find('td').eq(3).text().trim(), '6 working days (1 week 1 day) of 5 working days');
      assert.equal(a.find('td').eq(4).text().trim(), '6 working days (1 week 1 day) of 15 working days');
      assert.match(a.find('td').eq(5).text(), /26 November 2026\s*Overdue/);
      const b = rowOf(codeOf(onTime));
      assert.equal(b.find('td').eq(3).text().trim(), 'Notified on 26 November 2026');
      assert.equal(b.find('td').eq(5).text().trim(), '16 December 2026', 'the rapid review: the notification is done');
      const overdue = await browser.get(`/boards/${board.id}?overdue=yes`);
      assert.deepEqual(
        overdue
          .$('tbody th a')
          .map((_, el) => overdue.$(el).text().trim())
          .get(),
        [codeOf(late)],
      );

      // The consideration page shows the notification; the business unit records it, late.
      const consideration = await browser.get(`/boards/${board.id}/referrals/${late.id}/consideration`);
      assert.match(
        consideration.$('.app-notification').text().replace(/\s+/g, ' '),
        /Board became aware 19 November 2026 Notify by 26 November 2026.*of 5 working days Overdue Panel notified Not yet recorded/,
      );
      const form = await browser.get(`/boards/${board.id}/referrals/${late.id}/national-panel-notification`);
      assert.match(form.$('#notifiedOn-hint').text(), /by 26 November 2026/);
      const early = await browser.submit(`/boards/${board.id}/referrals/${late.id}/national-panel-notification`, {
        'notifiedOn-day': '18',
        'notifiedOn-month': '11',
        'notifiedOn-year': '2026',
      });
      assert.equal(early.statusCode, 400);
      assert.match(early.$('.govuk-error-summary').text(), /on or after the day the board became aware/);
      const recorded = await browser.submit(`/boards/${board.id}/referrals/${late.id}/national-panel-notification`, {
        'notifiedOn-day': '27',
        'notifiedOn-month': '11',
        'notifiedOn-year': '2026',
      });
      assert.equal(recorded.statusCode, 302);
      const after = await browser.get(`/boards/${board.id}/referrals/${late.id}/consideration`);
      assert.match(after.$('.app-notification').text().replace(/\s+/g, ' '), /Panel notified 27 November 2026 Late/);
      const again = await browser.get(`/boards/${board.id}/referrals/${late.id}/national-panel-notification`);
      assert.equal(again.statusCode, 409, 'recorded once');
      const events = await services.db.kysely
        .selectFrom('audit_events')
        .select(['action', 'summary'])
        .where('record_id', '=', late.id)
        .where('action', '=', 'NATIONAL_PANEL_NOTIFIED')
        .execute();
      assert.deepEqual(
        events.map((e) => JSON.parse(e.summary)),
        [{ notification: 'national_panel', late: true }],
      );
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
      assert.deepEqual(settings, {
        boardId: board.id,
        holidayRegion: 'england',
        decisionWeeksFromIncident: 2,
        decisionWeeksFromReferral: null,
        frameworks: [],
      });
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
