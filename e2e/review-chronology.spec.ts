// The chronology in a real browser, on the demo's data (the SUSR building its timeline: four agencies' shared
// chronologies with a duplicate, a gap, a cluster, imprecise dates and two key events), in English and Welsh,
// with axe (WCAG 2.2 AA) and 320 px reflow: the review page's chronology section, the merged chronology (a
// filter with an impossible date shows its error state), the names view the business unit may open, the
// timeline and the summary timeline, an agency's own chronology, and the key event form (refused over 80
// characters). Then the housing association's contributor, still writing its chronology: its page, the entry
// form (empty, then an entry added), the import form (no file), a file refused row by row and one imported.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { templateHeaders } from '../src/domain/chronology/import-rows.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { signInAsDemo } from './support/demo.ts';
import { expectHeading } from './support/flows.ts';
import { checkPage, LANGUAGES, press, submitEmpty, text, textOf, visit, withLang } from './support/pages.ts';
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

  test('an agency’s contributor adds an entry and imports a file, refused row by row then imported, in both languages', async () => {
    assert.ok(browser);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsDemo(page, demo.baseUrl, 'agency_contributor');
    await page.goto(`${demo.baseUrl}/contributions?lang=en`);
    const contribution = await page.locator('#contributions-table tbody a.govuk-link').first().getAttribute('href');
    assert.ok(contribution);
    const chronology = `${contribution}/chronology`;
    const rows = () => page.locator('#chronology-entries tbody tr').count();
    for (const lang of LANGUAGES) await visit(page, demo.baseUrl, chronology, lang);
    const before = await rows();
    assert.ok(before >= 2, 'the entries the demo wrote');

    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, `${chronology}/entries/new`, lang);
      await submitEmpty(page, text(lang, 'chronology:form.save'), 'chronology entry', lang);
    }
    await page.locator('input[name="precision"][value="exact"]').check();
    await page.locator('input[name="date-day"]').fill('3');
    await page.locator('input[name="date-month"]').fill('8');
    await page.locator('input[name="date-year"]').fill('2025');
    await page.locator('select[name="eventType"]').selectOption('home_visit');
    await page.locator('#description').fill('Ymweliad i drafod ôl-ddyledion rhent; neb gartref.');
    await page.locator('#sourceRef').fill('Tenantiaeth T-4471/08');
    await page.locator('input[name="significance"][value="low"]').check();
    const saved = await press(page, text('cy', 'chronology:form.save'));
    assert.equal(saved?.status(), 200);
    assert.equal(await rows(), before + 1, 'the entry is in the chronology');

    const csv = (lang: 'en' | 'cy', lines: string[]) => Buffer.from(`\uFEFF${templateHeaders(lang).join(',')}\r\n${lines.map((l) => `${l}\r\n`).join('')}`);
    const row = (date: string, text: string) => `${date},,,Contact,${text},,,,,ASB 2025-${date.slice(0, 2)},Low,`;
    const upload = async (lang: 'en' | 'cy', file: Buffer) => {
      await page.goto(`${demo.baseUrl}${withLang(`${chronology}/import`, lang)}`);
      await page.locator('#file').setInputFiles({ name: 'cronoleg.csv', mimeType: 'text/csv', buffer: file });
      await press(page, text(lang, 'chronology:import.submit'));
      // The status page refreshes itself (no script) until the job has checked every row; here, read again sooner.
      for (let i = 0; i < 120 && (await page.locator('#progress').count()) > 0; i++) {
        await page.waitForTimeout(250);
        await page.reload();
      }
      return page.url();
    };
    for (const lang of LANGUAGES) {
      await visit(page, demo.baseUrl, `${chronology}/import`, lang);
      await submitEmpty(page, text(lang, 'chronology:import.submit'), 'chronology import', lang);
    }
    const refused = await upload('cy', csv('cy', [row('12/09/2025', 'Galwad ffôn i’r fam'), row('31/02/2025', 'Dyddiad amhosibl')]));
    for (const lang of LANGUAGES) {
      const res = await page.goto(`${demo.baseUrl}${withLang(new URL(refused).pathname, lang)}`);
      await checkPage(page, res, `import refused (${lang})`, lang, { status: 200, error: true });
      assert.equal(await page.locator('#problems li').count(), 1, 'the one bad row');
    }
    const imported = await upload('en', csv('en', [row('12/09/2025', 'Phone call to the mother'), row('45915', 'Letter about the tenancy')]));
    for (const lang of LANGUAGES) await visit(page, demo.baseUrl, new URL(imported).pathname, lang);
    await visit(page, demo.baseUrl, chronology, 'en');
    assert.equal(await rows(), before + 3, 'both rows imported, nothing of the refused file');
    await context.close();
  });
});
