// The first day of a new service, end to end in a real browser against the built server: the operator
// opens the printed link, creates the first administrator and enrols two-factor; the administrator sets
// up a board, an agency and a person and invites them (no email configured, so the link is shown); the
// person sets a password in their own browser, signs in, and switches the service to Welsh.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { createAgency, createBoard, createFirstAdministrator, createPerson, expectHeading, field, invite, PASSWORD, setPassword } from './support/flows.ts';
import { press, text, textOf } from './support/pages.ts';
import { type RunningServer, startServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('journey: first administrator to an invited person using the service in Welsh', { skip: launched.skipReason ?? false }, () => {
  let server: RunningServer;

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('set up the service and invite someone who then signs in and reads it in Welsh', async () => {
    assert.ok(browser);
    const admin = await newContext(browser);
    const page = await admin.newPage();

    // The operator's printed one-time link; the administrator's account, two-factor and recovery codes.
    await createFirstAdministrator(page, server.firstAdministratorLink, {
      fullName: 'Alys Administrator',
      email: 'alys.admin@example.org',
      password: PASSWORD,
    });
    assert.equal(new URL(page.url()).pathname, '/');
    // The link works once.
    const again = await page.goto(server.firstAdministratorLink);
    assert.equal(again?.status(), 404);

    // Administration, through the navigation.
    await page.goto(`${server.baseUrl}/?lang=en`);
    await page.getByRole('link', { name: text('en', 'common:nav.admin'), exact: true }).click();
    await expectHeading(page, text('en', 'admin:index.title'));

    const board = { code: 'CWM-E2E', nameEn: 'Cwm E2E Safeguarding Children Board', nameCy: 'Bwrdd Diogelu Plant Cwm E2E' };
    await createBoard(page, server.baseUrl, board);
    assert.match(await textOf(page.locator('.govuk-notification-banner')), new RegExp(board.nameEn));

    const agency = { nameEn: 'Cwm E2E Children’s Services', nameCy: 'Gwasanaethau Plant Cwm E2E', boardName: board.nameEn };
    await createAgency(page, server.baseUrl, agency);

    const person = {
      fullName: 'Gwen Member',
      email: 'gwen.member@example.org',
      agencyName: agency.nameEn,
      boardName: board.nameEn,
      role: 'board_member',
      language: 'en' as const,
    };
    const personId = await createPerson(page, server.baseUrl, person);
    const link = await invite(page);
    assert.ok(link.startsWith(`${server.baseUrl}/set-password/`), link);

    // The invited person, in their own browser.
    const member = await newContext(browser);
    const theirs = await member.newPage();
    await theirs.goto(link);
    await expectHeading(theirs, text('en', 'auth:setPassword.title'));
    await setPassword(theirs, PASSWORD);
    await theirs.getByRole('button', { name: text('en', 'auth:setPassword.signIn'), exact: true }).click();
    await expectHeading(theirs, text('en', 'auth:signIn.title'));
    await field(theirs, 'en', 'auth:signIn.email').fill(person.email);
    await field(theirs, 'en', 'auth:signIn.password').fill(PASSWORD);
    await press(theirs, text('en', 'auth:signIn.button'));
    await expectHeading(theirs, text('en', 'common:home.title'));
    const table = theirs.getByRole('table');
    assert.match(await textOf(table), new RegExp(board.nameEn));
    assert.match(await textOf(table), new RegExp(text('en', 'common:roles.board_member')));

    // Cymraeg: the language switch changes every page, and the board's Welsh name is shown.
    await theirs.getByRole('link', { name: 'Cymraeg' }).click();
    await theirs.waitForURL(/lang=cy/);
    assert.equal(await theirs.getAttribute('html', 'lang'), 'cy');
    await expectHeading(theirs, text('cy', 'common:home.title'));
    assert.match(await textOf(theirs.getByRole('table')), new RegExp(board.nameCy));
    assert.match(await textOf(theirs.getByRole('table')), new RegExp(text('cy', 'common:roles.board_member')));
    assert.equal(await theirs.getByRole('button', { name: text('cy', 'common:signOut') }).count(), 1);
    await theirs.getByRole('link', { name: text('cy', 'common:nav.account'), exact: true }).click();
    await expectHeading(theirs, text('cy', 'account:title'));

    // The administrator sees the person's account is now set up.
    await page.goto(`${server.baseUrl}/admin/people/${personId}?lang=en`);
    assert.match(await textOf(page.getByRole('main')), new RegExp(text('en', 'admin:person.accountReady')));

    await member.close();
    await admin.close();
  });
});
