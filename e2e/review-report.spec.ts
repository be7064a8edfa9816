// A review's report in a real browser, on the demo (its Serious Case Review has version 1 of the overview report
// submitted for the panel's QA, a panel comment and a review recommendation without its target date): the
// business unit opens the report from the review's page, reads version 1, and gives the review recommendation
// its target date — refused first with the error summary for a date that does not exist — every page in
// English and Welsh, axe clean (WCAG 2.2 AA) and reflowing at 320 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { signInAsDemo } from './support/demo.ts';
import { checkPage, LANGUAGES, press, text, textOf, visit } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('a review’s report in a browser', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;

  before(async () => {
    demo = await startDemoServer();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the business unit reads the report and dates a review recommendation, in English and Welsh, axe clean at 320 px', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');

    // The review with a report submitted for QA (the Serious Case Review whose agencies' reports are requested;
    // the demo's reviews at panel QA and board acceptance have theirs too), found from the board's reviews.
    const dashboard = await page.locator('main a.govuk-link').first().getAttribute('href');
    assert.ok(dashboard?.startsWith('/boards/'));
    await page.goto(`${demo.baseUrl}${dashboard}/reviews?stage=AGENCY_REPORTS_REQUESTED&lang=en`);
    let reportHref: string | null = null;
    for (const href of await page.locator('main table a.govuk-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      await page.goto(`${demo.baseUrl}${href}?lang=en`);
      if ((await page.locator('#report-summary').count()) > 0 && /Version 1/.test(await textOf(page.locator('#report-summary')))) {
        reportHref = await page.locator('#report ~ p a.govuk-link').first().getAttribute('href');
        break;
      }
    }
    assert.ok(reportHref, 'the demo review with a report');

    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, reportHref, lang);
      assert.equal(
        await textOf(page.locator('#report-status')),
        text(lang, 'report:page.versionHeading', { version: 1, status: text(lang, 'report:statuses.submitted') }),
      );
      await visit(page, demo.baseUrl, `${reportHref}/versions/1`, lang);
    }

    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, reportHref, lang);
      const change = page.locator('#recommendations-table a.govuk-link').nth(1);
      const href = await change.getAttribute('href');
      assert.ok(href);
      await visit(page, demo.baseUrl, href, lang);
      await page.locator('#targetOn-day').fill('31');
      await page.locator('#targetOn-month').fill('2');
      await page.locator('#targetOn-year').fill('2028');
      const refused = await press(page, text(lang, 'report:recommendation.save'));
      await checkPage(page, refused, `review recommendation error state (${lang})`, lang, { status: 400, error: true });
      assert.match(await textOf(page.locator('.govuk-error-summary')), new RegExp(text(lang, 'report:errors.targetInvalid')));
      await page.locator('#targetOn-day').fill('29');
      const saved = await press(page, text(lang, 'report:recommendation.save'));
      await checkPage(page, saved, `report after saving (${lang})`, lang, { status: 200, error: false });
      assert.match(await textOf(page.locator('.govuk-notification-banner')), new RegExp(text(lang, 'report:flash.recommendationSaved', { number: 2 })));
    }
    await context.close();
  });
});
