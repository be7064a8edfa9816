// Frameworks per board, through the pages (issue 9): a board chooses in its settings which of its nation's
// other frameworks it runs; the management group chooses among them, the statutory one pre-selected, and
// is warned when it chooses another; a Welsh board in 2026 takes a referral to a review under the SCR
// process of its founding procedures. The recommendation pages show what the analysis indicated and warn
// when the recommendation departs from it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getFramework } from '../../../domain/frameworks/index.ts';
import { MUST_ANSWERS } from '../../../testing/case-fixtures.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { Browser, signIn } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { considerationSetup } from './test-setup.ts';

/** Form fields answering every SCR criterion: the "must" answers, else 'Not known yet'. */
function scrFields(): Record<string, string> {
  const fields: Record<string, string> = { framework: 'SCR_2006' };
  for (const q of getFramework('SCR_2006').questions) {
    const a = MUST_ANSWERS[q.id];
    fields[q.id] = a?.answer ?? 'unknown';
    fields[`${q.id}Facts`] = a?.facts ?? '';
  }
  return fields;
}

for (const dialect of dialectsUnderTest()) {
  describe(`frameworks per board, through the pages (${dialect})`, () => {
    test('a board chooses in its settings to run SCR too; the group chooses it, warned; the referral goes to a review under SCR', async (t) => {
      const s = await considerationSetup(t, dialect);
      const { services, board, base, referral } = s;

      // By default the board runs only the statutory framework: no choice is offered.
      const member = await s.browserFor('member');
      const onlyStatutory = await member.get(`${base}/criteria`);
      assert.equal(onlyStatutory.$('h1').text().trim(), 'Criteria analysis');
      assert.equal(onlyStatutory.$('input[name="framework"]').val(), 'SUSR_2024');
      assert.equal(onlyStatutory.$('.govuk-warning-text').length, 0);

      // The administrator chooses SCR in the board's settings; a framework of another nation is refused.
      const admin = await seedPerson(services, { fullName: 'Alun Gweinyddwr', roles: [{ role: 'administrator', boardId: board.id }], totp: true });
      const adminBrowser = new Browser(s.app);
      await signIn(adminBrowser, admin, s.clock);
      const form = await adminBrowser.get(`/boards/${board.id}/settings`);
      const offered = form
        .$('input[name="frameworks"]')
        .map((_, el) => form.$(el).attr('value'))
        .get();
      assert.ok(offered.includes('SCR_2006'), 'the founding SCR process is offered');
      assert.ok(!offered.includes('SUSR_2024'), 'the statutory framework is always run, not offered');
      assert.ok(!offered.includes('CSPR_2018'), 'no framework of another nation');
      const wrong = await adminBrowser.submit(`/boards/${board.id}/settings`, { holidayRegion: 'wales', frameworks: 'CSPR_2018' });
      assert.equal(wrong.statusCode, 400);
      assert.deepEqual((await services.consideration.settings(board.id)).frameworks, []);
      const saved = await adminBrowser.submit(`/boards/${board.id}/settings`, { holidayRegion: 'wales', frameworks: 'SCR_2006' });
      assert.equal(saved.statusCode, 302);
      assert.deepEqual((await services.consideration.settings(board.id)).frameworks, ['SCR_2006']);
      assert.equal((await adminBrowser.get(`/boards/${board.id}/settings`)).$('input[name="frameworks"][value="SCR_2006"]:checked').length, 1);

      // The group is asked which framework, the statutory one pre-selected.
      const choice = await member.get(`${base}/criteria`);
      assert.equal(choice.statusCode, 200);
      assert.deepEqual(
        choice
          .$('input[name="framework"]')
          .map((_, el) => choice.$(el).attr('value'))
          .get(),
        ['SUSR_2024', 'SCR_2006'],
      );
      assert.equal(choice.$('input[name="framework"]:checked').val(), 'SUSR_2024');
      const statutory = await member.get(`${base}/criteria?framework=SUSR_2024`);
      assert.equal(statutory.$('.govuk-warning-text').length, 0, 'no warning for the statutory framework');

      // Choosing SCR: warned, asked SCR's questions only, and the analysis records the choice.
      const scr = await member.get(`${base}/criteria?framework=SCR_2006`);
      assert.match(scr.$('.govuk-warning-text').text(), /the criteria of the Serious Case Review[\s\S]*The statutory framework today is the Single Unified/);
      assert.equal(scr.$('input[name="framework"]').val(), 'SCR_2006');
      assert.equal(scr.$('input[type="checkbox"]').length, 0, 'SCR has no other review streams');
      assert.equal((await member.get(`${base}/criteria?framework=CSPR_2018`)).statusCode, 302, 'a framework the board does not run: choose again');
      const analysed = await member.submit(`${base}/criteria`, scrFields());
      assert.equal(analysed.statusCode, 302, analysed.$('.govuk-error-summary').text());
      const assessment = await services.db.kysely
        .selectFrom('criteria_assessments')
        .selectAll()
        .where('referral_id', '=', referral.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([assessment.framework_id, assessment.statutory_framework_id, assessment.outcome], ['SCR_2006', 'SUSR_2024', 'must']);
      const consideration = await member.get(`${base}/consideration`);
      assert.match(consideration.$('main').text(), /The group chose the Serious Case Review[\s\S]*the statutory framework on that day was the Single Unified/);

      // The recommendation: what the analysis indicated; a warning where the route departs from it; none where it agrees.
      const groupChair = await s.browserFor('groupChair');
      const recommendation = await groupChair.get(`${base}/recommendation`);
      assert.match(recommendation.$('.app-indicated').text().replace(/\s+/g, ' '), /Serious Case Review criteria indicated: Must hold a review\./);
      await groupChair.submit(`${base}/recommendation`, { route: 'no_review', reasons: 'Learning is better taken elsewhere.' });
      const departing = await groupChair.get(`${base}/recommendation/check`);
      assert.equal(departing.$('.app-departure').length, 1, 'no review where the analysis says one must be held: warned');
      assert.match(departing.$('.app-departure').text(), /Must hold a review/);
      const answered = await groupChair.submit(`${base}/recommendation`, { route: 'review', reasons: 'The criteria are met.' });
      assert.equal(answered.headers.location, `${base}/recommendation/check`, 'SCR has no review types');
      const agreeing = await groupChair.get(`${base}/recommendation/check`);
      assert.equal(agreeing.$('.app-departure').length, 0);
      assert.equal((await groupChair.submit(`${base}/recommendation/check`, {})).statusCode, 302);

      // The board chair agrees: the review runs under SCR, in the stage its decision names.
      const chair = await s.browserFor('chair');
      await chair.submit(`${base}/decision`, {
        agree: 'agree',
        rationale: 'I agree.',
        'decidedOn-day': '27',
        'decidedOn-month': '11',
        'decidedOn-year': '2026',
      });
      assert.equal((await chair.submit(`${base}/decision/check`, {})).headers.location, `${base}/decision/recorded`);
      const review = await services.db.kysely.selectFrom('reviews').selectAll().where('referral_id', '=', referral.id).executeTakeFirstOrThrow();
      assert.deepEqual([review.framework_id, review.stage, review.review_type], ['SCR_2006', 'DECIDED_PROCEED', null]);
    });
  });
}
