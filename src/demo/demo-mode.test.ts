// Demo mode: the demo's sign-in page shows whom to sign in as, and nothing else ever does. The sign-in
// details exist only in a process started by `case-review demo`; no setting or environment variable turns
// them on, the service started as server.ts starts it never shows them (even on the demo's own database),
// and the demo never seeds a real deployment's database.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { buildApp } from '../app.ts';
import { demoConfig, demoSignIn, startDemo } from '../cli/demo.ts';
import { loadConfig } from '../config.ts';
import type { Language } from '../domain/organisation.ts';
import { translator } from '../i18n.ts';
import { startServer } from '../start.ts';
import { seedPerson, totpCode } from '../testing/fixtures.ts';
import { Browser, buildTestApp } from '../testing/test-app.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';
import { type DemoSeed, seedDemo } from './seed.ts';

const LANGUAGES: Language[] = ['en', 'cy'];

/** Environment variables someone might hope would switch a demo on. None does. */
const HOPEFUL_ENV = { DEMO: '1', DEMO_MODE: 'true', CASE_REVIEW_DEMO: '1', NODE_ENV: 'demo' };

/** Everything secret about the demo accounts that must never appear outside the demo. */
function secretsOf(seed: DemoSeed): string[] {
  // A key as stored and as the demo's page writes it (in groups of four); never a four-letter group alone,
  // which turns up by chance in the page's random tokens.
  return seed.accounts.flatMap((a) => [a.email, a.password, ...(a.totpSecret ? [a.totpSecret, a.totpSecret.match(/.{1,4}/g)?.join(' ') ?? ''] : [])]);
}

function quiet() {
  const lines: string[] = [];
  return { lines, out: (l: string) => void lines.push(l), err: (l: string) => void lines.push(l) };
}

async function signInPage(base: string, lang: Language): Promise<string> {
  const res = await fetch(`${base}/sign-in?lang=${lang}`);
  assert.equal(res.status, 200);
  return res.text();
}

