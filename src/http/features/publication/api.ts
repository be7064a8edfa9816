// A review's publication in the API (issue 13 items 4 and 7): read the board's decision with every gate still
// closed (field → reason code, the same rule as the page and the release job), record the decision, the welfare
// check, a hold and its end (the business unit), the chair's override of ongoing criminal proceedings and the
// chair's approval. The same PublicationService calls as the pages; each change names the revision read (409 when
// stale, nothing written); bad input is a 422 problem with the pages' field codes. The sealed notes (the welfare
// check's, the liaison's details) are shown only to the roles allowed restricted details.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { PUBLICATION_CHOICES, PUBLICATION_LIMITS } from '../../../domain/publication/publication.ts';
import type { PublicationView } from '../../../services/publication/publication-service.ts';
import { urls } from '../../../urls.ts';
import { CalendarDate, DateIn, Id, Instant, named, problems, prose } from '../../api/schemas.ts';

const tags = ['publication'];
const BASE = urls.reviewPublication.pattern;

const Params = z.object({ boardId: Id, reviewId: Id });
const Revision = z.number().int().min(0).describe('The publication’s revision read (0 before anything is recorded)');
const Changed = named(z.object({ revision: z.number().int() }), 'PublicationRevision', 'The publication’s revision after the change');

const PublicationOut = named(
  z.object({
    reviewId: Id,
    stage: z.string(),
    revision: z.number().int(),
    choice: z.enum(PUBLICATION_CHOICES).nullable(),
    reasons: z.string().nullable(),
    releaseAt: Instant.nullable().describe('The embargoed release time (UTC)'),
    pressStatement: z.object({ en: z.string().nullable(), cy: z.string().nullable() }),
    briefing: z.object({ en: z.string().nullable(), cy: z.string().nullable() }).describe('The 7-minute briefing'),
    showHold: z.boolean().describe('Whether a hold is shown to the public ("Publication delayed: parallel proceedings")'),
    withdrawAfterMonths: z.number().int().nullable(),
    decidedAt: Instant.nullable(),
    welfareCheckedOn: CalendarDate.nullable(),
    welfareNote: z.string().nullable().describe('Only for the roles allowed restricted details'),
    overriddenAt: Instant.nullable().describe('The board chair’s override of ongoing criminal proceedings'),
    overrideLiaison: z.string().nullable().describe('The police/CPS liaison’s details: only for the roles allowed restricted details'),
    approved: z.boolean().describe('The board chair approved the decision as it now is'),
    approvedAt: Instant.nullable(),
    hold: z.object({ reason: z.string(), recheckOn: CalendarDate }).nullable(),
    publishedAt: Instant.nullable(),
    withdrawnAt: Instant.nullable(),
    closedGates: z.record(z.string(), z.string()).describe('Why it may not be released now, gate → reason code (empty: every gate is open)'),
    openCriminalProceedings: z.number().int(),
    mayPrepare: z.boolean(),
    mayApprove: z.boolean(),
  }),
  'Publication',
  'A review’s publication decision and its gates',
);

const DecisionIn = named(
  z.strictObject({
    choice: z.enum(PUBLICATION_CHOICES),
    reasons: prose(PUBLICATION_LIMITS.reasons),
    releaseDate: DateIn.nullable().optional().describe('The embargoed release day (London), with releaseTime; none when not publishing'),
    releaseTime: z.string().max(5).optional().describe('HH:MM, London time'),
    pressStatementEn: prose(PUBLICATION_LIMITS.statement).optional(),
    pressStatementCy: prose(PUBLICATION_LIMITS.statement).optional(),
    briefingEn: prose(PUBLICATION_LIMITS.statement).optional(),
    briefingCy: prose(PUBLICATION_LIMITS.statement).optional(),
    showHold: z.boolean().optional(),
    withdrawAfterMonths: z.number().int().min(1).max(PUBLICATION_LIMITS.withdrawAfterMonths).nullable().optional(),
    revision: Revision,
  }),
  'PublicationDecision',
  'The board’s decision: what is published (or not, with reasons), when, the press statement and briefing in both languages',
);

function out(view: PublicationView) {
  const p = view.publication;
  const sealed = (value: string | null | undefined) => (view.restricted ? (value ?? null) : null);
  return {
    reviewId: view.review.id,
    stage: view.review.stage,
    revision: p?.revision ?? 0,
    choice: view.facts.choice,
    reasons: p?.reasons ?? null,
    releaseAt: p?.releaseAt ?? null,
    pressStatement: { en: p?.pressStatementEn ?? null, cy: p?.pressStatementCy ?? null },
    briefing: { en: p?.briefingEn ?? null, cy: p?.briefingCy ?? null },
    showHold: p?.showHold ?? false,
    withdrawAfterMonths: p?.withdrawAfterMonths ?? null,
    decidedAt: p?.decidedAt ?? null,
    welfareCheckedOn: p?.welfareCheckedOn ?? null,
    welfareNote: sealed(p?.welfareNote),
    overriddenAt: p?.overrideAt ?? null,
    overrideLiaison: sealed(p?.overrideLiaison),
    approved: view.approved,
    approvedAt: view.approved ? (p?.approvedAt ?? null) : null,
    hold: p?.holdReason != null && p.recheckOn != null ? { reason: p.holdReason, recheckOn: p.recheckOn } : null,
    publishedAt: p?.publishedAt ?? null,
    withdrawnAt: p?.withdrawnAt ?? null,
    closedGates: view.refusals,
    openCriminalProceedings: view.facts.openCriminalProceedings,
    mayPrepare: view.canPrepare,
    mayApprove: view.canApprove,
  };
}

