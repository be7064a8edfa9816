import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { likelyNames, makePseudonymiser, type NamedPerson, pseudonymiseText } from './free-text.ts';

const jane: NamedPerson = { names: ['Jane Mary Smith'], pseudonym: { en: 'Child A', cy: 'Plentyn A' } };
const john: NamedPerson = { names: ['John Smith', 'Johnny Smith'], pseudonym: { en: 'Family member 1', cy: 'Aelod o’r teulu 1' } };

test('full names, first names and surnames are replaced, longest first, with possessives kept', () => {
  const r = pseudonymiseText("Jane Mary Smith was seen with John. Jane’s mother said Johnny had left; Jane Smith's school called Mary.", [jane, john], 'en');
  assert.equal(r.text, "Child A was seen with Family member 1. Child A’s mother said Family member 1 had left; Child A's school called Child A.");
  assert.deepEqual(r.counts, [4, 2]);
  assert.equal(r.total, 6);
});

test('a surname two people share is replaced by neither and flagged, with its offsets in the new text', () => {
  const r = pseudonymiseText('Mrs Smith rang. John Smith answered; Smith’s car was outside.', [jane, john], 'en');
  assert.equal(r.text, 'Mrs Smith rang. Family member 1 answered; Smith’s car was outside.');
  assert.deepEqual(
    r.shared.map((s) => r.text.slice(s.start, s.end)),
    ['Smith', 'Smith'],
  );
  assert.deepEqual(r.counts, [0, 1]);
});

test('a first name two people share is flagged, not replaced; their full names still are', () => {
  const people = [
    { names: ['Sam Jones'], pseudonym: { en: 'Child A', cy: 'Plentyn A' } },
    { names: ['Sam Evans'], pseudonym: { en: 'Person 1', cy: 'Person 1' } },
  ];
  const r = pseudonymiseText('Sam Jones and Sam Evans met. Sam left.', people, 'en');
  assert.equal(r.text, 'Child A and Person 1 met. Sam left.');
  assert.equal(r.shared.length, 1);
  assert.equal(r.text.slice(r.shared[0]?.start, r.shared[0]?.end), 'Sam');
});

test('case-insensitive and whole words only: JANE and jane are her, Janet, Smithson, Mary-Jane and Jane-Ann are not', () => {
  const r = pseudonymiseText('JANE SMITH; jane; Janet; Smithson; Mary-Jane; Jane-Ann; Jane.', [jane], 'en');
  assert.equal(r.text, 'Child A; Child A; Janet; Smithson; Mary-Jane; Jane-Ann; Child A.');
  assert.equal(r.total, 3);
});

test('names that are ordinary words (Will, May, Rose) are replaced only when written with a capital', () => {
  const will = { names: ['Will Rose'], pseudonym: { en: 'Person 1', cy: 'Person 1' } };
  const may = { names: ['May Price'], pseudonym: { en: 'Person 2', cy: 'Person 2' } };
  const r = pseudonymiseText('She will see Rose and Will; a rose. May said she may price it; Ms Price agreed.', [will, may], 'en');
  assert.equal(r.text, 'She will see Person 1 and Person 1; a rose. Person 2 said she may price it; Person 2 agreed.');
});

test("names with apostrophes, hyphens and Welsh letters: O’Brien and O'Brien, Siân, ap Dafydd", () => {
  const people = [
    { names: ["Ciarán O'Brien"], pseudonym: { en: 'Child B', cy: 'Plentyn B' } },
    { names: ['Siân ap Dafydd'], pseudonym: { en: 'Family member 2', cy: 'Aelod o’r teulu 2' } },
    { names: ['Mary-Ann Ŵyn'], pseudonym: { en: 'Person 3', cy: 'Person 3' } },
  ];
  const r = pseudonymiseText("O’Brien and O'Brien, Brien; SIÂN, siân ap dafydd and Ap Dafydd; Mary-Ann and ŵyn and ŴYN", people, 'en');
  assert.equal(r.text, 'Child B and Child B, Brien; Family member 2, Family member 2 and Family member 2; Person 3 and Person 3 and Person 3');
});

