// The recommendation and the decision as journeys (src/http/journeys): pages in order, change links that
// return to check answers, and answers dropped when the page that asked them no longer applies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { considerationSetup } from './test-setup.ts';

const today = { 'decidedOn-day': '27', 'decidedOn-month': '11', 'decidedOn-year': '2026' };

for (const dialect of dialectsUnderTest()) {
  describe(`recommendation and decision journeys (${dialect})`, () => {
    test('the decision: pages cannot be reached out of order; a change from check answers returns there; differing then agreeing drops the route', async (t) => {
      const s = await considerationSetup(t, dialect);
      const member = await s.browserFor('member');
      await member.submit(`${s.base}/criteria`, await s.criteriaFields());
      const groupChair = await s.browserFor('groupChair');
      await groupChair.submit(`${s.base}/recommendation`, { route: 'no_review', reasons: 'Criteria not met.' });
      assert.equal((await groupChair.submit(`${s.base}/recommendation/check`, {})).statusCode, 302);
      const chair = await s.browserFor('chair');

      // Nothing answered yet: the route page and check answers send the reader to the first page.
      assert.equal((await chair.get(`${s.base}/decision/route`)).headers.location, `${s.base}/decision`);
      assert.equal((await chair.get(`${s.base}/decision/check`)).headers.location, `${s.base}/decision`);

      const differ = await chair.submit(`${s.base}/decision`, { agree: 'differ', rationale: 'A forum will do.', ...today });
      assert.equal(differ.headers.location, `${s.base}/decision/route`);
      assert.equal((await chair.submit(`${s.base}/decision/route`, { route: 'multi_agency_professional_forum' })).headers.location, `${s.base}/decision/check`);
      const check = await chair.get(`${s.base}/decision/check`);
      const change = check.$('#change-route').attr('href');
      assert.equal(change, `${s.base}/decision/route?returnTo=check-answers`);
      assert.equal(check.$('.govuk-back-link').attr('href'), `${s.base}/decision/route`);

      // A change of route returns straight to check answers.
      const changed = await chair.submit(change ?? '', { route: 'no_review' });
      assert.equal(changed.headers.location, `${s.base}/decision/check`);

      // Agreeing after all: the route page no longer applies, its answer is dropped, and check answers shows the recommendation's.
      const agreed = await chair.submit(`${s.base}/decision?returnTo=check-answers`, { agree: 'agree', rationale: 'On reflection, agreed.', ...today });
      assert.equal(agreed.headers.location, `${s.base}/decision/check`);
      assert.equal((await chair.get(`${s.base}/decision/route`)).headers.location, `${s.base}/decision/check`, 'the route page is closed');
      const agreeing = await chair.get(`${s.base}/decision/check`);
      assert.match(agreeing.$('.govuk-summary-list').text(), /I agree with the recommendation[\s\S]*No review/);
      assert.equal(agreeing.$('#change-route').attr('href'), `${s.base}/decision?returnTo=check-answers`);
      assert.equal(agreeing.$('.govuk-back-link').attr('href'), `${s.base}/decision`);

      // Differing again asks the route again (the earlier answer was dropped), then returns to check answers.
      const again = await chair.submit(`${s.base}/decision?returnTo=check-answers`, { agree: 'differ', rationale: 'A forum will do.', ...today });
      assert.equal(again.headers.location, `${s.base}/decision/route?returnTo=check-answers`);
      const routePage = await chair.get(`${s.base}/decision/route?returnTo=check-answers`);
      assert.equal(routePage.$('input[name="route"]:checked').length, 0, 'no route chosen');
      assert.equal(routePage.$('.govuk-back-link').attr('href'), `${s.base}/decision/check`);

      assert.equal(
        (await chair.submit(`${s.base}/decision/route?returnTo=check-answers`, { route: 'no_review' })).headers.location,
        `${s.base}/decision/check`,
      );
      assert.equal((await chair.submit(`${s.base}/decision/check`, {})).headers.location, `${s.base}/decision/recorded`);
      const decision = await s.services.db.kysely.selectFrom('decisions').selectAll().executeTakeFirstOrThrow();
      assert.equal(decision.route, 'no_review');
      assert.equal(decision.rationale, 'A forum will do.');
      // The draft is gone: the journey starts afresh (and is closed now the referral is decided).
      assert.equal((await chair.get(`${s.base}/decision`)).statusCode, 409);
    });

    test('the recommendation: a review asks its type; changing to no review drops the type; the draft survives leaving the page', async (t) => {
      const s = await considerationSetup(t, dialect);
      const member = await s.browserFor('member');
      await member.submit(`${s.base}/criteria`, await s.criteriaFields());
      const groupChair = await s.browserFor('groupChair');

      const review = await groupChair.submit(`${s.base}/recommendation`, { route: 'review', reasons: 'The criteria are met.' });
      assert.equal(review.headers.location, `${s.base}/recommendation/type`);
      assert.equal((await groupChair.get(`${s.base}/recommendation/check`)).headers.location, `${s.base}/recommendation/type`, 'the type first');
      await groupChair.submit(`${s.base}/recommendation/type`, { reviewType: 'extended' });
      const check = await groupChair.get(`${s.base}/recommendation/check`);
      assert.match(check.$('.govuk-summary-list').text(), /Extended/);
      assert.equal(check.$('#change-reviewType').attr('href'), `${s.base}/recommendation/type?returnTo=check-answers`);

      // Leaving and coming back keeps the answers (the draft is in the session).
      const again = await groupChair.get(`${s.base}/recommendation`);
      assert.equal(again.$('input[name="route"]:checked').val(), 'review');
      assert.equal(again.$('#reasons').text().trim(), 'The criteria are met.');

      const noReview = await groupChair.submit(`${s.base}/recommendation?returnTo=check-answers`, { route: 'no_review', reasons: 'Not met after all.' });
      assert.equal(noReview.headers.location, `${s.base}/recommendation/check`);
      const without = await groupChair.get(`${s.base}/recommendation/check`);
      assert.equal(without.$('#change-reviewType').length, 0, 'no type for no review');
      assert.equal((await groupChair.get(`${s.base}/recommendation/type`)).headers.location, `${s.base}/recommendation/check`);

      // Back to a review: the type is asked again, then check answers.
      const back = await groupChair.submit(`${s.base}/recommendation?returnTo=check-answers`, { route: 'review', reasons: 'Met.' });
      assert.equal(back.headers.location, `${s.base}/recommendation/type?returnTo=check-answers`);
      assert.equal(
        (await groupChair.submit(`${s.base}/recommendation/type?returnTo=check-answers`, { reviewType: 'concise' })).headers.location,
        `${s.base}/recommendation/check`,
      );
      assert.equal((await groupChair.submit(`${s.base}/recommendation/check`, {})).statusCode, 302);
      const stored = await s.services.db.kysely.selectFrom('recommendations').selectAll().executeTakeFirstOrThrow();
      assert.equal(stored.route, 'review');
      assert.equal(stored.review_type, 'concise');
    });
  });
}