export default async function publicationApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { publication } = opts.services;
  const changeResponse = { 200: Changed, ...problems(400, 403, 404, 409, 422) };

  app.get(
    BASE,
    {
      config: { access: 'publication.view', audit: 'PUBLICATION_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getPublication',
        summary: 'A review’s publication: the board’s decision, the chair’s approval, holds, and every gate still closed',
        params: Params,
        response: { 200: PublicationOut, ...problems(400, 403, 404) },
      },
    },
    async (req) => out(await publication.view(req.caller(), req.params)),
  );

  app.post(
    `${BASE}/decision`,
    {
      config: { access: 'publication.prepare', audit: 'PUBLICATION_DECIDED' },
      schema: {
        tags,
        operationId: 'decidePublication',
        summary: 'Records the board’s decision (the business unit): a new revision, which the board chair approves again',
        params: Params,
        body: DecisionIn,
        response: changeResponse,
      },
    },
    async (req) => {
      const b = req.body;
      return publication.decide(req.caller(), req.params, {
        choice: b.choice,
        reasons: b.reasons,
        releaseDate: b.releaseDate ?? '',
        releaseTime: b.releaseTime ?? '',
        pressStatementEn: b.pressStatementEn ?? '',
        pressStatementCy: b.pressStatementCy ?? '',
        briefingEn: b.briefingEn ?? '',
        briefingCy: b.briefingCy ?? '',
        showHold: b.showHold ?? false,
        withdrawAfterMonths: b.withdrawAfterMonths == null ? '' : String(b.withdrawAfterMonths),
        revision: b.revision,
      });
    },
  );

  app.post(
    `${BASE}/welfare-check`,
    {
      config: { access: 'publication.prepare', audit: 'PUBLICATION_WELFARE_CHECKED' },
      schema: {
        tags,
        operationId: 'recordPublicationWelfareCheck',
        summary: 'Records the welfare check of the surviving children (R6), its note sealed at rest',
        params: Params,
        body: z.strictObject({ checkedOn: DateIn, note: prose(PUBLICATION_LIMITS.note), revision: Revision }),
        response: changeResponse,
      },
    },
    async (req) => publication.recordWelfareCheck(req.caller(), req.params, req.body),
  );

  app.post(
    `${BASE}/hold`,
    {
      config: { access: 'publication.prepare', audit: 'PUBLICATION_HELD' },
      schema: {
        tags,
        operationId: 'holdPublication',
        summary: 'Holds the publication with a reason and a day to look again (the business unit is emailed that day)',
        params: Params,
        body: z.strictObject({ reason: prose(PUBLICATION_LIMITS.holdReason), recheckOn: DateIn, revision: Revision }),
        response: changeResponse,
      },
    },
    async (req) => publication.hold(req.caller(), req.params, req.body),
  );

  app.post(
    `${BASE}/hold/end`,
    {
      config: { access: 'publication.prepare', audit: 'PUBLICATION_HOLD_ENDED' },
      schema: {
        tags,
        operationId: 'endPublicationHold',
        summary: 'Ends a publication hold',
        params: Params,
        body: z.strictObject({ revision: Revision }),
        response: changeResponse,
      },
    },
    async (req) => publication.endHold(req.caller(), req.params, req.body),
  );

  app.post(
    `${BASE}/override`,
    {
      config: { access: 'publication.approve', audit: 'PUBLICATION_OVERRIDDEN' },
      schema: {
        tags,
        operationId: 'overridePublicationProceedings',
        summary: 'The board chair goes ahead while criminal proceedings are ongoing (R5), with the police/CPS liaison’s details (sealed)',
        params: Params,
        body: z.strictObject({ liaison: prose(PUBLICATION_LIMITS.liaison), revision: Revision }),
        response: changeResponse,
      },
    },
    async (req) => publication.override(req.caller(), req.params, req.body),
  );

  app.post(
    `${BASE}/approval`,
    {
      config: { access: 'publication.approve', audit: 'PUBLICATION_APPROVED' },
      schema: {
        tags,
        operationId: 'approvePublication',
        summary: 'The board chair approves the decision as it now is (to publish, or not to)',
        params: Params,
        body: z.strictObject({ revision: Revision }),
        response: changeResponse,
      },
    },
    async (req) => publication.approve(req.caller(), req.params, req.body),
  );
}
