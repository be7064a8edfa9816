import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type DocumentModel, documentTexts } from '../domain/documents.ts';
import { LANGUAGES, type Language } from '../domain/organisation.ts';
import { LEARNING_ROUTES } from '../domain/referrals/referral.ts';
import { translator } from '../i18n.ts';
import { pdfObjects, pdfTextLines, readZipEntry } from '../testing/document-inspect.ts';
import { composeDecisionLetter, type DecisionLetter, decisionLetterFileName } from './decision-letter.ts';
import { renderDocument } from './render.ts';

const letter: DecisionLetter = {
  board: { nameEn: 'Cardiff and Vale Safeguarding Children Board', nameCy: "Bwrdd Diogelu Plant Caerdydd a'r Fro", code: 'CYSUR' },
  reference: 'CYSUR/2026/03',
  pseudonym: { kind: 'child', index: 1 },
  referralReceivedOn: '2026-10-01',
  incidentOn: '2026-09-20',
  decidedOn: '2026-11-27',
  decision: 'review',
  framework: { nameEn: 'Serious Case Review (2006)', nameCy: 'Adolygiad Achos Difrifol (2006)' },
  reviewType: 'extended',
  agreesWithRecommendation: false,
  recommendation: { route: 'single_agency_review', reasons: 'Only one agency had contact with the family.\nThe others knew of the child only through school.' },
  rationale: 'Ŵyr ŷd: roedd mwy nag un asiantaeth yn rhan o fywyd y plentyn.\n\nMae angen i’r grŵp ddysgu ar y cyd.',
  chair: { fullName: 'Gwenllian Prys' },
  recipient: { fullName: 'Dafydd Jones', role: 'Director of Social Services' },
};

// The letter has no place for the child's name: only the pseudonym code. Checked by tsc and at run time.
const noChildName: 'childName' extends keyof DecisionLetter ? false : 'name' extends keyof DecisionLetter ? false : true = true;

const xmlText = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The paragraphs of word/document.xml: their heading style (if any) and text. */
function docxParagraphs(docx: Buffer): { style: string | null; text: string }[] {
  const xml = readZipEntry(docx, 'word/document.xml')?.toString('utf8') ?? '';
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map(([, body = '']) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? null,
    text: xmlText([...body.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  }));
}

const expectedDocx = (composed: DocumentModel) =>
  documentTexts(composed).map((b) => ({ style: b.kind === 'h1' ? 'Heading1' : b.kind === 'h2' ? 'Heading2' : null, text: b.text }));

/** The letter's texts in order (it has headings and paragraphs only). */
const texts = (composed: DocumentModel) => documentTexts(composed).map((b) => b.text);

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Every variant of the letter: each decision and recommendation, agreeing or not, with and without a recipient and reference. */
function variants(): DecisionLetter[] {
  const out: DecisionLetter[] = [];
  for (const decision of LEARNING_ROUTES)
    for (const route of LEARNING_ROUTES)
      for (const recipient of [letter.recipient, null])
        for (const reference of [letter.reference, null])
          for (const reviewType of ['concise', 'extended', null] as const)
            for (const framework of [letter.framework, null])
              out.push({
                ...letter,
                decision,
                recommendation: { ...letter.recommendation, route },
                agreesWithRecommendation: decision === route,
                recipient,
                reference,
                reviewType,
                framework,
              });
  return out;
}

