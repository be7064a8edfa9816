// The new referral journey's pages: recording through every page, and what each page refuses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { storedChildName } from '../../../testing/at-rest.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { date, errorLinks, setup, signedIn, walk } from './test-setup.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`new referral pages (${dialect})`, () => {
    test('the business unit records a referral through every page; the child gets a code; the record is audited', async (t) => {
      const { app, services, board, police, health } = await setup(t, dialect);
      const { browser } = await signedIn(app, services, 'business_unit', board.id);
      const base = `/boards/${board.id}/referrals/new`;

      const start = await browser.get(base);
      assert.equal(start.statusCode, 302);
      assert.equal(start.headers.location, `${base}/referrer`);

      const referrer = await browser.get(`${base}/referrer`);
      assert.equal(referrer.statusCode, 200);
      assert.equal(referrer.$('h1').text().trim(), 'Who made the referral?');
      assert.equal(referrer.$('.govuk-caption-l').first().text().trim(), 'New referral');
      assert.deepEqual(
        referrer
          .$('#referringAgencyId option')
          .map((_, o) => referrer.$(o).text().trim())
          .get(),
        ['Select an agency', 'Gwent Police', 'Health Board', "Not one of the board's agencies"],
      );
      let res = await browser.submit(`${base}/referrer`, {
        referringAgencyId: police.id,
        referrerKind: 'external',
        referrerEmail: 'rhys.morgan@police.example',
        referrerLanguage: 'en',
        referrerName: 'DS Rhys Morgan',
        referrerRole: '',
      });
      assert.equal(res.headers.location, `${base}/dates`);
      assert.equal((await browser.get(`${base}/dates`)).$('.govuk-back-link').attr('href'), `${base}/referrer`);
      res = await browser.submit(`${base}/dates`, { ...date('receivedOn', '2026-11-20'), ...date('incidentOn', '2026-11-18') });
      assert.equal(res.headers.location, `${base}/incident-type`);
      res = await browser.submit(`${base}/incident-type`, { incidentType: 'serious_permanent_impairment' });
      assert.equal(res.headers.location, `${base}/impairment`, 'asked on its own page when not given in the revealed field');
      const impairment = await browser.get(`${base}/impairment`);
      assert.equal(impairment.$('h1').text().trim(), 'When was the impairment identified?');
      res = await browser.submit(`${base}/impairment`, date('impairmentIdentifiedOn', '2026-11-19'));
      assert.equal(res.headers.location, `${base}/abuse-or-neglect`);
      res = await browser.submit(`${base}/abuse-or-neglect`, { abuseOrNeglect: 'known' });
      res = await browser.submit(`${base}/board-area`, { inBoardArea: 'yes' });
      const childPage = await browser.get(`${base}/child`);
      assert.match(childPage.$('.govuk-inset-text').text(), /These details are restricted/);
      res = await browser.submit(`${base}/child`, {
        childFullName: 'Siân Prydderch',
        ...date('dateOfBirth', '2019-05-04'),
        childAddress: '1 Stryd Fawr',
        childIsDeceased: 'no',
      });
      assert.equal(res.headers.location, `${base}/periods`);

      // Periods: add two, remove one.
      const emptyList = await browser.get(`${base}/periods`);
      assert.match(emptyList.$('main').text(), /No periods have been added/);
      res = await browser.submit(`${base}/periods/add`, {
        kind: 'child_protection_register',
        ...date('startOn', '2026-03-01'),
        ...date('endOn', '2026-09-30'),
      });
      assert.equal(res.headers.location, `${base}/periods`);
      res = await browser.submit(`${base}/periods/add`, { kind: 'looked_after', ...date('startOn', '2026-10-01') });
      const list = await browser.get(`${base}/periods`);
      assert.equal(list.$('main tbody tr').length, 2);
      assert.match(list.$('main tbody tr').eq(0).text(), /Child protection register\s*1 March 2026 to 30 September 2026/);
      assert.match(list.$('main tbody tr').eq(1).text(), /1 October 2026 to now/);
      res = await browser.submit(`${base}/periods`, {}, `form[action="${base}/periods/1/remove"]`);
      assert.equal(res.headers.location, `${base}/periods`);
      assert.equal((await browser.get(`${base}/periods`)).$('main tbody tr').length, 1);
      res = await browser.submit(`${base}/periods`, {});
      assert.equal(res.headers.location, `${base}/family`);

      res = await browser.submit(`${base}/family/add`, {
        relationship: 'mother',
        personKind: 'family',
        language: 'cy',
        fullName: 'Mair Prydderch',
        contactDetails: '',
      });
      assert.equal(res.headers.location, `${base}/family`);
      res = await browser.submit(`${base}/family`, {});
      assert.equal(res.headers.location, `${base}/agencies`);
      const agencies = await browser.get(`${base}/agencies`);
      assert.equal(agencies.$('input[name="agenciesInvolved"]').length, 3, 'two agencies and "None known"');
      res = await browser.submit(`${base}/agencies`, { agenciesInvolved: [police.id, health.id] });
      const facts = await browser.get(`${base}/facts`);
      assert.equal(facts.$('h1').text().trim(), 'What facts are known so far?');
      assert.equal(facts.$('.govuk-character-count').attr('data-maxlength'), '5000');
      res = await browser.submit(`${base}/facts`, { initialFacts: 'Admitted to hospital with injuries.\nPolice investigating.' });
      res = await browser.submit(`${base}/proceedings/add`, {
        proceedingType: 'criminal',
        status: 'open',
        liaisonContact: 'DI Jones',
        ...date('expectedEndOn', '2027-06-30'),
      });
      res = await browser.submit(`${base}/proceedings`, {});
      assert.equal(res.headers.location, `${base}/check-answers`);

      const check = await browser.get(`${base}/check-answers`);
      assert.equal(check.statusCode, 200);
      assert.equal(check.$('h1').text().trim(), 'Check your answers before recording the referral');
      const summary = check.$('main .govuk-summary-list').text().replace(/\s+/g, ' ');
      for (const expected of [
        'Gwent Police',
        'DS Rhys Morgan',
        'Their email address rhys.morgan@police.example',
        'Language of emails to them English',
        'Their role Not provided',
        '20 November 2026',
        'Serious and permanent impairment of health or development',
        'Impairment identified 19 November 2026',
        'Siân Prydderch',
        'Child protection register: 1 March 2026 to 30 September 2026',
        'mother; Family member; preferred language: Welsh (Cymraeg); name: Mair Prydderch',
        'Gwent Police',
        'Health Board',
        'Criminal proceedings: Open; liaison: DI Jones; expected to end 30 June 2027',
      ]) {
        assert.ok(summary.includes(expected), `check answers shows ${expected}`);
      }
      // In Welsh: the termbase's terms (nam, never amhariad), and the family member's code in Welsh.
      const welshCheck = (await browser.get(`${base}/check-answers?lang=cy`)).$('main .govuk-summary-list').text().replace(/\s+/g, ' ');
      for (const expected of [
        'Eu rôl Heb ei ddarparu',
        'Math o ddigwyddiad Nam difrifol a pharhaol i iechyd neu ddatblygiad',
        'Nodwyd y nam 19 Tachwedd 2026',
        'Cam-drin neu esgeulustod Yn hysbys',
        'Achos troseddol: Yn parhau; person cyswllt: DI Jones; disgwylir iddo ddod i ben ar 30 Mehefin 2027',
      ]) {
        assert.ok(welshCheck.includes(expected), `Welsh check answers shows ${expected}`);
      }
      assert.doesNotMatch(welshCheck, /amhariad|Ar agor|Ei rôl/i);
      await browser.get(`${base}/check-answers?lang=en`);
      assert.equal(check.$('#duplicates').length, 0, 'no duplicates yet');
      assert.equal(check.$('main form button').text().trim(), 'Record referral');

      const recorded = await browser.submit(`${base}/check-answers`, {});
      assert.equal(recorded.statusCode, 302);
      assert.equal(recorded.headers.location, `${base}/recorded`);
      const rows = await services.db.kysely.selectFrom('referrals').selectAll().execute();
      assert.equal(rows.length, 1);
      const row = rows[0];
      assert.ok(row);
      assert.equal(row.child_number, 1);
      assert.equal(row.incident_type, 'serious_permanent_impairment');
      assert.equal(row.impairment_identified_on, '2026-11-19');
      assert.equal(row.referring_agency_id, police.id);
      // The referrer without an account is recorded with the address the decision is sent to.
      assert.deepEqual(
        [row.referrer_name, row.referrer_email, row.referrer_language, row.referrer_person_id],
        ['DS Rhys Morgan', 'rhys.morgan@police.example', 'en', null],
      );
      assert.equal(row.initial_facts, 'Admitted to hospital with injuries.\nPolice investigating.');
      const child = await storedChildName(services, row.id);
      assert.equal(child.opened, 'Siân Prydderch');
      assert.notEqual(child.stored, 'Siân Prydderch', 'stored encrypted');
      assert.equal((await services.db.kysely.selectFrom('child_periods').selectAll().execute()).length, 1);
      assert.equal((await services.db.kysely.selectFrom('family_members').selectAll().execute()).length, 1);
      assert.equal((await services.db.kysely.selectFrom('referral_agencies').selectAll().execute()).length, 2);
      assert.equal((await services.db.kysely.selectFrom('parallel_proceedings').selectAll().execute()).length, 1);
      const audit = await services.db.kysely.selectFrom('audit_events').select(['action', 'summary']).where('record_id', '=', row.id).execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['REFERRAL_CREATED'],
      );
      assert.doesNotMatch(audit[0]?.summary ?? '', /Siân|Prydderch|Mair/);

      const confirmation = await browser.get(`${base}/recorded`);
      assert.equal(confirmation.$('.govuk-panel__title').text().trim(), 'Referral recorded');
      assert.match(confirmation.$('.govuk-panel__body').text(), /Child A/);
      assert.equal(confirmation.$(`a[href="/boards/${board.id}/referrals/${row.id}"]`).length, 1);

      // The journey was cleared: check answers sends the reader back to the first page.
      assert.equal((await browser.get(`${base}/check-answers`)).headers.location, `${base}/referrer`);
    });

    test('empty pages: error summary linking to each field, nothing saved', async (t) => {
      const { app, services, board } = await setup(t, dialect);
      const { browser } = await signedIn(app, services, 'business_unit', board.id);
      const base = `/boards/${board.id}/referrals/new`;
      const res = await browser.submit(`${base}/referrer`, { referringAgencyId: '', referrerName: '', referrerRole: '' });
      assert.equal(res.statusCode, 400);
      assert.match(res.$('title').text(), /^Error:/);
      assert.deepEqual(errorLinks(res), [
        { text: "Select the agency that made the referral, or select that it is not one of the board's agencies", href: '#referringAgencyId' },
        { text: 'Select who made the referral', href: '#referrerKind' },
      ]);
      assert.equal((await browser.get(`${base}/dates`)).headers.location, `${base}/referrer`, 'the page was not answered');

      await browser.submit(`${base}/referrer`, { referringAgencyId: 'none', referrerKind: 'self' });
      const dates = await browser.submit(`${base}/dates`, {});
      assert.equal(dates.statusCode, 400);
      assert.deepEqual(errorLinks(dates), [
        { text: 'Enter the date the referral was received', href: '#receivedOn-day' },
        { text: 'Enter the date of the incident', href: '#incidentOn-day' },
      ]);
      for (const [slug, message, href] of [['incident-type', 'Select the type of incident', '#incidentType']] as const) {
        await browser.submit(`${base}/dates`, { ...date('receivedOn', '2026-11-20'), ...date('incidentOn', '2026-11-18') });
        const empty = await browser.submit(`${base}/${slug}`, {});
        assert.equal(empty.statusCode, 400);
        assert.deepEqual(errorLinks(empty), [{ text: message, href }]);
      }
      await browser.submit(`${base}/incident-type`, { incidentType: 'death' });
      assert.deepEqual(errorLinks(await browser.submit(`${base}/abuse-or-neglect`, {})), [
        { text: 'Select whether abuse or neglect is known or suspected', href: '#abuseOrNeglect' },
      ]);
      await browser.submit(`${base}/abuse-or-neglect`, { abuseOrNeglect: 'not_suspected' });
      assert.deepEqual(errorLinks(await browser.submit(`${base}/board-area`, {})), [
        { text: "Select yes if the incident happened in the board's area", href: '#inBoardArea' },
      ]);
      await browser.submit(`${base}/board-area`, { inBoardArea: 'no' });
      assert.deepEqual(errorLinks(await browser.submit(`${base}/child`, {})), [{ text: 'Select yes if the child has died', href: '#childIsDeceased' }]);
      await browser.submit(`${base}/child`, { childIsDeceased: 'yes' });
      await browser.submit(`${base}/periods`, {});
      await browser.submit(`${base}/family`, {});
      assert.deepEqual(errorLinks(await browser.submit(`${base}/agencies`, {})), [
        { text: 'Select the agencies known to have been involved, or select ‘None known’', href: '#agenciesInvolved' },
      ]);
      await browser.submit(`${base}/agencies`, { agenciesInvolved: 'none' });
      assert.deepEqual(errorLinks(await browser.submit(`${base}/facts`, { initialFacts: '  ' })), [
        { text: 'Enter the facts known so far', href: '#initialFacts' },
      ]);
      assert.equal((await services.db.kysely.selectFrom('referrals').selectAll().execute()).length, 0);
    });

    test('the referrer: someone without an account needs a name, an email address and a language; someone with one is chosen from the board’s people', async (t) => {
      const { app, services, board, police } = await setup(t, dialect);
      const { browser, person: me } = await signedIn(app, services, 'business_unit', board.id);
      const colleague = await seedPerson(services, { fullName: 'Ceri Referrer', roles: [{ role: 'agency_referrer', boardId: board.id }] });
      await seedPerson(services, { fullName: 'Elsewhere Person', roles: [{ role: 'agency_referrer', boardId: null }] });
      const base = `/boards/${board.id}/referrals/new`;
      const page = await browser.get(`${base}/referrer`);
      assert.deepEqual(
        page
          .$('input[name="referrerKind"]')
          .map((_, i) => page.$(i).attr('value'))
          .get(),
        ['self', 'person', 'external'],
      );
      assert.deepEqual(
        page
          .$('#referrerPersonId option')
          .map((_, o) => page.$(o).text().trim())
          .get(),
        ['Select a person', 'Ceri Referrer'],
        'the board’s people, not the reader, not another board’s',
      );
      assert.equal(page.$('#referrerEmail').attr('type'), 'email');

      const missing = await browser.submit(`${base}/referrer`, {
        referringAgencyId: police.id,
        referrerKind: 'external',
        referrerName: '',
        referrerEmail: 'nope',
      });
      assert.equal(missing.statusCode, 400);
      assert.deepEqual(errorLinks(missing), [
        { text: 'Enter the name of the person who made the referral', href: '#referrerName' },
        { text: 'Enter an email address in the correct format, like name@example.org', href: '#referrerEmail' },
        { text: 'Select the language to write to them in', href: '#referrerLanguage' },
      ]);
      const noEmail = await browser.submit(`${base}/referrer`, {
        referringAgencyId: police.id,
        referrerKind: 'external',
        referrerName: 'A neighbour',
        referrerLanguage: 'cy',
      });
      assert.deepEqual(errorLinks(noEmail), [{ text: 'Enter the email address of the person who made the referral', href: '#referrerEmail' }]);
      assert.deepEqual(errorLinks(await browser.submit(`${base}/referrer`, { referringAgencyId: police.id, referrerKind: 'person' })), [
        { text: 'Select the person who made the referral', href: '#referrerPersonId' },
      ]);

      // Someone with an account: the referral names them (their name as it was, the link to their account).
      await walk(browser, base, police.id);
      const res = await browser.submit(`${base}/referrer?returnTo=check-answers`, {
        referringAgencyId: police.id,
        referrerKind: 'person',
        referrerPersonId: colleague.id,
      });
      assert.equal(res.headers.location, `${base}/check-answers`);
      assert.match((await browser.get(`${base}/check-answers`)).$('main').text().replace(/\s+/g, ' '), /Referred by Ceri Referrer/);
      await browser.submit(`${base}/check-answers`, {});
      // And the reader themselves.
      await walk(browser, base, police.id);
      await browser.submit(`${base}/referrer?returnTo=check-answers`, { referringAgencyId: police.id, referrerKind: 'self' });
      assert.match((await browser.get(`${base}/check-answers`)).$('main').text().replace(/\s+/g, ' '), /Referred by You \(Bethan Business\)/);
      await browser.submit(`${base}/check-answers`, {});
      const rows = await services.db.kysely
        .selectFrom('referrals')
        .select(['referrer_person_id', 'referrer_name', 'referrer_email'])
        .orderBy('child_number')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.referrer_person_id, r.referrer_name, r.referrer_email]),
        [
          [colleague.id, 'Ceri Referrer', null],
          [me.id, 'Bethan Business', null],
        ],
      );
    });

    test('a death is a child who has died: "Death" with "Has the child died? No" is refused, and the reverse', async (t) => {
      const { app, services, board, police } = await setup(t, dialect);
      const { browser } = await signedIn(app, services, 'business_unit', board.id);
      const base = `/boards/${board.id}/referrals/new`;
      await walk(browser, base, police.id);
      const alive = await browser.submit(`${base}/child`, { childIsDeceased: 'no' });
      assert.equal(alive.statusCode, 400);
      assert.deepEqual(errorLinks(alive), [
        { text: 'The type of incident is ‘Death’: select ‘Yes’ if the child has died, or change the type of incident', href: '#childIsDeceased' },
      ]);
      // Changed to an injury from check answers, a child recorded as having died is refused when recording.
      await browser.submit(`${base}/incident-type?returnTo=check-answers`, { incidentType: 'life_threatening_injury' });
      const refused = await browser.submit(`${base}/check-answers`, {});
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(errorLinks(refused), [
        { text: 'If the child has died, change the type of incident to ‘Death’; otherwise select ‘No’', href: '#change-childIsDeceased' },
      ]);
      assert.equal((await services.db.kysely.selectFrom('referrals').selectAll().execute()).length, 0);
    });

    test('dates: impossible, in the future, incident after received; values kept and nothing saved', async (t) => {
      const { app, services, board, police } = await setup(t, dialect);
      const { browser } = await signedIn(app, services, 'business_unit', board.id);
      const base = `/boards/${board.id}/referrals/new`;
      await browser.submit(`${base}/referrer`, { referringAgencyId: police.id, referrerKind: 'self' });

      const impossible = await browser.submit(`${base}/dates`, {
        'receivedOn-day': '31',
        'receivedOn-month': '2',
        'receivedOn-year': '2026',
        'incidentOn-day': '3',
        'incidentOn-month': '',
        'incidentOn-year': '2026',
      });
      assert.equal(impossible.statusCode, 400);
      assert.deepEqual(errorLinks(impossible), [
        { text: 'The date the referral was received must be a real date', href: '#receivedOn-day' },
        { text: 'The date of the incident must include a day, month and year', href: '#incidentOn-day' },
      ]);
      assert.equal(impossible.$('#receivedOn-day').val(), '31', 'what was typed is kept');
      assert.equal(impossible.$('#receivedOn-month').val(), '2');
      assert.match(impossible.$('#receivedOn-day').attr('class') ?? '', /govuk-input--error/);

      const after = await browser.submit(`${base}/dates`, { ...date('receivedOn', '2026-11-20'), ...date('incidentOn', '2026-11-21') });
      assert.equal(after.statusCode, 400);
      assert.deepEqual(errorLinks(after), [
        { text: 'The date of the incident must be the same as or before the date the referral was received', href: '#incidentOn-day' },
      ]);
      assert.equal(after.$('#incidentOn-day').val(), '21');
      assert.equal(
        after.$('#incidentOn-error').text().trim(),
        'Error: The date of the incident must be the same as or before the date the referral was received',
      );

      const future = await browser.submit(`${base}/dates`, { ...date('receivedOn', '2026-11-28'), ...date('incidentOn', '2026-11-18') });
      assert.equal(future.statusCode, 400);
      assert.deepEqual(errorLinks(future), [{ text: 'The date the referral was received must be today or in the past', href: '#receivedOn-day' }]);

      assert.equal((await browser.get(`${base}/incident-type`)).headers.location, `${base}/dates`, 'nothing was saved');
      assert.equal((await services.db.kysely.selectFrom('referrals').selectAll().execute()).length, 0);
    });
  });
}
