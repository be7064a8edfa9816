// The chronology in a real browser, on the demo's data (the SUSR building its timeline: four agencies' shared
// chronologies with a duplicate, a gap, a cluster, imprecise dates and two key events), in English and Welsh,
// with axe (WCAG 2.2 AA) and 320 px reflow: the review page's chronology section, the merged chronology (a
// filter with an impossible date shows its error state), the names view the business unit may open, the
// timeline and the summary timeline, an agency's own chronology, and the key event form (refused over 80
// characters).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { signInAsDemo } from './support/demo.ts';
import { expectHeading } from './support/flows.ts';
import { checkPage, LANGUAGES, press, text, textOf, visit, withLang } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('a review’s chronology', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;
  before(async () => {
    demo = await startDemoServer();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the business unit reads the merged chronology, its timeline and an agency’s chronology in both languages', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');
    const dashboard = await page.locator('main a.govuk-link').first().getAttribute('href');
    const boardPath = (dashboard ?? '').split('/').slice(0, 3).join('/');
    await page.goto(`${demo.baseUrl}${boardPath}/reviews?stage=TIMELINE_BUILDING&lang=en`);
    const reviewPath = await page.locator('#reviews-table tbody th a').first().getAttribute('href');
    assert.ok(reviewPath);
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, reviewPath, lang);
      assert.equal(await textOf(page.locator('#chronology')), text(lang, 'chronology:section.heading'));
    }
    const merged = await page.getByRole('link', { name: text('cy', 'chronology:section.merged'), exact: true }).getAttribute('href');
    assert.ok(merged);
    const agency = await page.locator('#chronology-table tbody a').first().getAttribute('href');
    assert.ok(agency);

    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, merged, lang);
      await expectHeading(page, text(lang, 'chronology:merged.title'));
      assert.ok((await page.locator('#chronology-entries tbody tr').count()) >= 10);
      assert.ok((await page.locator('#chronology-gaps li').count()) >= 1, 'the demo’s gap');
      assert.match(await textOf(page.locator('#chronology-entries')), new RegExp(text(lang, 'chronology:merged.keyTag')));
      // A filter with an impossible date: the error summary, and the page still there.
      const bad = await page.goto(`${demo.baseUrl}${withLang(`${merged}?from-day=31&from-month=2&from-year=2024`, lang)}`);
      await checkPage(page, bad, `merged chronology, impossible date (${lang})`, lang, { status: 400, error: true });
      assert.match(await textOf(page.locator('.govuk-error-summary')), new RegExp(text(lang, 'chronology:errors.filterDateInvalid')));
      await visit(page, demo.baseUrl, `${merged}?view=named`, lang);
      await visit(page, demo.baseUrl, `${merged}/timeline`, lang);
      assert.equal(await page.locator('figure svg[role="img"]').count(), 1);
      await visit(page, demo.baseUrl, `${merged}/timeline?summary=yes`, lang);
      assert.ok((await page.locator('#timeline-key-events li').count()) >= 2);
      await visit(page, demo.baseUrl, agency, lang);
    }

    // The key event form: refused over 80 characters in both languages.
    await page.goto(`${demo.baseUrl}${withLang(merged, 'en')}`);
    const keyForm = await page.locator('#chronology-entries a[href$="/key"]').first().getAttribute('href');
    assert.ok(keyForm);
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, keyForm, lang);
      await page.locator('#label').fill('x'.repeat(81));
      const res = await press(page, text(lang, 'chronology:key.save'));
      await checkPage(page, res, `key event, label too long (${lang})`, lang, { status: 400, error: true });
      assert.match(await textOf(page.locator('.govuk-error-summary')), new RegExp(text(lang, 'chronology:errors.keyLabelTooLong')));
    }
    await context.close();
  });
});
