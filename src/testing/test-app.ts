// Builds the real app over a fresh database for HTTP tests, with helpers to sign in and post forms
// with real CSRF tokens (CSRF stays on in tests).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import * as cheerio from 'cheerio/slim';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createServices, type Services } from '../container.ts';
import type { Dialect } from '../db/database.ts';
import type { IsoDate } from '../domain/clock/dates.ts';
import { londonDate } from '../domain/clock/london.ts';
import type { Clock } from '../services/context.ts';
import type { BlobStore } from '../services/files/blob-store.ts';
import { testKeyring } from './keys.ts';
import { createTestDb } from './test-db.ts';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  routes: { method: string | string[]; url: string; config: Record<string, unknown> | undefined }[];
  /** Closes the app, its database and its folder (done after the test when a test context was given). */
  close(): Promise<void>;
}

export async function buildTestApp(
  t: TestContext | undefined,
  dialect: Dialect,
  opts: { clock?: Clock; env?: Record<string, string>; blobStore?: BlobStore } = {},
): Promise<TestApp> {
  const db = await createTestDb(dialect);
  // Uploaded files go to a folder of the test's own (unless the test names one), never to ./data.
  const dataDir = opts.env?.DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'case-review-test-data-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000', ...(dataDir ? { DATA_DIR: dataDir } : {}), ...opts.env });
  const services = createServices({
    db,
    keyring: testKeyring(),
    config,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.blobStore ? { blobStore: opts.blobStore } : {}),
  });
  const routes: TestApp['routes'] = [];
  // strictReads: an answer whose read events do not match its route's declaration fails as a 500.
  const app = await buildApp({ services, logger: false, strictReads: true, onRoute: (r) => routes.push(r) });
  await app.ready();
  const close = async () => {
    await app.close();
    services.mail.close();
    await db.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  if (t) t.after(close);
  return { app, services, routes, close };
}

/** The response with its page parsed on first use (most requests in the access matrix never look). */
function withDom(res: LightMyRequestResponse): LightMyRequestResponse & { $: cheerio.CheerioAPI } {
  let dom: cheerio.CheerioAPI | undefined;
  return Object.defineProperty(res, '$', { get: () => (dom ??= cheerio.load(res.body)), enumerable: true }) as LightMyRequestResponse & {
    $: cheerio.CheerioAPI;
  };
}

/** A browser-like client: keeps cookies, reads CSRF tokens from pages, follows nothing automatically. */
export class Browser {
  private cookies = new Map<string, string>();
  /** remoteAddress: the client's address as the server sees it (default 127.0.0.1). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress?: string,
  ) {}

  /** The value of a cookie the browser holds. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Forgets a cookie, as a person clearing their browser's cookies would. */
  forget(name: string): void {
    this.cookies.delete(name);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string): Promise<LightMyRequestResponse & { $: cheerio.CheerioAPI }> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader() },
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
    this.remember(res);
    return withDom(res);
  }

  /** Loads the form page (for its CSRF token) and posts the fields to the form's action. */
  async submit(
    pageUrl: string,
    fields: Record<string, string | string[]>,
    formSelector = 'main form[method="post"]',
  ): Promise<LightMyRequestResponse & { $: cheerio.CheerioAPI }> {
    const page = await this.get(pageUrl);
    const form = page.$(formSelector).last();
    const token = form.find('input[name="_csrf"]').val() ?? page.$('input[name="_csrf"]').first().val();
    const action = form.attr('action') ?? pageUrl;
    return this.post(action, { ...fields, _csrf: String(token ?? '') });
  }

  /** Posts a form; `headers` adds request headers (e.g. an Origin, for tests of cross-site requests). */
  async post(
    url: string,
    fields: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse & { $: cheerio.CheerioAPI }> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { ...headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
    this.remember(res);
    return withDom(res);
  }

  /**
   * Posts a multipart/form-data body (a file upload) as a browser would: the parts in the order given
   * (a page form puts its _csrf field first). `body` may be built with multipartBody (file-fixtures.ts).
   */
  async postMultipart(
    url: string,
    body: { payload: Buffer; contentType: string },
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse & { $: cheerio.CheerioAPI }> {
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.payload,
      headers: { ...headers, cookie: this.cookieHeader(), 'content-type': body.contentType },
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
    this.remember(res);
    return withDom(res);
  }

  async csrfToken(pageUrl: string): Promise<string> {
    const page = await this.get(pageUrl);
    return String(page.$('input[name="_csrf"]').first().val() ?? '');
  }
}

/** A fixed or advanceable clock for tests of timeouts, expiry and rate limits. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-27T10:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  today(): IsoDate {
    return londonDate(this.current);
  }
  /** Moves the clock to an instant (tests of a given moment, such as 00:30 in summer). */
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Signs a seeded person in through the real pages, passing two-factor when they are enrolled. */
export async function signIn(
  browser: Browser,
  person: { email: string; totpSecret?: string },
  clock: Pick<Clock, 'now'> = { now: () => new Date() },
): Promise<void> {
  const { TEST_PASSWORD, totpCode } = await import('./fixtures.ts');
  const res = await browser.submit('/sign-in', { email: person.email, password: TEST_PASSWORD });
  if (res.statusCode !== 302) throw new Error(`sign-in failed: ${res.statusCode}`);
  if (res.headers.location === '/account/two-factor/set-up') throw new Error('two-factor enrolment required: seed the person with totp: true');
  if (res.headers.location === '/sign-in/two-factor') {
    if (!person.totpSecret) throw new Error('two-factor required but no secret');
    const second = await browser.submit('/sign-in/two-factor', { code: totpCode(person.totpSecret, clock.now()) });
    if (second.statusCode !== 302) throw new Error(`two-factor failed: ${second.statusCode}`);
  }
}
