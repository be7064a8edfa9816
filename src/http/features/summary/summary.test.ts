// The executive summary's pages (real CSRF tokens; issue 13 item 3), on both databases: the review page links to
// it; the business unit writes a section (the plan's figures beside the board's statement), a stale save answers
// 409 with the form saying so; approving an incomplete version shows the error at its form; the translation form's
// error summary in English and Welsh; the English and Welsh approved; a version's changes; the Welsh version's PDF
// (lang cy-GB) and Word; an agency's contributor refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SUMMARY_SECTIONS } from '../../../domain/publication/summary.ts';
import { seedAcceptedReview } from '../../../testing/action-fixtures.ts';
import { as } from '../../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`executive summary pages (${dialect})`, () => {
    test('write, stale save, approve, translation form errors in English and Welsh, versions, documents, refusal', async (t) => {
      const clock = new TestClock(new Date('2026-12-12T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const police = await seedAgency(services, [board.id]);
      const { review } = await seedAcceptedReview(services, board.id, callers, police.id);
      const scope = { boardId: board.id, reviewId: review.id };
      const browserFor = async (person: { email: string; totpSecret?: string }) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const bu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }));
      const contributor = await browserFor(
        await seedPerson(services, {
          reviewRoles: [{ role: 'agency_contributor', boardId: board.id, reviewId: review.id, agencyId: police.id }],
          agencyId: police.id,
          totp: true,
        }),
      );
      const page = urls.summary(board.id, review.id);
      /** Posts the page's form (its hidden fields, the CSRF token) with the fields given. */
      const postForm = async (selector: string, fields: Record<string, string> = {}) => {
        const shown = await bu.get(page);
        const form = shown.$(selector);
        assert.equal(form.length, 1, `${selector} is on the page`);
        const hidden = Object.fromEntries(
          form
            .find('input[type="hidden"]')
            .map((_, i) => [[shown.$(i).attr('name') ?? '', String(shown.$(i).val() ?? '')]])
            .get(),
        );
        return bu.post(String(form.attr('action')), { ...hidden, ...fields });
      };
      const versionCount = async () => (await services.db.kysely.selectFrom('executive_summary_versions').select('id').execute()).length;

      const reviewPage = await bu.get(urls.review(board.id, review.id));
      assert.equal(reviewPage.$(`main a[href="${page}"]`).length, 1, 'the review page links to the summary');
      assert.match(reviewPage.$('#summary-status').text(), /English version: not started/);

      const first = await bu.get(page);
      assert.equal(first.statusCode, 200, first.body);
      assert.match(first.$('h1').text(), /Executive summary/);
      assert.match(first.$('#plan-figures').text(), /Actions on the plan: 0.*Recommendation 1: Share information at the first concern\./s);
      assert.equal(first.$('#sections-en .govuk-summary-list__row').length, SUMMARY_SECTIONS.length);

      // A section of the board's statement: the plan's figures beside the editor; saved.
      const sectionUrl = urls.summarySection(board.id, review.id, 'en', 'actions_taken');
      const section = await bu.get(sectionUrl);
      assert.equal(section.statusCode, 200, section.body);
      assert.match(section.$('#plan-figures').text(), /Actions on the plan: 0/);
      const csrf = String(section.$('input[name="_csrf"]').val());
      const saved = await bu.post(sectionUrl, { text: 'The police audited referrals.', revision: '0', _csrf: csrf });
      assert.equal(saved.statusCode, 302, saved.body);
      const stale = await bu.post(sectionUrl, { text: 'Written over.', revision: '0', _csrf: csrf });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.$('.govuk-error-summary').text(), /Someone changed this since you opened it/);
      assert.equal(stale.$('#text').val(), 'The police audited referrals.', 'after a conflict, the section as it stands now');

      // Approving an incomplete version: the error at the English approval form, nothing approved.
      const incomplete = await postForm('#approve-en');
      assert.equal(incomplete.statusCode, 400);
      assert.match(incomplete.$('title').text(), /^Error: /);
      assert.equal(incomplete.$('.govuk-error-summary a').attr('href'), '#approve-en');
      assert.match(incomplete.$('.govuk-error-summary').text(), /Write every section before approving this version/);

      // The translation form: its error summary in English, then in Welsh.
      const translationUrl = urls.summaryTranslation(board.id, review.id);
      const bad = await bu.submit(translationUrl, {
        translatorName: '',
        translatorEmail: '',
        agencyId: '',
        'dueOn-day': '',
        'dueOn-month': '',
        'dueOn-year': '',
      });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(
        bad
          .$('.govuk-error-summary a')
          .map((_, a) => bad.$(a).attr('href'))
          .get(),
        ['#translatorName', '#translatorEmail', '#dueOn-day'],
      );
      const welshBad = await bu.submit(`${translationUrl}?lang=cy`, { translatorName: '', translatorEmail: 'x', agencyId: '' });
      assert.match(welshBad.$('.govuk-error-summary').text(), /Mae problem wedi codi.*Rhowch enw’r cyfieithydd.*Rhowch gyfeiriad e-bost yn y fformat cywir/s);
      const requested = await bu.submit(`${translationUrl}?lang=en`, {
        translatorName: 'Siân Jones',
        translatorEmail: 'sian@example.cymru',
        agencyId: '',
        'dueOn-day': '20',
        'dueOn-month': '12',
        'dueOn-year': '2026',
      });
      assert.equal(requested.statusCode, 302, requested.body);

      // The rest written through the service; both languages approved from the page.
      for (const language of ['en', 'cy'] as const)
        for (const s of SUMMARY_SECTIONS) {
          const opened = await services.summary.section(as(callers.bu, 'SUMMARY_SECTION_VIEWED'), scope, language, s.id);
          const text = language === 'cy' ? `Testun Cymraeg ${s.id} â ŵ.` : `English ${s.id}.`;
          await services.summary.saveSection(as(callers.bu, 'SUMMARY_SECTION_SAVED'), scope, { language, section: s.id, text, revision: opened.revision });
        }
      const withStatus = await bu.get(page);
      assert.match(withStatus.$('#translation-status').text(), /Translator: Siân Jones\. Asked on 12 December 2026, due by 20 December 2026: Requested\./);
      const status = await postForm('form:has(select#status)', { status: 'returned' });
      assert.equal(status.statusCode, 302, status.body);
      for (const language of ['en', 'cy'] as const) {
        const approved = await postForm(`#approve-${language}`);
        assert.equal(approved.statusCode, 302, approved.body);
      }
      const done = await bu.get(page);
      assert.match(done.$('#approved-cy').text(), /version 1, approved on 12 December 2026/);
      assert.match(done.$('#frozen-figures-cy').text(), /Actions on the plan: 0/);
      assert.equal(done.$('#sections-cy [lang="cy"]').length, SUMMARY_SECTIONS.length, 'the Welsh text is marked as Welsh');
      const welsh = await bu.get(`${page}?lang=cy`);
      assert.match(welsh.$('h1').text(), /Crynodeb gweithredol/);
      assert.match(welsh.$('#version-cy').text(), /Y fersiwn Gymraeg/);
      assert.match(welsh.$('#translation-status').text(), /Gofynnwyd ar 12 Rhagfyr 2026, erbyn 20 Rhagfyr 2026: Wedi’i ddychwelyd/);
      await bu.get(`${page}?lang=en`);

      // A change after approval: version 2, its changes against version 1 word by word.
      clock.advance(60_000);
      const v2Url = urls.summarySection(board.id, review.id, 'en', 'learning');
      const v2 = await bu.get(v2Url);
      assert.match(v2.$('.govuk-hint').text(), /Version 1 is approved: saving starts version 2/);
      const revision = String(v2.$('input[name="revision"]').val());
      assert.equal((await bu.submit(v2Url, { text: 'English learning, changed.', revision })).statusCode, 302);
      const changes = await bu.get(urls.summaryVersion(board.id, review.id, 'en', '2'));
      assert.equal(changes.statusCode, 200, changes.body);
      assert.match(changes.$('[data-section="learning"] ins').text(), /changed/);
      const parity = await bu.get(page);
      assert.match(parity.$('#parity-findings').text(), /Learning: changed in English since the Welsh version was approved/);

      // The Welsh version's documents: a tagged PDF in Welsh, and Word.
      const pdf = await bu.get(urls.summaryVersionFile(board.id, review.id, 'cy', '1', 'pdf'));
      assert.equal(pdf.statusCode, 200);
      assert.match(pdf.rawPayload.toString('latin1'), /\/Lang \(cy-GB\)/);
      const docx = await bu.get(urls.summaryVersionFile(board.id, review.id, 'cy', '1', 'docx'));
      assert.equal(docx.statusCode, 200);
      assert.equal((await bu.get(urls.summaryVersionFile(board.id, review.id, 'en', '2', 'pdf'))).statusCode, 404, 'a draft has no document');

      // An agency's contributor: refused, nothing written.
      assert.equal((await contributor.get(page)).statusCode, 403);
      const before = await versionCount();
      const refused = await contributor.post(sectionUrl, { text: 'x', revision: '1', _csrf: 'x' });
      assert.equal(refused.statusCode, 403);
      assert.equal(await versionCount(), before);
    });
  });
}
