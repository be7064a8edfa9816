import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as cheerio from 'cheerio/slim';
import { adminWorld, auditActions, signedIn } from '../../../testing/admin-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const errorLinks = (res: { $: cheerio.CheerioAPI }) =>
  res
    .$('.govuk-error-summary__list a')
    .map((_, a) => ({ text: res.$(a).text().trim(), href: res.$(a).attr('href') }))
    .get();

for (const dialect of dialectsUnderTest()) {
  describe(`admin: boards (${dialect})`, () => {
    test('a deployment administrator creates a board through the journey, changing an answer from check answers', async (t) => {
      const { services, deploymentAdmin, boardA } = await adminWorld(t, dialect);
      const browser = deploymentAdmin.browser;

      const list = await browser.get('/admin/boards');
      assert.equal(list.statusCode, 200);
      assert.equal(list.$('main a.govuk-button[href="/admin/boards/new"]').text().trim(), 'Create a board');

      const start = await browser.get('/admin/boards/new');
      assert.equal(start.headers.location, '/admin/boards/new/details');
      const early = await browser.get('/admin/boards/new/check-answers');
      assert.equal(early.headers.location, '/admin/boards/new/details', 'check answers needs every step');

      let res = await browser.submit('/admin/boards/new/details', { code: 'cwm-taf', nameEn: 'Cwm Taf Board', nameCy: 'Bwrdd Cwm Taf' });
      assert.equal(res.headers.location, '/admin/boards/new/type');
      res = await browser.submit('/admin/boards/new/type', { boardType: 'RSB', nation: 'wales' });
      assert.equal(res.headers.location, '/admin/boards/new/more');
      res = await browser.submit('/admin/boards/new/more', {
        region: 'Cwm Taf Morgannwg',
        'validFrom-day': '1',
        'validFrom-month': '4',
        'validFrom-year': '2019',
        'validTo-day': '',
        'validTo-month': '',
        'validTo-year': '',
        predecessorBoardId: boardA.id,
      });
      assert.equal(res.headers.location, '/admin/boards/new/check-answers');

      const check = await browser.get('/admin/boards/new/check-answers');
      assert.equal(check.$('h1').text().trim(), 'Check your answers');
      const summary = check.$('.govuk-summary-list').text().replace(/\s+/g, ' ');
      assert.match(summary, /CWM-TAF/);
      assert.match(summary, /1 April 2019/);
      assert.match(summary, /Board A \(BRD-A\)/);
      const change = check.$('#change-nameEn').attr('href');
      assert.equal(change, '/admin/boards/new/details?returnTo=check-answers');

      const changePage = await browser.get(change ?? '');
      assert.equal(changePage.$('#nameEn').val(), 'Cwm Taf Board', 'the saved answer is shown');
      assert.equal(changePage.$('.govuk-back-link').attr('href'), '/admin/boards/new/check-answers');
      res = await browser.submit(change ?? '', { code: 'CWM-TAF', nameEn: 'Cwm Taf Morgannwg Board', nameCy: 'Bwrdd Cwm Taf Morgannwg' });
      assert.equal(res.headers.location, '/admin/boards/new/check-answers', 'a change returns to check answers');

      assert.equal((await services.db.kysely.selectFrom('boards').selectAll().execute()).length, 2, 'nothing written before "Create board"');
      const created = await browser.submit('/admin/boards/new/check-answers', {});
      assert.equal(created.statusCode, 302);
      const board = await services.db.kysely.selectFrom('boards').selectAll().where('code', '=', 'CWM-TAF').executeTakeFirstOrThrow();
      assert.equal(board.name_en, 'Cwm Taf Morgannwg Board');
      assert.equal(board.valid_from_on, '2019-04-01');
      assert.equal(board.predecessor_board_id, boardA.id);
      assert.equal(created.headers.location, `/admin/boards/${board.id}`);
      const view = await browser.get(created.headers.location ?? '');
      assert.match(view.$('.govuk-notification-banner').text(), /Board created: Cwm Taf Morgannwg Board/);

      const event = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'BOARD_CREATED').executeTakeFirstOrThrow();
      assert.equal(event.record_id, board.id);
      assert.equal(event.actor_id, deploymentAdmin.person.id);
      assert.equal((await browser.get('/admin/boards/new/check-answers')).headers.location, '/admin/boards/new/details', 'the journey is cleared');
    });

    test('invalid answers: error summary, values kept, nothing saved; code must be unique; dates must be real', async (t) => {
      const { services, deploymentAdmin } = await adminWorld(t, dialect);
      const browser = deploymentAdmin.browser;
      await browser.get('/admin/boards/new');

      const empty = await browser.submit('/admin/boards/new/details', { code: '', nameEn: '  ', nameCy: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.$('title').text(), /^Error: What is the board called\?/);
      assert.deepEqual(errorLinks(empty), [
        { text: 'Enter a code for the board', href: '#code' },
        { text: "Enter the board's name in English", href: '#nameEn' },
        { text: "Enter the board's name in Welsh", href: '#nameCy' },
      ]);
      assert.match(empty.$('#code-error').text(), /Enter a code for the board/);

      const taken = await browser.submit('/admin/boards/new/details', { code: 'brd-a', nameEn: 'Another', nameCy: 'Arall' });
      assert.equal(taken.statusCode, 400);
      assert.deepEqual(errorLinks(taken), [{ text: 'Another board already uses this code. Enter a different code', href: '#code' }]);
      assert.equal(taken.$('#code').val(), 'brd-a', 'what was typed is kept');
      assert.equal(taken.$('#nameEn').val(), 'Another');

      await browser.submit('/admin/boards/new/details', { code: 'NEW', nameEn: 'New', nameCy: 'Newydd' });
      const noType = await browser.submit('/admin/boards/new/type', {});
      assert.deepEqual(errorLinks(noType), [
        { text: 'Select the type of board', href: '#boardType' },
        { text: 'Select the nation the board is in', href: '#nation' },
      ]);
      await browser.submit('/admin/boards/new/type', { boardType: 'LSCB', nation: 'england' });
      const badDates = await browser.submit('/admin/boards/new/more', {
        'validFrom-day': '31',
        'validFrom-month': '2',
        'validFrom-year': '2020',
        'validTo-day': '1',
        'validTo-month': '',
        'validTo-year': '2021',
      });
      assert.equal(badDates.statusCode, 400);
      assert.deepEqual(errorLinks(badDates), [
        { text: 'Date the board started must be a real date', href: '#validFrom-day' },
        { text: 'Date the board ended must include a day, month and year', href: '#validTo-day' },
      ]);
      assert.equal(badDates.$('#validFrom-day').val(), '31');
      assert.ok(badDates.$('#validFrom-day').hasClass('govuk-input--error'));
      const order = await browser.submit('/admin/boards/new/more', {
        'validFrom-day': '1',
        'validFrom-month': '4',
        'validFrom-year': '2020',
        'validTo-day': '1',
        'validTo-month': '4',
        'validTo-year': '2019',
      });
      assert.deepEqual(errorLinks(order), [{ text: 'Date the board ended must be the same as or after the date it started', href: '#validTo-day' }]);

      assert.equal((await services.db.kysely.selectFrom('boards').selectAll().execute()).length, 2, 'no board written');
      assert.ok(!(await auditActions(services)).includes('BOARD_CREATED'));
    });

    test('Welsh: questions, date labels and error messages are in Welsh', async (t) => {
      const { deploymentAdmin } = await adminWorld(t, dialect);
      const browser = deploymentAdmin.browser;
      await browser.get('/admin/boards/new?lang=cy');
      const details = await browser.submit('/admin/boards/new/details', { code: '', nameEn: 'Board', nameCy: '' });
      assert.equal(details.$('html').attr('lang'), 'cy');
      assert.match(details.$('title').text(), /^Gwall: Beth yw enw’r bwrdd\?/);
      assert.equal(details.$('.govuk-error-summary__title').text().trim(), 'Mae problem wedi codi');
      assert.deepEqual(
        errorLinks(details).map((e) => e.text),
        ['Rhowch god ar gyfer y bwrdd', 'Rhowch enw’r bwrdd yn Gymraeg'],
      );
      await browser.submit('/admin/boards/new/details', { code: 'CY', nameEn: 'Board', nameCy: 'Bwrdd' });
      await browser.submit('/admin/boards/new/type', { boardType: 'RSB', nation: 'wales' });
      const more = await browser.get('/admin/boards/new/more');
      assert.deepEqual(
        more
          .$('#validFrom .govuk-date-input__label')
          .map((_, l) => more.$(l).text().trim())
          .get(),
        ['Diwrnod', 'Mis', 'Blwyddyn'],
      );
      assert.equal(more.$('main form[method="post"] .govuk-button').text().trim(), 'Parhau');
    });

    test('board administrators edit only their own board; others are not found; non-administrators are refused', async (t) => {
      const { app, services, clock, boardA, boardB, boardAdmin } = await adminWorld(t, dialect);
      const browser = boardAdmin.browser;

      const list = await browser.get('/admin/boards');
      assert.equal(list.$('main table tbody tr').length, 1);
      assert.match(list.$('main table').text(), /Board A/);
      assert.equal(list.$('a[href="/admin/boards/new"]').length, 0);
      assert.equal((await browser.get('/admin/boards/new/details')).statusCode, 403, 'only deployment administrators create boards');
      assert.equal((await browser.get(`/admin/boards/${boardB.id}`)).statusCode, 404);
      assert.equal((await browser.get(`/admin/boards/${boardB.id}/edit`)).statusCode, 404);

      const form = await browser.get(`/admin/boards/${boardA.id}/edit`);
      assert.equal(form.$('#code').val(), 'BRD-A');
      const clash = await browser.submit(`/admin/boards/${boardA.id}/edit`, {
        code: 'BRD-B',
        nameEn: 'Board A renamed',
        nameCy: 'Bwrdd A',
        boardType: 'RSB',
        nation: 'wales',
        isActive: 'yes',
      });
      assert.equal(clash.statusCode, 400);
      assert.deepEqual(errorLinks(clash), [{ text: 'Another board already uses this code. Enter a different code', href: '#code' }]);
      assert.equal(clash.$('#nameEn').val(), 'Board A renamed');
      const saved = await browser.submit(`/admin/boards/${boardA.id}/edit`, {
        code: 'BRD-A',
        nameEn: 'Board A renamed',
        nameCy: 'Bwrdd A',
        boardType: 'RSB',
        nation: 'wales',
        region: 'Gwent',
        isActive: 'yes',
      });
      assert.equal(saved.headers.location, `/admin/boards/${boardA.id}`);
      const row = await services.db.kysely.selectFrom('boards').selectAll().where('id', '=', boardA.id).executeTakeFirstOrThrow();
      assert.equal(row.name_en, 'Board A renamed');
      assert.equal(row.region, 'Gwent');
      const event = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'BOARD_UPDATED').executeTakeFirstOrThrow();
      assert.equal(event.board_id, boardA.id);
      assert.match(event.summary, /nameEn/);

      const businessUnit = await signedIn(app, services, clock, [{ role: 'business_unit', boardId: boardA.id }]);
      for (const url of ['/admin', '/admin/boards', `/admin/boards/${boardA.id}`, '/admin/people', '/admin/agencies']) {
        assert.equal((await businessUnit.browser.get(url)).statusCode, 403, url);
      }
    });
  });
}
