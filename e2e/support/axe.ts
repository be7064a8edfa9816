// axe-core scan of the current page against WCAG 2.0 A/AA, 2.1 AA and 2.2 AA. No rule is disabled.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/**
 * The scan, run the cheap way where it checks the same: the service's pages have no frames, so axe runs once in
 * the page (AxeBuilder's legacy mode) instead of once per frame and then again in a new blank page to merge the
 * frames' results, which cost a new renderer and a second copy of axe-core for every scan (about half of each
 * browser test's time). A page with frames gets the per-frame scan, so a frame of any origin is still checked.
 * Only violations are collected in full (axe's resultTypes; the rules run are the same, and no rule is disabled).
 */
function scan(page: Page): AxeBuilder {
  // options() replaces the options, so the tags are set after it.
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(WCAG_TAGS);
  return page.frames().length === 1 ? builder.setLegacyMode() : builder;
}

/** Fails with a readable list of violations (rule, impact, help, and the offending elements). */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await scan(page).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `      - ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ').trim() ?? ''}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    return `  * ${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
  });
  assert.fail(`${label} (${page.url()}) has ${results.violations.length} accessibility violation(s):\n${lines.join('\n')}`);
}
