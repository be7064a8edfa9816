// Family involvement (issue 10 item 6) over HTTP with real CSRF tokens, and in the API: the review's people
// are one list made from the referrals it covers (the same child and the same mother, named by two linked
// referrals, listed once) under pseudonyms; names only for the business unit; people added during the review
// take the review's next number; language, consent, contacts (what the family was told and when) and
// meetings recorded by those allowed; an agency's contributor is refused; another board's review is not
// found; bad answers change nothing; two people adding at once get distinct pseudonyms (PostgreSQL).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Services } from '../../../container.ts';
import type { ReferralInput } from '../../../services/referral-service.ts';
import { apiWorld, assertProblem, fieldCodes } from '../../../testing/api-fixtures.ts';
import { as, referralInput } from '../../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { type ReviewCallers, reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

const MOTHER = { relationship: 'Mother', isSignificantPerson: false, language: 'cy' as const, fullName: 'Eleri Prydderch', contactDetails: '07700 900123' };
const PARTNER = { relationship: 'Mother’s partner', isSignificantPerson: true, language: 'en' as const, fullName: 'Dai Jones', contactDetails: null };

async function linkedReferral(services: Services, boardId: string, reviewId: string, callers: ReviewCallers, overrides: Partial<ReferralInput>) {
  const referral = await services.referrals.create(as(callers.bu, 'REFERRAL_CREATED'), referralInput(boardId, overrides));
  await services.reviewSetup.linkReferral(as(callers.bu, 'REVIEW_REFERRAL_LINKED'), boardId, reviewId, referral.id);
  return referral;
}

