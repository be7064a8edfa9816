import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Language } from '../../../domain/organisation.ts';
import { BOARD_ROLES, type BoardRole, type ReviewRole, requiresTwoFactor } from '../../../domain/roles.ts';
import { translator } from '../../../i18n.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

/** The links each role's section of the home page offers on its board (`B` stands for the board's id). */
const EXPECTED_LINKS: Record<BoardRole, [string, string][]> = {
  administrator: [
    ['people', '/admin/people?boardId=B'],
    ['agencies', '/admin/agencies?boardId=B'],
    ['board', '/admin/boards/B'],
    ['audit', '/audit?boardId=B'],
  ],
  business_unit: [
    ['dashboard', '/boards/B'],
    ['newReferral', '/boards/B/referrals/new'],
    ['meetings', '/boards/B/meetings'],
    ['reviews', '/boards/B/reviews'],
    ['boardMeetings', '/boards/B/board-meetings'],
    ['actionLadder', '/boards/B/action-ladder'],
    ['actionReport', '/boards/B/action-report'],
  ],
  board_chair: [
    ['dashboard', '/boards/B'],
    ['reviews', '/boards/B/reviews'],
    ['roleGrants', '/role-grants'],
    ['boardMeetings', '/boards/B/board-meetings'],
    ['actionReport', '/boards/B/action-report'],
  ],
  board_member: [
    ['actionReport', '/boards/B/action-report'],
    ['boardMeetings', '/boards/B/board-meetings'],
  ],
  management_group_member: [
    ['dashboard', '/boards/B'],
    ['meetings', '/boards/B/meetings'],
  ],
  management_group_chair: [
    ['dashboard', '/boards/B'],
    ['meetings', '/boards/B/meetings'],
  ],
  information_governance: [
    ['audit', '/audit?boardId=B'],
    ['roleGrants', '/role-grants'],
    ['dashboard', '/boards/B'],
    ['reviews', '/boards/B/reviews'],
    ['actionReport', '/boards/B/action-report'],
  ],
  agency_referrer: [['newReferral', '/boards/B/referrals/new']],
};

const LANGUAGES: Language[] = ['en', 'cy'];

type Page = Awaited<ReturnType<Browser['get']>>;

/** The status of the page a link ends on, following the service's own redirects (a journey's start goes to its first step). */
async function opens(browser: Browser, href: string): Promise<number> {
  let res = await browser.get(href);
  for (let hops = 0; res.statusCode === 302 && res.headers.location?.startsWith('/') && hops < 3; hops++) res = await browser.get(String(res.headers.location));
  return res.statusCode;
}

/** Each role section of the page: its heading, its text and its links (text and href). */
function roleSections(page: Page) {
  return page
    .$('main .app-home-role')
    .toArray()
    .map((el) => {
      const section = page.$(el);
      return {
        role: section.attr('data-role'),
        heading: section.find('h3').text().trim(),
        text: section.find('p').text().trim(),
        links: section
          .find('a')
          .toArray()
          .map((a) => [page.$(a).contents().first().text().trim(), page.$(a).attr('href') ?? '']),
      };
    });
}

