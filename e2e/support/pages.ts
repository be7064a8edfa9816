// Page checks shared by the browser tests: language, title, status, error states, axe and reflow at
// 320 px, all through the real pages. Text comes from the locale files so the checks hold in English and Welsh alike.
import assert from 'node:assert/strict';
import type { Locator, Page, Response } from 'playwright-core';
import type { Language } from '../../src/domain/organisation.ts';
import { translator } from '../../src/i18n.ts';
import { expectNoAxeViolations } from './axe.ts';

export const LANGUAGES: Language[] = ['en', 'cy'];

/** Paths of every page checked so far (the accessibility spec compares them with the routes). */
export const checkedPaths = new Set<string>();

/** The text of a locale key in a language (e.g. text('cy', 'auth:signIn.button')). */
export function text(lang: Language, key: string, values?: Record<string, unknown>): string {
  const t = translator(lang);
  const value = values ? t(key, values) : t(key);
  assert.notEqual(value, key, `missing locale key ${key} (${lang})`);
  return String(value);
}

/** A locator's text with whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

export function withLang(path: string, lang: Language): string {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}

/** Opens a page with ?lang= and checks the status, <html lang>, an unprefixed title, axe and reflow. */
export async function visit(page: Page, baseUrl: string, path: string, lang: Language, expect: { status?: number; axe?: boolean } = {}): Promise<Response> {
  const res = await page.goto(baseUrl + withLang(path, lang));
  assert.ok(res, `no response for ${path}`);
  checkedPaths.add(path.split('?')[0] ?? path);
  await checkPage(page, res, `${path} (${lang})`, lang, { status: expect.status ?? 200, error: false, axe: expect.axe ?? true });
  return res;
}

/** Checks the page now shown: status, <html lang>, title prefix for error states, error summary, axe and reflow. */
export async function checkPage(
  page: Page,
  res: Response | null,
  label: string,
  lang: Language,
  expect: { status: number; error: boolean; axe?: boolean },
): Promise<void> {
  if (res) assert.equal(res.status(), expect.status, `${label}: HTTP status`);
  checkedPaths.add(new URL(page.url()).pathname);
  assert.equal(await page.getAttribute('html', 'lang'), lang, `${label}: <html lang>`);
  const title = await page.title();
  const prefix = `${text(lang, 'common:errorPrefix')} `;
  const summary = page.locator('.govuk-error-summary');
  if (expect.error) {
    assert.ok(title.startsWith(prefix), `${label}: title "${title}" should start with "${prefix}"`);
    assert.equal(await summary.count(), 1, `${label}: one error summary`);
    assert.equal(await textOf(summary.getByRole('heading').first()), text(lang, 'common:errorSummaryTitle'), `${label}: error summary title`);
    const links = summary.locator('.govuk-error-summary__list a');
    assert.ok((await links.count()) > 0, `${label}: the error summary lists the problems`);
    // Each summary link points at a field (or an element) that exists on the page.
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      assert.match(href, /^#./, `${label}: error link ${href}`);
      assert.equal(await page.locator(href.replace(/([.:[\]])/g, '\\$1')).count(), 1, `${label}: error link target ${href} exists`);
    }
  } else {
    assert.ok(!title.startsWith(prefix), `${label}: title "${title}" has no error prefix`);
  }
  // axe runs inside the page, so it cannot run where JavaScript is off; those pages are scanned with it on.
  if (expect.axe !== false) await expectNoAxeViolations(page, label);
  await expectReflow(page, label);
}

/** The narrowest screen WCAG 2.2's reflow criterion (1.4.10, AA) asks for, in CSS pixels. */
export const REFLOW_WIDTH = 320;

/**
 * WCAG 2.2 reflow (1.4.10): at a 320 CSS pixel wide viewport the page does not scroll sideways
 * (document.documentElement.scrollWidth <= 320). The viewport is put back afterwards. A failure names
 * the innermost elements that stick out, which is where the fix goes.
 */
export async function expectReflow(page: Page, label: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: REFLOW_WIDTH, height: size.height });
  try {
    const width = await page.locator('html').evaluate((html) => html.scrollWidth);
    if (width <= REFLOW_WIDTH) return;
    // No named function inside: tsx would wrap it in a helper (__name) that the page does not have.
    const culprits = await page.locator('body *').evaluateAll((elements, limit) => {
      const out = new Set(elements.filter((e) => e.getBoundingClientRect().right > limit + 0.5 && e.getClientRects().length > 0));
      return [...out]
        .filter((e) => ![...e.children].some((c) => out.has(c as (typeof elements)[number])))
        .slice(0, 5)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`,
        );
    }, REFLOW_WIDTH);
    assert.fail(
      `${label} (${page.url()}) is ${width} px wide at a ${REFLOW_WIDTH} px viewport, so it scrolls sideways (WCAG 1.4.10):\n  ${culprits.join('\n  ')}`,
    );
  } finally {
    await page.setViewportSize(size);
  }
}

/** Clicks a button in <main> and waits for the resulting page load. */
export async function press(page: Page, name: string): Promise<Response | null> {
  const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('main').getByRole('button', { name, exact: true }).click()]);
  return res;
}

/** Submits a form with nothing filled in and checks the error state (status 400, "Error:" title, summary, axe). */
export async function submitEmpty(page: Page, buttonName: string, label: string, lang: Language, opts: { axe?: boolean } = {}): Promise<void> {
  const res = await press(page, buttonName);
  await checkPage(page, res, `${label} error state (${lang})`, lang, { status: 400, error: true, axe: opts.axe ?? true });
}
