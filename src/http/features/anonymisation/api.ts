// The anonymisation check in the API (issue 13 item 2): the review's documents and their checks, a scan, a check
// with its findings in context (the real names: only for the roles allowed restricted details), accepting a
// finding with a reason, answering the judicial checklist and approving the check — each on the check's version
// read. The same AnonymisationService calls as the pages; bad input is a 422 problem with the pages' field errors
// (an approval refused lists every reason the same way), a stale version a 409.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { ANONYMISATION_LIMITS, CHECKLIST, CHECKLIST_ANSWERS } from '../../../domain/publication/checklist.ts';
import { FINDING_KINDS } from '../../../domain/publication/findings.ts';
import type { DocumentCheckView } from '../../../services/publication/anonymisation-service.ts';
import { DOCUMENT_KINDS } from '../../../services/publication/publishable.ts';

type CheckSummaryRow = NonNullable<DocumentCheckView['check']>;

import { urls } from '../../../urls.ts';
import { Id, Instant, named, problems } from '../../api/schemas.ts';

const tags = ['reviews'];
const BASE = urls.reviewAnonymisation.pattern;

const ReviewParams = z.object({ boardId: Id, reviewId: Id });
const CheckParams = ReviewParams.extend({ checkId: Id });
const FindingParams = CheckParams.extend({ findingId: Id });
const Version = z.number().int().min(1).describe('The check’s version read');

const CheckSummary = named(
  z.object({
    id: Id,
    documentKind: z.enum(DOCUMENT_KINDS),
    language: z.enum(['en', 'cy']),
    documentVersion: z.number().int(),
    status: z.enum(['open', 'approved']),
    scannedAt: Instant,
    approvedAt: Instant.nullable(),
    open: z.number().int().describe('Findings still open'),
    accepted: z.number().int().describe('Findings accepted with a reason'),
    version: z.number().int(),
  }),
  'AnonymisationCheckSummary',
);

const DocumentOut = named(
  z.object({
    kind: z.enum(DOCUMENT_KINDS),
    language: z.enum(['en', 'cy']),
    currentVersion: z.number().int().nullable().describe('The document’s current version (null: not written yet)'),
    approved: z.boolean().describe('An approved check of the current version'),
    check: CheckSummary.nullable().describe('The check of the newest version scanned'),
  }),
  'PublishableDocumentCheck',
  'A document of the review to be published, and where its anonymisation check stands',
);

const FindingOut = named(
  z.object({
    id: Id,
    section: z.string(),
    kind: z.enum(FINDING_KINDS),
    confidence: z.enum(['certain', 'likely']),
    start: z.number().int(),
    end: z.number().int(),
    entryId: Id.nullable().describe('The dictionary entry of a dictionary term'),
    match: z.string().describe('The text matched (sealed at rest)'),
    before: z.string(),
    after: z.string(),
    decision: z.enum(['open', 'accepted']),
    reason: z.string().nullable(),
    decidedAt: Instant.nullable(),
  }),
  'AnonymisationFinding',
  'A finding of the anonymisation scan, in its context',
);

const Answer = z.object({ answer: z.enum(CHECKLIST_ANSWERS), note: z.string().default('') });

const CheckOut = named(
  z.object({
    check: CheckSummary.omit({ open: true, accepted: true }),
    currentVersion: z.number().int().nullable(),
    findings: z.array(FindingOut),
    previous: z
      .object({ documentVersion: z.number().int(), findings: z.array(FindingOut.extend({ outcome: z.enum(['fixed', 'accepted', 'open']) })) })
      .nullable()
      .describe('The previous version’s findings, each fixed, accepted or still open'),
    checklist: z.record(z.string(), Answer).describe(`Item id → answer; the items: ${CHECKLIST.map((i) => i.id).join(', ')}`),
    problems: z.record(z.string(), z.string()).describe('What approval would be refused for now (field → message key)'),
  }),
  'AnonymisationCheck',
);

const ScanIn = named(
  z.object({
    kind: z
      .string()
      .default('')
      .describe(`One of ${DOCUMENT_KINDS.join(', ')}`),
    language: z.string().default('').describe('en or cy: a language the document is written in'),
  }),
  'AnonymisationScan',
);

const AcceptIn = named(
  z.object({ reason: z.string().default('').describe(`Why it may be published (up to ${ANONYMISATION_LIMITS.reason} characters)`), version: Version }),
  'AnonymisationAcceptance',
);

const ChecklistIn = named(
  z.object({
    answers: z
      .record(z.string(), z.object({ answer: z.string().default(''), note: z.string().default('') }))
      .describe('Item id → checked | not_applicable and a note; an item left out is not answered'),
    version: Version,
  }),
  'AnonymisationChecklistAnswers',
);

function summaryOut(c: CheckSummaryRow | (Omit<CheckSummaryRow, 'open' | 'accepted'> & { open?: number; accepted?: number })) {
  return {
    id: c.id,
    documentKind: c.documentKind as (typeof DOCUMENT_KINDS)[number],
    language: c.language as 'en' | 'cy',
    documentVersion: c.documentVersion,
    status: c.status,
    scannedAt: c.scannedAt,
    approvedAt: c.approvedAt,
    open: c.open ?? 0,
    accepted: c.accepted ?? 0,
    version: c.version,
  };
}

