// The board's progress report on its action plans and the partner view in a real browser, on the demo's data,
// in English and Welsh, with axe (WCAG 2.2 AA) and 320 px reflow: the business unit follows the dashboard's link
// to the report (charts each followed by their table), asks for a range that is not one (the error summary), and
// opens a partner agency's view (the demo's plan has actions led by four agencies).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { homeLink, signInAsDemo } from './support/demo.ts';
import { expectHeading } from './support/flows.ts';
import { checkPage, LANGUAGES, text, visit, withLang } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('the board’s progress report on action plans', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;
  before(async () => {
    demo = await startDemoServer();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the business unit reads the report and a partner’s view, and is told when a range is not one, in both languages', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');
    const dashboard = await homeLink(page, 'dashboard');
    await page.goto(demo.baseUrl + withLang(dashboard, 'en'));
    const report = await page.locator('#action-report-link').getAttribute('href');
    assert.ok(report, 'the dashboard links to the progress report');

    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, report, lang);
      await expectHeading(page, text(lang, 'action-reports:title'));
      for (const id of ['chart-statuses', 'chart-rag']) assert.equal(await page.locator(`#${id} svg[role="img"]`).count(), 1, id);
      assert.equal(await page.locator('#statuses').count(), 1);
      const res = await page.goto(demo.baseUrl + withLang(`${report}?from=soon&to=later`, lang));
      await checkPage(page, res, `${report} with a bad range (${lang})`, lang, { status: 400, error: true });
    }

    await visit(page, demo.baseUrl, report, 'en');
    // The demo's plan (src/demo/action-plan.ts) has actions led by four agencies: each is a partner with a view.
    const partner = await page.locator('#partner-links a').first().getAttribute('href');
    assert.ok(partner, 'a partner agency’s view');
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, partner, lang);
      assert.equal(await page.locator('#chart-trend svg[role="img"]').count(), 1);
    }
    await context.close();
  });
});
