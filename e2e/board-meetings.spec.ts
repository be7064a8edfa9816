// The board's own meetings in a real browser, on the demo's data (one held last month with its attendance and
// minutes, the next scheduled next month with its agenda), in English and Welsh, with axe (WCAG 2.2 AA) and
// 320 px reflow: the business unit's home page link, the list, both meetings' pages, and the new meeting
// form's error state.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { homeLink, signInAsDemo } from './support/demo.ts';
import { expectHeading } from './support/flows.ts';
import { LANGUAGES, submitEmpty, text, textOf, visit } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('the board’s own meetings', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;
  before(async () => {
    demo = await startDemoServer();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the business unit reads the board’s meetings and is refused a meeting without a date, in both languages', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');
    const list = await homeLink(page, 'boardMeetings');

    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, list, lang);
      await expectHeading(page, text(lang, 'board-meetings:list.title'));
      assert.equal(await page.locator('#upcoming tbody tr').count(), 1);
      assert.ok((await page.locator('#past tbody tr').count()) >= 1);
    }
    const held = await page.locator('#past tbody th a').first().getAttribute('href');
    const next = await page.locator('#upcoming tbody th a').first().getAttribute('href');
    assert.ok(held && next);
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, held, lang);
      assert.match(await textOf(page.locator('#meeting-summary')), new RegExp(text(lang, 'board-meetings:meeting.statuses.held')));
      assert.ok((await page.locator('form[action$="/attendance"] fieldset').count()) >= 3, 'the board’s people, each with their attendance');
      assert.match(await page.locator('#minutes').inputValue(), /Action plans/);
      await visit(page, demo.baseUrl, next, lang);
      // The demo's four items, and the escalation ladder's item for the overdue action (src/demo/action-plan.ts).
      assert.equal(await page.locator('#agenda li').count(), 5);
      assert.equal(await page.locator('#not-yet').count(), 1);
    }

    await visit(page, demo.baseUrl, list, 'en');
    const newForm = await page.locator('#new-board-meeting').getAttribute('href');
    assert.ok(newForm);
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, newForm, lang);
      await submitEmpty(page, text(lang, 'board-meetings:form.submit'), 'new board meeting', lang);
      assert.match(await textOf(page.locator('.govuk-error-summary')), new RegExp(text(lang, 'board-meetings:errors.meetsOnRequired')));
    }
    await context.close();
  });
});
