// Agency contributions in the API (issue 10 item 4): the review's requests, asking an agency, one request
// (an agency's people: their own agency's only), the author's declaration, the draft, submission, sign-off
// or return, waiving; the token holder's own contributions; an agency's contacts. The same services as the
// pages; problem+json errors (422 for bad input and refused declarations, 409 for a move the state does not
// allow). Attachments are uploaded through the pages (the file service's refusals are the same).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import type { AuditAction } from '../../../domain/audit-actions.ts';
import { LIMITS } from '../../../domain/limits.ts';
import type { Access } from '../../../domain/permissions.ts';
import { ALL_CONTRIBUTION_SECTIONS, CONTRIBUTION_KINDS, CONTRIBUTION_STATES } from '../../../domain/reviews/contributions.ts';
import { type Caller, invalid } from '../../../services/context.ts';
import type { ContributionItem } from '../../../services/contribution-service.ts';
import { UploadRefused } from '../../../services/files/file-service.ts';
import { CalendarDate, Id, Instant, named, problems } from '../../api/schemas.ts';
import { sendDownload } from '../../download.ts';
import { readUpload, uploadRefusalProblem } from '../../uploads.ts';

const tags = ['contributions'];

const Status = z.enum([...CONTRIBUTION_STATES, 'overdue']);

const ContributionOut = named(
  z.object({
    id: Id,
    reviewId: Id,
    agencyId: Id,
    agencyName: z.object({ en: z.string(), cy: z.string() }),
    kind: z.enum(CONTRIBUTION_KINDS).describe('imr: an Individual Management Review (SCR); timeline: the agency’s chronology (CPR, SUSR)'),
    state: z.enum(CONTRIBUTION_STATES),
    status: Status.describe('The state, or overdue when still owed after the due date'),
    requestedOn: CalendarDate,
    dueOn: CalendarDate,
    authorRole: z.string().nullable(),
    recordsSecuredOn: CalendarDate.nullable(),
    declaredAt: Instant.nullable().describe('When the author declared they were neither directly involved nor the line manager of those who were'),
    submittedAt: Instant.nullable(),
    signedOffAt: Instant.nullable(),
    waivedReason: z.string().nullable(),
  }),
  'Contribution',
  'An agency’s contribution to a review and where it stands',
);

const Attachment = named(
  z.object({ id: Id, name: z.string(), contentType: z.string(), sizeBytes: z.number().int() }),
  'ContributionAttachment',
  'A file attached to an agency’s contribution',
);

const ContributionDetail = named(
  ContributionOut.extend({
    sections: z.record(z.string(), z.string()).describe('The drafted sections, by name'),
    attachments: z.array(Attachment),
    reminders: z.array(z.object({ rung: z.string(), sentOn: CalendarDate })),
  }),
  'ContributionDetail',
);

function out(i: ContributionItem) {
  return {
    id: i.id,
    reviewId: i.reviewId,
    agencyId: i.agencyId,
    agencyName: i.agencyName,
    kind: i.kind as (typeof CONTRIBUTION_KINDS)[number],
    state: i.status as (typeof CONTRIBUTION_STATES)[number],
    status: i.displayStatus,
    requestedOn: i.requestedOn,
    dueOn: i.dueOn,
    authorRole: i.authorRole,
    recordsSecuredOn: i.recordsSecuredOn,
    declaredAt: i.declaredAt,
    submittedAt: i.submittedAt,
    signedOffAt: i.signedOffAt,
    waivedReason: i.waivedReason,
  };
}

const Person = z.strictObject({
  fullName: z.string().max(LIMITS.name),
  email: z.string().max(LIMITS.email),
  jobTitle: z.string().max(LIMITS.jobTitle).nullable().optional(),
  language: z.enum(['en', 'cy']).optional(),
});

const RequestIn = named(
  z.strictObject({
    agencyId: Id,
    contactId: Id.describe('One of the agency’s contacts: the request is emailed there, in the contact’s language'),
    dueOn: z.string().max(10).describe('YYYY-MM-DD, after today'),
    author: Person.describe('The agency’s author: given the agency_contributor role on this review (a new person is invited)'),
    seniorManager: Person.describe('The agency’s senior manager who signs off: given the agency_senior_manager role'),
  }),
  'ContributionRequest',
);

const Declaration = named(
  z.strictObject({
    directlyInvolved: z.boolean().describe('Were you directly involved with the child or family? true is refused'),
    lineManager: z.boolean().describe('Were you the line manager of anyone directly involved? true is refused'),
    authorRole: z.string().max(LIMITS.jobTitle),
    recordsSecuredOn: z.string().max(10).nullable().optional().describe('YYYY-MM-DD, today or earlier'),
  }),
  'ContributionDeclaration',
);

const Draft = named(
  z.strictObject({
    sections: z
      .partialRecord(z.enum(ALL_CONTRIBUTION_SECTIONS as [string, ...string[]]), z.string().max(50000))
      .describe('Sections to write (an empty text clears one)'),
    authorRole: z.string().max(LIMITS.jobTitle).optional(),
    recordsSecuredOn: z.string().max(10).nullable().optional(),
  }),
  'ContributionDraft',
);

