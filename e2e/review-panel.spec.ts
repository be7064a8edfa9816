// A review's panel in a real browser, on the demo's data, in English and Welsh, axe clean and reflowing at
// 320 px: the business unit opens a review's panel (its appointed chair and author; on another review, the
// nominee whose declared conflict refuses the appointment), the register, nominates someone and sends the
// declaration link; the candidate, not signed in, opens the link — which names the review's pseudonym,
// never the child — is shown the error summary when they answer nothing, and declares; the business unit
// appoints them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { signInAsDemo } from './support/demo.ts';
import { expectHeading } from './support/flows.ts';
import { checkPage, LANGUAGES, press, text, visit } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('a review’s panel', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;

  before(async () => {
    demo = await startDemoServer();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('panel, register, nomination, the candidate’s declaration and the appointment, in English and Welsh', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');
    const dashboard = await page.locator('main a.govuk-link').first().getAttribute('href');
    assert.ok(dashboard?.startsWith('/boards/'));
    await page.goto(`${demo.baseUrl}${dashboard}/reviews?lang=en`);
    const reviews = await page.locator('#reviews-table tbody th a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    // Each review's panel page (the appointed panel; the refused appointment with its reason) in both languages.
    const panels: string[] = [];
    for (const review of reviews) {
      await page.goto(`${demo.baseUrl}${review}?lang=en`);
      const link = await page.locator('#panel ~ p a.govuk-link').first().getAttribute('href');
      if (link) panels.push(link);
    }
    assert.ok(panels.length >= 2, `panel pages: ${panels.join(', ')}`);
    for (const href of panels) for (const lang of LANGUAGES) await visit(page, demo.baseUrl, href, lang);
    let panel = '';
    for (const href of panels) {
      await page.goto(`${demo.baseUrl}${href}?lang=en`);
      if (((await page.locator('main').textContent()) ?? '').includes(text('en', 'errors:panel.declaredConflict'))) panel = href;
    }
    assert.ok(panel, 'the nominee who declared a conflict: the reason is shown');
    await page.goto(`${demo.baseUrl}${panel}?lang=en`);
    const register = await page.locator('#nominate ~ p a.govuk-link').first().getAttribute('href');
    assert.ok(register);
    for (const lang of LANGUAGES) await visit(page, demo.baseUrl, register, lang);

    // Nominate the first candidate for the role first offered, and send the declaration link.
    await page.goto(`${demo.baseUrl}${panel}?lang=en`);
    await page.locator('main input[name="entryId"]').first().check();
    await press(page, text('en', 'panel:nominate.submit'));
    const cards = page.locator('main [id^="nomination-"]');
    const card = cards.last();
    await card.getByRole('button', { name: text('en', 'panel:nominations.askDeclaration') }).click();
    await page.waitForLoadState();
    const url = ((await page.locator('#declaration-link code').textContent()) ?? '').trim();
    const path = new URL(url).pathname;

    // The candidate: only the brief, never the child; an error summary when nothing is answered; then declares.
    const candidate = await (await newContext(browser)).newPage();
    for (const lang of LANGUAGES) {
      await visit(candidate, demo.baseUrl, path, lang);
      assert.match((await candidate.locator('#declaration-brief').textContent()) ?? '', lang === 'en' ? /Child [A-Z]/ : /Plentyn [A-Z]/);
    }
    const [res] = await Promise.all([
      candidate.waitForNavigation(),
      candidate.getByRole('button', { name: text('cy', 'panel:declarationPage.submit') }).click(),
    ]);
    await checkPage(candidate, res, 'declaration, nothing answered (cy)', 'cy', { status: 400, error: true });
    for (const q of ['independentOfAgencies', 'independentOfCase', 'independentOfChild'])
      await candidate.locator(`main input[name="${q}"][value="yes"]`).check();
    await press(candidate, text('cy', 'panel:declarationPage.submit'));
    await expectHeading(candidate, text('cy', 'panel:declarationPage.doneTitle'));

    // The business unit appoints them.
    await page.goto(`${demo.baseUrl}${panel}?lang=en`);
    await page
      .locator('main [id^="nomination-"]')
      .last()
      .getByRole('button', { name: text('en', 'panel:nominations.appoint') })
      .click();
    await page.waitForLoadState();
    assert.match((await page.locator('main').textContent()) ?? '', new RegExp(text('en', 'panel:flash.appointed').replace('.', '\\.')));
    await context.close();
  });
});
