// A review's executive summary in the API (issue 13 item 3): read it (both languages, the parity check, the plan's
// figures, the translation requests), save a section of a language version, approve a language version (the
// figures frozen with it), ask a translator and record the request's status, and an approved version as Word or
// tagged PDF (?lang=cy for the Welsh version). The same services as the pages; problem+json errors (409 when what
// the client read changed since; 422 for bad content or an incomplete approval).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import type { SummaryVersionView } from '../../../services/publication/summary-service.ts';
import { urls } from '../../../urls.ts';
import { DOCUMENT_RESPONSE, DocumentQuery, Id, problems } from '../../api/schemas.ts';
import { sendDownload } from '../../download.ts';
import {
  SummaryApproval,
  SummaryOut,
  SummaryParams,
  SummarySaved,
  SummarySectionParams,
  SummarySectionSave,
  SummaryVersionParams,
  TranslationIn,
  TranslationParams,
  TranslationStatusIn,
} from './api-schemas.ts';

const tags = ['executive summary'];
const BASE = urls.summary.pattern;

function versionOut(v: SummaryVersionView) {
  return {
    language: v.language,
    version: v.version,
    status: v.status,
    saved: v.saved,
    revision: v.revision,
    revisions: v.revisions,
    sections: Object.fromEntries(Object.entries(v.content).map(([id, s]) => [id, s.text])),
    approvedByName: v.approvedByName,
    approvedAt: v.approvedAt,
    figures: v.figures,
  };
}

export default async function summaryApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { summary, summaryTranslations, documents } = opts.services;

  app.get(
    BASE,
    {
      config: { access: 'summary.view', audit: 'SUMMARY_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getExecutiveSummary',
        summary: 'A review’s executive summary: each language’s latest and approved versions, the parity check, the plan’s figures, the translation requests',
        params: SummaryParams,
        response: { 200: SummaryOut, ...problems(400, 403, 404) },
      },
    },
    async (req) => {
      const o = await summary.overview(req.caller(), req.params);
      const lang = (l: typeof o.languages.en) => ({
        latest: versionOut(l.latest),
        approved: l.approved ? versionOut(l.approved) : null,
        mayApprove: l.mayApprove,
      });
      return {
        languages: { en: lang(o.languages.en), cy: lang(o.languages.cy) },
        parity: o.parity,
        figures: o.figures,
        translations: o.translations.map((t) => ({
          id: t.id,
          translatorName: t.translatorName,
          translatorEmail: t.translatorEmail,
          agencyId: t.agencyId,
          dueOn: t.dueOn,
          status: t.status,
          version: t.version,
          requestedAt: t.requestedAt,
        })),
        mayEdit: o.mayEdit,
        mayTranslate: o.mayTranslate,
      };
    },
  );

  app.post(
    `${BASE}/sections/:summarySection`,
    {
      config: { access: 'summary.edit', audit: 'SUMMARY_SECTION_SAVED' },
      schema: {
        tags,
        operationId: 'saveExecutiveSummarySection',
        summary: 'Saves a section of a language version (the business unit, the panel chair, the author): onto the latest draft, or starting the next version',
        params: SummarySectionParams,
        body: SummarySectionSave,
        response: { 200: SummarySaved, ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) => summary.saveSection(req.caller(), req.params, { ...req.body, section: req.params.summarySection }),
  );

  app.post(
    `${BASE}/approvals`,
    {
      config: { access: 'summary.approve', audit: 'SUMMARY_APPROVED' },
      schema: {
        tags,
        operationId: 'approveExecutiveSummary',
        summary: 'Approves a language’s latest draft (the business unit or the panel chair), freezing it and the plan’s figures it quotes',
        params: SummaryParams,
        body: SummaryApproval,
        response: { 200: z.object({ version: z.number().int() }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) => summary.approve(req.caller(), req.params, req.body),
  );

  app.post(
    `${BASE}/translations`,
    {
      config: { access: 'summary.translate', audit: 'SUMMARY_TRANSLATION_REQUESTED' },
      schema: {
        tags,
        operationId: 'requestExecutiveSummaryTranslation',
        summary: 'Asks a named translator for the Welsh (the business unit); one request open at a time',
        params: SummaryParams,
        body: TranslationIn,
        response: { 201: z.object({ id: Id }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await summaryTranslations.request(req.caller(), req.params, req.body)),
  );

  app.post(
    `${BASE}/translations/:translationId`,
    {
      config: { access: 'summary.translate', audit: 'SUMMARY_TRANSLATION_UPDATED' },
      schema: {
        tags,
        operationId: 'updateExecutiveSummaryTranslation',
        summary: 'Records a translation request’s status (requested → in progress → returned, or cancelled) on the version read',
        params: TranslationParams,
        body: TranslationStatusIn,
        response: { 200: z.object({ status: z.string() }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) => summaryTranslations.update(req.caller(), req.params, req.params.translationId, req.body),
  );

  app.get(
    `${BASE}/versions/:version/document`,
    {
      config: { access: 'summary.view', audit: 'SUMMARY_DOWNLOADED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getExecutiveSummaryDocument',
        summary: 'An approved language version as Word or tagged PDF (lang: which language’s version; default the request’s); the download is audited',
        params: SummaryVersionParams,
        querystring: DocumentQuery,
        response: { 200: DOCUMENT_RESPONSE, ...problems(400, 403, 404) },
      },
    },
    async (req, reply) => {
      const found = await summary.approvedVersionId(req.caller(), req.params, req.query.lang ?? req.lang, req.params.version);
      return sendDownload(reply as FastifyReply, await documents.download(req.caller(), 'executive_summary', found.id, found.language, req.query.format));
    },
  );
}
