// The HTML rendering of a document: GOV.UK Design System markup, as a fragment for a page of the service
// (inside its layout, headings moved down a level under the page's own h1) or as a whole file (the CLI's
// --format html, the API's format=html). One renderer for both, so the page and the file say the same.
// Every text and attribute goes through escapeHtml; figures are <img> elements with the SVG as a data: URL
// (allowed by the service's Content-Security-Policy), so nothing in a figure can run in the page.
import { type Block, type DocumentModel, LANGUAGE_TAGS, svgSize, type TextRun } from '../domain/documents.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const HEADING_CLASSES = ['govuk-heading-xl', 'govuk-heading-l', 'govuk-heading-m', 'govuk-heading-s', 'govuk-heading-s', 'govuk-heading-s'];
const SPACE_CLASSES = { none: ' govuk-!-margin-bottom-0', normal: '', large: ' govuk-!-margin-bottom-8' } as const;

function runs(list: readonly TextRun[]): string {
  return list
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.emphasis) html = `<em>${html}</em>`;
      if (run.strong) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

export interface HtmlOptions {
  /** Added to every heading's level: 1 on a page whose own h1 is the page title. */
  headingOffset?: number;
}

function block(b: Block, index: number, opts: Required<HtmlOptions>): string {
  switch (b.type) {
    case 'heading': {
      const level = Math.min(6, b.level + opts.headingOffset);
      return `<h${level} class="${HEADING_CLASSES[level - 1]}">${escapeHtml(b.text)}</h${level}>`;
    }
    case 'paragraph':
      return `<p class="govuk-body${SPACE_CLASSES[b.space ?? 'normal']}">${runs(b.runs)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const items = b.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('');
      return `<${tag} class="govuk-list govuk-list--${b.ordered ? 'number' : 'bullet'}">${items}</${tag}>`;
    }
    case 'table': {
      const head = b.head.map(
        (row) => `<tr class="govuk-table__row">${row.map((cell) => `<th scope="col" class="govuk-table__header">${escapeHtml(cell)}</th>`).join('')}</tr>`,
      );
      const body = b.body.map(
        (row) =>
          `<tr class="govuk-table__row">${row
            .map((cell, i) =>
              i === 0 && b.rowHeaders
                ? `<th scope="row" class="govuk-table__header">${escapeHtml(cell)}</th>`
                : `<td class="govuk-table__cell">${escapeHtml(cell)}</td>`,
            )
            .join('')}</tr>`,
      );
      // A wide table scrolls within its own focusable region, so the page itself never scrolls sideways (WCAG 1.4.10).
      const id = `document-table-${index + 1}`;
      return (
        `<div class="app-document__table" role="region" aria-labelledby="${id}" tabindex="0">` +
        `<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--s" id="${id}">${escapeHtml(b.caption)}</caption>` +
        `<thead class="govuk-table__head">${head.join('')}</thead><tbody class="govuk-table__body">${body.join('')}</tbody></table></div>`
      );
    }
    case 'figure': {
      const { width, height } = svgSize(b.svg);
      const src = `data:image/svg+xml;base64,${Buffer.from(b.svg, 'utf8').toString('base64')}`;
      const caption = b.caption ? `<figcaption class="govuk-body-s">${escapeHtml(b.caption)}</figcaption>` : '';
      return `<figure class="app-document__figure"><img src="${src}" alt="${escapeHtml(b.alt)}" width="${Math.round(width)}" height="${Math.round(height)}">${caption}</figure>`;
    }
  }
}

/** The document as an HTML fragment for a GOV.UK page: an <article> in the document's language. */
export function renderHtmlFragment(model: DocumentModel, options: HtmlOptions = {}): string {
  const opts = { headingOffset: options.headingOffset ?? 0 };
  const body = model.blocks.map((b, i) => block(b, i, opts)).join('\n');
  return `<article class="app-document" lang="${LANGUAGE_TAGS[model.meta.language]}">\n${body}\n</article>`;
}

/** Just enough of the GOV.UK styles for a file opened on its own, offline, at any width. */
const FILE_STYLES = `
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #0b0c0c; line-height: 1.3; }
main { max-width: 40em; margin: 0 auto; padding: 20px 15px; }
.govuk-heading-xl { font-size: 2rem; margin: 0 0 1.5rem; }
.govuk-heading-l { font-size: 1.6rem; margin: 0 0 1.2rem; }
.govuk-heading-m { font-size: 1.3rem; margin: 1.2rem 0 0.8rem; }
.govuk-heading-s { font-size: 1.1rem; margin: 1rem 0 0.6rem; }
.govuk-body, .govuk-list { font-size: 1.1rem; margin: 0 0 1.2rem; }
.govuk-body-s { font-size: 0.95rem; }
.govuk-list--bullet, .govuk-list--number { padding-left: 1.25em; }
.govuk-\\!-margin-bottom-0 { margin-bottom: 0; }
.govuk-\\!-margin-bottom-8 { margin-bottom: 3rem; }
.app-document__table { overflow-x: auto; margin-bottom: 1.2rem; }
.govuk-table { border-collapse: collapse; width: 100%; }
.govuk-table__caption { text-align: left; font-weight: 700; margin-bottom: 0.5rem; }
.govuk-table__header, .govuk-table__cell { text-align: left; padding: 0.5rem 1rem 0.5rem 0; border-bottom: 1px solid #b1b4b6; vertical-align: top; }
.app-document__figure { margin: 0 0 1.2rem; }
.app-document__figure img { max-width: 100%; height: auto; }
`;

/** The document as a whole HTML file: its language, title and author, readable offline. */
export function renderHtmlFile(model: DocumentModel): Buffer {
  const lang = LANGUAGE_TAGS[model.meta.language];
  const html = `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.meta.title)}</title>
<meta name="author" content="${escapeHtml(model.meta.author)}">${model.meta.subject ? `\n<meta name="description" content="${escapeHtml(model.meta.subject)}">` : ''}
<style>${FILE_STYLES}</style>
</head>
<body>
<main>
${renderHtmlFragment(model)}
</main>
</body>
</html>
`;
  return Buffer.from(html, 'utf8');
}
