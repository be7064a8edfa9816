import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childPseudonym, comparePseudonyms, familyPseudonym, indexLetters, pseudonymForms, pseudonymTermText, pseudonymText } from './pseudonyms.ts';

test('the child’s index is written in letters: 1 → A, 26 → Z, 27 → AA, 53 → BA', () => {
  assert.equal(pseudonymText(childPseudonym(1), 'en'), 'Child A');
  assert.equal(pseudonymText(childPseudonym(26), 'en'), 'Child Z');
  assert.equal(pseudonymText(childPseudonym(27), 'en'), 'Child AA');
  assert.equal(indexLetters(52), 'AZ');
  assert.equal(indexLetters(53), 'BA');
  assert.throws(() => indexLetters(0));
  assert.throws(() => pseudonymText({ kind: 'family_member', index: 0 }, 'en'));
});

test('written in the reader’s language: Child A / Plentyn A, Family member 1 / Aelod o’r teulu 1, Person 2 / Person 2', () => {
  assert.equal(pseudonymText(childPseudonym(1), 'cy'), 'Plentyn A');
  assert.equal(pseudonymText(familyPseudonym(false, 1), 'en'), 'Family member 1');
  assert.equal(pseudonymText(familyPseudonym(false, 1), 'cy'), 'Aelod o’r teulu 1');
  assert.equal(pseudonymText(familyPseudonym(true, 2), 'en'), 'Person 2');
  assert.equal(pseudonymText(familyPseudonym(true, 2), 'cy'), 'Person 2');
  assert.deepEqual(pseudonymForms(childPseudonym(28)), { kind: 'child', index: 28, en: 'Child AB', cy: 'Plentyn AB' });
});

test('mutated in Welsh after the word before it, never in English: am Blentyn A, a Phlentyn B, i Berson 1', () => {
  assert.equal(`am ${pseudonymText(childPseudonym(1), 'cy', 'soft')}`, 'am Blentyn A');
  assert.equal(`a ${pseudonymText(childPseudonym(2), 'cy', 'aspirate')}`, 'a Phlentyn B');
  assert.equal(`i ${pseudonymText(familyPseudonym(true, 1), 'cy', 'soft')}`, 'i Berson 1');
  assert.equal(`i ${pseudonymText(familyPseudonym(false, 1), 'cy', 'soft')}`, 'i Aelod o’r teulu 1', 'a vowel does not change');
  assert.equal(pseudonymText(familyPseudonym(true, 1), 'en', 'soft'), 'Person 1');
});

test('a dictionary of other terms uses the same writing and mutation: Mother / Mam, i Fam', () => {
  const mother = { en: 'Mother', cy: 'Mam', index: 'none' as const };
  assert.equal(pseudonymTermText(mother, null, 'en'), 'Mother');
  assert.equal(`i ${pseudonymTermText(mother, null, 'cy', 'soft')}`, 'i Fam');
  const sibling = { en: 'Sibling', cy: 'Brawd neu chwaer', index: 'digits' as const };
  assert.equal(`gan ${pseudonymTermText(sibling, 2, 'cy', 'soft')}`, 'gan Frawd neu chwaer 2');
});

test('listed by kind, then by index: Child B before Child AA', () => {
  const list = [childPseudonym(27), familyPseudonym(true, 1), childPseudonym(2), familyPseudonym(false, 3)];
  assert.deepEqual(
    [...list].sort(comparePseudonyms).map((p) => pseudonymText(p, 'en')),
    ['Child B', 'Child AA', 'Family member 3', 'Person 1'],
  );
});
