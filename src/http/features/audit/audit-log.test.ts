import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as cheerio from 'cheerio/slim';
import { adminWorld, seedAgency, seedAuditEvents, signedIn } from '../../../testing/admin-fixtures.ts';
import { seedReferral } from '../../../testing/referral-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const column = (res: { $: cheerio.CheerioAPI }, index: number) =>
  res
    .$('main table tbody tr')
    .map((_, tr) => res.$(tr).find('td').eq(index).text().trim())
    .get();

/** A cell's own text, without the hint beneath it (an action's code, a record's id). */
const mainText = (res: { $: cheerio.CheerioAPI }, index: number) =>
  res
    .$('main table tbody tr')
    .map((_, tr) => res.$(tr).find('td').eq(index).clone().children('.govuk-hint').remove().end().text().trim())
    .get();

/** Each row's action code (shown beneath its phrase, or alone when the code is not listed). */
const codes = (res: { $: cheerio.CheerioAPI }) =>
  res
    .$('main table tbody tr')
    .map((_, tr) => res.$(tr).find('td').eq(2).find('code').text().trim())
    .get();

const phrases = (res: { $: cheerio.CheerioAPI }) => mainText(res, 2);

/** Each row's record id (the hint beneath the record). */
const recordIds = (res: { $: cheerio.CheerioAPI }) =>
  res
    .$('main table tbody tr')
    .map((_, tr) => res.$(tr).find('td').eq(3).find('.govuk-hint').text().trim())
    .get();

