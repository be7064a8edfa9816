// The practitioners' learning event in a real browser, on the demo's data (its Child Practice Review's event,
// held), in English and Welsh, with axe (WCAG 2.2 AA) and 320 px reflow: the review page's section, the event's
// page (practitioners by role and number, attendance, notes, the learning identified) and the learning form's
// error state.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext } from './support/browser.ts';
import { signInAsDemo } from './support/demo.ts';
import { LANGUAGES, submitEmpty, text, textOf, visit, withLang } from './support/pages.ts';
import { type RunningServer, startDemoServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

describe('a review’s learning event', { skip: launched.skipReason ?? false }, () => {
  let demo: Omit<RunningServer, 'firstAdministratorLink'>;
  before(async () => {
    demo = await startDemoServer();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the business unit reads the held event and the learning in both languages; the learning form refuses an empty answer', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'business_unit');
    const home = await page.locator('main a.govuk-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const reviewsList = home.find((h) => /\/boards\/[^/]+\/reviews$/.test(h));
    assert.ok(reviewsList, `a link to the reviews: ${home.join(', ')}`);
    await page.goto(`${demo.baseUrl}${withLang(reviewsList, 'en')}`);
    const reviews = await page.locator('#reviews-table tbody a.govuk-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    // The demo's review with a held learning event (the first practice review).
    let reviewHref: string | undefined;
    for (const href of reviews) {
      await page.goto(`${demo.baseUrl}${withLang(`${href}/learning-event`, 'en')}`);
      if ((await page.locator('.invitations-table').count()) > 0) {
        reviewHref = href;
        break;
      }
    }
    assert.ok(reviewHref, 'the demo has a review with a learning event');
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, reviewHref, lang);
      assert.equal(await textOf(page.locator('#learning-event')), text(lang, 'learning-event:reviewSection.heading'));
      await visit(page, demo.baseUrl, `${reviewHref}/learning-event`, lang);
      const invited = await textOf(page.locator('.invitations-table'));
      assert.ok(invited.includes(lang === 'en' ? 'Social worker 1' : 'Gweithiwr cymdeithasol 1'), `${lang}: practitioners by role and number`);
      assert.ok(invited.includes(text(lang, 'learning-event:invitationStatuses.attended')));
      assert.ok((await page.locator('#points-table tbody tr').count()) >= 2);
    }
    await page.goto(`${demo.baseUrl}${withLang(`${reviewHref}/learning-event`, 'en')}`);
    const learning = await page.getByRole('link', { name: text('en', 'learning-event:actions.learning'), exact: true }).getAttribute('href');
    assert.ok(learning);
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, learning, lang);
      await submitEmpty(page, text(lang, 'learning-event:pointForm.submit'), 'the learning form', lang);
    }
    await context.close();
  });
});
