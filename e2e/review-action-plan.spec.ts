// The action plan in a real browser, on the demo's data (the SUSR at board acceptance: its plan signed off by the
// case review group, an action in every status), in English and Welsh, with axe (WCAG 2.2 AA) and 320 px reflow: the
// business unit's plan, the spreadsheet import (refused without a file), an action's page and the board's decision
// form (refused empty); the police's lead officer's
// actions across reviews and their progress update form (refused empty). The same review's pseudonym dictionary
// (issue 13 item 1, on the same demo server): its table with the real names the business unit may see, and the
// add form's error state; its executive summary (item 3: both languages approved, a version's page), its
// anonymisation checks and a check's findings in context (item 2), its publication page with the decision form's
// error state (item 4), and its submission packet page with the sending form's error state (item 6).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { demoReviewAt, signInAsDemo } from './support/demo.ts';
import { expectHeading } from './support/flows.ts';
import { LANGUAGES, submitEmpty, text, textOf, visit } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('a review’s action plan', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;
  before(async () => {
    demo = await startDemoServer();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the business unit reads the plan and an action, and the decision form refuses an empty answer; the lead officer updates theirs', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');
    const reviewPath = await demoReviewAt(page, demo.baseUrl, 'BOARD_ACCEPTANCE');
    const plan = `${reviewPath}/action-plan`;
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, plan, lang);
      await expectHeading(page, text(lang, 'actions:plan.title'));
    }
    const tags = await page.locator('main table .govuk-tag').allInnerTexts();
    for (const rag of ['red', 'amber', 'green', 'complete'])
      assert.ok(
        tags.some((t) => t.startsWith(text('cy', `actions:rag.${rag}`))),
        `a ${rag} action`,
      );
    // The spreadsheet import for an agency without accounts: refused without a file.
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, `${plan}/import`, lang);
      await submitEmpty(page, text(lang, 'action-imports:submit'), 'action plan import', lang);
    }
    // The verified action: the board's decision form.
    await page.goto(`${demo.baseUrl}${plan}?lang=en`);
    const rows = page.locator('main table tbody tr').filter({ hasText: text('en', 'actions:statuses.verified') });
    const action = await rows.first().locator('a').first().getAttribute('href');
    assert.ok(action);
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, action, lang);
      await visit(page, demo.baseUrl, `${action}/board-decision`, lang);
      await submitEmpty(page, text(lang, 'actions:decision.submit'), 'board decision', lang);
    }
    await context.close();

    const owner = await newContext(browser);
    const mine = await owner.newPage();
    await signInAsDemo(mine, demo.baseUrl, 'action_owner');
    for (const lang of LANGUAGES) await visit(mine, demo.baseUrl, '/actions', lang);
    const onTrack = mine.locator('#my-actions tbody tr').filter({ hasText: text('cy', 'actions:statuses.on_track') });
    const href = await onTrack.first().locator('a').first().getAttribute('href');
    assert.ok(href);
    for (const lang of LANGUAGES) {
      await visit(mine, demo.baseUrl, href, lang);
      await visit(mine, demo.baseUrl, `${href}/update`, lang);
      await submitEmpty(mine, text(lang, 'actions:update.submit'), 'progress update', lang);
    }
    await owner.close();
  });

  test('the business unit reads the review’s pseudonym dictionary and is refused an empty entry, in both languages', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');
    const reviewPath = await demoReviewAt(page, demo.baseUrl, 'BOARD_ACCEPTANCE');
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, `${reviewPath}/dictionary`, lang);
      await expectHeading(page, text(lang, 'dictionary:title'));
      // The demo's entries (src/demo/dictionary.ts), real names shown to the business unit (a restricted role).
      const table = await textOf(page.locator('main table'));
      assert.match(table, /Aberteifi/);
      assert.match(table, lang === 'cy' ? /Tref 1/ : /Town 1/);
      await visit(page, demo.baseUrl, `${reviewPath}/dictionary/new`, lang);
      await submitEmpty(page, text(lang, 'dictionary:form.save'), 'new dictionary entry', lang);
      assert.match(await textOf(page.locator('.govuk-error-summary')), new RegExp(text(lang, 'dictionary:errors.categoryRequired')));
    }
    await context.close();
  });

  test('the business unit reads the review’s executive summary, anonymisation checks, publication and submission packet, and the decision and sending forms refuse an empty answer, in both languages', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');
    const reviewPath = await demoReviewAt(page, demo.baseUrl, 'BOARD_ACCEPTANCE');
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, `${reviewPath}/summary`, lang);
      await expectHeading(page, text(lang, 'summary:page.title'));
      const version = await page.locator(`main a[href$="${reviewPath}/summary/cy/versions/1"]`).first().getAttribute('href');
      assert.ok(version, 'the Welsh approved version is linked');
      await visit(page, demo.baseUrl, version, lang);

      await visit(page, demo.baseUrl, `${reviewPath}/anonymisation`, lang);
      await expectHeading(page, text(lang, 'anonymisation:title'));
      const check = await page.locator(`main a[href^="${reviewPath}/anonymisation/"]`).first().getAttribute('href');
      assert.ok(check, 'the demo’s scanned check is linked');
      await visit(page, demo.baseUrl, check, lang);
      assert.ok((await page.locator('main mark').count()) > 0, 'each finding’s match is marked in its context');

      await visit(page, demo.baseUrl, `${reviewPath}/publication`, lang);
      await expectHeading(page, text(lang, 'publication:page.title'));
      assert.equal(await page.locator('#gates li').count(), 7);
      await visit(page, demo.baseUrl, `${reviewPath}/publication/decision`, lang);
      await submitEmpty(page, text(lang, 'publication:decision.save'), 'publication decision', lang);
      assert.match(await textOf(page.locator('.govuk-error-summary')), new RegExp(text(lang, 'publication:errors.choiceRequired')));

      // The submission packet (item 6): the demo's packet and its sending listed; recording a sending with nothing chosen.
      await visit(page, demo.baseUrl, `${reviewPath}/submission`, lang);
      await expectHeading(page, text(lang, 'packet:title'));
      assert.ok((await page.locator(`main a[href$="/packet.zip"]`).count()) > 0, 'the demo’s packet is listed to download');
      await submitEmpty(page, text(lang, 'packet:sending.save'), 'packet sending', lang);
      assert.match(await textOf(page.locator('.govuk-error-summary')), new RegExp(text(lang, 'packet:errors.recipientMissing')));
    }
    await context.close();
  });
});
