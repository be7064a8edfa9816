// The merged chronology's picture and files (issue 11 items 5 and 6): the timeline page (the SVG with its
// title and description, and the table alternative: each agency's entries, the key events, the gaps), the
// summary timeline (key events only), and the exports as .xlsx and .docx — each with the merged page's filters
// and view (anonymised, or named for those who may see names), in the reader's language.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import { EXPORT_FORMATS } from '../../../services/chronology/chronology-outputs.ts';
import { urls } from '../../../urls.ts';
import { sendDownload } from '../../download.ts';
import { formString } from '../../forms.ts';
import { mergedQuery } from './query.ts';

type Params = { boardId: string; reviewId: string };
type Query = Record<string, unknown>;

export default async function outputRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { mergedChronology } = opts.services;

  app.get(
    urls.reviewChronologyTimeline.pattern,
    { config: { access: 'chronology.view', audit: 'CHRONOLOGY_TIMELINE_VIEWED', reads: 'case-material' } },
    async (req, reply) => {
      const p = req.params as Params;
      const { t, lang } = req;
      const q = (req.query ?? {}) as Query;
      const { query, link } = mergedQuery(q);
      const summary = formString(q.summary) === 'yes';
      const view = await mergedChronology.timeline(req.caller(), p.boardId, p.reviewId, { ...query, language: lang, summary });
      const keep = { ...link, page: undefined };
      return reply.page('features/chronology/timeline.njk', {
        title: summary ? t('chronology:timeline.summaryHeading') : t('chronology:timeline.heading'),
        reference: view.review.reference,
        svg: view.svg,
        description: view.description,
        grouped: view.mode === 'grouped',
        lanes: view.lanes,
        keyEvents: view.keyEvents,
        gaps: view.gaps,
        named: view.named,
        summary,
        other: summary
          ? urls.reviewChronologyTimeline(p.boardId, p.reviewId, keep)
          : urls.reviewChronologyTimeline(p.boardId, p.reviewId, { ...keep, summary: 'yes' }),
        table: urls.reviewChronology(p.boardId, p.reviewId, keep),
        files: EXPORT_FORMATS.map((format) => ({
          href: urls.reviewChronologyExport(p.boardId, p.reviewId, format, { ...keep, summary: summary ? 'yes' : undefined }),
          text: t(`chronology:export.link.${format}`),
        })),
        backLink: urls.reviewChronology(p.boardId, p.reviewId, keep),
      });
    },
  );

  for (const format of EXPORT_FORMATS)
    app.get(
      // One route a format (the builder's ':format' filled in), so nothing else is ever taken for a format.
      urls.reviewChronologyExport.pattern.replace(':format', format),
      { config: { access: 'chronology.view', audit: 'CHRONOLOGY_EXPORTED', reads: 'case-material' } },
      async (req, reply) => {
        const p = req.params as Params;
        const q = (req.query ?? {}) as Query;
        const { query } = mergedQuery(q);
        const file = await mergedChronology.exportFile(req.caller(), p.boardId, p.reviewId, {
          ...query,
          language: req.lang,
          summary: formString(q.summary) === 'yes',
          format,
        });
        return sendDownload(reply, file);
      },
    );
}
