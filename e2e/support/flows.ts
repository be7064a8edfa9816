// What people do in the service, through its pages only: create the first administrator from the
// printed link, enrol two-factor, sign in, and create boards, agencies and people. Fields are found by
// their labels and buttons by their names (from the locale files), as someone using the page would.
import assert from 'node:assert/strict';
import { generateSync } from 'otplib';
import type { Locator, Page } from 'playwright-core';
import type { Language } from '../../src/domain/organisation.ts';
import { press, text, textOf } from './pages.ts';

export const PASSWORD = 'correct horse battery staple e2e';

export interface Account {
  fullName: string;
  email: string;
  password: string;
  totpSecret?: string;
}

// TOTP codes are refused when their time step was used before. The service accepts the current step's code
// and the next one's (30 s either way), so a second sign-in within the same 30 seconds uses the next step's
// code; only a third one waits for the next step.
const lastStep = new Map<string, number>();
export async function freshTotpCode(secret: string): Promise<string> {
  const step = () => Math.floor(Date.now() / 30_000);
  const used = lastStep.get(secret);
  if (used !== undefined && used > step()) await new Promise((r) => setTimeout(r, used * 30_000 - Date.now() + 250));
  const use = used !== undefined && used >= step() ? used + 1 : step();
  lastStep.set(secret, use);
  return generateSync({ secret, epoch: use * 30 });
}

export function field(page: Page, lang: Language, key: string): Locator {
  return page.getByLabel(text(lang, key), { exact: true });
}

/** A radio or checkbox in the group whose legend is `legendKey`, by its label. */
export function option(page: Page, lang: Language, legendKey: string, label: string): Locator {
  return page.getByRole('group', { name: text(lang, legendKey) }).getByLabel(label, { exact: true });
}

/** Selects the option of a <select> whose text contains `contains`. */
export async function selectContaining(select: Locator, contains: string): Promise<void> {
  const options = await select.locator('option').allInnerTexts();
  const match = options.find((o) => o.includes(contains));
  assert.ok(match, `no option containing "${contains}" in [${options.join(', ')}]`);
  await select.selectOption({ label: match });
}

export async function expectHeading(page: Page, heading: string): Promise<void> {
  assert.equal(await textOf(page.getByRole('heading', { level: 1 })), heading, `h1 on ${page.url()}`);
}

// ---- First administrator and two-factor --------------------------------------------------------

/** Fills in the create-administrator form (page already on the printed link) and submits it. */
export async function fillCreateAdministrator(page: Page, admin: Account, lang: Language = 'en'): Promise<void> {
  await field(page, lang, 'auth:createAdministrator.fullName').fill(admin.fullName);
  await field(page, lang, 'auth:createAdministrator.email').fill(admin.email);
  await field(page, lang, 'auth:createAdministrator.password').fill(admin.password);
  await field(page, lang, 'auth:createAdministrator.confirmPassword').fill(admin.password);
  await option(page, lang, 'auth:createAdministrator.language', text(lang, `common:languages.${lang}`)).check();
  await press(page, text(lang, 'auth:createAdministrator.button'));
}

/** On the set-up page: reads the key shown as text, enters a code from it; returns the secret. */
export async function enrolTwoFactor(page: Page, lang: Language = 'en'): Promise<string> {
  await expectHeading(page, text(lang, 'account:twoFactor.setUpTitle'));
  const key = await textOf(page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/));
  const secret = key.replace(/\s/g, '');
  await field(page, lang, 'account:twoFactor.codeLabel').fill(await freshTotpCode(secret));
  await press(page, text(lang, 'account:twoFactor.button'));
  return secret;
}

/** On the recovery codes page: returns the codes shown and continues. */
export async function saveRecoveryCodes(page: Page, lang: Language = 'en'): Promise<string[]> {
  await expectHeading(page, text(lang, 'account:twoFactor.recoveryTitle'));
  const codes = (await page.locator('#recovery-codes li').allInnerTexts()).map((c) => c.trim());
  assert.equal(codes.length, 10, 'ten recovery codes');
  await press(page, text(lang, 'common:continue'));
  return codes;
}

