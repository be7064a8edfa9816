// Agency contributions through the pages (issue 10 item 4), on both databases: the business unit adds the
// agency's contact and asks the agency (error summary first); the review page shows each agency's status;
// the author finds it on their own page, is refused when they declare involvement, declares, drafts, has an
// executable renamed .docx and a file over the limit refused with clear messages, attaches a document and
// submits; the senior manager signs it off; another agency's contributor is refused the draft, page and API.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addDays } from '../../../domain/clock/dates.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { as } from '../../../testing/case-fixtures.ts';
import { completeRequest, seedRequest } from '../../../testing/contribution-fixtures.ts';
import { multipartBody, SAMPLE_EXE, sampleDocx } from '../../../testing/file-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`agency contributions pages (${dialect})`, () => {
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock, env: { UPLOAD_MAX_SIZE: String(64 * 1024) } });
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006' });
      const police = await seedAgency(services, [board.id]);
      const health = await seedAgency(services, [board.id], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
      const bu = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const browser = new Browser(app);
      await signIn(browser, bu, clock);
      return { app, services, clock, board, callers, review, police, health, bu, browser, dueOn: addDays(clock.today(), 28) };
    }

    test('the business unit adds a contact and asks an agency; the author declares, drafts, attaches and submits; the senior manager signs off', async (t) => {
      const s = await setup(t);
      const contactsUrl = urls.agencyContacts(s.board.id, s.police.id);
      const noLanguage = await s.browser.submit(contactsUrl, { fullName: 'Dewi Contact', email: 'dewi@police.example.org' });
      assert.equal(noLanguage.statusCode, 400);
      assert.match(noLanguage.$('.govuk-error-summary').text(), /Select the contact’s language/);
      const added = await s.browser.submit(contactsUrl, { fullName: 'Dewi Contact', email: 'dewi@police.example.org', language: 'cy' });
      assert.equal(added.statusCode, 302);
      const contacts = await s.browser.get(contactsUrl);
      assert.match(contacts.$('#contacts-table').text(), /Dewi Contact[\s\S]*Welsh/);

      const newUrl = urls.contributionRequestNew(s.board.id, s.review.id);
      const empty = await s.browser.submit(newUrl, {});
      assert.equal(empty.statusCode, 400);
      const summary = empty.$('.govuk-error-summary').text();
      for (const text of [/Select the agency/, /Select the contact to send the request to/, /Enter the due date/, /Enter the author’s full name/])
        assert.match(summary, text);
      const form = await s.browser.get(newUrl);
      const contactId = String(form.$('select[name="contactId"] option').eq(1).attr('value'));
      const author = await seedPerson(s.services, { agencyId: s.police.id, totp: true, fullName: 'Alun Author' });
      const manager = await seedPerson(s.services, { agencyId: s.police.id, totp: true, fullName: 'Mari Manager' });
      const [y, m, d] = s.dueOn.split('-');
      const sent = await s.browser.submit(newUrl, {
        agencyId: s.police.id,
        contactId,
        'dueOn-day': String(Number(d)),
        'dueOn-month': String(Number(m)),
        'dueOn-year': String(y),
        'author.fullName': 'Alun Author',
        'author.email': author.email,
        'seniorManager.fullName': 'Mari Manager',
        'seniorManager.email': manager.email,
      });
      assert.equal(sent.statusCode, 302, sent.body.slice(0, 400));
      const requestUrl = String(sent.headers.location);
      const reviewPage = await s.browser.get(urls.review(s.board.id, s.review.id));
      assert.match(reviewPage.$('#contributions-table').text(), /Test Police[\s\S]*Individual Management Review[\s\S]*Requested/);

      // The author: their own page, the declaration refused when involved, then accepted.
      const authorBrowser = new Browser(s.app);
      await signIn(authorBrowser, author, s.clock);
      const mine = await authorBrowser.get(urls.myContributions());
      assert.equal(mine.statusCode, 200);
      assert.match(mine.$('#contributions-table').text(), /Make your declaration/);
      const involved = await authorBrowser.submit(requestUrl, { directlyInvolved: 'yes', lineManager: 'no', authorRole: 'Inspector' });
      assert.equal(involved.statusCode, 400);
      assert.match(involved.$('.govuk-error-summary').text(), /must not have been directly involved/);
      const declared = await authorBrowser.submit(requestUrl, {
        directlyInvolved: 'no',
        lineManager: 'no',
        authorRole: 'Inspector',
        'recordsSecuredOn-day': '20',
        'recordsSecuredOn-month': '11',
        'recordsSecuredOn-year': '2026',
      });
      assert.equal(declared.statusCode, 302);

      // Attachments: refused by content and by size, with the file service's messages; a document is kept.
      const upload = async (name: string, content: Buffer) => {
        const token = await authorBrowser.csrfToken(requestUrl);
        return authorBrowser.postMultipart(
          urls.contributionAttachments(s.board.id, s.review.id, requestUrl.split('/').at(-1) ?? ''),
          multipartBody([
            { name: '_csrf', value: token },
            { name: 'file', filename: name, content },
          ]),
        );
      };
      const exe = await upload('minutes.docx', SAMPLE_EXE);
      assert.equal(exe.statusCode, 400);
      assert.match(exe.$('.govuk-error-summary').text(), /must be a PDF, Word/);
      const big = await upload('big.docx', Buffer.alloc(65 * 1024, 0x61));
      assert.equal(big.statusCode, 400);
      assert.match(big.$('.govuk-error-summary').text(), /must be smaller than 64 KB/);
      assert.equal((await upload('notes.docx', await sampleDocx())).statusCode, 302);

      const sections = {
        'section.context': 'Caseloads were high.',
        'section.methodology': 'Records read.',
        'section.chronology': 'Three contacts.',
        'section.analysis': 'Not followed up.',
        'section.good_practice': 'Prompt first visit.',
        'section.lessons': 'Follow up.',
        'section.recommendations': 'A check.',
        'section.action_plan': 'By March.',
      };
      const saved = await authorBrowser.submit(
        requestUrl,
        { authorRole: 'Inspector', ...sections },
        `form[action="${urls.contributionDraft(s.board.id, s.review.id, requestUrl.split('/').at(-1) ?? '')}"]`,
      );
      assert.equal(saved.statusCode, 302);
      const submitted = await authorBrowser.submit(requestUrl, { from: 'in_progress' }, 'form[action$="/submit"]');
      assert.equal(submitted.statusCode, 302);

      const managerBrowser = new Browser(s.app);
      await signIn(managerBrowser, manager, s.clock);
      const noDecision = await managerBrowser.submit(requestUrl, { from: 'submitted' }, 'form[action$="/sign-off"]');
      assert.equal(noDecision.statusCode, 400);
      assert.match(noDecision.$('.govuk-error-summary').text(), /Select whether you sign it off or return it/);
      const signed = await managerBrowser.submit(requestUrl, { from: 'submitted', decision: 'sign_off' }, 'form[action$="/sign-off"]');
      assert.equal(signed.statusCode, 302);
      const after = await s.browser.get(urls.review(s.board.id, s.review.id));
      assert.match(after.$('#contributions-table').text(), /Signed off/);
      const view = await s.browser.get(requestUrl);
      assert.match(view.$('main').text(), /notes\.docx/);

      // Welsh: the review page's section in Welsh.
      const cy = await s.browser.get(`${urls.review(s.board.id, s.review.id)}?lang=cy`);
      assert.match(cy.$('#contributions').text(), /Cyfraniadau asiantaethau/);
      assert.match(cy.$('#contributions-table').text(), /Wedi’i gymeradwyo/);
    });

    test('R4 on the review page: agency reports received is refused with the reason shown until every request is signed off or waived', async (t) => {
      const s = await setup(t);
      const pageUrl = urls.review(s.board.id, s.review.id);
      for (const [event, from] of [
        ['start_scoping', 'DECIDED_PROCEED'],
        ['request_agency_reports', 'SCOPING'],
      ] as const)
        assert.equal((await s.browser.submit(pageUrl, { event, from }, 'form[action$="/move"]')).statusCode, 302);
      const none = await s.browser.submit(pageUrl, { event: 'receive_agency_reports', from: 'AGENCY_REPORTS_REQUESTED' }, 'form[action$="/move"]');
      assert.equal(none.statusCode, 400);
      assert.match(none.$('.govuk-error-summary').text(), /No agency has been asked for its contribution yet/);
      assert.equal(none.$('.govuk-error-summary a').attr('href'), '#contributions');
      const bu = as(s.callers.bu, 'CONTRIBUTION_REQUESTED');
      const r = await seedRequest(s.services, bu, { boardId: s.board.id, reviewId: s.review.id, agencyId: s.police.id }, { dueOn: s.dueOn });
      const outstanding = await s.browser.submit(pageUrl, { event: 'receive_agency_reports', from: 'AGENCY_REPORTS_REQUESTED' }, 'form[action$="/move"]');
      assert.equal(outstanding.statusCode, 400);
      assert.match(outstanding.$('#contributions-error').text(), /must be signed off or waived/);
      const waived = await s.browser.submit(
        urls.contribution(s.board.id, s.review.id, r.id),
        { reason: 'No contact in the period.', from: 'requested' },
        'form[action$="/waive"]',
      );
      assert.equal(waived.statusCode, 302);
      const moved = await s.browser.submit(pageUrl, { event: 'receive_agency_reports', from: 'AGENCY_REPORTS_REQUESTED' }, 'form[action$="/move"]');
      assert.equal(moved.statusCode, 302);
      const page = await s.browser.get(pageUrl);
      assert.match(page.$('#contributions-table').text(), /Waived[\s\S]*No contact in the period/);
    });

    test('a contributor reading another agency’s draft is refused, page and API; the agency’s own author is not', async (t) => {
      const s = await setup(t);
      const bu = as(s.callers.bu, 'CONTRIBUTION_REQUESTED');
      const where = { boardId: s.board.id, reviewId: s.review.id };
      const police = await seedRequest(s.services, bu, { ...where, agencyId: s.police.id }, { dueOn: s.dueOn });
      const health = await seedRequest(s.services, bu, { ...where, agencyId: s.health.id }, { dueOn: s.dueOn });
      const browser = new Browser(s.app);
      await signIn(browser, police.author, s.clock);
      assert.equal((await browser.get(urls.contribution(s.board.id, s.review.id, police.id))).statusCode, 200);
      const other = await browser.get(urls.contribution(s.board.id, s.review.id, health.id));
      assert.equal(other.statusCode, 403);
      assert.doesNotMatch(other.body, /Test Health/);
      const posted = await browser.post(urls.contributionDeclare(s.board.id, s.review.id, health.id), {
        _csrf: await browser.csrfToken(urls.contribution(s.board.id, s.review.id, police.id)),
        directlyInvolved: 'no',
        lineManager: 'no',
        authorRole: 'Inspector',
      });
      assert.equal(posted.statusCode, 403);
      // Through the API with the author's token.
      const token = await s.services.tokens.create(testCaller('TEST_TOKEN'), police.author.email, 'test');
      const api = (path: string) =>
        s.app.inject({
          method: 'GET',
          url: `/api/v1/boards/${s.board.id}/reviews/${s.review.id}/contributions/${path}`,
          headers: { authorization: `Bearer ${token.token}` },
        });
      assert.equal((await api(police.id)).statusCode, 200);
      assert.equal((await api(health.id)).statusCode, 403);
      // A refused declaration through the API: 422 naming the reason, and nothing moved.
      const declare = await s.app.inject({
        method: 'POST',
        url: `/api/v1/boards/${s.board.id}/reviews/${s.review.id}/contributions/${police.id}/declaration`,
        headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
        payload: { directlyInvolved: false, lineManager: true, authorRole: 'Inspector' },
      });
      assert.equal(declare.statusCode, 422, declare.body);
      assert.match(declare.body, /lineManager/);
      assert.equal(JSON.parse((await api(police.id)).body).state, 'requested');
      // Attachments through the API: refused before the declaration (409), kept while drafting, downloaded by
      // the agency's author (audited) and refused to another agency's author.
      const attach = (requestId: string, bearer: string, content: Buffer, name = 'notes.docx') => {
        const body = multipartBody([{ name: 'file', filename: name, content }]);
        return s.app.inject({
          method: 'POST',
          url: `/api/v1/boards/${s.board.id}/reviews/${s.review.id}/contributions/${requestId}/attachments`,
          headers: { authorization: `Bearer ${bearer}`, 'content-type': body.contentType },
          payload: body.payload,
        });
      };
      assert.equal((await attach(police.id, token.token, await sampleDocx())).statusCode, 409);
      await completeRequest(s.services, where, police, 'imr', 'declared');
      const exe = await attach(police.id, token.token, SAMPLE_EXE, 'minutes.docx');
      assert.equal(exe.statusCode, 415, exe.body);
      const kept = await attach(police.id, token.token, await sampleDocx());
      assert.equal(kept.statusCode, 201, kept.body);
      const file = JSON.parse(kept.body) as { id: string; name: string };
      assert.equal(file.name, 'notes.docx');
      assert.deepEqual(
        (JSON.parse((await api(police.id)).body) as { attachments: { id: string }[] }).attachments.map((a) => a.id),
        [file.id],
      );
      const download = (requestId: string, bearer: string) =>
        s.app.inject({
          method: 'GET',
          url: `/api/v1/boards/${s.board.id}/reviews/${s.review.id}/contributions/${requestId}/attachments/${file.id}/content`,
          headers: { authorization: `Bearer ${bearer}` },
        });
      const got = await download(police.id, token.token);
      assert.equal(got.statusCode, 200);
      assert.match(String(got.headers['content-disposition']), /attachment/);
      const healthToken = await s.services.tokens.create(testCaller('TEST_TOKEN'), health.author.email, 'test');
      assert.equal((await download(police.id, healthToken.token)).statusCode, 403);
      assert.equal((await download(health.id, healthToken.token)).statusCode, 404, 'the file is not the health request’s');
      // The review's list shows the author their own agency only.
      assert.equal((await browser.get(urls.review(s.board.id, s.review.id))).statusCode, 403, 'an agency’s role does not see the review page');
    });
  });
}
