// The public pages of released reviews (issue 13 item 5) in a real browser, on the demo's data (one Child Practice
// Review released, one held for criminal proceedings with the hold shown), without signing in: /published in English
// and Welsh (the delayed review listed), a search through the form (GET, no JavaScript needed), the publication page
// in both languages and its PDF and Word files — each page with axe (WCAG 2.2 AA) and 320 px reflow.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { expectHeading } from './support/flows.ts';
import { LANGUAGES, press, text, textOf, visit } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('published reviews', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;
  before(async () => {
    demo = await startDemoServer();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('anyone lists, searches and reads a publication in English and Welsh, and downloads its files', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, '/published', lang);
      await expectHeading(page, text(lang, 'published:list.title'));
      assert.match(await textOf(page.locator('#delayed + ul')), new RegExp(text(lang, 'published:status.delayed')));
    }
    await page.goto(`${demo.baseUrl}/published?lang=en`);
    await page.getByLabel(text('en', 'published:list.searchLabel'), { exact: true }).fill('information sharing');
    await press(page, text('en', 'common:search'));
    assert.match(new URL(page.url()).search, /q=information\+sharing/);
    const href = await page.locator('#publications h3 a').first().getAttribute('href');
    assert.ok(href, 'the search finds the published review');
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, href, lang);
      assert.match(await textOf(page.getByRole('heading', { level: 1 })), lang === 'cy' ? /^Plentyn [A-Z]+$/ : /^Child [A-Z]+$/);
      for (const format of ['pdf', 'docx']) {
        const link = await page.locator(`#downloads + ul a[href*="document.${format}"]`).getAttribute('href');
        assert.ok(link, `a ${format} link`);
        const file = await page.request.get(`${demo.baseUrl}${link}`);
        assert.equal(file.status(), 200, `${format} (${lang})`);
      }
    }
    await context.close();
  });
});
