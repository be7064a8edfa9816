// A document model as Word (.docx, the `docx` package): real heading styles, lists Word knows as lists,
// tables whose header rows repeat on each page, and figures as the SVG with a PNG made from it (svgToPng) for
// Word processors that cannot show SVG, each with its text alternative (the picture's description). The
// document's language is the default run language, so spelling and screen readers use Welsh or English.
import { type DocumentModel, LANGUAGE_TAGS, type ParagraphSpace, svgSize } from '../domain/documents.ts';
import { svgToPng } from './figures.ts';

/** Word measures paragraph spacing in twentieths of a point; one line of 11pt text is about 264. */
const LINE = 264;
const SPACE_AFTER: Record<ParagraphSpace, number> = { none: 0, normal: Math.round(0.8 * LINE), large: 2 * LINE };
/** The widest a figure is shown, in CSS pixels: the text width of an A4 page with Word's default margins. */
const MAX_FIGURE_WIDTH = 600;
/** The same on a landscape page. */
const MAX_LANDSCAPE_FIGURE_WIDTH = 900;
const ORDERED = 'ordered-list';

export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  // Loaded on first use, like pdfkit: it is large and most requests never need it.
  const docx = await import('docx');
  const { AlignmentType, Document, HeadingLevel, ImageRun, LevelFormat, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } =
    docx;
  const landscape = model.meta.orientation === 'landscape';
  const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  const children: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [];
  const caption = (text: string) => new Paragraph({ style: 'Caption', children: [new TextRun(text)] });
  const cellParagraph = (text: string, bold: boolean) => new Paragraph({ children: [new TextRun({ text, bold })] });
  let orderedLists = 0;
  let figures = 0;

  for (const b of model.blocks) {
    switch (b.type) {
      case 'heading':
        children.push(new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun(b.text)] }));
        break;
      case 'paragraph':
        children.push(
          new Paragraph({
            children: b.runs.map((r) => new TextRun({ text: r.text, bold: r.strong === true, italics: r.emphasis === true })),
            spacing: { after: SPACE_AFTER[b.space ?? 'normal'] },
          }),
        );
        break;
      case 'list': {
        // Each numbered list starts again at 1: its own instance of the numbering.
        const instance = b.ordered ? ++orderedLists : 0;
        b.items.forEach((item, i) => {
          const spacing = { after: i === b.items.length - 1 ? SPACE_AFTER.normal : 60 };
          children.push(
            b.ordered
              ? new Paragraph({ text: item, numbering: { reference: ORDERED, level: 0, instance }, spacing })
              : new Paragraph({ text: item, bullet: { level: 0 }, spacing }),
          );
        });
        break;
      }
      case 'table': {
        children.push(caption(b.caption));
        const rows = [
          ...b.head.map((row) => new TableRow({ tableHeader: true, children: row.map((text) => new TableCell({ children: [cellParagraph(text, true)] })) })),
          ...b.body.map(
            (row) => new TableRow({ children: row.map((text, i) => new TableCell({ children: [cellParagraph(text, i === 0 && b.rowHeaders === true)] })) }),
          ),
        ];
        children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
        children.push(new Paragraph({ children: [], spacing: { after: SPACE_AFTER.normal } }));
        break;
      }
      case 'figure': {
        figures++;
        const size = svgSize(b.svg);
        const scale = Math.min(1, (landscape ? MAX_LANDSCAPE_FIGURE_WIDTH : MAX_FIGURE_WIDTH) / size.width);
        const transformation = { width: Math.round(size.width * scale), height: Math.round(size.height * scale) };
        const png = await svgToPng(b.svg);
        children.push(
          new Paragraph({
            children: [
              new ImageRun({
                type: 'svg',
                data: Buffer.from(b.svg, 'utf8'),
                fallback: { type: 'png', data: png },
                transformation,
                altText: { name: `Figure ${figures}`, title: b.caption ?? '', description: b.alt },
              }),
            ],
            spacing: { after: b.caption ? 60 : SPACE_AFTER.normal },
          }),
        );
        if (b.caption) children.push(caption(b.caption));
        break;
      }
    }
  }

  const document = new Document({
    title: model.meta.title,
    subject: model.meta.subject ?? '',
    creator: model.meta.author,
    lastModifiedBy: model.meta.author,
    styles: {
      default: { document: { run: { font: 'Arial', size: 22, language: { value: LANGUAGE_TAGS[model.meta.language] } } } },
      paragraphStyles: [
        {
          id: 'Caption',
          name: 'caption',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { bold: true, size: 20 },
          paragraph: { spacing: { after: 120 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [{ properties: landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {}, children }],
  });
  return Packer.toBuffer(document);
}
