// Setting a review up and keeping it current, in the API (issue 10 items 1 and 5a): the review's
// notifications, referrals and children (pseudonyms only), joint boards and parallel proceedings with their
// history; recording a notification and downloading its letter; linking and unlinking a referral; recording
// a joint review; adding and updating a proceeding. The same ReviewSetupService calls as the pages;
// problem+json errors (422 bad input, 409 recorded or linked meanwhile, 404 another board's records).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { FORMAT_FILES } from '../../../documents/render.ts';
import { NOTIFICATION_RECIPIENTS } from '../../../domain/frameworks/notifications.ts';
import { LIMITS } from '../../../domain/limits.ts';
import { PROCEEDING_STATUSES, PROCEEDING_TYPES } from '../../../domain/referrals/referral.ts';
import { PROCEEDING_FIELDS } from '../../../domain/reviews/review-setup.ts';
import { REASON_MAX } from '../../../domain/workflow.ts';
import type { ReviewSetup } from '../../../services/review-setup-service.ts';
import { CalendarDate, DateIn, Id, Instant, named, Pseudonym, problems, prose, pseudonymOut } from '../../api/schemas.ts';
import { sendDownload } from '../../download.ts';

const tags = ['reviews'];

const ReviewParams = z.object({ boardId: Id, reviewId: Id });

const ReviewSetupOut = named(
  z.object({
    notifications: z
      .array(
        z.object({
          requirement: z.enum(NOTIFICATION_RECIPIENTS).describe('The notification’s code on the review'),
          recipient: z.enum(NOTIFICATION_RECIPIENTS),
          purpose: z.enum(['review_taking_place', 'intention_to_hold']),
          gates: z.string().nullable().describe('The review’s event that waits for it (SUSR: notify_welsh_government)'),
          status: z.enum(['due', 'sent']),
          notificationId: Id.nullable(),
          sentOn: CalendarDate.nullable(),
          recordedBy: Id.nullable(),
          recordedAt: Instant.nullable(),
        }),
      )
      .describe('The notifications the review’s framework requires after the decision, each due or sent'),
    referrals: z
      .array(z.object({ referralId: Id, primary: z.boolean(), childPseudonym: Pseudonym, receivedOn: CalendarDate, linkedAt: Instant.nullable() }))
      .describe('The referrals the review covers (its own first) and their children, by pseudonym only'),
    joint: z.object({ leadBoardId: Id.nullable(), partnerBoardIds: z.array(Id) }).describe('A joint review’s boards (none: not joint)'),
    proceedings: z.array(
      z.object({
        id: Id,
        referralId: Id,
        proceedingType: z.enum(PROCEEDING_TYPES),
        status: z.enum(PROCEEDING_STATUSES),
        nextHearingOn: CalendarDate.nullable(),
        concludedOn: CalendarDate.nullable(),
        liaisonContact: z.string().nullable(),
        updatedAt: Instant.describe('Send it back as seenAt when updating: a 409 if the proceeding changed since'),
        history: z.array(
          z.object({ field: z.enum(PROCEEDING_FIELDS), from: z.string().nullable(), to: z.string().nullable(), changedBy: Id.nullable(), changedAt: Instant }),
        ),
      }),
    ),
  }),
  'ReviewSetup',
  'A review’s notifications, referrals and children, joint boards and parallel proceedings',
);

function setupOut(s: ReviewSetup): z.output<typeof ReviewSetupOut> {
  return {
    notifications: s.notifications.map((n) => ({
      requirement: n.requirement.id,
      recipient: n.requirement.recipient,
      purpose: n.requirement.purpose,
      gates: n.requirement.gates ?? null,
      status: n.sent ? 'sent' : 'due',
      notificationId: n.sent?.id ?? null,
      sentOn: n.sent?.sentOn ?? null,
      recordedBy: n.sent?.recordedBy ?? null,
      recordedAt: n.sent?.recordedAt ?? null,
    })),
    referrals: s.referrals.map((r) => ({
      referralId: r.referralId,
      primary: r.primary,
      childPseudonym: pseudonymOut(r.pseudonym),
      receivedOn: r.receivedOn,
      linkedAt: r.linkedAt,
    })),
    joint: { leadBoardId: s.joint.leadBoardId, partnerBoardIds: s.joint.partnerBoardIds },
    proceedings: s.proceedings.map((p) => ({
      id: p.id,
      referralId: p.referralId,
      proceedingType: p.proceedingType,
      status: p.status,
      nextHearingOn: p.nextHearingOn,
      concludedOn: p.concludedOn,
      liaisonContact: p.liaisonContact,
      updatedAt: p.updatedAt,
      history: p.history.map((h) => ({ field: h.field, from: h.from, to: h.to, changedBy: h.changedBy, changedAt: h.changedAt })),
    })),
  };
}

