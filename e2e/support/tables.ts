// Tables that stack on narrow screens (src/assets/application.scss, app-table-stack) must still be tables
// to assistive technology. Checked in Chromium's own accessibility tree (over the DevTools protocol), not
// in the DOM: CSS that changes a table's display can make a browser drop its table semantics.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { REFLOW_WIDTH } from './pages.ts';

interface AXNode {
  ignored: boolean;
  role?: { value?: unknown };
  name?: { value?: unknown };
}

/**
 * At a 320 px viewport the page's first stacked table shows its rows as blocks (each cell under the one
 * before), and Chromium still exposes a table with column headers and cells whose names are their values
 * (the on-screen column label is not read out again).
 */
export async function expectStackedTableSemantics(page: Page, label: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: REFLOW_WIDTH, height: size.height });
  const cdp = await page.context().newCDPSession(page);
  try {
    const table = page.locator('main table.app-table-stack').first();
    const cells = table.locator('tbody tr').first().locator('td[data-label]');
    assert.ok((await cells.count()) >= 2, `${label}: a stacked table with labelled cells`);
    const [first, second] = [await cells.nth(0).boundingBox(), await cells.nth(1).boundingBox()];
    assert.ok(first && second && second.y >= first.y + first.height - 1 && Math.abs(second.x - first.x) < 1, `${label}: cells stacked at ${REFLOW_WIDTH} px`);

    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    const seen = nodes.filter((n) => !n.ignored).map((n) => ({ role: String(n.role?.value ?? ''), name: String(n.name?.value ?? '') }));
    const headers = seen.filter((n) => n.role === 'columnHeader' || n.role === 'columnheader').map((n) => n.name);
    const cellNames = seen.filter((n) => n.role === 'cell' || n.role === 'gridCell').map((n) => n.name);
    assert.ok(
      seen.some((n) => n.role === 'table'),
      `${label}: still a table to assistive technology (roles: ${[...new Set(seen.map((n) => n.role))].join(', ')})`,
    );
    assert.ok(headers.length >= 2, `${label}: column headers exposed (${headers.join(' | ')})`);
    assert.ok(cellNames.length >= 2, `${label}: cells exposed`);
    // Read twice, a cell's name would be its label followed by its value ("Board" + "Board A").
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    const twice = new Set(
      (await table.locator('td[data-label]').evaluateAll((tds) => tds.map((td) => `${td.getAttribute('data-label') ?? ''}${td.textContent ?? ''}`))).map(
        squeeze,
      ),
    );
    const doubled = cellNames.filter((name) => twice.has(squeeze(name)));
    assert.deepEqual(doubled, [], `${label}: a cell's name is its value, without its on-screen label`);
  } finally {
    await cdp.detach();
    await page.setViewportSize(size);
  }
}