for (const dialect of dialectsUnderTest()) {
  describe(`audit log (${dialect})`, () => {
    test('administrators see their boards’ events, newest first; deployment administrators see everything', async (t) => {
      const { app, services, clock, boardA, boardB, boardAdmin, deploymentAdmin } = await adminWorld(t, dialect);
      await seedAgency(services, { boardIds: [boardB.id] });
      await boardAdmin.browser.submit(`/admin/boards/${boardA.id}/edit`, {
        code: 'BRD-A',
        nameEn: 'Board A',
        nameCy: 'Bwrdd A',
        boardType: 'LSCB',
        nation: 'wales',
        isActive: 'yes',
      });
      await deploymentAdmin.browser.submit(`/admin/boards/${boardB.id}/edit`, {
        code: 'BRD-B',
        nameEn: 'Board B',
        nameCy: 'Bwrdd B',
        boardType: 'SCP',
        nation: 'england',
        isActive: 'yes',
      });

      const own = await boardAdmin.browser.get('/audit');
      assert.equal(own.statusCode, 200);
      assert.equal(own.$('h1').text().trim(), 'Audit log');
      // Board A's events only: its update, and its administrator signing in (an event about a person is
      // recorded against the boards they hold roles on); nothing of board B or of the deployment administrator.
      assert.deepEqual(codes(own), ['BOARD_UPDATED', 'SIGNED_IN', 'SIGN_IN_PASSWORD_ACCEPTED'], 'only board A events');
      assert.deepEqual(phrases(own), ['Changed a board’s details', 'Signed in', 'Signed in with a password (security code still needed)']);
      assert.deepEqual(column(own, 1), ['Bea Admin', 'Bea Admin', 'Bea Admin']);
      assert.deepEqual([...new Set(column(own, 4))], ['Board A']);
      assert.equal(mainText(own, 3)[0], 'Board');
      assert.equal(recordIds(own)[0], `Record ID: ${boardA.id}`);
      assert.match(own.$('main table tbody td').eq(5).text(), /changed: boardType/);

      const all = await deploymentAdmin.browser.get('/audit');
      const actions = codes(all);
      assert.equal(actions[0], 'BOARD_UPDATED', 'newest first');
      assert.ok(actions.includes('SIGNED_IN'), 'events of no board too');
      assert.equal(column(all, 4)[0], 'Board B');

      const filtered = await deploymentAdmin.browser.get(`/audit?action=BOARD_UPDATED&boardId=${boardA.id}`);
      assert.deepEqual(codes(filtered), ['BOARD_UPDATED']);
      assert.deepEqual(column(filtered, 4), ['Board A']);
      assert.equal(filtered.$('#action option[selected]').val(), 'BOARD_UPDATED');
      const byRecord = await deploymentAdmin.browser.get(`/audit?recordId=${boardB.id}`);
      assert.deepEqual(column(byRecord, 4), ['Board B']);
      const future = await deploymentAdmin.browser.get('/audit?from-day=1&from-month=1&from-year=2030');
      assert.equal(future.$('main table').length, 0);
      assert.match(future.$('main').text(), /No events match your search/);

      assert.equal((await boardAdmin.browser.get(`/audit?boardId=${boardB.id}`)).statusCode, 400, 'another board cannot be chosen');

      const governance = await signedIn(app, services, clock, [{ role: 'information_governance', boardId: boardA.id }]);
      const governed = await governance.browser.get('/audit');
      assert.ok(codes(governed).includes('BOARD_UPDATED'));
      assert.deepEqual([...new Set(column(governed, 4))], ['Board A']);
      const businessUnit = await signedIn(app, services, clock, [{ role: 'business_unit', boardId: boardA.id }]);
      assert.equal((await businessUnit.browser.get('/audit')).statusCode, 403);
      assert.equal(
        (await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'AUDIT_LOG_VIEWED').execute()).length,
        0,
        'reading the log is not recorded',
      );
    });

    test('an event about a person on two boards names to each board only itself: a refusal and a sign-out', async (t) => {
      const { app, services, clock, boardA, boardB, boardAdmin, deploymentAdmin } = await adminWorld(t, dialect);
      const both = await signedIn(
        app,
        services,
        clock,
        [
          { role: 'board_member', boardId: boardA.id },
          { role: 'board_member', boardId: boardB.id },
        ],
        { fullName: 'Bo Th' },
      );
      assert.equal((await both.browser.get(`/boards/${boardA.id}/settings`)).statusCode, 403);
      await both.browser.submit('/', {}, 'form[action="/sign-out"]');

      const own = await boardAdmin.browser.get('/audit?action=ACCESS_REFUSED');
      assert.deepEqual(column(own, 1), ['Bo Th']);
      assert.deepEqual(column(own, 4), ['Board A'], 'board B is not named to board A');
      assert.doesNotMatch(own.body, new RegExp(boardB.id));
      assert.match(column(own, 5)[0] ?? '', /\/boards\/:boardId\/settings/);
      const signedOut = await boardAdmin.browser.get('/audit?action=SIGNED_OUT');
      assert.deepEqual(column(signedOut, 4), ['Board A']);
      const all = await deploymentAdmin.browser.get('/audit?action=ACCESS_REFUSED');
      assert.deepEqual(column(all, 4), ['Board A, Board B'], 'the deployment administrator sees both');
    });

    test('case events: which record is shown only to readers who may see the case; administrators see who, when and what kind', async (t) => {
      const { app, services, clock, boardA, boardAdmin, deploymentAdmin } = await adminWorld(t, dialect);
      const referral = await seedReferral(services, boardA.id);
      const caseCells = (res: { $: cheerio.CheerioAPI }) =>
        res
          .$('main table tbody tr')
          .filter((_, tr) => res.$(tr).find('td').eq(2).find('code').text().trim() === 'REFERRAL_CREATED')
          .map((_, tr) => {
            const record = res.$(tr).find('td').eq(3);
            const id = record.find('.govuk-hint').text().trim();
            return {
              record: [record.clone().children('.govuk-hint').remove().end().text().trim(), id].filter(Boolean).join(' | '),
              details: res.$(tr).find('td').eq(5).text().trim(),
            };
          })
          .get();

      for (const admin of [boardAdmin, deploymentAdmin]) {
        const res = await admin.browser.get('/audit');
        assert.deepEqual(caseCells(res), [{ record: 'A referral (case material: not shown)', details: '' }]);
        assert.doesNotMatch(res.body, new RegExp(referral.id));
        assert.doesNotMatch(res.body, /Child A/);
      }
      const governance = await signedIn(app, services, clock, [{ role: 'information_governance', boardId: boardA.id }]);
      assert.deepEqual(
        caseCells(await governance.browser.get('/audit')).map((c) => c.record),
        [`Referral for Child A | Record ID: ${referral.id}`],
      );
      const welsh = await governance.browser.get('/audit?lang=cy');
      assert.match(welsh.$('main table').text(), new RegExp(`Atgyfeiriad am Blentyn A\\s*ID y cofnod: ${referral.id}`));
    });

    test('actions in the reader’s language with their codes; the filter lists the phrases; a code no longer listed shows itself', async (t) => {
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect);
      // Written by an older version under a name this one does not list.
      await seedAuditEvents(services, { boardId: boardA.id, action: 'OLD_VERSION_ACTION', count: 1 });
      const options = (res: { $: cheerio.CheerioAPI }) =>
        res
          .$('#action option')
          .map((_, o) => ({ value: res.$(o).attr('value'), text: res.$(o).text().trim() }))
          .get();

      const en = await boardAdmin.browser.get('/audit');
      assert.deepEqual(codes(en), ['OLD_VERSION_ACTION', 'SIGNED_IN', 'SIGN_IN_PASSWORD_ACCEPTED']);
      assert.deepEqual(phrases(en), ['OLD_VERSION_ACTION', 'Signed in', 'Signed in with a password (security code still needed)']);
      assert.equal(
        en.$('main table tbody tr').eq(1).find('td').eq(2).find('.govuk-hint').text().trim(),
        'Code: SIGNED_IN',
        'the code, named for screen readers',
      );
      assert.equal(en.$('main table tbody tr').eq(0).find('td').eq(2).find('.govuk-hint').length, 0, 'an unlisted code is not shown twice');
      const enOptions = options(en);
      assert.deepEqual(enOptions[0], { value: '', text: 'Any action' });
      assert.ok(enOptions.some((o) => o.value === 'SIGNED_IN' && o.text === 'Signed in'));
      assert.ok(enOptions.some((o) => o.value === 'OLD_VERSION_ACTION' && o.text === 'OLD_VERSION_ACTION'));
      const enTexts = enOptions.slice(1).map((o) => o.text);
      assert.deepEqual(
        enTexts,
        [...enTexts].sort((a, b) => a.localeCompare(b, 'en')),
        'in the order of their phrases',
      );
      assert.ok(
        enOptions.slice(1).every((o) => o.text !== o.value || o.value === 'OLD_VERSION_ACTION'),
        'every listed code by its phrase',
      );

      const cy = await boardAdmin.browser.get('/audit?lang=cy');
      assert.deepEqual(phrases(cy), ['OLD_VERSION_ACTION', 'Wedi mewngofnodi', 'Wedi mewngofnodi gyda chyfrinair (angen cod diogelwch o hyd)']);
      assert.deepEqual(codes(cy), ['OLD_VERSION_ACTION', 'SIGNED_IN', 'SIGN_IN_PASSWORD_ACCEPTED']);
      assert.equal(cy.$('main table tbody tr').eq(1).find('td').eq(2).find('.govuk-hint').text().trim(), 'Cod: SIGNED_IN');
      assert.ok(options(cy).some((o) => o.value === 'SIGNED_IN' && o.text === 'Wedi mewngofnodi'));

      // The filter takes the code; the chosen phrase stays selected.
      const filtered = await boardAdmin.browser.get('/audit?action=SIGNED_IN&lang=cy');
      assert.deepEqual(codes(filtered), ['SIGNED_IN']);
      assert.equal(filtered.$('#action option[selected]').text().trim(), 'Wedi mewngofnodi');
    });

    test('older events page by sequence number', async (t) => {
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect);
      await seedAuditEvents(services, { boardId: boardA.id, action: 'TEST_EVENT', count: 60 });
      const browser = boardAdmin.browser;
      const first = await browser.get('/audit?action=TEST_EVENT');
      assert.equal(phrases(first)[0], 'TEST_EVENT', 'a test’s own name is no listed action: shown as its code');
      assert.equal(column(first, 3).length, 50);
      assert.equal(mainText(first, 3)[0], 'test');
      assert.equal(recordIds(first)[0], 'Record ID: r59');
      assert.equal(column(first, 1)[0], 'The service');
      const older = first.$('.govuk-pagination__next a').attr('href') ?? '';
      assert.match(older, /^\/audit\?action=TEST_EVENT&before=\d+$/);
      const second = await browser.get(`${older}&lang=cy`);
      assert.deepEqual(
        recordIds(second),
        ['r9', 'r8', 'r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1', 'r0'].map((id) => `ID y cofnod: ${id}`),
      );
      assert.equal(second.$('.govuk-pagination__next').length, 0);
      assert.match(second.$('.govuk-pagination__prev').text(), /Y diweddaraf/);
      assert.equal(second.$('h1').text().trim(), 'Log archwilio');
    });

    test('invalid filters: error summary in English and Welsh, values kept', async (t) => {
      const { deploymentAdmin } = await adminWorld(t, dialect);
      const browser = deploymentAdmin.browser;
      const res = await browser.get('/audit?from-day=31&from-month=2&from-year=2026&to-day=1&to-year=2026&action=NOT_AN_ACTION');
      assert.equal(res.statusCode, 400);
      assert.match(res.$('title').text(), /^Error: Audit log/);
      assert.deepEqual(
        res
          .$('.govuk-error-summary__list a')
          .map((_, a) => ({ text: res.$(a).text().trim(), href: res.$(a).attr('href') }))
          .get(),
        [
          { text: 'Select an action from the list', href: '#action' },
          { text: 'From date must be a real date', href: '#from-day' },
          { text: 'To date must include a day, month and year', href: '#to-day' },
        ],
      );
      assert.equal(res.$('#from-day').val(), '31');
      const cy = await browser.get('/audit?lang=cy&to-day=1&to-month=1&to-year=2020&from-day=2&from-month=1&from-year=2020');
      assert.match(cy.$('title').text(), /^Gwall: Log archwilio/);
      assert.match(cy.$('.govuk-error-summary__list').text(), /Rhaid i’r dyddiad ‘hyd at’ fod yr un fath â’r dyddiad ‘o’ neu ar ei ôl/);
      assert.deepEqual(
        cy
          .$('#from .govuk-date-input__label')
          .map((_, l) => cy.$(l).text().trim())
          .get(),
        ['Diwrnod', 'Mis', 'Blwyddyn'],
      );
    });
  });
}
