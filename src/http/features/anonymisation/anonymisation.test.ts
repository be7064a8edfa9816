// The anonymisation check's pages (real CSRF tokens) and API operations (issue 13 item 2), on both databases: the
// review page links to the checks; the business unit scans the report; information governance sees each finding
// with its match highlighted in context, in English and Welsh; a blank reason and an approval with open findings
// show the error summary and write nothing; accepting, answering the checklist as radios and approving; a panel
// member and an agency's contributor are refused. In the API: list, scan, read, accept, answer, approve, with 422
// problems for bad input and refusals, 409 for a stale version, 403/404 for others.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allAnswered, seedReportText } from '../../../testing/anonymisation-fixtures.ts';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { as } from '../../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

const TEXT = 'Child A lived with their mother in Aberystwyth. The family’s phone was 01970 623111.';
const TOWN = { category: 'place', realIdentifier: 'Aberystwyth', termEn: 'Town 1', termCy: 'Tref 1' };

for (const dialect of dialectsUnderTest()) {
  describe(`anonymisation check pages and API (${dialect})`, () => {
    test('scan, findings in context (English and Welsh), errors, accept, checklist, approve, refusals', async (t) => {
      const clock = new TestClock(new Date('2026-12-12T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016', decidedOn: '2026-12-01' });
      const police = await seedAgency(services, [board.id]);
      const scope = { boardId: board.id, reviewId: review.id };
      await services.dictionary.add(as(callers.bu, 'DICTIONARY_TERM_ADDED'), scope, TOWN);
      await seedReportText(services, { ...scope, personId: callers.bu.actor?.personId ?? '', text: TEXT });
      const browserFor = async (person: { email: string; totpSecret?: string }) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const bu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }));
      const ig = await browserFor(await seedPerson(services, { roles: [{ role: 'information_governance', boardId: board.id }], totp: true }));
      const member = await browserFor(
        await seedPerson(services, { reviewRoles: [{ role: 'panel_member', boardId: board.id, reviewId: review.id }], totp: true }),
      );
      const contributor = await browserFor(
        await seedPerson(services, {
          reviewRoles: [{ role: 'agency_contributor', boardId: board.id, reviewId: review.id, agencyId: police.id }],
          agencyId: police.id,
          totp: true,
        }),
      );
      const page = urls.reviewAnonymisation(board.id, review.id);
      const checks = () => services.db.kysely.selectFrom('anonymisation_checks').selectAll().execute();
      /** Posts the fields to `action` with the CSRF token of the page at `pageUrl`. */
      const postFrom = async (browser: Browser, pageUrl: string, action: string, fields: Record<string, string>) => {
        const from = await browser.get(pageUrl);
        return browser.post(action, { ...fields, _csrf: String(from.$('input[name="_csrf"]').first().val()) });
      };

      const reviewPage = await bu.get(urls.review(board.id, review.id));
      assert.equal(reviewPage.$(`main a[href="${page}"]`).length, 1, 'the review page links to the checks');
      assert.equal((await member.get(urls.review(board.id, review.id))).$(`main a[href="${page}"]`).length, 0, 'not for a panel member');

      const list = await bu.get(page);
      assert.equal(list.statusCode, 200, list.body);
      assert.match(list.$('#documents').text(), /Reviewers’ report.*English.*Version 1.*Not scanned/s);
      const scanned = await postFrom(bu, page, urls.reviewAnonymisationScan(board.id, review.id), { kind: 'report', language: 'en' });
      assert.equal(scanned.statusCode, 302, scanned.body);
      const [check] = await checks();
      assert.ok(check);
      const checkUrl = urls.anonymisationCheck(board.id, review.id, check.id);
      assert.equal(scanned.headers.location, checkUrl);
      const badScan = await postFrom(bu, page, urls.reviewAnonymisationScan(board.id, review.id), { kind: 'minutes', language: 'en' });
      assert.equal(badScan.statusCode, 400);
      assert.match(badScan.$('.govuk-error-summary').text(), /Choose a document to scan/);

      const view = await ig.get(checkUrl);
      assert.equal(view.statusCode, 200, view.body);
      const marks = view
        .$('main mark')
        .map((_, m) => view.$(m).text())
        .get();
      assert.ok(marks.includes('Aberystwyth') && marks.some((m) => m.includes('623111')), marks.join('|'));
      assert.match(view.$('main').text(), /A name in the dictionary.*Certain.*Publish as: Town 1/s);
      assert.match(view.$('main').text(), /A phone number/);
      assert.equal(view.$('input[type="radio"][name="item-names"]').length, 2, 'the checklist as radios');
      assert.match(view.$('#to-approve').text(), /Fix or accept every finding.*Answer every item of the checklist/s);
      const welsh = await ig.get(`${checkUrl}?lang=cy`);
      assert.match(welsh.$('h1').text(), /Gwiriad dienwi: Adroddiad yr adolygwyr/);
      assert.match(welsh.$('main').text(), /Enw sydd yn y geiriadur.*Sicr.*Cyhoeddi fel: Town 1/s);
      assert.match(welsh.$('main').text(), /Enwau’r plentyn, aelodau o’r teulu/);
      await ig.get(`${checkUrl}?lang=en`);

      // Refused: a panel member, an agency's contributor; the business unit reads but does not decide.
      assert.equal((await member.get(page)).statusCode, 403);
      assert.equal((await member.get(checkUrl)).statusCode, 403);
      assert.equal((await contributor.get(checkUrl)).statusCode, 403);
      const buView = await bu.get(checkUrl);
      assert.equal(buView.statusCode, 200);
      assert.equal(buView.$('#approve').length, 0);

      // A blank reason: the error summary, the finding's field, nothing written.
      const findings = await services.db.kysely.selectFrom('anonymisation_findings').select(['id', 'kind']).orderBy('position').execute();
      const first = findings[0];
      assert.ok(first);
      const blank = await postFrom(ig, checkUrl, urls.anonymisationFinding(board.id, review.id, check.id, first.id), { reason: ' ', version: '1' });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.$('title').text(), /^Error: /);
      assert.equal(blank.$('.govuk-error-summary a').attr('href'), `#reason-${first.id}`);
      assert.match(blank.$(`#reason-${first.id}-error`).text(), /Enter the reason for accepting the finding/);
      const welshBlank = await postFrom(ig, `${checkUrl}?lang=cy`, urls.anonymisationFinding(board.id, review.id, check.id, first.id), {
        reason: '',
        version: '1',
      });
      assert.match(welshBlank.$('.govuk-error-summary').text(), /Mae problem wedi codi.*Rhowch y rheswm dros dderbyn y canfyddiad/s);
      await ig.get(`${checkUrl}?lang=en`);
      assert.equal((await checks())[0]?.version, 1);

      // Approving with open findings and no checklist: every reason in the summary, nothing written.
      const refused = await postFrom(ig, checkUrl, urls.anonymisationApprove(board.id, review.id, check.id), { version: '1' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.$('.govuk-error-summary').text(), /Fix or accept every finding.*Answer every item of the checklist/s);
      assert.equal((await checks())[0]?.status, 'open');

      let version = 1;
      for (const f of findings) {
        const accepted = await postFrom(ig, checkUrl, urls.anonymisationFinding(board.id, review.id, check.id, f.id), {
          reason: 'Kept: see the board’s note.',
          version: String(version),
        });
        assert.equal(accepted.statusCode, 302, accepted.body);
        version++;
      }
      const stale = await postFrom(ig, checkUrl, urls.anonymisationChecklist(board.id, review.id, check.id), { version: '1' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.$('.govuk-error-summary').text(), /Someone changed the check since you opened this page/);
      const answers = Object.fromEntries(
        Object.entries(allAnswered()).flatMap(([id, a]) => [
          [`item-${id}`, a.answer],
          [`note-${id}`, a.note],
        ]),
      );
      const answered = await postFrom(ig, checkUrl, urls.anonymisationChecklist(board.id, review.id, check.id), { ...answers, version: String(version) });
      assert.equal(answered.statusCode, 302, answered.body);
      version++;
      const ready = await ig.get(checkUrl);
      assert.equal(ready.$('#to-approve').length, 0, 'nothing left to do');
      assert.equal(ready.$('input[name="item-names"][value="checked"]').attr('checked'), 'checked');
      const approved = await postFrom(ig, checkUrl, urls.anonymisationApprove(board.id, review.id, check.id), { version: String(version) });
      assert.equal(approved.statusCode, 302, approved.body);
      const after = await ig.get(page);
      assert.match(after.$('#documents').text(), /Approved/);
      assert.match((await ig.get(urls.review(board.id, review.id))).$('#anonymisation ~ p').first().text(), /Documents approved: 1 of 3/);
    });

    test('API: list, scan, read, accept, answer, approve; 422 for bad input and refusals, 409 for a stale version, 403/404 for others', async (t) => {
      const w = await apiWorld(t, dialect);
      const callers = await reviewCallers(w.services, w.boardA.id);
      const review = await seedReview(w.services, w.boardA.id, callers, { frameworkId: 'CPR_2016', decidedOn: '2026-11-20' });
      const scope = { boardId: w.boardA.id, reviewId: review.id };
      await w.services.dictionary.add(as(callers.bu, 'DICTIONARY_TERM_ADDED'), scope, TOWN);
      await seedReportText(w.services, { ...scope, personId: callers.bu.actor?.personId ?? '', text: TEXT });
      const igPerson = await seedPerson(w.services, { fullName: 'IG A', roles: [{ role: 'information_governance', boardId: w.boardA.id }], totp: true });
      const ig = (await w.services.tokens.create(testCaller('TEST_TOKEN'), igPerson.email, 'test')).token;
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}/anonymisation`;

      const seq = await w.lastSeq();
      const bad = await w.call('POST', `${base}/scans`, w.tokens.unitA, { kind: 'minutes', language: 'en' });
      assertProblem(bad, 422);
      assert.deepEqual(fieldCodes(bad), [['kind', 'anonymisation:errors.kindInvalid']]);
      assert.deepEqual(await w.writtenAfter(seq), []);
      const scanned = await w.call('POST', `${base}/scans`, w.tokens.unitA, { kind: 'report', language: 'en' });
      assert.equal(scanned.statusCode, 201, JSON.stringify(scanned.data));
      const checkId = String(scanned.data.checkId);

      const listed = await w.call('GET', base, w.tokens.chairA);
      assert.equal(listed.statusCode, 200, JSON.stringify(listed.data));
      const doc = (listed.data.documents as Json[]).find((d) => d.kind === 'report') as Json;
      assert.equal(doc.approved, false);
      assert.equal((doc.check as Json).id, checkId);
      assertProblem(await w.call('GET', base, w.tokens.boardMemberA), 403);
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${review.id}/anonymisation`, w.tokens.unitB), 404);

      const read = await w.call('GET', `${base}/${checkId}`, ig);
      assert.equal(read.statusCode, 200, JSON.stringify(read.data));
      const findings = read.data.findings as Json[];
      assert.ok(findings.some((f) => f.match === 'Aberystwyth' && f.kind === 'dictionary_term'));
      assert.deepEqual(Object.keys(read.data.problems as Json).sort(), ['checklist', 'findings']);

      const accept = (f: Json, version: number, reason = 'Public knowledge.') =>
        w.call('POST', `${base}/${checkId}/findings/${String(f.id)}/accept`, ig, { reason, version });
      const firstFinding = findings[0] as Json;
      assertProblem(await w.call('POST', `${base}/${checkId}/findings/${String(firstFinding.id)}/accept`, w.tokens.unitA, { reason: 'x', version: 1 }), 403);
      const blank = await accept(firstFinding, 1, '');
      assertProblem(blank, 422);
      assert.deepEqual(fieldCodes(blank), [['reason', 'anonymisation:errors.reasonRequired']]);
      const refused = await w.call('POST', `${base}/${checkId}/approve`, ig, { version: 1 });
      assertProblem(refused, 422);
      assert.deepEqual(
        fieldCodes(refused)
          .map(([f]) => f)
          .sort(),
        ['checklist', 'findings'],
      );
      let version = 1;
      for (const f of findings) {
        const res = await accept(f, version);
        assert.equal(res.statusCode, 200, JSON.stringify(res.data));
        version = Number(res.data.version);
      }
      assertProblem(await w.call('PUT', `${base}/${checkId}/checklist`, ig, { answers: allAnswered(), version: 1 }), 409);
      const badAnswer = await w.call('PUT', `${base}/${checkId}/checklist`, ig, { answers: { names: { answer: 'yes' } }, version });
      assertProblem(badAnswer, 422);
      assert.deepEqual(fieldCodes(badAnswer), [['item-names', 'anonymisation:errors.answerInvalid']]);
      const answered = await w.call('PUT', `${base}/${checkId}/checklist`, ig, { answers: allAnswered(), version });
      assert.equal(answered.statusCode, 200, JSON.stringify(answered.data));
      version = Number(answered.data.version);
      const approved = await w.call('POST', `${base}/${checkId}/approve`, ig, { version });
      assert.equal(approved.statusCode, 200, JSON.stringify(approved.data));
      assertProblem(await w.call('POST', `${base}/${checkId}/approve`, ig, { version }), 409);
      const relisted = await w.call('GET', base, ig);
      assert.equal(((relisted.data.documents as Json[]).find((d) => d.kind === 'report') as Json).approved, true);
    });
  });
}
