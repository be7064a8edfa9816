import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentTexts } from '../domain/documents.ts';
import { getFramework } from '../domain/frameworks/index.ts';
import { initialTerms } from '../domain/reviews/terms.ts';
import { pdfTextLines } from '../testing/document-inspect.ts';
import { renderDocument } from './render.ts';
import { composeTermsOfReference, type TermsDocument, termsFileName } from './terms-of-reference.ts';

const content = {
  ...initialTerms({ framework: getFramework('CPR_2016'), incidentOn: '2020-03-15', pseudonym: { kind: 'child', index: 2 }, agencyIds: ['p'] }),
  purpose: { text: 'A Child Practice Review under the 2015 regulations.' },
  enquiry: { items: ['How agencies shared information', 'Sut y clywyd llais y plentyn'] },
};
const doc: TermsDocument = {
  board: { nameEn: 'Cwm Taf Morgannwg Safeguarding Board', nameCy: 'Bwrdd Diogelu Cwm Taf Morgannwg' },
  reference: 'CTM/2026/04',
  framework: { nameEn: 'Child Practice Review', nameCy: 'Adolygiad Ymarfer Plant' },
  version: 2,
  approvedAt: '2026-11-27T10:00:00Z',
  approvedByName: 'Ceri Chair',
  content,
  agencies: new Map([['p', { nameEn: 'South Wales Police', nameCy: 'Heddlu De Cymru' }]]),
};

test('the approved terms as a document: every section in order, in English and in Welsh, the child by pseudonym only', () => {
  const en = composeTermsOfReference(doc, 'en');
  const texts = documentTexts(en).map((x) => x.text);
  assert.equal(texts[0], 'Terms of reference: CTM/2026/04');
  assert.ok(texts.includes('Version 2, approved on 27 November 2026 by Ceri Chair, the panel’s independent chair.'));
  assert.ok(texts.includes('Child B'));
  assert.ok(texts.includes('From 15 March 2019 to 15 March 2020'));
  assert.ok(texts.includes('South Wales Police: Timeline of significant events'));
  assert.deepEqual(en.blocks.filter((b) => b.type === 'heading' && b.level === 2).length, 12);
  const cy = composeTermsOfReference(doc, 'cy');
  const cyTexts = documentTexts(cy).map((x) => x.text);
  assert.equal(cyTexts[0], 'Cylch gorchwyl: CTM/2026/04');
  assert.ok(cyTexts.includes('Plentyn B'));
  assert.ok(cyTexts.includes('O 15 Mawrth 2019 i 15 Mawrth 2020'));
  assert.ok(cyTexts.includes('Heddlu De Cymru – Llinell amser o ddigwyddiadau arwyddocaol'));
  assert.equal(termsFileName(doc, 'cy'), 'CTM-2026-04-cylch-gorchwyl-f2-cy');
});

test('the document renders as a tagged PDF carrying its text', async () => {
  const pdf = await renderDocument(composeTermsOfReference(doc, 'cy'), 'pdf', { createdAt: new Date('2026-11-27T10:00:00Z') });
  const lines = pdfTextLines(pdf).join(' ');
  assert.match(lines, /Cylch gorchwyl: CTM\/2026\/04/);
  assert.match(lines, /Sut y clywyd llais y plentyn/);
  assert.match(pdf.toString('latin1'), /\/StructTreeRoot/);
});