const NotificationIn = named(
  z.strictObject({ sentOn: DateIn.describe('The day it was sent: not in the future, not before the decision') }),
  'ReviewNotificationRecord',
);
const LinkIn = named(z.strictObject({ referralId: Id }), 'ReviewReferralLink');
const UnlinkIn = named(z.strictObject({ reason: prose(REASON_MAX).describe('Why (kept on the link, never in the audit log)') }), 'ReviewReferralUnlink');
const JointIn = named(
  z.strictObject({
    partnerBoardIds: z.array(Id).max(20).describe('The other boards; empty: not a joint review'),
    leadBoardId: Id.nullable().describe('This board or a partner; required when there are partners'),
  }),
  'ReviewJoint',
);
const ProceedingIn = named(
  z.strictObject({
    proceedingType: z.enum(PROCEEDING_TYPES),
    status: z.enum(PROCEEDING_STATUSES),
    nextHearingOn: DateIn.nullable().optional(),
    concludedOn: DateIn.nullable().optional().describe('Required once concluded; none while open'),
    liaisonContact: prose(LIMITS.liaisonContact).nullable().optional().describe('A role or team, never the family’s names'),
    seenAt: Instant.optional().describe('When updating: the proceeding’s updatedAt as the client saw it (a 409 if it changed since)'),
  }),
  'ReviewProceeding',
);

