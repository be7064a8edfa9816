// Agency contributions in a real browser, with the demo's data: the business unit opens the Serious Case
// Review whose agency reports are requested and sees each agency's status (signed off, overdue, waived with
// its reason) on the review page, opens the signed-off IMR, the request form (and its error state) and an
// agency's contacts — every page in English and Welsh, axe clean (WCAG 2.2 AA) and reflowing at 320 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { signInAsDemo } from './support/demo.ts';
import { LANGUAGES, submitEmpty, text, textOf, visit, withLang } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('agency contributions', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;
  before(async () => {
    demo = await startDemoServer();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the review page shows each agency’s status; the IMR, the request form and the contacts pass axe and reflow in both languages', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');
    const home = await page.locator('main a.govuk-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const reviewsList = home.find((h) => /\/boards\/[^/]+\/reviews$/.test(h));
    assert.ok(reviewsList, `a link to the reviews: ${home.join(', ')}`);
    await page.goto(`${demo.baseUrl}${withLang(`${reviewsList}?stage=AGENCY_REPORTS_REQUESTED`, 'en')}`);
    const reviewHref = await page.locator('#reviews-table tbody a.govuk-link').first().getAttribute('href');
    assert.ok(reviewHref);
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, reviewHref, lang);
      const table = await textOf(page.locator('#contributions-table'));
      for (const status of ['signed_off', 'overdue', 'waived'])
        assert.ok(table.includes(text(lang, `contributions:statuses.${status}`)), `${lang}: ${status} shown`);
    }
    await page.goto(`${demo.baseUrl}${withLang(reviewHref, 'en')}`);
    const signedOff = page
      .locator('#contributions-table tbody tr')
      .filter({ hasText: text('en', 'contributions:statuses.signed_off') })
      .locator('a');
    const imr = await signedOff.first().getAttribute('href');
    assert.ok(imr);
    const ask = await page.getByRole('link', { name: text('en', 'contributions:section.ask'), exact: true }).getAttribute('href');
    assert.ok(ask);
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, imr, lang);
      await visit(page, demo.baseUrl, ask, lang);
      await submitEmpty(page, text(lang, 'contributions:request.submit'), 'the request form', lang);
    }
    await page.goto(`${demo.baseUrl}${withLang(ask, 'en')}`);
    const contacts = await page.locator('main details a.govuk-link').first().getAttribute('href');
    assert.ok(contacts);
    for (const lang of LANGUAGES) await visit(page, demo.baseUrl, contacts, lang);
    await context.close();
  });
});
