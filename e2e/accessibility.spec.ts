// Every page of the service, in English and Welsh, with the error state of each form (submitted empty
// or with an impossible answer): no axe violations (WCAG 2.2 AA), no sideways scrolling at 320 px (WCAG
// 1.4.10, stacked tables still tables to assistive technology), the right <html lang>, and "Error:" /
// "Gwall:" in the title when there is a problem. The last test fails if a page route exists that
// this file does not open, so new pages are checked too. State is made through the pages only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { Language } from '../src/domain/organisation.ts';
import { decodeQuotedPrintable, startSmtpSink } from '../src/testing/smtp-sink.ts';
import { buildTestApp } from '../src/testing/test-app.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import {
  type Account,
  addRole,
  answerAgencyDetails,
  answerBoardDetails,
  answerBoardType,
  answerPersonDetails,
  createFirstAdministrator,
  createPerson,
  enrolTwoFactor,
  expectHeading,
  field,
  fillCreateAdministrator,
  idFromUrl,
  invite,
  PASSWORD,
  saveRecoveryCodes,
  setPassword,
  signIn,
} from './support/flows.ts';
import { checkedPaths, checkPage, LANGUAGES, press, submitEmpty, text, textOf, visit, withLang } from './support/pages.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { expectStackedTableSemantics } from './support/tables.ts';

const launched = await launchBrowser();
const browser = launched.browser;

/** The foundation's page areas: every page under these must be opened by this file. */
const FOUNDATION = [
  '/',
  '/sign-in',
  '/forgotten-password',
  '/create-administrator',
  '/set-password',
  '/password-set',
  '/confirm-email',
  '/email-confirmed',
  '/role-grants',
  '/accessibility',
  '/privacy',
  '/account',
  '/admin',
  '/audit',
];

const ADMIN: Account = { fullName: 'Ceri Administrator', email: 'ceri.admin@example.org', password: PASSWORD };
const BOARD = { code: 'E2E-A11Y', nameEn: 'Accessibility Test Board', nameCy: 'Bwrdd Prawf Hygyrchedd' };
const AGENCY = { nameEn: 'Accessibility Test Social Services', nameCy: 'Gwasanaethau Cymdeithasol Prawf Hygyrchedd', boardName: BOARD.nameEn };
const CHAIR = {
  fullName: 'Eirian Chair',
  email: 'eirian.chair@example.org',
  agencyName: AGENCY.nameEn,
  boardName: BOARD.nameEn,
  role: 'board_chair',
  language: 'en' as Language,
};
const MEMBER = {
  fullName: 'Dafydd Member',
  email: 'dafydd.member@example.org',
  agencyName: AGENCY.nameEn,
  boardName: BOARD.nameEn,
  role: 'board_member',
  language: 'cy' as Language,
};