for (const dialect of dialectsUnderTest()) {
  describe(`home page: what each role can do (${dialect})`, () => {
    for (const role of BOARD_ROLES) {
      test(`${role}: says what the role does on the board and links to each page it works on, which opens, in English and Welsh`, async (t) => {
        const { app, services } = await buildTestApp(t, dialect);
        const board = await seedBoard(services);
        const totp = requiresTwoFactor([{ id: 'x', role, scope: { type: 'board', boardId: board.id } }]);
        const person = await seedPerson(services, { roles: [{ role, boardId: board.id }], totp });
        const browser = new Browser(app);
        await signIn(browser, person);
        for (const lang of LANGUAGES) {
          const tr = translator(lang);
          const page = await browser.get(`/?lang=${lang}`);
          assert.equal(page.statusCode, 200);
          assert.equal(page.$('h1').text().trim(), tr('common:home.title'));
          assert.equal(page.$('main h2').first().text().replace(/\s+/g, ' ').trim(), `${lang === 'cy' ? board.nameCy : board.nameEn} ${board.code}`);
          assert.deepEqual(roleSections(page), [
            {
              role,
              heading: tr(`common:roles.${role}`),
              text: tr(`common:home.roles.${role}`),
              links: EXPECTED_LINKS[role].map(([key, href]) => [tr(`common:home.links.${key}`), href.replace('B', board.id)]),
            },
          ]);
          assert.doesNotMatch(page.$('main').text(), new RegExp(tr('common:home.noBoards')));
          assert.equal(page.$('main').text().includes(tr('common:home.deployment.heading')), false, 'no service administration section');
        }
        // Every link opens its page for them.
        for (const [, href] of EXPECTED_LINKS[role]) {
          assert.equal(await opens(browser, href.replace('B', board.id)), 200, `${role}: ${href}`);
        }
      });
    }

    test('board member: what they read (the progress report, the board’s meetings), and whom to ask; no link that refuses them', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const board = await seedBoard(services);
      const person = await seedPerson(services, { roles: [{ role: 'board_member', boardId: board.id }] });
      const browser = new Browser(app);
      await signIn(browser, person);
      const page = await browser.get('/?lang=en');
      const text = page.$('main').text();
      assert.match(text, /progress report on its reviews’ action plans/);
      assert.match(text, /contact the board’s business unit/);
      const links = page
        .$('main .app-home-links a')
        .toArray()
        .map((a) => page.$(a).attr('href'));
      assert.deepEqual(links, [`/boards/${board.id}/action-report`, `/boards/${board.id}/board-meetings`]);
      for (const href of links) assert.equal((await browser.get(href ?? '')).statusCode, 200, href);
    });

    test('deployment administrator on a new service: no "you do not hold a role", but the first board to create and the administration pages', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const browser = new Browser(app);
      await signIn(browser, admin);
      for (const lang of LANGUAGES) {
        const tr = translator(lang);
        const page = await browser.get(`/?lang=${lang}`);
        const text = page.$('main').text();
        assert.doesNotMatch(text, new RegExp(tr('common:home.noBoards')));
        assert.match(text, new RegExp(tr('common:home.deployment.intro')));
        assert.match(page.$('.app-home-first-board').text(), new RegExp(tr('common:home.deployment.noBoardsYet')));
        assert.equal(page.$(`main a[href="/admin/boards/new"]`).text().trim(), tr('common:home.deployment.createFirstBoard'));
        assert.deepEqual(
          page
            .$('main .app-home-links a')
            .toArray()
            .map((a) => [page.$(a).text().trim(), page.$(a).attr('href')]),
          [
            [tr('common:home.deployment.links.boards'), '/admin/boards'],
            [tr('common:home.deployment.links.agencies'), '/admin/agencies'],
            [tr('common:home.deployment.links.people'), '/admin/people'],
            [tr('common:home.deployment.links.audit'), '/audit'],
          ],
        );
      }
      for (const href of ['/admin/boards/new', '/admin/boards', '/admin/agencies', '/admin/people', '/audit']) {
        assert.equal(await opens(browser, href), 200, href);
      }
    });

    test('deployment administrator once boards exist: the administration pages, without every board listed, and the boards they hold a role on', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const mine = await seedBoard(services, 'MINE', { en: 'My Board', cy: 'Fy Mwrdd' });
      await seedBoard(services, 'OTHER', { en: 'Another Board', cy: 'Bwrdd Arall' });
      const admin = await seedPerson(services, {
        roles: [
          { role: 'administrator', boardId: null },
          { role: 'business_unit', boardId: mine.id },
        ],
        totp: true,
      });
      const browser = new Browser(app);
      await signIn(browser, admin);
      const page = await browser.get('/?lang=en');
      const text = page.$('main').text();
      assert.equal(page.$('.app-home-first-board').length, 0);
      assert.match(text, /Service administration/);
      assert.doesNotMatch(text, /Another Board/, 'every board is under Boards, not on the home page');
      assert.deepEqual(
        roleSections(page).map((s) => [s.role, s.links.map(([, href]) => href)]),
        [
          [
            'business_unit',
            [
              `/boards/${mine.id}`,
              `/boards/${mine.id}/referrals/new`,
              `/boards/${mine.id}/meetings`,
              `/boards/${mine.id}/reviews`,
              `/boards/${mine.id}/board-meetings`,
              `/boards/${mine.id}/action-ladder`,
              `/boards/${mine.id}/action-report`,
            ],
          ],
        ],
      );
    });

    test('several roles on several boards: each board, each role on it, each link to its own board', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const a = await seedBoard(services, 'AAA', { en: 'Board A', cy: 'Bwrdd A' });
      const b = await seedBoard(services, 'BBB', { en: 'Board B', cy: 'Bwrdd B' });
      const person = await seedPerson(services, {
        roles: [
          { role: 'agency_referrer', boardId: b.id },
          { role: 'board_chair', boardId: a.id },
          { role: 'business_unit', boardId: a.id },
        ],
        totp: true,
      });
      const browser = new Browser(app);
      await signIn(browser, person);
      const page = await browser.get('/?lang=en');
      const boards = page
        .$('main h2.app-home-board')
        .toArray()
        .map((h) => page.$(h).contents().first().text().trim());
      assert.deepEqual(boards.sort(), ['Board A', 'Board B']);
      const sections = roleSections(page).map((s) => [s.role, s.links.map(([, href]) => href)]);
      assert.deepEqual(
        sections.sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
        [
          ['agency_referrer', [`/boards/${b.id}/referrals/new`]],
          ['board_chair', [`/boards/${a.id}`, `/boards/${a.id}/reviews`, '/role-grants', `/boards/${a.id}/board-meetings`, `/boards/${a.id}/action-report`]],
          [
            'business_unit',
            [
              `/boards/${a.id}`,
              `/boards/${a.id}/referrals/new`,
              `/boards/${a.id}/meetings`,
              `/boards/${a.id}/reviews`,
              `/boards/${a.id}/board-meetings`,
              `/boards/${a.id}/action-ladder`,
              `/boards/${a.id}/action-report`,
            ],
          ],
        ],
      );
      // Links that read the same on two boards say which board they are for, to a screen reader.
      assert.match(page.$(`main a[href="/boards/${b.id}/referrals/new"]`).text(), /Record a referral\s*\(Board B\)/);
    });

    test('review roles: the review by its reference, and where to work on it — the review page for the panel, the agency’s contributions for its people, the plan and their actions for an action owner', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const board = await seedBoard(services, 'REV', { en: 'Review Board', cy: 'Bwrdd Adolygu' });
      const review = await seedReview(services, board.id, await reviewCallers(services, board.id), { frameworkId: 'SCR_2006' });
      const other = await seedReview(services, board.id, await reviewCallers(services, board.id), { frameworkId: 'SCR_2006' });
      const police = await seedAgency(services, [board.id]);
      const homeOf = async (reviewRoles: { role: ReviewRole; agencyId?: string }[], agencyId: string | null = null) => {
        const person = await seedPerson(services, {
          agencyId,
          reviewRoles: reviewRoles.map((r) => ({ role: r.role, boardId: board.id, reviewId: review.id, agencyId: r.agencyId ?? null })),
          totp: true,
        });
        const browser = new Browser(app);
        await signIn(browser, person);
        const page = await browser.get('/?lang=en');
        return {
          page,
          links: page
            .$('main .app-home-review a')
            .map((_, el) => page.$(el).attr('href'))
            .get(),
        };
      };
      const chair = await homeOf([{ role: 'panel_chair' }]);
      assert.match(chair.page.$('main .app-home-review h3').text(), new RegExp(`Review ${review.reference.replace(/\//g, '\\/')}`));
      assert.deepEqual(chair.links, [urls.review(board.id, review.id)]);
      assert.doesNotMatch(chair.page.$('main').text(), new RegExp(other.reference.replace(/\//g, '\\/')), 'only their own review');
      assert.match(chair.page.$('main h2').text(), /Review Board/);
      const contributor = await homeOf([{ role: 'agency_contributor', agencyId: police.id }], police.id);
      assert.deepEqual(contributor.links, [urls.terms(board.id, review.id), urls.myContributions()]);
      const owner = await homeOf([{ role: 'action_owner', agencyId: police.id }], police.id);
      assert.deepEqual(owner.links, [urls.actionPlan(board.id, review.id), urls.myActions()]);
      assert.match(owner.page.$('main .app-home-review').text(), /propose them complete/);
      const welsh = await (async () => {
        const person = await seedPerson(services, { reviewRoles: [{ role: 'author', boardId: board.id, reviewId: review.id }], totp: true });
        const browser = new Browser(app);
        await signIn(browser, person);
        return browser.get('/?lang=cy');
      })();
      assert.match(welsh.$('main .app-home-review h3').text(), /^Adolygiad /);
    });

    test('someone with no role yet is told to ask their board’s administrator', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      const person = await seedPerson(services);
      const browser = new Browser(app);
      await signIn(browser, person);
      for (const lang of LANGUAGES) {
        const page = await browser.get(`/?lang=${lang}`);
        assert.equal(page.$('main p').text().trim(), translator(lang)('common:home.noBoards'));
      }
    });
  });
}
