// Response headers and the request's origin: no caching of case material, HSTS over https, the same
// security headers on Fastify's own error answers, client addresses that only trusted proxies can set,
// language links that stay on the site, and links that never come from a request's Host header.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { seedAgency, signedIn } from '../../testing/admin-fixtures.ts';
import { testCaller } from '../../testing/audit-actions.ts';
import { seedBoard, seedPerson } from '../../testing/fixtures.ts';
import { seedReferral } from '../../testing/referral-fixtures.ts';
import { Browser, buildTestApp, TestClock } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';
import { sitePath } from '../../urls.ts';

/** The headers helmet sets on every answer (besides the CSP, whose nonce differs per page). */
const SECURITY_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

type Headers = Record<string, string | string[] | number | undefined>;

function assertSecurityHeaders(name: string, headers: Headers, hsts = false) {
  for (const h of SECURITY_HEADERS) assert.ok(headers[h] !== undefined, `${name}: ${h} is set`);
  assert.match(String(headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/, `${name}: the service's CSP`);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['referrer-policy'], 'same-origin', `${name}: no address to other sites, an Origin to our own`);
  assert.equal(headers['cache-control'], 'no-store', `${name}: not stored`);
  if (hsts) assert.match(String(headers['strict-transport-security']), /max-age=31536000; includeSubDomains/, `${name}: HSTS`);
}

/** Sends raw bytes to a listening server and parses the status line and headers of what comes back. */
async function rawRequest(port: number, bytes: string): Promise<{ status: number; headers: Headers }> {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
  const [head = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Headers = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers };
}

test('sitePath keeps one leading slash, whatever the request path starts with', () => {
  assert.equal(sitePath('//evil.example?x'), '/evil.example');
  assert.equal(sitePath('/\\evil.example'), '/evil.example');
  assert.equal(sitePath('/\\/evil.example'), '/evil.example');
  assert.equal(sitePath('/boards/1?page=2'), '/boards/1');
  assert.equal(sitePath(''), '/');
});

