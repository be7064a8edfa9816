import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { considerationSetup } from './test-setup.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`management group to decision, through the pages (${dialect})`, () => {
    test('meeting, attendance, analysis, recommendation, the chair agrees, a review is created and the letter is downloaded', async (t) => {
      const s = await considerationSetup(t, dialect);
      const { services, board, people, referral, base } = s;

      // The business unit schedules the meeting with the referral on the agenda.
      const bu = await s.browserFor('businessUnit');
      const scheduled = await bu.submit(`/boards/${board.id}/meetings/new`, {
        'meetsOn-day': '26',
        'meetsOn-month': '11',
        'meetsOn-year': '2026',
        location: 'Ystafell 2',
        referralIds: [referral.id],
      });
      assert.equal(scheduled.statusCode, 302);
      const meetingUrl = String(scheduled.headers.location);
      const meeting = await bu.get(meetingUrl);
      assert.equal(meeting.$('h1').text().trim(), 'Meeting on 26 November 2026');
      assert.equal(meeting.$('main table a').first().text().trim(), 'Child A');
      assert.match(meeting.$('.govuk-notification-banner').text(), /Meeting scheduled/);

      const attendance = await bu.get(`${meetingUrl}/attendance`);
      const names = attendance
        .$('.govuk-checkboxes__label')
        .map((_, el) => attendance.$(el).text().trim())
        .get();
      assert.deepEqual(names.sort(), ['Carys Grŵp', 'Gwyn Cadeirydd', 'Meirion Aelod']);
      const attended = await bu.submit(`${meetingUrl}/attendance`, { attended: [people.member.id, people.groupChair.id] });
      assert.equal(attended.statusCode, 302);
      const after = await bu.get(meetingUrl);
      assert.deepEqual(
        after
          .$('.app-attended li')
          .map((_, el) => after.$(el).text())
          .get()
          .sort(),
        ['Carys Grŵp', 'Meirion Aelod'],
      );
      assert.deepEqual(
        after
          .$('.app-absent li')
          .map((_, el) => after.$(el).text())
          .get(),
        ['Gwyn Cadeirydd'],
      );

      // A management group member records the analysis.
      const member = await s.browserFor('member');
      const meetingId = meetingUrl.split('/').at(-1) ?? '';
      const criteriaPage = await member.get(`${base}/criteria`);
      assert.equal(criteriaPage.statusCode, 200);
      assert.equal(criteriaPage.$('h1').text().trim(), 'Criteria analysis');
      assert.equal(criteriaPage.$('#in_area').closest('.govuk-fieldset').find('legend').text().trim(), 'Did the incident happen within the Board’s area?');
      const analysed = await member.submit(`${base}/criteria`, await s.criteriaFields({ meetingId }));
      assert.equal(analysed.statusCode, 302);
      assert.equal(analysed.headers.location, `${base}/consideration`);
      const consideration = await member.get(`${base}/consideration`);
      assert.equal(consideration.statusCode, 200);
      assert.equal(consideration.$('.app-outcome .govuk-tag').text().trim(), 'Must hold a review');
      assert.match(consideration.$('main table').text(), /Death confirmed at hospital\./);
      assert.equal(consideration.$(`a[href="${base}/recommendation"]`).length, 0, 'a member cannot recommend');
      assert.match(consideration.$('.app-clocks').text(), /working days \(\d+ (weeks?|days?)/);

      // The management group chair recommends, checks and submits, told what the analysis indicated.
      const groupChair = await s.browserFor('groupChair');
      const recommendationPage = await groupChair.get(`${base}/recommendation`);
      assert.match(
        recommendationPage.$('.app-indicated').text().replace(/\s+/g, ' '),
        /analysis against the Single Unified Safeguarding Review criteria indicated: Must hold a review\. Type of review indicated: Concise review\./,
      );
      const answered = await groupChair.submit(`${base}/recommendation`, {
        route: 'review',
        reasons: 'The statutory criteria are met.',
        dissent: 'One member thought a forum would be enough.',
      });
      assert.equal(answered.statusCode, 302);
      assert.equal(answered.headers.location, `${base}/recommendation/type`, 'an SUSR’s child stream is concise or extended');
      const typePage = await groupChair.get(`${base}/recommendation/type`);
      assert.equal(typePage.$('input[name="reviewType"]:checked').val(), 'concise', 'the type the analysis indicated is pre-selected');
      assert.equal((await groupChair.submit(`${base}/recommendation/type`, { reviewType: 'concise' })).headers.location, `${base}/recommendation/check`);
      const check = await groupChair.get(`${base}/recommendation/check`);
      assert.equal(check.$('.app-departure').length, 0, 'as the analysis indicated: no warning');
      assert.equal(check.$('h1').text().trim(), 'Check your answers');
      assert.match(check.$('.govuk-summary-list').text(), /Hold a statutory review[\s\S]*The statutory criteria are met\.[\s\S]*One member thought/);
      const submitted = await groupChair.submit(`${base}/recommendation/check`, {});
      assert.equal(submitted.statusCode, 302);
      assert.equal((await services.db.kysely.selectFrom('recommendations').selectAll().execute()).length, 1);

      // The board chair agrees, checks and records the decision.
      const chair = await s.browserFor('chair');
      const decisionPage = await chair.get(`${base}/decision`);
      assert.equal(decisionPage.statusCode, 200);
      assert.match(decisionPage.$('.app-recommendation').text(), /One member thought a forum would be enough\./);
      assert.equal(decisionPage.$('#decidedOn-day').val(), '27', 'the date defaults to today');
      const decided = await chair.submit(`${base}/decision`, {
        agree: 'agree',
        rationale: 'I agree: the criteria are met.',
        'decidedOn-day': '27',
        'decidedOn-month': '11',
        'decidedOn-year': '2026',
      });
      assert.equal(decided.headers.location, `${base}/decision/check`);
      const decisionCheck = await chair.get(`${base}/decision/check`);
      assert.match(decisionCheck.$('.govuk-summary-list').text(), /I agree with the recommendation[\s\S]*Hold a statutory review[\s\S]*27 November 2026/);
      const recorded = await chair.submit(`${base}/decision/check`, {});
      assert.equal(recorded.statusCode, 302);
      assert.equal(recorded.headers.location, `${base}/decision/recorded`);
      const confirmation = await chair.get(`${base}/decision/recorded`);
      assert.equal(confirmation.$('.govuk-panel__title').text().trim(), 'Decision recorded');
      assert.match(confirmation.$('.app-emailed').text(), /Email is not set up for this service, so nobody has been emailed/, 'it says only what was done');
      assert.match(confirmation.$('.govuk-panel__body').text(), /CYSUR\/2026\/01/);
      assert.equal(confirmation.$(`a[href="${base}/decision-letter.pdf"]`).length, 1);
      assert.equal(confirmation.$(`a[href="${base}/decision-letter.docx"]`).length, 1);

      const status = await services.db.kysely.selectFrom('referrals').select('status').where('id', '=', referral.id).executeTakeFirstOrThrow();
      assert.equal(status.status, 'decided_proceed');
      // The review is in the stage its decision names (no notification has been made), with the type the analysis indicated.
      const review = await services.db.kysely.selectFrom('reviews').selectAll().where('referral_id', '=', referral.id).executeTakeFirstOrThrow();
      assert.deepEqual([review.framework_id, review.stage, review.review_type], ['SUSR_2024', 'DECIDED_PROCEED', 'concise']);
      const page = await chair.get(`${base}/consideration`);
      assert.match(page.$('.app-review-reference').text(), /CYSUR\/2026\/01/);
      assert.match(page.$('.app-decision').text(), /I agree: the criteria are met\.[\s\S]*Gwyn Cadeirydd/);

      // The letter, in English and in Welsh; each download is audited.
      const pdf = await chair.get(`${base}/decision-letter.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(
        pdf.headers['content-disposition'],
        `attachment; filename="CYSUR-2026-01-decision-letter-en.pdf"; filename*=UTF-8''CYSUR-2026-01-decision-letter-en.pdf`,
      );
      assert.equal(pdf.headers['x-content-type-options'], 'nosniff');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const docx = await member.get(`${base}/decision-letter.docx?lang=cy`);
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.equal(
        docx.headers['content-disposition'],
        `attachment; filename="CYSUR-2026-01-llythyr-penderfyniad-cy.docx"; filename*=UTF-8''CYSUR-2026-01-llythyr-penderfyniad-cy.docx`,
      );
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
      const downloads = await services.db.kysely
        .selectFrom('audit_events')
        .select(['action', 'summary'])
        .where('action', '=', 'DECISION_LETTER_DOWNLOADED')
        .where('record_id', '=', referral.id)
        .execute();
      assert.equal(downloads.length, 2);
      assert.match(String(downloads[1]?.summary), /"format":"docx"/);
      assert.match(String(downloads[1]?.summary), /"language":"cy"/);

      // A second decision is refused with a clear message, and nothing is written.
      const again = await chair.get(`${base}/decision`);
      assert.equal(again.statusCode, 409);
      assert.equal(again.$('.app-refused-message').text().trim(), 'This referral has already been decided');
      const posted = await chair.post(`${base}/decision/check`, { _csrf: await chair.csrfToken(`${base}/consideration`) });
      assert.equal(posted.statusCode, 409);
      assert.equal((await services.db.kysely.selectFrom('decisions').selectAll().execute()).length, 1);

      const actions = (
        await services.db.kysely.selectFrom('audit_events').select('action').where('record_id', 'in', [referral.id, meetingId]).orderBy('seq').execute()
      ).map((e) => e.action);
      for (const a of [
        'MEETING_SCHEDULED',
        'ATTENDANCE_RECORDED',
        'CRITERIA_ASSESSED',
        'CONSIDERATION_VIEWED',
        'RECOMMENDATION_SUBMITTED',
        'DECISION_RECORDED',
      ]) {
        assert.ok(actions.includes(a), `${a} recorded`);
      }
    });
  });
}
