import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CheerioAPI } from 'cheerio/slim';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { Browser, signIn } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { considerationSetup } from './test-setup.ts';

const summary = ($: CheerioAPI) =>
  $('.govuk-error-summary__list a')
    .map((_, el) => ({ text: $(el).text().trim(), href: $(el).attr('href') }))
    .get();

const count = async (services: Awaited<ReturnType<typeof considerationSetup>>['services'], table: 'criteria_assessments' | 'recommendations' | 'decisions') =>
  (await services.db.kysely.selectFrom(table).selectAll().execute()).length;

for (const dialect of dialectsUnderTest()) {
  describe(`consideration pages: validation and access (${dialect})`, () => {
    test('criteria analysis: each problem in the error summary, linked to its field; values kept; nothing written', async (t) => {
      const s = await considerationSetup(t, dialect);
      const member = await s.browserFor('member');
      const empty = await member.submit(`${s.base}/criteria`, {});
      assert.equal(empty.statusCode, 400);
      assert.match(empty.$('title').text(), /^Error:/);
      assert.equal(empty.$('.govuk-error-summary__title').text().trim(), 'There is a problem');
      // Each message names its criterion; only the questions asked (the child's: no adult or homicide stream is raised).
      assert.deepEqual(summary(empty.$), [
        { text: 'Select an answer to ‘Did the incident happen within the Board’s area?’', href: '#in_area' },
        { text: 'Select an answer to ‘Is abuse or neglect of the child known or suspected?’', href: '#abuse_or_neglect' },
        { text: 'Select an answer to ‘Has the child died?’', href: '#child_died' },
        { text: 'Select an answer to ‘Has the child sustained a potentially life-threatening injury?’', href: '#life_threatening_injury' },
        {
          text: 'Select an answer to ‘Has the child sustained serious and permanent impairment of health or development?’',
          href: '#serious_permanent_impairment',
        },
      ]);
      assert.equal(new Set(summary(empty.$).map((e) => e.text)).size, 5, 'no two messages alike');
      assert.doesNotMatch(empty.$('main').text(), /not yet confirmed|confirm (it|them) with/i, 'no criterion is shown as unconfirmed');

      const fields = await s.criteriaFields({ in_areaFacts: '', child_died: 'no', child_diedFacts: 'The child is alive.' });
      const res = await member.submit(`${s.base}/criteria`, fields);
      assert.equal(res.statusCode, 400);
      const list = summary(res.$);
      assert.ok(list.some((e) => e.text === 'Enter the facts relied on for ‘Did the incident happen within the Board’s area?’' && e.href === '#in_areaFacts'));
      const contradiction = 'Your answer to ‘Has the child died?’ contradicts the referral: check the referral or the answer';
      assert.ok(list.some((e) => e.text === contradiction && e.href === '#child_died'));
      assert.equal(res.$('#child_died-error').text().trim(), `Error: ${contradiction}`);
      assert.equal(res.$('input[name="abuse_or_neglect"]:checked').val(), 'suspected', 'answers kept');
      assert.equal(res.$('#child_diedFacts').val(), 'The child is alive.', 'facts kept');
      assert.equal(await count(s.services, 'criteria_assessments'), 0);
    });

    test('recommendation: route and reasons required, dissent kept; no recommendation before an analysis', async (t) => {
      const s = await considerationSetup(t, dialect);
      const groupChair = await s.browserFor('groupChair');
      const early = await groupChair.get(`${s.base}/recommendation`);
      assert.equal(early.statusCode, 409);
      assert.equal(early.$('.app-refused-message').text().trim(), 'Record the management group’s analysis of the criteria before recommending');

      const member = await s.browserFor('member');
      assert.equal((await member.submit(`${s.base}/criteria`, await s.criteriaFields())).statusCode, 302);
      const res = await groupChair.submit(`${s.base}/recommendation`, { dissent: 'A minority view.' });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(summary(res.$), [
        { text: 'Select what the management group recommends', href: '#route' },
        { text: 'Enter the reasons for the recommendation', href: '#reasons' },
      ]);
      assert.equal(res.$('#dissent').val(), 'A minority view.');
      assert.equal(await count(s.services, 'recommendations'), 0);
    });

    test('decision: answer, rationale and a past date required; in Welsh too; nothing written', async (t) => {
      const s = await considerationSetup(t, dialect);
      const member = await s.browserFor('member');
      await member.submit(`${s.base}/criteria`, await s.criteriaFields());
      const groupChair = await s.browserFor('groupChair');
      await groupChair.submit(`${s.base}/recommendation`, { route: 'no_review', reasons: 'Criteria not met.' });
      await groupChair.submit(`${s.base}/recommendation/check`, {});
      const chair = await s.browserFor('chair');

      const res = await chair.submit(`${s.base}/decision`, { rationale: '', 'decidedOn-day': '28', 'decidedOn-month': '11', 'decidedOn-year': '2026' });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(summary(res.$), [
        { text: 'Select whether you agree with the recommendation', href: '#agree' },
        { text: 'Enter the rationale for the decision', href: '#rationale' },
        { text: 'The date of the decision must be today or in the past', href: '#decidedOn-day' },
      ]);
      assert.equal(res.$('#decidedOn-day').val(), '28', 'the date typed is kept');

      const before = await chair.submit(`${s.base}/decision`, {
        agree: 'differ',
        rationale: 'Mine.',
        'decidedOn-day': '1',
        'decidedOn-month': '1',
        'decidedOn-year': '2026',
      });
      assert.deepEqual(summary(before.$), [
        { text: 'The date of the decision must be on or after the date the referral was received', href: '#decidedOn-day' },
      ]);
      assert.equal(before.$('input[name="agree"]:checked').val(), 'differ');

      const welsh = await chair.submit(`${s.base}/decision?lang=cy`, { 'decidedOn-day': '31', 'decidedOn-month': '2', 'decidedOn-year': '2026' });
      assert.equal(welsh.statusCode, 400);
      assert.match(welsh.$('title').text(), /^Gwall:/);
      assert.equal(welsh.$('.govuk-error-summary__title').text().trim(), 'Mae problem wedi codi');
      // The pseudonym in Welsh, mutated after "am" (never "am Plentyn A").
      assert.equal(welsh.$('.govuk-caption-l').first().text().trim(), 'Atgyfeiriad am Blentyn A');
      assert.deepEqual(
        summary(welsh.$).map((e) => e.text),
        ['Dewiswch a ydych chi’n cytuno â’r argymhelliad', 'Rhowch y rhesymeg dros y penderfyniad', 'Rhaid i ddyddiad y penderfyniad fod yn ddyddiad go iawn'],
      );
      assert.equal(welsh.$('label[for="decidedOn-day"]').text().trim(), 'Diwrnod');

      // Differing: the route on its own page, required.
      await chair.submit(`${s.base}/decision?lang=en`, {
        agree: 'differ',
        rationale: 'A forum will do.',
        'decidedOn-day': '27',
        'decidedOn-month': '11',
        'decidedOn-year': '2026',
      });
      const noRoute = await chair.submit(`${s.base}/decision/route`, {});
      assert.equal(noRoute.statusCode, 400);
      assert.deepEqual(summary(noRoute.$), [{ text: 'Select what you decide', href: '#route' }]);
      assert.equal(await count(s.services, 'decisions'), 0);

      const routed = await chair.submit(`${s.base}/decision/route`, { route: 'multi_agency_professional_forum' });
      assert.equal(routed.headers.location, `${s.base}/decision/check`);
      const check = await chair.get(`${s.base}/decision/check`);
      assert.match(check.$('.govuk-summary-list').text(), /I differ from the recommendation[\s\S]*Multi-agency professional forum/);
      assert.equal((await chair.submit(`${s.base}/decision/check`, {})).statusCode, 302);
      const decision = await s.services.db.kysely.selectFrom('decisions').selectAll().executeTakeFirstOrThrow();
      assert.equal(decision.route, 'multi_agency_professional_forum');
      assert.equal(Number(decision.agrees_with_recommendation), 0);
      const confirmation = await chair.get(`${s.base}/decision/recorded`);
      assert.equal(confirmation.$('.govuk-panel__title').text().trim(), 'Decision recorded');
      assert.equal(await s.services.db.kysely.selectFrom('reviews').selectAll().executeTakeFirst(), undefined, 'no review for a forum');
    });

    test('the wrong role is refused: a member cannot decide, the board chair cannot recommend', async (t) => {
      const s = await considerationSetup(t, dialect);
      const member = await s.browserFor('member');
      assert.equal((await member.get(`${s.base}/decision`)).statusCode, 403);
      assert.equal((await member.get(`${s.base}/decision/check`)).statusCode, 403);
      const chair = await s.browserFor('chair');
      assert.equal((await chair.get(`${s.base}/recommendation`)).statusCode, 403);
      assert.equal((await chair.get(`${s.base}/criteria`)).statusCode, 403);
      assert.equal((await chair.get(`${s.base}/consideration`)).statusCode, 200, 'the chair may read the consideration');
    });

    test("another board's referral is not found through this board's address", async (t) => {
      const s = await considerationSetup(t, dialect);
      const other = await seedBoard(s.services, 'OTHER', { en: 'Other Board', cy: 'Bwrdd Arall' });
      const both = await seedPerson(s.services, {
        roles: [
          { role: 'management_group_chair', boardId: s.board.id },
          { role: 'management_group_chair', boardId: other.id },
        ],
        totp: true,
      });
      const browser = new Browser(s.app);
      await signIn(browser, both, s.clock);
      for (const path of ['consideration', 'criteria', 'recommendation', 'decision-letter.pdf']) {
        assert.equal((await browser.get(`/boards/${other.id}/referrals/${s.referral.id}/${path}`)).statusCode, 404, path);
      }
      const outsider = await seedPerson(s.services, { roles: [{ role: 'business_unit', boardId: other.id }], totp: true });
      const b2 = new Browser(s.app);
      await signIn(b2, outsider, s.clock);
      assert.equal((await b2.get(`${s.base}/consideration`)).statusCode, 404);
      assert.equal((await b2.get(`/boards/${s.board.id}/meetings`)).statusCode, 403);
    });

    test('under a framework with review types, the type is asked on its own page and required', async (t) => {
      const s = await considerationSetup(t, dialect, {
        now: '2020-06-10T09:00:00Z',
        referral: { receivedOn: '2020-06-01', incidentOn: '2020-05-28', child: { fullName: null, dateOfBirthOn: null, address: null, isDeceased: true } },
      });
      const member = await s.browserFor('member');
      assert.equal((await member.submit(`${s.base}/criteria`, await s.criteriaFields())).statusCode, 302);
      const groupChair = await s.browserFor('groupChair');
      const answered = await groupChair.submit(`${s.base}/recommendation`, { route: 'review', reasons: 'Met.' });
      assert.equal(answered.headers.location, `${s.base}/recommendation/type`);
      const missing = await groupChair.submit(`${s.base}/recommendation/type`, {});
      assert.equal(missing.statusCode, 400);
      assert.deepEqual(summary(missing.$), [{ text: 'Select the type of review', href: '#reviewType' }]);
      const typed = await groupChair.submit(`${s.base}/recommendation/type`, { reviewType: 'concise' });
      assert.equal(typed.headers.location, `${s.base}/recommendation/check`);
      const check = await groupChair.get(`${s.base}/recommendation/check`);
      assert.match(check.$('.govuk-summary-list').text(), /Type of review\s*Concise review/);
      await groupChair.submit(`${s.base}/recommendation/check`, {});
      const rec = await s.services.db.kysely.selectFrom('recommendations').selectAll().executeTakeFirstOrThrow();
      assert.equal(rec.review_type, 'concise');
    });

    test('scheduling a meeting needs a real date; the values are kept and nothing is written', async (t) => {
      const s = await considerationSetup(t, dialect);
      const bu = await s.browserFor('businessUnit');
      const res = await bu.submit(`/boards/${s.board.id}/meetings/new`, {
        'meetsOn-day': '',
        'meetsOn-month': '',
        'meetsOn-year': '',
        location: 'Neuadd',
        referralIds: [s.referral.id],
      });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(summary(res.$), [{ text: 'Enter the date of the meeting', href: '#meetsOn-day' }]);
      assert.equal(res.$('#location').val(), 'Neuadd');
      assert.equal(res.$(`input[name="referralIds"][value="${s.referral.id}"]`).attr('checked'), 'checked');
      assert.equal((await s.services.db.kysely.selectFrom('management_group_meetings').selectAll().execute()).length, 0);
      const member = await s.browserFor('member');
      assert.equal((await member.get(`/boards/${s.board.id}/meetings/new`)).statusCode, 403, 'a member does not manage meetings');
      assert.equal((await member.get(`/boards/${s.board.id}/meetings`)).statusCode, 200);
    });
  });
}
