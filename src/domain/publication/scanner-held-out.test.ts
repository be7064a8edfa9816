// The anonymisation scanner on its HELD-OUT fixture (written after tuning, never used to tune): recall per
// kind and the false positives, printed, and floors asserted at what was measured when the fixture was first
// run (docs/adr/0011-anonymisation-scanner.md), less a margin for the likely kinds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreFixture } from '../../testing/scanner-fixture-score.ts';
import { heldOutFixture } from '../../testing/scanner-held-out-fixture.ts';

// Measured on the first run (7 December 2026): 128 of 129 planted items found (99.2 %); every certain kind
// 100 %, likely names 30/31 (96.8 %: "i Ddeiniol" missed, its -ol ending read as a Welsh common word), likely
// places 39/39; 2 false positives ("mark" in "a mark on Child B's cheek", taken by the NLP library for a name;
// "Maternal" capitalised mid-sentence). Certain kinds must stay at 100 %; likely kinds at 95 %; at most 4 false positives.
const CERTAIN = ['dictionary_term', 'date_of_birth', 'exact_date', 'postcode', 'phone', 'email', 'nhs_number', 'ni_number'];
const scannerHeldOutFloors = {
  recall: { ...Object.fromEntries(CERTAIN.map((kind) => [kind, 1])), likely_name: 0.95, likely_place: 0.95 } as Record<string, number>,
  maxFalsePositives: 4,
};

test('the HELD-OUT fixture: recall per kind and false positives', async () => {
  const { missed, falsePositives, perKind, words } = await scoreFixture(heldOutFixture());
  const planted = [...perKind.values()].reduce((n, k) => n + k.planted, 0);
  const found = [...perKind.values()].reduce((n, k) => n + k.found, 0);
  console.log(
    `# held-out fixture: ${words} words, ${planted} planted items, ${found} found (${((100 * found) / planted).toFixed(1)} %), ${falsePositives.length} false positives`,
  );
  for (const [kind, { planted: p, found: f }] of [...perKind].sort()) console.log(`# recall ${kind}: ${f}/${p} (${((100 * f) / p).toFixed(1)} %)`);
  for (const m of missed) console.log(`# missed: ${m.paragraph} ${m.kind} "${m.match}"${m.got ? ` (found as ${m.got})` : ''}`);
  for (const fp of falsePositives) console.log(`# false positive: ${fp.paragraph} ${fp.kind} "${fp.match}"`);
  for (const [kind, floor] of Object.entries(scannerHeldOutFloors.recall)) {
    const k = perKind.get(kind);
    assert.ok(k, kind);
    assert.ok(k.found / k.planted >= floor, `${kind}: ${k.found}/${k.planted} under ${floor}`);
  }
  assert.ok(falsePositives.length <= scannerHeldOutFloors.maxFalsePositives, `${falsePositives.length} false positives`);
});
