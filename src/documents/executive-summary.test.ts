// The approved executive summary as a document (issue 13 item 3): each section in the version's own language, the
// plan's figures it quoted, and a tagged PDF whose language is the version's (cy-GB for the Welsh) carrying Welsh
// letters (ŵ, ŷ, â) as text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentTexts } from '../domain/documents.ts';
import { SUMMARY_SECTIONS, type SummaryFigures } from '../domain/publication/summary.ts';
import { docxReading, pdfTextLines } from '../testing/document-inspect.ts';
import { composeExecutiveSummary, type SummaryDocument, summaryFileName } from './executive-summary.ts';
import { renderDocument } from './render.ts';

const figures: SummaryFigures = {
  asOn: '2026-12-10',
  total: 4,
  statuses: { not_started: 1, on_track: 1, at_risk: 0, off_track: 0, complete: 1, verified: 1, impact_evidenced: 0, sustained: 0, closed: 0 },
  rags: { red: 1, amber: 0, green: 1, complete: 2 },
  overdue: 1,
  completed: 2,
  impact: 0,
  verified: 1,
  recommendations: [
    { number: 1, text: 'Rhannu gwybodaeth ar y pryder cyntaf.', source: 'report' },
    { number: 1, text: 'Archwilio atgyfeiriadau.', source: 'board' },
  ],
};
const doc: SummaryDocument = {
  board: { nameEn: 'Cwm Taf Morgannwg Safeguarding Board', nameCy: 'Bwrdd Diogelu Cwm Taf Morgannwg' },
  reference: 'CTM/2026/04',
  language: 'cy',
  version: 2,
  approvedAt: '2026-12-10T10:00:00Z',
  approvedByName: 'Ceri Chair',
  content: Object.fromEntries(SUMMARY_SECTIONS.map((s) => [s.id, { text: `${s.title.cy}: testun â ŵ ŷ.` }])),
  figures,
};

test('a Welsh version: its sections in Welsh, then the figures it quoted, in Welsh; its file name', () => {
  const texts = documentTexts(composeExecutiveSummary(doc)).map((x) => x.text);
  assert.equal(texts[0], 'Crynodeb gweithredol: CTM/2026/04');
  assert.ok(texts.includes('Fersiwn 2. Cymeradwyodd Ceri Chair hi ar 10 Rhagfyr 2026.'), texts.join('\n'));
  assert.ok(texts.includes('Datganiad y bwrdd: beth arall a wneir'));
  assert.ok(texts.includes('Ffigurau ar 10 Rhagfyr 2026'));
  assert.ok(texts.includes('Camau gweithredu yn y cynllun: 4'));
  assert.ok(texts.includes('Yn hwyr: 1'));
  assert.ok(texts.includes('Argymhelliad y bwrdd 1: Archwilio atgyfeiriadau.'));
  assert.equal(summaryFileName(doc), 'CTM-2026-04-crynodeb-gweithredol-f2-cy');
  const en = documentTexts(composeExecutiveSummary({ ...doc, language: 'en', figures: null })).map((x) => x.text);
  assert.equal(en[0], 'Executive summary: CTM/2026/04');
  assert.ok(en.includes('The board’s statement: what more will be done'));
  assert.ok(!en.some((t) => t.startsWith('Figures as on')), 'no figures: none shown');
});

test('the Welsh version as a tagged PDF (lang cy-GB, Welsh letters as text) and as Word', async () => {
  const model = composeExecutiveSummary(doc);
  const pdf = await renderDocument(model, 'pdf', { createdAt: new Date('2026-12-10T10:00:00Z') });
  const raw = pdf.toString('latin1');
  assert.match(raw, /\/Lang \(cy-GB\)/);
  assert.match(raw, /\/StructTreeRoot/);
  const lines = pdfTextLines(pdf).join(' ');
  assert.match(lines, /Crynodeb gweithredol: CTM\/2026\/04/);
  assert.match(lines, /testun â ŵ ŷ/);
  const docx = await renderDocument(model, 'docx', { createdAt: new Date('2026-12-10T10:00:00Z') });
  assert.ok(docxReading(docx).some((item) => item.text.includes('testun â ŵ ŷ')));
});
