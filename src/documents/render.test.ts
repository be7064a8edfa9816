import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { load } from 'cheerio/slim';
import { type DocumentModel, documentProblems, documentTexts, figureSvgProblems, svgSize } from '../domain/documents.ts';
import { LANGUAGES } from '../domain/organisation.ts';
import { childPseudonym } from '../domain/pseudonyms.ts';
import { sampleDocument, sampleFigure } from '../testing/document-fixtures.ts';
import { docxReading, pdfObjects, pdfStructure, pdfTextLines, readZipEntry } from '../testing/document-inspect.ts';
import { composeDecisionLetter, type DecisionLetter } from './decision-letter.ts';
import { escapeHtml, renderHtmlFragment } from './html.ts';
import { renderDocument } from './render.ts';

const letter: DecisionLetter = {
  board: { nameEn: 'Cardiff and Vale Safeguarding Children Board', nameCy: "Bwrdd Diogelu Plant Caerdydd a'r Fro", code: 'CYSUR' },
  reference: 'CYSUR/2026/03',
  pseudonym: childPseudonym(1),
  referralReceivedOn: '2026-10-01',
  incidentOn: '2026-09-20',
  decidedOn: '2026-11-27',
  decision: 'review',
  framework: { nameEn: 'Child Practice Review (2016)', nameCy: 'Adolygiad Ymarfer Plant (2016)' },
  reviewType: 'concise',
  agreesWithRecommendation: true,
  recommendation: { route: 'review', reasons: 'Several agencies knew the family.\nNone knew the whole picture.' },
  rationale: 'Mae angen i’r asiantaethau ddysgu ar y cyd: ŵyr ŷd.',
  chair: { fullName: 'Gwenllian Prys' },
  recipient: null,
};

