// A review's terms of reference in the API (issue 10 item 3): read them (the versions, the latest version the
// token holder may read), save a section (onto the latest draft; a new version after an approval), approve a
// version (the panel chair), a version's changes against the approved one before it, and an approved
// version's document. The same TermsService calls as the pages; problem+json errors (409 when what the
// client read changed since; 422 for bad content or an approval with sections missing).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { termsSectionLines } from '../../../documents/terms-of-reference.ts';
import { wordDiff } from '../../../domain/reviews/section-versions.ts';
import { type EditableSection, REQUIRED_FOR_APPROVAL, type SectionInput, TERMS_SECTIONS } from '../../../domain/reviews/terms.ts';
import type { TermsVersionView } from '../../../services/terms-service.ts';
import { DOCUMENT_RESPONSE, DocumentQuery, problems, pseudonymOut } from '../../api/schemas.ts';
import { sendDownload } from '../../download.ts';
import { TermsApproval, TermsChanges, TermsOut, TermsParams, TermsSaved, TermsSectionParams, TermsSectionSave, TermsVersionParams } from './api-schemas.ts';
import { agencyNames } from './view.ts';

const tags = ['terms of reference'];

function versionOut(v: TermsVersionView) {
  return {
    version: v.version,
    status: v.status,
    saved: v.saved,
    revision: v.revision,
    revisions: v.revisions,
    content: { ...v.content, subject: { pseudonym: pseudonymOut(v.content.subject.pseudonym) } },
    updatedAt: v.updatedAt,
    approvedByName: v.approvedByName,
    approvedAt: v.approvedAt,
  };
}

/** The body as the section's content (fields another kind of section takes are ignored). */
function sectionInput(section: EditableSection, body: z.output<typeof TermsSectionSave>): SectionInput {
  if (section === 'period') return { section, startOn: body.startOn ?? null, endOn: body.endOn ?? null };
  if (section === 'agencies') return { section, items: body.agencies ?? [] };
  if (section === 'enquiry') return { section, items: body.items ?? [] };
  return { section, text: body.text ?? '' };
}

export default async function termsApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { terms, documents } = opts.services;

  app.get(
    '/boards/:boardId/reviews/:reviewId/terms-of-reference',
    {
      config: { access: 'review.terms_view', audit: 'TERMS_OF_REFERENCE_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getTermsOfReference',
        summary: 'A review’s terms of reference: its versions and the latest the token holder may read (agencies’ contributors: approved versions only)',
        params: TermsParams,
        response: { 200: TermsOut, ...problems(400, 404) },
      },
    },
    async (req) => {
      const o = await terms.overview(req.caller(), req.params.boardId, req.params.reviewId);
      return {
        versions: o.versions.map((v) => ({ version: v.version, status: v.status, approvedByName: v.approvedByName, approvedAt: v.approvedAt })),
        current: o.current ? versionOut(o.current) : null,
        mayEdit: o.mayEdit,
        mayApprove: Boolean(o.mayApprove),
        missing: REQUIRED_FOR_APPROVAL.filter((s) => o.missing[s]),
      };
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/terms-of-reference/sections/:section',
    {
      config: { access: 'review.terms_edit', audit: 'TERMS_OF_REFERENCE_SECTION_SAVED' },
      schema: {
        tags,
        operationId: 'saveTermsOfReferenceSection',
        summary: 'Saves a section (the business unit, the panel chair): onto the latest draft, or starting the next version when the latest is approved',
        params: TermsSectionParams,
        body: TermsSectionSave,
        response: { 200: TermsSaved, ...problems(400, 404, 409, 422) },
      },
    },
    async (req) => {
      const { boardId, reviewId, section } = req.params;
      return terms.saveSection(req.caller(), boardId, reviewId, { ...sectionInput(section, req.body), revision: req.body.revision });
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/terms-of-reference/approvals',
    {
      config: { access: 'review.terms_approve', audit: 'TERMS_OF_REFERENCE_APPROVED' },
      schema: {
        tags,
        operationId: 'approveTermsOfReference',
        summary: 'Approves the latest draft (the panel chair only), naming the version and revision read; the version is frozen from then on',
        params: TermsParams,
        body: TermsApproval,
        response: { 200: z.object({ version: z.number().int() }), ...problems(400, 404, 409, 422) },
      },
    },
    async (req) => terms.approve(req.caller(), req.params.boardId, req.params.reviewId, req.body),
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/terms-of-reference/versions/:version',
    {
      config: { access: 'review.terms_view', audit: 'TERMS_OF_REFERENCE_VERSION_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getTermsOfReferenceVersion',
        summary: 'A version with its changes against the approved version before it (drafts only for those who see the review or edit the terms)',
        params: TermsVersionParams,
        response: { 200: TermsChanges, ...problems(400, 404) },
      },
    },
    async (req) => {
      const v = await terms.version(req.caller(), req.params.boardId, req.params.reviewId, req.params.version);
      const names = agencyNames(v.agencies);
      const lines = (content: typeof v.version.content, section: (typeof TERMS_SECTIONS)[number]) =>
        termsSectionLines(section, content, req.lang, names).join('\n');
      return {
        version: versionOut(v.version),
        comparedWith: v.previous?.version ?? null,
        changes: TERMS_SECTIONS.map((section) => {
          const parts = wordDiff(
            v.previous ? lines(v.previous.content, section) : '',
            lines(v.version.content, section),
            section === 'agencies' || section === 'enquiry' ? 'line' : 'word',
          );
          return { section, changed: parts.some((p) => p.kind !== 'same'), parts };
        }),
      };
    },
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/terms-of-reference/versions/:version/document',
    {
      config: { access: 'review.terms_view', audit: 'TERMS_OF_REFERENCE_DOWNLOADED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getTermsOfReferenceDocument',
        summary: 'An approved version as Word or tagged PDF, in English or Welsh; the download is audited',
        params: TermsVersionParams,
        querystring: DocumentQuery,
        response: { 200: DOCUMENT_RESPONSE, ...problems(400, 404) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, version } = req.params;
      const versionId = await terms.approvedVersionId(req.caller(), boardId, reviewId, version);
      const file = await documents.download(req.caller(), 'terms_of_reference', versionId, req.query.lang ?? req.lang, req.query.format);
      return sendDownload(reply as FastifyReply, file);
    },
  );
}
