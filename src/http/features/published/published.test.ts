// The public pages of released reviews (issue 13 item 5), on both databases, through the publication service as
// it runs (every gate opened through the services, the release job at the embargo's time, withdrawal after the
// months the board set): the list (newest first, a withdrawn one as "No longer published", a hold shown only where
// the board chose to show it), the publication page in English and Welsh with its tagged PDF and Word files, and
// the search. Nothing unpublished is reachable — without signing in and signed in on another board: a review
// never published, one approved but before its embargo time, one held without showing it, a withdrawn one (its
// status only), the review ids behind the public ones, a random and a malformed id — every path (page, PDF, Word,
// search) answers the same not-found page, and a word planted in unpublished summaries is never found.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Services } from '../../../container.ts';
import { SUMMARY_SECTIONS } from '../../../domain/publication/summary.ts';
import type { Caller } from '../../../services/context.ts';
import { seedAgency } from '../../../testing/admin-fixtures.ts';
import { as, callerWithRole } from '../../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedPreparingReview } from '../../../testing/publication-fixtures.ts';
import { approveRelease, decideToPublish, holdPublication } from '../../../testing/published-fixtures.ts';
import { reviewCallers } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

const PLANTED = 'Zwartkopwordplanted';

/** Saves a draft section of the English summary holding the planted word (a later version than any approved). */
async function plantDraft(services: Services, bu: Caller, scope: { boardId: string; reviewId: string }) {
  const opened = await services.summary.section(as(bu, 'SUMMARY_SECTION_VIEWED'), scope, 'en', 'introduction');
  await services.summary.saveSection(as(bu, 'SUMMARY_SECTION_SAVED'), scope, {
    language: 'en',
    section: 'introduction',
    text: `An unpublished draft about ${PLANTED}.`,
    revision: opened.revision,
  });
}

