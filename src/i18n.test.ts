import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadResources } from './i18n.ts';
import { flatten } from './testing/locales.ts';

const resources = loadResources();

test('English and Welsh have the same namespaces and identical key sets', () => {
  const en = resources.en ?? {};
  const cy = resources.cy ?? {};
  assert.deepEqual(Object.keys(cy).sort(), Object.keys(en).sort());
  for (const ns of Object.keys(en)) {
    const enKeys = [...flatten(en[ns]).keys()].sort();
    const cyKeys = [...flatten(cy[ns]).keys()].sort();
    const missingInCy = enKeys.filter((k) => !cyKeys.includes(k));
    const missingInEn = cyKeys.filter((k) => !enKeys.includes(k));
    assert.deepEqual({ ns, missingInCy, missingInEn }, { ns, missingInCy: [], missingInEn: [] });
  }
});

// Strings that are legitimately the same in both languages (names, codes, symbols, and "Agenda", the Welsh term too).
const SAME_IN_BOTH = /^(English|Cymraeg|Agenda|[A-Z0-9_/ .:()-]{1,12}|\{\{[a-zA-Z]+\}\})$/;

test('Welsh text is translated, not copied from English', () => {
  const copied: string[] = [];
  for (const ns of Object.keys(resources.en ?? {})) {
    const en = flatten(resources.en?.[ns]);
    const cy = flatten(resources.cy?.[ns]);
    for (const [key, text] of en) {
      if (text.length > 3 && cy.get(key) === text && !SAME_IN_BOTH.test(text)) copied.push(`${ns}:${key}`);
    }
  }
  assert.deepEqual(copied, []);
});

test('interpolation variables match between languages (a Welsh {{childCodeSoft}} stands for {{childCode}}: src/domain/welsh.ts)', () => {
  const vars = (s: string) => [...new Set([...s.matchAll(/\{\{\s*(\w+?)(?:Soft|Nasal|Aspirate)?\s*\}\}/g)].map((m) => m[1]))].sort();
  const mismatched: string[] = [];
  for (const ns of Object.keys(resources.en ?? {})) {
    const en = flatten(resources.en?.[ns]);
    const cy = flatten(resources.cy?.[ns]);
    for (const [key, text] of en) if (JSON.stringify(vars(text)) !== JSON.stringify(vars(cy.get(key) ?? ''))) mismatched.push(`${ns}:${key}`);
  }
  assert.deepEqual(mismatched, []);
});