type FindingIn = {
  id: string;
  section: string;
  kind: string;
  confidence: 'certain' | 'likely';
  start: number;
  end: number;
  entryId: string | null;
  match: string;
  before: string;
  after: string;
  decision: 'open' | 'accepted';
  reason: string | null;
  decidedAt: string | null;
};
const findingOut = (f: FindingIn) => ({
  id: f.id,
  section: f.section,
  kind: f.kind as (typeof FINDING_KINDS)[number],
  confidence: f.confidence,
  start: f.start,
  end: f.end,
  entryId: f.entryId,
  match: f.match,
  before: f.before,
  after: f.after,
  decision: f.decision,
  reason: f.reason,
  decidedAt: f.decidedAt,
});

export default async function anonymisationApi(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { anonymisation } = opts.services;

  app.get(
    BASE,
    {
      config: { access: 'anonymisation.view', audit: 'ANONYMISATION_CHECKS_LISTED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'listAnonymisationChecks',
        summary: 'The review’s documents to publish and their anonymisation checks',
        params: ReviewParams,
        response: { 200: z.object({ documents: z.array(DocumentOut) }), ...problems(403, 404) },
      },
    },
    async (req) => {
      const view = await anonymisation.list(req.caller(), req.params);
      return {
        documents: view.documents.map((d) => ({
          kind: d.kind,
          language: d.language,
          currentVersion: d.currentVersion,
          approved: d.current && d.check?.status === 'approved',
          check: d.check ? summaryOut(d.check) : null,
        })),
      };
    },
  );

  app.post(
    `${BASE}/scans`,
    {
      config: { access: 'anonymisation.scan', audit: 'ANONYMISATION_SCANNED' },
      schema: {
        tags,
        operationId: 'scanDocumentForAnonymisation',
        summary: 'Scan a document’s current version (the business unit, information governance); findings accepted before stay accepted',
        params: ReviewParams,
        body: ScanIn,
        response: { 201: z.object({ checkId: Id, findings: z.number().int(), open: z.number().int() }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await anonymisation.scan(req.caller(), req.params, req.body)),
  );

  app.get(
    `${BASE}/:checkId`,
    {
      config: { access: 'anonymisation.view', audit: 'ANONYMISATION_CHECK_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getAnonymisationCheck',
        summary: 'An anonymisation check: its findings in context (real names: roles allowed restricted details only), the checklist, what approval waits for',
        params: CheckParams,
        response: { 200: CheckOut, ...problems(403, 404) },
      },
    },
    async (req) => {
      const { checkId, ...scope } = req.params;
      const v = await anonymisation.check(req.caller(), scope, checkId);
      const { open: _o, accepted: _a, ...check } = summaryOut(v.check);
      return {
        check,
        currentVersion: v.currentVersion,
        findings: v.findings.map(findingOut),
        previous: v.previous && {
          documentVersion: v.previous.documentVersion,
          findings: v.previous.findings.map((f) => ({ ...findingOut(f), outcome: f.outcome })),
        },
        checklist: v.answers,
        problems: v.problems,
      };
    },
  );

  app.post(
    `${BASE}/:checkId/findings/:findingId/accept`,
    {
      config: { access: 'anonymisation.decide', audit: 'ANONYMISATION_FINDING_ACCEPTED' },
      schema: {
        tags,
        operationId: 'acceptAnonymisationFinding',
        summary: 'Accept a finding with a reason (information governance), on the check’s version read',
        params: FindingParams,
        body: AcceptIn,
        response: { 200: z.object({ version: z.number().int() }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req) => {
      const { checkId, findingId, ...scope } = req.params;
      return anonymisation.accept(req.caller(), scope, checkId, findingId, req.body);
    },
  );

  app.put(
    `${BASE}/:checkId/checklist`,
    {
      config: { access: 'anonymisation.decide', audit: 'ANONYMISATION_CHECKLIST_ANSWERED' },
      schema: {
        tags,
        operationId: 'answerAnonymisationChecklist',
        summary: 'Answer the judicial checklist, the whole of it (information governance), on the check’s version read',
        params: CheckParams,
        body: ChecklistIn,
        response: { 200: z.object({ version: z.number().int(), answered: z.number().int() }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req) => {
      const { checkId, ...scope } = req.params;
      return anonymisation.answer(req.caller(), scope, checkId, req.body);
    },
  );

  app.post(
    `${BASE}/:checkId/approve`,
    {
      config: { access: 'anonymisation.decide', audit: 'ANONYMISATION_CHECK_APPROVED' },
      schema: {
        tags,
        operationId: 'approveAnonymisationCheck',
        summary:
          'Approve the check (information governance): refused, with every reason, unless it is of the current version, every finding accepted and the checklist answered',
        params: CheckParams,
        body: z.object({ version: Version }),
        response: { 200: z.object({ version: z.number().int() }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req) => {
      const { checkId, ...scope } = req.params;
      return anonymisation.approve(req.caller(), scope, checkId, req.body);
    },
  );
}
