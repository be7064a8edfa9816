// A review's family involvement in a real browser, on the demo's data, in English and Welsh, with axe (WCAG
// 2.2 AA) and 320 px reflow: the review page's family section, the family page (the review's people by
// code, language and consent, what they were told and when, contacts, the meeting the demo recorded), and
// recording a contact through its form (refused empty in both languages, then recorded).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { signInAsDemo } from './support/demo.ts';
import { expectHeading } from './support/flows.ts';
import { LANGUAGES, press, submitEmpty, text, textOf, visit } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('a review’s family involvement', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;
  before(async () => {
    demo = await startDemoServer();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the business unit reads the family page in both languages and records a contact', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');

    // The review whose agency reports are requested: the demo recorded its family's consent, a contact and a meeting.
    const dashboard = await page.locator('main a.govuk-link').first().getAttribute('href');
    assert.ok(dashboard?.startsWith('/boards/'));
    const boardPath = (dashboard ?? '').split('/').slice(0, 3).join('/');
    await page.goto(`${demo.baseUrl}${boardPath}/reviews?stage=AGENCY_REPORTS_REQUESTED&lang=en`);
    const reviewPath = await page.locator('#reviews-table tbody th a').first().getAttribute('href');
    assert.ok(reviewPath);
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, reviewPath, lang);
      assert.equal(await textOf(page.locator('#family')), text(lang, 'family:reviewSection.heading'));
    }
    const family = `${reviewPath}/family`;
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, family, lang);
      await expectHeading(page, text(lang, 'family:title'));
      assert.ok((await page.locator('#people-table tbody tr').count()) >= 2, 'the child and the family');
      assert.ok((await page.locator('#contacts-table tbody tr').count()) >= 1);
      assert.match(await textOf(page.locator('#people-table')), new RegExp(text(lang, 'family:topics.review_started')));
    }

    // Record a contact: refused empty (error state in both languages), then recorded.
    const contact = `${family}/contacts`;
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, contact, lang);
      await submitEmpty(page, text(lang, 'family:contactForm.submit'), 'family contact', lang);
    }
    await visit(page, demo.baseUrl, contact, 'en');
    await page.locator('#personId').selectOption({ index: 1 });
    const today = new Date();
    await page.locator('#contactedOn-day').fill(String(today.getUTCDate()));
    await page.locator('#contactedOn-month').fill(String(today.getUTCMonth() + 1));
    await page.locator('#contactedOn-year').fill(String(today.getUTCFullYear()));
    await page.getByLabel(text('en', 'family:methods.phone'), { exact: true }).check();
    await page.locator('#madeBy').selectOption({ index: 1 });
    await page.getByLabel(text('en', 'family:topics.findings_shared'), { exact: true }).check();
    await press(page, text('en', 'family:contactForm.submit'));
    await expectHeading(page, text('en', 'family:title'));
    assert.match(await textOf(page.locator('#people-table')), new RegExp(text('en', 'family:topics.findings_shared')));
    await context.close();
  });
});
