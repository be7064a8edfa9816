// The milestones pages (issue 10 item 5): the plan with its picture and table drawn from the same rows
// (moving a date changes both), the change form's refusals with an error summary, the review page's
// section, Welsh dates, and panel meetings recorded through the pages by the business unit and minuted by
// the panel's chair; a panel member reads them and cannot change them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CheerioAPI } from 'cheerio/slim';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Each milestone as the picture draws it and as the table lists it (key → dates). */
function pictureRows($: CheerioAPI) {
  return $('#milestone-chart svg g[data-key]')
    .map((_, el) => [[$(el).attr('data-key'), $(el).attr('data-original'), $(el).attr('data-planned'), $(el).attr('data-actual')]])
    .get();
}
function tableRows($: CheerioAPI) {
  return $('#milestones-table tbody tr')
    .map((_, el) => [[$(el).attr('data-key'), $(el).attr('data-original'), $(el).attr('data-planned'), $(el).attr('data-actual')]])
    .get();
}

for (const dialect of dialectsUnderTest()) {
  describe(`milestones pages (${dialect})`, () => {
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const clock = new TestClock(new Date('2027-03-01T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const scr = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006', decidedOn: '2027-03-01' });
      const bu = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const browser = new Browser(app);
      await signIn(browser, bu, clock);
      return { app, services, clock, board, scr, bu, browser };
    }

    test('the plan’s picture and table show the same dates; moving a date needs a reason and then changes both', async (t) => {
      const { board, scr, browser, clock, bu } = await setup(t);
      const review = await browser.get(urls.review(board.id, scr.id));
      assert.equal(review.statusCode, 200);
      assert.equal(review.$(`main a[href="${urls.reviewMilestones(board.id, scr.id)}"]`).length, 1);
      const page = await browser.get(urls.reviewMilestones(board.id, scr.id));
      assert.equal(page.statusCode, 200);
      const svg = page.$('#milestone-chart svg');
      assert.equal(svg.attr('role'), 'img');
      assert.match(svg.find('title').text(), new RegExp(`Timeline of the milestones of review ${scr.reference}`));
      assert.match(svg.find('desc').text(), /7 milestones from 1 March 2027 to 1 September 2027/);
      assert.equal(svg.attr('aria-labelledby'), 'milestone-chart-title milestone-chart-desc');
      assert.equal(svg.attr('width'), '100%');
      assert.equal(page.$('#milestone-chart script, #milestone-chart foreignObject').length, 0);
      assert.deepEqual(pictureRows(page.$), tableRows(page.$));
      assert.equal(pictureRows(page.$).length, 7);

      const row = page.$('#milestones-table tbody tr[data-key="agency_reports_due"]');
      const changeUrl = row.find('a').attr('href') ?? '';
      assert.ok(changeUrl);
      const refused = await browser.submit(changeUrl, { version: '1', 'plannedOn-day': '10', 'plannedOn-month': '5', 'plannedOn-year': '2027', reason: '' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.$('.govuk-error-summary').text(), /Enter why the date is changing/);
      const unchanged = await browser.get(urls.reviewMilestones(board.id, scr.id));
      assert.equal(unchanged.$('#milestones-table tbody tr[data-key="agency_reports_due"]').attr('data-planned'), '2027-04-26');

      const done = await browser.submit(changeUrl, {
        version: '1',
        'plannedOn-day': '10',
        'plannedOn-month': '5',
        'plannedOn-year': '2027',
        reason: 'Police disclosure awaited',
      });
      assert.equal(done.statusCode, 302);
      const after = await browser.get(urls.reviewMilestones(board.id, scr.id));
      assert.deepEqual(pictureRows(after.$), tableRows(after.$));
      assert.equal(after.$('#milestone-chart g[data-key="agency_reports_due"]').attr('data-planned'), '2027-05-10');
      const moved = after.$('#milestones-table tbody tr[data-key="agency_reports_due"]');
      assert.match(moved.text(), /26 April 2027/);
      assert.match(moved.text(), /10 May 2027/);
      assert.match(moved.text(), /14 days late/);
      // The picture's slippage bar is drawn where the table says it is late.
      assert.equal(after.$('#milestone-chart g[data-key="agency_reports_due"] rect').length, 1);
      // The history keeps the first date and the reason.
      const history = await browser.get(changeUrl);
      assert.match(history.$('#history-table').text(), /First planned for 26 April 2027/);
      assert.match(history.$('#history-table').text(), /Police disclosure awaited/);
      // A stale form (version 1 again) is told someone changed it.
      const stale = await browser.submit(changeUrl, { version: '1', 'plannedOn-day': '17', 'plannedOn-month': '5', 'plannedOn-year': '2027', reason: 'Again' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.$('.govuk-error-summary').text(), /Someone else changed this/);

      const welsh = await browser.get(`${urls.reviewMilestones(board.id, scr.id)}?lang=cy`);
      assert.equal(welsh.$('h1').text().trim(), 'Cerrig milltir a chyfarfodydd y panel');
      assert.match(welsh.$('#milestones-table').text(), /10 Mai 2027/);
      assert.match(welsh.$('#milestone-chart desc').text(), /1 Mawrth 2027/);
      assert.deepEqual(pictureRows(welsh.$), tableRows(after.$));

      // Two months on, the first panel meeting (15 March) is overdue: the reviews list counts it, and its
      // overdue filter finds the review although its completion clock is on track.
      clock.advance(60 * DAY);
      await signIn(browser, bu, clock);
      const list = await browser.get(urls.reviews(board.id, { overdue: 'yes' }));
      assert.match(list.$('#reviews-table').text(), /Milestones overdue: 1/);
      assert.match(list.$('#reviews-table').text(), new RegExp(scr.reference));
    });

    test('a panel meeting scheduled, held with the panel’s attendance, minuted by the chair; the review page shows the next milestone and what is overdue', async (t) => {
      const { app, services, clock, board, scr, bu, browser } = await setup(t);
      const chair = await seedPerson(services, {
        reviewRoles: [{ role: 'panel_chair', boardId: board.id, reviewId: scr.id }],
        totp: true,
        fullName: 'Chair Person',
      });
      const member = await seedPerson(services, {
        reviewRoles: [{ role: 'panel_member', boardId: board.id, reviewId: scr.id }],
        totp: true,
        fullName: 'Member Person',
      });
      await browser.get(urls.reviewMilestones(board.id, scr.id));
      const form = await browser.get(urls.newPanelMeeting(board.id, scr.id));
      const milestoneId = form.$('input[name="milestoneId"]').eq(1).attr('value') ?? '';
      assert.ok(milestoneId);
      const bad = await browser.submit(urls.newPanelMeeting(board.id, scr.id), { mode: 'online', location: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.$('.govuk-error-summary').text(), /Enter the date of the meeting/);
      const made = await browser.submit(urls.newPanelMeeting(board.id, scr.id), {
        'meetsOn-day': '15',
        'meetsOn-month': '3',
        'meetsOn-year': '2027',
        startsAt: '10:00',
        mode: 'online',
        location: 'Video call',
        agenda: 'Terms of reference\nAgencies involved',
        milestoneId,
      });
      assert.equal(made.statusCode, 302);
      const meetingUrl = made.headers.location ?? '';
      const section = await browser.get(urls.review(board.id, scr.id));
      assert.match(section.$('#milestone-summary').text(), /15 March 2027, 10:00/);

      clock.advance(30 * DAY);
      // (A month later the session has long expired: sign in again.)
      await signIn(browser, bu, clock);
      const meeting = await browser.get(meetingUrl);
      assert.equal(meeting.statusCode, 200, meeting.body.slice(0, 3000));
      assert.deepEqual(
        meeting
          .$('#agenda li')
          .map((_, el) => meeting.$(el).text())
          .get(),
        ['Terms of reference', 'Agencies involved'],
      );
      const held = await browser.submit(
        meetingUrl,
        {
          version: '1',
          [`attendance[${chair.id}]`]: 'present',
          [`attendance[${member.id}]`]: 'apologies',
          guests: 'Dr Rhian Evans, Designated doctor',
        },
        'main form[action$="/held"]',
      );
      assert.equal(held.statusCode, 302);

      const chairBrowser = new Browser(app);
      await signIn(chairBrowser, chair, clock);
      const minuted = await chairBrowser.submit(meetingUrl, {
        version: '2',
        minutes: 'The panel agreed the terms of reference.',
        decisions: 'Ask the health board for its IMR | Business unit | 2027-04-15',
      });
      assert.equal(minuted.statusCode, 302);

      const memberBrowser = new Browser(app);
      await signIn(memberBrowser, member, clock);
      const read = await memberBrowser.get(meetingUrl);
      assert.equal(read.statusCode, 200);
      assert.match(read.$('#attendance-table').text(), /Chair Person/);
      assert.match(read.$('#attendance-table').text(), /Sent apologies/);
      assert.match(read.$('#guests').text(), /Dr Rhian Evans: Designated doctor/);
      assert.match(read.$('#minutes-text').text(), /agreed the terms of reference/);
      assert.match(read.$('#decisions-table').text(), /15 April 2027/);
      assert.equal(read.$('main form[method="post"]').length, 0);
      const memberPlan = await memberBrowser.get(urls.reviewMilestones(board.id, scr.id));
      assert.equal(memberPlan.statusCode, 200);
      assert.equal(memberPlan.$('#milestones-table a').length, 0);
      assert.equal((await memberBrowser.get(urls.newPanelMeeting(board.id, scr.id))).statusCode, 403);

      // The held meeting met its milestone: the plan's first panel meeting is met on 15 March.
      const plan = await browser.get(urls.reviewMilestones(board.id, scr.id));
      assert.equal(plan.$('#milestones-table tbody tr[data-key="panel_meeting_1"]').attr('data-actual'), '2027-03-15');
      const reviewPage = await browser.get(urls.review(board.id, scr.id));
      const summary = reviewPage.$('#milestone-summary').text();
      assert.match(summary, /Agency reports due, 26 April 2027/);
      assert.match(summary, /None scheduled/);
    });

    test('a scheduled meeting changed through its prefilled form (bad input and a stale save refused), then cancelled with a reason; a cancelled meeting cannot be changed or held', async (t) => {
      const { board, scr, browser, clock, bu } = await setup(t);
      await browser.get(urls.reviewMilestones(board.id, scr.id));
      const made = await browser.submit(urls.newPanelMeeting(board.id, scr.id), {
        'meetsOn-day': '15',
        'meetsOn-month': '3',
        'meetsOn-year': '2027',
        startsAt: '10:00',
        mode: 'online',
        location: 'Video call',
        agenda: 'Terms of reference',
      });
      assert.equal(made.statusCode, 302);
      const meetingUrl = made.headers.location ?? '';
      const meetingId = meetingUrl.split('/').at(-1) ?? '';
      const changeUrl = urls.changePanelMeeting(board.id, scr.id, meetingId);

      // The meeting page links to the change form, which is the scheduling form prefilled with the meeting.
      const meeting = await browser.get(meetingUrl);
      assert.equal(meeting.$('#change-meeting').attr('href'), changeUrl);
      const form = await browser.get(changeUrl);
      assert.equal(form.statusCode, 200);
      assert.equal(form.$('h1').text().trim(), 'Change the meeting');
      assert.equal(form.$(`form[action="${changeUrl}"]`).length, 1);
      assert.equal(form.$('input[name="version"]').attr('value'), '1');
      assert.equal(form.$('input[name="meetsOn-day"]').attr('value'), '15');
      assert.equal(form.$('input[name="meetsOn-month"]').attr('value'), '3');
      assert.equal(form.$('input[name="startsAt"]').attr('value'), '10:00');
      assert.equal(form.$('input[name="location"]').attr('value'), 'Video call');
      assert.equal(form.$('input[name="mode"][value="online"]').attr('checked'), 'checked');
      assert.equal(form.$('textarea[name="agenda"]').text().trim(), 'Terms of reference');

      const answers = {
        version: '1',
        'meetsOn-day': '22',
        'meetsOn-month': '3',
        'meetsOn-year': '2027',
        startsAt: '14:00',
        mode: 'in_person',
        location: 'Board room',
        agenda: 'Terms of reference\nAgencies involved',
      };
      const bad = await browser.submit(changeUrl, { ...answers, location: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.$('.govuk-error-summary').text(), /Enter where the panel meets/);
      assert.match((await browser.get(meetingUrl)).$('#meeting-summary').text(), /15 March 2027, 10:00/);

      const changed = await browser.submit(changeUrl, answers);
      assert.equal(changed.statusCode, 302);
      assert.equal(changed.headers.location, meetingUrl);
      const after = await browser.get(meetingUrl);
      assert.match(after.$('#meeting-summary').text(), /22 March 2027, 14:00/);
      assert.match(after.$('#meeting-summary').text(), /In person: Board room/);
      const stale = await browser.submit(changeUrl, { ...answers, startsAt: '15:00' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.$('.govuk-error-summary').text(), /Someone else changed this/);
      assert.equal(stale.$('input[name="startsAt"]').attr('value'), '15:00');
      assert.match((await browser.get(meetingUrl)).$('#meeting-summary').text(), /22 March 2027, 14:00/);

      // Cancelling needs a reason; with one, the meeting is cancelled with who, when and why.
      const cancelForm = 'main form[action$="/cancel"]';
      // After the cancellation the pages have no form: post with the page's token.
      const post = async (url: string, fields: Record<string, string>) => browser.post(url, { ...fields, _csrf: await browser.csrfToken(meetingUrl) });
      const noReason = await browser.submit(meetingUrl, { version: '2', cancelReason: ' ' }, cancelForm);
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.$('.govuk-error-summary').text(), /Enter why the meeting is being cancelled/);
      assert.match((await browser.get(meetingUrl)).$('#meeting-summary').text(), /Scheduled/);
      const cancelled = await browser.submit(meetingUrl, { version: '2', cancelReason: 'The panel chair is unwell' }, cancelForm);
      assert.equal(cancelled.statusCode, 302);
      const shown = await browser.get(meetingUrl);
      const summary = shown.$('#meeting-summary').text();
      assert.match(summary, /Cancelled/);
      assert.match(summary, /The panel chair is unwell/);
      assert.match(summary, /Cancelled by\s*Test Person/);
      assert.equal(shown.$('#change-meeting').length, 0);
      assert.equal(shown.$('main form[method="post"]').length, 0);
      assert.equal(shown.$('#attendance, #minutes').length, 0);
      const plan = await browser.get(urls.reviewMilestones(board.id, scr.id));
      assert.match(plan.$('#meetings-table td[data-cancelled="yes"]').text(), /Cancelled: The panel chair is unwell/);
      // The review page's next panel meeting is never a cancelled one.
      assert.match((await browser.get(urls.review(board.id, scr.id))).$('#milestone-summary').text(), /None scheduled/);
      const welsh = await browser.get(`${meetingUrl}?lang=cy`);
      assert.match(welsh.$('#meeting-summary').text(), /Wedi’i ganslo/);
      await browser.get(`${meetingUrl}?lang=en`);

      // Changed, cancelled again or recorded as held: 409 with the reason, nothing changed.
      const changeAgain = await browser.get(changeUrl);
      assert.equal(changeAgain.statusCode, 409);
      assert.match(changeAgain.$('.govuk-error-summary').text(), /This meeting has been cancelled/);
      assert.equal((await post(changeUrl, { ...answers, version: '3' })).statusCode, 409);
      const again = await post(urls.cancelPanelMeeting(board.id, scr.id, meetingId), { version: '3', cancelReason: 'Again' });
      assert.equal(again.statusCode, 409);
      assert.match(again.$('.govuk-error-summary').text(), /This meeting has been cancelled/);
      clock.advance(30 * DAY);
      await signIn(browser, bu, clock);
      const held = await post(urls.panelMeetingHeld(board.id, scr.id, meetingId), { version: '3', guests: '' });
      assert.equal(held.statusCode, 409);
      assert.match(held.$('.govuk-error-summary').text(), /This meeting has been cancelled/);
      assert.equal(held.$('.govuk-error-summary a').attr('href'), '#meeting-summary');
      const still = await browser.get(meetingUrl);
      assert.match(still.$('#meeting-summary').text(), /The panel chair is unwell/);
      assert.match(still.$('#meeting-summary').text(), /22 March 2027, 14:00/);
    });
  });
}
