// The first day of a new service, end to end in a real browser against the built server: the operator
// opens the printed link, creates the first administrator and enrols two-factor; the administrator sets
// up a board, an agency and a person and invites them (no email configured, so the link is shown); the
// person sets a password in their own browser, signs in, and switches the service to Welsh. Every page
// on the way reflows at 320 px (WCAG 1.4.10).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { createAgency, createBoard, createFirstAdministrator, createPerson, expectHeading, field, invite, PASSWORD, setPassword } from './support/flows.ts';
import { expectReflow, press, text, textOf } from './support/pages.ts';
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
    await expectReflow(page, 'home (deployment administrator)');
    // The administrator's home page says what they can do: every board, agency and person, starting with the first board.
    assert.equal(
      await page
        .getByRole('main')
        .getByRole('link', { name: text('en', 'common:home.deployment.createFirstBoard'), exact: true })
        .count(),
      1,
    );
    // The link works once.
    const again = await page.goto(server.firstAdministratorLink);
    assert.equal(again?.status(), 404);

    // Administration, through the navigation.
    await page.goto(`${server.baseUrl}/?lang=en`);
    await page.getByRole('link', { name: text('en', 'common:nav.admin'), exact: true }).click();
    await expectHeading(page, text('en', 'admin:index.title'));
    await expectReflow(page, 'administration');

    const board = { code: 'CWM-E2E', nameEn: 'Cwm E2E Safeguarding Children Board', nameCy: 'Bwrdd Diogelu Plant Cwm E2E' };
    await createBoard(page, server.baseUrl, board);
    assert.match(await textOf(page.locator('.govuk-notification-banner')), new RegExp(board.nameEn));
    await expectReflow(page, 'board created');
    await page.goto(`${server.baseUrl}/admin/boards?lang=en`);
    await expectReflow(page, 'boards');

    const agency = { nameEn: 'Cwm E2E Children’s Services', nameCy: 'Gwasanaethau Plant Cwm E2E', boardName: board.nameEn };
    await createAgency(page, server.baseUrl, agency);
    await expectReflow(page, 'agency created');
    await page.goto(`${server.baseUrl}/admin/agencies?lang=en`);
    await expectReflow(page, 'agencies');

    const person = {
      fullName: 'Gwen Member',
      email: 'gwen.member@example.org',
      agencyName: agency.nameEn,
      boardName: board.nameEn,
      role: 'board_member',
      language: 'en' as const,
    };
    const personId = await createPerson(page, server.baseUrl, person);
    await expectReflow(page, 'person created');
    const link = await invite(page);
    await expectReflow(page, 'invitation');
    assert.ok(link.startsWith(`${server.baseUrl}/set-password/`), link);

    // The invited person, in their own browser.
    const member = await newContext(browser);
    const theirs = await member.newPage();
    await theirs.goto(link);
    await expectHeading(theirs, text('en', 'auth:setPassword.title'));
    await expectReflow(theirs, 'set password');
    await setPassword(theirs, PASSWORD);
    await expectReflow(theirs, 'password set');
    await theirs.getByRole('button', { name: text('en', 'auth:setPassword.signIn'), exact: true }).click();
    await expectHeading(theirs, text('en', 'auth:signIn.title'));
    await expectReflow(theirs, 'sign in');
    await field(theirs, 'en', 'auth:signIn.email').fill(person.email);
    await field(theirs, 'en', 'auth:signIn.password').fill(PASSWORD);
    await press(theirs, text('en', 'auth:signIn.button'));
    await expectHeading(theirs, text('en', 'common:home.title'));
    await expectReflow(theirs, 'home (board member)');
    // Their home page names the board and their role, and says what a board member will see and whom to ask.
    const main = theirs.getByRole('main');
    assert.equal(await textOf(main.getByRole('heading', { level: 2 })), `${board.nameEn} ${board.code}`);
    assert.equal(await textOf(main.getByRole('heading', { level: 3 })), text('en', 'common:roles.board_member'));
    assert.match(await textOf(main), new RegExp(text('en', 'common:home.roles.board_member')));

    // Cymraeg: the language switch changes every page, and the board's Welsh name is shown.
    await theirs.getByRole('link', { name: 'Cymraeg' }).click();
    await theirs.waitForURL(/lang=cy/);
    assert.equal(await theirs.getAttribute('html', 'lang'), 'cy');
    await expectHeading(theirs, text('cy', 'common:home.title'));
    await expectReflow(theirs, 'home (board member, Welsh)');
    assert.equal(await textOf(main.getByRole('heading', { level: 2 })), `${board.nameCy} ${board.code}`);
    assert.equal(await textOf(main.getByRole('heading', { level: 3 })), text('cy', 'common:roles.board_member'));
    assert.match(await textOf(main), new RegExp(text('cy', 'common:home.roles.board_member')));
    assert.equal(await theirs.getByRole('button', { name: text('cy', 'common:signOut') }).count(), 1);
    await theirs.getByRole('link', { name: text('cy', 'common:nav.account'), exact: true }).click();
    await expectHeading(theirs, text('cy', 'account:title'));
    await expectReflow(theirs, 'account (Welsh)');

    // The administrator sees the person's account is now set up.
    await page.goto(`${server.baseUrl}/admin/people/${personId}?lang=en`);
    assert.match(await textOf(page.getByRole('main')), new RegExp(text('en', 'admin:person.accountReady')));
    await expectReflow(page, 'person, account ready');
    await page.goto(`${server.baseUrl}/admin/people?lang=en`);
    await expectReflow(page, 'people');
    await page.goto(`${server.baseUrl}/?lang=cy`);
    await expectReflow(page, 'home (deployment administrator, Welsh)');

    await member.close();
    await admin.close();
  });
});
