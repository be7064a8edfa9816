// The demo as someone trying the service meets it: its sign-in page says it is a demo and whom to sign
// in as, and each demo person, signed in with the details that page shows, lands on a home page that says
// what their role does, with links to the pages they work on. Every page on the way, in English and Welsh,
// is axe clean and reflows at 320 px — with the demo's fuller data (referrals at every step, meetings,
// decisions, a long audit log) than the other browser tests make.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Language } from '../src/domain/organisation.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { expectHeading, freshTotpCode } from './support/flows.ts';
import { checkPage, LANGUAGES, press, text, textOf, visit } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

interface ShownAccount {
  title: string;
  email: string;
  password: string;
  key: string | null;
}

/** The accounts as the sign-in page shows them. */
async function shownAccounts(page: Page): Promise<ShownAccount[]> {
  const cards = page.locator('main .app-demo-account');
  const accounts: ShownAccount[] = [];
  for (const card of await cards.all()) {
    const values = (await card.locator('dd').allInnerTexts()).map((v) => v.trim());
    const key = values[2] ?? '';
    accounts.push({
      title: await textOf(card.locator('h3')),
      email: values[0] ?? '',
      password: values[1] ?? '',
      key: /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/.test(key) ? key.replace(/\s/g, '') : null,
    });
  }
  return accounts;
}

async function passTwoFactor(page: Page, lang: Language, key: string): Promise<void> {
  await expectHeading(page, text(lang, 'auth:twoFactor.title'));
  await page.getByLabel(text(lang, 'auth:twoFactor.title'), { exact: true }).fill(await freshTotpCode(key));
  await press(page, text(lang, 'auth:twoFactor.button'));
}

describe('the demo', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;

  before(async () => {
    // Seeded here from an empty directory, as someone trying the service would (the others start from a copy).
    demo = await startDemoServer({ fresh: true });
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('its sign-in page says it is a demo and whom to sign in as; each person reaches their home page and the pages it links to', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, '/sign-in', lang);
      assert.equal(await textOf(page.locator('#demo-banner-title')), text(lang, 'auth:demo.bannerTitle'));
      assert.equal(await textOf(page.locator('#demo-accounts')), text(lang, 'auth:demo.accountsTitle'));
    }
    await page.goto(`${demo.baseUrl}/sign-in?lang=en`);
    const accounts = await shownAccounts(page);
    assert.equal(accounts.length, 11, 'a person for every board role, the service administrator, an agency contributor and an action owner');
    for (const a of accounts) assert.ok(demo.output().includes(a.email) && demo.output().includes(a.password), `${a.title}: as printed by the demo`);
    await context.close();

    const visited = new Set<string>();
    for (const account of accounts) {
      const ctx = await newContext(browser);
      const p = await ctx.newPage();
      await p.goto(`${demo.baseUrl}/sign-in?lang=en`);
      await p.getByLabel(text('en', 'auth:signIn.email'), { exact: true }).fill(account.email);
      await p.getByLabel(text('en', 'auth:signIn.password'), { exact: true }).fill(account.password);
      await press(p, text('en', 'auth:signIn.button'));
      // From sign-in on, the service speaks the person's own language.
      const lang = (await p.getAttribute('html', 'lang')) === 'cy' ? 'cy' : 'en';
      if (account.key) await passTwoFactor(p, lang, account.key);
      await expectHeading(p, text(lang, 'common:home.title'));
      await checkPage(p, null, `home (${account.title})`, lang, { status: 200, error: false });
      assert.ok((await p.locator('main .app-home-role, main .app-home-links').count()) > 0, `${account.title}: says what they can do`);
      // Each page their home page links to, once per kind of page, in both languages.
      const links = await p.locator('main a.govuk-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const href of links) {
        const kind = href.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id');
        if (visited.has(kind)) continue;
        visited.add(kind);
        for (const l of LANGUAGES) await visit(p, demo.baseUrl, href, l);
      }
      await ctx.close();
    }
    assert.ok(visited.has('/boards/:id') && visited.has('/audit'), `the dashboard and the audit log were opened: ${[...visited].join(', ')}`);
  });

  test('with the demo’s referrals: a referral, its consideration and a meeting reflow at 320 px too', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.baseUrl}/sign-in?lang=en`);
    const chair = (await shownAccounts(page)).find((a) => a.title.startsWith(text('en', 'common:roles.board_chair')));
    assert.ok(chair?.key);
    await page.getByLabel(text('en', 'auth:signIn.email'), { exact: true }).fill(chair.email);
    await page.getByLabel(text('en', 'auth:signIn.password'), { exact: true }).fill(chair.password);
    await press(page, text('en', 'auth:signIn.button'));
    await passTwoFactor(page, (await page.getAttribute('html', 'lang')) === 'cy' ? 'cy' : 'en', chair.key);
    const dashboard = await page.locator('main a.govuk-link').first().getAttribute('href');
    assert.ok(dashboard?.startsWith('/boards/'));
    // The referrals on the dashboard (those waiting for a decision) and on the meeting's agenda (decided ones too).
    await page.goto(`${demo.baseUrl}${dashboard}?lang=en`);
    const referrals = new Set(await page.locator('main table a.govuk-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')));
    await page.goto(`${demo.baseUrl}${dashboard}/meetings?lang=en`);
    const meeting = await page.locator('main table a.govuk-link').first().getAttribute('href');
    assert.ok(meeting);
    for (const lang of LANGUAGES) await visit(page, demo.baseUrl, meeting, lang);
    for (const href of await page.locator('main table th a.govuk-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) referrals.add(href);
    assert.ok(referrals.size >= 6, `the demo’s referrals: ${[...referrals].join(', ')}`);
    for (const href of referrals) {
      for (const lang of LANGUAGES) {
        await visit(page, demo.baseUrl, href, lang);
        await visit(page, demo.baseUrl, `${href}/consideration`, lang);
      }
    }
    await context.close();
  });
});
