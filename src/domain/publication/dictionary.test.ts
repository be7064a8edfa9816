// The dictionary's rules and the variants a scanner looks for: examples from WELSH.md and the brief, and
// properties over generated names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MUTATIONS, mutateCy } from '../welsh.ts';
import {
  CATEGORY_TERMS,
  checkEntry,
  containsWords,
  DICTIONARY_CATEGORIES,
  entryTermText,
  foldTerm,
  spellingsOf,
  suggestedTerm,
  termVariants,
} from './dictionary.ts';

const texts = (real: string) => termVariants(real).map((v) => v.text);

test('Welsh names and places give their mutated forms', () => {
  assert.ok(texts('Dafydd').includes('Ddafydd'));
  for (const form of ['Nghaerdydd', 'Gaerdydd', 'Chaerdydd']) assert.ok(texts('Caerdydd').includes(form), form);
  for (const form of ['Fangor', 'Mangor']) assert.ok(texts('Bangor').includes(form), form);
  assert.ok(texts('Llanelli').includes('Lanelli'), 'll softens to l');
  assert.ok(texts('Pontypridd').includes('Mhontypridd'));
  assert.ok(texts('Pontypridd').includes('Phontypridd'));
  assert.deepEqual(
    termVariants('Elin').filter((v) => (MUTATIONS as readonly string[]).includes(v.kind)),
    [],
    'a vowel never mutates',
  );
});

test('case and possessive forms', () => {
  const v = texts('Dafydd Jones');
  for (const form of ['Dafydd Jones', 'dafydd jones', 'DAFYDD JONES', "Dafydd Jones'", 'Dafydd Jones’', 'Ddafydd Jones']) assert.ok(v.includes(form), form);
  assert.ok(texts('Bethan').includes("Bethan's") && texts('Bethan').includes('Bethan’s'));
  assert.ok(texts('Bangor').includes("Fangor's"), 'a mutated form’s possessive too');
});

test('every spelling of a real identifier, one a line', () => {
  assert.deepEqual(spellingsOf(' Dafydd  Jones \n\nDai Jones\ndafydd jones'), ['Dafydd Jones', 'Dai Jones']);
  assert.ok(texts('Dafydd Jones\nDai Jones').includes('Ddai Jones'));
});

const spelling = fc.tuple(fc.constantFrom(...'BCDGLMPTRAEFHNSWY'), fc.stringMatching(/^[a-z]{1,8}$/)).map(([first, rest]) => `${first}${rest}`);

test('property: the variants hold the name as written, each text once, and every mutated form of it', () => {
  fc.assert(
    fc.property(fc.array(spelling, { minLength: 1, maxLength: 3 }), (names) => {
      const real = names.join('\n');
      const variants = termVariants(real);
      const all = variants.map((v) => v.text);
      assert.equal(new Set(all).size, all.length, 'no text twice');
      for (const name of spellingsOf(real)) {
        assert.ok(all.includes(name));
        assert.ok(
          all.some((t) => foldTerm(t) === `${foldTerm(name)}'s` || foldTerm(t) === `${foldTerm(name)}'`),
          'a possessive',
        );
        for (const m of MUTATIONS) assert.ok(all.includes(mutateCy(name, m)), `${m} of ${name}`);
      }
      // Every variant is a spelling, or one of its mutations, in some case, possibly possessive.
      const bases = spellingsOf(real).flatMap((n) => [n, ...MUTATIONS.map((m) => mutateCy(n, m))].map(foldTerm));
      for (const t of all) assert.ok(bases.includes(foldTerm(t).replace(/'s?$/, '')), t);
    }),
  );
});

test('an entry needs a category, a real identifier and both terms, each term unlike the real name', () => {
  const bad = checkEntry({ category: 'nope', realIdentifier: ' \n ', termEn: '', termCy: '' }, []);
  assert.deepEqual(bad.ok ? {} : bad.errors, {
    category: 'dictionary:errors.categoryRequired',
    realIdentifier: 'dictionary:errors.realRequired',
    termEn: 'dictionary:errors.termEnRequired',
    termCy: 'dictionary:errors.termCyRequired',
  });
  const same = checkEntry({ category: 'place', realIdentifier: 'Bangor', termEn: 'bangor', termCy: 'Tref ym Mangor Bangor' }, []);
  assert.deepEqual(same.ok ? {} : same.errors, { termEn: 'dictionary:errors.termIsReal', termCy: 'dictionary:errors.termIsReal' });
  const ok = checkEntry({ category: 'place', realIdentifier: 'Bangor\nBangor ', termEn: ' Town  1 ', termCy: 'Tref 1' }, []);
  assert.deepEqual(ok, { ok: true, value: { category: 'place', realIdentifier: 'Bangor', termEn: 'Town 1', termCy: 'Tref 1' } });
});

test('between entries: one term, one real identifier; no real name holding a term, no term holding a real name', () => {
  const others = [{ realIdentifier: 'Sioned Evans', termEn: 'Mother', termCy: 'Mam' }];
  const taken = checkEntry({ category: 'parent_carer', realIdentifier: 'Gareth Evans', termEn: 'mother', termCy: 'Mam' }, others);
  assert.deepEqual(taken.ok ? {} : taken.errors, { termEn: 'dictionary:errors.termTaken', termCy: 'dictionary:errors.termTaken' });
  const holds = checkEntry({ category: 'other', realIdentifier: 'Mother Shipton Inn', termEn: 'Public house', termCy: 'Tafarn' }, others);
  assert.deepEqual(holds.ok ? {} : holds.errors, { realIdentifier: 'dictionary:errors.realHoldsTerm' });
  const names = checkEntry({ category: 'other', realIdentifier: 'The Lion', termEn: 'Sioned Evans’ friend', termCy: 'Ffrind' }, others);
  assert.deepEqual(names.ok ? {} : names.errors, { termEn: 'dictionary:errors.termIsAnothersReal' });
  assert.equal(containsWords('Mamgu', 'Mam'), false, 'whole words only');
  assert.equal(containsWords('Ty Mam', 'mam'), true);
});

test('default terms: every category but "other" has one, numbered when taken; written through the mutation helper', () => {
  for (const c of DICTIONARY_CATEGORIES) assert.equal(CATEGORY_TERMS[c].length > 0, c !== 'other', c);
  assert.deepEqual(suggestedTerm('school', { en: ['School', 'school 2'], cy: [] }), { en: 'School 3', cy: 'Ysgol 3' });
  assert.deepEqual(suggestedTerm('parent_carer', { en: [], cy: [] }), { en: 'Mother', cy: 'Mam' });
  assert.equal(suggestedTerm('other', { en: [], cy: [] }), null);
  assert.equal(entryTermText({ termEn: 'Mother', termCy: 'Mam' }, 'cy', 'soft'), 'Fam');
  assert.equal(entryTermText({ termEn: 'Mother', termCy: 'Mam' }, 'en', 'soft'), 'Mother');
  assert.equal(entryTermText({ termEn: 'Town 1', termCy: 'Tref 1' }, 'cy', 'aspirate'), 'Thref 1', 'a Thref 1');
  assert.equal(entryTermText({ termEn: 'Sibling', termCy: 'Ysgol 1' }, 'cy', 'soft'), 'Ysgol 1', 'a vowel never mutates');
});
