import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as cheerio from 'cheerio/slim';
import { adminWorld, auditActions, seedAgency } from '../../../testing/admin-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const errorLinks = (res: { $: cheerio.CheerioAPI }) =>
  res
    .$('.govuk-error-summary__list a')
    .map((_, a) => ({ text: res.$(a).text().trim(), href: res.$(a).attr('href') }))
    .get();

for (const dialect of dialectsUnderTest()) {
  describe(`admin: agencies (${dialect})`, () => {
    test('the list is paged, 50 agencies a page, with the filters kept in the page links', async (t) => {
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect);
      for (let i = 0; i < 51; i++) await seedAgency(services, { boardIds: [boardA.id], nameEn: `Agency ${String(i).padStart(2, '0')}`, sector: 'health' });
      await seedAgency(services, { boardIds: [boardA.id], nameEn: 'Zz Police', sector: 'police' });
      const first = await boardAdmin.browser.get(`/admin/agencies?boardId=${boardA.id}&sector=health`);
      assert.equal(first.$('main table tbody tr').length, 50);
      assert.match(first.$('caption').text(), /51/);
      const next = first.$('.govuk-pagination__next a').attr('href') ?? '';
      assert.equal(next, `/admin/agencies?boardId=${boardA.id}&sector=health&page=2`);
      const second = await boardAdmin.browser.get(next);
      assert.deepEqual(
        second
          .$('main table tbody th a')
          .map((_, a) => second.$(a).text())
          .get(),
        ['Agency 50'],
      );
    });

    test('a board administrator adds an agency to their board, through check answers', async (t) => {
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect);
      const browser = boardAdmin.browser;
      await browser.get('/admin/agencies/new');
      const form = await browser.get('/admin/agencies/new/details');
      assert.deepEqual(
        form
          .$('input[name="boardIds"]')
          .map((_, i) => form.$(i).val())
          .get(),
        [boardA.id],
        'only boards the administrator administers are offered',
      );

      let res = await browser.submit('/admin/agencies/new/details', {
        nameEn: 'Gwent Police',
        nameCy: 'Heddlu Gwent',
        sector: 'police',
        isStatutoryPartner: 'yes',
        boardIds: [boardA.id],
      });
      assert.equal(res.headers.location, '/admin/agencies/new/check-answers');
      const check = await browser.get('/admin/agencies/new/check-answers');
      const text = check.$('.govuk-summary-list').text().replace(/\s+/g, ' ');
      assert.match(text, /Gwent Police/);
      assert.match(text, /Police/);
      assert.match(text, /Board A/);
      const change = check.$('#change-sector').attr('href') ?? '';
      assert.equal(change, '/admin/agencies/new/details?returnTo=check-answers');
      const again = await browser.get(change);
      assert.equal(again.$('input[name="sector"][value="police"]').attr('checked'), 'checked', 'saved answers are shown');
      res = await browser.submit(change, { nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent', sector: 'police', isStatutoryPartner: 'no', boardIds: boardA.id });
      assert.equal(res.headers.location, '/admin/agencies/new/check-answers');

      assert.equal((await services.db.kysely.selectFrom('agencies').selectAll().execute()).length, 0);
      const created = await browser.submit('/admin/agencies/new/check-answers', {});
      const agency = await services.db.kysely.selectFrom('agencies').selectAll().executeTakeFirstOrThrow();
      assert.equal(created.headers.location, `/admin/agencies/${agency.id}`);
      assert.equal(agency.is_statutory_partner, 0);
      const members = await services.db.kysely.selectFrom('board_agencies').selectAll().execute();
      assert.deepEqual(
        members.map((m) => m.board_id),
        [boardA.id],
      );
      const event = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'AGENCY_CREATED').executeTakeFirstOrThrow();
      assert.equal(event.record_id, agency.id);
      assert.equal(event.board_id, boardA.id);
    });

    test('invalid answers: errors in the summary, values kept, nothing written; Welsh messages', async (t) => {
      const { services, boardA, boardB, boardAdmin } = await adminWorld(t, dialect);
      const browser = boardAdmin.browser;
      await browser.get('/admin/agencies/new');
      const res = await browser.submit('/admin/agencies/new/details', { nameEn: 'Half done', nameCy: '' });
      assert.equal(res.statusCode, 400);
      assert.match(res.$('title').text(), /^Error: Add an agency/);
      assert.deepEqual(errorLinks(res), [
        { text: "Enter the agency's name in Welsh", href: '#nameCy' },
        { text: "Select the agency's sector", href: '#sector' },
        { text: 'Select yes if the agency is a statutory partner', href: '#isStatutoryPartner' },
        { text: 'Select at least one board the agency is a member of', href: '#boardIds' },
      ]);
      assert.equal(res.$('#nameEn').val(), 'Half done');

      const otherBoard = await browser.submit('/admin/agencies/new/details', {
        nameEn: 'X',
        nameCy: 'X',
        sector: 'health',
        isStatutoryPartner: 'yes',
        boardIds: [boardA.id, boardB.id],
      });
      assert.deepEqual(errorLinks(otherBoard), [{ text: 'Select a board from the list', href: '#boardIds' }]);
      assert.equal(otherBoard.$(`input[name="boardIds"][value="${boardA.id}"]`).attr('checked'), 'checked');

      const cy = await browser.submit('/admin/agencies/new/details?lang=cy', {
        nameEn: '',
        nameCy: 'Heddlu',
        sector: 'police',
        isStatutoryPartner: 'yes',
        boardIds: boardA.id,
      });
      assert.match(cy.$('title').text(), /^Gwall: Ychwanegu asiantaeth/);
      assert.deepEqual(
        errorLinks(cy).map((e) => e.text),
        ['Rhowch enw’r asiantaeth yn Saesneg'],
      );
      assert.equal((await services.db.kysely.selectFrom('agencies').selectAll().execute()).length, 0);
      assert.ok(!(await auditActions(services)).includes('AGENCY_CREATED'));
    });

    test('list and filters; another board’s agency is not found; edit keeps other boards; deactivate and reactivate', async (t) => {
      const { services, boardA, boardB, boardAdmin, deploymentAdmin } = await adminWorld(t, dialect);
      const shared = await seedAgency(services, { boardIds: [boardA.id, boardB.id], nameEn: 'Shared Health Board', sector: 'health' });
      await seedAgency(services, { boardIds: [boardA.id], nameEn: 'A Police', sector: 'police' });
      const onlyB = await seedAgency(services, { boardIds: [boardB.id], nameEn: 'B Housing', sector: 'housing' });
      const browser = boardAdmin.browser;

      const list = await browser.get('/admin/agencies');
      const names = list
        .$('main table tbody th')
        .map((_, th) => list.$(th).text().trim())
        .get();
      assert.deepEqual(names, ['A Police', 'Shared Health Board']);
      const health = await browser.get('/admin/agencies?sector=health');
      assert.equal(health.$('main table tbody tr').length, 1);
      assert.equal(health.$('#sector option[selected]').val(), 'health', 'the filter is kept');
      const all = await deploymentAdmin.browser.get(`/admin/agencies?boardId=${boardB.id}`);
      assert.equal(all.$('main table tbody tr').length, 2);

      assert.equal((await browser.get(`/admin/agencies/${onlyB.id}`)).statusCode, 404);
      assert.equal((await browser.get(`/admin/agencies/${onlyB.id}/edit`)).statusCode, 404);

      const edit = await browser.get(`/admin/agencies/${shared.id}/edit`);
      assert.equal(edit.$('#nameEn').val(), 'Shared Health Board');
      const bad = await browser.submit(`/admin/agencies/${shared.id}/edit`, {
        nameEn: '',
        nameCy: 'Bwrdd Iechyd',
        sector: 'health',
        isStatutoryPartner: 'yes',
        boardIds: boardA.id,
      });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(errorLinks(bad), [{ text: "Enter the agency's name in English", href: '#nameEn' }]);
      const saved = await browser.submit(`/admin/agencies/${shared.id}/edit`, {
        nameEn: 'Shared University Health Board',
        nameCy: 'Bwrdd Iechyd Prifysgol',
        sector: 'health',
        isStatutoryPartner: 'yes',
        boardIds: boardA.id,
      });
      assert.equal(saved.headers.location, `/admin/agencies/${shared.id}`);
      const members = await services.db.kysely
        .selectFrom('board_agencies')
        .select('board_id')
        .where('agency_id', '=', shared.id)
        .where('left_on', 'is', null)
        .execute();
      assert.deepEqual(members.map((m) => m.board_id).sort(), [boardA.id, boardB.id].sort(), 'board B membership is not the board A administrator’s to remove');
      assert.ok((await auditActions(services)).includes('AGENCY_UPDATED'));

      const off = await browser.submit(`/admin/agencies/${shared.id}`, {});
      assert.equal(off.headers.location, `/admin/agencies/${shared.id}`);
      let row = await services.db.kysely.selectFrom('agencies').selectAll().where('id', '=', shared.id).executeTakeFirstOrThrow();
      assert.equal(row.is_active, 0);
      const page = await browser.get(`/admin/agencies/${shared.id}`);
      assert.match(page.$('.govuk-notification-banner').text(), /no longer active/);
      await browser.submit(`/admin/agencies/${shared.id}`, {});
      row = await services.db.kysely.selectFrom('agencies').selectAll().where('id', '=', shared.id).executeTakeFirstOrThrow();
      assert.equal(row.is_active, 1);
      const actions = await auditActions(services);
      assert.ok(actions.includes('AGENCY_DEACTIVATED'));
      assert.ok(actions.includes('AGENCY_REACTIVATED'));
    });
  });
}
