// The new referral journey: in Welsh, changing an answer from check answers, possible duplicates, and who may record.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedReferral } from '../../../testing/referral-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { date, errorLinks, setup, signedIn, walk } from './test-setup.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`new referral pages: language, changes, duplicates and who may record (${dialect})`, () => {
    test('the draft (the child’s name, address and date of birth among its answers) is kept in the session, never in plaintext', async (t) => {
      const { app, services, board, police } = await setup(t, dialect);
      const { browser } = await signedIn(app, services, 'business_unit', board.id);
      const base = `/boards/${board.id}/referrals/new`;
      await walk(browser, base, police.id, { childName: 'Eluned Prydderch-Vaughan' });
      const check = await browser.get(`${base}/check-answers`);
      assert.match(check.body, /Eluned Prydderch-Vaughan/, 'the draft holds the name');
      const rows = await services.db.kysely.selectFrom('sessions').select('data').execute();
      assert.ok(rows.length > 0);
      for (const row of rows) {
        assert.doesNotMatch(row.data, /Prydderch|Stryd Fawr|2019-05-04|journeys/, 'session data is sealed');
      }
    });

    test('Welsh: the pages and their errors are in Welsh', async (t) => {
      const { app, services, board } = await setup(t, dialect);
      const { browser } = await signedIn(app, services, 'business_unit', board.id);
      const base = `/boards/${board.id}/referrals/new`;
      const page = await browser.get(`${base}/referrer?lang=cy`);
      assert.equal(page.$('html').attr('lang'), 'cy');
      assert.equal(page.$('h1').text().trim(), 'Pwy wnaeth yr atgyfeiriad?');
      assert.equal(page.$('.govuk-caption-l').first().text().trim(), 'Atgyfeiriad newydd');
      await browser.submit(`${base}/referrer`, {
        referringAgencyId: 'none',
        referrerKind: 'external',
        referrerName: 'Cymydog',
        referrerEmail: 'cymydog@example.org',
        referrerLanguage: 'cy',
      });
      const dates = await browser.get(`${base}/dates`);
      assert.deepEqual(
        dates
          .$('#receivedOn .govuk-date-input__label')
          .map((_, l) => dates.$(l).text().trim())
          .get(),
        ['Diwrnod', 'Mis', 'Blwyddyn'],
      );
      const error = await browser.submit(`${base}/dates`, {
        ...date('receivedOn', '2026-11-20'),
        'incidentOn-day': '31',
        'incidentOn-month': '2',
        'incidentOn-year': '2026',
      });
      assert.equal(error.statusCode, 400);
      assert.match(error.$('title').text(), /^Gwall:/);
      assert.equal(error.$('.govuk-error-summary__title').text().trim(), 'Mae problem wedi codi');
      assert.deepEqual(errorLinks(error), [{ text: 'Rhaid i ddyddiad y digwyddiad fod yn ddyddiad go iawn', href: '#incidentOn-day' }]);
    });

    test('a Change link on check answers returns there after the change', async (t) => {
      const { app, services, board, police } = await setup(t, dialect);
      const { browser } = await signedIn(app, services, 'business_unit', board.id);
      const base = `/boards/${board.id}/referrals/new`;
      await walk(browser, base, police.id);
      const check = await browser.get(`${base}/check-answers`);
      const change = check.$('#change-abuseOrNeglect').attr('href');
      assert.equal(change, `${base}/abuse-or-neglect?returnTo=check-answers`);
      const page = await browser.get(change ?? '');
      assert.equal(page.$('.govuk-back-link').attr('href'), `${base}/check-answers`);
      assert.equal(page.$('input[name="abuseOrNeglect"][checked]').val(), 'suspected', 'the saved answer is shown');
      const res = await browser.submit(change ?? '', { abuseOrNeglect: 'known' });
      assert.equal(res.headers.location, `${base}/check-answers`);
      const again = await browser.get(`${base}/check-answers`);
      assert.match(again.$('main .govuk-summary-list').text(), /Known/);

      // A change that needs another answer asks it, then returns to check answers.
      const type = await browser.submit(`${base}/incident-type?returnTo=check-answers`, { incidentType: 'serious_permanent_impairment' });
      assert.equal(type.headers.location, `${base}/impairment?returnTo=check-answers`);
      const impairment = await browser.submit(`${base}/impairment?returnTo=check-answers`, date('impairmentIdentifiedOn', '2026-11-19'));
      assert.equal(impairment.headers.location, `${base}/check-answers`);
    });

    test('possible duplicates are shown before recording; the referral can still be recorded', async (t) => {
      const { app, services, board, police } = await setup(t, dialect);
      await seedReferral(services, board.id, { child: { fullName: 'Siân Prydderch', dateOfBirthOn: '2019-05-04', address: null, isDeceased: true } });
      const { browser } = await signedIn(app, services, 'business_unit', board.id);
      const base = `/boards/${board.id}/referrals/new`;
      await walk(browser, base, police.id, { childName: 'SIAN  prydderch', dateOfBirth: '2019-05-04' });
      const check = await browser.get(`${base}/check-answers`);
      assert.match(check.$('#duplicates .govuk-warning-text').text(), /There may already be a referral about this child or incident/);
      assert.equal(check.$('#duplicates li').text().trim(), 'Child A: possibly the same child');
      const recorded = await browser.submit(`${base}/check-answers`, {});
      assert.equal(recorded.headers.location, `${base}/recorded`);
      assert.match((await browser.get(`${base}/recorded`)).$('.govuk-panel__body').text(), /Child B/);
    });

    test('an agency referrer is told nothing about other referrals while recording one; no search is made', async (t) => {
      const { app, services, board, police } = await setup(t, dialect);
      const existing = await seedReferral(services, board.id, {
        child: { fullName: 'Siân Prydderch', dateOfBirthOn: '2019-05-04', address: null, isDeceased: true },
      });
      const { browser } = await signedIn(app, services, 'agency_referrer', board.id, 'Alun Agency');
      const base = `/boards/${board.id}/referrals/new`;
      await walk(browser, base, police.id, { childName: 'SIAN  prydderch', dateOfBirth: '2019-05-04' });
      const check = await browser.get(`${base}/check-answers`);
      assert.equal(check.statusCode, 200);
      assert.equal(check.$('#duplicates').length, 0, 'no warning');
      assert.doesNotMatch(check.body, new RegExp(`Child A|${existing.id}|already be a referral`));
      const searches = await services.db.kysely.selectFrom('audit_events').select('summary').where('summary', 'like', '%duplicates%').execute();
      assert.deepEqual(searches, [], 'no duplicate search on the referrer’s behalf');
      assert.equal((await browser.submit(`${base}/check-answers`, {})).headers.location, `${base}/recorded`);
      assert.doesNotMatch((await browser.get(`${base}/recorded`)).body, /Child A\b|already/);
    });

    test('an agency referrer records a referral but cannot open it afterwards', async (t) => {
      const { app, services, board, police } = await setup(t, dialect);
      const { browser } = await signedIn(app, services, 'agency_referrer', board.id, 'Alun Agency');
      const base = `/boards/${board.id}/referrals/new`;
      await walk(browser, base, police.id);
      assert.equal((await browser.submit(`${base}/check-answers`, {})).headers.location, `${base}/recorded`);
      const confirmation = await browser.get(`${base}/recorded`);
      assert.match(confirmation.$('.govuk-panel__body').text(), /Child A/);
      const row = await services.db.kysely.selectFrom('referrals').select('id').executeTakeFirstOrThrow();
      assert.equal(confirmation.$(`a[href="/boards/${board.id}/referrals/${row.id}"]`).length, 0, 'no link to a page they may not see');
      assert.equal((await browser.get(`/boards/${board.id}/referrals/${row.id}`)).statusCode, 404);
    });

    test('a board member and an administrator may not record referrals (403) nor see one (404)', async (t) => {
      const { app, services, board } = await setup(t, dialect);
      const referral = await seedReferral(services, board.id);
      for (const [role, boardId] of [
        ['board_member', board.id],
        ['administrator', null],
        ['administrator', board.id],
      ] as const) {
        const { browser } = await signedIn(app, services, role, boardId, `Someone ${role}`);
        for (const path of ['', '/referrer', '/check-answers']) {
          assert.equal((await browser.get(`/boards/${board.id}/referrals/new${path}`)).statusCode, 403, `${role} ${path}`);
        }
        const view = await browser.get(`/boards/${board.id}/referrals/${referral.id}`);
        assert.equal(view.statusCode, 404, role);
        assert.doesNotMatch(view.body, /Child A|Siân/);
      }
      const views = await services.db.kysely.selectFrom('audit_events').select('action').where('action', '=', 'REFERRAL_VIEWED').execute();
      assert.equal(views.length, 0, 'nothing was read');
    });
  });
}