describe('decision letter wording', () => {
  test('the letter type has no field for the child’s name', () => {
    assert.equal(noChildName, true);
    assert.deepEqual(
      Object.keys(letter).filter((k) => /name/i.test(k)),
      [],
    );
  });

  test('every variant in both languages uses only translated labels from the documents namespace', () => {
    for (const language of LANGUAGES) {
      for (const variant of variants()) {
        const composed = composeDecisionLetter(variant, language);
        for (const block of [...documentTexts(composed), { kind: 'title', text: composed.meta.title }]) {
          assert.ok(block.text.trim() !== '', `empty ${block.kind}`);
          assert.doesNotMatch(block.text, /decisionLetter\.|documents:|\{\{|undefined|null/, `${language} ${variant.decision}: ${block.text}`);
        }
      }
    }
  });

  test('everything but the names and free text differs between English and Welsh', () => {
    const free = new Set([letter.recipient?.fullName, letter.recipient?.role, letter.chair.fullName]);
    for (const variant of variants().filter((_, i) => i % 7 === 0)) {
      const en = documentTexts(composeDecisionLetter(variant, 'en'));
      const cy = documentTexts(composeDecisionLetter(variant, 'cy'));
      assert.equal(cy.length, en.length);
      en.forEach((block, i) => {
        const welsh = cy[i]?.text ?? '';
        const isFreeText = free.has(block.text) || variant.rationale.includes(block.text) || variant.recommendation.reasons.includes(block.text);
        if (isFreeText) assert.equal(welsh, block.text);
        else assert.notEqual(welsh, block.text, `untranslated: ${block.text}`);
      });
    }
  });

  test('the Welsh letter is written in Welsh throughout: board, dates, framework, decision, greeting and sign-off', () => {
    const t = translator('cy');
    const text = texts(composeDecisionLetter(letter, 'cy'));
    assert.equal(text[0], "Bwrdd Diogelu Plant Caerdydd a'r Fro");
    assert.ok(text.includes('Dyddiad: 27 Tachwedd 2026'));
    assert.ok(text.includes('Ein cyfeirnod: CYSUR/2026/03'));
    assert.ok(text.includes('Annwyl Dafydd Jones'));
    assert.ok(text.includes('Penderfyniad ar yr atgyfeiriad ynghylch Plentyn A'), 'the pseudonym in Welsh');
    assert.ok(text.some((s) => s.includes('1 Hydref 2026') && s.includes('20 Medi 2026')));
    assert.ok(text.includes('Rwyf wedi penderfynu y cynhelir adolygiad o dan fframwaith Adolygiad Achos Difrifol (2006). Adolygiad estynedig fydd hwn.'));
    assert.ok(text.includes(`${t('documents:decisionLetter.recommendation.single_agency_review')} ${t('documents:decisionLetter.differs')}`));
    assert.ok(text.includes('Ŵyr ŷd: roedd mwy nag un asiantaeth yn rhan o fywyd y plentyn.'));
    assert.ok(text.includes('Cyfeirnod yr adolygiad yw CYSUR/2026/03. Nodwch y cyfeirnod hwn ym mhob gohebiaeth.'));
    assert.ok(text.includes(t('documents:decisionLetter.dataProtection')));
    assert.deepEqual(text.slice(-3), ['Yn gywir', 'Gwenllian Prys', "Cadeirydd, Bwrdd Diogelu Plant Caerdydd a'r Fro"]);
  });

  test('the file name is the review reference, or the board’s code and the pseudonym, and the letter’s language', () => {
    assert.equal(decisionLetterFileName(letter, 'en'), 'CYSUR-2026-03-decision-letter-en');
    assert.equal(decisionLetterFileName(letter, 'cy'), 'CYSUR-2026-03-llythyr-penderfyniad-cy');
    assert.equal(decisionLetterFileName({ ...letter, reference: null }, 'cy'), 'CYSUR-Plentyn-A-llythyr-penderfyniad-cy');
  });

  test('the letter’s title, author and subject are in its language, and its decision is in bold', () => {
    const model = composeDecisionLetter(letter, 'cy');
    assert.deepEqual(model.meta, {
      title: 'Llythyr penderfyniad: atgyfeiriad ynghylch Plentyn A',
      language: 'cy',
      author: "Bwrdd Diogelu Plant Caerdydd a'r Fro",
      subject: 'Penderfyniad ar yr atgyfeiriad ynghylch Plentyn A',
    });
    const bold = model.blocks.flatMap((b) => (b.type === 'paragraph' ? b.runs.filter((r) => r.strong).map((r) => r.text) : []));
    assert.deepEqual(bold, ['Rwyf wedi penderfynu y cynhelir adolygiad o dan fframwaith Adolygiad Achos Difrifol (2006). Adolygiad estynedig fydd hwn.']);
  });

  test('a letter for the file has no addressee, quotes the referral when there is no review reference, and closes formally', () => {
    const text = texts(composeDecisionLetter({ ...letter, decision: 'no_review', recipient: null, reference: null, agreesWithRecommendation: true }, 'en'));
    assert.ok(text.includes('Our reference: Referral about Child A'));
    assert.ok(text.includes('To whom it may concern'));
    assert.ok(!text.some((s) => s.includes('Dafydd Jones')));
    assert.ok(text.includes('I have decided that a review will not be held.'));
    assert.ok(text.includes('The management group recommended that a single-agency review be held. I agree with that recommendation.'));
    assert.ok(!text.some((s) => s.includes('Please quote it')));
    assert.equal(text.at(-3), 'Yours faithfully');
  });
});

for (const language of LANGUAGES satisfies readonly Language[]) {
  describe(`decision letter files (${language})`, () => {
    const composed = composeDecisionLetter(letter, language);

    test('Word: a document package whose paragraphs, headings, language and title are the letter’s', async () => {
      const docx = await renderDocument(composed, 'docx');
      assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK');
      assert.deepEqual(docxParagraphs(docx), expectedDocx(composed));
      const styles = readZipEntry(docx, 'word/styles.xml')?.toString('utf8') ?? '';
      assert.match(styles, new RegExp(`<w:docDefaults>.*<w:lang w:val="${language}-GB"/>.*</w:docDefaults>`, 's'));
      assert.match(styles, /w:styleId="Heading1"/);
      assert.match(styles, /w:styleId="Heading2"/);
      const core = readZipEntry(docx, 'docProps/core.xml')?.toString('utf8') ?? '';
      assert.equal(xmlText(/<dc:title>([^<]*)<\/dc:title>/.exec(core)?.[1] ?? ''), composed.meta.title);
      const body = docxParagraphs(docx)
        .map((p) => p.text)
        .join('\n');
      assert.ok(body.includes('Ŵyr ŷd'));
      assert.ok(body.includes(language === 'cy' ? 'Plentyn A' : 'Child A'));
    });

    test('PDF: tagged PDF/UA in the letter’s language with an embedded font, and text that reads back exactly', async () => {
      const pdf = await renderDocument(composed, 'pdf');
      assert.equal(pdf.subarray(0, 8).toString('latin1'), '%PDF-1.7');
      const objects = [...pdfObjects(pdf).values()];
      const catalog = objects.find((o) => o.dict.includes('/Type /Catalog'))?.dict ?? '';
      assert.match(catalog, /\/StructTreeRoot \d+ 0 R/);
      assert.match(catalog, /\/MarkInfo \d+ 0 R/);
      assert.match(catalog, new RegExp(`/Lang \\(${language}-GB\\)`));
      assert.ok(objects.some((o) => o.dict.includes('/FontFile2')));
      assert.ok(!objects.some((o) => o.dict.includes('/BaseFont /Helvetica')));
      const pdfObjectsById = pdfObjects(pdf);
      const infoTitle = objects.map((o) => /\/Title (\d+) 0 R/.exec(o.dict)?.[1]).find((id) => id !== undefined);
      assert.equal(pdfObjectsById.get(Number(infoTitle))?.dict, `(${composed.meta.title})`);

      const tags = objects.map((o) => /\/S \/(\w+)\n/.exec(o.dict)?.[1]).filter((tag) => tag !== undefined);
      const count = (tag: string) => tags.filter((x) => x === tag).length;
      assert.equal(count('Document'), 1);
      const blocks = documentTexts(composed);
      assert.equal(count('H1'), blocks.filter((b) => b.kind === 'h1').length);
      assert.equal(count('H2'), blocks.filter((b) => b.kind === 'h2').length);
      assert.equal(count('P'), blocks.filter((b) => b.kind === 'p').length);

      // Decoded through the embedded fonts' ToUnicode maps: ŵ and ŷ survive, and every block appears in order.
      const text = collapse(pdfTextLines(pdf).join(' '));
      assert.ok(text.includes('Ŵyr ŷd'));
      assert.ok(!text.includes('\uFFFD'));
      let from = 0;
      for (const block of blocks) {
        const at = text.indexOf(collapse(block.text), from);
        assert.ok(at >= from, `missing or out of order in the PDF: ${block.text}`);
        from = at + collapse(block.text).length;
      }
    });
  });
}
