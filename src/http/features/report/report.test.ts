// A review's report (issue 10 item 10) through the pages: the author drafts a section (a stale save answers 409
// and keeps nothing), submits for QA; a panel member comments and the author resolves; the panel chair signs
// off QA; the board chair's acceptance is refused with each R4 reason listed until the review recommendations
// have their target dates and someone responsible; the version's changes and its documents in English and
// Welsh; the review page's section; other boards' reviews not found.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedAgency } from '../../../testing/admin-fixtures.ts';
import { as as as_ } from '../../../testing/case-fixtures.ts';
import { type SeededPerson, seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { CPR_TO_DRAFTING, moveReview } from '../../../testing/report-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

type Page = Awaited<ReturnType<Browser['get']>>;
const text = (page: Page, selector: string) => page.$(selector).text().replace(/\s+/g, ' ').trim();
const csrf = (page: Page) => String(page.$('input[name="_csrf"]').first().val());

for (const dialect of dialectsUnderTest()) {
  describe(`review report pages (${dialect})`, () => {
    test('draft, stale save, submit, comment and resolve, QA, R4 refusals listed then acceptance, changes and documents', async (t) => {
      const clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const otherBoard = await seedBoard(services, 'NWSB');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016' });
      await moveReview(services, callers.bu, board.id, review.id, CPR_TO_DRAFTING);
      const police = await seedAgency(services, { boardIds: [board.id], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' });
      const on = (role: 'author' | 'panel_chair' | 'panel_member', fullName: string) =>
        seedPerson(services, { fullName, reviewRoles: [{ role, boardId: board.id, reviewId: review.id }], totp: true });
      const author = await on('author', 'Awen Author');
      const chair = await on('panel_chair', 'Ceri Chair');
      const member = await on('panel_member', 'Mair Member');
      const boardChair = await seedPerson(services, { fullName: 'Bryn Chair', roles: [{ role: 'board_chair', boardId: board.id }], totp: true });
      const bu = await seedPerson(services, { fullName: 'Bethan Unit', roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const otherBu = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: otherBoard.id }], totp: true });
      const as = async (person: SeededPerson) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const writer = await as(author);
      const sectionUrl = (s: string) => urls.reportSection(board.id, review.id, s);

      // The author drafts; the learning event's place is on the learning section's page.
      const none = await writer.get(sectionUrl('learning'));
      assert.equal(none.statusCode, 200);
      assert.match(text(none, '#learning-identified'), /will be shown here once it is recorded/);
      // What the learning event identified feeds the report: shown beside the section that draws on it.
      const { referral_id } = await services.db.kysely.selectFrom('reviews').select('referral_id').where('id', '=', review.id).executeTakeFirstOrThrow();
      await services.db.kysely.insertInto('referral_agencies').values({ referral_id, agency_id: police.id }).execute();
      const event = await services.db.kysely.selectFrom('learning_events').select('id').where('review_id', '=', review.id).executeTakeFirstOrThrow();
      await services.learningEvents.addPoint(as_(callers.bu, 'LEARNING_POINT_RECORDED'), { boardId: board.id, reviewId: review.id }, event.id, {
        theme: 'information_sharing',
        text: 'Health visitors did not know of the police call-outs.',
        agencyIds: [police.id],
      });
      const opened = await writer.get(sectionUrl('learning'));
      assert.equal(opened.statusCode, 200);
      assert.match(text(opened, '#learning-identified'), /Information sharing: Health visitors did not know of the police call-outs\. \(Gwent Police\)/);
      const cy = await writer.get(`${sectionUrl('learning')}?lang=cy`);
      assert.match(text(cy, '#learning-identified'), /Y dysgu a nodwyd[\s\S]*\(Heddlu Gwent\)/);
      await writer.get(`${sectionUrl('learning')}?lang=en`);
      const saved = await writer.post(sectionUrl('learning'), { text: 'Practitioners did not share what they knew.', revision: '0', _csrf: csrf(opened) });
      assert.equal(saved.statusCode, 302);
      const stale = await writer.post(sectionUrl('learning'), { text: 'Written over.', revision: '0', _csrf: csrf(opened) });
      assert.equal(stale.statusCode, 409);
      assert.match(text(stale, '.govuk-error-summary'), /Someone else changed this since you opened it/);
      assert.equal(stale.$('textarea#text').val(), 'Practitioners did not share what they knew.', 'the page shows the section as it now stands');
      const rec = await writer.get(sectionUrl('review_recommendations'));
      await writer.post(sectionUrl('review_recommendations'), { text: 'One review recommendation follows.', revision: '0', _csrf: csrf(rec) });

      let page = await writer.get(urls.report(board.id, review.id));
      assert.equal(page.statusCode, 200);
      assert.equal(text(page, 'h1'), 'Reviewers’ report');
      assert.equal(text(page, '#report-status'), 'Version 1: draft');
      assert.match(text(page, '#report-sections'), /Practitioners did not share what they knew/);
      const submit = page.$('form#submit');
      const submitted = await writer.post(urls.reportSubmit(board.id, review.id), {
        version: String(submit.find('input[name="version"]').val()),
        revision: String(submit.find('input[name="revision"]').val()),
        _csrf: csrf(page),
      });
      assert.equal(submitted.statusCode, 302);

      // A panel member comments; the author resolves.
      const panelMember = await as(member);
      page = await panelMember.get(urls.report(board.id, review.id));
      assert.equal(page.$('form#submit').length, 0);
      const empty = await panelMember.post(urls.reportComments(board.id, review.id), { version: '1', section: 'learning', comment: ' ', _csrf: csrf(page) });
      assert.equal(empty.statusCode, 400);
      assert.match(text(empty, '.govuk-error-summary'), /Enter your comment/);
      assert.equal(
        (
          await panelMember.post(urls.reportComments(board.id, review.id), {
            version: '1',
            section: 'learning',
            comment: 'Say which agencies.',
            _csrf: csrf(page),
          })
        ).statusCode,
        302,
      );
      page = await writer.get(urls.report(board.id, review.id));
      assert.match(text(page, '#comments-list'), /Say which agencies\..*Mair Member, version 1/);
      const resolveAction = String(page.$('#comments-list form').attr('action'));
      assert.equal((await writer.post(resolveAction, { _csrf: csrf(page) })).statusCode, 302);
      assert.match(text(await writer.get(urls.report(board.id, review.id)), '#comments-list'), /Resolved by Awen Author/);

      // The review moves to the panel's QA (its gate: a submitted version); the panel chair signs off.
      await moveReview(services, callers.bu, board.id, review.id, ['submit_to_panel']);
      const panelChair = await as(chair);
      page = await panelChair.get(urls.report(board.id, review.id));
      assert.equal(page.$('form#qa').length, 1);
      assert.equal((await panelChair.post(urls.reportQa(board.id, review.id), { version: '1', _csrf: csrf(page) })).statusCode, 302);
      await moveReview(services, callers.bu, board.id, review.id, ['submit_to_board']);

      // The business unit adds a review recommendation without its target date.
      const unit = await as(bu);
      const form = await unit.get(urls.reviewRecommendationNew(board.id, review.id));
      assert.equal(form.statusCode, 200);
      const bad = await unit.post(urls.reviewRecommendationNew(board.id, review.id), {
        text: '',
        'targetOn-day': '31',
        'targetOn-month': '2',
        'targetOn-year': '2027',
        revision: '0',
        _csrf: csrf(form),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(text(bad, '.govuk-error-summary'), /Enter the review recommendation.*The target date must be a real date/);
      assert.equal(
        (
          await unit.post(urls.reviewRecommendationNew(board.id, review.id), {
            text: 'Share information at the first concern.',
            agencyId: police.id,
            revision: '0',
            _csrf: csrf(form),
          })
        ).statusCode,
        302,
      );

      // The board chair's acceptance is refused with the reason listed, then accepted once R4 is met.
      const chairOfBoard = await as(boardChair);
      page = await chairOfBoard.get(urls.report(board.id, review.id));
      assert.equal(text(page, '#r4-refusals'), 'Review recommendation 1 has no target date');
      const refused = await chairOfBoard.post(urls.reportAccept(board.id, review.id), { version: '1', _csrf: csrf(page) });
      assert.equal(refused.statusCode, 400);
      assert.match(text(refused, '.govuk-error-summary'), /A review recommendation has no target date/);
      assert.equal((await services.db.kysely.selectFrom('review_reports').select('accepted_version').executeTakeFirstOrThrow()).accepted_version, null);
      const recommendationId = (await services.db.kysely.selectFrom('review_recommendations').select('id').executeTakeFirstOrThrow()).id;
      const edit = await unit.get(urls.reviewRecommendation(board.id, review.id, recommendationId));
      assert.equal(
        (
          await unit.post(urls.reviewRecommendation(board.id, review.id, recommendationId), {
            text: 'Share information at the first concern.',
            agencyId: police.id,
            'targetOn-day': '30',
            'targetOn-month': '6',
            'targetOn-year': '2027',
            revision: String(edit.$('input[name="revision"]').val()),
            _csrf: csrf(edit),
          })
        ).statusCode,
        302,
      );
      page = await chairOfBoard.get(urls.report(board.id, review.id));
      assert.match(text(page, '#r4-refusals'), /Every review recommendation has a target date/);
      assert.equal((await chairOfBoard.post(urls.reportAccept(board.id, review.id), { version: '1', _csrf: csrf(page) })).statusCode, 302);
      page = await chairOfBoard.get(urls.report(board.id, review.id));
      assert.equal(text(page, '#report-status'), 'Version 1: accepted by the board');

      // A change after acceptance makes version 2, compared with version 1.
      const again = await writer.get(sectionUrl('learning'));
      await writer.post(sectionUrl('learning'), {
        text: 'Practitioners did not share what they knew early.',
        revision: String(again.$('input[name="revision"]').val()),
        _csrf: csrf(again),
      });
      const diff = await writer.get(urls.reportVersion(board.id, review.id, '2'));
      assert.equal(diff.statusCode, 200);
      assert.equal(diff.$('#report-changes [data-section="learning"] ins').text().replace(/\s+/g, ' ').trim(), 'inserted early end of inserted');

      // Documents in English and Welsh; the Welsh page; the review page's section.
      const docx = await chairOfBoard.get(urls.reportVersionFile(board.id, review.id, '1', 'docx', { lang: 'en' }));
      assert.equal(docx.statusCode, 200);
      assert.match(String(docx.headers['content-type']), /officedocument/);
      const pdf = await chairOfBoard.get(urls.reportVersionFile(board.id, review.id, '1', 'pdf', { lang: 'cy' }));
      assert.equal(pdf.statusCode, 200);
      assert.match(String(pdf.headers['content-disposition']), /adroddiad-f1-cy/);
      const welsh = await chairOfBoard.get(urls.report(board.id, review.id));
      assert.equal(text(welsh, 'h1'), 'Adroddiad yr adolygwyr');
      const reviewPage = await chairOfBoard.get(urls.review(board.id, review.id));
      assert.match(text(reviewPage, '#report-summary'), /Fersiwn 2: drafft\.Fersiwn 1 wedi’i dderbyn ar ran y bwrdd ar 1 Rhagfyr 2026/);

      // Another board's review, asked for under this board or that: not found; this board's review for another board's people: refused.
      const otherReview = await seedReview(services, otherBoard.id, await reviewCallers(services, otherBoard.id));
      assert.equal((await chairOfBoard.get(urls.report(board.id, otherReview.id))).statusCode, 404);
      assert.equal((await chairOfBoard.get(urls.report(otherBoard.id, review.id))).statusCode, 404);
      const stranger = await as(otherBu);
      assert.equal((await stranger.get(urls.report(board.id, review.id))).statusCode, 403);
      // A panel member cannot open a section to edit.
      assert.equal((await panelMember.get(sectionUrl('learning'))).statusCode, 403);
    });
  });
}