test('in Welsh the mutated forms are replaced by the pseudonym mutated alike (i Ddafydd → i Blentyn A)', () => {
  const dafydd = { names: ['Dafydd Evans'], pseudonym: { en: 'Child A', cy: 'Plentyn A' } };
  const carys = { names: ['Carys Thomas'], pseudonym: { en: 'Child B', cy: 'Plentyn B' } };
  const text = 'Aeth Dafydd at y meddyg. Rhoddodd y llyfr i Ddafydd. Siaradodd â Charys a fy Nafydd. Roedd Carys yng Nghaerdydd gyda Thomas.';
  const cy = pseudonymiseText(text, [dafydd, carys], 'cy');
  assert.equal(
    cy.text,
    'Aeth Plentyn A at y meddyg. Rhoddodd y llyfr i Blentyn A. Siaradodd â Phlentyn B a fy Mhlentyn A. Roedd Plentyn B yng Nghaerdydd gyda Plentyn B.',
  );
  assert.deepEqual(cy.counts, [3, 3]);
  const en = pseudonymiseText(text, [dafydd, carys], 'en');
  assert.equal(en.text, 'Aeth Child A at y meddyg. Rhoddodd y llyfr i Ddafydd. Siaradodd â Charys a fy Nafydd. Roedd Child B yng Nghaerdydd gyda Child B.');
  assert.equal(
    pseudonymiseText(text, [dafydd, carys], 'en', { mutations: true }).text.includes('i Child A'),
    true,
    'asked for: Welsh text for an English reader',
  );
  assert.equal(pseudonymiseText('roedd yn ddafydd', [dafydd], 'cy').total, 0, 'a mutated form only with its capital');
});

test('a dictionary entry replaced whole (a school, a town), with its Welsh mutations; its words alone are left', () => {
  const school: NamedPerson = { names: ['Ysgol Gynradd Bryn Teg'], pseudonym: { en: 'School 1', cy: 'Ysgol 1' }, whole: true };
  const town: NamedPerson = { names: ['Caerdydd', 'Cardiff'], pseudonym: { en: 'Town 1', cy: 'Tref 1' }, whole: true };
  const en = pseudonymiseText('She moved from Cardiff to Ysgol Gynradd Bryn Teg; Bryn Teg farm is near.', [school, town], 'en');
  assert.equal(en.text, 'She moved from Town 1 to School 1; Bryn Teg farm is near.');
  const cy = pseudonymiseText('Roedd hi yng Nghaerdydd cyn symud i Gaerdydd eto. Yng Nghaerdydd y mae.', [town], 'cy');
  // "yn" agrees with the term's nasal mutation: yng Nghaerdydd, yn Nhref 1.
  assert.equal(cy.text, 'Roedd hi yn Nhref 1 cyn symud i Dref 1 eto. Yn Nhref 1 y mae.');
  assert.deepEqual(cy.counts, [3]);
  const bangor: NamedPerson = { names: ['Bangor'], pseudonym: { en: 'Community 2', cy: 'Cymuned 2' }, whole: true };
  assert.equal(pseudonymiseText('Roedd hi ym Mangor.', [bangor], 'cy').text, 'Roedd hi yng Nghymuned 2.');
});

test('a mutated form that is an English word (Mair → Fair) needs its capital', () => {
  const mair = { names: ['Mair Jones'], pseudonym: { en: 'Child C', cy: 'Plentyn C' } };
  assert.equal(pseudonymiseText('Roedd y tywydd yn fair. Rhoddodd e i Fair.', [mair], 'cy').text, 'Roedd y tywydd yn fair. Rhoddodd e i Blentyn C.');
});

test('no people, no names: the text as it was', () => {
  assert.deepEqual(pseudonymiseText('Nothing to see.', [], 'en'), { text: 'Nothing to see.', counts: [], total: 0, shared: [] });
  assert.deepEqual(pseudonymiseText('Nothing to see.', [{ names: ['  ', 'J.'], pseudonym: { en: 'Child A', cy: 'Plentyn A' } }], 'en').text, 'Nothing to see.');
});