for (const dialect of dialectsUnderTest()) {
  describe(`family involvement (${dialect})`, () => {
    // One world for the file: a review covering two more referrals about the same child, and one about a sibling.
    let s: Awaited<ReturnType<typeof setup>>;
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const other = await seedBoard(services, 'OTHER');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016', decidedOn: '2026-11-20' });
      const police = await seedAgency(services, [board.id]);
      await linkedReferral(services, board.id, review.id, callers, { familyMembers: [MOTHER, PARTNER] });
      await linkedReferral(services, board.id, review.id, callers, { familyMembers: [{ ...MOTHER, relationship: 'mother ' }] });
      await linkedReferral(services, board.id, review.id, callers, {
        child: { fullName: 'Gwion Prydderch', dateOfBirthOn: '2019-05-04', address: null, isDeceased: true },
        familyMembers: [],
      });
      const browserFor = async (person: { email: string; totpSecret?: string }) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const chairPerson = await seedPerson(services, {
        fullName: 'Rhiannon Price',
        reviewRoles: [{ role: 'panel_chair', boardId: board.id, reviewId: review.id }],
        totp: true,
      });
      const chair = await browserFor(chairPerson);
      const member = await browserFor(
        await seedPerson(services, {
          reviewRoles: [{ role: 'panel_member', boardId: board.id, reviewId: review.id, agencyId: police.id }],
          agencyId: police.id,
          totp: true,
        }),
      );
      const contributor = await browserFor(
        await seedPerson(services, {
          reviewRoles: [{ role: 'agency_contributor', boardId: board.id, reviewId: review.id, agencyId: police.id }],
          agencyId: police.id,
          totp: true,
        }),
      );
      const bu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }));
      const outsider = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: other.id }], totp: true }));
      const page = urls.reviewFamily(board.id, review.id);
      const counts = async () => {
        const db = services.db.kysely;
        const n = async (table: 'review_people' | 'family_contacts' | 'family_meetings') => (await db.selectFrom(table).select('id').execute()).length;
        return { people: await n('review_people'), contacts: await n('family_contacts'), meetings: await n('family_meetings') };
      };
      return { services, clock, board, other, review, chairPerson, chair, member, contributor, bu, outsider, page, counts };
    }

    test('one list of the review’s people from its referrals; names for the business unit only; add, consent, contact, meeting', async (t) => {
      s = await setup(t);
      // Listed by the decision that created the review and by each link, before anyone reads the family page.
      const before = await s.counts();
      assert.equal(before.people, 4, 'the referrals’ people are listed by the decision and the links');
      const links = await s.services.db.kysely
        .selectFrom('audit_events')
        .select('summary')
        .where('action', '=', 'REVIEW_REFERRAL_LINKED')
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        links.map((e) => JSON.parse(e.summary).listed),
        [2, 0, 1],
        'each link says how many people it listed (the same child and mother are not listed again)',
      );
      const people = await s.bu.get(s.page);
      assert.equal(people.statusCode, 200, people.body);
      assert.deepEqual(await s.counts(), before, 'reading the family page writes no people');
      const rows = people.$('#people-table tbody tr');
      const codes = rows.map((_, r) => people.$(r).find('th').text().trim()).get();
      assert.equal(codes.filter((c) => c.startsWith('Child')).length, 2, `the same child once, the sibling once: ${codes.join(', ')}`);
      assert.deepEqual(
        codes.filter((c) => !c.startsWith('Child')),
        ['Family member 1', 'Person 2'],
        'the mother named by two referrals is one person',
      );
      assert.match(rows.text(), /Eleri Prydderch/, 'the business unit sees names');
      const memberPage = await s.member.get(s.page);
      assert.equal(memberPage.statusCode, 200);
      assert.doesNotMatch(memberPage.body, /Eleri|Prydderch|Dai Jones|07700/, 'a panel member sees codes only');
      assert.match(memberPage.$('#people-table').text(), /Family member 1/);
      const stored = await s.services.db.kysely.selectFrom('review_people').select(['full_name', 'contact_details']).execute();
      assert.ok(stored.every((r) => r.full_name === null || r.full_name.startsWith('enc:')));

      // The business unit adds a grandmother: the review's next number.
      const added = await s.bu.submit(urls.reviewFamilyPerson(s.board.id, s.review.id), {
        kind: 'family_member',
        relationship: 'Grandmother',
        fullName: 'Mair Prydderch',
        contactDetails: '1 Heol y Bont',
        language: 'cy',
      });
      assert.equal(added.statusCode, 302, added.body);
      const person = await s.services.db.kysely
        .selectFrom('review_people')
        .select(['id', 'pseudonym_kind', 'pseudonym_index', 'full_name'])
        .where('relationship', '=', 'Grandmother')
        .executeTakeFirstOrThrow();
      assert.deepEqual([person.pseudonym_kind, Number(person.pseudonym_index)], ['family_member', 3]);
      assert.ok(person.full_name?.startsWith('enc:'), 'the name is sealed at rest');

      const mother = (await s.services.family.peopleIn(s.services.db.kysely, s.review)).find((p) => p.en === 'Family member 1');
      assert.ok(mother);
      assert.deepEqual([mother.cy, mother.relationship, mother.source, mother.language], ['Aelod o’r teulu 1', 'Mother', 'referral', 'cy']);
      const consent = await s.bu.submit(urls.reviewFamilyConsent(s.board.id, s.review.id, { person: mother.id }), {
        personId: mother.id,
        language: 'other',
        languageOther: 'Polish',
        interpreterNeeded: 'yes',
        consent: 'agreed',
        'consentOn-day': '25',
        'consentOn-month': '11',
        'consentOn-year': '2026',
      });
      assert.equal(consent.statusCode, 302, consent.body);

      // The panel chair records a contact and a meeting.
      const contact = await s.chair.submit(urls.reviewFamilyContact(s.board.id, s.review.id), {
        personId: mother.id,
        'contactedOn-day': '26',
        'contactedOn-month': '11',
        'contactedOn-year': '2026',
        method: 'phone',
        madeBy: s.chairPerson.id,
        topics: ['review_started', 'invitation_to_contribute'],
        notes: 'She would like to meet at home.',
      });
      assert.equal(contact.statusCode, 302, contact.body);
      const meeting = await s.chair.submit(urls.reviewFamilyMeeting(s.board.id, s.review.id), {
        'metOn-day': '27',
        'metOn-month': '11',
        'metOn-year': '2026',
        staffIds: [s.chairPerson.id],
        familyIds: [mother.id],
        place: 'The family home',
        summary: 'She described the health visitor’s last visit.',
        followUp: 'Send the terms of reference.',
      });
      assert.equal(meeting.statusCode, 302, meeting.body);

      const after = await s.member.get(s.page);
      const motherRow = after.$('#people-table tbody tr').filter((_, r) => after.$(r).find('th').text().trim() === 'Family member 1');
      assert.match(motherRow.text(), /Polish \(interpreter needed\)/);
      assert.match(motherRow.text(), /Agreed on 25 November 2026/);
      assert.match(motherRow.text(), /The review has started: 26 November 2026/);
      assert.match(after.$('#contacts-table').text(), /Rhiannon Price/);
      assert.match(after.$('main').text(), /The family home/);
      assert.equal(await s.services.family.toldOnIn(s.services.db.kysely, s.review.id, 'review_started'), '2026-11-26');
      assert.equal(await s.services.family.toldOnIn(s.services.db.kysely, s.review.id, 'publication'), null);

      const welsh = await s.member.get(`${s.page}?lang=cy`);
      assert.match(welsh.$('#people-table').text(), /Aelod o’r teulu 1/);
      assert.match(welsh.$('#people-table').text(), /Mae’r adolygiad wedi dechrau \(ar 26 Tachwedd 2026\)/);

      const review = await s.member.get(urls.review(s.board.id, s.review.id));
      assert.equal(review.$(`main a[href="${s.page}"]`).length, 1, 'the review page links to the family');

      const events = await s.services.db.kysely.selectFrom('audit_events').select(['action', 'summary']).where('action', 'like', 'FAMILY_%').execute();
      for (const action of ['FAMILY_VIEWED', 'FAMILY_PERSON_ADDED', 'FAMILY_CONSENT_RECORDED', 'FAMILY_CONTACT_RECORDED', 'FAMILY_MEETING_RECORDED'])
        assert.ok(
          events.some((e) => e.action === action),
          action,
        );
      assert.ok(
        events.every((e) => !/Mair|Eleri|Prydderch|Polish|home|visitor|Grandmother/.test(e.summary)),
        'ids and codes only in the audit log',
      );

      await t.test('refusals: an agency’s contributor, another board, bad answers (in Welsh too) change nothing', async () => {
        const before = await s.counts();
        assert.equal((await s.contributor.get(s.page)).statusCode, 403);
        assert.equal((await s.contributor.get(urls.reviewFamilyContact(s.board.id, s.review.id))).statusCode, 403);
        assert.equal((await s.member.get(urls.reviewFamilyContact(s.board.id, s.review.id))).statusCode, 403, 'a panel member reads only');
        assert.equal((await s.chair.get(urls.reviewFamilyPerson(s.board.id, s.review.id))).statusCode, 403, 'adding people is the business unit’s');
        const review = await s.contributor.get(urls.review(s.board.id, s.review.id));
        assert.doesNotMatch(review.body, /id="family"/);
        assert.equal((await s.outsider.get(urls.reviewFamily(s.other.id, s.review.id))).statusCode, 404);
        const outsiderPost = await s.outsider.post(urls.reviewFamilyPerson(s.other.id, s.review.id), { kind: 'family_member', relationship: 'Aunt' });
        assert.ok([403, 404].includes(outsiderPost.statusCode));

        const empty = await s.chair.submit(urls.reviewFamilyContact(s.board.id, s.review.id), {});
        assert.equal(empty.statusCode, 400);
        const summary = empty.$('.govuk-error-summary').text();
        for (const text of ['Choose a family member', 'Enter the date of the contact', 'Select how the contact was made', 'Select what they were told'])
          assert.match(summary, new RegExp(text));
        const future = await s.chair.submit(urls.reviewFamilyMeeting(s.board.id, s.review.id), {
          'metOn-day': '1',
          'metOn-month': '1',
          'metOn-year': '2027',
          place: 'Somewhere',
          summary: 'A summary.',
        });
        assert.match(future.$('.govuk-error-summary').text(), /today or in the past/);
        assert.equal(future.$('input[name="place"]').val(), 'Somewhere', 'the answers are kept');
        await s.bu.get(`${s.page}?lang=cy`);
        const welsh = await s.bu.submit(urls.reviewFamilyPerson(s.board.id, s.review.id), {});
        assert.equal(welsh.statusCode, 400);
        assert.match(welsh.$('.govuk-error-summary').text(), /Rhowch berthynas yr unigolyn â’r plentyn/);
        await s.bu.get(`${s.page}?lang=en`);
        const notAsked = await s.bu.submit(urls.reviewFamilyConsent(s.board.id, s.review.id), {
          language: 'en',
          consent: 'declined',
        });
        assert.match(notAsked.$('.govuk-error-summary').text(), /Choose a family member/);
        assert.match(notAsked.$('.govuk-error-summary').text(), /Enter the date they told us/);
        assert.deepEqual(await s.counts(), before);
      });
    });
  });

  describe(`family involvement API (${dialect})`, () => {
    test('people, add, consent, contact, meeting; refusals as problems; two adds at once get distinct pseudonyms', async (t) => {
      const w = await apiWorld(t, dialect);
      const review = await seedReview(w.services, w.boardA.id, await reviewCallers(w.services, w.boardA.id), { frameworkId: 'CPR_2016' });
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}/family`;
      const today = w.services.clock.today();
      const add = (relationship: string) => w.call('POST', `${base}/people`, w.tokens.unitA, { kind: 'significant_person', relationship, language: 'en' });
      const [one, two] = await Promise.all([add('Neighbour'), add('Family friend')]);
      assert.equal(one.statusCode, 201, JSON.stringify(one.data));
      assert.equal(two.statusCode, 201, JSON.stringify(two.data));
      const indexes = [one, two].map((r) => (r.data as unknown as { pseudonym: { index: number } }).pseudonym.index).sort();
      assert.deepEqual(indexes, [1, 2]);
      const list = await w.call('GET', `${base}/people`, w.tokens.unitA);
      assert.equal(list.statusCode, 200);
      const people = list.data as unknown as { id: string; pseudonym: { en: string; cy: string }; fullName?: string | null }[];
      assert.deepEqual(
        people.map((p) => p.pseudonym.en).filter((e) => e.startsWith('Person')),
        ['Person 1', 'Person 2'],
      );
      const personId = people.find((p) => p.pseudonym.en === 'Person 1')?.id ?? '';
      const consent = await w.call('POST', `${base}/consent`, w.tokens.unitA, { personId, language: 'cy', consent: 'agreed', consentOn: today });
      assert.equal(consent.statusCode, 204, JSON.stringify(consent.data));
      const contact = await w.call('POST', `${base}/contacts`, w.tokens.unitA, {
        personId,
        contactedOn: today,
        method: 'letter',
        madeBy: w.people.unitA.id,
        topics: ['review_started'],
      });
      assert.equal(contact.statusCode, 201, JSON.stringify(contact.data));
      const meeting = await w.call('POST', `${base}/meetings`, w.tokens.unitA, {
        metOn: today,
        staffIds: [w.people.unitA.id],
        familyIds: [personId],
        place: 'Board office',
        summary: 'Met.',
      });
      assert.equal(meeting.statusCode, 201, JSON.stringify(meeting.data));
      const all = await w.call('GET', base, w.tokens.unitA);
      assert.equal(all.statusCode, 200, JSON.stringify(all.data));
      const bad = await w.call('POST', `${base}/contacts`, w.tokens.unitA, {
        personId,
        contactedOn: '2026-02-30',
        method: 'pigeon',
        madeBy: w.people.unitA.id,
        topics: [],
      });
      assertProblem(bad, 422);
      assert.deepEqual(fieldCodes(bad).sort(), [
        ['contactedOn', 'family:errors.dateInvalid'],
        ['method', 'family:errors.methodRequired'],
        ['topics', 'family:errors.topicsRequired'],
      ]);
      assertProblem(await w.call('GET', `${base}/people`, w.tokens.unitB), 403);
      assertProblem(
        await w.call('POST', `/api/v1/boards/${w.boardB.id}/reviews/${review.id}/family/people`, w.tokens.unitB, {
          kind: 'family_member',
          relationship: 'Aunt',
        }),
        404,
      );

      // The decision lists its referral's child; a GET lists no one (reads are pure).
      const callers = await reviewCallers(w.services, w.boardA.id);
      const second = await seedReview(w.services, w.boardA.id, callers, { frameworkId: 'CPR_2016' });
      const kinds = async () =>
        (await w.services.db.kysely.selectFrom('review_people').select('pseudonym_kind').where('review_id', '=', second.id).execute())
          .map((r) => r.pseudonym_kind)
          .sort();
      assert.deepEqual(await kinds(), ['child'], 'the decision listed its referral’s child');
      const secondPeople = `/api/v1/boards/${w.boardA.id}/reviews/${second.id}/family/people`;
      assert.equal((await w.call('GET', secondPeople, w.tokens.unitA)).statusCode, 200);
      assert.deepEqual(await kinds(), ['child'], 'a read lists no one');

      // Two links of referrals naming the same mother, and a person added, all at once: each person listed once, no error.
      const bu = as(callers.bu, 'REFERRAL_CREATED');
      const first = await w.services.referrals.create(bu, referralInput(w.boardA.id, { familyMembers: [MOTHER, PARTNER] }));
      const again = await w.services.referrals.create(bu, referralInput(w.boardA.id, { familyMembers: [MOTHER] }));
      const link = (referralId: string) => w.services.reviewSetup.linkReferral(as(callers.bu, 'REVIEW_REFERRAL_LINKED'), w.boardA.id, second.id, referralId);
      const [linkOne, linkTwo, addedAunt] = await Promise.allSettled([
        link(first.id),
        link(again.id),
        w.call('POST', secondPeople, w.tokens.unitA, { kind: 'family_member', relationship: 'Aunt', language: 'en' }),
      ]);
      assert.equal(linkOne.status, 'fulfilled', String(linkOne.status === 'rejected' && linkOne.reason));
      assert.equal(linkTwo.status, 'fulfilled', String(linkTwo.status === 'rejected' && linkTwo.reason));
      assert.ok(
        addedAunt.status === 'fulfilled' && addedAunt.value.statusCode === 201,
        addedAunt.status === 'fulfilled' ? JSON.stringify(addedAunt.value.data) : String(addedAunt.reason),
      );
      assert.deepEqual(await kinds(), ['child', 'family_member', 'family_member', 'significant_person'], 'the same child and the same mother once');
      const numbers = await w.services.db.kysely
        .selectFrom('review_people')
        .select('pseudonym_index')
        .where('review_id', '=', second.id)
        .where('pseudonym_kind', '!=', 'child')
        .execute();
      assert.deepEqual(numbers.map((r) => Number(r.pseudonym_index)).sort(), [1, 2, 3], 'distinct numbers');
      assertProblem(await w.call('GET', secondPeople, w.tokens.chairA), 403);
    });
  });
}
