// Simultaneous decisions through the pages (issue 8 §2, the safety net): board chairs who submit the same
// referral's decision at the same moment each get a clear answer, never a server error: one decision is
// recorded, the others are told the referral has been decided (in the error summary when the unique key
// refused theirs, or on the "already decided" page when the first had already been saved). Meaningful on
// PostgreSQL, where the transactions run side by side; run on both.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { as, callerWithRole, criteriaAnswers } from '../../../testing/case-fixtures.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { Browser, signIn } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { considerationSetup } from './test-setup.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`simultaneous decisions through the pages (${dialect})`, () => {
    test('four chairs record the same decision at once: one is recorded, the others are told it is decided; no 500', async (t) => {
      const s = await considerationSetup(t, dialect);
      const { app, services, board, referral, base, clock } = s;
      const mg = await callerWithRole(services, 'management_group_member', board.id);
      const mgChair = await callerWithRole(services, 'management_group_chair', board.id);
      const { framework } = await services.consideration.frameworkFor(mg, referral.id);
      const answers = criteriaAnswers(framework);
      await services.consideration.recordAssessment(as(mg, 'CRITERIA_ASSESSED'), referral.id, { meetingId: null, answers });
      await services.consideration.submitRecommendation(as(mgChair, 'RECOMMENDATION_SUBMITTED'), referral.id, {
        route: 'review',
        reviewType: null,
        reasons: 'The statutory criteria are met.',
        dissent: null,
      });

      // Each chair answers the decision pages and reaches check answers with a CSRF token in hand.
      const chairs = [];
      for (let i = 0; i < 4; i++) {
        const person = await seedPerson(services, { fullName: `Chair ${i}`, roles: [{ role: 'board_chair', boardId: board.id }], totp: true });
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        const answered = await browser.submit(`${base}/decision`, {
          agree: 'agree',
          rationale: `Chair ${i} agrees.`,
          'decidedOn-day': '27',
          'decidedOn-month': '11',
          'decidedOn-year': '2026',
        });
        assert.equal(answered.headers.location, `${base}/decision/check`);
        chairs.push({ browser, token: await browser.csrfToken(`${base}/decision/check`) });
      }
      const results = await Promise.all(chairs.map((c) => c.browser.post(`${base}/decision/check`, { _csrf: c.token })));
      assert.equal(results.filter((r) => r.statusCode === 302).length, 1, results.map((r) => r.statusCode).join(' '));
      for (const r of results.filter((x) => x.statusCode !== 302)) {
        assert.ok([400, 409].includes(r.statusCode), String(r.statusCode));
        const told = r.statusCode === 400 ? r.$('.govuk-error-summary').text() : r.$('.app-refused-message').text();
        assert.match(told, /This referral has already been decided/);
      }
      assert.equal((await services.db.kysely.selectFrom('decisions').selectAll().execute()).length, 1);
      assert.equal((await services.db.kysely.selectFrom('reviews').selectAll().execute()).length, 1);
      assert.equal((await services.audit.verify()).ok, true);
    });
  });
}
