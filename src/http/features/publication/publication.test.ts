// A review's publication pages (issue 13 item 4; real CSRF tokens), on both databases: the review page links to
// it; the business unit's decision form refuses bad answers with the error summary in the reader's language
// (English and Welsh) and writes nothing, then records the decision; the gates list what is still missing; the
// welfare check's form; the board chair approves on the page; an agency's contributor is refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedAgency } from '../../../testing/admin-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedPreparingReview } from '../../../testing/publication-fixtures.ts';
import { reviewCallers } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`publication pages (${dialect})`, () => {
    test('decision (errors in English and Welsh, then saved), gates, welfare check, the chair’s approval, refusal', async (t) => {
      const clock = new TestClock(new Date('2026-12-14T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const police = await seedAgency(services, { boardIds: [board.id], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' });
      const { review } = await seedPreparingReview(services, board.id, callers, police.id);
      const browserFor = async (person: { email: string; totpSecret?: string }) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const bu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }));
      const chair = await browserFor(await seedPerson(services, { roles: [{ role: 'board_chair', boardId: board.id }], totp: true }));
      const contributor = await browserFor(
        await seedPerson(services, {
          reviewRoles: [{ role: 'agency_contributor', boardId: board.id, reviewId: review.id, agencyId: police.id }],
          agencyId: police.id,
          totp: true,
        }),
      );
      const page = urls.reviewPublication(board.id, review.id);
      const decisionUrl = urls.reviewPublicationDecision(board.id, review.id);
      const rows = async () => (await services.db.kysely.selectFrom('review_publications').select('revision').execute()).length;

      const reviewPage = await bu.get(urls.review(board.id, review.id));
      assert.equal(reviewPage.$(`main a[href="${page}"]`).length, 1, 'the review page links to the publication');
      const first = await bu.get(page);
      assert.equal(first.statusCode, 200, first.body);
      assert.match(first.$('#decision').text(), /has not been recorded yet/);
      assert.equal(first.$('#gates li').length, 7);

      const bad = await bu.submit(decisionUrl, { reasons: '', releaseTime: 'noon' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.$('title').text(), /^Error: /);
      assert.deepEqual(
        bad
          .$('.govuk-error-summary a')
          .map((_, a) => bad.$(a).attr('href'))
          .get(),
        ['#choice', '#reasons', '#releaseDate-day', '#releaseTime'],
      );
      const welsh = await bu.submit(`${decisionUrl}?lang=cy`, { reasons: '' });
      assert.match(welsh.$('title').text(), /^Gwall: /);
      assert.match(welsh.$('.govuk-error-summary').text(), /Dewiswch beth fydd yn cael ei gyhoeddi/);
      assert.equal(await rows(), 0, 'nothing written');
      await bu.get(`${page}?lang=en`);

      const saved = await bu.submit(decisionUrl, {
        choice: 'summary',
        reasons: 'The learning should be shared.',
        'releaseDate-day': '20',
        'releaseDate-month': '1',
        'releaseDate-year': '2027',
        releaseTime: '09:30',
        pressStatementEn: 'Published today.',
        pressStatementCy: 'Cyhoeddwyd heddiw.',
        withdrawAfterMonths: '24',
        revision: '0',
      });
      assert.equal(saved.statusCode, 302, saved.body);
      const after = await bu.get(page);
      assert.match(after.$('#decision').text(), /The executive summary only/);
      assert.match(after.$('#decision').text(), /09:30 on 20 January 2027/);
      assert.match(after.$('#gates').text(), /No welfare check of the surviving children has been recorded/);

      const welfareUrl = urls.reviewPublicationWelfare(board.id, review.id);
      const badWelfare = await bu.submit(welfareUrl, { 'checkedOn-day': '31', 'checkedOn-month': '2', 'checkedOn-year': '2026', note: '', revision: '1' });
      assert.equal(badWelfare.statusCode, 400);
      assert.deepEqual(
        badWelfare
          .$('.govuk-error-summary a')
          .map((_, a) => badWelfare.$(a).attr('href'))
          .get(),
        ['#checkedOn-day', '#note'],
      );
      const welfare = await bu.submit(welfareUrl, {
        'checkedOn-day': '10',
        'checkedOn-month': '12',
        'checkedOn-year': '2026',
        note: 'No surviving siblings.',
        revision: '1',
      });
      assert.equal(welfare.statusCode, 302, welfare.body);

      const chairPage = await chair.get(page);
      assert.equal(chairPage.$('#approve').length, 1, 'the chair may approve');
      assert.equal((await bu.get(page)).$('#approve').length, 0, 'the business unit may not');
      const approved = await chair.submit(page, { revision: chairPage.$('#approve input[name="revision"]').val() as string }, '#approve');
      assert.equal(approved.statusCode, 302, approved.body);
      const cy = await chair.get(`${page}?lang=cy`);
      assert.match(cy.$('#decision').text(), /Wedi’i gymeradwyo/);
      assert.match(cy.$('#decision').text(), /20 Ionawr 2027/);

      assert.equal((await contributor.get(page)).statusCode, 403);
      assert.equal((await contributor.get(decisionUrl)).statusCode, 403);
    });
  });
}
