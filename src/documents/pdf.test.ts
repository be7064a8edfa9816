import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfObjects, pdfTextLines } from '../testing/document-inspect.ts';
import { createTaggedPdf } from './pdf.ts';

const dicts = (pdf: Buffer) => [...pdfObjects(pdf).values()].map((o) => o.dict);

test('a tagged PDF carries its language, title, structure tree and PDF/UA identification', async () => {
  const pdf = await createTaggedPdf('Adroddiad: Ŵyr ŷd', 'cy');
  pdf.h1('Pennawd');
  pdf.h2('Is-bennawd');
  pdf.p('Paragraff cyntaf.');
  pdf.p('Ail baragraff.');
  const bytes = await pdf.finish();
  const raw = bytes.toString('latin1');

  assert.equal(raw.slice(0, 8), '%PDF-1.7');
  const all = dicts(bytes);
  const catalog = all.find((d) => d.includes('/Type /Catalog')) ?? '';
  assert.match(catalog, /\/Lang \(cy-GB\)/);
  assert.match(catalog, /\/StructTreeRoot \d+ 0 R/);
  assert.match(catalog, /\/MarkInfo \d+ 0 R/);
  assert.ok(all.some((d) => d.includes('/Marked true')));
  assert.ok(all.some((d) => d.includes('/DisplayDocTitle true')));
  const metadata = [...pdfObjects(bytes).values()].find((o) => o.dict.includes('/Type /Metadata'))?.stream?.toString('utf8') ?? '';
  assert.match(metadata, /pdfuaid:part>1</);
  assert.match(metadata, /Adroddiad: Ŵyr ŷd/);

  const tags = all.map((d) => /\/S \/(\w+)/.exec(d)?.[1]).filter(Boolean);
  assert.deepEqual(tags.sort(), ['Document', 'H1', 'H2', 'P', 'P'].sort());
  assert.deepEqual(pdfTextLines(bytes), ['Pennawd', 'Is-bennawd', 'Paragraff cyntaf.', 'Ail baragraff.']);
});

test('fonts are embedded TrueType, never an unembedded standard font', async () => {
  const pdf = await createTaggedPdf('Report', 'en');
  pdf.h1('Heading');
  pdf.p('Body text.');
  const all = dicts(await pdf.finish());
  assert.ok(all.some((d) => d.includes('/FontFile2')));
  assert.ok(!all.some((d) => /\/BaseFont \/(Helvetica|Times|Courier)/.test(d)));
  assert.ok(all.every((d) => !d.includes('/Type /Font') || d.includes('DejaVuSans')));
});

test('text that runs over several pages keeps every paragraph tagged and readable', async () => {
  const pdf = await createTaggedPdf('Long report', 'en');
  pdf.h1('Long report');
  const paragraphs = Array.from({ length: 80 }, (_, i) => `Paragraph ${i + 1}: the lessons learned by the agencies, and what each will change.`);
  for (const text of paragraphs) pdf.p(text);
  const bytes = await pdf.finish();
  const all = dicts(bytes);
  const pageCount = all.filter((d) => /\/Type \/Page\n/.test(d)).length;
  assert.ok(pageCount >= 2, `expected several pages, got ${pageCount}`);
  assert.equal(all.filter((d) => d.includes('/S /P\n')).length, paragraphs.length);
  const text = pdfTextLines(bytes).join(' ').replace(/\s+/g, ' ');
  for (const p of paragraphs) assert.ok(text.includes(p), p);
});
