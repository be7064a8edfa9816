// Running a review in the API (issue 10 item 1): the board's reviews the token holder may see (filters,
// paging), one review's workspace, and moving a review by an offered event (a stage, a hold, resuming,
// withdrawing, reopening) with its reason. The same ReviewService calls as the pages; problem+json errors
// (409 when the review moved meanwhile or the event is not offered; 422 when a reason is missing).
// Registered inside the API scope (src/http/api/index.ts), where the zod schemas validate.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { CLOCK_STATUSES } from '../../../domain/clock/index.ts';
import { FRAMEWORK_IDS } from '../../../domain/frameworks/types.ts';
import { HOLD_REASONS, OFFERED_REVIEW_EVENTS } from '../../../domain/reviews/review.ts';
import { REASON_MAX } from '../../../domain/workflow.ts';
import type { Caller } from '../../../services/context.ts';
import type { ReviewSummary } from '../../../services/review-service.ts';
import { BoardParams, Id, named, Page, problems } from '../../api/schemas.ts';

const tags = ['reviews'];
const PAGE_SIZE = 50;
const CalendarDate = z.iso.date();
const Instant = z.iso.datetime();

const DayCount = z.object({ calendarDays: z.number().int(), workingDays: z.number().int() });

const ReviewClock = named(
  z.object({
    startOn: CalendarDate.describe('The decision'),
    dueOn: CalendarDate.describe('The target date, pushed back by time on hold (a working day)'),
    originalDueOn: CalendarDate.describe('The target date had the review never been on hold'),
    dueOnProvisional: z.boolean().describe('True while a hold lasts: the target date will move again'),
    elapsed: DayCount.describe('Time run since the decision, time on hold excluded'),
    paused: DayCount.describe('Time on hold'),
    status: z.enum(CLOCK_STATUSES),
  }),
  'ReviewClock',
  'The completion clock of a review: the framework’s target from the decision, stopped while on hold',
);

const ReviewHold = named(
  z.object({
    heldStage: z.string().describe('The stage the review left (and returns to when resumed)'),
    pausedOn: CalendarDate,
    resumedOn: CalendarDate.nullable().describe('Null while the hold lasts'),
    reasonCode: z.enum(HOLD_REASONS),
    reasonText: z.string(),
  }),
  'ReviewHold',
);

const ReviewSummaryOut = named(
  z.object({
    id: Id,
    boardId: Id,
    reference: z.string(),
    frameworkId: z.enum(FRAMEWORK_IDS),
    reviewType: z.string().nullable().describe('concise or extended (Child Practice Reviews), fixed at the decision'),
    state: z.string().describe('The stage, WITHDRAWN, or ON_HOLD:<stage> (the stage it left)'),
    stage: z.string().describe('The stage (the one it left, while on hold), or WITHDRAWN'),
    onHold: z.boolean(),
    overdue: z.boolean(),
    overdueMilestones: z.number().int().describe('Milestones of its plan not met and planned before today'),
    decidedOn: CalendarDate,
    clock: ReviewClock.nullable().describe('None once the review is withdrawn or closed'),
    holds: z.array(ReviewHold),
  }),
  'ReviewSummary',
  'A review and where it stands',
);

