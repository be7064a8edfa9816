// A review's milestones in a real browser, on the demo's data, in English and Welsh, with axe (WCAG 2.2 AA)
// and 320 px reflow: the review page's milestones section, the plan's timeline picture (an SVG with a title
// and a description) and its table, moving a date (refused without a reason, then saved: the picture and the
// table both move), the held panel meeting with its minutes and decisions, and a meeting scheduled then cancelled
// with its reason.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, newContext } from './support/browser.ts';
import { signInAsDemo } from './support/demo.ts';
import { expectHeading } from './support/flows.ts';
import { checkPage, LANGUAGES, press, text, textOf, visit } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

/** Each milestone's dates as the picture draws them and as the table lists them. */
async function drawnAndListed(page: Page): Promise<{ drawn: string[]; listed: string[] }> {
  const dates = (selector: string) =>
    page
      .locator(selector)
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-key'), e.getAttribute('data-original'), e.getAttribute('data-planned'), e.getAttribute('data-actual')].join('|')),
      );
  return { drawn: await dates('#milestone-chart svg g[data-key]'), listed: await dates('#milestones-table tbody tr') };
}

describe('a review’s milestones', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;
  before(async () => {
    demo = await startDemoServer();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the business unit reads the plan in both languages, moves a date with its reason, and reads the held panel meeting', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');

    // The review whose agency reports are requested: the demo moved two of its dates and held its first panel meeting.
    const dashboard = await page.locator('main a.govuk-link').first().getAttribute('href');
    assert.ok(dashboard?.startsWith('/boards/'));
    const boardPath = (dashboard ?? '').split('/').slice(0, 3).join('/');
    await page.goto(`${demo.baseUrl}${boardPath}/reviews?stage=AGENCY_REPORTS_REQUESTED&lang=en`);
    const reviewPath = await page.locator('#reviews-table tbody th a').first().getAttribute('href');
    assert.ok(reviewPath);
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, reviewPath, lang);
      assert.equal(await textOf(page.locator('#milestones')), text(lang, 'milestones:section.heading'));
    }
    const plan = `${reviewPath}/milestones`;
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, plan, lang);
      await expectHeading(page, text(lang, 'milestones:page.title'));
      const svg = page.locator('#milestone-chart svg');
      assert.equal(await svg.getAttribute('role'), 'img');
      assert.ok((await textOf(svg.locator('title'))).length > 0 && (await textOf(svg.locator('desc'))).length > 0);
      const { drawn, listed } = await drawnAndListed(page);
      assert.ok(drawn.length >= 7);
      assert.deepEqual(drawn, listed);
      // At 320 px the picture is no wider than the screen (the reflow check of visit() covers the page).
      await page.setViewportSize({ width: 320, height: 800 });
      const width = await svg.evaluate((el) => el.getBoundingClientRect().width);
      assert.ok(width <= 320, `the picture is ${width}px wide at 320 px`);
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    // Move the learning-free SCR's panel QA date: refused without a reason (error state in both languages), then saved.
    await page.goto(`${demo.baseUrl}${plan}?lang=en`);
    const row = page.locator('#milestones-table tbody tr[data-key="panel_qa"]');
    const planned = (await row.getAttribute('data-planned')) ?? '';
    const change = await row.locator('a').getAttribute('href');
    assert.ok(change);
    const [y, m, d] = planned.split('-').map(Number) as [number, number, number];
    const later = new Date(Date.UTC(y, m - 1, d + 7));
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, change, lang);
      await page.locator('#plannedOn-day').fill(String(later.getUTCDate()));
      await page.locator('#plannedOn-month').fill(String(later.getUTCMonth() + 1));
      await page.locator('#plannedOn-year').fill(String(later.getUTCFullYear()));
      const res = await press(page, text(lang, 'milestones:change.submit'));
      await checkPage(page, res, `milestone change error state (${lang})`, lang, { status: 400, error: true });
    }
    await page.locator('#reason').fill('The panel chair is on leave that week.');
    await press(page, text('cy', 'milestones:change.submit'));
    await page.goto(`${demo.baseUrl}${plan}?lang=en`);
    const moved = later.toISOString().slice(0, 10);
    assert.equal(await page.locator('#milestones-table tbody tr[data-key="panel_qa"]').getAttribute('data-planned'), moved);
    assert.equal(await page.locator('#milestone-chart svg g[data-key="panel_qa"]').getAttribute('data-planned'), moved);
    const { drawn, listed } = await drawnAndListed(page);
    assert.deepEqual(drawn, listed);

    // The held panel meeting: attendance, guests, minutes and decisions.
    const meeting = await page.locator('#meetings-table tbody th a').first().getAttribute('href');
    assert.ok(meeting);
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, meeting, lang);
      assert.ok((await page.locator('#decisions-table tbody tr').count()) === 2);
      // The business unit may correct the minutes: they are in the form's box.
      assert.ok((await page.locator('main textarea#minutes').inputValue()).length > 0);
    }

    // A meeting scheduled and then cancelled with its reason (English): the page shows it cancelled, with the reason.
    await visit(page, demo.baseUrl, plan, 'en');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: text('en', 'milestones:page.scheduleMeeting'), exact: true }).click()]);
    const next = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 15));
    await page.locator('#meetsOn-day').fill(String(next.getUTCDate()));
    await page.locator('#meetsOn-month').fill(String(next.getUTCMonth() + 1));
    await page.locator('#meetsOn-year').fill(String(next.getUTCFullYear()));
    await page.getByLabel(text('en', 'milestones:meeting.modes.online'), { exact: true }).check();
    await page.locator('#location').fill('Video call');
    await press(page, text('en', 'milestones:meeting.schedule'));
    await page.locator('#cancelReason').fill('The panel chair is unwell.');
    const cancelled = await press(page, text('en', 'milestones:meeting.cancelButton'));
    await checkPage(page, cancelled, 'cancelled panel meeting (en)', 'en', { status: 200, error: false });
    const summary = await textOf(page.locator('#meeting-summary'));
    assert.ok(summary.includes(text('en', 'milestones:meeting.statuses.cancelled')) && summary.includes('The panel chair is unwell.'), summary);
    await context.close();
  });
});
