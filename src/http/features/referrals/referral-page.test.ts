// A referral's page: what each role sees, the timeline, duplicates, other boards.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callerWithRole } from '../../../testing/case-fixtures.ts';
import { seedBoard } from '../../../testing/fixtures.ts';
import { seedReferral } from '../../../testing/referral-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { setup, signedIn } from './test-setup.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`referral page (${dialect})`, () => {
    test('the business unit sees everything, including restricted details, and the timeline', async (t) => {
      const { app, services, board, police } = await setup(t, dialect);
      const referral = await seedReferral(services, board.id, {
        referringAgencyId: police.id,
        agenciesInvolved: [police.id],
        familyMembers: [{ relationship: 'mother', isSignificantPerson: false, language: 'cy', fullName: 'Mair Prydderch', contactDetails: null }],
      });
      const { browser } = await signedIn(app, services, 'business_unit', board.id, 'Bethan Business');
      const page = await browser.get(`/boards/${board.id}/referrals/${referral.id}`);
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text().trim(), 'Child A');
      const text = page.$('main').text().replace(/\s+/g, ' ');
      assert.match(text, /Siân Ŵyn Prydderch/);
      assert.match(text, /Family member 1: mother/);
      assert.match(text, /Mair Prydderch/);
      assert.match(text, /Gwent Police/);
      const timeline = page
        .$('#timeline-table tbody tr')
        .map((_, tr) =>
          page
            .$(tr)
            .find('td')
            .map((__, td) => page.$(td).text().trim())
            .get()
            .join(' | '),
        )
        .get();
      assert.deepEqual(timeline, [
        '27 November 2026, 10:00 | Recorded a referral | Seeded Business Unit',
        '27 November 2026, 10:00 | Viewed a referral | Bethan Business',
      ]);
    });

    test('the timeline shows each change of status, with the action that made it, in the reader’s language', async (t) => {
      const { app, services, board } = await setup(t, dialect);
      const referral = await seedReferral(services, board.id);
      const { browser } = await signedIn(app, services, 'business_unit', board.id, 'Bethan Business');
      const unit = await callerWithRole(services, 'business_unit', board.id, 'MEETING_SCHEDULED', { fullName: 'Meinir Meetings' });
      await services.consideration.scheduleMeeting(unit, board.id, { meetsOn: '2026-11-26', location: null, referralIds: [referral.id] });
      const url = `/boards/${board.id}/referrals/${referral.id}`;
      const rows = (page: Awaited<ReturnType<typeof browser.get>>) =>
        page
          .$('#timeline-table tbody tr')
          .map((_, tr) => page.$(tr).text().replace(/\s+/g, ' ').trim())
          .get();
      const english = rows(await browser.get(url));
      assert.match(english[1] ?? '', /Arranged a meeting ?Status: Under consideration Meinir Meetings/);
      assert.doesNotMatch(english[0] ?? '', /Status/, 'its recording is not a change of status');
      const welsh = rows(await browser.get(`${url}?lang=cy`));
      assert.match(welsh[1] ?? '', /Wedi trefnu cyfarfod ?Statws: Yn cael ei ystyried/);
    });

    test('a management group member sees the referral without restricted details; every view is audited', async (t) => {
      const { app, services, board } = await setup(t, dialect);
      const referral = await seedReferral(services, board.id, {
        familyMembers: [{ relationship: 'mother', isSignificantPerson: false, language: 'en', fullName: 'Mair Prydderch', contactDetails: '01234 567890' }],
      });
      const { browser, person } = await signedIn(app, services, 'management_group_member', board.id, 'Morgan Management');
      const url = `/boards/${board.id}/referrals/${referral.id}`;
      const page = await browser.get(url);
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text().trim(), 'Child A');
      assert.doesNotMatch(page.body, /Siân|Stryd|Mair|01234/);
      assert.match(page.$('.govuk-inset-text').text(), /restricted/);
      assert.match(page.$('main').text(), /Family member 1: mother/);
      await browser.get(url);
      const views = await services.db.kysely
        .selectFrom('audit_events')
        .select(['action', 'actor_id', 'record_id'])
        .where('action', '=', 'REFERRAL_VIEWED')
        .execute();
      assert.equal(views.length, 2);
      assert.ok(views.every((v) => v.actor_id === person.id && v.record_id === referral.id));

      const welsh = await browser.get(`${url}?lang=cy`);
      // Pseudonyms are written in the reader's language when shown (stored as a kind and an index).
      assert.equal(welsh.$('h1').text().trim(), 'Plentyn A');
      assert.match(welsh.$('main').text(), /Aelod o’r teulu 1: /);
      assert.doesNotMatch(welsh.$('main').text(), /Child A|Family member/);
      assert.equal(welsh.$('#timeline').text().trim(), 'Llinell amser');
      assert.match(welsh.$('#timeline-table').text(), /Wedi gweld atgyfeiriad/);
    });

    test('those who receive a referral see its possible duplicates on its page; the page is one audited read', async (t) => {
      const { app, services, board } = await setup(t, dialect);
      const first = await seedReferral(services, board.id);
      await seedReferral(services, board.id, {
        incidentOn: '2026-10-01',
        receivedOn: '2026-10-02',
        child: { fullName: 'Other Child', dateOfBirthOn: '2015-01-01', address: null, isDeceased: true },
      });
      const second = await seedReferral(services, board.id, {
        incidentType: 'other_harm',
        child: { fullName: 'SIÂN ŴYN PRYDDERCH', dateOfBirthOn: '2019-05-04', address: null, isDeceased: false },
      });
      for (const [role, name] of [
        ['business_unit', 'Bethan Business'],
        ['management_group_member', 'Morgan Management'],
      ] as const) {
        const { browser } = await signedIn(app, services, role, board.id, name);
        const before = await services.db.kysely.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow();
        const page = await browser.get(`/boards/${board.id}/referrals/${second.id}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.$('#duplicates .govuk-warning-text').text(), /Other referrals on this board may be about the same child or incident/);
        assert.deepEqual(
          page
            .$('#duplicates li a')
            .map((_, a) => [[page.$(a).text().trim(), page.$(a).attr('href')]])
            .get(),
          [['Child A: possibly the same child', `/boards/${board.id}/referrals/${first.id}`]],
        );
        const events = await services.db.kysely.selectFrom('audit_events').selectAll().where('seq', '>', before.seq).execute();
        assert.deepEqual(
          events.map((e) => [e.action, e.board_id, e.record_id]),
          [['REFERRAL_VIEWED', board.id, second.id]],
          'one event for the whole page',
        );
        assert.deepEqual(JSON.parse(events[0]?.summary ?? '{}'), { restrictedShown: role === 'business_unit', duplicates: 1, duplicateIds: [first.id] });
        const welsh = await browser.get(`/boards/${board.id}/referrals/${second.id}?lang=cy`);
        assert.equal(welsh.$('#duplicates li').text().trim(), 'Plentyn A: efallai mai’r un plentyn yw e');
      }
      const { browser } = await signedIn(app, services, 'business_unit', board.id, 'Bethan Again');
      assert.equal((await browser.get(`/boards/${board.id}/referrals/${first.id}`)).$('#duplicates li').length, 1, 'and the other way round');
    });

    test("another board's referral is not found, even through this board's address", async (t) => {
      const { app, services, board } = await setup(t, dialect);
      const other = await seedBoard(services, 'OTHER', { en: 'Other Board', cy: 'Bwrdd Arall' });
      const theirs = await seedReferral(services, other.id);
      const { browser } = await signedIn(app, services, 'business_unit', board.id);
      assert.equal((await browser.get(`/boards/${other.id}/referrals/${theirs.id}`)).statusCode, 404);
      assert.equal((await browser.get(`/boards/${board.id}/referrals/${theirs.id}`)).statusCode, 404);
      assert.equal((await browser.get(`/boards/${other.id}/referrals/new/referrer`)).statusCode, 404);
      const views = await services.db.kysely.selectFrom('audit_events').select('action').where('action', '=', 'REFERRAL_VIEWED').execute();
      assert.equal(views.length, 0);
    });
  });
}
