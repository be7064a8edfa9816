// The chronology (issue 11). An agency's own chronology for a review — its entries a page at a time in date
// order, the forms adding, changing and removing one (its contributor, while the contribution is drafted), and
// sharing it with the panel once signed off (the business unit) — is here; the merged chronology, its
// picture and exports are in merged.ts; imports in imports.ts. Refusals show the GOV.UK error summary with
// the answers kept and write nothing; someone else's change first is a 409 with the entry as it is now.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { DATE_PRECISIONS, EVENT_TYPES, formatEntryDate, SIGNIFICANCES } from '../../../domain/chronology/entry.ts';
import type { EntryInput } from '../../../domain/chronology/entry-input.ts';
import { pseudonymText } from '../../../domain/pseudonyms.ts';
import type { EntryRow } from '../../../services/chronology/chronology-service.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { displayDate, displayDateTime } from '../../dates.ts';
import { choose, chooseMany, formList, formString, raw, submitForm } from '../../forms.ts';
import { pageCount, paginationView, requestedPage } from '../../pagination.ts';
import { asWritten, entryView } from './entry-view.ts';
import importRoutes from './imports.ts';
import mergedRoutes from './merged.ts';

type Params = { boardId: string; reviewId: string; requestId: string };
type EntryParams = Params & { chronologyEntryId: string };
type Body = Record<string, unknown>;

const VIEW = { access: 'contribution.view', audit: 'CHRONOLOGY_VIEWED', reads: 'case-material' } as const;
const FORM = { access: 'contribution.edit', reads: 'case-material', readAudit: 'CHRONOLOGY_ENTRY_FORM_VIEWED' } as const;

/** What the entry form sent, for the service (the date boxes as typed: the service checks them with the precision). */
function entryInput(body: Body): EntryInput {
  return {
    date: { day: raw(body, 'date-day'), month: raw(body, 'date-month'), year: raw(body, 'date-year') },
    precision: formString(body.precision),
    time: raw(body, 'time'),
    eventType: formString(body.eventType),
    description: raw(body, 'description'),
    people: formList(body.people),
    practitionerRole: raw(body, 'practitionerRole'),
    actionTaken: raw(body, 'actionTaken'),
    outcome: raw(body, 'outcome'),
    sourceRef: raw(body, 'sourceRef'),
    significance: formString(body.significance),
    analystComment: raw(body, 'analystComment'),
  };
}

/** The form's values: what was sent, or the stored entry (a month's date leaves the day box empty, a year's the month too). */
function formValues(body: Body | undefined, entry: EntryRow | undefined) {
  if (body || !entry) {
    const b = body ?? {};
    return {
      precision: formString(b.precision) ?? 'exact',
      day: raw(b, 'date-day'),
      month: raw(b, 'date-month'),
      year: raw(b, 'date-year'),
      time: raw(b, 'time'),
      eventType: formString(b.eventType),
      description: raw(b, 'description'),
      people: formList(b.people),
      practitionerRole: raw(b, 'practitionerRole'),
      actionTaken: raw(b, 'actionTaken'),
      outcome: raw(b, 'outcome'),
      sourceRef: raw(b, 'sourceRef'),
      significance: formString(b.significance),
      analystComment: raw(b, 'analystComment'),
      version: formString(b.version) ?? String(entry?.version ?? ''),
    };
  }
  const [year, month, day] = entry.occurredOn.split('-');
  return {
    precision: entry.precision,
    day: entry.precision === 'exact' || entry.precision === 'about' ? String(Number(day)) : '',
    month: entry.precision === 'year' ? '' : String(Number(month)),
    year: year ?? '',
    time: entry.time ?? '',
    eventType: entry.eventType,
    description: entry.description,
    people: [...entry.people],
    practitionerRole: entry.practitionerRole,
    actionTaken: entry.actionTaken,
    outcome: entry.outcome,
    sourceRef: entry.sourceRef,
    significance: entry.significance,
    analystComment: entry.analystComment,
    version: String(entry.version),
  };
}

const FIELD_IDS = {
  precision: 'precision',
  date: 'date-day',
  time: 'time',
  eventType: 'eventType',
  description: 'description',
  people: 'people',
  practitionerRole: 'practitionerRole',
  actionTaken: 'actionTaken',
  outcome: 'outcome',
  sourceRef: 'sourceRef',
  significance: 'significance',
  analystComment: 'analystComment',
};