for (const dialect of dialectsUnderTest()) {
  describe(`published reviews (${dialect})`, () => {
    test('list, page, files, search in English and Welsh; nothing unpublished reachable by any id or path', async (t) => {
      const clock = new TestClock(new Date('2026-12-14T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR', { en: 'Cwm Taf Morgannwg Safeguarding Board', cy: 'Bwrdd Diogelu Cwm Taf Morgannwg' });
      const other = await seedBoard(services, 'OTHER');
      const callers = await reviewCallers(services, board.id);
      const otherCallers = await reviewCallers(services, other.id);
      const ig = await callerWithRole(services, 'information_governance', board.id);
      const police = await seedAgency(services, { boardIds: [board.id, other.id], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' });
      const seed = async (b: { id: string }, c: typeof callers) => (await seedPreparingReview(services, b.id, c, police.id)).scope;

      const kept = await seed(board, callers);
      const gone = await seed(board, callers);
      const embargoed = await seed(board, callers);
      const delayed = await seed(board, callers);
      const never = await seed(other, otherCallers);
      await approveRelease(services, kept, callers, ig, { releaseDate: '2026-12-15' });
      await approveRelease(services, gone, callers, ig, { releaseDate: '2026-12-15', releaseTime: '08:00', withdrawAfterMonths: 1 });
      await approveRelease(services, embargoed, callers, ig, { releaseDate: '2027-06-01' });
      await plantDraft(services, callers.bu, embargoed);
      await decideToPublish(services, delayed, callers.bu, { releaseDate: '2027-01-10', showHold: true });
      await holdPublication(services, delayed, callers.bu, '2027-06-01');
      await plantDraft(services, otherCallers.bu, never);
      await holdPublication(services, never, otherCallers.bu, '2027-06-01');

      clock.set('2026-12-15T10:00:00Z');
      assert.equal((await services.publication.runDue()).released, 2);
      clock.set('2027-01-16T10:00:00Z');
      assert.equal((await services.publication.runDue()).withdrawn, 1);
      const snapshots = await services.db.kysely.selectFrom('published_reviews').select(['id', 'review_id']).execute();
      assert.equal(snapshots.length, 2, 'a snapshot for each release, none for the rest');
      const publicId = (reviewId: string) => snapshots.find((s) => s.review_id === reviewId)?.id ?? '';
      const keptId = publicId(kept.reviewId);
      const goneId = publicId(gone.reviewId);
      assert.notEqual(keptId, kept.reviewId, 'the public id is not the review’s');

      const anyone = new Browser(app);
      const list = await anyone.get(urls.published());
      assert.equal(list.statusCode, 200, list.body);
      const titles = list
        .$('#publications h3 a')
        .map((_, a) => list.$(a).attr('href'))
        .get();
      assert.deepEqual(titles, [urls.publishedReview(keptId), urls.publishedReview(goneId)], 'newest first (09:30 after 08:00)');
      assert.match(list.$('#publications li').eq(1).text(), /No longer published/);
      assert.match(list.$('#publications li').eq(0).text(), /Child Practice Review/);
      assert.equal(list.$('#delayed + ul li').length, 1, 'only the hold the board chose to show');
      assert.match(list.$('#delayed + ul li').text(), /Publication delayed: parallel proceedings/);

      const page = await anyone.get(urls.publishedReview(keptId));
      assert.equal(page.statusCode, 200, page.body);
      assert.match(page.$('h1').text(), /^Child [A-Z]+$/);
      assert.equal(page.$('main h3').length >= SUMMARY_SECTIONS.length, true);
      assert.match(page.$('main').text(), /Child A and the agencies/);
      assert.equal(page.$(`a[href="${urls.publishedSummaryFile(keptId, 'pdf', { lang: 'en' })}"]`).length, 1);
      const welsh = await anyone.get(urls.publishedReview(keptId, { lang: 'cy' }));
      assert.equal(welsh.$('html').attr('lang'), 'cy');
      assert.match(welsh.$('h1').text(), /^Plentyn [A-Z]+$/);
      assert.match(welsh.$('main').text(), /Plentyn A a’r asiantaethau/);
      const pdf = await anyone.get(urls.publishedSummaryFile(keptId, 'pdf', { lang: 'cy' }));
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const pdfText = pdf.rawPayload.toString('latin1');
      assert.match(pdfText, /\/Lang \(cy-GB\)/);
      assert.match(pdfText, /\/FontFile2/, 'the font is embedded');
      assert.match(pdfText, /\/StructTreeRoot/, 'tagged');
      const docx = await anyone.get(urls.publishedSummaryFile(keptId, 'docx', { lang: 'en' }));
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');

      const withdrawn = await anyone.get(urls.publishedReview(goneId, { lang: 'en' }));
      assert.equal(withdrawn.statusCode, 200);
      assert.match(withdrawn.$('#status').text(), /No longer published/);
      assert.equal(withdrawn.$('#summary').length, 0, 'the status only');
      assert.doesNotMatch(withdrawn.$('main').text(), /agencies/);

      const search = async (browser: Browser, q: string) => {
        const r = await browser.get(urls.published({ q }));
        assert.equal(r.statusCode, 200, r.body);
        return r
          .$('#publications h3 a')
          .map((_, a) => r.$(a).attr('href'))
          .get();
      };
      assert.deepEqual(await search(anyone, 'AGENCIES child'), [urls.publishedReview(keptId)], 'published text only: not the withdrawn, not the embargoed');
      assert.deepEqual(await search(anyone, 'asiantaethau'), [urls.publishedReview(keptId)], 'Welsh text');
      assert.deepEqual(await search(anyone, 'MORGANNWG'), [urls.publishedReview(keptId)], 'the board');
      assert.deepEqual(await search(anyone, PLANTED.toLowerCase()), [], 'never unpublished text');
      assert.deepEqual(await search(anyone, 'chi%d'), [], 'a wildcard matches only itself');
      assert.deepEqual(await search(anyone, 'ch_ld'), []);
      assert.deepEqual(await search(anyone, 'x'.repeat(5000)), []);
      assert.equal((await anyone.get(urls.published({ page: 99999 }))).statusCode, 200, 'beyond the last page: the last');

      // The business unit's publication page links the released review's public page, and says when one stopped being public.
      const unit = new Browser(app);
      await signIn(unit, await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }), clock);
      const own = await unit.get(urls.reviewPublication(board.id, kept.reviewId));
      assert.equal(own.$(`#published a[href="${urls.publishedReview(keptId)}"]`).length, 1, 'the public page is linked');
      assert.match((await unit.get(urls.reviewPublication(board.id, gone.reviewId))).$('#published').text(), /No longer published since/);
      assert.equal((await unit.get(urls.reviewPublication(board.id, embargoed.reviewId))).$('#published').length, 0, 'not yet released');

      // Every id that is not a public one, every path, without signing in and signed in on another board.
      const stranger = new Browser(app);
      await signIn(stranger, await seedPerson(services, { roles: [{ role: 'business_unit', boardId: other.id }], totp: true }), clock);
      const main = (r: Awaited<ReturnType<Browser['get']>>) => `${r.$('title').text()}${r.$('main').html()}`;
      const notFound = main(await anyone.get(urls.publishedReview('01a24f41-0000-7000-8000-000000000000')));
      const ids = [
        never.reviewId,
        embargoed.reviewId,
        delayed.reviewId,
        kept.reviewId,
        gone.reviewId,
        '01a24f41-0000-7000-8000-000000000000',
        "x'--",
        'a b',
        'z'.repeat(90),
      ];
      for (const browser of [anyone, stranger])
        for (const id of ids) {
          for (const path of [
            urls.publishedReview(id),
            urls.publishedSummaryFile(id, 'pdf'),
            urls.publishedSummaryFile(id, 'docx'),
            urls.publishedReportFile(id, 'pdf'),
          ]) {
            const r = await browser.get(path);
            assert.equal(r.statusCode, 404, `${path}: ${r.statusCode}`);
            if (browser === anyone && path === urls.publishedReview(id)) assert.equal(main(r), notFound, 'the same page as an unknown id');
          }
        }
      for (const browser of [anyone, stranger])
        for (const path of [urls.publishedSummaryFile(goneId, 'pdf'), urls.publishedSummaryFile(goneId, 'docx'), urls.publishedReportFile(keptId, 'pdf')])
          assert.equal((await browser.get(path)).statusCode, 404, `${path}: no file once withdrawn, none not published`);
      assert.deepEqual(await search(stranger, PLANTED), []);
      const events = await services.db.kysely.selectFrom('audit_events').select('action').where('action', 'like', 'PUBLISHED_%').execute();
      assert.equal(events.length, 0, 'public reads are not audited as case material');
    });
  });
}
