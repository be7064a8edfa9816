// The public pages of released reviews (issue 13 item 5), no sign-in: /published — the list (framework, board,
// year, themes; newest first, a page at a time), the reviews whose publication is delayed by parallel proceedings
// where their board chose to say so, and a search box (GET: works without JavaScript) over published text only;
// /published/{id} — a publication, HTML first (its executive summary's sections in the reader's language, the
// board's statement and figures among them) with links to the same content as tagged PDF and Word; a withdrawn
// one says "No longer published" and nothing else. English and Welsh (?lang=cy). Everything comes from the public
// snapshot (PublishedService): an id no released review has — unpublished, embargoed, random, malformed — is the
// same 404. Public reads: declared, never read-audited (they show no case material).
import type { FastifyInstance } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import type { Language } from '../../../domain/organisation.ts';
import { searchShown } from '../../../domain/publication/published.ts';
import type { PublishedItem } from '../../../services/publication/published-service.ts';
import { urls } from '../../../urls.ts';
import { displayDate } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { paginationView, requestedPage } from '../../pagination.ts';

type Params = { publicationId: string };
type Query = { page?: unknown; q?: unknown };

const themeNames = (t: TFunction, themes: readonly string[]) => themes.map((th) => t(`learning-event:themes.${th}`));

/** What the list and the page show of a publication in the reader's language. */
function itemView(t: TFunction, lang: Language, item: PublishedItem) {
  return {
    href: urls.publishedReview(item.id),
    title: item.title[lang],
    board: item.boardName[lang],
    framework: item.frameworkName[lang],
    year: String(item.year),
    publishedOn: displayDate(t, item.publishedAt),
    themes: item.status === 'published' ? themeNames(t, item.themes) : [],
    withdrawn: item.status === 'withdrawn',
  };
}

/** A section's text as paragraphs (blank lines and line breaks split it; Nunjucks escapes each). */
const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

export default async function publishedRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { published } = opts.services;

  app.get(urls.published.pattern, { config: { access: 'public', audit: 'PUBLISHED_LISTED' } }, async (req, reply) => {
    const query = (req.query ?? {}) as Query;
    const { t, lang } = req;
    const search = searchShown(query.q);
    const list = await published.list({ page: requestedPage(query.page), search });
    const href = (page: number) => urls.published({ q: search, page });
    return reply.page('features/published/list.njk', {
      search,
      searched: list.searched,
      total: list.total,
      items: list.items.map((i) => itemView(t, lang, i)),
      delayed: list.delayed.map((d) => (lang === 'cy' ? d.boardNameCy : d.boardNameEn)),
      pagination: paginationView(t, { page: list.page, pages: list.pages, href, landmarkLabel: t('published:list.paginationLabel') }),
    });
  });

  app.get(urls.publishedReview.pattern, { config: { access: 'public', audit: 'PUBLISHED_VIEWED' } }, async (req, reply) => {
    const p = req.params as Params;
    const { t, lang } = req;
    const found = await published.publication(p.publicationId, lang);
    const has = (document: string, language: Language) => found.documents.some((d) => d.document === document && d.language === language);
    const reportLanguage: Language | null = has('report', lang) ? lang : has('report', 'en') ? 'en' : null;
    return reply.page('features/published/publication.njk', {
      item: itemView(t, lang, found.item),
      summary: found.summary
        ? {
            title: found.summary.title,
            version: found.summary.version,
            sections: found.summary.sections.map((s) => ({ id: s.id, title: s.title, paragraphs: paragraphs(s.text) })),
          }
        : null,
      files: found.summary
        ? {
            pdf: urls.publishedSummaryFile(p.publicationId, 'pdf', { lang }),
            docx: urls.publishedSummaryFile(p.publicationId, 'docx', { lang }),
          }
        : null,
      report: reportLanguage
        ? {
            language: reportLanguage,
            other: reportLanguage !== lang,
            pdf: urls.publishedReportFile(p.publicationId, 'pdf', { lang }),
            docx: urls.publishedReportFile(p.publicationId, 'docx', { lang }),
          }
        : null,
      backLink: urls.published(),
    });
  });

  for (const [document, builder] of [
    ['summary', urls.publishedSummaryFile],
    ['report', urls.publishedReportFile],
  ] as const)
    for (const format of ['pdf', 'docx'] as const) {
      // One route a format (the builder's ':format' filled in), so nothing else is ever taken for a format.
      app.get(builder.pattern.replace(':format', format), { config: { access: 'public', audit: 'PUBLISHED_DOWNLOADED' } }, async (req, reply) => {
        const p = req.params as Params;
        const file = await published.file(p.publicationId, document, req.lang, format);
        return sendDownload(reply, file);
      });
    }
}