export default async function reviewSetupApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { reviewSetup, documents } = opts.services;

  app.get(
    '/boards/:boardId/reviews/:reviewId/setup',
    {
      config: { access: 'review.view', audit: 'REVIEW_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getReviewSetup',
        summary: 'A review’s notifications (due or sent), referrals and children (pseudonyms), joint boards and parallel proceedings with their history',
        params: ReviewParams,
        response: { 200: ReviewSetupOut, ...problems(400, 403, 404) },
      },
    },
    async (req) => setupOut((await reviewSetup.form(req.caller(), req.params.boardId, req.params.reviewId, 'review.view')).setup),
  );

  app.put(
    '/boards/:boardId/reviews/:reviewId/notifications/:requirement',
    {
      config: { access: 'review.manage', audit: 'REVIEW_NOTIFICATION_RECORDED' },
      schema: {
        tags,
        operationId: 'recordReviewNotification',
        summary: 'Record that a notification the review’s framework requires was sent (once; SUSR: its WG_NOTIFIED stage waits for it). Audited with ids.',
        params: ReviewParams.extend({ requirement: z.enum(NOTIFICATION_RECIPIENTS) }),
        body: NotificationIn,
        response: { 200: z.object({ id: Id, requirement: z.string() }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      reviewSetup.recordNotification(req.caller(), req.params.boardId, req.params.reviewId, { requirement: req.params.requirement, sentOn: req.body.sentOn }),
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/notifications/:notificationId/letter',
    {
      config: { access: 'review.view', audit: 'REVIEW_NOTIFICATION_LETTER_DOWNLOADED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getReviewNotificationLetter',
        summary: 'A recorded notification’s letter as a web page, Word or tagged PDF, in English or Welsh; the download is audited',
        params: ReviewParams.extend({ notificationId: Id }),
        querystring: z.strictObject({ format: z.enum(['html', 'docx', 'pdf']), lang: z.enum(['en', 'cy']).optional() }),
        response: {
          200: {
            description: 'The letter',
            content: {
              [FORMAT_FILES.html.contentType]: { schema: z.string().describe('An HTML document') },
              [FORMAT_FILES.docx.contentType]: { schema: z.string().describe('A Word document') },
              [FORMAT_FILES.pdf.contentType]: { schema: z.string().describe('A tagged PDF document') },
            },
          },
          ...problems(400, 404),
        },
      },
    },
    async (req, reply) => {
      await reviewSetup.notificationOn(req.caller(), req.params.boardId, req.params.reviewId, req.params.notificationId);
      const file = await documents.download(
        req.caller(),
        'review_notification_letter',
        req.params.notificationId,
        req.query.lang ?? req.lang,
        req.query.format,
      );
      return sendDownload(reply as FastifyReply, file);
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/referrals',
    {
      config: { access: 'review.manage', audit: 'REVIEW_REFERRAL_LINKED' },
      schema: {
        tags,
        operationId: 'linkReviewReferral',
        summary:
          'Link another referral of the board to the review (siblings, one incident); refused for another board’s, one already covered, one in another running review',
        params: ReviewParams,
        body: LinkIn,
        response: { 200: z.object({ linkId: Id }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) => reviewSetup.linkReferral(req.caller(), req.params.boardId, req.params.reviewId, req.body.referralId),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/referrals/:referralId/unlink',
    {
      config: { access: 'review.manage', audit: 'REVIEW_REFERRAL_UNLINKED' },
      schema: {
        tags,
        operationId: 'unlinkReviewReferral',
        summary: 'Unlink a linked referral from the review, with a reason (the review’s own referral stays)',
        params: ReviewParams.extend({ referralId: Id }),
        body: UnlinkIn,
        response: { 204: z.null().describe('Unlinked'), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      await reviewSetup.unlinkReferral(req.caller(), req.params.boardId, req.params.reviewId, req.params.referralId, req.body.reason);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/boards/:boardId/reviews/:reviewId/joint-review',
    {
      config: { access: 'review.manage', audit: 'REVIEW_JOINT_RECORDED' },
      schema: {
        tags,
        operationId: 'setJointReview',
        summary: 'Record a joint review: the other boards and the lead board (no partners: not joint). Audited against every board named.',
        params: ReviewParams,
        body: JointIn,
        response: { 200: z.object({ leadBoardId: Id.nullable(), partnerBoardIds: z.array(Id) }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) => reviewSetup.setJoint(req.caller(), req.params.boardId, req.params.reviewId, req.body),
  );

  const proceedingInput = (b: z.output<typeof ProceedingIn>) => ({
    proceedingType: b.proceedingType,
    status: b.status,
    nextHearingOn: b.nextHearingOn ?? null,
    concludedOn: b.concludedOn ?? null,
    liaisonContact: b.liaisonContact ?? null,
  });

  app.post(
    '/boards/:boardId/reviews/:reviewId/proceedings',
    {
      config: { access: 'review.manage', audit: 'REVIEW_PROCEEDING_ADDED' },
      schema: {
        tags,
        operationId: 'addReviewProceeding',
        summary: 'Add a parallel proceeding to the review (its fields kept as its first history)',
        params: ReviewParams,
        body: ProceedingIn,
        response: { 201: z.object({ id: Id }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await reviewSetup.addProceeding(req.caller(), req.params.boardId, req.params.reviewId, proceedingInput(req.body))),
  );

  app.put(
    '/boards/:boardId/reviews/:reviewId/proceedings/:proceedingId',
    {
      config: { access: 'review.manage', audit: 'REVIEW_PROCEEDING_UPDATED' },
      schema: {
        tags,
        operationId: 'updateReviewProceeding',
        summary: 'Keep a parallel proceeding current: status, next hearing, concluded date, liaison contact; each change kept in its history',
        params: ReviewParams.extend({ proceedingId: Id }),
        body: ProceedingIn,
        response: { 200: z.object({ changed: z.array(z.string()) }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      reviewSetup.updateProceeding(req.caller(), req.params.boardId, req.params.reviewId, req.params.proceedingId, {
        ...proceedingInput(req.body),
        ...(req.body.seenAt ? { seenAt: req.body.seenAt } : {}),
      }),
  );
}
