// The audit actions' catalogue: well-formed, and every action has a phrase in English and in Welsh (and no
// phrase names an action the catalogue does not list), read through the service's own translator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadResources, translator } from '../i18n.ts';
import { AUDIT_ACTIONS, isAuditAction } from './audit-actions.ts';

const resources = loadResources();
const phrases = (language: 'en' | 'cy') => (resources[language]?.audit as { actions?: Record<string, string> } | undefined)?.actions ?? {};

test('the catalogue lists each action once, in UPPER_SNAKE, none of them a test’s own name (TEST, TEST_…)', () => {
  assert.equal(new Set(AUDIT_ACTIONS).size, AUDIT_ACTIONS.length, 'no action listed twice');
  assert.deepEqual(
    AUDIT_ACTIONS.filter((a) => !/^[A-Z][A-Z0-9_]*$/.test(a)),
    [],
  );
  assert.deepEqual(
    (AUDIT_ACTIONS as readonly string[]).filter((a) => a === 'TEST' || a.startsWith('TEST_')),
    [],
  );
  assert.ok(isAuditAction('REFERRAL_VIEWED'));
  assert.ok(!isAuditAction('REFERRAL_VIEWD'));
  assert.ok(!isAuditAction('TEST_EVENT'));
});

for (const language of ['en', 'cy'] as const) {
  test(`every action has a phrase in ${language === 'en' ? 'English' : 'Welsh'}, and no phrase is for an action not listed`, () => {
    const given = phrases(language);
    assert.deepEqual(
      AUDIT_ACTIONS.filter((a) => typeof given[a] !== 'string' || given[a].trim() === '' || given[a] === a),
      [],
      'actions without a phrase',
    );
    assert.deepEqual(
      Object.keys(given).filter((code) => !isAuditAction(code)),
      [],
      'phrases for actions the catalogue does not list',
    );
    const t = translator(language);
    for (const action of AUDIT_ACTIONS) assert.equal(t(`audit:actions.${action}`), given[action]);
  });

  test(`no two actions read the same in ${language === 'en' ? 'English' : 'Welsh'} (the filter lists them by phrase)`, () => {
    const byText = new Map<string, string[]>();
    for (const [code, text] of Object.entries(phrases(language))) byText.set(text, [...(byText.get(text) ?? []), code]);
    assert.deepEqual(
      [...byText.values()].filter((codes) => codes.length > 1),
      [],
    );
  });
}

test('the phrases keep one form: English a past-tense verb (“Viewed a referral”), Welsh “Wedi …” (“Wedi gweld atgyfeiriad”)', () => {
  const en = phrases('en');
  const cy = phrases('cy');
  assert.deepEqual(
    AUDIT_ACTIONS.filter((a) => !/^Wedi \p{Ll}/u.test(cy[a] ?? '')),
    [],
    'Welsh phrases not in the “Wedi + verb-noun” form',
  );
  // A regular past tense, or one of the irregular ones the phrases use.
  assert.deepEqual(
    AUDIT_ACTIONS.filter((a) => !/^(\p{Lu}\p{Ll}+ed|Gave|Made|Ran|Read|Sent|Set|Was|Withdrew) /u.test(en[a] ?? '')),
    [],
    'English phrases not starting with a past-tense verb',
  );
});
