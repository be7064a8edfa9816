// Chromium for the browser tests. Never downloads a browser: CHROME_PATH, else Debian's /usr/bin/chromium,
// else the @sparticuz/chromium build from npm (extracted to /tmp on first use). Without REQUIRE_ALL=1 a
// machine with no usable Chromium skips the browser tests; with it (CI), failing to launch fails the run.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

export const REQUIRE_ALL = process.env.REQUIRE_ALL === '1';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function chromiumPath(): Promise<string> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const { default: sparticuz } = await import('@sparticuz/chromium');
  return sparticuz.executablePath();
}

export type Launched = { browser: Browser; skipReason?: undefined } | { browser?: undefined; skipReason: string };

/**
 * Launches Chromium. Returns a skip reason instead when it cannot start and REQUIRE_ALL is not set;
 * throws when REQUIRE_ALL=1.
 */
export async function launchBrowser(): Promise<Launched> {
  try {
    const executablePath = await chromiumPath();
    // Two test files starting at once on a fresh machine: one may launch the npm build while the other is still
    // writing it to /tmp (ETXTBSY, "text file busy"); it is ready a moment later.
    for (let attempt = 1; ; attempt++) {
      try {
        return { browser: await chromium.launch({ executablePath, args: ARGS, timeout: 60_000 }) };
      } catch (error) {
        if (attempt >= 5 || !(error instanceof Error) || !error.message.includes('ETXTBSY')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
      }
    }
  } catch (error) {
    const reason = `Chromium could not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    if (REQUIRE_ALL) throw new Error(`REQUIRE_ALL=1: ${reason}`);
    return { skipReason: reason };
  }
}

/** A fresh context (own cookies). axe needs pages from a context, and we pin the time zone. */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB', ...options });
}
