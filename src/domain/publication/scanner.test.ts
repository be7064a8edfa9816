// The anonymisation scanner: each detector on its own cases, then the TUNING fixture (every planted item
// found; false positives reported). The held-out fixture's recall is measured in scanner-held-out.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FixtureParagraph } from '../../testing/scanner-fixture-marks.ts';
import { scoreFixture } from '../../testing/scanner-fixture-score.ts';
import { tuningFixture } from '../../testing/scanner-tuning-fixture.ts';
import type { ScanDictionaryEntry, ScanFinding, ScanInput } from './findings.ts';
import { scanText } from './scanner.ts';
import { demutations } from './scanner-names.ts';
import { findDates, findPhones, findPostcodes, isNhsNumber, isNiNumber } from './scanner-patterns.ts';

const dictionary: ScanDictionaryEntry[] = [
  { id: 'c', category: 'child', realIdentifier: 'Dafydd Pritchard\nDai', termEn: 'Child A', termCy: 'Plentyn A' },
  { id: 'm', category: 'parent_carer', realIdentifier: 'Bethan Pritchard', termEn: 'Mother', termCy: 'Mam' },
  { id: 't', category: 'place', realIdentifier: 'Caerdydd\nCardiff', termEn: 'Town 1', termCy: 'Tref 1' },
];
const scan = (text: string, more: Partial<ScanInput> = {}) => scanText({ text, language: 'cy', dictionary, ...more });
const kinds = (findings: ScanFinding[]) => findings.map((f) => `${f.kind}:${f.match}`);

test('dictionary terms in their variants, with the entry; the published terms never', async () => {
  const found = await scan('Aeth Plentyn A gyda Ddafydd Pritchard i Gaerdydd. Roedd Mam yn siarad â DAI a gyda Fethan Pritchard am Blentyn A yn Nhref 1.');
  assert.deepEqual(kinds(found), ['dictionary_term:Ddafydd Pritchard', 'dictionary_term:Gaerdydd', 'dictionary_term:DAI', 'dictionary_term:Fethan Pritchard']);
  assert.deepEqual(
    found.map((f) => f.entryId),
    ['c', 't', 'c', 'm'],
  );
  assert.ok(found.every((f) => f.confidence === 'certain'));
  const english = await scan('Dafydd’s school and Bethan’s home; Pritchard alone; dai in lower case.', { language: 'en' });
  assert.deepEqual(kinds(english), ['dictionary_term:Dafydd’s', 'dictionary_term:Bethan’s', 'dictionary_term:Pritchard', 'dictionary_term:dai']);
});

test('dates: every written form, dates of birth told apart, month and year alone not flagged', async () => {
  const births = ['2019-05-04'];
  for (const text of [
    '4 May 2019',
    '4th May 2019',
    '4th of May 2019',
    'May 4, 2019',
    '04/05/2019',
    '4.5.2019',
    '2019-05-04',
    '4 Mai 2019',
    '4ydd o Fai 2019',
    '04-05-19',
  ]) {
    assert.deepEqual(
      findDates(`Ganwyd ar ${text}.`, births).map((h) => h.kind),
      ['date_of_birth'],
      text,
    );
  }
  for (const text of [
    '12fed o Fawrth 2021',
    '1af o Fehefin 2020',
    '19eg o Orffennaf 2021',
    '3 Nhachwedd 2020',
    '21ain Rhagfyr 2020',
    '31 December 2020',
    '1/2/2021',
  ])
    assert.deepEqual(
      findDates(`ar ${text} ac`, births).map((h) => h.kind),
      ['exact_date'],
      text,
    );
  for (const text of ['May 2019', 'ym mis Mai 2019', 'Monday 7 March', '31/02/2021', '2021-13-01', 'ddydd Mawrth', '12 34 56', '1.5 hours'])
    assert.deepEqual(findDates(`ar ${text} ac`, births), [], text);
});

test('postcodes and phone numbers (landline, mobile, +44)', () => {
  for (const text of ['CF10 3NQ', 'CF37 1DL', 'SA31 3EP', 'LL57 2PW', 'EC1A 1BB', 'W1A 0AX', 'M1 1AE', 'cf10 3nq', 'CF103NQ'])
    assert.equal(findPostcodes(`at ${text}, then`).length, 1, text);
  for (const text of ['CF10', 'Child A', 'Q1 1AA', 'Town 1']) assert.equal(findPostcodes(`at ${text}, then`).length, 0, text);
  for (const text of [
    '029 2087 1234',
    '02920871234',
    '(029) 2087 1234',
    '01443 486 222',
    '07700 900123',
    '07700900123',
    '+44 7700 900456',
    '+44 (0)29 2087 1234',
    '0800 123 4567',
  ])
    assert.equal(findPhones(`on ${text}.`).length, 1, text);
  for (const text of ['2019', '123 456', '00 44 1234', '04/05/2019', '0123']) assert.equal(findPhones(`on ${text}.`).length, 0, text);
});

