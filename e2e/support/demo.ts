// Signing in as one of the demo's people, with the details its sign-in page shows (the demo's accounts): the
// email, password and, for a role that needs it, the authenticator key, from which a fresh code is made.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Language } from '../../src/domain/organisation.ts';
import { expectHeading, freshTotpCode } from './flows.ts';
import { press, text } from './pages.ts';

/** Signs in as the demo's holder of the role (its name as the sign-in page writes it in English). */
export async function signInAsDemo(page: Page, baseUrl: string, role: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?lang=en`);
  const card = page
    .locator('main .app-demo-account')
    .filter({ hasText: text('en', `common:roles.${role}`) })
    .first();
  const [email = '', password = '', key = ''] = (await card.locator('dd').allInnerTexts()).map((v) => v.trim());
  await page.getByLabel(text('en', 'auth:signIn.email'), { exact: true }).fill(email);
  await page.getByLabel(text('en', 'auth:signIn.password'), { exact: true }).fill(password);
  await press(page, text('en', 'auth:signIn.button'));
  const lang: Language = (await page.getAttribute('html', 'lang')) === 'cy' ? 'cy' : 'en';
  const secret = key.replace(/\s/g, '');
  if (!secret) return;
  await expectHeading(page, text(lang, 'auth:twoFactor.title'));
  await page.getByLabel(text(lang, 'auth:twoFactor.title'), { exact: true }).fill(await freshTotpCode(secret));
  await press(page, text(lang, 'auth:twoFactor.button'));
}

/** The href of the home page's link named by `key` (common:home.links.<key>, in English), asserting there is one. */
export async function homeLink(page: Page, key: string): Promise<string> {
  const href = await page
    .getByRole('link', { name: text('en', `common:home.links.${key}`) })
    .first()
    .getAttribute('href');
  assert.ok(href, `the home page links to ${key}`);
  return href;
}

/** The path of the demo board's first review at `stage` (from the signed-in person's dashboard link), asserting there is one. */
export async function demoReviewAt(page: Page, baseUrl: string, stage: string): Promise<string> {
  const dashboard = await page.locator('main a.govuk-link').first().getAttribute('href');
  const boardPath = (dashboard ?? '').split('/').slice(0, 3).join('/');
  await page.goto(`${baseUrl}${boardPath}/reviews?stage=${stage}&lang=en`);
  const reviewPath = await page.locator('#reviews-table tbody th a').first().getAttribute('href');
  assert.ok(reviewPath, `the demo has a review at ${stage}`);
  return reviewPath;
}
