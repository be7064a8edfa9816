// The practitioners' learning event's pages over HTTP with real CSRF tokens (issue 10 item 7), on both
// databases: the business unit plans the event with a facilitator and invites a practitioner (shown by role and
// number; the name only to the business unit); the facilitator records attendance, notes and learning; the
// review page's section; a Serious Case Review's page says it has none and its forms are refused; bad answers
// get the error summary (in Welsh too) and write nothing; an agency's people and another board find nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, type TestApp, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`learning event pages (${dialect})`, () => {
    const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
    let built: TestApp;
    let w: Awaited<ReturnType<typeof world>>;

    async function world() {
      const { app, services } = built;
      const board = await seedBoard(services, 'DYSG');
      const other = await seedBoard(services, 'ARAL');
      const callers = await reviewCallers(services, board.id);
      const police = await seedAgency(services, [board.id]);
      const cpr = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016', decidedOn: '2026-11-23' });
      const scr = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006' });
      const row = await services.db.kysely.selectFrom('reviews').select('referral_id').where('id', '=', cpr.id).executeTakeFirstOrThrow();
      await services.db.kysely.insertInto('referral_agencies').values({ referral_id: row.referral_id, agency_id: police.id }).execute();
      const browserFor = async (person: { email: string; totpSecret?: string }) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const reviewerPerson = await seedPerson(services, {
        fullName: 'Morgan Reviewer',
        reviewRoles: [{ role: 'author', boardId: board.id, reviewId: cpr.id }],
        totp: true,
      });
      const reviewer = await browserFor(reviewerPerson);
      const bu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }));
      const member = await browserFor(await seedPerson(services, { reviewRoles: [{ role: 'panel_member', boardId: board.id, reviewId: cpr.id }], totp: true }));
      const contributor = await browserFor(
        await seedPerson(services, {
          agencyId: police.id,
          reviewRoles: [{ role: 'agency_contributor', boardId: board.id, reviewId: cpr.id, agencyId: police.id }],
          totp: true,
        }),
      );
      const otherBu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: other.id }], totp: true }));
      const page = urls.reviewLearningEvent(board.id, cpr.id);
      const count = async (table: 'learning_events' | 'learning_event_invitations' | 'learning_points') =>
        (await services.db.kysely.selectFrom(table).select('id').execute()).length;
      return { services, board, other, police, cpr, scr, reviewerPerson, reviewer, bu, member, contributor, otherBu, page, count };
    }

    before(async () => {
      built = await buildTestApp(undefined, dialect, { clock });
      w = await world();
    });
    after(() => built.close());

    test('a Serious Case Review says it has no learning event, and planning one is refused', async () => {
      const res = await w.bu.get(urls.reviewLearningEvent(w.board.id, w.scr.id));
      assert.equal(res.statusCode, 200);
      assert.equal(res.$('#not-for-framework').length, 1);
      const plan = await w.bu.get(urls.newLearningEvent(w.board.id, w.scr.id));
      assert.equal(plan.statusCode, 409);
      assert.match(plan.$('.govuk-error-summary').text(), /no learning event/);
      const review = await w.bu.get(urls.review(w.board.id, w.scr.id));
      assert.match(review.$('#learning-event').parent().text(), /framework has no learning event/);
    });

    test('bad answers get the error summary, in Welsh too, and nothing is written; agencies and other boards find nothing', async () => {
      const newPage = urls.newLearningEvent(w.board.id, w.cpr.id);
      const empty = await w.bu.submit(newPage, {});
      assert.equal(empty.statusCode, 400);
      const summary = empty.$('.govuk-error-summary').text();
      for (const text of ['Enter the date of the event', 'Select how the event will be held', 'Enter the venue', 'Select at least one facilitator'])
        assert.match(summary, new RegExp(text));
      await w.bu.get(`${w.page}?lang=cy`);
      const welsh = await w.bu.submit(newPage, { venue: 'Neuadd' });
      assert.match(welsh.$('.govuk-error-summary').text(), /Rhowch ddyddiad y digwyddiad/);
      await w.bu.get(`${w.page}?lang=en`);
      assert.equal(await w.count('learning_events'), 0);
      assert.equal((await w.contributor.get(w.page)).statusCode, 403);
      assert.equal((await w.member.get(newPage)).statusCode, 403);
      assert.equal((await w.otherBu.get(urls.reviewLearningEvent(w.other.id, w.cpr.id))).statusCode, 404);
    });

    test('planned, invited, held, attendance, notes and learning through the pages; the section on the review page', async () => {
      const planned = await w.bu.submit(urls.newLearningEvent(w.board.id, w.cpr.id), {
        'heldOn-day': '26',
        'heldOn-month': '11',
        'heldOn-year': '2026',
        startsAt: '10:00',
        mode: 'online',
        venue: 'Microsoft Teams (link sent separately)',
        facilitatorIds: w.reviewerPerson.id,
      });
      assert.equal(planned.statusCode, 302, planned.body);
      const [event] = await w.services.db.kysely.selectFrom('learning_events').select('id').execute();
      assert.ok(event);
      const invited = await w.bu.submit(urls.learningEventInvite(w.board.id, w.cpr.id, event.id), {
        agencyId: w.police.id,
        practitionerRole: 'police_officer',
        fullName: 'Dewi Constable',
        email: 'dewi.constable@police.example',
        language: 'en',
      });
      assert.equal(invited.statusCode, 302, invited.body);
      const buPage = await w.bu.get(w.page);
      assert.match(buPage.$('.invitations-table').text(), /Police officer 1/);
      assert.match(buPage.$('.invitations-table').text(), /Dewi Constable/);
      const memberPage = await w.member.get(`${w.page}?lang=cy`);
      assert.match(memberPage.$('.invitations-table').text(), /Swyddog heddlu 1/);
      assert.doesNotMatch(memberPage.body, /Dewi Constable/, 'a panel member sees the role and number only');
      await w.member.get(`${w.page}?lang=en`);

      const held = await w.bu.post(urls.learningEventStatus(w.board.id, w.cpr.id, event.id), {
        to: 'held',
        _csrf: String((await w.bu.get(urls.learningEvent(w.board.id, w.cpr.id, event.id))).$('input[name="_csrf"]').first().val()),
      });
      assert.equal(held.statusCode, 302, held.body);
      const [invitation] = await w.services.db.kysely.selectFrom('learning_event_invitations').select('id').execute();
      assert.ok(invitation);
      const attendance = await w.reviewer.submit(urls.learningEventAttendance(w.board.id, w.cpr.id, event.id), { [`status-${invitation.id}`]: 'attended' });
      assert.equal(attendance.statusCode, 302, attendance.body);
      const notes = await w.reviewer.submit(urls.learningEventNotes(w.board.id, w.cpr.id, event.id), { notes: 'Police officer 1 explained the call-out.' });
      assert.equal(notes.statusCode, 302, notes.body);
      const badPoint = await w.reviewer.submit(urls.learningEventLearning(w.board.id, w.cpr.id, event.id), { text: 'No theme' });
      assert.equal(badPoint.statusCode, 400);
      assert.match(badPoint.$('.govuk-error-summary').text(), /Select a theme/);
      assert.equal(await w.count('learning_points'), 0);
      const point = await w.reviewer.submit(urls.learningEventLearning(w.board.id, w.cpr.id, event.id), {
        theme: 'information_sharing',
        text: 'Call-outs were not shared with health.',
        agencyIds: w.police.id,
      });
      assert.equal(point.statusCode, 302, point.body);
      const after = await w.member.get(w.page);
      assert.match(after.$('.invitations-table').text(), /Attended/);
      assert.match(after.$('.notes').text(), /explained the call-out/);
      assert.match(after.$('#points-table').text(), /Information sharing/);
      const review = await w.member.get(urls.review(w.board.id, w.cpr.id));
      assert.match(review.$('#learning-event').parent().text(), /Held, 26 November 2026/);
      assert.equal(review.$(`main a[href="${w.page}"]`).length, 1);
    });
  });
}
