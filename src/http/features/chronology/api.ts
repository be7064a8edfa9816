// The chronology in the API (issue 11 item 7): an agency's chronology (its own entries, a page at a time),
// adding, changing (on the version seen: a 409 when someone changed it first) and removing an entry while the
// agency's contribution is drafted, sharing a signed-off chronology with the panel; the merged chronology
// (filters as query parameters, paging; `view=named` only for chronology.named, else a 403), and marking or
// unmarking a key event. The same services as the pages (services.chronology, services.mergedChronology) with
// the same refusals as problem+json: 422 with the pages' field errors, 409, 403, 404 (another agency's
// chronology or entry is not found). People are given by id with their pseudonym in English and Welsh; names
// only in the named view.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { pseudonymForms } from '../../../domain/pseudonyms.ts';
import type { ContributionState } from '../../../domain/reviews/contributions.ts';
import { IMPORT_STATES } from '../../../services/chronology/chronology-import.ts';
import { type EntryRow, PAGE_SIZE } from '../../../services/chronology/chronology-service.ts';
import type { MergedChronology, MergedQuery } from '../../../services/chronology/chronology-views.ts';
import type { PresentedEntry } from '../../../services/chronology/presenter.ts';
import { invalid } from '../../../services/context.ts';
import { UploadRefused } from '../../../services/files/file-service.ts';
import { urls } from '../../../urls.ts';
import { problems } from '../../api/schemas.ts';
import { sendDownload } from '../../download.ts';
import { readUpload, uploadRefusalProblem } from '../../uploads.ts';
import {
  AgencyChronologyOut,
  AgencyQuery,
  EntryAdded,
  EntryChange,
  EntryIn,
  type EntryOut,
  EntryParams,
  EXPORT_RESPONSE,
  ExportQueryIn,
  KeyEventIn,
  MergedEntryParams,
  MergedOut,
  MergedQueryIn,
  RemoveQuery,
  RequestParams,
  ReviewParams,
} from './api-schemas.ts';

const tags = ['chronology'];

type ReviewPerson = MergedChronology['people'][number];

type PersonOut = { id: string; pseudonym: ReturnType<typeof pseudonymForms>; name?: string | null };

function peopleOut(people: readonly ReviewPerson[], names?: ReadonlyMap<string, string>): Map<string, PersonOut> {
  return new Map(
    people.map((p) => [p.id, { id: p.id, pseudonym: pseudonymForms({ kind: p.kind, index: p.index }), ...(names ? { name: names.get(p.id) ?? null } : {}) }]),
  );
}

