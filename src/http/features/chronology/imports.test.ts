// Importing a chronology spreadsheet through the pages (issue 11 item 2), on both databases: the template in
// English and Welsh (xlsx and csv); the contributor uploads a file, the status page refreshes itself while the
// job has not run and shows the count once it has; a file with a bad row shows a GOV.UK error summary naming the
// row and the column in the reader's language, and nothing is imported; a PDF renamed .xlsx is refused on the
// upload page; another agency's contributor is refused the upload page, the upload and the status page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Services } from '../../../container.ts';
import { TEMPLATE_COLUMNS, templateHeaders } from '../../../domain/chronology/import-rows.ts';
import { addDays } from '../../../domain/clock/dates.ts';
import { as } from '../../../testing/case-fixtures.ts';
import { callerFor, completeRequest, type SeededRequest, seedRequest } from '../../../testing/contribution-fixtures.ts';
import { multipartBody } from '../../../testing/file-fixtures.ts';
import { seedBoard } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

const GOOD = { date: '31/01/2024', eventType: 'Contact', description: 'Galwad ffôn â’r fam', sourceRef: 'R1', significance: 'Low', people: 'Plentyn A' };

async function workbook(rows: Record<string, unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(templateHeaders('en'));
  for (const r of rows) ws.addRow(TEMPLATE_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

for (const dialect of dialectsUnderTest()) {
  describe(`chronology import pages (${dialect})`, () => {
    const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
    let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
    let services: Services;
    let boardId: string;
    let reviewId: string;
    let police: SeededRequest;
    let health: SeededRequest;
    let close: () => Promise<void>;

    before(async () => {
      ({ app, services, close } = await buildTestApp(undefined, dialect, { clock }));
      const board = await seedBoard(services, 'CYSUR');
      boardId = board.id;
      const callers = await reviewCallers(services, boardId);
      reviewId = (await seedReview(services, boardId, callers, { frameworkId: 'CPR_2016' })).id;
      const dueOn = addDays(clock.today(), 28);
      police = await seedRequest(services, callers.bu, { boardId, reviewId, agencyId: (await seedAgency(services, [boardId])).id }, { dueOn });
      const healthAgency = await seedAgency(services, [boardId], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
      health = await seedRequest(services, callers.bu, { boardId, reviewId, agencyId: healthAgency.id }, { dueOn });
      await completeRequest(services, { boardId, reviewId }, police, 'timeline', 'declared');
      await completeRequest(services, { boardId, reviewId }, health, 'timeline', 'declared');
      await services.terms.saveSection(as(callers.bu, 'TERMS_OF_REFERENCE_SECTION_SAVED'), boardId, reviewId, {
        section: 'period',
        startOn: '2023-01-01',
        endOn: '2026-10-31',
        revision: 0,
      });
    });
    after(() => close());

    async function browserFor(person: { email: string; totpSecret?: string }): Promise<Browser> {
      const browser = new Browser(app);
      clock.advance(31_000);
      await signIn(browser, person, clock);
      return browser;
    }
    const count = async () =>
      (await services.chronology.agency(as(await callerFor(services, police.author.id), 'CHRONOLOGY_VIEWED'), boardId, reviewId, police.id)).total;
    async function upload(browser: Browser, requestId: string, name: string, content: Buffer) {
      const form = urls.chronologyImport(boardId, reviewId, requestId);
      const token = await browser.csrfToken(urls.agencyChronology(boardId, reviewId, requestId));
      return browser.postMultipart(
        form,
        multipartBody([
          { name: '_csrf', value: token },
          { name: 'file', filename: name, content },
        ]),
      );
    }

    test('the template in English and Welsh, as xlsx and csv, linked from the agency’s chronology', async () => {
      const author = await browserFor(police.author);
      const page = await author.get(urls.agencyChronology(boardId, reviewId, police.id));
      assert.match(page.$('main').text(), /Download the template \(Excel, English\)/);
      assert.match(page.$('main').text(), /Download the template \(CSV, Welsh\)/);
      const csv = await author.get(urls.chronologyTemplate(boardId, 'csv', { lang: 'cy' }));
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-disposition']), /templed-cronoleg\.csv/);
      assert.ok(![csv.headers['set-cookie'] ?? []].flat().some((c) => String(c).startsWith('lang=')), 'the reader’s language is not switched');
      assert.ok(csv.body.includes(templateHeaders('cy')[0] ?? 'x'));
      const xlsx = await author.get(urls.chronologyTemplate(boardId, 'xlsx', { lang: 'en' }));
      assert.equal(xlsx.statusCode, 200);
      assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
      assert.equal((await author.get(urls.chronologyTemplate(boardId, 'pdf'))).statusCode, 404);
      const other = await seedBoard(services, 'OTHERB');
      assert.equal((await author.get(urls.chronologyTemplate(other.id, 'xlsx'))).statusCode, 404);
    });

    test('an upload: the status page refreshes until the job has run, then says what was imported; a bad row lists row and column and imports nothing', async () => {
      const author = await browserFor(police.author);
      const before = await count();
      const good = await upload(author, police.id, 'cronoleg.xlsx', await workbook([GOOD, { ...GOOD, date: 45322 }, { ...GOOD, date: '14/03/2019' }]));
      assert.equal(good.statusCode, 302);
      const statusUrl = String(good.headers.location);
      const waiting = await author.get(statusUrl);
      assert.equal(waiting.statusCode, 200);
      assert.equal(waiting.$('meta[http-equiv="refresh"]').attr('content'), '2');
      assert.match(waiting.$('#progress').text(), /waiting to be checked/);
      // Half way through a large file (as the job writes its progress): the rows checked of about how many.
      const importId = statusUrl.split('/').at(-1) ?? '';
      await services.db.kysely
        .updateTable('chronology_imports')
        .set({ status: 'reading', rows_read: 12000, rows_total: 100000 })
        .where('id', '=', importId)
        .execute();
      const reading = await author.get(statusUrl);
      assert.equal(reading.$('#progress').text(), '12,000 of about 100,000 rows checked');
      assert.equal(reading.$('meta[http-equiv="refresh"]').attr('content'), '2');
      await services.db.kysely.updateTable('chronology_imports').set({ status: 'queued', rows_read: 0, rows_total: null }).where('id', '=', importId).execute();
      await services.jobs.runDue();
      const done = await author.get(statusUrl);
      assert.equal(done.$('meta[http-equiv="refresh"]').length, 0, 'no refresh once finished');
      assert.match(done.$('main').text(), /3 entries were added/);
      // Outside the period under review: imported, and listed as a warning.
      assert.match(done.$('main').text(), /1 entry was imported with a date outside the period/);
      assert.deepEqual(
        done
          .$('#warnings li')
          .map((_, li) => done.$(li).text())
          .get(),
        ['Row 4'],
      );
      assert.equal((await count()) - before, 3);
      // Listed on the agency's page with a link to its status.
      const list = await author.get(urls.agencyChronology(boardId, reviewId, police.id));
      assert.equal(list.$(`a[href="${statusUrl}"]`).length, 1);

      const bad = await upload(author, police.id, 'bad.xlsx', await workbook([GOOD, GOOD, { ...GOOD, date: '31/02/2024' }]));
      await services.jobs.runDue();
      const refused = await author.get(String(bad.headers.location));
      const summary = refused.$('.govuk-error-summary').text();
      assert.match(summary, /Row 4, Date: Enter a real date/);
      assert.match(refused.$('main').text(), /Nothing was imported/);
      const welsh = await author.get(`${String(bad.headers.location)}?lang=cy`);
      assert.match(welsh.$('.govuk-error-summary').text(), /Rhes 4, Dyddiad: Rhowch ddyddiad go iawn/);
      assert.equal((await count()) - before, 3, 'nothing more imported');

      const pdf = await upload(author, police.id, 'chronology.xlsx', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'));
      assert.equal(pdf.statusCode, 400);
      assert.equal(pdf.$('.govuk-error-summary a[href="#file"]').length, 1);
      const none = await upload(author, police.id, '', Buffer.alloc(0));
      assert.equal(none.statusCode, 400);
    });

    test('another agency’s contributor is refused the upload page, the upload and the status page', async () => {
      const author = await browserFor(police.author);
      const good = await upload(author, police.id, 'x.xlsx', await workbook([GOOD]));
      const statusUrl = String(good.headers.location);
      const other = await browserFor(health.author);
      assert.equal((await other.get(urls.chronologyImport(boardId, reviewId, police.id))).statusCode, 403);
      assert.equal((await other.get(statusUrl)).statusCode, 403);
      const token = await other.csrfToken(urls.agencyChronology(boardId, reviewId, health.id));
      const refused = await other.postMultipart(
        urls.chronologyImport(boardId, reviewId, police.id),
        multipartBody([
          { name: '_csrf', value: token },
          { name: 'file', filename: 'x.xlsx', content: await workbook([GOOD]) },
        ]),
      );
      assert.equal(refused.statusCode, 403);
      // Through its own request, the police's import is not found.
      const importId = statusUrl.split('/').at(-1) ?? '';
      assert.equal((await other.get(urls.chronologyImportStatus(boardId, reviewId, health.id, importId))).statusCode, 404);
    });
  });
}
