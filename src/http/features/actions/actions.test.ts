// The action plan's pages over HTTP with real CSRF tokens (multipart for the owner's evidence), on both
// databases: the review page links to the plan; the business unit adds an action through the form (an empty form
// shows the error summary, in Welsh too, and writes nothing); the owner finds it on their actions, posts progress
// with an evidence file, is refused completion without evidence, then proposes it with evidence; the evidence
// downloads (audited); the business unit verifies; the board chair accepts the plan; another agency's owner and
// another board's business unit find nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedAcceptedReview } from '../../../testing/action-fixtures.ts';
import { as } from '../../../testing/case-fixtures.ts';
import { multipartBody, type Part, samplePdf } from '../../../testing/file-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`action plan pages (${dialect})`, () => {
    test('from the plan to a verified action, through the pages; refusals in the error summary; other agencies and boards find nothing', async (t) => {
      const clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const other = await seedBoard(services, 'OTHER');
      const callers = await reviewCallers(services, board.id);
      const police = await seedAgency(services, [board.id]);
      const health = await seedAgency(services, [board.id], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
      const w = await seedAcceptedReview(services, board.id, callers, police.id);
      const browserFor = async (person: { email: string; totpSecret?: string }) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const bu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }));
      const officer = await seedPerson(services, { fullName: 'Sergeant Rhian Morgan', email: 'rhian.morgan@police.example', agencyId: police.id, totp: true });
      const plan = urls.actionPlan(board.id, w.review.id);
      const count = async (table: 'review_actions' | 'review_action_updates' | 'files') =>
        (await services.db.kysely.selectFrom(table).select('id').execute()).length;

      const reviewPage = await bu.get(urls.review(board.id, w.review.id));
      assert.equal(reviewPage.$(`main a[href="${plan}"]`).length, 1, 'the review page links to its plan');
      const planPage = await bu.get(plan);
      assert.equal(planPage.statusCode, 200);
      assert.equal(planPage.$(`main a[href="${urls.actionPlanSpreadsheet(board.id, w.review.id)}"]`).length, 1, 'the plan links to its spreadsheet');
      assert.equal(planPage.$(`main a[href="${urls.actionPlanImport(board.id, w.review.id)}"]`).length, 1, 'and to the import, for the business unit');
      const addHref = planPage.$('main a[href$="/actions/new"]').attr('href');
      assert.ok(addHref);

      // An empty form: the error summary (in Welsh too), nothing written.
      for (const lang of ['en', 'cy']) {
        const refused = await bu.submit(`${addHref}?lang=${lang}`, {});
        assert.equal(refused.statusCode, 400);
        assert.ok(refused.$('.govuk-error-summary a[href="#action"]').length === 1, lang);
        assert.ok(refused.$('.govuk-error-summary a[href="#targetOn-day"]').length === 1, lang);
      }
      assert.match((await bu.submit(`${addHref}?lang=cy`, {})).$('.govuk-error-summary').text(), /Rhowch y cam gweithredu/);
      assert.equal(await count('review_actions'), 0);
      const added = await bu.submit(addHref, {
        action: 'Audit same-day referrals after domestic abuse call-outs.',
        leadAgencyId: police.id,
        supportingAgencyIds: [health.id],
        ownerName: 'Sergeant Rhian Morgan',
        ownerEmail: officer.email,
        ownerLanguage: 'en',
        'targetOn-day': '30',
        'targetOn-month': '6',
        'targetOn-year': '2027',
        successMeasure: 'Every referral made the same day.',
        completionEvidence: 'The audit report.',
        impactMeasure: 'A re-audit after six months.',
      });
      assert.equal(added.statusCode, 302, added.body);
      const actionId = (await services.db.kysely.selectFrom('review_actions').select('id').executeTakeFirstOrThrow()).id;
      const actionPage = urls.action(board.id, w.review.id, actionId);
      const shown = await bu.get(`${plan}?lang=en`);
      assert.match(shown.$('#recommendation-1-actions').text(), /Audit same-day referrals/);
      assert.match(shown.$('#recommendation-1-actions').text(), /Test Health/, 'the supporting agency');

      // The owner: their actions, progress with evidence, completion refused without evidence, then proposed with it.
      const owner = await browserFor(officer);
      const mine = await owner.get(urls.myActions());
      assert.equal(mine.statusCode, 200);
      assert.equal(mine.$(`#my-actions a[href="${actionPage}"]`).length, 1);
      const upload = async (pageUrl: string, fields: Record<string, string>, file?: Part) => {
        const page = await owner.get(pageUrl);
        assert.equal(page.statusCode, 200, pageUrl);
        const form = page.$('form[enctype="multipart/form-data"]');
        const parts: Part[] = [{ name: '_csrf', value: String(form.find('input[name="_csrf"]').val()) }];
        for (const [name, value] of Object.entries(fields)) parts.push({ name, value });
        if (file) parts.push(file);
        return owner.postMultipart(String(form.attr('action')), multipartBody(parts));
      };
      const pdf = async (text: string): Promise<Part> => ({ name: 'evidence', filename: 'audit.pdf', content: await samplePdf(text) });
      const progressed = await upload(
        urls.actionUpdate(board.id, w.review.id, actionId),
        { status: 'on_track', narrative: 'The audit tool is agreed.' },
        await pdf('Tool'),
      );
      assert.equal(progressed.statusCode, 302, progressed.body);
      const updates = await count('review_action_updates');
      const files = await count('files');
      const noEvidence = await upload(urls.actionComplete(board.id, w.review.id, actionId), { narrative: 'Done.' });
      assert.equal(noEvidence.statusCode, 400);
      assert.equal(noEvidence.$('.govuk-error-summary a[href="#evidence"]').length, 1);
      assert.equal(await count('review_action_updates'), updates, 'nothing written');
      assert.equal(await count('files'), files);
      const completed = await upload(urls.actionComplete(board.id, w.review.id, actionId), { narrative: 'Six months audited.' }, await pdf('Audit report'));
      assert.equal(completed.statusCode, 302, completed.body);
      const ownerView = await owner.get(actionPage);
      assert.match(ownerView.$('#status').text(), /awaiting verification/);
      assert.equal(ownerView.$('#action-links a[href$="/verify"]').length, 0, 'the owner is not offered verification');
      assert.equal((await owner.get(urls.actionVerify(board.id, w.review.id, actionId))).statusCode, 403);
      const evidence = ownerView.$('#updates a[href*="/evidence/"]').first().attr('href');
      assert.ok(evidence);
      const download = await owner.get(evidence);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');

      // Another agency's owner (not the lead nor a supporting agency), and another board's business unit, find nothing.
      const education = await seedAgency(services, [board.id], { en: 'Test Education', cy: 'Addysg Prawf' }, 'education');
      const healthOwner = await seedPerson(services, { agencyId: education.id, totp: true });
      await services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), { boardId: board.id, reviewId: w.review.id }, w.recommendationId, {
        action: 'Brief the schools.',
        leadAgencyId: education.id,
        supportingAgencyIds: [],
        ownerName: 'Test Person',
        ownerEmail: healthOwner.email,
        ownerLanguage: 'en',
        targetOn: '2027-03-31',
        successMeasure: 'Briefed.',
        completionEvidence: 'Attendance.',
        impactMeasure: 'Audit.',
      });
      const theirs = await browserFor(healthOwner);
      assert.equal((await theirs.get(actionPage)).statusCode, 404, 'a police action is not found by the education service’s owner');
      assert.equal((await theirs.get(evidence)).statusCode, 404);
      const otherBu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: other.id }], totp: true }));
      assert.equal((await otherBu.get(urls.actionPlan(other.id, w.review.id))).statusCode, 404);
      assert.equal((await otherBu.get(plan)).statusCode, 403);

      // The business unit verifies; the board chair accepts the plan (monitoring starts).
      const verified = await bu.submit(urls.actionVerify(board.id, w.review.id, actionId), { decision: 'verify', narrative: '' });
      assert.equal(verified.statusCode, 302, verified.body);
      assert.match((await bu.get(actionPage)).$('#status').text(), /Verified/);
      const chair = await browserFor(await seedPerson(services, { roles: [{ role: 'board_chair', boardId: board.id }], totp: true }));
      const { id: meetingId } = await services.boardMeetings.schedule(as(callers.bu, 'BOARD_MEETING_SCHEDULED'), board.id, {
        meetsOn: '2026-12-10',
        startsAt: null,
        online: true,
        place: null,
      });
      const noMeeting = await chair.submit(plan, {}, `form[action="${urls.actionPlanAccept(board.id, w.review.id)}"]`);
      assert.equal(noMeeting.statusCode, 400);
      assert.equal(noMeeting.$('.govuk-error-summary a[href="#meetingId"]').length, 1);
      const accept = await chair.submit(plan, { meetingId }, `form[action="${urls.actionPlanAccept(board.id, w.review.id)}"]`);
      assert.equal(accept.statusCode, 302, accept.body);
      const accepted = await chair.get(`${plan}?lang=cy`);
      assert.match(accepted.$('main').text(), /Tan .* \(dwy flynedd\)/);
      const events = (await services.db.kysely.selectFrom('audit_events').select('action').execute()).map((e) => e.action);
      for (const a of ['ACTION_ADDED', 'ACTION_UPDATED', 'ACTION_COMPLETION_PROPOSED', 'ACTION_EVIDENCE_DOWNLOADED', 'ACTION_VERIFIED', 'ACTION_PLAN_ACCEPTED'])
        assert.ok(events.includes(a), a);
    });
  });
}
