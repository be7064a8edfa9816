import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import nunjucks from 'nunjucks';
import { buildTestApp } from './testing/test-app.ts';
import { dialectsUnderTest } from './testing/test-db.ts';
import { API_PREFIX, ASSETS_PREFIX, absoluteUrl, journeyPage, localPath, queryString, RETURN_TO_CHECK_ANSWERS, urls } from './urls.ts';
import { configureEnvironment } from './views/environment.ts';

describe('urls', () => {
  test('builds a path from its pattern, parameters in order', () => {
    assert.equal(urls.referral('b1', 'r2'), '/boards/b1/referrals/r2');
    assert.equal(urls.referral.pattern, '/boards/:boardId/referrals/:referralId');
    assert.equal(urls.meetingAttendance('b1', 'm2'), '/boards/b1/meetings/m2/attendance');
    assert.equal(urls.personInvitationRevoke('p1', 'l2'), '/admin/people/p1/invitations/l2/revoke');
    assert.equal(urls.decisionLetterFile('b1', 'r2', 'pdf'), '/boards/b1/referrals/r2/decision-letter.pdf');
    assert.equal(urls.home(), '/');
    assert.equal(urls.signIn(), '/sign-in');
  });

  test('encodes each id as one path segment: it cannot add a segment, a query or a fragment', () => {
    assert.equal(urls.referral('a/b', 'c?d=e#f'), '/boards/a%2Fb/referrals/c%3Fd%3De%23f');
    assert.equal(urls.person('../admin'), '/admin/people/..%2Fadmin');
    assert.equal(urls.setPassword('tok en+/='), '/set-password/tok%20en%2B%2F%3D');
    assert.equal(urls.roleGrant('Ŵ'), '/role-grants/%C5%B4');
  });

  test('refuses a missing or empty id instead of building a path to another page', () => {
    assert.throws(() => urls.referral('b1', ''), /referralId must be a non-empty string/);
    // A caller that lost track of its types (or a template given undefined) is refused too.
    assert.throws(() => (urls.referral as unknown as (...a: unknown[]) => string)('b1', undefined), /referralId/);
    assert.throws(() => (urls.board as unknown as (...a: unknown[]) => string)(), /boardId/);
  });

  test('writes query strings encoded, leaving out absent, empty and false values, repeating lists', () => {
    assert.equal(urls.boardDashboard('b1'), '/boards/b1');
    assert.equal(urls.boardDashboard('b1', {}), '/boards/b1');
    assert.equal(
      urls.boardDashboard('b1', { status: ['referred', 'recommended_to_chair'], incidentType: undefined, overdue: 'yes', sort: 'due', page: 2 }),
      '/boards/b1?status=referred&status=recommended_to_chair&overdue=yes&sort=due&page=2',
    );
    assert.equal(urls.people({ q: 'Siân & Owen?', boardId: '' }), '/admin/people?q=Si%C3%A2n+%26+Owen%3F');
    assert.equal(urls.audit({ action: 'REFERRAL_VIEWED', 'from-day': '1', before: 12 }), '/audit?action=REFERRAL_VIEWED&from-day=1&before=12');
    assert.equal(urls.setPassword('t', { lang: 'cy' }), '/set-password/t?lang=cy');
    assert.equal(urls.newReferralStep('b1', 'dates', { returnTo: 'check-answers' }), '/boards/b1/referrals/new/dates?returnTo=check-answers');
    assert.equal(queryString({ a: false, b: null, c: 0 }), '?c=0');
    assert.equal(queryString(undefined), '');
  });

  test('builds the pages of a journey below its address: segments encoded, the way back to check answers as a query', () => {
    assert.equal(journeyPage(urls.newReferral('b1'), ['dates']), '/boards/b1/referrals/new/dates');
    assert.equal(
      journeyPage(urls.newReferral('b1'), ['periods', 0, 'remove'], RETURN_TO_CHECK_ANSWERS),
      '/boards/b1/referrals/new/periods/0/remove?returnTo=check-answers',
    );
    assert.equal(journeyPage(urls.decision('b1', 'r2'), [], RETURN_TO_CHECK_ANSWERS), '/boards/b1/referrals/r2/decision?returnTo=check-answers');
    assert.equal(journeyPage(urls.newBoard(), ['a/b?c']), '/admin/boards/new/a%2Fb%3Fc');
    assert.throws(() => journeyPage(urls.newBoard(), ['']), /must not be empty/);
    assert.throws(() => journeyPage('https://evil.example', ['x']), /not a journey's address/);
    assert.throws(() => journeyPage(urls.boardDashboard('b1', { page: 2 }), ['x']), /not a journey's address/);
  });

  test('templates reach the builders as the global urls: ids and queries encoded, then escaped for HTML', () => {
    const env = configureEnvironment(new nunjucks.Environment(null, { autoescape: true }));
    const render = (template: string, context: object = {}) => env.renderString(template, context);
    assert.equal(render('<a href="{{ urls.referral(b, r) }}">', { b: 'b1', r: 'r/2' }), '<a href="/boards/b1/referrals/r%2F2">');
    assert.equal(render('{{ urls.boardDashboard("b1", { status: ["referred"], page: 2 }) }}'), '/boards/b1?status=referred&amp;page=2');
    // Keyword arguments are a query too, never a query value named __keywords.
    assert.equal(render('{{ urls.people(boardId="b 1", q="Siân") }}'), '/admin/people?boardId=b+1&amp;q=Si%C3%A2n');
    assert.throws(() => render('{{ urls.person(missing) }}'), /personId must be a non-empty string/);
  });

  test('returns only to a page of this site, never to an address a browser would take elsewhere', () => {
    assert.equal(localPath('/boards/b1?page=2'), '/boards/b1?page=2');
    assert.equal(localPath('/'), '/');
    for (const elsewhere of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'evil.example', '', undefined]) {
      assert.equal(localPath(elsewhere), undefined, String(elsewhere));
    }
  });

  test('serves static files from the assets prefix, each segment encoded', () => {
    assert.equal(urls.asset('application.css'), '/assets/application.css');
    assert.equal(urls.asset('fonts/a b.woff2'), '/assets/fonts/a%20b.woff2');
  });

  test('makes absolute URLs from the configured public address, with or without its trailing slash', () => {
    assert.equal(absoluteUrl('https://case-review.example.org', urls.referral('b1', 'r2')), 'https://case-review.example.org/boards/b1/referrals/r2');
    assert.equal(absoluteUrl('https://case-review.example.org/', urls.roleGrants()), 'https://case-review.example.org/role-grants');
    assert.equal(
      absoluteUrl('https://example.org/case-review//', urls.confirmEmail('t', { lang: 'en' })),
      'https://example.org/case-review/confirm-email/t?lang=en',
    );
    // Only a path of this site: never a scheme-relative address or a full URL given by mistake.
    assert.throws(() => absoluteUrl('https://example.org', '//evil.example/x'), /not a path of this site/);
    assert.throws(() => absoluteUrl('https://example.org', 'https://evil.example/'), /not a path of this site/);
  });
});

/** A route pattern as a regular expression in which a builder's parameter stands for any one value (or parameter). */
function patternMatcher(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/.]+');
  return new RegExp(`^${escaped}$`);
}

