// The reviews list and a review's page (issue 10 item 1): what each role sees, the change-stage form with
// its error summary, holds shown with their reason and the clock's paused time, Welsh, and two moves at once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

const DAY = 24 * 60 * 60 * 1000;

for (const dialect of dialectsUnderTest()) {
  describe(`reviews list and review page (${dialect})`, () => {
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const scr = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006' });
      const susr = await seedReview(services, board.id, callers);
      const bu = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const browser = new Browser(app);
      await signIn(browser, bu, clock);
      return { app, services, clock, board, scr, susr, bu, browser };
    }

    test('the business unit finds the reviews from home and the dashboard, lists and filters them, and opens one', async (t) => {
      const { board, scr, susr, browser } = await setup(t);
      const home = await browser.get('/');
      assert.equal(home.$(`main a[href="${urls.reviews(board.id)}"]`).length, 1);
      const dashboard = await browser.get(urls.boardDashboard(board.id));
      assert.equal(dashboard.$(`main a[href="${urls.reviews(board.id)}"]`).length, 1);
      const list = await browser.get(urls.reviews(board.id));
      assert.equal(list.statusCode, 200);
      assert.equal(list.$('h1').text().trim(), 'Reviews');
      const refs = list
        .$('#reviews-table tbody th a')
        .map((_, el) => list.$(el).attr('href'))
        .get();
      assert.deepEqual(refs.sort(), [urls.review(board.id, scr.id), urls.review(board.id, susr.id)].sort());
      assert.match(list.$('#reviews-table').text(), /Decided: review/);
      assert.match(list.$('#reviews-table').text(), /0 days \(0 working days\) of 6 months/);
      const filtered = await browser.get(urls.reviews(board.id, { framework: 'SCR_2006' }));
      assert.deepEqual(
        filtered
          .$('#reviews-table tbody th a')
          .map((_, el) => filtered.$(el).text().trim())
          .get(),
        [scr.reference],
      );
      const page = await browser.get(urls.review(board.id, scr.id));
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text().trim(), scr.reference);
      assert.match(page.$('.govuk-summary-list').first().text(), /Serious Case Review/);
      assert.equal(page.$('#stage-path li[aria-current="step"]').text().replace(/\s+/g, ' ').trim(), 'Decided: review Current stage');
      assert.deepEqual(
        page
          .$('input[name="event"]')
          .map((_, el) => page.$(el).attr('value'))
          .get()
          .sort(),
        ['hold', 'start_scoping', 'withdraw'],
      );
      assert.match(page.$('#timeline-table').text(), /Recorded a decision/);
    });

    test('putting a review on hold: the error summary asks for the reason, then the page shows the hold, the paused clock and the timeline’s reason', async (t) => {
      const { services, clock, board, scr, bu, browser } = await setup(t);
      const pageUrl = urls.review(board.id, scr.id);
      const refused = await browser.submit(pageUrl, { event: 'hold', from: 'DECIDED_PROCEED', reason: 'The criminal trial is listed.' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.$('.govuk-error-summary').text(), /Select why the review is on hold/);
      assert.equal(refused.$('textarea[name="reason"]').text().trim(), 'The criminal trial is listed.');
      const done = await browser.submit(pageUrl, {
        event: 'hold',
        from: 'DECIDED_PROCEED',
        holdReason: 'criminal_proceedings',
        reason: 'The criminal trial is listed.',
      });
      assert.equal(done.statusCode, 302);
      assert.equal(done.headers.location, pageUrl);
      clock.advance(20 * DAY);
      await signIn(browser, bu, clock);
      const page = await browser.get(pageUrl);
      assert.match(page.$('.govuk-summary-list').first().text(), /On hold since 27 November 2026/);
      assert.match(page.$('#holds-table').text(), /Criminal proceedings: The criminal trial is listed\./);
      assert.match(page.$('main').text(), /20 days/);
      assert.match(page.$('#timeline-table').text(), /Reason: The criminal trial is listed\./);
      assert.deepEqual(
        page
          .$('input[name="event"]')
          .map((_, el) => page.$(el).attr('value'))
          .get()
          .sort(),
        ['resume', 'withdraw'],
      );
      const onHold = await browser.get(urls.reviews(board.id, { onHold: 'yes' }));
      assert.equal(onHold.$('#reviews-table tbody tr').length, 1);
      assert.match(onHold.$('#reviews-table').text(), /On hold/);
      // A move from a stage the review has left is a conflict, shown in the error summary.
      const stale = await browser.submit(pageUrl, { event: 'hold', from: 'DECIDED_PROCEED', holdReason: 'inquest', reason: 'x' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.$('.govuk-error-summary').text(), /Someone else changed this record/);
      const row = await services.db.kysely.selectFrom('reviews').select('stage').where('id', '=', scr.id).executeTakeFirstOrThrow();
      assert.equal(row.stage, 'ON_HOLD:DECIDED_PROCEED');
    });

    test('in Welsh', async (t) => {
      const { board, scr, browser } = await setup(t);
      const list = await browser.get(`${urls.reviews(board.id)}?lang=cy`);
      assert.equal(list.$('h1').text().trim(), 'Adolygiadau');
      const page = await browser.get(urls.review(board.id, scr.id));
      assert.match(page.$('#change-stage').text(), /Newid y cam/);
      assert.match(page.$('main').text(), /Dechrau cwmpasu/);
    });

    test('a panel chair lists and opens only their review and cannot move it; another board’s business unit is refused', async (t) => {
      const { app, services, clock, board, scr, susr } = await setup(t);
      const panel = await seedPerson(services, { reviewRoles: [{ role: 'panel_chair', boardId: board.id, reviewId: susr.id }], totp: true });
      const browser = new Browser(app);
      await signIn(browser, panel, clock);
      const list = await browser.get(urls.reviews(board.id));
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list
          .$('#reviews-table tbody th a')
          .map((_, el) => list.$(el).text().trim())
          .get(),
        [susr.reference],
      );
      assert.equal((await browser.get(urls.review(board.id, susr.id))).statusCode, 200);
      assert.equal((await browser.get(urls.review(board.id, scr.id))).statusCode, 403);
      const page = await browser.get(urls.review(board.id, susr.id));
      assert.equal(page.$('input[name="event"]').length, 0);
      const token = String(page.$('input[name="_csrf"]').first().val() ?? (await browser.csrfToken(urls.reviews(board.id))));
      const moved = await browser.post(urls.reviewMove(board.id, susr.id), { _csrf: token, event: 'withdraw', reason: 'x' });
      assert.equal(moved.statusCode, 403);
      const other = await seedBoard(services, 'OTHER');
      const otherBu = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: other.id }], totp: true });
      const outsider = new Browser(app);
      await signIn(outsider, otherBu, clock);
      assert.equal((await outsider.get(urls.reviews(board.id))).statusCode, 403);
      assert.equal((await outsider.get(urls.review(other.id, scr.id))).statusCode, 404);
    });

    if (dialect === 'postgres') {
      test('two people move the same review at once: one succeeds, the other is told it moved meanwhile (409)', async (t) => {
        const { app, services, clock, board, scr, browser } = await setup(t);
        const second = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
        const other = new Browser(app);
        await signIn(other, second, clock);
        const pageUrl = urls.review(board.id, scr.id);
        const [a, b] = await Promise.all([browser.csrfToken(pageUrl), other.csrfToken(pageUrl)]);
        const answers = await Promise.all([
          browser.post(urls.reviewMove(board.id, scr.id), { _csrf: a, event: 'start_scoping', from: 'DECIDED_PROCEED', reason: '' }),
          other.post(urls.reviewMove(board.id, scr.id), { _csrf: b, event: 'withdraw', from: 'DECIDED_PROCEED', reason: 'No longer needed.' }),
        ]);
        assert.deepEqual(answers.map((r) => r.statusCode).sort(), [302, 409]);
        const transitions = await services.db.kysely.selectFrom('record_transitions').select('event').where('record_id', '=', scr.id).execute();
        assert.equal(transitions.length, 2, 'the creation and one move');
      });
    }
  });
}
