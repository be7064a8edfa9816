// The board's progress report and the partner view through the pages (issue 12 items 5 and 6), on both
// databases: the dashboard links the business unit to the report; the report's page has its charts (images
// with a title and description, each followed by its table), the tables by review and agency, the horizons and
// "no challenges recorded"; a range that is not one shows an error summary and the default range; the files
// download as Word, PDF and spreadsheet (the other language too); a board member without two-factor reads it;
// the management group is refused; Welsh in Welsh; the partner view with its trend chart and table, and the
// actions the agency supports marked and counted beside those it leads; each page one audited read.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REPORT_NOW, seedReportWorld } from '../../../testing/action-report-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`progress report pages (${dialect})`, () => {
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const clock = new TestClock(REPORT_NOW);
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'TEIFI');
      const w = await seedReportWorld(services, board.id);
      const bu = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const events = async (action: string) =>
        Number(
          (
            await services.db.kysely
              .selectFrom('audit_events')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('action', '=', action)
              .executeTakeFirstOrThrow()
          ).n,
        );
      return { app, services, clock, board, w, bu, events };
    }

    test('the business unit: the dashboard’s link, the report with charts and tables, a bad range refused, the downloads, the partner view', async (t) => {
      const { app, board, w, bu, clock, events } = await setup(t);
      const browser = new Browser(app);
      await signIn(browser, bu, clock);
      const dashboard = await browser.get(urls.boardDashboard(board.id));
      assert.equal(dashboard.$('#action-report-link').attr('href'), urls.actionReport(board.id));

      const page = await browser.get(`${urls.actionReport(board.id, { from: '2027-01-01', to: '2027-03-10' })}&lang=en`);
      assert.equal(page.statusCode, 200);
      assert.equal(await events('ACTION_REPORT_VIEWED'), 1);
      for (const id of ['chart-statuses', 'chart-rag']) {
        const svg = page.$(`#${id} svg`);
        assert.equal(svg.attr('role'), 'img', id);
        assert.ok(svg.find('title').text().length > 0 && svg.find('desc').text().length > 0, id);
      }
      // Each chart is followed by its table.
      assert.equal(page.$('#chart-statuses').nextAll('div').first().find('table').attr('id'), 'statuses');
      assert.equal(page.$('#chart-rag').nextAll('div').first().find('table').attr('id'), 'agencies');
      assert.deepEqual(
        page
          .$('#reviews tbody th')
          .map((_, e) => page.$(e).text())
          .get(),
        [...w.references].sort(),
      );
      assert.match(page.$('#summary').text(), /Overdue\s*1/);
      assert.equal(page.$('#challenges-none').text(), 'No challenges recorded.');
      assert.equal(page.$('#horizons tbody tr').length, 2);
      assert.equal(page.$('#from').val(), '2027-01-01');

      const bad = await browser.get(`${urls.actionReport(board.id, { from: 'yesterday', to: '2027-03-10' })}&lang=en`);
      assert.equal(bad.statusCode, 400);
      assert.match(bad.$('.govuk-error-summary').text(), /Enter the start of the range as a date/);
      assert.equal(bad.$('#from').val(), 'yesterday');
      assert.match(bad.$('main').text(), /No board meeting has been held yet/);

      for (const [format, type, magic] of [
        ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK'],
        ['pdf', 'application/pdf', '%PDF'],
        ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK'],
      ] as const) {
        const href = page.$(`#download-${format}`).attr('href') ?? '';
        assert.equal(href, urls.actionReportFile(board.id, format, { from: '2027-01-01', to: '2027-03-10' }));
        const file = await browser.get(href);
        assert.equal(file.statusCode, 200, format);
        assert.equal(file.headers['content-type'], type);
        assert.equal(file.rawPayload.subarray(0, magic.length).toString(), magic);
        assert.match(String(file.headers['content-disposition']), /action-plans-progress-2027-01-01-2027-03-10-en/);
      }
      // The other language's file (the page's "In Welsh" link); the reader's pages are then in Welsh, as with any ?lang=.
      for (const format of ['docx', 'pdf', 'xlsx'] as const) {
        const welsh = await browser.get(urls.actionReportFile(board.id, format, { from: '2027-01-01', to: '2027-03-10', lang: 'cy' }));
        assert.match(String(welsh.headers['content-disposition']), /cynnydd-cynlluniau-gweithredu-2027-01-01-2027-03-10-cy/);
      }
      assert.equal(await events('ACTION_REPORT_DOWNLOADED'), 6);

      const partnerHref = page.$('#partner-links a').first().attr('href') ?? '';
      assert.equal(partnerHref, urls.partnerActions(board.id, w.health));
      const partner = await browser.get(`${partnerHref}?lang=en`);
      assert.equal(partner.statusCode, 200);
      assert.equal(partner.$('h1').text(), 'Actions of Aneurin Bevan Health');
      assert.equal(partner.$('#chart-trend svg').attr('role'), 'img');
      assert.equal(partner.$('#trend tbody tr').length, 1);
      assert.equal(partner.$('#partner-actions tbody tr').length, 3);
      assert.equal(partner.$('#escalations-none').length, 1);
      assert.match(partner.$('#on-time').text(), /100%/);
      assert.equal(await events('PARTNER_ACTIONS_VIEWED'), 1);
    });

    test('a board member without two-factor reads the report in Welsh; the management group is refused; another board’s agency is not found', async (t) => {
      const { app, services, board, w, clock } = await setup(t);
      const member = await seedPerson(services, { roles: [{ role: 'board_member', boardId: board.id }], language: 'cy' });
      const browser = new Browser(app);
      await signIn(browser, member, clock);
      const page = await browser.get(`${urls.actionReport(board.id)}?lang=cy`);
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text(), 'Adroddiad cynnydd ar gynlluniau gweithredu');
      assert.equal(page.$('#challenges-none').text(), 'Dim heriau wedi’u cofnodi.');
      assert.match(page.$('#chart-rag svg title').text(), /Sgôr RAG/);
      const partner = await browser.get(`${urls.partnerActions(board.id, w.police)}?lang=cy`);
      assert.equal(partner.statusCode, 200);
      assert.equal(partner.$('h1').text(), 'Camau gweithredu Heddlu Gwent');
      const other = await seedBoard(services, 'OTHER');
      const mg = await seedPerson(services, { roles: [{ role: 'management_group_member', boardId: board.id }], totp: true });
      const mgBrowser = new Browser(app);
      await signIn(mgBrowser, mg, clock);
      assert.equal((await mgBrowser.get(urls.actionReport(board.id))).statusCode, 403);
      assert.equal((await mgBrowser.get(urls.actionReportFile(board.id, 'pdf'))).statusCode, 403);
      assert.equal((await browser.get(urls.actionReport(other.id))).statusCode, 403);
    });

    test('the partner view lists and counts the actions the agency supports, marked as supporting, in English and Welsh', async (t) => {
      const { app, services, board, w, bu, clock } = await setup(t);
      // The health board supports the police's overdue action (target 1 February 2027).
      await services.db.kysely
        .insertInto('review_action_agencies')
        .values({ action_id: w.actionIds[1] ?? '', agency_id: w.health })
        .execute();
      const browser = new Browser(app);
      await signIn(browser, bu, clock);
      const page = await browser.get(`${urls.partnerActions(board.id, w.health)}?lang=en`);
      assert.equal(page.statusCode, 200);
      const rows: string[][] = [];
      page.$('#partner-actions tbody tr').each((_, row) => {
        const cells = page
          .$(row)
          .find('td')
          .toArray()
          .map((cell) => page.$(cell).text().trim());
        rows.push([cells[1] ?? '', cells[4] ?? '', cells[5] ?? '']);
      });
      assert.deepEqual(rows, [
        ['Lead agency', '31 January 2027', 'No'],
        ['Supporting agency', '1 February 2027', 'Yes'],
        ['Lead agency', '20 March 2027', 'No'],
        ['Lead agency', '30 September 2027', 'No'],
      ]);
      assert.match(page.$('#partner-actions thead').text(), /Role/);
      assert.match(page.$('#counts').text(), /Actions: 4\. On time: 1\. Late: 0\. Overdue now: 1\./);
      assert.equal(page.$('#roles').text(), 'Led by this agency: 3. With this agency as a supporting agency: 1.');
      assert.equal(page.$('#trend tbody tr').length, 1);
      const welsh = await browser.get(`${urls.partnerActions(board.id, w.health)}?lang=cy`);
      assert.equal(welsh.$('#partner-actions tbody tr').eq(1).find('td').eq(1).text().trim(), 'Asiantaeth gefnogol');
      assert.equal(welsh.$('#roles').text(), 'Dan arweiniad yr asiantaeth hon: 3. Gyda’r asiantaeth hon yn asiantaeth gefnogol: 1.');
    });
  });
}