/** The texts a reader of the HTML meets, in order: headings, paragraphs, list items, captions, cells, and images' alt text. */
function htmlReading(html: string): string[] {
  const $ = load(html);
  return $('article')
    .find('h1, h2, h3, h4, p, li, caption, th, td, img, figcaption')
    .toArray()
    .map((el) => (el.tagName === 'img' ? ($(el).attr('alt') ?? '') : $(el).text()));
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Every text of the model, except text alternatives, appears in the PDF's text in order; the alternatives are its Figures' /Alt. */
function assertPdfSays(pdf: Buffer, model: DocumentModel, label: string) {
  const text = squeeze(pdfTextLines(pdf).join(''));
  assert.ok(!text.includes('\uFFFD'), `${label}: every glyph maps back to text`);
  let from = 0;
  for (const { kind, text: expected } of documentTexts(model)) {
    if (kind === 'alt') continue;
    const at = text.indexOf(squeeze(expected), from);
    assert.ok(at >= from, `${label}: missing or out of order in the PDF: ${kind} "${expected}"`);
    from = at + squeeze(expected).length;
  }
  const alts = documentTexts(model)
    .filter((t) => t.kind === 'alt')
    .map((t) => t.text);
  assert.deepEqual(
    pdfStructure(pdf)
      .filter((e) => e.tag === 'Figure')
      .map((e) => e.alt),
    alts,
    `${label}: each figure is tagged with its text alternative`,
  );
}

const documents = (language: (typeof LANGUAGES)[number]) => ({
  'a document with every kind of block': sampleDocument(language),
  'the decision letter': composeDecisionLetter(letter, language),
});

for (const language of LANGUAGES) {
  describe(`the same text in the page, the Word file and the PDF (${language})`, () => {
    for (const [name, model] of Object.entries(documents(language))) {
      test(`${name}: every heading, paragraph, list item, table cell, caption and text alternative, in every rendering`, async () => {
        const expected = documentTexts(model).map((t) => t.text);
        assert.ok(expected.length > 5);

        const html = (await renderDocument(model, 'html')).toString('utf8');
        assert.deepEqual(htmlReading(html), expected, 'HTML');
        assert.match(html, new RegExp(`<html lang="${language}-GB">`));
        assert.equal(load(html)('title').text(), model.meta.title);

        const docx = await renderDocument(model, 'docx');
        assert.deepEqual(
          docxReading(docx).map((item) => item.text),
          expected,
          'Word',
        );

        const pdf = await renderDocument(model, 'pdf');
        assertPdfSays(pdf, model, 'PDF');
        const catalog = [...pdfObjects(pdf).values()].find((o) => o.dict.includes('/Type /Catalog'))?.dict ?? '';
        assert.match(catalog, new RegExp(`/Lang \\(${language}-GB\\)`));
      });
    }
  });
}

describe('document structure in each format', () => {
  test('the page: GOV.UK headings under the page’s own h1, lists, a table with column and row headers in a focusable region, emphasis', () => {
    const $ = load(renderHtmlFragment(sampleDocument('cy'), { headingOffset: 1 }));
    assert.equal($('article').attr('lang'), 'cy-GB');
    assert.deepEqual(
      $('h1, h2, h3, h4')
        .toArray()
        .map((h) => h.tagName),
      ['h2', 'h3', 'h4'],
    );
    assert.equal($('strong').text(), '14 atgyfeiriad');
    assert.equal($('em').text(), 'tri adolygiad');
    assert.equal($('ul.govuk-list--bullet > li').length, 2);
    assert.equal($('ol.govuk-list--number > li').length, 3);
    const region = $('.app-document__table');
    assert.equal(region.attr('role'), 'region');
    assert.equal(region.attr('tabindex'), '0');
    assert.equal($(`#${region.attr('aria-labelledby')}`).text(), 'Atgyfeiriadau ac adolygiadau fesul chwarter');
    assert.equal($('thead th[scope="col"]').length, 3);
    assert.equal($('tbody th[scope="row"]').length, 3);
    assert.equal($('tbody td').length, 6);
  });

  test('the Word file: heading styles, numbered and bulleted lists, header rows that repeat, captions, the language', async () => {
    const model = sampleDocument('cy');
    const docx = await renderDocument(model, 'docx');
    const reading = docxReading(docx);
    const style = (text: string) => reading.find((r) => r.text === text)?.style;
    assert.equal(style('Adroddiad blynyddol'), 'Heading1');
    assert.equal(style('Beth a ddysgwyd'), 'Heading2');
    assert.equal(style('Beth sy’n digwydd nesaf'), 'Heading3');
    assert.equal(style('Atgyfeiriadau ac adolygiadau fesul chwarter'), 'Caption');
    assert.equal(style('Ffigur 1: atgyfeiriadau ac adolygiadau'), 'Caption');
    const xml = readZipEntry(docx, 'word/document.xml')?.toString('utf8') ?? '';
    assert.equal((xml.match(/<w:tblHeader\/>/g) ?? []).length, 1, 'the header row repeats on each page');
    assert.equal((xml.match(/<w:numPr>/g) ?? []).length, 5, 'each list item is a list paragraph');
    assert.match(xml, /<w:b\/>[\s\S]*14 atgyfeiriad/);
    assert.match(xml, /<w:i\/>[\s\S]*tri adolygiad/);
    const styles = readZipEntry(docx, 'word/styles.xml')?.toString('utf8') ?? '';
    assert.match(styles, /<w:docDefaults>.*<w:lang w:val="cy-GB"\/>.*<\/w:docDefaults>/s);
  });

  test('the PDF: H1–H3, P, lists of LI with Lbl and LBody, a Table whose first child is its Caption, TH and TD cells, a Figure', async () => {
    const pdf = await renderDocument(sampleDocument('en'), 'pdf');
    const elements = pdfStructure(pdf);
    const count = (tag: string, parent?: string) => elements.filter((e) => e.tag === tag && (parent === undefined || e.parent === parent)).length;
    assert.equal(count('Document'), 1);
    assert.deepEqual([count('H1'), count('H2'), count('H3')], [1, 1, 1]);
    assert.equal(count('P', 'Document'), 2);
    assert.equal(count('L', 'Document'), 2);
    assert.equal(count('LI', 'L'), 5);
    assert.equal(count('Lbl', 'LI'), 5);
    assert.equal(count('LBody', 'LI'), 5);
    assert.equal(count('Table', 'Document'), 1);
    const table = elements.find((e) => e.tag === 'Table');
    const tableDict = pdfObjects(pdf).get(table?.id ?? 0)?.dict ?? '';
    const firstChild = Number(/\/K \[(\d+) 0 R/.exec(tableDict)?.[1]);
    assert.equal(elements.find((e) => e.id === firstChild)?.tag, 'Caption', 'the caption is the table’s first child');
    assert.equal(count('TR', 'Table'), 4);
    assert.equal(count('TH', 'TR'), 3 + 3, 'the header row and each row’s first cell');
    assert.equal(count('TD', 'TR'), 6);
    assert.equal(count('Figure', 'Document'), 1);
    assert.equal(count('Caption', 'Document'), 1, 'the figure’s caption');
  });
});

describe('figures', () => {
  const model = sampleDocument('cy');
  const figure = model.blocks.find((b) => b.type === 'figure');
  assert.ok(figure?.type === 'figure');

  test('on the page: the SVG itself, as an image with its text alternative and its size', async () => {
    const $ = load((await renderDocument(model, 'html')).toString('utf8'));
    const img = $('figure.app-document__figure img');
    assert.equal(img.attr('alt'), 'Siart bar: 14 atgyfeiriad a 3 adolygiad eleni.');
    const src = img.attr('src') ?? '';
    assert.ok(src.startsWith('data:image/svg+xml;base64,'));
    assert.equal(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64').toString('utf8'), figure.svg);
    assert.deepEqual([img.attr('width'), img.attr('height')], ['400', '220']);
    assert.equal($('figure figcaption').text(), 'Ffigur 1: atgyfeiriadau ac adolygiadau');
  });

  test('in the Word file: the same SVG, a PNG made from it for Word processors without SVG, and the text alternative', async () => {
    const docx = await renderDocument(model, 'docx');
    const svg = readZipEntry(docx, 'word/media/image1.svg');
    const png = readZipEntry(docx, 'word/media/image1.png');
    assert.equal(svg?.toString('utf8'), figure.svg);
    assert.ok(png, 'a PNG rendering of the figure');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [800, 440], 'drawn at twice the figure’s size');
    const xml = readZipEntry(docx, 'word/document.xml')?.toString('utf8') ?? '';
    assert.match(xml, /<asvg:svgBlip [^>]*r:embed=/, 'Word shows the SVG, with the PNG as its fallback');
    assert.deepEqual(
      docxReading(docx)
        .filter((item) => item.kind === 'picture')
        .map((item) => item.text),
      ['Siart bar: 14 atgyfeiriad a 3 adolygiad eleni.'],
    );
  });

  test('in the PDF: the figure drawn from the SVG inside a Figure element that carries the text alternative, with embedded fonts only', async () => {
    const pdf = await renderDocument(model, 'pdf');
    assert.deepEqual(
      pdfStructure(pdf)
        .filter((e) => e.tag === 'Figure')
        .map((e) => e.alt),
      ['Siart bar: 14 atgyfeiriad a 3 adolygiad eleni.'],
    );
    const objects = [...pdfObjects(pdf).values()];
    const content = objects.map((o) => o.stream?.toString('latin1') ?? '').join('\n');
    const marked = /\/Figure <<\s*\/MCID \d+\s*>> BDC([\s\S]*?)\nEMC/.exec(content)?.[1] ?? '';
    assert.ok((marked.match(/\nf\n/g) ?? []).length >= 3, 'the background and both bars are drawn as filled paths');
    assert.match(marked, /0\.11\d* 0\.43\d* 0\.72\d* scn/, 'the blue bar (#1d70b8) is drawn in its colour');
    assert.ok(pdfTextLines(pdf).includes('Atgyfeiriadau ac adolygiadau: ŵyr ŷd'), 'the figure’s own text, in an embedded font');
    assert.ok(!objects.some((o) => /\/BaseFont \/(Helvetica|Times|Courier)/.test(o.dict)));
    const figureDict = objects.find((o) => /\/S \/Figure\n/.test(o.dict))?.dict ?? '';
    assert.match(figureDict, /\/BBox \[/, 'the figure has a bounding box');
  });
});

describe('what a renderer refuses', () => {
  test('an SVG that could run, fetch or read something is not a figure', () => {
    assert.deepEqual(figureSvgProblems(sampleFigure()), []);
    const svg = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${inner}</svg>`;
    for (const [inner, problem] of [
      ['<script>alert(1)</script>', 'script'],
      ['<rect onclick="alert(1)" width="1" height="1"/>', 'event handler'],
      ['<image href="file:///etc/passwd" width="1" height="1"/>', 'embedded content'],
      ['<use xlink:href="other.svg#a"/>', 'external reference'],
      ['<rect style="fill:url(https://example.org/x)" width="1" height="1"/>', 'external url()'],
      ['<foreignObject><p>x</p></foreignObject>', 'foreignObject'],
    ] as const) {
      assert.ok(figureSvgProblems(svg(inner)).includes(problem), `${inner}: ${problem}`);
    }
    assert.deepEqual(figureSvgProblems(svg('<use href="#a"/><rect fill="url(#g)"/>')), []);
    assert.ok(figureSvgProblems('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg/>').includes('declarations'));
    assert.deepEqual(svgSize(svg('')), { width: 10, height: 10 });
  });

  test('a model with an empty text, a table without a caption or header row, or a figure without a text alternative is refused', async () => {
    const broken: DocumentModel = {
      meta: { title: 'T', language: 'en', author: 'A' },
      blocks: [
        { type: 'heading', level: 1, text: ' ' },
        { type: 'table', caption: '', head: [], body: [['a', 'b'], ['c']] },
        { type: 'figure', svg: sampleFigure(), alt: '' },
      ],
    };
    assert.deepEqual(documentProblems(broken), [
      'block 1 (heading): empty',
      'block 2 (table): no caption',
      'block 2 (table): no header row',
      'block 2 (table): rows of different widths',
      'block 3 (figure): no text alternative',
    ]);
    for (const format of ['html', 'docx', 'pdf'] as const) await assert.rejects(renderDocument(broken, format), /cannot be rendered: block 1/);
  });

  test('text is escaped in the page and the file: nothing in a document becomes markup', async () => {
    const hostile = '<script>alert("x")</script> & \'quoted\'';
    const model: DocumentModel = {
      meta: { title: hostile, language: 'en', author: hostile },
      blocks: [
        { type: 'heading', level: 1, text: hostile },
        { type: 'paragraph', runs: [{ text: hostile, strong: true }] },
        { type: 'list', ordered: false, items: [hostile] },
        { type: 'table', caption: hostile, head: [[hostile]], body: [[hostile]] },
        { type: 'figure', svg: sampleFigure(), alt: `${hostile}" onerror="alert(1)` },
      ],
    };
    const html = (await renderDocument(model, 'html')).toString('utf8');
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('" onerror="'));
    assert.equal(escapeHtml(hostile), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
    const $ = load(html);
    assert.equal($('script').length, 0);
    assert.equal($('h1').text(), hostile);
    assert.equal($('img').attr('alt'), `${hostile}" onerror="alert(1)`);
    assert.equal($('img').attr('onerror'), undefined);
  });

  test('a title or author with & and < keeps the PDF’s metadata well-formed XML', async () => {
    const pdf = await renderDocument(
      { meta: { title: 'Cardiff & Vale <draft>', language: 'en', author: 'A & B' }, blocks: [{ type: 'heading', level: 1, text: 'x' }] },
      'pdf',
    );
    const xmp = [...pdfObjects(pdf).values()].find((o) => o.dict.includes('/Type /Metadata'))?.stream?.toString('utf8') ?? '';
    assert.match(xmp, /<rdf:li xml:lang="x-default">Cardiff &amp; Vale &lt;draft&gt;<\/rdf:li>/);
    assert.match(xmp, /<rdf:li>A &amp; B<\/rdf:li>/);
    const info = [...pdfObjects(pdf).values()].map((o) => o.dict);
    assert.ok(info.includes('(Cardiff & Vale <draft>)'), 'the Info dictionary keeps the title as written');
  });
});
