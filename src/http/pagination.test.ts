// Paging parameters: every list page reads ?page= through requestedPage and shows its last page when
// asked for one beyond it; every API list refuses a page that is not a whole number from 1 to MAX_PAGE.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedAgency, signedIn } from '../testing/admin-fixtures.ts';
import { testCaller } from '../testing/audit-actions.ts';
import { seedBoard, seedPerson } from '../testing/fixtures.ts';
import { seedReferral } from '../testing/referral-fixtures.ts';
import { buildTestApp, TestClock } from '../testing/test-app.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';
import { clampPage, MAX_PAGE, pageCount, requestedPage } from './pagination.ts';

/** What the penetration test sent, and its relatives. */
const HOSTILE_PAGES = [
  '99999999999999999999',
  '9007199254740993',
  '100001',
  '-1',
  '-99999999999999999999',
  '0',
  'abc',
  '1.5',
  '1e9',
  '',
  ' 2 ',
  '0x10',
  'NaN',
  'Infinity',
];

test('requestedPage: whole numbers from 1, capped at MAX_PAGE; anything else is page 1', () => {
  assert.equal(requestedPage(undefined), 1);
  assert.equal(requestedPage('3'), 3);
  assert.equal(requestedPage('007'), 7);
  assert.equal(requestedPage(' 2 '), 2);
  assert.equal(requestedPage('99999999999999999999'), MAX_PAGE);
  assert.equal(requestedPage(String(MAX_PAGE + 1)), MAX_PAGE);
  for (const value of ['-1', '0', '000', 'abc', '1.5', '1e9', '', '0x10', 'NaN', 'Infinity', ['2', '3']]) assert.equal(requestedPage(value), 1, String(value));
  assert.equal(pageCount(0, 50), 1);
  assert.equal(pageCount(101, 50), 3);
  assert.equal(clampPage(7, 101, 50), 3);
  assert.equal(clampPage(2, 101, 50), 2);
  assert.equal(clampPage(MAX_PAGE, 0, 50), 1);
});

for (const dialect of dialectsUnderTest()) {
  describe(`hostile paging parameters (${dialect})`, () => {
    test('the dashboard, people and agencies lists never answer 500: a page beyond the last shows the last', async (t) => {
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services);
      const referral = await seedReferral(services, board.id);
      const agency = await seedAgency(services, { boardIds: [board.id] });
      const { browser } = await signedIn(app, services, clock, [
        { role: 'administrator', boardId: board.id },
        { role: 'business_unit', boardId: board.id },
      ]);
      const lists: [string, string][] = [
        [`/boards/${board.id}`, `/boards/${board.id}/referrals/${referral.id}`],
        ['/admin/people', '/admin/people/'],
        ['/admin/agencies', `/admin/agencies/${agency.id}`],
      ];
      for (const [list, itemLink] of lists) {
        for (const page of HOSTILE_PAGES) {
          const url = `${list}?page=${encodeURIComponent(page)}`;
          const res = await browser.get(url);
          assert.equal(res.statusCode, 200, url);
          assert.ok(res.$(`main table a[href^="${itemLink}"]`).length > 0, `${url}: the last (only) page is shown, not an empty one`);
        }
      }
    });

    test('every API list refuses a page that is not a whole number from 1 to 100000 with a 400 naming the field', async (t) => {
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services);
      await seedReferral(services, board.id);
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const unit = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const token = async (email: string) => (await services.tokens.create(testCaller('TEST_TOKEN'), email, 'test')).token;
      const lists: [string, string][] = [
        ['/api/v1/people', await token(admin.email)],
        [`/api/v1/boards/${board.id}/referrals`, await token(unit.email)],
      ];
      for (const [list, bearer] of lists) {
        const ok = await app.inject({ method: 'GET', url: `${list}?page=${MAX_PAGE}`, headers: { authorization: `Bearer ${bearer}` } });
        assert.equal(ok.statusCode, 200, `${list}: the last allowed page is an empty page`);
        for (const page of HOSTILE_PAGES.filter((p) => p !== ' 2 ')) {
          const url = `${list}?page=${encodeURIComponent(page)}`;
          const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });
          assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
          assert.deepEqual([...new Set((res.json() as { errors: { field: string }[] }).errors.map((e) => e.field))], ['page'], url);
        }
      }
    });
  });
}