test('property: after pseudonymising, no whole name of a person is left (names drawn from a pool), and text without names is unchanged', () => {
  const first = ['Jane', 'Kylie', 'Dafydd', 'Siân', 'Ciarán', 'Mary-Ann'];
  const last = ['Smith', 'Evans', "O'Brien", 'Ŵyn', 'Llewelyn'];
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(fc.constantFrom(...first), fc.constantFrom(...last)), { minLength: 1, maxLength: 3, selector: ([f]) => f }),
      fc.array(fc.constantFrom('was seen', 'at home', 'by the school', '.', ',', 'and', 'with'), { maxLength: 8 }),
      fc.constantFrom<'en' | 'cy'>('en', 'cy'),
      (names, filler, language) => {
        const people = names.map(([f, l], i) => ({ names: [`${f} ${l}`], pseudonym: { en: `Person ${i + 1}`, cy: `Person ${i + 1}` } }));
        const plain = filler.join(' ');
        assert.equal(pseudonymiseText(plain, people, language).text, plain);
        const text = names.map(([f, l]) => `${f} ${l} ${plain} ${f}’s`).join(' ');
        const r = pseudonymiseText(text, people, language);
        const lastNames = new Map<string, number>();
        for (const [, l] of names) lastNames.set(l, (lastNames.get(l) ?? 0) + 1);
        for (const [f, l] of names) {
          assert.ok(!r.text.includes(`${f} ${l}`), 'the full name is gone');
          assert.ok(!r.text.includes(`${f}’s`), 'the first name is gone');
          if (lastNames.get(l) === 1) assert.ok(!r.text.includes(l), 'a surname nobody else has is gone');
        }
        assert.equal(r.total, names.length * 2);
      },
    ),
  );
});

test('a pseudonymiser is made once and used for many texts', () => {
  const p = makePseudonymiser([jane], 'cy');
  assert.equal(p('Jane').text, 'Plentyn A');
  assert.equal(p('gan Jane').text, 'gan Plentyn A');
  assert.equal(p('dim enw').total, 0);
});

// ---- likely names --------------------------------------------------------------------------------------

const flagged = (text: string, known: string[] = []) => likelyNames(text, known).map((n) => n.word);

test('capitalised words that are not common words, months, days or known terms are flagged', () => {
  assert.deepEqual(flagged('Child A was seen by the Health Visitor with Kylie at Tesco on Monday 3 March.'), ['Kylie', 'Tesco']);
  assert.deepEqual(flagged('Police attended. CAMHS and the GP were told; Kylie’s nan and Mr. Jones were there.'), ['Kylie', 'Jones']);
});

test('a capital at the start of a sentence, a line or a list item says nothing', () => {
  assert.deepEqual(flagged('Kylie was seen. Bradley said no! Tyler? Note: Jordan\n- Brandon\n"Kayden" left.'), []);
  assert.deepEqual(flagged('Seen with (Kylie) and “Tyler”.'), ['Kylie', 'Tyler']);
});

test('offsets are the word’s, without a possessive', () => {
  const text = 'Seen with Kylie’s friend Tyler.';
  for (const n of likelyNames(text)) assert.equal(text.slice(n.start, n.end), n.word);
  assert.deepEqual(flagged(text), ['Kylie', 'Tyler']);
});

test('Welsh: mutated place names are flagged (yng Nghaerdydd, i Fangor); agency words, months and days are not', () => {
  assert.deepEqual(flagged('Aeth Plentyn A i Fangor ddydd Llun ac fe’i gwelwyd yng Nghaerdydd gan y Gwasanaethau Cymdeithasol ym mis Mawrth.'), [
    'Fangor',
    'Nghaerdydd',
  ]);
  assert.deepEqual(flagged('Siaradodd Aelod o’r teulu 1 â’r Heddlu, y Meddyg Teulu a’r Ysgol ddydd Gwener, 4 Ebrill; wedyn aeth i Wasanaethau Plant.'), []);
  assert.deepEqual(flagged('Symudodd y teulu i Aberystwyth at Gwenllïan.'), ['Aberystwyth', 'Gwenllïan']);
});

test('known terms (agencies, pseudonyms) and their Welsh mutated forms are not flagged', () => {
  const known = ['Dyfed-Powys Police', 'Ysbyty Gwynedd', 'Bangor Hospital'];
  assert.deepEqual(flagged('Referred by Dyfed-Powys Police to Bangor Hospital, then i Fangor and to Ysbyty Gwynedd via Wrexham.', known), ['Wrexham']);
  assert.deepEqual(flagged('Aeth hi ym Mangor ac i Wynedd.', known), []);
});

test('after pseudonymising, the flags show only what the records did not know', () => {
  const text = 'Seen with Jane and her friend Kylie at home.';
  const { text: anonymised } = pseudonymiseText(text, [jane], 'en');
  assert.deepEqual(flagged(anonymised, ['Child A']), ['Kylie']);
});