for (const dialect of dialectsUnderTest()) {
  describe(`urls and the routes (${dialect})`, () => {
    test('every builder’s pattern is a route the application registers: no link leads to a page that does not exist', async (t) => {
      const { routes } = await buildTestApp(t, dialect);
      const registered = routes.map((r) => r.url);
      const unrouted = Object.entries(urls)
        .filter(([, build]) => 'pattern' in build)
        .map(([name, build]) => [name, (build as { pattern: string }).pattern] as const)
        .filter(([, pattern]) => !registered.some((url) => patternMatcher(pattern).test(url)))
        .map(([name, pattern]) => `urls.${name}: ${pattern}`);
      assert.deepEqual(unrouted, [], `builders whose pattern no route has:\n  ${unrouted.join('\n  ')}`);
    });

    test('every page and form a browser reaches has a builder: a new page gets one before anything links to it', async (t) => {
      const { routes } = await buildTestApp(t, dialect);
      const matchers = Object.values(urls)
        .filter((build): build is typeof build & { pattern: string } => 'pattern' in build)
        .map((build) => patternMatcher(build.pattern));
      // The JSON API is reached by its clients from its OpenAPI document (its Location headers have builders); static files by urls.asset.
      const notPages = (url: string) => url.startsWith(API_PREFIX) || url.startsWith(ASSETS_PREFIX) || ['/ping', '/health', '/openapi.json'].includes(url);
      const unbuilt = [...new Set(routes.map((r) => r.url))].filter((url) => !notPages(url) && !matchers.some((m) => m.test(url)));
      assert.deepEqual(unbuilt, [], `routes without a builder in src/urls.ts:\n  ${unbuilt.join('\n  ')}`);
    });
  });
}