for (const dialect of dialectsUnderTest()) {
  describe(`response headers (${dialect})`, () => {
    test('API answers carrying case material, and every signed-in page, are never stored; static assets may be cached', async (t) => {
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services);
      const referral = await seedReferral(services, board.id);
      const unit = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const { token } = await services.tokens.create(testCaller('TEST_TOKEN'), unit.email, 'test');
      const auth = { authorization: `Bearer ${token}` };
      for (const url of [
        `/api/v1/referrals/${referral.id}`,
        `/api/v1/boards/${board.id}/referrals`,
        `/api/v1/referrals/${referral.id}/timeline`,
        '/api/v1/me',
      ]) {
        const res = await app.inject({ method: 'GET', url, headers: auth });
        assert.equal(res.statusCode, 200, url);
        assert.equal(res.headers['cache-control'], 'no-store', url);
      }
      const { browser } = await signedIn(app, services, clock, [{ role: 'business_unit', boardId: board.id }]);
      for (const url of ['/', `/boards/${board.id}`, `/boards/${board.id}/referrals/${referral.id}`, '/account']) {
        const res = await browser.get(url);
        assert.equal(res.statusCode, 200, url);
        assert.equal(res.headers['cache-control'], 'no-store', url);
      }
      const redirect = await browser.get('/sign-in');
      assert.equal(redirect.statusCode, 302);
      assert.equal(redirect.headers['cache-control'], 'no-store', 'redirects too');
      const asset = await app.inject({ method: 'GET', url: '/assets/govuk-frontend.min.js' });
      assert.equal(asset.statusCode, 200);
      assert.match(String(asset.headers['cache-control']), /max-age=86400/);
    });

    test('Strict-Transport-Security when PUBLIC_URL is https, and not over plain http', async (t) => {
      const secure = await buildTestApp(t, dialect, { env: { PUBLIC_URL: 'https://case-review.example.org' } });
      for (const url of ['/sign-in', '/api/v1/me', '/no-such-page', '/assets/govuk-frontend.min.js']) {
        const res = await secure.app.inject({ method: 'GET', url });
        assert.match(String(res.headers['strict-transport-security']), /^max-age=31536000; includeSubDomains$/, url);
      }
      const plain = await buildTestApp(t, dialect, { env: { PUBLIC_URL: 'http://127.0.0.1:3000' } });
      assert.equal((await plain.app.inject({ method: 'GET', url: '/sign-in' })).headers['strict-transport-security'], undefined);
    });

    test("Fastify's own 400 and 414 answers carry the same security headers as any other", async (t) => {
      const { app } = await buildTestApp(t, dialect, { env: { PUBLIC_URL: 'https://case-review.example.org' } });
      assertSecurityHeaders('a page', (await app.inject({ method: 'GET', url: '/sign-in' })).headers, true);

      const cases: [string, InjectOptions & { url: string }, number][] = [
        ['bad percent-encoding (page)', { method: 'GET', url: '/boards/%E0%A4%A' }, 400],
        ['bad percent-encoding (API)', { method: 'GET', url: '/api/v1/boards/%E0%A4%A' }, 400],
        ['too long a path parameter (page)', { method: 'GET', url: `/boards/${'a'.repeat(500)}` }, 414],
        ['too long a path parameter (API)', { method: 'GET', url: `/api/v1/boards/${'a'.repeat(500)}` }, 414],
        ['malformed JSON', { method: 'POST', url: '/api/v1/boards', payload: '{"code":', headers: { 'content-type': 'application/json' } }, 400],
        ['an unsupported media type', { method: 'POST', url: '/sign-in', payload: 'x', headers: { 'content-type': 'text/x-nonsense' } }, 415],
      ];
      for (const [name, request, status] of cases) {
        const res = await app.inject(request);
        assert.equal(res.statusCode, status, name);
        assertSecurityHeaders(name, res.headers, true);
        if (request.url.startsWith('/api/')) {
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/, name);
        }
      }

      // Malformed HTTP is answered by Node's parser through Fastify's clientErrorHandler, on the socket.
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const garbage = await rawRequest(port, 'NONSENSE\r\n\r\n');
      assert.equal(garbage.status, 400);
      assertSecurityHeaders('malformed HTTP', garbage.headers, true);
      const huge = await rawRequest(port, `GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      assert.equal(huge.status, 431);
      assertSecurityHeaders('headers too large', huge.headers, true);
    });

    test('the language link of a page at //evil.example stays on this site', async (t) => {
      const { app } = await buildTestApp(t, dialect);
      const browser = new Browser(app);
      for (const url of ['//evil.example', '//evil.example/path?x=1', '///evil.example', '//evil.example?lang=cy']) {
        const res = await browser.get(url);
        assert.equal(res.statusCode, 404, url);
        const href = res.$('a.govuk-language-navigation__link').attr('href') ?? '';
        assert.ok(href, `${url}: a language link`);
        assert.match(href, /^\/[^/\\]/, `${url}: a path on this site, not ${href}`);
        assert.equal(new URL(href, 'https://case-review.example.org/').host, 'case-review.example.org', url);
      }
      const kept = await browser.get('/no-such-page?q=a&lang=en');
      assert.equal(kept.$('a.govuk-language-navigation__link').attr('href'), '/no-such-page?q=a&lang=cy', 'path and query kept');
    });
  });

  describe(`client addresses behind a proxy (${dialect})`, () => {
    test('with TRUST_PROXY=127.0.0.1, X-Forwarded-For from any other peer is ignored: rate limits and audited addresses use the peer', async (t) => {
      const { app, services } = await buildTestApp(t, dialect, { env: { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_MAX: '3' } });
      const forged = async (i: number) =>
        app.inject({ method: 'GET', url: '/ping', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-for': `198.51.100.${i}` } });
      const statuses = [];
      for (let i = 1; i <= 4; i++) statuses.push((await forged(i)).statusCode);
      assert.deepEqual(statuses, [200, 200, 200, 429], 'every forged address counts against the real peer');

      // Through the trusted proxy, each client has its own allowance.
      for (let i = 1; i <= 4; i++) {
        const res = await app.inject({ method: 'GET', url: '/ping', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': `198.51.100.${i}` } });
        assert.equal(res.statusCode, 200);
      }

      // The address written to the audit trail: the untrusted peer's own, the client's behind the proxy.
      const untrusted = new Browser(app, '203.0.113.10');
      const page = await untrusted.get('/sign-in');
      const token = String(page.$('input[name="_csrf"]').val());
      await untrusted.post('/sign-in', { _csrf: token, email: 'nobody@example.org', password: 'not the password' }, { 'x-forwarded-for': '192.0.2.1' });
      const proxied = new Browser(app, '127.0.0.1');
      const page2 = await proxied.get('/sign-in');
      await proxied.post(
        '/sign-in',
        { _csrf: String(page2.$('input[name="_csrf"]').val()), email: 'nobody@example.org', password: 'not the password' },
        { 'x-forwarded-for': '192.0.2.2' },
      );
      const ips = await services.db.kysely.selectFrom('audit_events').select('ip').where('action', '=', 'SIGN_IN_FAILED').orderBy('seq').execute();
      assert.deepEqual(
        ips.map((r) => r.ip),
        ['203.0.113.10', '192.0.2.2'],
      );
    });
  });

  describe(`links never come from the request's Host header (${dialect})`, () => {
    test('an invitation link shown to an administrator uses the configured address, whatever Host the request named', async (t) => {
      const clock = new TestClock();
      const { app, services } = await buildTestApp(t, dialect, { clock, env: { HOST: '127.0.0.1', PORT: '3000' } });
      const board = await seedBoard(services);
      const agency = await seedAgency(services, { boardIds: [board.id] });
      const invitee = await seedPerson(services, { agencyId: agency.id, password: false });
      const { browser } = await signedIn(app, services, clock, [{ role: 'administrator', boardId: null }]);
      const token = await browser.csrfToken(`/admin/people/${invitee.id}`);
      const res = await browser.post(`/admin/people/${invitee.id}/invite`, { _csrf: token }, { host: 'evil.example' });
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /evil\.example/);
      const links = res
        .$('main a, main textarea')
        .map((_i, el) => res.$(el).attr('href') ?? res.$(el).text())
        .get()
        .filter((s) => s.includes('/set-password/'));
      assert.ok(links.length > 0, 'the link is shown');
      for (const link of links) assert.match(link.trim(), /^http:\/\/127\.0\.0\.1:3000\/set-password\//);
    });
  });
}
