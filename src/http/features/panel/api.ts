// The panel in the API (issue 10 item 2): the board's register of independent chairs and reviewers (list
// with filters, add, change, engagements), a review's panel (read; agency members; nominations, declaration
// links, appointments, withdrawals and leaving). The same service calls as the pages; a refused appointment
// is a 422 whose errors name every reason, nothing written; two appointments to the last place, a 409.
// Registered inside the API scope (src/http/api/index.ts), where the zod schemas validate.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import type { RegisterEntry as Entry } from '../../../services/panel-register-service.ts';
import type { PanelView } from '../../../services/panel-service.ts';
import { BoardParams, Id, Instant, problems } from '../../api/schemas.ts';
import {
  EndIn,
  EngagementIn,
  MemberIn,
  NominationIn,
  NominationParams,
  Panel,
  PanelParams,
  RegisterEntry,
  RegisterEntryIn,
  RegisterParams,
  RegisterQuery,
} from './api-schemas.ts';

const tags = ['panel'];
const Created = z.object({ id: Id });

function entryOut(e: Entry) {
  return {
    id: e.id,
    boardId: e.boardId,
    fullName: e.fullName,
    email: e.email,
    specialisms: e.specialisms,
    wgApproved: e.wgApproved,
    languages: e.languages as ('en' | 'cy')[],
    availability: e.availability as 'available' | 'limited' | 'unavailable',
    pastReviews: e.pastReviews,
    declaredInterests: e.declaredInterests,
    employerAgencyId: e.employerAgencyId,
    personId: e.personId,
    engagements: e.engagements.map((g) => ({ id: g.id, agencyId: g.agencyId, fromOn: g.fromOn, toOn: g.toOn, what: g.what })),
  };
}

function panelOut(p: PanelView) {
  return {
    reviewId: p.review.id,
    involvedAgencies: p.involvedAgencies.map((a) => ({ id: a.id, nameEn: a.en, nameCy: a.cy })),
    rules: Object.fromEntries(
      Object.entries(p.rules).map(([role, r]) => [
        role,
        { nominatedBy: r.nominatedBy, appointedBy: r.appointedBy, approvedListOnly: r.approvedListOnly, places: r.places },
      ]),
    ) as z.output<typeof Panel>['rules'],
    members: p.members,
    nominations: p.nominations.map((n) => ({
      id: n.id,
      role: n.role as 'panel_chair' | 'author',
      entryId: n.entryId,
      name: n.entryName,
      status: n.status as 'nominated' | 'appointed' | 'withdrawn' | 'ended',
      nominatedAt: n.nominatedAt,
      replacesId: n.replacesId,
      declaration: n.declaration
        ? {
            independentOfAgencies: n.declaration.independentOfAgencies,
            independentOfCase: n.declaration.independentOfCase,
            independentOfChild: n.declaration.independentOfChild,
            conflicts: n.declaration.conflicts,
            declaredAt: n.declaration.declaredAt,
          }
        : null,
      declarationLinkOpen: n.hasDeclarationLink,
      refusals: Object.entries(n.refusals).map(([field, code]) => ({ field, code })),
      warnings: n.warnings,
      personId: n.personId,
      appointedAt: n.appointedAt,
      endedAt: n.endedAt,
    })),
    reassignments: p.reassignments,
  };
}

