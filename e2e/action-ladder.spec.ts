// The board's escalation ladder in a real browser, on the demo's board, in English and Welsh, with axe (WCAG 2.2
// AA) and 320 px reflow: the business unit's settings page (the defaults, section 137 named on a Welsh board) and
// its error state (a reminder day out of range). The challenge logs show the demo's escalations once the demo has them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { homeLink, signInAsDemo } from './support/demo.ts';
import { expectHeading } from './support/flows.ts';
import { checkPage, LANGUAGES, press, text, textOf, visit } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('the board’s escalation ladder', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;
  before(async () => {
    demo = await startDemoServer();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the business unit reads the ladder and is refused a reminder day out of range, in both languages', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');
    const ladder = await homeLink(page, 'actionLadder');
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, ladder, lang);
      await expectHeading(page, text(lang, 'action-challenges:ladder.title'));
      assert.equal(await page.locator('main fieldset').count(), 5, 'the five steps');
      await page.locator('#reminderDays').fill('200');
      const res = await press(page, text(lang, 'action-challenges:ladder.save'));
      await checkPage(page, res, `ladder error state (${lang})`, lang, { status: 400, error: true });
      assert.match(await textOf(page.locator('.govuk-error-summary')), new RegExp(text(lang, 'action-challenges:errors.reminderDaysInvalid')));
    }
    await context.close();
  });
});
