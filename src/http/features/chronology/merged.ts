// The merged chronology's pages (issue 11 items 3 and 4): the shared agencies' entries in one order with the
// filters (agency, person, period, significance, event type, key events only) as a GET form that works
// without JavaScript, paging that keeps the filters, the switch between codes and names (only for those who
// may see names; asking is audited), and marking an entry as a key event with its label.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { EVENT_TYPES, formatEntryDate, SIGNIFICANCES } from '../../../domain/chronology/entry.ts';
import { pseudonymText } from '../../../domain/pseudonyms.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import { type ChronologyQuery, urls } from '../../../urls.ts';
import { dateItems, dateParts, displayDate, partsOf } from '../../dates.ts';
import { chooseMany, formString, raw, submitForm } from '../../forms.ts';
import { pageCount, paginationView } from '../../pagination.ts';
import { entryView } from './entry-view.ts';
import outputRoutes from './outputs.ts';
import { mergedQuery } from './query.ts';

type Params = { boardId: string; reviewId: string };
type Query = Record<string, unknown>;

const READ = { access: 'chronology.view', audit: 'CHRONOLOGY_MERGED_VIEWED', reads: 'case-material' } as const;

export default async function mergedRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { mergedChronology } = opts.services;
  await app.register(outputRoutes, opts);

  app.get(urls.reviewChronology.pattern, { config: READ }, async (req, reply) => {
    const p = req.params as Params;
    const { t, lang } = req;
    const q = (req.query ?? {}) as Query;
    const { query, link } = mergedQuery(q);
    let view: Awaited<ReturnType<typeof mergedChronology.merged>>;
    let errors: FieldErrors | undefined;
    try {
      view = await mergedChronology.merged(req.caller(), p.boardId, p.reviewId, { ...query, language: lang });
    } catch (e) {
      // A filter that cannot be used (an impossible date, a person not of the review): the page without it, and why.
      if (!(e instanceof ServiceError && e.kind === 'invalid')) throw e;
      errors = e.fieldErrors;
      view = await mergedChronology.merged(req.caller(), p.boardId, p.reviewId, { named: query.named, page: 1, language: lang });
    }
    const agencyName = new Map(view.agencies.map((a) => [a.id, a.name[lang]]));
    // A gap that ends just before an entry of this page is shown above it.
    const gapBefore = new Map<string, string>();
    for (const g of view.gaps) {
      const next = view.entries.find((x) => x.entry.occurredOn > g.to);
      if (next && !gapBefore.has(next.entry.id)) gapBefore.set(next.entry.id, t('chronology:merged.noContact', { count: g.days }));
    }
    const here = (extra: ChronologyQuery) => urls.reviewChronology(p.boardId, p.reviewId, { ...link, ...extra });
    return reply.page(
      'features/chronology/merged.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        title: t('chronology:merged.title'),
        reference: view.review.reference,
        named: view.named,
        switchView: view.may.named ? here({ view: view.named ? undefined : 'named', page: undefined }) : null,
        rows: view.entries.map((presented) => {
          const e = presented.entry;
          return {
            ...entryView(t, lang, presented),
            agency: agencyName.get(e.agencyId) ?? '',
            keyHref: view.may.mark ? urls.reviewChronologyKeyEvent(p.boardId, p.reviewId, e.id) : null,
            gapBefore: gapBefore.get(e.id),
            duplicates: (view.duplicates.get(e.id) ?? []).map((d) =>
              t('chronology:merged.possibleDuplicate', { agency: agencyName.get(d.agencyId) ?? '', number: d.entryNo }),
            ),
          };
        }),
        gaps: view.gaps.map((g) => t('chronology:merged.gap', { from: displayDate(t, g.from), to: displayDate(t, g.to), count: g.days })),
        clusters: view.clusters.map((c) =>
          t('chronology:merged.cluster', { from: displayDate(t, c.from), to: displayDate(t, c.to), count: c.count, agencies: c.agencies.length }),
        ),
        gapDays: link.gapDays ?? view.gapDays,
        total: view.total,
        notShared: view.notShared.map((a) => a.name[lang]),
        agencyItems: chooseMany(
          view.agencies.map((a) => ({ value: a.id, text: a.name[lang] })),
          link.agency,
        ),
        personItems: [
          { value: '', text: t('chronology:merged.anyone'), selected: !link.person },
          ...view.people.map((x) => ({ value: x.id, text: pseudonymText(x, lang), selected: x.id === link.person })),
        ],
        significanceItems: chooseMany(
          SIGNIFICANCES.map((value) => ({ value, text: t(`chronology:significances.${value}`) })),
          link.significance,
        ),
        typeItems: chooseMany(
          EVENT_TYPES.map((value) => ({ value, text: t(`chronology:eventTypes.${value}`) })),
          link.type,
        ),
        keyOnly: link.key === 'yes',
        fromItems: dateItems(t, errors?.from ? dateParts(q, 'from') : partsOf(link.from && link.from !== 'invalid' ? link.from : null), Boolean(errors?.from)),
        toItems: dateItems(t, errors?.to ? dateParts(q, 'to') : partsOf(link.to && link.to !== 'invalid' ? link.to : null), Boolean(errors?.to)),
        clear: urls.reviewChronology(p.boardId, p.reviewId, { view: link.view }),
        pagination: paginationView(t, {
          page: view.page,
          pages: pageCount(view.total, 50),
          href: (page) => here({ page }),
          landmarkLabel: t('chronology:merged.pagination'),
        }),
        fieldIds: { from: 'from-day', to: 'to-day', person: 'person', gapDays: 'gapDays' },
        backLink: urls.review(p.boardId, p.reviewId),
      },
      { errors, status: errors ? 400 : undefined },
    );
  });

  // ---- Marking a key event ---------------------------------------------------------------------------
  async function showKey(req: FastifyRequest, reply: FastifyReply, body?: Query, errors?: FieldErrors, status?: number) {
    const p = req.params as Params & { chronologyEntryId: string };
    const { t, lang } = req;
    const view = await mergedChronology.entry(req.caller(), p.boardId, p.reviewId, p.chronologyEntryId);
    return reply.page(
      'features/chronology/key-event.njk',
      {
        title: t('chronology:key.title'),
        reference: view.review.reference,
        entry: { date: formatEntryDate(view.entry, lang), type: t(`chronology:eventTypes.${view.entry.eventType}`), agency: view.agency[lang] },
        label: body ? raw(body, 'label') : (view.entry.keyLabel ?? ''),
        marked: view.entry.keyLabel !== null,
        action: urls.reviewChronologyKeyEvent(p.boardId, p.reviewId, p.chronologyEntryId),
        fieldIds: { label: 'label' },
        backLink: urls.reviewChronology(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }
  const MARK = { access: 'chronology.mark', reads: 'case-material', readAudit: 'CHRONOLOGY_MERGED_VIEWED' } as const;
  app.get(urls.reviewChronologyKeyEvent.pattern, { config: { ...MARK, audit: 'CHRONOLOGY_MERGED_VIEWED' } }, (req, reply) => showKey(req, reply));
  app.post(urls.reviewChronologyKeyEvent.pattern, { config: { ...MARK, audit: 'CHRONOLOGY_KEY_EVENT_MARKED' } }, async (req, reply) => {
    const p = req.params as Params & { chronologyEntryId: string };
    const body = (req.body ?? {}) as Query;
    return submitForm(req, reply, {
      run: () => mergedChronology.markKey(req.caller(), p.boardId, p.reviewId, p.chronologyEntryId, { label: formString(body.label) }),
      show: (errors, status) => showKey(req, reply, body, errors, status),
      flash: (r) => (r.marked ? 'chronology:flash.marked' : 'chronology:flash.unmarked'),
      next: urls.reviewChronology(p.boardId, p.reviewId),
    });
  });
}
