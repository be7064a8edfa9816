// A review's document library (issue 10 item 9), over HTTP with real CSRF tokens on multipart forms: the
// business unit adds documents and versions; an agency's contributor sees and adds only their agency's
// documents; family correspondence only the restricted roles; every download audited; an executable renamed
// .docx, a missing title and a missing file refused in the error summary with nothing written; another
// board's people find nothing. On both databases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { multipartBody, type Part, SAMPLE_EXE, samplePdf } from '../../../testing/file-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`review document library (${dialect})`, () => {
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const other = await seedBoard(services, 'OTHER');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006' });
      const police = await seedAgency(services, [board.id]);
      const health = await seedAgency(services, [board.id], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
      const browserFor = async (person: { email: string; totpSecret?: string }) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const onReview = (role: 'agency_contributor' | 'panel_chair' | 'panel_member' | 'author', agencyId: string | null = null) =>
        seedPerson(services, { reviewRoles: [{ role, boardId: board.id, reviewId: review.id, agencyId }], agencyId, totp: true });
      const bu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }));
      const library = urls.reviewLibrary(board.id, review.id);
      return { app, services, board, other, review, police, health, browserFor, onReview, bu, library };
    }

    /** Posts the library's (or a document's) form as a browser does: the token first, the file last. */
    async function upload(browser: Browser, pageUrl: string, fields: Record<string, string>, file?: Part) {
      const page = await browser.get(pageUrl);
      assert.equal(page.statusCode, 200, pageUrl);
      const form = page.$('form[enctype="multipart/form-data"]');
      assert.equal(form.find('input').first().attr('name'), '_csrf');
      const parts: Part[] = [{ name: '_csrf', value: String(form.find('input[name="_csrf"]').val()) }];
      for (const [name, value] of Object.entries(fields)) parts.push({ name, value });
      if (file) parts.push(file);
      return browser.postMultipart(String(form.attr('action')), multipartBody(parts));
    }
    const pdfPart = async (text: string, filename = 'report.pdf'): Promise<Part> => ({ name: 'file', filename, content: await samplePdf(text) });
    const count = async (s: Awaited<ReturnType<typeof setup>>, table: 'review_documents' | 'review_document_versions' | 'files') =>
      (await s.services.db.kysely.selectFrom(table).select('id').execute()).length;

    test('the business unit adds an agency report and a new version; downloads are audited; the review page links to the library', async (t) => {
      const s = await setup(t);
      const reviewPage = await s.bu.get(urls.review(s.board.id, s.review.id));
      assert.equal(reviewPage.$(`main a[href="${s.library}"]`).length, 1);
      const first = await pdfPart('IMR v1');
      const added = await upload(
        s.bu,
        s.library,
        { kind: 'agency_report', agencyId: s.police.id, classification: 'official_sensitive', title: 'Police IMR – Siân’s case', note: 'First draft' },
        first,
      );
      assert.equal(added.statusCode, 302, added.body);
      const docUrl = String(added.headers.location);
      const doc = await s.bu.get(docUrl);
      assert.equal(doc.$('h1').text().trim(), 'Police IMR – Siân’s case');
      assert.match(doc.$('.govuk-summary-list').text(), /OFFICIAL-SENSITIVE/);
      assert.match(doc.$('.govuk-summary-list').text(), /Test Police/);
      const v2 = await upload(s.bu, docUrl, { note: 'After the panel’s comments' }, await pdfPart('IMR v2', 'imr-v2.pdf'));
      assert.equal(v2.statusCode, 302, v2.body);
      const after = await s.bu.get(docUrl);
      const versions = after.$('#versions-table tbody tr');
      assert.equal(versions.length, 2);
      assert.match(versions.first().text(), /After the panel’s comments/);
      const href = String(versions.last().find('a').attr('href'));
      assert.equal(href, urls.reviewLibraryVersion(s.board.id, s.review.id, docUrl.split('/').at(-1) ?? '', '1'));
      const file = await s.bu.get(href);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.match(String(file.headers['content-disposition']), /^attachment;/);
      assert.deepEqual(file.rawPayload, 'content' in first ? first.content : undefined);
      const downloads = await s.services.db.kysely.selectFrom('audit_events').select('action').where('action', '=', 'REVIEW_DOCUMENT_DOWNLOADED').execute();
      assert.equal(downloads.length, 1);
      const list = await s.bu.get(s.library);
      assert.match(list.$('#documents-table').text(), /Police IMR/);
      // The title is sealed at rest: the database never holds it in plaintext.
      const stored = await s.services.db.kysely.selectFrom('review_documents').select('title').executeTakeFirstOrThrow();
      assert.doesNotMatch(stored.title, /Police|Siân/);
    });

    test('an agency’s contributor sees and adds only their agency’s documents; family correspondence only the restricted roles', async (t) => {
      const s = await setup(t);
      const policeReport = await upload(
        s.bu,
        s.library,
        { kind: 'agency_report', agencyId: s.police.id, classification: 'official_sensitive', title: 'Police IMR' },
        await pdfPart('police'),
      );
      const healthReport = await upload(
        s.bu,
        s.library,
        { kind: 'agency_report', agencyId: s.health.id, classification: 'official_sensitive', title: 'Health IMR' },
        await pdfPart('health'),
      );
      const letter = await upload(
        s.bu,
        s.library,
        { kind: 'family_correspondence', classification: 'official_sensitive', title: 'Letter to the family' },
        await pdfPart('letter'),
      );
      const minutes = await upload(s.bu, s.library, { kind: 'minutes', classification: 'official', title: 'Panel minutes 1' }, await pdfPart('minutes'));
      for (const r of [policeReport, healthReport, letter, minutes]) assert.equal(r.statusCode, 302, r.body);
      const titles = async (browser: Browser) => {
        const page = await browser.get(s.library);
        assert.equal(page.statusCode, 200);
        return page
          .$('#documents-table tbody th')
          .map((_, el) => page.$(el).text().trim())
          .get()
          .sort();
      };
      const contributor = await s.browserFor(await s.onReview('agency_contributor', s.police.id));
      assert.deepEqual(await titles(contributor), ['Police IMR']);
      assert.equal((await contributor.get(String(healthReport.headers.location))).statusCode, 404, 'another agency’s report is not found');
      assert.equal((await contributor.get(`${String(healthReport.headers.location)}/versions/1`)).statusCode, 404);
      // The contributor may add their own agency's report, and nothing else.
      const form = await contributor.get(s.library);
      assert.deepEqual(
        form
          .$('input[name="kind"]')
          .map((_, el) => form.$(el).attr('value'))
          .get(),
        ['agency_report'],
      );
      const own = await upload(
        contributor,
        s.library,
        { kind: 'agency_report', agencyId: s.police.id, classification: 'official', title: 'Police chronology' },
        await pdfPart('c'),
      );
      assert.equal(own.statusCode, 302, own.body);
      const before = await count(s, 'review_documents');
      const theirs = await upload(
        contributor,
        s.library,
        { kind: 'agency_report', agencyId: s.health.id, classification: 'official', title: 'Not mine' },
        await pdfPart('x'),
      );
      assert.equal(theirs.statusCode, 400);
      assert.match(theirs.$('.govuk-error-summary').text(), /Select an agency you may add documents for/);
      const minutesByContributor = await upload(contributor, s.library, { kind: 'minutes', classification: 'official', title: 'Not mine' }, await pdfPart('x'));
      assert.equal(minutesByContributor.statusCode, 403);
      assert.equal(await count(s, 'review_documents'), before, 'nothing written');
      const member = await s.browserFor(await s.onReview('panel_member', s.police.id));
      assert.deepEqual(await titles(member), ['Health IMR', 'Panel minutes 1', 'Police IMR', 'Police chronology']);
      assert.equal((await member.get(String(letter.headers.location))).statusCode, 404, 'family correspondence is restricted');
      const chair = await s.browserFor(await s.onReview('panel_chair'));
      assert.deepEqual(await titles(chair), ['Health IMR', 'Letter to the family', 'Panel minutes 1', 'Police IMR', 'Police chronology']);
      // Another board's business unit finds nothing of this review.
      const outsider = await s.browserFor(await seedPerson(s.services, { roles: [{ role: 'business_unit', boardId: s.other.id }], totp: true }));
      assert.equal((await outsider.get(s.library)).statusCode, 403);
      assert.equal((await outsider.get(urls.reviewLibrary(s.other.id, s.review.id))).statusCode, 404);
    });

    test('two new versions uploaded at the same moment both land, numbered one after the other (never a 500)', async (t) => {
      const s = await setup(t);
      const added = await upload(s.bu, s.library, { kind: 'minutes', classification: 'official', title: 'Minutes' }, await pdfPart('v1'));
      const docUrl = String(added.headers.location);
      const page = await s.bu.get(docUrl);
      const csrf = String(page.$('form[enctype="multipart/form-data"] input[name="_csrf"]').val());
      const body = async (text: string) =>
        multipartBody([
          { name: '_csrf', value: csrf },
          { name: 'note', value: text },
          { name: 'file', filename: `${text}.pdf`, content: await samplePdf(text) },
        ]);
      const [a, b] = await Promise.all([s.bu.postMultipart(docUrl, await body('first')), s.bu.postMultipart(docUrl, await body('second'))]);
      assert.deepEqual([a.statusCode, b.statusCode], [302, 302], `${a.body}${b.body}`);
      const versions = await s.services.db.kysely.selectFrom('review_document_versions').select(['version', 'note']).orderBy('version').execute();
      assert.deepEqual(
        versions.map((v) => Number(v.version)),
        [1, 2, 3],
      );
      assert.deepEqual(
        versions
          .map((v) => v.note)
          .slice(1)
          .sort(),
        ['first', 'second'],
      );
    });

    test('an executable renamed .docx, a missing title and a missing file: the error summary says why, in Welsh too, and nothing is written', async (t) => {
      const s = await setup(t);
      const before = { documents: await count(s, 'review_documents'), files: await count(s, 'files') };
      const exe = await upload(
        s.bu,
        s.library,
        { kind: 'minutes', classification: 'official', title: 'Minutes' },
        { name: 'file', filename: 'minutes.docx', content: SAMPLE_EXE },
      );
      assert.equal(exe.statusCode, 400);
      assert.match(exe.$('.govuk-error-summary').text(), /must be a/i);
      assert.equal(exe.$('input[name="title"]').val(), 'Minutes', 'the answers are kept');
      const empty = await upload(s.bu, s.library, { kind: '', classification: 'official', title: '' });
      assert.equal(empty.statusCode, 400);
      const summary = empty.$('.govuk-error-summary');
      assert.match(summary.text(), /Select what kind of document this is/);
      assert.match(summary.text(), /Enter a title for the document/);
      assert.equal(summary.find('a[href="#file"]').length, 1);
      await s.bu.get(`${s.library}?lang=cy`);
      const welsh = await upload(s.bu, s.library, { kind: 'minutes', classification: 'official', title: '' }, await pdfPart('x'));
      assert.match(welsh.$('.govuk-error-summary').text(), /Rhowch deitl i’r ddogfen/);
      assert.deepEqual({ documents: await count(s, 'review_documents'), files: await count(s, 'files') }, before);
    });
  });
}
