// A referral walked to the board chair's decision in a real browser, in English and in Welsh, with an
// axe scan (WCAG 2.2 AA) of every page on the way and of an error state. The first administrator sets
// up the board, an agency and the four people through the admin pages and invites them (no email, so the
// links are shown); each person sets a password and uses the service in the language being tested. The
// administrator appoints the board chair, whose confirmation the other (case) roles wait for: the chair
// confirms them on "Role confirmations". Everyone enrols two-factor on first sign-in (they all see case
// material). The business unit records the referral, schedules the management group meeting and adds
// the referral to its agenda, a member records the criteria analysis, the management group chair
// recommends, and the board chair records the decision and downloads the letter.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Language } from '../src/domain/organisation.ts';
import { MUST_ANSWERS } from '../src/testing/case-fixtures.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import {
  type Account,
  createAgency,
  createBoard,
  createFirstAdministrator,
  createPerson,
  enrolTwoFactor,
  expectHeading,
  invite,
  PASSWORD,
  saveRecoveryCodes,
  setPassword,
  signIn,
} from './support/flows.ts';
import { checkPage, LANGUAGES, press, submitEmpty, text, textOf } from './support/pages.ts';
import { startServer } from './support/server.ts';

const launched = await launchBrowser();
const browser = launched.browser;

const ROLES = ['board_chair', 'business_unit', 'management_group_member', 'management_group_chair'] as const;
/** The roles the chair confirms (an administrator's grant of a case role waits for it). */
const CONFIRMED_BY_CHAIR = ROLES.filter((r) => r !== 'board_chair');
type Role = (typeof ROLES)[number];

function daysAgo(days: number): { day: string; month: string; year: string } {
  const d = new Date(Date.now() - days * 86_400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

async function fillDate(page: Page, prefix: string, date: { day: string; month: string; year: string }): Promise<void> {
  await page.locator(`#${prefix}-day`).fill(date.day);
  await page.locator(`#${prefix}-month`).fill(date.month);
  await page.locator(`#${prefix}-year`).fill(date.year);
}

const byName = (page: Page, name: string) => page.locator(`main [name="${name}"]`);
const choice = (page: Page, name: string, value: string) => page.locator(`main input[name="${name}"][value="${value}"]`);

/** Follows a link in <main> by its name and waits for the page. */
async function follow(page: Page, name: string) {
  const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('main').getByRole('link', { name, exact: true }).click()]);
  return res;
}