/** An entry for the API: as stored (an agency's own chronology), or as the presenter shows it (the merged one: codes in the text unless named). */
function entryOut(e: EntryRow, people: ReadonlyMap<string, PersonOut>, shown?: PresentedEntry): z.input<typeof EntryOut> {
  const text = shown?.text ?? e;
  return {
    id: e.id,
    agencyId: e.agencyId,
    entryNo: e.entryNo,
    date: e.occurredOn,
    precision: e.precision,
    time: e.time,
    eventType: e.eventType,
    description: text.description,
    people: e.people.flatMap((id) => {
      const p = people.get(id);
      return p ? [p] : [];
    }),
    practitionerRole: text.practitionerRole,
    actionTaken: text.actionTaken,
    outcome: text.outcome,
    sourceRef: e.sourceRef,
    significance: e.significance,
    analystComment: text.analystComment,
    keyEvent: e.keyLabel ? { label: shown?.keyLabel ?? e.keyLabel, markedAt: e.keyMarkedAt } : null,
    ...(shown ? { likelyNames: shown.likelyNames } : {}),
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

/** The merged view's filters and view from the API's query (the same for the page of entries and the files). */
function mergedQueryOf(q: z.infer<typeof ExportQueryIn> | z.infer<typeof MergedQueryIn>): MergedQuery {
  return {
    agencyIds: q.agency,
    personId: q.person,
    from: q.from,
    to: q.to,
    significance: q.significance,
    eventTypes: q.eventType,
    keyOnly: q.key === 'yes',
    named: q.view === 'named',
    gapDays: q.gapDays,
  };
}

// The API's paths are the pages' (under /api/v1): an agency's chronology and the review's merged one.
const BASE = urls.agencyChronology.pattern;
const MERGED = urls.reviewChronology.pattern;

export default async function chronologyApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { chronology, mergedChronology, chronologyImports, files } = opts.services;

  app.get(
    BASE,
    {
      config: { access: 'contribution.view', audit: 'CHRONOLOGY_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getAgencyChronology',
        summary: `An agency’s own chronology for the review, in date order, ${PAGE_SIZE} entries a page (another agency’s people: not found)`,
        params: RequestParams,
        querystring: AgencyQuery,
        response: { 200: AgencyChronologyOut, ...problems(400, 404) },
      },
    },
    async (req) => {
      const { boardId, reviewId, requestId } = req.params;
      const v = await chronology.agency(req.caller(), boardId, reviewId, requestId, { page: req.query.page });
      const people = peopleOut(v.people);
      return {
        requestId: v.request.id,
        agencyId: v.request.agencyId,
        agencyName: v.request.agencyName,
        state: v.request.status as ContributionState,
        sharedAt: v.request.chronologySharedAt,
        entries: v.entries.map((e) => entryOut(e, people)),
        total: v.total,
        page: v.page,
        pages: v.pages,
        pageSize: PAGE_SIZE,
        period: v.period,
        may: v.may,
      };
    },
  );

  app.post(
    `${BASE}/entries`,
    {
      config: { access: 'contribution.edit', audit: 'CHRONOLOGY_ENTRY_ADDED' },
      schema: {
        tags,
        operationId: 'addChronologyEntry',
        summary:
          'Add an entry to the agency’s chronology (its contributor, while the contribution is drafted); outside the review’s period it is kept with a warning',
        params: RequestParams,
        body: EntryIn,
        response: { 201: EntryAdded, ...problems(400, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, requestId } = req.params;
      return reply.code(201).send(await chronology.add(req.caller(), boardId, reviewId, requestId, req.body));
    },
  );

  app.put(
    `${BASE}/entries/:chronologyEntryId`,
    {
      config: { access: 'contribution.edit', audit: 'CHRONOLOGY_ENTRY_CHANGED' },
      schema: {
        tags,
        operationId: 'changeChronologyEntry',
        summary: 'Change an entry, on the version the client saw (a 409 when it changed since)',
        params: EntryParams,
        body: EntryChange,
        response: { 200: EntryAdded.pick({ warnings: true }), ...problems(400, 404, 409, 422) },
      },
    },
    async (req) => {
      const { boardId, reviewId, requestId, chronologyEntryId } = req.params;
      return chronology.edit(req.caller(), boardId, reviewId, requestId, chronologyEntryId, req.body);
    },
  );

  app.delete(
    `${BASE}/entries/:chronologyEntryId`,
    {
      config: { access: 'contribution.edit', audit: 'CHRONOLOGY_ENTRY_REMOVED' },
      schema: {
        tags,
        operationId: 'removeChronologyEntry',
        summary: 'Remove an entry (its contributor, while drafting), on the version given (a 409 when it changed since)',
        params: EntryParams,
        querystring: RemoveQuery,
        response: { 204: z.null().describe('Removed'), ...problems(400, 404, 409) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, requestId, chronologyEntryId } = req.params;
      await chronology.remove(req.caller(), boardId, reviewId, requestId, chronologyEntryId, { version: req.query.version });
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${BASE}/share`,
    {
      config: { access: 'contribution.manage', audit: 'CHRONOLOGY_SHARED' },
      schema: {
        tags,
        operationId: 'shareChronology',
        summary: 'Share the agency’s signed-off chronology with the panel (the business unit): its entries join the merged chronology; twice is a 409',
        params: RequestParams,
        response: { 204: z.null().describe('Shared'), ...problems(404, 409) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, requestId } = req.params;
      await chronology.share(req.caller(), boardId, reviewId, requestId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    MERGED,
    {
      config: { access: 'chronology.view', audit: 'CHRONOLOGY_MERGED_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getMergedChronology',
        summary: `The review’s merged chronology of the shared agencies’ entries, filtered, ${PAGE_SIZE} entries a page; view=named for the people’s names (restricted roles and the panel chair)`,
        params: ReviewParams,
        querystring: MergedQueryIn,
        response: { 200: MergedOut, ...problems(400, 404, 422) },
      },
    },
    async (req) => {
      const { boardId, reviewId } = req.params;
      const q = req.query;
      const v = await mergedChronology.merged(req.caller(), boardId, reviewId, { ...mergedQueryOf(q), page: q.page, language: req.lang });
      const people = peopleOut(v.people, v.names);
      return {
        named: v.named,
        agencies: v.agencies,
        notShared: v.notShared,
        people: [...people.values()],
        entries: v.entries.map((p) => ({ ...entryOut(p.entry, people, p), possibleDuplicates: v.duplicates.get(p.entry.id) ?? [] })),
        gaps: v.gaps,
        gapDays: v.gapDays,
        clusters: v.clusters,
        total: v.total,
        page: v.page,
        pages: v.pages,
        pageSize: PAGE_SIZE,
        period: v.period,
        may: v.may,
      };
    },
  );

  // ---- Importing a spreadsheet into an agency's chronology (the same service as the upload page) ----------
  const ImportParams = RequestParams.extend({ importId: z.string().max(100) });
  const ImportOut = z.object({
    id: z.string(),
    status: z.enum(IMPORT_STATES).describe('queued and reading while it runs; imported, refused (nothing imported) or failed when done'),
    rowsRead: z.number().int(),
    rowsTotal: z.number().int().nullable().describe('About how many rows the file holds (known once reading has started)'),
    imported: z.number().int(),
    problems: z
      .array(z.object({ row: z.number().int(), column: z.string().nullable(), key: z.string(), message: z.string() }))
      .describe('Each bad row and column (the first 100) when refused; rows outside the period under review as warnings when imported'),
    problemCount: z.number().int(),
  });
  app.post(
    `${BASE}/imports`,
    {
      config: { access: 'contribution.edit', audit: 'CHRONOLOGY_IMPORT_STARTED' },
      schema: {
        tags,
        operationId: 'importChronology',
        summary:
          'Upload the board’s template filled in (.xlsx or .csv; multipart/form-data, the file in `file`): every row is checked, then all are imported or none; poll the import for its progress',
        params: RequestParams,
        response: { 202: z.object({ id: z.string() }), ...problems(404, 409, 413, 415, 422, 503) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, requestId } = req.params;
      await chronologyImports.checkMayEdit(req.caller(), boardId, reviewId, requestId);
      try {
        const { stored: result } = await readUpload(req, 'file', (file) => chronologyImports.start(req.caller(), boardId, reviewId, requestId, file, req.lang));
        if (!result) throw invalid({ file: 'file.required' });
        return reply.code(202).send(result);
      } catch (error) {
        if (error instanceof UploadRefused) return uploadRefusalProblem(req, reply as FastifyReply, error.reason, 'import', files.limits.maxBytes.import);
        throw error;
      }
    },
  );
  app.get(
    `${BASE}/imports/:importId`,
    {
      config: { access: 'contribution.view', audit: 'CHRONOLOGY_IMPORT_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getChronologyImport',
        summary: 'An import of the agency’s chronology: its progress, and when done what was imported or why nothing was',
        params: ImportParams,
        response: { 200: ImportOut, ...problems(404) },
      },
    },
    async (req) => {
      const { boardId, reviewId, requestId, importId } = req.params;
      const v = await chronologyImports.status(req.caller(), boardId, reviewId, requestId, importId);
      const t = req.t;
      return {
        id: v.import.id,
        status: v.import.status as (typeof IMPORT_STATES)[number],
        rowsRead: v.import.rowsRead,
        rowsTotal: v.import.rowsTotal,
        imported: v.import.imported,
        problems: v.import.problems.map((p) => ({ row: p.row, column: p.column, key: p.key, message: t(`chronology:${p.key}`) })),
        problemCount: v.import.problemCount,
      };
    },
  );

  app.get(
    `${MERGED}/export`,
    {
      config: { access: 'chronology.view', audit: 'CHRONOLOGY_EXPORTED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getMergedChronologyFile',
        summary:
          'The merged chronology (or its summary timeline) as .xlsx or .docx, with the same filters and view (named only for chronology.named), in English or Welsh; the read is audited',
        params: ReviewParams,
        querystring: ExportQueryIn,
        response: { 200: EXPORT_RESPONSE, ...problems(400, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId } = req.params;
      const q = req.query;
      const file = await mergedChronology.exportFile(req.caller(), boardId, reviewId, {
        ...mergedQueryOf(q),
        language: q.lang ?? req.lang,
        summary: q.summary === 'yes',
        format: q.format,
      });
      return sendDownload(reply as FastifyReply, file);
    },
  );

  app.put(
    `${MERGED}/entries/:chronologyEntryId/key`,
    {
      config: { access: 'chronology.mark', audit: 'CHRONOLOGY_KEY_EVENT_MARKED' },
      schema: {
        tags,
        operationId: 'markKeyEvent',
        summary: 'Mark an entry of a shared chronology as a key event, with its label for the timeline (an empty label unmarks it)',
        params: MergedEntryParams,
        body: KeyEventIn,
        response: { 200: z.object({ marked: z.boolean() }), ...problems(400, 404, 422) },
      },
    },
    async (req) => {
      const { boardId, reviewId, chronologyEntryId } = req.params;
      return mergedChronology.markKey(req.caller(), boardId, reviewId, chronologyEntryId, { label: req.body.label });
    },
  );
}
