// The panel pages (issue 10 item 2): the register (filters, adding with the error summary), a review's panel
// page through a whole appointment (nominate, declaration link, the candidate's page — which names no child
// —, appointment) with a refusal shown in the error summary and nothing written, the review page's
// section, Welsh, and who may reach which page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { nominateAndDeclare, seedPanelWorld } from '../../../testing/panel-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`panel pages (${dialect})`, () => {
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const clock = new TestClock(new Date('2026-12-06T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const w = await seedPanelWorld(services);
      const bu = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: w.board.id }], totp: true });
      const browser = new Browser(app);
      await signIn(browser, bu, clock);
      return { app, services, clock, browser, ...w };
    }

    test('the register lists and filters; a bad entry gets the error summary and is not saved', async (t) => {
      const { board, browser, services } = await setup(t);
      const list = await browser.get(urls.register(board.id, { language: 'cy', specialism: 'health' }));
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list
          .$('#register-table tbody th a')
          .map((_, el) => list.$(el).text().trim())
          .get(),
        ['Morgan Independent', 'Pat Police', 'Rhian Second'],
      );
      const refused = await browser.submit(urls.registerNew(board.id), { fullName: '', email: 'nope', availability: 'available' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.$('.govuk-error-summary').text(), /Enter their full name/);
      assert.match(refused.$('.govuk-error-summary').text(), /Select at least one language/);
      const count = await services.db.kysely.selectFrom('register_entries').select('id').where('board_id', '=', board.id).execute();
      assert.equal(count.length, 4);
      const added = await browser.submit(urls.registerNew(board.id), {
        fullName: 'Dewi Newydd',
        email: 'dewi@example.org',
        languages: ['cy', 'en'],
        availability: 'limited',
        wgApproved: 'yes',
        specialisms: 'Neglect',
      });
      assert.equal(added.statusCode, 302);
      const welsh = await browser.get(`${urls.register(board.id)}?lang=cy`);
      assert.equal(welsh.$('h1').text().trim(), 'Cofrestr o gadeiryddion ac adolygwyr annibynnol');
      assert.match(welsh.$('#register-table').text(), /Dewi Newydd/);
    });

    test('nominate, send the declaration link, declare on the candidate’s page (no child identity), appoint; the review page shows the panel', async (t) => {
      const { app, board, review, browser, entries } = await setup(t);
      const panelUrl = urls.panel(board.id, review.id);
      const page = await browser.get(panelUrl);
      assert.equal(page.statusCode, 200);
      const nominated = await browser.submit(
        panelUrl,
        { role: 'panel_chair', entryId: entries.independent },
        `form[action="${urls.panelNominations(board.id, review.id)}"]`,
      );
      assert.equal(nominated.statusCode, 302);
      const withNomination = await browser.get(panelUrl);
      const appointAction = withNomination.$('form[action$="/appoint"]').attr('action') ?? '';
      const linkAction = withNomination.$('form[action$="/declaration-link"]').attr('action') ?? '';
      // Appointing before any declaration: refused with the reason, nothing written.
      const early = await browser.submit(panelUrl, {}, `form[action="${appointAction}"]`);
      assert.equal(early.statusCode, 400);
      assert.match(early.$('.govuk-error-summary').text(), /They have not made an independence declaration yet/);
      const linkPage = await browser.submit(panelUrl, {}, `form[action="${linkAction}"]`);
      assert.equal(linkPage.statusCode, 200);
      const link = linkPage.$('#declaration-link code').text().trim();
      const declarationPath = new URL(link).pathname;
      // The candidate, not signed in, sees only the brief.
      const candidate = new Browser(app);
      const declarationPage = await candidate.get(declarationPath);
      assert.equal(declarationPage.statusCode, 200);
      const text = declarationPage.$('main').text();
      for (const identity of ['Siân', 'Prydderch', '2019', 'Stryd Fawr', 'Known facts']) assert.equal(text.includes(identity), false, identity);
      assert.match(text, /Child [A-Z]/);
      assert.match(text, /Test Police/);
      const missing = await candidate.submit(declarationPath, { independentOfAgencies: 'yes' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.$('.govuk-error-summary').text(), /Select yes or no/);
      const declared = await candidate.submit(declarationPath, {
        independentOfAgencies: 'yes',
        independentOfCase: 'yes',
        independentOfChild: 'yes',
        conflicts: '',
      });
      assert.equal(declared.statusCode, 200);
      assert.equal((await candidate.get(declarationPath)).statusCode, 404, 'the link is used up');
      const cy = await new Browser(app).get(`${declarationPath}?lang=cy`);
      assert.equal(cy.statusCode, 404);
      const appointed = await browser.submit(panelUrl, {}, `form[action="${appointAction}"]`);
      assert.equal(appointed.statusCode, 302);
      const reviewPage = await browser.get(urls.review(board.id, review.id));
      assert.match(reviewPage.$('#panel-appointed').text(), /Independent chair: Morgan Independent/);
    });

    test('a conflict declared: the appointment is refused with the reason, in Welsh too', async (t) => {
      const { services, board, review, browser, entries, bu } = await setup(t);
      const n = await nominateAndDeclare(services, bu, { board, review }, 'panel_chair', entries.second, { conflicts: 'I know the family.' });
      const panelUrl = urls.panel(board.id, review.id);
      const refused = await browser.submit(panelUrl, {}, `form[action="${urls.panelAppoint(board.id, review.id, n.nominationId)}"]`);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.$('.govuk-error-summary').text(), /declared a conflict of interest/);
      const welsh = await browser.get(`${panelUrl}?lang=cy`);
      assert.equal(welsh.$('h1').text().trim(), 'Panel ac annibyniaeth');
      const refusedCy = await browser.submit(panelUrl, {}, `form[action="${urls.panelAppoint(board.id, review.id, n.nominationId)}"]`);
      assert.match(refusedCy.$('.govuk-error-summary').text(), /datgan gwrthdaro buddiannau/);
      const row = await services.db.kysely.selectFrom('panel_nominations').select('status').where('id', '=', n.nominationId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'nominated');
    });

    test('the declaration page of a candidate shows in Welsh', async (t) => {
      const { app, services, board, review, entries, bu } = await setup(t);
      const n = await nominateAndDeclare(services, bu, { board, review }, 'panel_chair', entries.independent, null);
      const page = await new Browser(app).get(urls.declaration(n.token, { lang: 'cy' }));
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text().trim(), 'Datgan eich annibyniaeth');
      assert.match(page.$('main').text(), /Plentyn [A-Z]/);
    });

    test('who reaches the panel: a member of this review sees it, not another review’s; another board is not found; no register for them', async (t) => {
      const { app, services, clock, board, review, other, police } = await setup(t);
      const member = await seedPerson(services, {
        reviewRoles: [{ role: 'panel_member', boardId: board.id, reviewId: review.id, agencyId: police.id }],
        agencyId: police.id,
        totp: true,
      });
      const b = new Browser(app);
      await signIn(b, member, clock);
      const page = await b.get(urls.panel(board.id, review.id));
      assert.equal(page.statusCode, 200);
      assert.equal(page.$(`form[action="${urls.panelMembers(board.id, review.id)}"]`).length, 0, 'no managing');
      assert.equal((await b.get(urls.panel(board.id, other.id))).statusCode, 403);
      assert.equal((await b.get(urls.register(board.id))).statusCode, 403);
      const otherBoard = await seedBoard(services, 'OTHB');
      const outsider = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: otherBoard.id }], totp: true });
      const o = new Browser(app);
      await signIn(o, outsider, clock);
      assert.equal((await o.get(urls.panel(otherBoard.id, review.id))).statusCode, 404);
      assert.equal((await o.get(urls.panel(board.id, review.id))).statusCode, 403);
    });

    if (dialect === 'postgres') {
      test('two business unit members appoint two nominees to the one chair’s place at once: one is appointed, the other is told (409)', async (t) => {
        const { app, services, clock, board, review, browser, entries, bu } = await setup(t);
        const a = await nominateAndDeclare(services, bu, { board, review }, 'panel_chair', entries.independent);
        const b = await nominateAndDeclare(services, bu, { board, review }, 'panel_chair', entries.second);
        const colleague = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
        const other = new Browser(app);
        await signIn(other, colleague, clock);
        const panelUrl = urls.panel(board.id, review.id);
        const [ta, tb] = await Promise.all([browser.csrfToken(panelUrl), other.csrfToken(panelUrl)]);
        const answers = await Promise.all([
          browser.post(urls.panelAppoint(board.id, review.id, a.nominationId), { _csrf: ta }),
          other.post(urls.panelAppoint(board.id, review.id, b.nominationId), { _csrf: tb }),
        ]);
        assert.deepEqual(answers.map((r) => r.statusCode).sort(), [302, 409]);
        const refused = answers.find((r) => r.statusCode === 409);
        assert.match(
          refused?.$('.govuk-error-summary').text() ?? '',
          /Someone else was appointed to this place at the same time|Every place for this role is filled/,
        );
        const chairs = await services.db.kysely
          .selectFrom('role_assignments')
          .select('id')
          .where('review_id', '=', review.id)
          .where('role', '=', 'panel_chair')
          .where('ended_at', 'is', null)
          .execute();
        assert.equal(chairs.length, 1);
      });
    }
  });
}