for (const lang of LANGUAGES) {
  describe(`referral to decision in a browser (${lang})`, { skip: launched.skipReason ?? false }, () => {
    test(`business unit, management group and board chair take a referral to a decision in ${lang === 'en' ? 'English' : 'Welsh'}, axe clean`, async () => {
      const server = await startServer();
      try {
        await walk(must(browser), server.baseUrl, server.firstAdministratorLink, lang);
      } catch (error) {
        throw new Error(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n--- server output ---\n${server.output()}`);
      } finally {
        await server.stop();
      }
    });
  });
}

after(async () => {
  await browser?.close();
});

async function walk(browser: Browser, baseUrl: string, adminLink: string, lang: Language): Promise<void> {
  const t = (key: string, values?: Record<string, unknown>) => text(lang, key, values);

  // ---- Set-up, as the first administrator (the admin pages are covered in English elsewhere) ----
  const adminContext = await newContext(browser);
  const admin = await adminContext.newPage();
  await createFirstAdministrator(admin, adminLink, { fullName: 'Alys Administrator', email: 'alys.admin@example.org', password: PASSWORD });
  const board = { code: `RTD${lang.toUpperCase()}`, nameEn: `Referral Test Board ${lang}`, nameCy: `Bwrdd Prawf Atgyfeirio ${lang}` };
  const boardId = await createBoard(admin, baseUrl, board);
  const agency = { nameEn: 'Referral Test Police', nameCy: 'Heddlu Prawf Atgyfeirio', boardName: board.nameEn };
  const agencyId = await createAgency(admin, baseUrl, agency);
  const names: Record<Role, string> = {
    business_unit: 'Bethan Uned',
    management_group_member: 'Meirion Aelod',
    management_group_chair: 'Carys Grŵp',
    board_chair: 'Gwyn Cadeirydd',
  };
  const accounts = {} as Record<Role, Account>;
  for (const role of ROLES) {
    const email = `${role.replace(/_/g, '.')}.${lang}@example.org`;
    await createPerson(admin, baseUrl, { fullName: names[role], email, agencyName: agency.nameEn, boardName: board.nameEn, role, language: lang });
    const link = await invite(admin);
    const ctx = await newContext(browser);
    const p = await ctx.newPage();
    await p.goto(`${link}?lang=en`);
    await setPassword(p, PASSWORD);
    await ctx.close();
    accounts[role] = { fullName: names[role], email, password: PASSWORD };
  }
  await adminContext.close();

  /** A signed-in page for a role, in the language under test. */
  async function as(role: Role): Promise<Page> {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, baseUrl, accounts[role], lang);
    if (!accounts[role].totpSecret) {
      // Everyone who sees case material enrols two-factor on their first sign-in.
      accounts[role].totpSecret = await enrolTwoFactor(page, lang);
      await saveRecoveryCodes(page, lang);
    }
    await expectHeading(page, t('common:home.title'));
    await checkPage(page, null, `home (${role}, ${lang})`, lang, { status: 200, error: false });
    // The home page says what the role does on the board, with its links.
    assert.equal(await page.locator(`main .app-home-role[data-role="${role}"]`).count(), 1, `${role}: their role on the home page`);
    return page;
  }
  const ok = (page: Page, res: Awaited<ReturnType<Page['goto']>>, label: string) =>
    checkPage(page, res, `${label} (${lang})`, lang, { status: 200, error: false });

  // ---- 0. The board chair confirms the roles the administrator granted, from "Role confirmations" ----
  const confirmer = await as('board_chair');
  const [listed] = await Promise.all([confirmer.waitForNavigation(), confirmer.getByRole('link', { name: t('common:nav.roleGrants'), exact: true }).click()]);
  await ok(confirmer, listed, 'role confirmations');
  await expectHeading(confirmer, t('admin:roleGrants.title'));
  for (const [i, role] of CONFIRMED_BY_CHAIR.entries()) {
    const decide = confirmer.getByRole('main').getByRole('link', { name: new RegExp(`^${t('admin:roleGrants.decide')}`) });
    assert.equal(await decide.count(), CONFIRMED_BY_CHAIR.length - i, 'one waiting grant fewer each time');
    const [opened] = await Promise.all([confirmer.waitForNavigation(), decide.first().click()]);
    await ok(confirmer, opened, `confirm a role (${i + 1})`);
    await expectHeading(confirmer, t('admin:roleGrants.decisionTitle'));
    if (i === 0) await submitEmpty(confirmer, t('admin:roleGrants.submit'), 'confirm a role', lang);
    assert.match(await textOf(confirmer.getByRole('main')), new RegExp(names[role]));
    await choice(confirmer, 'decision', 'confirm').check();
    await ok(confirmer, await press(confirmer, t('admin:roleGrants.submit')), `role confirmations after ${i + 1}`);
  }
  assert.match(await textOf(confirmer.getByRole('main')), new RegExp(t('admin:roleGrants.none')));
  await confirmer.context().close();

  // ---- 1. The business unit records the referral, from the board dashboard ----
  const bu = await as('business_unit');
  await ok(bu, await bu.goto(`${baseUrl}/boards/${boardId}`), 'dashboard');
  await expectHeading(bu, t('dashboard:title'));

  await ok(bu, await follow(bu, t('dashboard:links.newReferral')), 'referrer');
  await expectHeading(bu, t('referrals:referrer.title'));
  await byName(bu, 'referringAgencyId').selectOption(agencyId);
  // Someone without an account: named, with the address the decision is emailed to.
  await choice(bu, 'referrerKind', 'external').check();
  await byName(bu, 'referrerName').fill('DS Rhys Morgan');
  await byName(bu, 'referrerEmail').fill('rhys.morgan@example.org');
  await choice(bu, 'referrerLanguage', lang).check();
  await byName(bu, 'referrerRole').fill('Public protection unit');
  await ok(bu, await press(bu, t('common:continue')), 'dates');
  await expectHeading(bu, t('referrals:dates.title'));
  await submitEmpty(bu, t('common:continue'), 'dates', lang);
  await fillDate(bu, 'receivedOn', daysAgo(2));
  await fillDate(bu, 'incidentOn', daysAgo(4));
  await ok(bu, await press(bu, t('common:continue')), 'incident type');
  await expectHeading(bu, t('referrals:incidentType.title'));
  await choice(bu, 'incidentType', 'death').check();
  await ok(bu, await press(bu, t('common:continue')), 'abuse or neglect');
  await expectHeading(bu, t('referrals:abuseOrNeglect.title'));
  await choice(bu, 'abuseOrNeglect', 'suspected').check();
  await ok(bu, await press(bu, t('common:continue')), 'board area');
  await expectHeading(bu, t('referrals:boardArea.title'));
  await choice(bu, 'inBoardArea', 'yes').check();
  await ok(bu, await press(bu, t('common:continue')), 'child');
  await expectHeading(bu, t('referrals:child.title'));
  await byName(bu, 'childFullName').fill('Siân Prydderch');
  await fillDate(bu, 'dateOfBirth', { day: '4', month: '5', year: '2019' });
  await byName(bu, 'childAddress').fill('1 Stryd Fawr');
  await choice(bu, 'childIsDeceased', 'yes').check();
  await ok(bu, await press(bu, t('common:continue')), 'periods');
  await expectHeading(bu, t('referrals:periods.title'));
  await ok(bu, await press(bu, t('common:continue')), 'family');
  await expectHeading(bu, t('referrals:family.title'));
  await ok(bu, await press(bu, t('common:continue')), 'agencies');
  await expectHeading(bu, t('referrals:agencies.title'));
  await choice(bu, 'agenciesInvolved', agencyId).check();
  await ok(bu, await press(bu, t('common:continue')), 'facts');
  await expectHeading(bu, t('referrals:facts.title'));
  await byName(bu, 'initialFacts').fill('The child was found unresponsive at home.');
  await ok(bu, await press(bu, t('common:continue')), 'proceedings');
  await expectHeading(bu, t('referrals:proceedings.title'));
  await ok(bu, await press(bu, t('common:continue')), 'check answers');
  await expectHeading(bu, t('referrals:check.title'));
  await ok(bu, await press(bu, t('referrals:check.submit')), 'referral recorded');
  assert.equal(await textOf(bu.locator('.govuk-panel__title')), t('referrals:recorded.title'));
  const childCode = await textOf(bu.locator('.govuk-panel__body strong'));
  assert.ok(childCode.length > 0, 'the child gets a code');

  await ok(bu, await follow(bu, t('referrals:recorded.view')), 'referral page');
  const referralPath = new URL(bu.url()).pathname;
  assert.match(referralPath, new RegExp(`^/boards/${boardId}/referrals/[^/]+$`));
  assert.match(await textOf(bu.getByRole('main')), new RegExp(t('audit:actions.REFERRAL_CREATED')));

  // ---- 2. The business unit schedules the management group meeting, then puts the referral on its agenda ----
  await bu.goto(`${baseUrl}/boards/${boardId}`);
  await ok(bu, await follow(bu, t('dashboard:links.meetings')), 'meetings');
  await expectHeading(bu, t('consideration:meetings.title'));
  await ok(bu, await follow(bu, t('consideration:meetings.schedule')), 'schedule a meeting');
  await expectHeading(bu, t('consideration:meetings.newTitle'));
  await fillDate(bu, 'meetsOn', daysAgo(0));
  await byName(bu, 'location').fill('Ystafell 2');
  // The referral is offered here; it is left for the agenda page (scheduling with it ticked is tested in journey.test.ts).
  assert.equal(
    await bu
      .getByRole('group', { name: t('consideration:meetings.referralsLegend') })
      .getByLabel(childCode, { exact: false })
      .count(),
    1,
  );
  await ok(bu, await press(bu, t('consideration:meetings.scheduleButton')), 'meeting');
  assert.match(await textOf(bu.locator('.govuk-notification-banner')), new RegExp(t('consideration:meetings.scheduled')));
  await ok(bu, await follow(bu, t('consideration:meeting.addToAgenda')), 'add to the agenda');
  await submitEmpty(bu, t('consideration:agenda.button'), 'add to the agenda', lang);
  await bu
    .getByRole('group', { name: t('consideration:agenda.title') })
    .getByLabel(childCode, { exact: false })
    .check();
  await ok(bu, await press(bu, t('consideration:agenda.button')), 'meeting after adding to the agenda');
  assert.match(await textOf(bu.locator('.govuk-notification-banner')), new RegExp(t('consideration:agenda.added')));
  assert.match(await textOf(bu.getByRole('main').getByRole('table')), new RegExp(childCode));
  await ok(bu, await follow(bu, t('consideration:meeting.recordAttendance')), 'attendance');
  await expectHeading(bu, t('consideration:attendance.title'));
  for (const box of await bu.locator('main input[name="attended"]').all()) await box.check();
  await ok(bu, await press(bu, t('consideration:attendance.button')), 'meeting after attendance');
  assert.match(await textOf(bu.locator('.govuk-notification-banner')), new RegExp(t('consideration:attendance.recorded')));
  await bu.context().close();

  // ---- 3. A management group member records the criteria analysis ----
  const member = await as('management_group_member');
  await ok(member, await member.goto(baseUrl + referralPath), 'referral page (member)');
  await ok(member, await follow(member, t('referrals:view.considerationLink')), 'consideration (member)');
  await expectHeading(member, t('consideration:page.title'));
  await ok(member, await follow(member, t('consideration:page.recordAnalysis')), 'criteria');
  await expectHeading(member, t('consideration:criteria.title'));
  // The questions asked: an SUSR's other streams stay closed (and their questions hidden) unless ticked.
  const questions = await member.locator('main input[type="radio"]:visible').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('name') ?? ''))]);
  assert.ok(questions.length > 0, 'the framework asks questions');
  for (const q of questions) {
    const a = MUST_ANSWERS[q];
    await choice(member, q, a?.answer ?? 'unknown').check();
    if (a) await byName(member, `${q}Facts`).fill(a.facts);
  }
  await ok(member, await press(member, t('consideration:criteria.button')), 'consideration after analysis');
  assert.match(await textOf(member.locator('.app-outcome')), new RegExp(t('consideration:outcomes.must')));
  await member.context().close();

  // ---- 4. The management group chair recommends a review ----
  const groupChair = await as('management_group_chair');
  const considerationPath = `${referralPath}/consideration`;
  await ok(groupChair, await groupChair.goto(baseUrl + considerationPath), 'consideration (group chair)');
  await ok(groupChair, await press(groupChair, t('consideration:page.recommend')), 'recommendation');
  await expectHeading(groupChair, t('consideration:recommendation.title'));
  await choice(groupChair, 'route', 'review').check();
  await byName(groupChair, 'reasons').fill('The statutory criteria are met.');
  await byName(groupChair, 'dissent').fill('One member thought a forum would be enough.');
  await ok(groupChair, await press(groupChair, t('common:continue')), 'recommendation next page');
  if (new URL(groupChair.url()).pathname.endsWith('/recommendation/type')) {
    await groupChair.locator('main input[name="reviewType"]').first().check();
    await ok(groupChair, await press(groupChair, t('common:continue')), 'recommendation check');
  }
  await expectHeading(groupChair, t('consideration:check.title'));
  await ok(groupChair, await press(groupChair, t('consideration:recommendation.submitButton')), 'consideration after recommendation');
  assert.match(await textOf(groupChair.getByRole('main')), new RegExp(t('consideration:routes.review')));
  await groupChair.context().close();

  // ---- 5. The board chair agrees and records the decision ----
  const chair = await as('board_chair');
  await ok(chair, await chair.goto(baseUrl + considerationPath), 'consideration (chair)');
  await ok(chair, await press(chair, t('consideration:page.decide')), 'decision');
  await expectHeading(chair, t('consideration:decision.title'));
  await choice(chair, 'agree', 'agree').check();
  await byName(chair, 'rationale').fill('I agree: the criteria are met.');
  await ok(chair, await press(chair, t('common:continue')), 'decision next page');
  for (const step of ['/decision/route', '/decision/type']) {
    if (new URL(chair.url()).pathname.endsWith(step)) {
      await chair.locator('main input[type="radio"]').first().check();
      await ok(chair, await press(chair, t('common:continue')), `decision ${step}`);
    }
  }
  await expectHeading(chair, t('consideration:check.title'));
  await ok(chair, await press(chair, t('consideration:decision.recordButton')), 'decision recorded');
  assert.equal(await textOf(chair.locator('.govuk-panel__title')), t('consideration:recorded.title'));
  const reference = new RegExp(`${board.code}/\\d{4}/\\d+`);
  assert.match(await textOf(chair.locator('.govuk-panel')), reference, 'the confirmation shows the review reference');
  for (const [name, type] of [
    [t('consideration:page.letterDocx'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    [t('consideration:page.letterPdf'), 'application/pdf'],
  ] as const) {
    const href = await chair.getByRole('main').getByRole('link', { name, exact: true }).getAttribute('href');
    assert.ok(href, `a link to download ${name}`);
    const res = await chair.request.get(baseUrl + href);
    assert.equal(res.status(), 200, `${href}: status`);
    assert.equal(res.headers()['content-type'], type, `${href}: content type`);
  }

  // The letter as a page: axe clean, in the reader's language, and no sideways scrolling at 320 px (WCAG 1.4.10).
  const letterPage = await follow(chair, t('consideration:page.letterRead'));
  await ok(chair, letterPage, 'decision letter page');
  await expectHeading(chair, t('consideration:letter.title'));
  assert.equal(await chair.locator('main article.app-document').getAttribute('lang'), `${lang}-GB`);
  assert.match(await textOf(chair.locator('main article.app-document')), reference, 'the letter quotes the review reference');
  await chair.setViewportSize({ width: 320, height: 640 });
  const widths = (await chair.evaluate('({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth })')) as {
    page: number;
    view: number;
  };
  assert.ok(widths.page <= widths.view, `the letter page is ${widths.page} px wide at 320 px`);
  await ok(chair, null, 'decision letter page at 320 px');
  await chair.setViewportSize({ width: 1024, height: 768 });
  await chair.goBack();

  // ---- 6. The consideration page, the referral page and the dashboard after the decision ----
  await ok(chair, await follow(chair, t('consideration:recorded.back')), 'consideration after decision');
  assert.match(await textOf(chair.getByRole('main')), reference);
  await ok(chair, await follow(chair, t('consideration:page.referralLink')), 'referral page after decision');
  assert.match(await textOf(chair.getByRole('main')), new RegExp(t('audit:actions.DECISION_RECORDED')));
  await ok(chair, await chair.goto(`${baseUrl}/boards/${boardId}`), 'dashboard after decision');
  await expectHeading(chair, t('dashboard:title'));
  await chair.context().close();

  // ---- 7. The review (issue 10): the board's reviews, the review's page, its change-stage form ----
  const unit = await as('business_unit');
  await ok(unit, await unit.goto(`${baseUrl}/boards/${boardId}`), 'dashboard for the reviews');
  await ok(unit, await follow(unit, t('dashboard:links.reviews')), 'reviews list');
  await expectHeading(unit, t('reviews:listTitle'));
  const [opened] = await Promise.all([unit.waitForNavigation(), unit.locator('#reviews-table tbody th a').first().click()]);
  await ok(unit, opened, 'review page');
  const reviewUrl = unit.url();
  assert.match(await textOf(unit.locator('h1')), reference);
  // ---- 7a. The notification the framework requires after the decision (issue 10 item 1), with its letter ----
  const record = unit.getByRole('main').getByRole('link', { name: t('review-setup:section.record'), exact: true });
  assert.equal(await record.count(), 1, 'the framework’s notification is due');
  const [recordForm] = await Promise.all([unit.waitForNavigation(), record.click()]);
  await ok(unit, recordForm, 'record a notification');
  // The form offers today's date: cleared, it shows its error summary.
  for (const part of ['day', 'month', 'year']) await unit.locator(`#sentOn-${part}`).fill('');
  await submitEmpty(unit, t('review-setup:notification.button'), 'record a notification', lang);
  const london = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  await unit.locator('#sentOn-day').fill(london.day ?? '');
  await unit.locator('#sentOn-month').fill(london.month ?? '');
  await unit.locator('#sentOn-year').fill(london.year ?? '');
  await ok(unit, await press(unit, t('review-setup:notification.button')), 'review page with the notification');
  assert.equal(await unit.locator('#notifications-table a[download]').count(), 2, 'the letter as Word and PDF');
  await submitEmpty(unit, t('reviews:review.moveSubmit'), 'review change stage', lang);
  await choice(unit, 'event', 'hold').check();
  await choice(unit, 'holdReason', 'criminal_proceedings').check();
  await unit.getByLabel(t('reviews:review.reasonLabel'), { exact: true }).fill('The criminal trial is listed (browser test).');
  await ok(unit, await press(unit, t('reviews:review.moveSubmit')), 'review page on hold');
  assert.match(await textOf(unit.getByRole('main')), new RegExp(t('reviews:holdReasons.criminal_proceedings')));

  // ---- 8. The review's documents (issue 10 item 9): the library, its error summary, a document added ----
  await ok(unit, await follow(unit, t('library:reviewSection.link')), 'review documents');
  await expectHeading(unit, t('library:title'));
  await submitEmpty(unit, t('library:add.submit'), 'review documents', lang);
  await choice(unit, 'kind', 'minutes').check();
  await choice(unit, 'classification', 'official_sensitive').check();
  await unit.getByLabel(t('library:add.title'), { exact: true }).fill('Panel minutes (browser test)');
  await unit.setInputFiles('#file', { name: 'cofnodion-ŵyr.txt', mimeType: 'text/plain', buffer: Buffer.from('Minutes of the first panel meeting.\n') });
  await ok(unit, await press(unit, t('library:add.submit')), 'review document');
  await expectHeading(unit, 'Panel minutes (browser test)');

  // ---- 9. Early learning (issue 10 item 8): the page and its form's error summary ----
  await ok(unit, await unit.goto(reviewUrl), 'review page again');
  await ok(unit, await follow(unit, t('early-learning:reviewSection.link')), 'early learning');
  await expectHeading(unit, t('early-learning:title'));
  await submitEmpty(unit, t('early-learning:form.submit'), 'early learning', lang);
  await unit.context().close();
}

function must<T>(value: T | undefined): T {
  assert.ok(value, 'Chromium is running');
  return value;
}