for (const dialect of dialectsUnderTest()) {
  describe(`demo mode (${dialect})`, () => {
    test('the demo’s sign-in page says it is a demo and lists every demo person with their password and authenticator key, in English and Welsh; the details work', async (t) => {
      const { services } = await buildTestApp(t, dialect);
      const seed = await seedDemo(services);
      const app = await buildApp({ services, logger: false, demo: demoSignIn(seed) });
      await app.ready();
      t.after(() => app.close());
      const browser = new Browser(app);
      for (const lang of LANGUAGES) {
        const tr = translator(lang);
        const page = await browser.get(`/sign-in?lang=${lang}`);
        assert.equal(page.statusCode, 200);
        assert.equal(page.$('#demo-banner-title').text().trim(), tr('auth:demo.bannerTitle'));
        assert.match(page.$('.app-demo-banner').text(), new RegExp(lang === 'cy' ? seed.board.nameCy : seed.board.nameEn));
        const cards = page.$('.app-demo-account').toArray();
        assert.equal(cards.length, seed.accounts.length);
        for (const [i, account] of seed.accounts.entries()) {
          const card = page.$(cards[i]);
          const role = account.role === 'deployment_administrator' ? tr('auth:demo.deploymentAdministrator') : tr(`common:roles.${account.role}`);
          assert.equal(card.find('h3').text().trim(), `${role}: ${account.fullName}`);
          const values = card
            .find('dd')
            .toArray()
            .map((dd) => page.$(dd).text().trim());
          assert.equal(values[0], account.email);
          assert.equal(values[1], account.password);
          assert.equal(values[2], account.totpSecret ? account.totpSecret.match(/.{1,4}/g)?.join(' ') : tr('auth:demo.noSecret'));
        }
      }
      // Signing in with what the page shows (the key read back from its groups of four).
      const page = await browser.get('/sign-in?lang=en');
      const card = page.$('.app-demo-account').filter((_, el) => page.$(el).find('h3').text().includes('Business unit'));
      const [email = '', password = '', key = ''] = card
        .find('dd')
        .toArray()
        .map((dd) => page.$(dd).text().trim());
      const signedIn = await browser.submit('/sign-in', { email, password });
      assert.equal(signedIn.headers.location, '/sign-in/two-factor');
      const code = await browser.submit('/sign-in/two-factor', { code: totpCode(key.replace(/\s/g, ''), services.clock.now()) });
      assert.equal(code.headers.location, '/');
      assert.match((await browser.get('/')).$('main').text(), /Teifi Valley Safeguarding Children Board/);
    });

    test('outside the demo the sign-in page never shows an account, whatever the database and the environment hold', async (t) => {
      const { app, services } = await buildTestApp(t, dialect, { env: HOPEFUL_ENV });
      const seed = await seedDemo(services);
      const browser = new Browser(app);
      for (const lang of LANGUAGES) {
        const pages = [
          await browser.get(`/sign-in?lang=${lang}`),
          await browser.submit(`/sign-in?lang=${lang}`, { email: 'nobody@example.org', password: 'wrong' }),
        ];
        for (const page of pages) {
          assert.equal(page.$('.app-demo-banner, #demo-accounts, .app-demo-account').length, 0);
          assert.doesNotMatch(page.body, new RegExp(translator(lang)('auth:demo.bannerTitle')));
          for (const secret of secretsOf(seed)) assert.equal(page.body.includes(secret), false, `${secret} is not on the page`);
        }
      }
    });

    test('the demo refuses a database that is not its own (an administrator who is not the demo’s), before adding anything', async (t) => {
      const { services } = await buildTestApp(t, dialect);
      await seedPerson(services, { email: 'real.admin@example.org', roles: [{ role: 'administrator', boardId: null }], totp: true });
      await assert.rejects(seedDemo(services), /not the demo’s/);
      const count = async (table: 'boards' | 'people' | 'agencies') =>
        Number(
          (
            await services.db.kysely
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.deepEqual([await count('boards'), await count('agencies'), await count('people')], [0, 0, 1]);
    });
  });
}

test('the demo takes only where it listens from the environment, never where its data lives, the keys or the mail settings', () => {
  const env = {
    HOST: '0.0.0.0',
    PORT: '4000',
    DATA_DIR: '/var/lib/case-review',
    DATABASE_URL: 'postgres://real.example/case_review',
    SMTP_URL: 'smtp://mail.real.example',
    PUBLIC_URL: 'https://demo.example.org',
    AUDIT_KEY: 'real-audit-key',
    ENCRYPTION_KEYS: 'k1:real',
    BLIND_INDEX_KEY: 'real-blind-index-key',
    KEYS_FILE: '/etc/case-review/keys.json',
  };
  const { config, ignored } = demoConfig(env);
  assert.equal(config.dataDir, resolve('./data-demo'));
  assert.deepEqual(config.database, { dialect: 'sqlite', file: resolve('./data-demo/case-review.sqlite') });
  assert.deepEqual(
    [config.smtpUrl, config.keys.audit, config.keys.encryption, config.keys.blindIndex, config.keys.file],
    [undefined, undefined, undefined, undefined, undefined],
  );
  assert.deepEqual([config.host, config.port, config.publicUrl], ['0.0.0.0', 4000, 'https://demo.example.org']);
  assert.deepEqual(ignored, ['DATA_DIR', 'DATABASE_URL', 'SMTP_URL', 'AUDIT_KEY', 'ENCRYPTION_KEYS', 'BLIND_INDEX_KEY', 'KEYS_FILE']);
  assert.equal(demoConfig(env, '/tmp/my-demo').config.dataDir, '/tmp/my-demo');
});

test('case-review demo shows its accounts on its sign-in page; the service started as server.ts starts it, on the same database, shows none', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'case-review-demo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const io = quiet();
  // A real deployment's environment: the demo ignores where its data lives (a PostgreSQL it would fail to reach).
  const demo = await startDemo({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: '/var/lib/case-review', DATABASE_URL: 'postgres://127.0.0.1:9/real' }, dir, io);
  let secrets: string[] = [];
  try {
    assert.match(io.lines.join('\n'), /does not use DATA_DIR, DATABASE_URL from the environment/);
    const base = `http://127.0.0.1:${(demo.app.server.address() as AddressInfo).port}`;
    const html = await signInPage(base, 'en');
    secrets = io.lines.join('\n').match(/\S+@teifi\.example/g) ?? [];
    assert.equal(secrets.length > 0, true);
    for (const email of secrets) assert.ok(html.includes(email), `${email} is on the demo's sign-in page`);
    assert.match(html, /app-demo-banner/);
  } finally {
    await demo.stop();
  }
  const server = await startServer(loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', ...HOPEFUL_ENV }));
  try {
    const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    for (const lang of LANGUAGES) {
      const html = await signInPage(base, lang);
      assert.doesNotMatch(html, /app-demo-banner|demo-accounts|app-demo-account/);
      for (const email of secrets) assert.equal(html.includes(email), false, `${email} is not on the sign-in page`);
    }
  } finally {
    await server.stop();
  }
});