const Move = z.strictObject({ from: z.string().max(40).optional().describe('The state the client saw: a 409 if it has moved since') });
const SignOff = z.strictObject({
  decision: z.enum(['sign_off', 'return']),
  reason: z.string().max(2000).nullable().optional().describe('Required to return it'),
  from: z.string().max(40).optional(),
});
const Waive = z.strictObject({ reason: z.string().max(2000), from: z.string().max(40).optional() });

const ReviewParams = z.object({ boardId: Id, reviewId: Id });
const RequestParams = z.object({ boardId: Id, reviewId: Id, requestId: Id });
const AgencyParams = z.object({ boardId: Id, agencyId: Id });
const ContactParams = z.object({ boardId: Id, agencyId: Id, contactId: Id });

const Contact = named(
  z.object({ id: Id, fullName: z.string(), email: z.string(), language: z.enum(['en', 'cy']) }),
  'AgencyContact',
  'Where an agency’s contribution requests go',
);
const ContactIn = z.strictObject({ fullName: z.string().max(LIMITS.name), email: z.string().max(LIMITS.email), language: z.enum(['en', 'cy']) });
const Moved = z.object({ to: z.string() });

export default async function contributionApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { contributions, agencyContacts, files } = opts.services;

  app.get(
    '/contributions',
    {
      config: { access: 'contribution.view', audit: 'CONTRIBUTIONS_LISTED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'listMyContributions',
        summary: 'The contributions the token holder is the author or senior manager of, with what they have to do',
        response: { 200: z.array(ContributionOut.extend({ reference: z.string(), role: z.string(), nextStep: z.string().nullable() })), ...problems() },
      },
    },
    async (req) => (await contributions.mine(req.caller())).items.map((i) => ({ ...out(i), reference: i.reference, role: i.role, nextStep: i.nextStep })),
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/contributions',
    {
      config: { access: 'contribution.view', audit: 'CONTRIBUTIONS_LISTED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'listReviewContributions',
        summary: 'The review’s contribution requests and their status (an agency’s people: their own agency’s only)',
        params: ReviewParams,
        response: { 200: z.array(ContributionOut), ...problems(404) },
      },
    },
    async (req) => (await contributions.list(req.caller(), req.params.boardId, req.params.reviewId)).map(out),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/contributions',
    {
      config: { access: 'contribution.manage', audit: 'CONTRIBUTION_REQUESTED' },
      schema: {
        tags,
        operationId: 'requestContribution',
        summary: 'Ask an agency for its contribution: the author and senior manager are given their roles and the contact is emailed',
        params: ReviewParams,
        body: RequestIn,
        response: { 201: z.object({ id: Id }), ...problems(404, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await contributions.request(req.caller(), req.params.boardId, req.params.reviewId, req.body)),
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/contributions/:requestId',
    {
      config: { access: 'contribution.view', audit: 'CONTRIBUTION_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getContribution',
        summary: 'One contribution with its sections, attachments and reminders (another agency’s is refused)',
        params: RequestParams,
        response: { 200: ContributionDetail, ...problems(404) },
      },
    },
    async (req) => {
      const v = await contributions.view(req.caller(), req.params.boardId, req.params.reviewId, req.params.requestId);
      return {
        ...out(v.request),
        sections: v.sections as Record<string, string>,
        attachments: v.attachments.map((a) => ({ id: a.id, name: a.name, contentType: a.contentType, sizeBytes: a.sizeBytes })),
        reminders: v.reminders,
      };
    },
  );

  app.put(
    '/boards/:boardId/reviews/:reviewId/contributions/:requestId/draft',
    {
      config: { access: 'contribution.edit', audit: 'CONTRIBUTION_SAVED' },
      schema: {
        tags,
        operationId: 'saveContributionDraft',
        summary: 'Save sections of the draft (after the declaration, before submission)',
        params: RequestParams,
        body: Draft,
        response: { 200: z.object({ saved: z.number().int() }), ...problems(404, 409, 422) },
      },
    },
    async (req) => contributions.saveDraft(req.caller(), req.params.boardId, req.params.reviewId, req.params.requestId, req.body),
  );

  // The request's moves: one shape each (the caller, the request's path, the body the operation takes).
  type RequestPath = z.infer<typeof RequestParams>;
  const move = <B extends z.ZodType>(
    path: string,
    config: { access: Access; audit: AuditAction },
    operationId: string,
    summary: string,
    body: B,
    run: (caller: Caller, p: RequestPath, body: z.infer<B>) => Promise<{ to: string }>,
  ) =>
    app.post(
      `/boards/:boardId/reviews/:reviewId/contributions/:requestId/${path}`,
      { config, schema: { tags, operationId, summary, params: RequestParams, body, response: { 200: Moved, ...problems(404, 409, 422) } } },
      async (req) => run(req.caller(), req.params, req.body as z.infer<B>),
    );

  move(
    'declaration',
    { access: 'contribution.edit', audit: 'CONTRIBUTION_DECLARED' },
    'declareContribution',
    'The author’s declaration (refused when directly involved or a line manager); drafting starts',
    Declaration,
    (c, p, b) => contributions.declare(c, p.boardId, p.reviewId, p.requestId, b),
  );
  move(
    'submission',
    { access: 'contribution.edit', audit: 'CONTRIBUTION_SUBMITTED' },
    'submitContribution',
    'Submit the draft for sign-off (every section written)',
    Move,
    (c, p, b) => contributions.submit(c, p.boardId, p.reviewId, p.requestId, b),
  );
  move(
    'sign-off',
    { access: 'contribution.sign_off', audit: 'CONTRIBUTION_SIGNED_OFF' },
    'signOffContribution',
    'The agency’s senior manager signs off the submitted contribution, or returns it with a reason',
    SignOff,
    (c, p, b) => contributions.signOff(c, p.boardId, p.reviewId, p.requestId, b),
  );
  move(
    'waiver',
    { access: 'contribution.manage', audit: 'CONTRIBUTION_WAIVED' },
    'waiveContribution',
    'Waive the request, with a reason (before sign-off)',
    Waive,
    (c, p, b) => contributions.waive(c, p.boardId, p.reviewId, p.requestId, b),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/contributions/:requestId/attachments',
    {
      config: { access: 'contribution.edit', audit: 'CONTRIBUTION_ATTACHED' },
      schema: {
        tags,
        operationId: 'attachToContribution',
        summary: 'Attach a file to the draft (multipart/form-data, the file in `file`): the author, while drafting',
        params: RequestParams,
        response: { 201: Attachment, ...problems(404, 409, 413, 415, 422, 503) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, requestId } = req.params;
      await contributions.checkMayAttach(req.caller(), boardId, reviewId, requestId);
      try {
        const { stored } = await readUpload(req, 'file', (file) => contributions.attach(req.caller(), boardId, reviewId, requestId, file));
        if (!stored) throw invalid({ file: 'file.required' });
        return reply.code(201).send({ id: stored.id, name: stored.name, contentType: stored.contentType, sizeBytes: stored.sizeBytes });
      } catch (error) {
        if (error instanceof UploadRefused)
          return uploadRefusalProblem(req, reply as FastifyReply, error.reason, 'attachment', files.limits.maxBytes.attachment);
        throw error;
      }
    },
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/contributions/:requestId/attachments/:fileId/content',
    {
      config: { access: 'contribution.view', audit: 'CONTRIBUTION_ATTACHMENT_DOWNLOADED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'downloadContributionAttachment',
        summary: 'An attachment’s file (another agency’s contribution is refused); the download is audited',
        params: RequestParams.extend({ fileId: Id }),
        response: {
          200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().describe('The file') } } },
          ...problems(403, 404),
        },
      },
    },
    async (req, reply) => {
      const p = req.params;
      const { file, content } = await contributions.download(req.caller(), p.boardId, p.reviewId, p.requestId, p.fileId);
      return sendDownload(reply as FastifyReply, file, content);
    },
  );

  app.get(
    '/boards/:boardId/agencies/:agencyId/contacts',
    {
      config: { access: 'agency.contacts_manage', audit: 'AGENCY_CONTACTS_VIEWED' },
      schema: {
        tags,
        operationId: 'listAgencyContacts',
        summary: 'An agency’s contacts',
        params: AgencyParams,
        response: { 200: z.array(Contact), ...problems(404) },
      },
    },
    async (req) => (await agencyContacts.list(req.caller(), req.params.boardId, req.params.agencyId)).contacts.map(({ agencyId: _a, ...c }) => c),
  );

  app.post(
    '/boards/:boardId/agencies/:agencyId/contacts',
    {
      config: { access: 'agency.contacts_manage', audit: 'AGENCY_CONTACT_ADDED' },
      schema: {
        tags,
        operationId: 'addAgencyContact',
        summary: 'Add a contact for the agency (requests and reminders go there, in its language)',
        params: AgencyParams,
        body: ContactIn,
        response: { 201: z.object({ id: Id }), ...problems(404, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await agencyContacts.add(req.caller(), req.params.boardId, req.params.agencyId, req.body)),
  );

  app.delete(
    '/boards/:boardId/agencies/:agencyId/contacts/:contactId',
    {
      config: { access: 'agency.contacts_manage', audit: 'AGENCY_CONTACT_REMOVED' },
      schema: { tags, operationId: 'removeAgencyContact', summary: 'Remove a contact', params: ContactParams, response: { 204: z.null(), ...problems(404) } },
    },
    async (req, reply) => {
      await agencyContacts.remove(req.caller(), req.params.boardId, req.params.agencyId, req.params.contactId);
      return reply.code(204).send(null);
    },
  );
}
