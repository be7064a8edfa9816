// A review's terms of reference (issue 10 item 3) through the pages: the business unit and the panel chair
// draft it section by section, only the panel chair approves, a change after approval starts the next version
// with its differences marked in text, agencies' contributors read the approved version and its document only,
// other boards, reviews and agencies are refused, bad answers change nothing, and two editors at once get a
// clear answer (in parallel on PostgreSQL).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedAgency } from '../../../testing/admin-fixtures.ts';
import { callerWithRole } from '../../../testing/case-fixtures.ts';
import { type SeededPerson, seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

type Page = Awaited<ReturnType<Browser['get']>>;

/** Opens the section's page and saves the fields with the revision the page gave. */
async function saveSection(browser: Browser, boardId: string, reviewId: string, section: string, fields: Record<string, string | string[]>): Promise<Page> {
  const url = urls.termsSection(boardId, reviewId, section);
  const page = await browser.get(url);
  assert.equal(page.statusCode, 200, `the ${section} page opens`);
  return browser.post(url, { ...fields, revision: String(page.$('input[name="revision"]').val()), _csrf: String(page.$('input[name="_csrf"]').val()) });
}

/** Approves the version the terms page shows, as its approval form says. */
async function approve(browser: Browser, boardId: string, reviewId: string): Promise<Page> {
  const page = await browser.get(urls.terms(boardId, reviewId));
  const form = page.$('form#approve');
  const field = (name: string) => String(form.find(`input[name="${name}"]`).val() ?? '');
  return browser.post(urls.termsApprove(boardId, reviewId), {
    version: field('version'),
    revision: field('revision'),
    _csrf: String(page.$('input[name="_csrf"]').first().val()),
  });
}

const text = (page: Page, selector: string) => page.$(selector).text().replace(/\s+/g, ' ').trim();

for (const dialect of dialectsUnderTest()) {
  describe(`terms of reference (${dialect})`, () => {
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers);
      const other = await seedReview(services, board.id, callers);
      const police = await seedAgency(services, { boardIds: [board.id], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' });
      const health = await seedAgency(services, {
        boardIds: [board.id],
        nameEn: 'Aneurin Bevan Health Board',
        nameCy: 'Bwrdd Iechyd Aneurin Bevan',
        sector: 'health',
      });
      const bu = await seedPerson(services, { fullName: 'Bethan Unit', roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const chair = await seedPerson(services, {
        fullName: 'Ceri Chair',
        reviewRoles: [{ role: 'panel_chair', boardId: board.id, reviewId: review.id }],
        totp: true,
      });
      const as = async (person: SeededPerson) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const ids = { boardId: board.id, reviewId: review.id };
      /** Every section approval needs, saved as the browser's person. */
      const draft = async (browser: Browser) => {
        const saved = [
          await saveSection(browser, board.id, review.id, 'purpose', { text: 'A review under the SUSR guidance.\nSection 134 of the 2014 Act.' }),
          await saveSection(browser, board.id, review.id, 'agencies', {
            agencies: [police.id, health.id],
            [`form-${police.id}`]: 'imr',
            [`form-${health.id}`]: 'timeline',
          }),
          await saveSection(browser, board.id, review.id, 'enquiry', { items: 'How agencies shared information\n\nHow the child’s voice was heard' }),
          await saveSection(browser, board.id, review.id, 'methodology', { text: 'A learning event with practitioners.' }),
          await saveSection(browser, board.id, review.id, 'panel', { text: 'An independent chair and two reviewers.' }),
          await saveSection(browser, board.id, review.id, 'timescales', { text: 'Six months from the decision.' }),
        ];
        for (const res of saved) assert.equal(res.statusCode, 302, res.$('.govuk-error-summary').text());
      };
      return { app, services, clock, board, review, other, police, health, bu, chair, as, ids, draft };
    }

    test('the business unit drafts, only the panel chair approves, and a change after approval starts version 2 with its changes marked', async (t) => {
      const { services, board, review, police, health, bu, chair, as, draft } = await setup(t);
      const unit = await as(bu);
      const first = await unit.get(urls.terms(board.id, review.id));
      assert.equal(first.statusCode, 200);
      assert.equal(text(first, 'h1'), 'Terms of reference');
      assert.equal(text(first, '#terms-status'), 'Version 1: draft');
      // The framework's period (SUSR: the 12 months before the incident of 18 November 2026) and the child's code.
      assert.match(text(first, '#terms-sections'), /From 18 November 2025 to 18 November 2026/);
      assert.match(text(first, '#terms-sections'), /Child A/);
      await draft(unit);
      const drafted = await unit.get(urls.terms(board.id, review.id));
      assert.match(text(drafted, '#terms-sections'), /Gwent Police: Individual management review \(IMR\)/);
      assert.match(text(drafted, '#terms-sections'), /1\. How agencies shared information\s*2\. How the child’s voice was heard/);
      assert.equal(drafted.$('form#approve').length, 0, 'the business unit is offered no approval');
      assert.match(text(drafted, '#terms-awaiting'), /waits for the panel chair’s approval/);
      assert.equal(drafted.$(`a[href="${urls.review(board.id, review.id)}"]`).length, 1, 'back to the review');
      const refused = await unit.post(urls.termsApprove(board.id, review.id), {
        version: '1',
        revision: '6',
        _csrf: String(drafted.$('input[name="_csrf"]').first().val()),
      });
      assert.equal(refused.statusCode, 403);

      const panel = await as(chair);
      const toApprove = await panel.get(urls.terms(board.id, review.id));
      assert.equal(toApprove.$('form#approve').length, 1);
      const approved = await approve(panel, board.id, review.id);
      assert.equal(approved.statusCode, 302);
      const after = await panel.get(urls.terms(board.id, review.id));
      assert.equal(text(after, '#terms-status'), 'Version 1: approved');
      assert.match(text(after, 'main'), /Approved by Ceri Chair on 27 November 2026/);
      assert.match(text(after, '.govuk-notification-banner'), /Version 1 approved/);

      // An agency renamed after the approval: the approved version still says what it said.
      const administrator = await callerWithRole(services, 'administrator', board.id, 'AGENCY_UPDATED');
      const { id: _id, ...agency } = police;
      await services.organisation.updateAgency(administrator, police.id, { ...agency, nameEn: 'Gwent Police Service', nameCy: 'Gwasanaeth Heddlu Gwent' });
      assert.match(text(await panel.get(urls.termsVersion(board.id, review.id, '1')), '#terms-sections'), /Gwent Police: Individual/);
      const unchanged = await saveSection(unit, board.id, review.id, 'agencies', {
        agencies: [police.id, health.id],
        [`form-${police.id}`]: 'imr',
        [`form-${health.id}`]: 'timeline',
      });
      assert.equal(unchanged.statusCode, 302);
      assert.match(text(await unit.get(urls.terms(board.id, review.id)), '.govuk-notification-banner'), /Nothing changed/);

      // The approved version is frozen: a change starts version 2, a copy with the change.
      const changed = await saveSection(unit, board.id, review.id, 'purpose', {
        text: 'A review under the SUSR statutory guidance.\nSection 134 of the 2014 Act.',
      });
      assert.equal(changed.statusCode, 302);
      const v2 = await unit.get(urls.terms(board.id, review.id));
      assert.match(text(v2, '.govuk-notification-banner'), /Version 2 started with your change/);
      assert.equal(text(v2, '#terms-status'), 'Version 2: draft');
      const v1Purpose = await services.db.kysely
        .selectFrom('terms_of_reference_sections as s')
        .innerJoin('terms_of_reference_versions as v', 'v.id', 's.version_id')
        .select(['v.version', 'v.status', 's.content'])
        .where('v.review_id', '=', review.id)
        .where('s.section', '=', 'purpose')
        .orderBy('v.version')
        .execute();
      assert.deepEqual(
        v1Purpose.map((r) => [r.version, r.status, JSON.parse(r.content).text]),
        [
          [1, 'approved', 'A review under the SUSR guidance.\nSection 134 of the 2014 Act.'],
          [2, 'draft', 'A review under the SUSR statutory guidance.\nSection 134 of the 2014 Act.'],
        ],
      );

      const diff = await unit.get(urls.termsVersion(board.id, review.id, '2'));
      assert.equal(diff.statusCode, 200);
      assert.match(text(diff, 'main'), /Compared with version 1/);
      const purpose = diff.$('#terms-changes [data-section="purpose"]');
      assert.equal(purpose.find('ins').text().replace(/\s+/g, ' ').trim(), 'inserted statutory end of inserted text');
      assert.equal(purpose.find('ins .govuk-visually-hidden').first().text().trim(), 'inserted');
      assert.equal(purpose.find('del').length, 0);
      assert.equal(text(diff, '#terms-changes [data-section="methodology"]'), 'No change');

      // Changing the agencies' forms shows the old line deleted and the new one inserted.
      await saveSection(unit, board.id, review.id, 'agencies', { agencies: [police.id], [`form-${police.id}`]: 'timeline' });
      const agencies = (await unit.get(urls.termsVersion(board.id, review.id, '2'))).$('#terms-changes [data-section="agencies"]');
      assert.match(agencies.find('del').text(), /deleted/);
      assert.match(agencies.find('del').text(), /Aneurin Bevan Health Board/);
      assert.match(agencies.find('ins').text(), /Timeline/);

      // The review's page says where the terms stand.
      const reviewPage = await unit.get(urls.review(board.id, review.id));
      assert.equal(text(reviewPage, '#terms-of-reference-status'), 'Version 2 is a draft. Version 1 approved by Ceri Chair on 27 November 2026.');
      assert.equal(reviewPage.$(`a[href="${urls.terms(board.id, review.id)}"]`).length, 1);
      assert.match(text(reviewPage, '#timeline-table'), /Approved a version of a review’s terms of reference/);

      assert.equal((await approve(panel, board.id, review.id)).statusCode, 302);
      const versions = await services.db.kysely
        .selectFrom('terms_of_reference_versions')
        .select(['version', 'status'])
        .where('review_id', '=', review.id)
        .orderBy('version')
        .execute();
      assert.deepEqual(versions, [
        { version: 1, status: 'approved' },
        { version: 2, status: 'approved' },
      ]);
      const actions = await services.db.kysely.selectFrom('audit_events').select('action').where('record_id', '=', review.id).execute();
      assert.equal(actions.filter((a) => a.action === 'TERMS_OF_REFERENCE_APPROVED').length, 2);
    });

    test('panel members, agency contributors and the business unit cannot approve; contributors read the approved version and its document only; other boards, reviews and agencies are refused', async (t) => {
      const { app, services, clock, board, review, other, police, health, bu, chair, as, draft } = await setup(t);
      const member = await seedPerson(services, { reviewRoles: [{ role: 'panel_member', boardId: board.id, reviewId: review.id }], totp: true });
      const contributor = await seedPerson(services, {
        agencyId: police.id,
        reviewRoles: [{ role: 'agency_contributor', boardId: board.id, reviewId: review.id, agencyId: police.id }],
        totp: true,
      });
      const unit = await as(bu);
      await draft(unit);
      const memberBrowser = await as(member);
      const contributorBrowser = await as(contributor);
      for (const browser of [memberBrowser, contributorBrowser]) {
        const page = await browser.get(urls.terms(board.id, review.id));
        assert.equal(page.statusCode, 200);
        assert.equal(page.$('form#approve').length, 0);
        const posted = await browser.post(urls.termsApprove(board.id, review.id), {
          version: '1',
          revision: '6',
          _csrf: String(page.$('input[name="_csrf"]').first().val() ?? ''),
        });
        assert.equal(posted.statusCode, 403);
        assert.equal((await browser.get(urls.termsSection(board.id, review.id, 'purpose'))).statusCode, 403);
      }
      // Before approval a contributor sees no draft.
      const before = await contributorBrowser.get(urls.terms(board.id, review.id));
      assert.match(text(before, 'main'), /have not been approved yet/);
      assert.doesNotMatch(text(before, 'main'), /SUSR guidance/);
      assert.equal((await contributorBrowser.get(urls.termsVersion(board.id, review.id, '1'))).statusCode, 404);

      assert.equal((await approve(await as(chair), board.id, review.id)).statusCode, 302);
      await saveSection(unit, board.id, review.id, 'methodology', { text: 'A draft change the agencies do not see yet.' });
      const approvedView = await contributorBrowser.get(urls.terms(board.id, review.id));
      assert.equal(text(approvedView, '#terms-status'), 'Version 1: approved');
      assert.match(text(approvedView, '#terms-sections'), /A learning event with practitioners\./);
      assert.doesNotMatch(text(approvedView, 'main'), /do not see yet/);
      assert.equal(approvedView.$('a[href*="/sections/"]').length, 0, 'no change links');
      assert.equal(approvedView.$(`a[href="${urls.review(board.id, review.id)}"]`).length, 0, 'no link to the review, which they may not see');
      assert.equal((await contributorBrowser.get(urls.termsVersion(board.id, review.id, '2'))).statusCode, 404);
      const pdf = await contributorBrowser.get(urls.termsVersionFile(board.id, review.id, '1', 'pdf'));
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.match(String(pdf.headers['content-disposition']), /CYSUR-2026-01-terms-of-reference-v1-en\.pdf/);
      const docx = await contributorBrowser.get(urls.termsVersionFile(board.id, review.id, '1', 'docx'));
      assert.equal(docx.statusCode, 200);
      assert.equal((await contributorBrowser.get(urls.termsVersionFile(board.id, review.id, '2', 'pdf'))).statusCode, 404, 'a draft has no document');
      const read = await services.db.kysely
        .selectFrom('audit_events')
        .select(['action', 'record_type'])
        .where('action', '=', 'TERMS_OF_REFERENCE_DOWNLOADED')
        .execute();
      assert.deepEqual(read, [
        { action: 'TERMS_OF_REFERENCE_DOWNLOADED', record_type: 'terms_of_reference' },
        { action: 'TERMS_OF_REFERENCE_DOWNLOADED', record_type: 'terms_of_reference' },
      ]);

      // Another review of the board: its panel chair and a contributor to it are refused this review's terms.
      const otherChair = await seedPerson(services, { reviewRoles: [{ role: 'panel_chair', boardId: board.id, reviewId: other.id }], totp: true });
      const otherContributor = await seedPerson(services, {
        agencyId: health.id,
        reviewRoles: [{ role: 'agency_contributor', boardId: board.id, reviewId: other.id, agencyId: health.id }],
        totp: true,
      });
      const otherChairBrowser = await as(otherChair);
      for (const browser of [otherChairBrowser, await as(otherContributor)]) {
        assert.equal((await browser.get(urls.terms(board.id, review.id))).statusCode, 403);
        assert.equal((await browser.get(urls.termsVersionFile(board.id, review.id, '1', 'pdf'))).statusCode, 403);
      }
      const token = await otherChairBrowser.csrfToken(urls.terms(board.id, other.id));
      assert.equal((await otherChairBrowser.post(urls.termsApprove(board.id, review.id), { version: '2', revision: '1', _csrf: token })).statusCode, 403);

      // Another board's business unit: the review is not found.
      const otherBoard = await seedBoard(services, 'OTHER');
      const otherBu = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: otherBoard.id }], totp: true });
      const outsider = new Browser(app);
      await signIn(outsider, otherBu, clock);
      assert.equal((await outsider.get(urls.terms(board.id, review.id))).statusCode, 403);
      const csrf = await outsider.csrfToken(urls.reviews(otherBoard.id));
      assert.equal((await outsider.post(urls.termsSection(board.id, review.id, 'purpose'), { text: 'x', revision: '0', _csrf: csrf })).statusCode, 403);
      assert.equal((await outsider.get(urls.terms(otherBoard.id, review.id))).statusCode, 404);
      const versions = await services.db.kysely
        .selectFrom('terms_of_reference_versions')
        .select(['version', 'status'])
        .where('review_id', '=', review.id)
        .orderBy('version')
        .execute();
      assert.deepEqual(versions, [
        { version: 1, status: 'approved' },
        { version: 2, status: 'draft' },
      ]);
    });

    test('bad answers are refused in the error summary and change nothing; approval waits for the required sections', async (t) => {
      const { services, board, review, bu, chair, as } = await setup(t);
      const unit = await as(bu);
      const period = await saveSection(unit, board.id, review.id, 'period', {
        'startOn-day': '1',
        'startOn-month': '6',
        'startOn-year': '2026',
        'endOn-day': '31',
        'endOn-month': '5',
        'endOn-year': '2026',
      });
      assert.equal(period.statusCode, 400, text(period, '.govuk-error-summary'));
      assert.match(text(period, '.govuk-error-summary'), /The end of the period must be the same as or after its start/);
      assert.equal(period.$('input[name="startOn-month"]').val(), '6');
      const impossible = await saveSection(unit, board.id, review.id, 'period', { 'startOn-day': '31', 'startOn-month': '2', 'startOn-year': '2026' });
      assert.match(text(impossible, '.govuk-error-summary'), /The start of the period must be a real date.*Enter the end of the period under review/);
      const noAgency = await saveSection(unit, board.id, review.id, 'agencies', {});
      assert.equal(noAgency.statusCode, 400);
      assert.match(text(noAgency, '.govuk-error-summary'), /Select at least one agency/);
      const foreign = await saveSection(unit, board.id, review.id, 'agencies', {
        agencies: 'not-an-agency-of-the-board',
        'form-not-an-agency-of-the-board': 'imr',
      });
      assert.match(text(foreign, '.govuk-error-summary'), /Select agencies of the board only/);
      const empty = await saveSection(unit, board.id, review.id, 'enquiry', { items: '  \n ' });
      assert.match(text(empty, '.govuk-error-summary'), /Enter at least one line of enquiry/);
      const tooLong = await saveSection(unit, board.id, review.id, 'purpose', { text: 'x'.repeat(10_001) });
      assert.match(text(tooLong, '.govuk-error-summary'), /10,000 characters or fewer/);
      assert.equal((await unit.get(urls.termsSection(board.id, review.id, 'subject'))).statusCode, 404, 'the subject is the review’s code, not edited');
      assert.equal((await services.db.kysely.selectFrom('terms_of_reference_versions').selectAll().execute()).length, 0);

      await saveSection(unit, board.id, review.id, 'purpose', { text: 'Why.' });
      const panel = await as(chair);
      const page = await panel.get(urls.terms(board.id, review.id));
      assert.match(text(page, '#terms-missing'), /Agencies and form of contribution.*Key lines of enquiry.*Methodology/);
      const incomplete = await approve(panel, board.id, review.id);
      assert.equal(incomplete.statusCode, 400);
      assert.match(text(incomplete, '.govuk-error-summary'), /Complete the sections listed/);
      const row = await services.db.kysely.selectFrom('terms_of_reference_versions').select('status').executeTakeFirstOrThrow();
      assert.equal(row.status, 'draft');
    });

    test('a section changed since it was opened, or a version changed since the chair read it, is refused with a clear answer', async (t) => {
      const { services, board, review, bu, chair, as, draft } = await setup(t);
      const unit = await as(bu);
      const panel = await as(chair);
      const url = urls.termsSection(board.id, review.id, 'purpose');
      const chairOpened = await panel.get(url);
      const buOpened = await unit.get(url);
      const first = await unit.post(url, {
        text: 'The business unit’s purpose.',
        revision: String(buOpened.$('input[name="revision"]').val()),
        _csrf: String(buOpened.$('input[name="_csrf"]').val()),
      });
      assert.equal(first.statusCode, 302);
      const second = await panel.post(url, {
        text: 'The chair’s purpose.',
        revision: String(chairOpened.$('input[name="revision"]').val()),
        _csrf: String(chairOpened.$('input[name="_csrf"]').val()),
      });
      assert.equal(second.statusCode, 409);
      assert.match(text(second, '.govuk-error-summary'), /Someone else changed this since you opened it/);
      assert.equal(second.$('textarea[name="text"]').text().trim(), 'The business unit’s purpose.', 'shown as it is now');
      await draft(unit);
      const read = await panel.get(urls.terms(board.id, review.id));
      await saveSection(unit, board.id, review.id, 'family', { text: 'The family is told before the panel meets.' });
      const stale = await panel.post(urls.termsApprove(board.id, review.id), {
        version: String(read.$('form#approve input[name="version"]').val()),
        revision: String(read.$('form#approve input[name="revision"]').val()),
        _csrf: String(read.$('input[name="_csrf"]').first().val()),
      });
      assert.equal(stale.statusCode, 409);
      assert.match(text(stale, '.govuk-error-summary'), /Someone else changed this since you opened it/);
      const row = await services.db.kysely.selectFrom('terms_of_reference_versions').select('status').executeTakeFirstOrThrow();
      assert.equal(row.status, 'draft');
    });

    test('in Welsh: the page, the changes marked in Welsh', async (t) => {
      const { board, review, bu, chair, as, draft } = await setup(t);
      const unit = await as(bu);
      await draft(unit);
      await approve(await as(chair), board.id, review.id);
      await saveSection(unit, board.id, review.id, 'methodology', { text: 'A learning event with practitioners and the family.' });
      const page = await unit.get(`${urls.terms(board.id, review.id)}?lang=cy`);
      assert.equal(text(page, 'h1'), 'Cylch gorchwyl');
      assert.equal(text(page, '#terms-status'), 'Fersiwn 2: drafft');
      assert.match(text(page, '#terms-sections'), /Plentyn A/);
      assert.match(text(page, '#terms-sections'), /Heddlu Gwent – Adolygiad rheoli unigol \(IMR\)/);
      const diff = await unit.get(urls.termsVersion(board.id, review.id, '2'));
      assert.match(text(diff, '#terms-changes [data-section="methodology"] ins'), /^wedi’i fewnosod and the family diwedd y testun wedi’i fewnosod$/);
      assert.equal(text(diff, '#terms-changes [data-section="purpose"]'), 'Dim newid');
    });

    if (dialect === 'postgres') {
      test('two editors saving the same section at once: one wins, the other is told it changed; an approval racing a change is refused or comes first', async (t) => {
        const { services, board, review, bu, chair, as, draft } = await setup(t);
        const unit = await as(bu);
        const panel = await as(chair);
        await draft(unit);
        const url = urls.termsSection(board.id, review.id, 'purpose');
        const [a, b] = await Promise.all([unit.get(url), panel.get(url)]);
        const post = (browser: Browser, page: Page, words: string) =>
          browser.post(url, { text: words, revision: String(page.$('input[name="revision"]').val()), _csrf: String(page.$('input[name="_csrf"]').val()) });
        const answers = await Promise.all([post(unit, a, 'First editor’s purpose.'), post(panel, b, 'Second editor’s purpose.')]);
        assert.deepEqual(answers.map((r) => r.statusCode).sort(), [302, 409]);
        const loser = answers.find((r) => r.statusCode === 409);
        assert.match(text(loser as Page, '.govuk-error-summary'), /Someone else changed this since you opened it/);
        const stored = await services.db.kysely
          .selectFrom('terms_of_reference_sections')
          .select(['content', 'revision'])
          .where('section', '=', 'purpose')
          .executeTakeFirstOrThrow();
        assert.equal(stored.revision, 2);
        assert.ok(['First editor’s purpose.', 'Second editor’s purpose.'].includes(JSON.parse(stored.content).text));

        // The chair approves while the business unit saves another section: either the approval is refused
        // (the change came first) or the change starts version 2 (the approval came first); never both lost.
        const read = await panel.get(urls.terms(board.id, review.id));
        const family = await unit.get(urls.termsSection(board.id, review.id, 'family'));
        const [approval, change] = await Promise.all([
          panel.post(urls.termsApprove(board.id, review.id), {
            version: String(read.$('form#approve input[name="version"]').val()),
            revision: String(read.$('form#approve input[name="revision"]').val()),
            _csrf: String(read.$('input[name="_csrf"]').first().val()),
          }),
          unit.post(urls.termsSection(board.id, review.id, 'family'), {
            text: 'The family is told first.',
            revision: String(family.$('input[name="revision"]').val()),
            _csrf: String(family.$('input[name="_csrf"]').val()),
          }),
        ]);
        assert.equal(change.statusCode, 302);
        const versions = await services.db.kysely.selectFrom('terms_of_reference_versions').select(['version', 'status']).orderBy('version').execute();
        if (approval.statusCode === 302)
          assert.deepEqual(versions, [
            { version: 1, status: 'approved' },
            { version: 2, status: 'draft' },
          ]);
        else {
          assert.equal(approval.statusCode, 409);
          assert.deepEqual(versions, [{ version: 1, status: 'draft' }]);
        }
      });
    }
  });
}