describe('accessibility of every page, English and Welsh', { skip: launched.skipReason ?? false }, () => {
  let server: RunningServer;
  let admin: Account = ADMIN;
  let adminContext: BrowserContext;
  let adminPage: Page;
  const ids = { board: '', agency: '', person: '', invitation: '', emailChange: '' };

  before(async () => {
    server = await startServer();
    adminContext = await newContext(must(browser));
    adminPage = await adminContext.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens a page in both languages; then, if given, makes its error state (in both languages). */
  async function both(page: Page, path: string, errorState?: (page: Page, lang: Language) => Promise<void>, status = 200) {
    for (const lang of LANGUAGES) {
      await visit(page, server.baseUrl, path, lang, { status });
      if (errorState) await errorState(page, lang);
    }
    // Back to English (and out of any error state) for what the test does next.
    await page.goto(server.baseUrl + withLang(path, 'en'));
  }
  const empty = (buttonKey: string) => (page: Page, lang: Language) => submitEmpty(page, text(lang, buttonKey), new URL(page.url()).pathname, lang);

  test('pages anyone can open, and their error states', async () => {
    const context = await newContext(must(browser));
    const page = await context.newPage();
    await both(page, '/sign-in', empty('auth:signIn.button'));
    await both(page, '/accessibility');
    await both(page, '/privacy');
    await both(page, '/password-set');
    await both(page, '/email-confirmed');
    // This server sends no email, so the page says to ask an administrator (with email: below).
    await both(page, '/forgotten-password');
    await both(page, new URL(server.firstAdministratorLink).pathname, empty('auth:createAdministrator.button'));
    // Signed-in pages send people to sign in.
    const res = await page.goto(`${server.baseUrl}/admin`);
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assert.equal(res?.status(), 200);
    await context.close();
  });

  test('pages that are not there: not found, and links that cannot be used', async () => {
    const context = await newContext(must(browser));
    const page = await context.newPage();
    await both(page, '/create-administrator/not-a-real-token', undefined, 404);
    await both(page, '/set-password/not-a-real-token', undefined, 404);
    await both(page, '/confirm-email/not-a-real-token', undefined, 404);
    await both(page, '/no-such-page', undefined, 404);
    await expectHeading(page, text('en', 'errors:pages.notFound.title'));
    await context.close();
  });

  test('forgotten password, on a server that sends email: the form and its errors, the confirmation, the reset link', async () => {
    const smtp = await startSmtpSink();
    const mailing = await startServer({ env: { SMTP_URL: smtp.url } });
    try {
      const adminOnly = await newContext(must(browser));
      const account = await createFirstAdministrator(await adminOnly.newPage(), mailing.firstAdministratorLink, { ...ADMIN, email: 'ffion.admin@example.org' });
      await adminOnly.close();
      // Later, in another browser, the administrator has forgotten the password.
      const context = await newContext(must(browser));
      const page = await context.newPage();

      for (const lang of LANGUAGES) {
        await visit(page, mailing.baseUrl, '/forgotten-password', lang);
        await submitEmpty(page, text(lang, 'auth:forgottenPassword.button'), '/forgotten-password', lang);
        await field(page, lang, 'auth:forgottenPassword.email').fill('not an email address');
        const res = await press(page, text(lang, 'auth:forgottenPassword.button'));
        await checkPage(page, res, `forgotten password, wrong format (${lang})`, lang, { status: 400, error: true });
      }
      await page.goto(`${mailing.baseUrl}/forgotten-password?lang=en`);
      await field(page, 'en', 'auth:forgottenPassword.email').fill(account.email);
      await press(page, text('en', 'auth:forgottenPassword.button'));
      await expectHeading(page, text('en', 'auth:checkYourEmail.title'));
      for (const lang of LANGUAGES) await visit(page, mailing.baseUrl, '/forgotten-password/check-your-email', lang);

      const [message] = await smtp.waitForMessages(1);
      const link = /\/set-password\/[\w-]+/.exec(decodeQuotedPrintable(message ?? ''))?.[0];
      assert.ok(link, 'the email carries a set-password link');
      for (const lang of LANGUAGES) {
        await visit(page, mailing.baseUrl, link, lang);
        await expectHeading(page, text(lang, 'auth:setPassword.resetTitle'));
      }
      await page.goto(`${mailing.baseUrl}${link}?lang=en`);
      await setPassword(page, `${PASSWORD} new`);
      // The new password signs in, and two-factor is still asked for.
      await signIn(page, mailing.baseUrl, { ...account, password: `${PASSWORD} new`, totpSecret: undefined });
      await expectHeading(page, text('en', 'auth:twoFactor.title'));
      await context.close();
    } finally {
      await mailing.stop();
      await smtp.close();
    }
  });

  test('first administrator: two-factor set-up and recovery codes', async () => {
    const page = adminPage;
    await page.goto(`${server.firstAdministratorLink}?lang=en`);
    await fillCreateAdministrator(page, ADMIN);
    assert.equal(new URL(page.url()).pathname, '/account/two-factor/set-up');
    await both(page, '/account/two-factor/set-up', empty('account:twoFactor.button'));
    await visit(page, server.baseUrl, '/account/two-factor/set-up', 'en');
    const totpSecret = await enrolTwoFactor(page);
    await checkPage(page, null, 'recovery codes (en)', 'en', { status: 200, error: false });
    await saveRecoveryCodes(page);
    await expectHeading(page, text('en', 'common:home.title'));
    admin = { ...ADMIN, totpSecret };
    await both(page, '/');
    // Enrolled: the set-up page says so.
    await both(page, '/account/two-factor/set-up');
  });

  test('signing in: the security code page', async () => {
    const context = await newContext(must(browser));
    const page = await context.newPage();
    await signIn(page, server.baseUrl, { ...admin, totpSecret: undefined });
    assert.equal(new URL(page.url()).pathname, '/sign-in/two-factor');
    await both(page, '/sign-in/two-factor', empty('auth:twoFactor.button'));
    await context.close();
  });

  test('signing in with a wrong password', async () => {
    const context = await newContext(must(browser));
    const page = await context.newPage();
    for (const lang of LANGUAGES) {
      await page.goto(`${server.baseUrl}/sign-in?lang=${lang}`);
      await field(page, lang, 'auth:signIn.email').fill(admin.email);
      await field(page, lang, 'auth:signIn.password').fill('not the password');
      const res = await press(page, text(lang, 'auth:signIn.button'));
      await checkPage(page, res, `sign-in failed (${lang})`, lang, { status: 400, error: true });
    }
    await context.close();
  });

  test('administration: boards', async () => {
    const page = adminPage;
    await both(page, '/admin');
    await both(page, '/admin/boards');
    await page.goto(`${server.baseUrl}/admin/boards/new?lang=en`);
    checkedPaths.add('/admin/boards/new');
    await both(page, '/admin/boards/new/details', empty('common:continue'));
    await answerBoardDetails(page, BOARD);
    await both(page, '/admin/boards/new/type', empty('common:continue'));
    await answerBoardType(page);
    await both(page, '/admin/boards/new/more', async (p, lang) => {
      await p.getByLabel(text(lang, 'common:date.day'), { exact: true }).first().fill('31');
      await p.getByLabel(text(lang, 'common:date.month'), { exact: true }).first().fill('2');
      await p.getByLabel(text(lang, 'common:date.year'), { exact: true }).first().fill('2024');
      await submitEmpty(p, text(lang, 'common:continue'), 'board more (impossible date)', lang);
    });
    await visit(page, server.baseUrl, '/admin/boards/new/more', 'en');
    await press(page, text('en', 'common:continue'));
    await both(page, '/admin/boards/new/check-answers');
    await press(page, text('en', 'admin:boardNew.create'));
    ids.board = idFromUrl(page, '/admin/boards/');
    await both(page, `/admin/boards/${ids.board}`);
    await both(page, `/admin/boards/${ids.board}/edit`, async (p, lang) => {
      await field(p, lang, 'admin:board.nameEn').fill('');
      await submitEmpty(p, text(lang, 'common:save'), 'board edit', lang);
    });
  });

  test('administration: agencies', async () => {
    const page = adminPage;
    await both(page, '/admin/agencies');
    await page.goto(`${server.baseUrl}/admin/agencies/new?lang=en`);
    checkedPaths.add('/admin/agencies/new');
    await both(page, '/admin/agencies/new/details', empty('common:continue'));
    await answerAgencyDetails(page, AGENCY);
    await both(page, '/admin/agencies/new/check-answers');
    await press(page, text('en', 'admin:agencyNew.create'));
    ids.agency = idFromUrl(page, '/admin/agencies/');
    await both(page, `/admin/agencies/${ids.agency}`);
    await both(page, `/admin/agencies/${ids.agency}/edit`, async (p, lang) => {
      await field(p, lang, 'admin:agency.nameEn').fill('');
      await submitEmpty(p, text(lang, 'common:save'), 'agency edit', lang);
    });
  });

  test('administration: file storage (the browser’s own multipart upload, its error state, the download)', async () => {
    const page = adminPage;
    // Submitted empty: no purpose and no file (the browser still sends a multipart form, its token first).
    await both(page, '/admin/file-storage', empty('files:storage.upload'));
    await page.goto(`${server.baseUrl}/admin/file-storage?lang=en`);
    await page.getByLabel(text('en', 'files:purposes.attachment')).check();
    await page
      .getByLabel(text('en', 'files:storage.file'))
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Notes for the file storage check.\n') });
    const stored = await press(page, text('en', 'files:storage.upload'));
    await checkPage(page, stored, 'file storage after an upload (en)', 'en', { status: 200, error: false });
    // The page with a file listed, in both languages (a summary card per file).
    await both(page, '/admin/file-storage');
    const link = page.getByRole('main').getByRole('link', { name: `${text('en', 'files:storage.download')} notes.txt` });
    const href = await link.getAttribute('href');
    assert.ok(href, 'a download link for the file');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'notes.txt');
    // A download, not a page: opened here, so the route is accounted for.
    checkedPaths.add(href);
    const [deleted] = await Promise.all([
      page.waitForNavigation(),
      page
        .getByRole('main')
        .getByRole('button', { name: `${text('en', 'files:storage.delete')} notes.txt` })
        .click(),
    ]);
    await checkPage(page, deleted, 'file storage after deleting (en)', 'en', { status: 200, error: false });
  });

  test('administration: people, roles and invitations', async () => {
    const page = adminPage;
    await both(page, '/admin/people');
    await expectStackedTableSemantics(page, 'people');
    await page.goto(`${server.baseUrl}/admin/people/new?lang=en`);
    checkedPaths.add('/admin/people/new');
    await both(page, '/admin/people/new/details', empty('common:continue'));
    await answerPersonDetails(page, MEMBER);
    await both(page, '/admin/people/new/check-answers');
    await press(page, text('en', 'admin:personNew.create'));
    ids.person = idFromUrl(page, '/admin/people/');
    await both(page, `/admin/people/${ids.person}`);
    await both(page, `/admin/people/${ids.person}/edit`, async (p, lang) => {
      await field(p, lang, 'admin:person.fullName').fill('');
      await submitEmpty(p, text(lang, 'common:save'), 'person edit', lang);
    });
    // A new email address: the check page, then the change started (no email here, so the link is shown).
    for (const lang of LANGUAGES) {
      await page.goto(`${server.baseUrl}/admin/people/${ids.person}/edit?lang=${lang}`);
      await field(page, lang, 'admin:person.email').fill('dafydd.newydd@example.org');
      const check = await press(page, text(lang, 'common:save'));
      await checkPage(page, check, `email change check (${lang})`, lang, { status: 200, error: false });
      await expectHeading(page, text(lang, 'admin:emailChange.checkTitle'));
      const started = await press(page, text(lang, 'admin:emailChange.confirm'));
      await checkPage(page, started, `email change started (${lang})`, lang, { status: 200, error: false });
      ids.emailChange = await field(page, lang, 'admin:emailChange.linkLabel').inputValue();
    }
    await both(page, `/admin/people/${ids.person}`);
    await both(page, `/admin/people/${ids.person}/roles/new`, empty('admin:roleNew.button'));
    await page.goto(`${server.baseUrl}/admin/people/${ids.person}?lang=en`);
    await addRole(page, MEMBER.role, MEMBER.boardName);
    await both(page, `/admin/people/${ids.person}/deactivate`);
    // Ending a role: the confirmation page of the role given when the person was created.
    await page.goto(`${server.baseUrl}/admin/people/${ids.person}?lang=en`);
    const endHref = await page
      .getByRole('link', { name: new RegExp(`^${text('en', 'admin:role.end')}`) })
      .first()
      .getAttribute('href');
    assert.ok(endHref, 'an "End" link for the role');
    await both(page, endHref);
    // The invitation page (shown once, after the POST).
    for (const lang of LANGUAGES) {
      await page.goto(`${server.baseUrl}/admin/people/${ids.person}?lang=${lang}`);
      const sendKey = lang === 'en' ? 'admin:invitation.send' : 'admin:invitation.sendAgain';
      const res = await press(page, text(lang, sendKey));
      await checkPage(page, res, `invitation sent (${lang})`, lang, { status: 200, error: false });
    }
    ids.invitation = await field(page, 'cy', 'admin:invitation.linkLabel').inputValue();
  });

  test('confirming a new email address: the page the link opens', async () => {
    const context = await newContext(must(browser));
    const page = await context.newPage();
    await both(page, new URL(ids.emailChange).pathname);
    await context.close();
    // The administrator cancels it, so the member keeps the address they were invited at.
    await adminPage.goto(`${server.baseUrl}/admin/people/${ids.person}?lang=en`);
    await press(adminPage, text('en', 'admin:emailChange.cancel'));
    assert.match(await textOf(adminPage.locator('.govuk-notification-banner')), new RegExp(text('en', 'admin:emailChange.cancelled')));
  });

  test('audit log, background jobs and account pages', async () => {
    const page = adminPage;
    // Background jobs (this server sends no email, so no job has run yet; the HTTP tests show the cards).
    await both(page, '/admin/jobs');
    await both(page, '/admin/jobs?state=queued');
    await page.goto(`${server.baseUrl}/audit?lang=cy`);
    await expectStackedTableSemantics(page, 'audit log (cy)');
    await both(page, '/audit', async (p, lang) => {
      const res = await p.goto(`${server.baseUrl}/audit?from-day=31&from-month=2&from-year=2024&lang=${lang}`);
      await checkPage(p, res, `audit search, impossible date (${lang})`, lang, { status: 400, error: true });
    });
    await both(page, '/account');
    await both(page, '/account/password', empty('account:changePassword.button'));
    await both(page, '/account/language');
  });

  test('an invited person: set password, sign in, optional two-factor and recovery codes in Welsh', async () => {
    const context = await newContext(must(browser));
    const page = await context.newPage();
    const path = new URL(ids.invitation).pathname;
    await both(page, path, empty('auth:setPassword.button'));
    await setPassword(page, PASSWORD);
    await signIn(page, server.baseUrl, { ...MEMBER, password: PASSWORD }, 'cy');
    await expectHeading(page, text('cy', 'common:home.title'));
    await both(page, '/');
    await both(page, '/account');
    await both(page, '/account/two-factor/set-up', empty('account:twoFactor.button'));
    await visit(page, server.baseUrl, '/account/two-factor/set-up', 'cy');
    await enrolTwoFactor(page, 'cy');
    await checkPage(page, null, 'recovery codes (cy)', 'cy', { status: 200, error: false });
    await saveRecoveryCodes(page, 'cy');
    // A board member may not administer: the forbidden page.
    await both(page, '/admin', undefined, 403);
    await context.close();
  });

  test('role confirmations: a chair appointed by the administrator decides a role waiting for them', async () => {
    const page = adminPage;
    // The chair is appointed at once; a case role for the member waits for the chair.
    const chairId = await createPerson(page, server.baseUrl, CHAIR);
    const link = await invite(page);
    await page.goto(`${server.baseUrl}/admin/people/${ids.person}?lang=en`);
    await addRole(page, 'management_group_member', BOARD.nameEn);
    await both(page, `/admin/people/${ids.person}`);
    assert.match(await textOf(page.getByRole('main')), new RegExp(text('en', 'admin:role.waiting')));
    assert.ok(chairId);

    const context = await newContext(must(browser));
    const chair = await context.newPage();
    await chair.goto(`${link}?lang=en`);
    await setPassword(chair, PASSWORD);
    await signIn(chair, server.baseUrl, { ...CHAIR, password: PASSWORD });
    await enrolTwoFactor(chair);
    await saveRecoveryCodes(chair);
    await both(chair, '/role-grants');
    const decide = await chair
      .getByRole('main')
      .getByRole('link', { name: new RegExp(`^${text('en', 'admin:roleGrants.decide')}`) })
      .getAttribute('href');
    assert.ok(decide, 'a link to decide the waiting role');
    await both(chair, decide, async (p, lang) => {
      await submitEmpty(p, text(lang, 'admin:roleGrants.submit'), 'role decision', lang);
      await p.getByLabel(text(lang, 'admin:roleGrants.declineOption'), { exact: true }).check();
      const res = await press(p, text(lang, 'admin:roleGrants.submit'));
      await checkPage(p, res, `role decision, no reason (${lang})`, lang, { status: 400, error: true });
    });
    await chair.getByLabel(text('en', 'admin:roleGrants.declineOption'), { exact: true }).check();
    await field(chair, 'en', 'admin:roleGrants.reason').fill('Not on the management group yet.');
    await press(chair, text('en', 'admin:roleGrants.submit'));
    assert.match(await textOf(chair.locator('.govuk-notification-banner')), new RegExp(text('en', 'admin:roleGrants.declined', { role: '.*', name: '.*' })));
    await context.close();
  });

  test('forms work without JavaScript', async () => {
    const context = await newContext(must(browser), { javaScriptEnabled: false });
    const page = await context.newPage();
    await visit(page, server.baseUrl, '/sign-in', 'en', { axe: false });
    assert.equal(await page.locator('html.govuk-frontend-supported').count(), 0, 'GOV.UK JavaScript did not run');
    await submitEmpty(page, text('en', 'auth:signIn.button'), 'sign-in without JavaScript', 'en', { axe: false });
    await field(page, 'en', 'auth:signIn.email').fill(admin.email);
    await field(page, 'en', 'auth:signIn.password').fill(admin.password);
    await press(page, text('en', 'auth:signIn.button'));
    await expectHeading(page, text('en', 'auth:twoFactor.title'));
    await submitEmpty(page, text('en', 'auth:twoFactor.button'), 'security code without JavaScript', 'en', { axe: false });
    await context.close();
  });

  test('every page the service registers was checked', async (t) => {
    const { app, routes } = await buildTestApp(undefined, 'sqlite');
    await app.close();
    const pages = routes
      .filter((r) => (Array.isArray(r.method) ? r.method.includes('GET') : r.method === 'GET'))
      .map((r) => r.url)
      .filter((url) => !/^\/(assets|api)\//.test(url) && !['/health', '/ping', '*', '/*'].includes(url));
    const visited = [...checkedPaths];
    const pattern = (url: string) => new RegExp(`^${url.replace(/:[^/]+/g, '[^/]+')}/?$`);
    const missing = [...new Set(pages)].filter((url) => !visited.some((p) => pattern(url).test(p)));
    const foundation = missing.filter((url) => FOUNDATION.some((prefix) => url === prefix || url.startsWith(`${prefix}/`)));
    const later = missing.filter((url) => !foundation.includes(url));
    // Pages of the features built on the foundation (reviews and what follows) are listed until their
    // own browser tests open them; the foundation's pages must all have been opened above.
    if (later.length > 0) t.diagnostic(`pages of later features not yet opened by a browser test:\n  ${later.join('\n  ')}`);
    assert.deepEqual(foundation, [], `foundation pages not opened by e2e/accessibility.spec.ts:\n  ${foundation.join('\n  ')}`);
  });
});

function must<T>(value: T | undefined): T {
  assert.ok(value, 'Chromium is not running');
  return value;
}
