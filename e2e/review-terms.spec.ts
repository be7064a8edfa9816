// A review's terms of reference in a real browser, on the demo (its Serious Case Review has version 1 approved
// by the panel chair and version 2 drafted since): the business unit opens the terms from the review's page,
// is refused an empty section with the error summary, changes a section, the period (date inputs) and the
// agencies (a form of contribution for each), and reads version 2's changes against version 1 — every page in
// English and Welsh, axe clean (WCAG 2.2 AA) and reflowing at 320 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, newContext } from './support/browser.ts';
import { expectHeading, freshTotpCode } from './support/flows.ts';
import { checkPage, LANGUAGES, press, submitEmpty, text, textOf, visit } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

/** Signs in as the demo's business unit with the details its sign-in page shows. */
async function signInAsBusinessUnit(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?lang=en`);
  const card = page.locator('main .app-demo-account').filter({ has: page.locator('h3', { hasText: text('en', 'common:roles.business_unit') }) });
  const values = (await card.first().locator('dd').allInnerTexts()).map((v) => v.trim());
  const [email = '', password = '', key = ''] = values;
  await page.getByLabel(text('en', 'auth:signIn.email'), { exact: true }).fill(email);
  await page.getByLabel(text('en', 'auth:signIn.password'), { exact: true }).fill(password);
  await press(page, text('en', 'auth:signIn.button'));
  const lang = (await page.getAttribute('html', 'lang')) === 'cy' ? 'cy' : 'en';
  await expectHeading(page, text(lang, 'auth:twoFactor.title'));
  await page.getByLabel(text(lang, 'auth:twoFactor.title'), { exact: true }).fill(await freshTotpCode(key.replace(/\s/g, '')));
  await press(page, text(lang, 'auth:twoFactor.button'));
}

describe('a review’s terms of reference in a browser', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;

  before(async () => {
    demo = await startDemoServer();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the business unit changes sections of the draft and reads its changes, in English and Welsh, axe clean at 320 px', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsBusinessUnit(page, demo.baseUrl);

    // The review whose terms have versions, found from the board's reviews.
    const dashboard = await page.locator('main a.govuk-link').first().getAttribute('href');
    assert.ok(dashboard?.startsWith('/boards/'));
    await page.goto(`${demo.baseUrl}${dashboard}/reviews?lang=en`);
    let termsHref: string | null = null;
    for (const href of await page.locator('main table a.govuk-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      await page.goto(`${demo.baseUrl}${href}?lang=en`);
      if (/Version 2 is a draft/.test(await textOf(page.locator('main')))) {
        termsHref = await page.locator('#terms-of-reference ~ p a.govuk-link').first().getAttribute('href');
        for (const lang of LANGUAGES) await visit(page, demo.baseUrl, href, lang);
        break;
      }
    }
    assert.ok(termsHref, 'the demo review with terms of reference');

    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, termsHref, lang);
      assert.equal(await textOf(page.locator('#terms-status')), text(lang, 'terms:page.draftHeading', { version: 2 }));
    }

    for (const lang of LANGUAGES) {
      // A text section: empty is refused with the error summary; then saved.
      await visit(page, demo.baseUrl, `${termsHref}/sections/family`, lang);
      await page.locator('#text').fill('');
      await submitEmpty(page, text(lang, 'terms:section.save'), 'family involvement', lang);
      await page
        .locator('#text')
        .fill(lang === 'en' ? 'The parents are invited to meet the chair and the author.' : 'Gwahoddir y rhieni i gyfarfod â’r cadeirydd a’r awdur.');
      await press(page, text(lang, 'terms:section.save'));
      await checkPage(page, null, `terms after saving (${lang})`, lang, { status: 200, error: false });
      assert.match(await textOf(page.locator('.govuk-notification-banner')), new RegExp(text(lang, 'terms:flash.saved', { version: 2 })));
      // The period's dates and the agencies' forms of contribution (checkboxes revealing radios).
      await visit(page, demo.baseUrl, `${termsHref}/sections/period`, lang);
      await visit(page, demo.baseUrl, `${termsHref}/sections/agencies`, lang);
    }

    // Version 2's changes against the approved version 1, marked in text in both languages.
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, `${termsHref}/versions/2`, lang);
      assert.match(await textOf(page.locator('#terms-changes [data-section="enquiry"] ins')), new RegExp(text(lang, 'terms:diff.inserted')));
      await visit(page, demo.baseUrl, `${termsHref}/versions/1`, lang);
    }
    await context.close();
  });
});