test('NHS numbers need their modulus-11 check digit; NI numbers the real prefix rules', async () => {
  assert.ok(isNhsNumber('9434765919'));
  assert.ok(!isNhsNumber('9434765918'), 'wrong check digit');
  assert.ok(!isNhsNumber('1234567890'), 'a check of 10 is never valid');
  assert.deepEqual(kinds(await scan('Rhif GIG 943 476 5919, nid 943 476 5918.')), ['nhs_number:943 476 5919']);
  for (const ok of ['AB 12 34 56 C', 'AB123456C', 'JG 10 37 42 B', 'ce 12 34 56 a']) assert.ok(isNiNumber(ok), ok);
  // D, F, I, Q, U, V never; O never second; BG, GB, KN, NK, NT, TN, ZZ never issued; the suffix is A–D.
  for (const bad of [
    'QQ 12 34 56 C',
    'DA 12 34 56 C',
    'AO 12 34 56 C',
    'GB 12 34 56 A',
    'NK 12 34 56 A',
    'TN 12 34 56 A',
    'ZZ 12 34 56 A',
    'AB 12 34 56 E',
    'AB 12 34 56',
  ])
    assert.ok(!isNiNumber(bad), bad);
  assert.deepEqual(kinds(await scan('email: gweithiwr@example.cymru', { language: 'en' })), ['email:gweithiwr@example.cymru']);
});

test('Welsh de-mutation finds the radical form', () => {
  assert.ok(demutations('nghaerdydd').includes('caerdydd'));
  assert.ok(demutations('fangor').includes('bangor'));
  assert.ok(demutations('mangor').includes('bangor'));
  assert.ok(demutations('ddafydd').includes('dafydd'));
  assert.ok(demutations('gaerfyrddin').includes('caerfyrddin'));
  assert.ok(demutations('orffennaf').includes('gorffennaf'));
  assert.ok(demutations('lanelli').includes('llanelli'));
});

test('Welsh names and places not in the dictionary, mutated, with their cues', async () => {
  const text =
    'Roedd y teulu yng Nghaerfyrddin cyn symud i Fangor. Aeth Mam ym Mangor at Ysbyty Gwynedd gyda Ddafydd, ac i Ysgol Gynradd Y Garth ar Heol y Frenhines. Siaradodd Mr Patel â Rhiannon.';
  const found = await scanText({ text, language: 'cy', dictionary: [] });
  const matches = found.map((f) => f.match);
  for (const expected of ['Nghaerfyrddin', 'Fangor', 'Mangor', 'Ysbyty Gwynedd', 'Ddafydd', 'Ysgol Gynradd Y Garth', 'Heol y Frenhines', 'Patel', 'Rhiannon'])
    assert.ok(matches.includes(expected), `${expected} in ${matches.join(' | ')}`);
  assert.ok(!matches.some((m) => /^(Roedd|Aeth|Mam|Siaradodd)$/.test(m)), 'sentence starts and published terms are not names');
  assert.ok(found.every((f) => f.confidence === 'likely'));
});

test('English names and places, agencies and roles left alone', async () => {
  const text =
    'On Monday in March the Health visitor met Mother at Riverside Primary School on Church Street. Mr Patel and Sian’s partner, Jason Whitfield, told South Wales Police and Social Services. The Welsh Government was told.';
  const found = await scanText({ text, language: 'en', dictionary: [], knownTerms: ['South Wales Police'] });
  const matches = found.map((f) => f.match);
  for (const expected of ['Riverside Primary School', 'Church Street', 'Patel', 'Sian', 'Jason Whitfield'])
    assert.ok(
      matches.some((m) => m.includes(expected)),
      `${expected} in ${matches.join(' | ')}`,
    );
  for (const never of ['Monday', 'March', 'Health', 'Mother', 'South', 'Police', 'Social', 'Welsh', 'Government'])
    assert.ok(!matches.some((m) => m.split(/\s+/).includes(never)), `${never} flagged: ${matches.join(' | ')}`);
});

test('overlapping findings merge, the more specific kind winning; sorted by start', async () => {
  const found = await scan('Ganwyd Dai ar 4 Mai 2019 yng Nghaerdydd.', { datesOfBirth: ['2019-05-04'] });
  assert.deepEqual(kinds(found), ['dictionary_term:Dai', 'date_of_birth:4 Mai 2019', 'dictionary_term:Nghaerdydd']);
  const sorted = found.map((f) => f.start);
  assert.deepEqual(
    sorted,
    [...sorted].sort((a, b) => a - b),
  );
});

test('the TUNING fixture: every planted item is found; false positives reported', async () => {
  const { missed, falsePositives, perKind, words } = await scoreFixture(tuningFixture());
  const planted = [...perKind.values()].reduce((n, k) => n + k.planted, 0);
  console.log(`# tuning fixture: ${words} words, ${planted} planted items, ${missed.length} missed, ${falsePositives.length} false positives`);
  for (const fp of falsePositives) console.log(`# false positive: ${fp.paragraph} ${fp.kind} "${fp.match}"`);
  assert.deepEqual(missed, []);
  assert.ok(falsePositives.length <= 2, 'at most two false positives on the tuning fixture');
});

test('a 20,000-character summary: every finding is where it says, in order (its cost is measured by the bench, not here)', async () => {
  const fixture = tuningFixture();
  let text = '';
  for (let i = 0; text.length < 20_000; i++) text += `${(fixture.paragraphs[i % fixture.paragraphs.length] as FixtureParagraph).text}\n\n`;
  text = text.slice(0, 20_000);
  for (const language of ['en', 'cy'] as const) {
    const found = await scanText({ text, language, dictionary: fixture.dictionary, datesOfBirth: fixture.datesOfBirth, knownTerms: fixture.knownTerms });
    assert.ok(found.length > 0, language);
    for (const [i, f] of found.entries()) {
      assert.equal(text.slice(f.start, f.end), f.match);
      if (i > 0) assert.ok((found[i - 1] as { end: number }).end <= f.start, 'no overlaps, in order');
    }
  }
});