/** Creates the first administrator through the printed link and enrols two-factor; ends on home. */
export async function createFirstAdministrator(page: Page, link: string, admin: Account): Promise<Account> {
  await page.goto(`${link}?lang=en`);
  await fillCreateAdministrator(page, admin);
  const totpSecret = await enrolTwoFactor(page);
  await saveRecoveryCodes(page);
  await expectHeading(page, text('en', 'common:home.title'));
  return { ...admin, totpSecret };
}

/** Signs in with email and password (and a fresh TOTP code when the account has one). */
export async function signIn(page: Page, baseUrl: string, account: Account, lang: Language = 'en'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?lang=${lang}`);
  await field(page, lang, 'auth:signIn.email').fill(account.email);
  await field(page, lang, 'auth:signIn.password').fill(account.password);
  await press(page, text(lang, 'auth:signIn.button'));
  if (account.totpSecret) {
    await expectHeading(page, text(lang, 'auth:twoFactor.title'));
    await page.getByLabel(text(lang, 'auth:twoFactor.title'), { exact: true }).fill(await freshTotpCode(account.totpSecret));
    await press(page, text(lang, 'auth:twoFactor.button'));
  }
}

// ---- Administration ------------------------------------------------------------------------------

export interface BoardAnswers {
  code: string;
  nameEn: string;
  nameCy: string;
}

/** Board journey, details step: fills in and continues. */
export async function answerBoardDetails(page: Page, board: BoardAnswers, lang: Language = 'en'): Promise<void> {
  await field(page, lang, 'admin:board.code').fill(board.code);
  await field(page, lang, 'admin:board.nameEn').fill(board.nameEn);
  await field(page, lang, 'admin:board.nameCy').fill(board.nameCy);
  await press(page, text(lang, 'common:continue'));
}

/** Board journey, type step: the first board type and Wales. */
export async function answerBoardType(page: Page, lang: Language = 'en'): Promise<void> {
  await page
    .getByRole('group', { name: text(lang, 'admin:board.boardType') })
    .getByRole('radio')
    .first()
    .check();
  await option(page, lang, 'admin:board.nation', text(lang, 'admin:nations.wales')).check();
  await press(page, text(lang, 'common:continue'));
}

/** Creates a board through the whole journey (from the boards list); ends on the board's page. */
export async function createBoard(page: Page, baseUrl: string, board: BoardAnswers): Promise<string> {
  await page.goto(`${baseUrl}/admin/boards?lang=en`);
  await page.getByRole('button', { name: text('en', 'admin:boards.create'), exact: true }).click();
  await answerBoardDetails(page, board);
  await answerBoardType(page);
  await press(page, text('en', 'common:continue')); // the optional details
  await expectHeading(page, text('en', 'admin:checkAnswers.title'));
  await press(page, text('en', 'admin:boardNew.create'));
  await expectHeading(page, board.nameEn);
  return idFromUrl(page, '/admin/boards/');
}

export interface AgencyAnswers {
  nameEn: string;
  nameCy: string;
  boardName: string;
}

export async function answerAgencyDetails(page: Page, agency: AgencyAnswers, lang: Language = 'en'): Promise<void> {
  await field(page, lang, 'admin:agency.nameEn').fill(agency.nameEn);
  await field(page, lang, 'admin:agency.nameCy').fill(agency.nameCy);
  await option(page, lang, 'admin:agency.sector', text(lang, 'common:sectors.social_services')).check();
  await option(page, lang, 'admin:agency.statutoryQuestion', text(lang, 'common:yes')).check();
  await page
    .getByRole('group', { name: text(lang, 'admin:agency.boardsQuestion') })
    .getByLabel(agency.boardName)
    .check();
  await press(page, text(lang, 'common:continue'));
}

/** Creates an agency (from the agencies list); ends on the agency's page. */
export async function createAgency(page: Page, baseUrl: string, agency: AgencyAnswers): Promise<string> {
  await page.goto(`${baseUrl}/admin/agencies?lang=en`);
  await page.getByRole('button', { name: text('en', 'admin:agencies.create'), exact: true }).click();
  await answerAgencyDetails(page, agency);
  await expectHeading(page, text('en', 'admin:checkAnswers.title'));
  await press(page, text('en', 'admin:agencyNew.create'));
  await expectHeading(page, agency.nameEn);
  return idFromUrl(page, '/admin/agencies/');
}

export interface PersonAnswers {
  fullName: string;
  email: string;
  agencyName: string;
  boardName: string;
  role: string;
  language: Language;
}

export async function answerPersonDetails(page: Page, person: PersonAnswers, lang: Language = 'en'): Promise<void> {
  await field(page, lang, 'admin:person.fullName').fill(person.fullName);
  await field(page, lang, 'admin:person.email').fill(person.email);
  await selectContaining(field(page, lang, 'admin:person.agency'), person.agencyName);
  await option(page, lang, 'admin:person.languageQuestion', text(lang, `common:languages.${person.language}`)).check();
  await press(page, text(lang, 'common:continue'));
}

/** On a person's page: gives them a role on a board (people in an agency get roles this way). */
export async function addRole(page: Page, role: string, boardName: string, lang: Language = 'en'): Promise<void> {
  await page.getByRole('button', { name: text(lang, 'admin:roleNew.link'), exact: true }).click();
  await expectHeading(page, text(lang, 'admin:roleNew.title'));
  await option(page, lang, 'admin:roleNew.roleQuestion', text(lang, `common:roles.${role}`)).check();
  await selectContaining(field(page, lang, 'admin:roleNew.boardQuestion'), boardName);
  await press(page, text(lang, 'admin:roleNew.button'));
}

/** Creates a person in an agency (from the people list) and gives them their role; ends on their page. */
export async function createPerson(page: Page, baseUrl: string, person: PersonAnswers): Promise<string> {
  await page.goto(`${baseUrl}/admin/people?lang=en`);
  await page.getByRole('button', { name: text('en', 'admin:people.create'), exact: true }).click();
  await answerPersonDetails(page, person);
  await expectHeading(page, text('en', 'admin:checkAnswers.title'));
  await press(page, text('en', 'admin:personNew.create'));
  await expectHeading(page, person.fullName);
  const id = idFromUrl(page, '/admin/people/');
  await addRole(page, person.role, person.boardName);
  await expectHeading(page, person.fullName);
  return id;
}

/** On a person's page: invites them; with no email configured the page shows the link. */
export async function invite(page: Page, lang: Language = 'en'): Promise<string> {
  await press(page, text(lang, 'admin:invitation.send'));
  await expectHeading(page, text(lang, 'admin:invitation.createdTitle'));
  const link = await field(page, lang, 'admin:invitation.linkLabel').inputValue();
  // The link carries the invited person's language, so it opens the pages in it.
  assert.match(link, /\/set-password\/[A-Za-z0-9_-]+\?lang=(en|cy)$/);
  return link.trim();
}

/** On the set-password page from an invitation: sets the password; ends on the confirmation. */
export async function setPassword(page: Page, password: string, lang: Language = 'en'): Promise<void> {
  await field(page, lang, 'auth:setPassword.password').fill(password);
  await field(page, lang, 'auth:setPassword.confirmPassword').fill(password);
  await press(page, text(lang, 'auth:setPassword.button'));
  await expectHeading(page, text(lang, 'auth:setPassword.doneTitle'));
}

export function idFromUrl(page: Page, prefix: string): string {
  const path = new URL(page.url()).pathname;
  assert.ok(path.startsWith(prefix), `expected a page under ${prefix}, got ${path}`);
  const id = path.slice(prefix.length).split('/')[0];
  assert.ok(id, `no id in ${path}`);
  return id;
}