const ReviewsPage = named(
  z.object({ reviews: z.array(ReviewSummaryOut), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
  'ReviewsPage',
);

const ReviewOut = named(
  ReviewSummaryOut.extend({
    steps: z
      .array(z.object({ stage: z.string(), status: z.enum(['done', 'current', 'upcoming']) }))
      .describe('The framework’s stages from the decision, in order'),
    people: z
      .array(z.object({ personId: Id, name: z.string(), role: z.string(), agencyName: z.string().nullable() }))
      .describe('People holding a role on the review'),
    events: z.array(z.enum(OFFERED_REVIEW_EVENTS)).describe('What the token holder may do to the review now'),
    timeline: z
      .array(
        z.object({
          occurredAt: Instant,
          action: z.string(),
          actorId: Id.nullable(),
          actorName: z.string().nullable(),
          transition: z.object({ from: z.string().nullable(), to: z.string(), event: z.string(), reason: z.string().nullable() }).nullable(),
        }),
      )
      .describe('The latest 200 audit events about the review, oldest first, with the changes of state and their reasons'),
  }),
  'Review',
  'A review’s workspace',
);

const yes = z.enum(['yes', 'no']).optional();
const ReviewsQuery = z.strictObject({
  stage: z
    .string()
    .regex(/^[A-Z_]{1,40}$/)
    .optional()
    .describe('A stage (a review on hold from it included), or WITHDRAWN'),
  framework: z.enum(FRAMEWORK_IDS).optional(),
  onHold: yes.describe('yes: only reviews on hold'),
  overdue: yes.describe('yes: only reviews past their target date or with milestones overdue'),
  page: Page,
});

const ReviewParams = z.object({ boardId: Id, reviewId: Id });

const ReviewMove = named(
  z.strictObject({
    event: z
      .string()
      .regex(/^[a-z_]{1,64}$/)
      .describe(`What to do: ${OFFERED_REVIEW_EVENTS.join(', ')} (only those the review’s stage allows; publication and monitoring come later)`),
    from: z.string().max(80).optional().describe('The state the client saw: a 409 if the review has moved since'),
    reason: z.string().max(REASON_MAX).nullable().optional().describe('Required to put on hold, withdraw or reopen'),
    holdReason: z.enum(HOLD_REASONS).nullable().optional().describe('Required to put on hold'),
  }),
  'ReviewMove',
  'A move of a review along its framework’s stages, audited with its reason',
);

function summaryOut(r: ReviewSummary) {
  const c = r.clock;
  return {
    id: r.id,
    boardId: r.boardId,
    reference: r.reference,
    frameworkId: r.frameworkId,
    reviewType: r.reviewType,
    state: r.stage,
    stage: r.currentStage,
    onHold: r.onHold,
    overdue: r.overdue,
    overdueMilestones: r.overdueMilestones,
    decidedOn: r.decidedOn,
    clock: c
      ? {
          startOn: c.startOn,
          dueOn: c.dueOn,
          originalDueOn: c.originalDueOn,
          dueOnProvisional: c.dueOnProvisional,
          elapsed: c.elapsed,
          paused: c.paused,
          status: c.status,
        }
      : null,
    holds: r.holds.map((h) => ({
      heldStage: h.heldStage,
      pausedOn: h.pausedOn,
      resumedOn: h.resumedOn,
      reasonCode: h.reasonCode as (typeof HOLD_REASONS)[number],
      reasonText: h.reasonText,
    })),
  };
}

export default async function reviewApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { reviews } = opts.services;

  async function reviewOut(caller: Caller, boardId: string, reviewId: string) {
    const ws = await reviews.view(caller, boardId, reviewId);
    return {
      ...summaryOut(ws.review),
      steps: ws.steps,
      people: ws.people.map((p) => ({ personId: p.personId, name: p.name, role: p.role, agencyName: p.agency?.en ?? null })),
      events: ws.events,
      timeline: ws.timeline.map((e) => ({ occurredAt: e.occurredAt, action: e.action, actorId: e.actorId, actorName: e.actorName, transition: e.transition })),
    };
  }

  app.get(
    '/boards/:boardId/reviews',
    {
      config: { access: 'review.view', audit: 'REVIEWS_LISTED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'listReviews',
        summary: `The board’s reviews the token holder may see (a review role: its own review), newest decision first, ${PAGE_SIZE} a page`,
        params: BoardParams,
        querystring: ReviewsQuery,
        response: { 200: ReviewsPage, ...problems(400, 403, 404) },
      },
    },
    async (req) => {
      const q = req.query;
      const result = await reviews.list(req.caller(), req.params.boardId, {
        stages: q.stage ? [q.stage] : undefined,
        frameworkIds: q.framework ? [q.framework] : undefined,
        onHold: q.onHold === 'yes',
        overdueOnly: q.overdue === 'yes',
        page: q.page,
        pageSize: PAGE_SIZE,
      });
      return { reviews: result.items.map(summaryOut), total: result.total, page: result.page, pageSize: result.pageSize };
    },
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId',
    {
      config: { access: 'review.view', audit: 'REVIEW_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getReview',
        summary: 'A review: framework and type, where it is on the framework’s path, its clock with elapsed and paused time, holds, people, timeline',
        params: ReviewParams,
        response: { 200: ReviewOut, ...problems(400, 403, 404) },
      },
    },
    async (req) => reviewOut(req.caller(), req.params.boardId, req.params.reviewId),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/transitions',
    {
      config: { access: 'review.view', audit: 'REVIEW_MOVED' },
      schema: {
        tags,
        operationId: 'moveReview',
        summary:
          'Move a review: a stage by its action, put on hold (with a reason code and text), resume, withdraw (with a reason), or reopen a closed review (the board chair, with a reason). Audited with the reason.',
        params: ReviewParams,
        body: ReviewMove,
        response: { 200: z.object({ from: z.string().nullable(), to: z.string() }), ...problems(400, 403, 404, 409, 413, 422) },
      },
    },
    async (req) => reviews.move(req.caller(), req.params.boardId, req.params.reviewId, req.body),
  );
}