export default async function chronologyRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { chronology } = opts.services;

  // ---- An agency's chronology ------------------------------------------------------------------------
  async function showAgency(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number) {
    const p = req.params as Params;
    const { t, lang } = req;
    const view = await chronology.agency(req.caller(), p.boardId, p.reviewId, p.requestId, { page: requestedPage((req.query as Body).page) });
    const codes = new Map(view.people.map((x) => [x.id, pseudonymText(x, lang)]));
    const agency = view.request.agencyName[lang];
    return reply.page(
      'features/chronology/agency.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        requestId: p.requestId,
        reference: view.review.reference,
        agency,
        title: t('chronology:agency.title', { agency }),
        rows: view.entries.map((e) => entryView(t, lang, asWritten(e, codes))),
        total: view.total,
        pagination: paginationView(t, {
          page: view.page,
          pages: pageCount(view.total, 50),
          href: (page) => urls.agencyChronology(p.boardId, p.reviewId, p.requestId, { page }),
          landmarkLabel: t('chronology:agency.pagination'),
        }),
        shared: view.request.chronologySharedAt ? displayDate(t, view.request.chronologySharedAt) : null,
        may: view.may,
        importLinks: view.may.edit
          ? {
              upload: urls.chronologyImport(p.boardId, p.reviewId, p.requestId),
              templates: (['en', 'cy'] as const).flatMap((language) => {
                const name = t(`chronology:import.languages.${language}`);
                return [
                  { href: urls.chronologyTemplate(p.boardId, 'xlsx', { lang: language }), text: t('chronology:agency.template', { language: name }) },
                  { href: urls.chronologyTemplate(p.boardId, 'csv', { lang: language }), text: t('chronology:agency.templateCsv', { language: name }) },
                ];
              }),
            }
          : null,
        imports: view.imports.map((i) => ({
          href: urls.chronologyImportStatus(p.boardId, p.reviewId, p.requestId, i.id),
          text: t('chronology:import.recentLink', { date: displayDateTime(t, i.createdAt) }),
          status: t(`chronology:import.statuses.${i.status}`),
        })),
        backLink: urls.contribution(p.boardId, p.reviewId, p.requestId),
      },
      { errors, status },
    );
  }
  app.get(urls.agencyChronology.pattern, { config: VIEW }, (req, reply) => showAgency(req, reply));

  // ---- Adding and changing an entry (the agency's contributor, while drafting) ------------------------
  async function showEntry(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const p = req.params as EntryParams;
    const { t, lang } = req;
    const form = await chronology.entryForm(req.caller(), p.boardId, p.reviewId, p.requestId, p.chronologyEntryId);
    const v = formValues(body, form.entry);
    const hasDateError = Boolean(errors?.date);
    const cls = (width: number) => `govuk-input--width-${width}${hasDateError ? ' govuk-input--error' : ''}`;
    return reply.page(
      'features/chronology/entry.njk',
      {
        title: form.entry ? t('chronology:form.titleChange', { number: form.entry.entryNo }) : t('chronology:form.titleNew'),
        reference: form.review.reference,
        agency: form.request.agencyName[lang],
        action: form.entry
          ? urls.chronologyEntry(p.boardId, p.reviewId, p.requestId, form.entry.id)
          : urls.chronologyEntryNew(p.boardId, p.reviewId, p.requestId),
        precisionItems: choose(
          DATE_PRECISIONS.map((value) => ({ value, text: t(`chronology:precisions.${value}`) })),
          v.precision,
        ).map((i) => ({ ...i, hint: { text: t(`chronology:precisionHints.${i.value}`) } })),
        dateItems: [
          { name: 'day', label: t('common:date.day'), value: v.day, classes: cls(2) },
          { name: 'month', label: t('common:date.month'), value: v.month, classes: cls(2) },
          { name: 'year', label: t('common:date.year'), value: v.year, classes: cls(4) },
        ],
        eventTypeItems: choose(
          EVENT_TYPES.map((value) => ({ value, text: t(`chronology:eventTypes.${value}`) })),
          v.eventType,
          '',
        ),
        significanceItems: choose(
          SIGNIFICANCES.map((value) => ({ value, text: t(`chronology:significances.${value}`) })),
          v.significance,
        ),
        peopleItems: chooseMany(
          form.people.map((x) => ({ value: x.id, text: pseudonymText(x, lang) })),
          v.people,
        ),
        values: v,
        fieldIds: FIELD_IDS,
        backLink: urls.agencyChronology(p.boardId, p.reviewId, p.requestId),
      },
      { errors, status },
    );
  }

  app.get(urls.chronologyEntryNew.pattern, { config: { ...FORM, audit: 'CHRONOLOGY_ENTRY_FORM_VIEWED' } }, (req, reply) => showEntry(req, reply));
  app.post(urls.chronologyEntryNew.pattern, { config: { ...FORM, audit: 'CHRONOLOGY_ENTRY_ADDED' } }, async (req, reply) => {
    const p = req.params as Params;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => chronology.add(req.caller(), p.boardId, p.reviewId, p.requestId, entryInput(body)),
      show: (errors, status) => showEntry(req, reply, body, errors, status),
      flash: (r) => (r.warnings.length > 0 ? 'chronology:flash.addedOutside' : 'chronology:flash.added'),
      next: urls.agencyChronology(p.boardId, p.reviewId, p.requestId),
    });
  });

  app.get(urls.chronologyEntry.pattern, { config: { ...FORM, audit: 'CHRONOLOGY_ENTRY_FORM_VIEWED' } }, (req, reply) => showEntry(req, reply));
  app.post(urls.chronologyEntry.pattern, { config: { ...FORM, audit: 'CHRONOLOGY_ENTRY_CHANGED' } }, async (req, reply) => {
    const p = req.params as EntryParams;
    const body = (req.body ?? {}) as Body;
    const version = Number(formString(body.version));
    return submitForm(req, reply, {
      run: () =>
        chronology.edit(req.caller(), p.boardId, p.reviewId, p.requestId, p.chronologyEntryId, {
          ...entryInput(body),
          version: Number.isInteger(version) && version > 0 ? version : undefined,
        }),
      // A conflict shows the entry as it is now (the answers sent would hide the other person's change).
      show: (errors, status) => showEntry(req, reply, status === 409 ? undefined : body, errors, status),
      flash: (r) => (r.warnings.length > 0 ? 'chronology:flash.changedOutside' : 'chronology:flash.changed'),
      next: urls.agencyChronology(p.boardId, p.reviewId, p.requestId),
    });
  });

  // ---- Removing an entry -----------------------------------------------------------------------------
  async function showRemove(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number) {
    const p = req.params as EntryParams;
    const { t, lang } = req;
    const form = await chronology.entryForm(req.caller(), p.boardId, p.reviewId, p.requestId, p.chronologyEntryId);
    const entry = form.entry as EntryRow;
    return reply.page(
      'features/chronology/remove.njk',
      {
        title: t('chronology:removePage.title', { number: entry.entryNo }),
        reference: form.review.reference,
        body: t('chronology:removePage.body', { date: formatEntryDate(entry, lang) }),
        version: entry.version,
        action: urls.chronologyEntryRemove(p.boardId, p.reviewId, p.requestId, entry.id),
        backLink: urls.agencyChronology(p.boardId, p.reviewId, p.requestId),
      },
      { errors, status },
    );
  }
  app.get(urls.chronologyEntryRemove.pattern, { config: { ...FORM, audit: 'CHRONOLOGY_ENTRY_FORM_VIEWED' } }, (req, reply) => showRemove(req, reply));
  app.post(urls.chronologyEntryRemove.pattern, { config: { ...FORM, audit: 'CHRONOLOGY_ENTRY_REMOVED' } }, async (req, reply) => {
    const p = req.params as EntryParams;
    const version = Number(formString((req.body as Body | undefined)?.version));
    return submitForm(req, reply, {
      run: () =>
        chronology.remove(req.caller(), p.boardId, p.reviewId, p.requestId, p.chronologyEntryId, { version: Number.isInteger(version) ? version : undefined }),
      show: (errors, status) => showRemove(req, reply, errors, status),
      flash: 'chronology:flash.removed',
      next: urls.agencyChronology(p.boardId, p.reviewId, p.requestId),
    });
  });

  await app.register(mergedRoutes, { services: opts.services });
  await app.register(importRoutes, { services: opts.services });

  // ---- Sharing with the panel (the business unit) ----------------------------------------------------
  app.post(
    urls.chronologyShare.pattern,
    { config: { access: 'contribution.manage', audit: 'CHRONOLOGY_SHARED', reads: 'case-material', readAudit: 'CHRONOLOGY_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params;
      return submitForm(req, reply, {
        run: () => chronology.share(req.caller(), p.boardId, p.reviewId, p.requestId),
        show: (errors, status) => showAgency(req, reply, errors, status),
        flash: 'chronology:flash.shared',
        next: urls.agencyChronology(p.boardId, p.reviewId, p.requestId),
      });
    },
  );
}
