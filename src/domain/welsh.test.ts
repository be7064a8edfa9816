import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agreeYn, mutateCy, mutationVariables } from './welsh.ts';

test('soft mutation: the termbase’s examples (am Blentyn A, i Fwrdd …, i Berson 1)', () => {
  assert.equal(`am ${mutateCy('Plentyn A', 'soft')}`, 'am Blentyn A');
  assert.equal(`i ${mutateCy('Bwrdd Diogelu Plant Dyffryn Teifi', 'soft')}`, 'i Fwrdd Diogelu Plant Dyffryn Teifi');
  assert.equal(`i ${mutateCy('Person 1', 'soft')}`, 'i Berson 1');
  assert.equal(`i ${mutateCy('Cyngor Sir Ceredigion', 'soft')}`, 'i Gyngor Sir Ceredigion');
  assert.equal(`i ${mutateCy('Gwasanaethau Plant', 'soft')}`, 'i Wasanaethau Plant', 'g drops and the next letter takes the capital');
  assert.equal(`i ${mutateCy('Partneriaeth Diogelu', 'soft')}`, 'i Bartneriaeth Diogelu');
  assert.equal(`o ${mutateCy('Mam', 'soft')}`, 'o Fam');
  assert.equal(`i ${mutateCy('Tîm', 'soft')}`, 'i Dîm');
  assert.equal(`i ${mutateCy('Dyffryn Teifi', 'soft')}`, 'i Ddyffryn Teifi');
});

test('soft mutation of ll and rh: tested before the single letters l and r, which do not mutate', () => {
  assert.equal(mutateCy('Llys Teulu', 'soft'), 'Lys Teulu');
  assert.equal(mutateCy('Rhondda Cynon Taf', 'soft'), 'Rondda Cynon Taf');
  assert.equal(mutateCy('llys', 'soft'), 'lys');
  assert.equal(mutateCy('Lerpwl', 'soft'), 'Lerpwl');
  assert.equal(mutateCy('Rhuthun', 'nasal'), 'Rhuthun', 'the nasal mutation leaves ll and rh alone');
  assert.equal(mutateCy('Llanelli', 'aspirate'), 'Llanelli');
});

test('aspirate mutation: a Phlentyn B, gyda Phlentyn A, a Pherson 2', () => {
  assert.equal(`a ${mutateCy('Plentyn B', 'aspirate')}`, 'a Phlentyn B');
  assert.equal(`gyda ${mutateCy('Plentyn A', 'aspirate')}`, 'gyda Phlentyn A');
  assert.equal(`a ${mutateCy('Person 2', 'aspirate')}`, 'a Pherson 2');
  assert.equal(mutateCy('Tref', 'aspirate'), 'Thref');
  assert.equal(mutateCy('Cyngor', 'aspirate'), 'Chyngor');
  assert.equal(mutateCy('Bwrdd', 'aspirate'), 'Bwrdd', 'only p, t and c take the aspirate mutation');
});

test('nasal mutation: yng Nghaerdydd, ym Mwrdd …, yn Ninbych', () => {
  assert.equal(`yng ${mutateCy('Caerdydd', 'nasal')}`, 'yng Nghaerdydd');
  assert.equal(`ym ${mutateCy('Bwrdd Diogelu', 'nasal')}`, 'ym Mwrdd Diogelu');
  assert.equal(`ym ${mutateCy('Powys', 'nasal')}`, 'ym Mhowys');
  assert.equal(mutateCy('Tywyn', 'nasal'), 'Nhywyn');
  assert.equal(mutateCy('Dinbych', 'nasal'), 'Ninbych');
  assert.equal(mutateCy('Gwynedd', 'nasal'), 'Ngwynedd');
  assert.equal(mutateCy('Mam', 'nasal'), 'Mam');
});

test('unchanged: ch, dd, ff, ng, ph, th, vowels, h, digits, acronyms and words with letters Welsh does not use', () => {
  for (const mutation of ['soft', 'nasal', 'aspirate'] as const) {
    for (const text of [
      'Child A',
      'Chwilog',
      'Ddinbych',
      'Ffestiniog',
      'Ngwynedd',
      'Pheulwys',
      'Thomas',
      'Aelod o’r teulu 1',
      'Oedolyn A',
      'Heddlu Dyfed-Powys',
      'Uned Fusnes',
      'Ymddiriedolaeth GIG',
      '6 Rhagfyr 2026',
      '20 diwrnod gwaith',
      'CYSUR/2026/03',
      'BLlDP Caerdydd',
      'NHS Wales',
      'Kerry',
      'Queensferry',
      'Zeta',
      '',
    ]) {
      assert.equal(mutateCy(text, mutation), text, `${mutation}: ${text}`);
    }
  }
});

test('only the first word changes, and lower case stays lower case', () => {
  assert.equal(mutateCy('Bwrdd Diogelu Plant Caerdydd', 'soft'), 'Fwrdd Diogelu Plant Caerdydd');
  assert.equal(mutateCy('plentyn', 'soft'), 'blentyn');
  assert.equal(mutateCy('gwasanaeth prawf', 'soft'), 'wasanaeth prawf');
  assert.equal(mutateCy('G', 'soft'), 'G', 'a lone g is left rather than emptied');
});

test('mutation variables: the mutated forms for a Welsh reader, the same text for an English one', () => {
  assert.deepEqual(mutationVariables('child', 'Plentyn A', 'cy'), {
    child: 'Plentyn A',
    childSoft: 'Blentyn A',
    childNasal: 'Mhlentyn A',
    childAspirate: 'Phlentyn A',
  });
  assert.deepEqual(mutationVariables('board', 'Person 1', 'en'), {
    board: 'Person 1',
    boardSoft: 'Person 1',
    boardNasal: 'Person 1',
    boardAspirate: 'Person 1',
  });
});

test('"yn" agrees with the word it nasally mutates: ym Mangor, yng Nghaerdydd, yn Nhref 1', () => {
  assert.equal(agreeYn('Roedd hi yng ', 'Nhref 1'), 'Roedd hi yn ');
  assert.equal(agreeYn('Roedd hi yn ', 'Mhlentyn A'), 'Roedd hi ym ');
  assert.equal(agreeYn('Roedd hi ym ', 'Nghymuned 2'), 'Roedd hi yng ');
  assert.equal(agreeYn('Yng ', 'Nhref 1'), 'Yn ');
  assert.equal(agreeYn('YN ', 'NGHYMUNED'), 'YNG ');
  assert.equal(agreeYn('Roedd hi i ', 'Nhref 1'), 'Roedd hi i ', 'another word before: unchanged');
  assert.equal(agreeYn('Bryn ', 'Nhref 1'), 'Bryn ', 'a word ending in "yn" is not the preposition');
});