export default async function panelApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { panel, register } = opts.services;

  app.get(
    '/boards/:boardId/register',
    {
      config: { access: 'register.view', audit: 'REGISTER_LISTED' },
      schema: {
        tags,
        operationId: 'listRegister',
        summary: 'The board’s register of independent chairs and reviewers, filtered by availability, language and specialism',
        params: BoardParams,
        querystring: RegisterQuery,
        response: { 200: z.object({ entries: z.array(RegisterEntry) }), ...problems(400, 403, 404) },
      },
    },
    async (req) => ({ entries: (await register.list(req.caller(), req.params.boardId, req.query)).entries.map(entryOut) }),
  );

  app.post(
    '/boards/:boardId/register',
    {
      config: { access: 'register.manage', audit: 'REGISTER_ENTRY_ADDED' },
      schema: {
        tags,
        operationId: 'addRegisterEntry',
        summary: 'Add someone to the board’s register (an email address once per board)',
        params: BoardParams,
        body: RegisterEntryIn,
        response: { 201: Created, ...problems(400, 403, 404, 409, 413, 422) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const created = await register.add(req.caller(), req.params.boardId, { ...b, specialisms: b.specialisms.join(', ') });
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/boards/:boardId/register/:entryId',
    {
      config: { access: 'register.manage', audit: 'REGISTER_ENTRY_UPDATED' },
      schema: {
        tags,
        operationId: 'updateRegisterEntry',
        summary: 'Change a register entry (every field)',
        params: RegisterParams,
        body: RegisterEntryIn,
        response: { 200: RegisterEntry, ...problems(400, 403, 404, 409, 413, 422) },
      },
    },
    async (req) => {
      const b = req.body;
      await register.update(req.caller(), req.params.boardId, req.params.entryId, { ...b, specialisms: b.specialisms.join(', ') });
      return entryOut(await register.get(req.caller(), req.params.boardId, req.params.entryId));
    },
  );

  app.post(
    '/boards/:boardId/register/:entryId/engagements',
    {
      config: { access: 'register.manage', audit: 'REGISTER_ENGAGEMENT_ADDED' },
      schema: {
        tags,
        operationId: 'addRegisterEngagement',
        summary: 'Record a dated engagement of a register entry with one of the board’s agencies',
        params: RegisterParams,
        body: EngagementIn,
        response: { 201: Created, ...problems(400, 403, 404, 413, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await register.addEngagement(req.caller(), req.params.boardId, req.params.entryId, req.body)),
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/panel',
    {
      config: { access: 'panel.view', audit: 'PANEL_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getReviewPanel',
        summary: 'A review’s panel: agency members, nominations and appointments of the independent roles, declarations, refusals and warnings',
        params: PanelParams,
        response: { 200: Panel, ...problems(400, 403, 404) },
      },
    },
    async (req) => panelOut(await panel.view(req.caller(), req.params.boardId, req.params.reviewId)),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/panel/members',
    {
      config: { access: 'panel.manage', audit: 'PANEL_MEMBER_ADDED' },
      schema: {
        tags,
        operationId: 'addPanelMember',
        summary: 'Add an involved agency’s representative to the panel (an account is made and invited when new)',
        params: PanelParams,
        body: MemberIn,
        response: { 201: z.object({ personId: Id, created: z.boolean() }), ...problems(400, 403, 404, 409, 413, 422) },
      },
    },
    async (req, reply) => {
      const added = await panel.addMember(req.caller(), req.params.boardId, req.params.reviewId, req.body);
      return reply.code(201).send({ personId: added.personId, created: added.created });
    },
  );

  app.delete(
    '/boards/:boardId/reviews/:reviewId/panel/members/:assignmentId',
    {
      config: { access: 'panel.manage', audit: 'PANEL_MEMBER_ENDED' },
      schema: {
        tags,
        operationId: 'endPanelMember',
        summary: 'End an agency representative’s place on the panel (their role on the review ends; the assignment id is from getPanel)',
        params: PanelParams.extend({ assignmentId: Id }),
        response: { 204: z.null().describe('Done'), ...problems(403, 404) },
      },
    },
    async (req, reply) => {
      await panel.endMember(req.caller(), req.params.boardId, req.params.reviewId, req.params.assignmentId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/panel/nominations',
    {
      config: { access: 'panel.view', audit: 'PANEL_NOMINATED' },
      schema: {
        tags,
        operationId: 'nominateIndependent',
        summary:
          'Nominate a register entry to an independent role: the panel (its chair, or the business unit on its behalf) or the business unit, as the framework says; SUSR from the approved list only',
        params: PanelParams,
        body: NominationIn,
        response: { 201: Created, ...problems(400, 403, 404, 413, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await panel.nominate(req.caller(), req.params.boardId, req.params.reviewId, req.body)),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/declaration-link',
    {
      config: { access: 'panel.view', audit: 'PANEL_DECLARATION_REQUESTED' },
      schema: {
        tags,
        operationId: 'requestIndependenceDeclaration',
        summary: 'Make (and email) the candidate’s single-use declaration link; an earlier one stops working',
        params: NominationParams,
        response: { 201: z.object({ url: z.string(), expiresAt: Instant }), ...problems(400, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await panel.requestDeclaration(req.caller(), req.params.boardId, req.params.reviewId, req.params.nominationId)),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/appointment',
    {
      config: { access: 'panel.view', audit: 'PANEL_APPOINTED' },
      schema: {
        tags,
        operationId: 'appointIndependent',
        summary:
          'Appoint a nominated candidate: refused (422, every reason, nothing written) when employed by an involved agency, a conflict declared, no declaration, or not on the approved list where required; 409 when every place is taken',
        params: NominationParams,
        response: { 200: z.object({ personId: Id, created: z.boolean() }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const done = await panel.appoint(req.caller(), req.params.boardId, req.params.reviewId, req.params.nominationId);
      return { personId: done.personId, created: done.created };
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/end',
    {
      config: { access: 'panel.manage', audit: 'PANEL_APPOINTMENT_ENDED' },
      schema: {
        tags,
        operationId: 'endNomination',
        summary: 'Withdraw a nomination, or record that someone appointed has left (their review role ends), with the reason',
        params: NominationParams,
        body: EndIn,
        response: { 204: z.null().describe('Done'), ...problems(400, 403, 404, 409, 413, 422) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, nominationId } = req.params;
      await panel.endNomination(req.caller(), boardId, reviewId, nominationId, req.body.reason);
      return reply.code(204).send(null);
    },
  );
}
