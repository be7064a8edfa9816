import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containsPattern, foldSearch, PUBLISHED_SEARCH_LIMITS, searchShown, searchWords } from './published.ts';

describe('published search', () => {
  test('folds case, accents and apostrophes the same way for stored and searched words', () => {
    assert.equal(foldSearch('  Plentyn   A’r ASIANTAETHAU ŵyr Âr '), "plentyn a'r asiantaethau wyr ar");
  });
  test('reads distinct words, bounded, punctuation at their ends dropped', () => {
    assert.deepEqual(searchWords('Child, child A; "information"'), ['child', 'a', 'information']);
    assert.deepEqual(searchWords(['x']), []);
    assert.deepEqual(searchWords(undefined), []);
    assert.equal(searchWords('a b c d e f g h i').length, PUBLISHED_SEARCH_LIMITS.words);
    assert.equal(searchWords('x'.repeat(500))[0]?.length, PUBLISHED_SEARCH_LIMITS.wordChars);
    assert.equal(searchShown(` ${'y'.repeat(500)}`).length, PUBLISHED_SEARCH_LIMITS.chars - 1);
  });
  test('escapes LIKE wildcards and the escape character', () => {
    assert.equal(containsPattern('50%_a\\b'), '%50\\%\\_a\\\\b%');
  });
});
