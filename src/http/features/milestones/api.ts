// Milestones and panel meetings of a review in the API (issue 10 item 5): the plan (made on request, or when
// the business unit first reads it) with each milestone's dates, slippage and history; changing a
// milestone's dates (a reason for a moved planned date; `version` from the read: a 409 when someone changed
// it first); scheduling, rescheduling and reading panel meetings; recording one as held with the panel's
// attendance and guests; its minutes and decisions. The same services as the pages; problem+json errors.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { TIME_OF_DAY } from '../../../domain/clock/dates.ts';
import { MILESTONE_KINDS } from '../../../domain/frameworks/index.ts';
import { MEETING_CANCEL_TEXT } from '../../../domain/limits.ts';
import { MILESTONE_REASON_MAX, MILESTONE_STATUSES } from '../../../domain/reviews/milestones.ts';
import type { MilestonePlan } from '../../../services/milestone-service.ts';
import { PANEL_MEETING_LIMITS } from '../../../services/panel-meeting-service.ts';
import { CalendarDate, DateIn, Id, Instant, named, problems } from '../../api/schemas.ts';

const tags = ['milestones'];

const ReviewParams = z.object({ boardId: Id, reviewId: Id });
const MilestoneParams = ReviewParams.extend({ milestoneId: Id });
const MeetingParams = ReviewParams.extend({ panelMeetingId: Id });

const MilestoneOut = named(
  z.object({
    id: Id,
    key: z.string().describe('The template’s key, e.g. panel_meeting_2'),
    kind: z.enum(MILESTONE_KINDS),
    originalOn: CalendarDate.describe('The date first planned'),
    plannedOn: CalendarDate.describe('The date planned now'),
    actualOn: CalendarDate.nullable().describe('The date met; null while not met'),
    status: z.enum(MILESTONE_STATUSES),
    slippageDays: z.number().int().describe('Days late against the date first planned (met: the date met; overdue: today; else the planned date)'),
    pausedDays: z.number().int().describe('Days on hold from the decision to the date met (or today): shown beside slippage; holds never move planned dates'),
    version: z.number().int().describe('Send it back with a change: a 409 if the milestone changed since'),
    revisions: z
      .array(
        z.object({
          field: z.enum(['planned', 'actual']),
          fromOn: CalendarDate.nullable(),
          toOn: CalendarDate.nullable(),
          reason: z.string().nullable(),
          actorId: Id.nullable(),
          at: Instant,
        }),
      )
      .describe('Every change of its dates, oldest first'),
  }),
  'Milestone',
  'A milestone of a review’s plan',
);

const MeetingSummary = z.object({
  id: Id,
  meetsOn: CalendarDate,
  startsAt: z.string().nullable(),
  mode: z.enum(['in_person', 'online', 'hybrid']),
  location: z.string(),
  status: z.enum(['scheduled', 'held', 'cancelled']),
  milestoneId: Id.nullable(),
  version: z.number().int(),
});

const MilestonePlanOut = named(
  z.object({
    reviewId: Id,
    decidedOn: CalendarDate,
    asOf: CalendarDate,
    milestones: z.array(MilestoneOut).describe('Empty until the business unit makes the plan'),
    panelMeetings: z.array(MeetingSummary),
  }),
  'MilestonePlan',
);

const MilestoneChange = named(
  z.strictObject({
    version: z.number().int().optional().describe('The version read: a 409 if the milestone changed since'),
    plannedOn: DateIn.nullable().optional().describe('A new planned date (needs a reason)'),
    actualOn: z
      .union([DateIn, z.literal('')])
      .nullable()
      .optional()
      .describe('The date met (not in the future); an empty string clears it (needs a reason)'),
    reason: z.string().max(MILESTONE_REASON_MAX).nullable().optional(),
  }),
  'MilestoneChange',
);

const PanelMeetingIn = named(
  z.strictObject({
    meetsOn: DateIn,
    startsAt: z.string().regex(TIME_OF_DAY).nullable().optional(),
    mode: z.enum(['in_person', 'online', 'hybrid']),
    location: z.string().max(PANEL_MEETING_LIMITS.location),
    agenda: z.array(z.string().max(PANEL_MEETING_LIMITS.agendaItem)).max(PANEL_MEETING_LIMITS.agendaItems).optional(),
    milestoneId: Id.nullable().optional().describe('The planned panel meeting this is'),
    version: z.number().int().optional().describe('When rescheduling: the version read'),
  }),
  'PanelMeetingSchedule',
);

const PanelMeetingOut = named(
  MeetingSummary.extend({
    agenda: z.array(z.string()),
    minutes: z.string().nullable(),
    attendance: z.array(z.object({ personId: Id, name: z.string(), role: z.string(), attendance: z.enum(['present', 'apologies', 'absent']) })),
    guests: z.array(z.object({ fullName: z.string(), role: z.string() })),
    decisions: z.array(z.object({ decision: z.string(), owner: z.string(), dueOn: CalendarDate.nullable() })),
    panel: z.array(z.object({ personId: Id, name: z.string(), role: z.string() })).describe('The review’s panel now: who may be recorded as attending'),
    cancellation: z
      .object({ reason: z.string(), at: Instant, byId: Id.nullable() })
      .nullable()
      .describe('Why, when and by whom the meeting was cancelled; null unless cancelled'),
  }),
  'PanelMeeting',
);

const CancellationIn = named(
  z.strictObject({
    version: z.number().int().optional().describe('The version read: a 409 if the meeting changed since'),
    reason: z.string().max(MEETING_CANCEL_TEXT.reason.max).describe('Why the meeting is cancelled (required)'),
  }),
  'PanelMeetingCancellation',
);

const HeldIn = named(
  z.strictObject({
    version: z.number().int().optional(),
    attendance: z
      .array(z.object({ personId: Id, attendance: z.enum(['present', 'apologies', 'absent']) }))
      .max(100)
      .describe('Only people holding the review’s panel roles (chair, member, author)'),
    guests: z
      .array(z.object({ fullName: z.string().max(PANEL_MEETING_LIMITS.guestName), role: z.string().max(PANEL_MEETING_LIMITS.guestRole) }))
      .max(PANEL_MEETING_LIMITS.guests)
      .optional(),
  }),
  'PanelMeetingHeld',
);

const MinutesIn = named(
  z.strictObject({
    version: z.number().int().optional(),
    minutes: z.string().max(PANEL_MEETING_LIMITS.minutes).nullable(),
    decisions: z
      .array(
        z.object({
          decision: z.string().max(PANEL_MEETING_LIMITS.decision),
          owner: z.string().max(PANEL_MEETING_LIMITS.owner),
          dueOn: DateIn.nullable().optional(),
        }),
      )
      .max(PANEL_MEETING_LIMITS.decisions),
  }),
  'PanelMeetingMinutes',
);

function planOut(plan: MilestonePlan, meetings: z.infer<typeof MeetingSummary>[]) {
  return {
    reviewId: plan.review.id,
    decidedOn: plan.review.decidedOn,
    asOf: plan.asOf,
    milestones: plan.milestones.map((m) => ({
      id: m.id,
      key: m.key,
      kind: m.kind,
      originalOn: m.originalOn,
      plannedOn: m.plannedOn,
      actualOn: m.actualOn,
      status: m.status,
      slippageDays: m.slippageDays,
      pausedDays: m.pausedDays,
      version: m.version,
      revisions: m.revisions.map((r) => ({ field: r.field, fromOn: r.fromOn, toOn: r.toOn, reason: r.reason, actorId: r.actorId, at: r.createdAt })),
    })),
    panelMeetings: meetings,
  };
}

export default async function milestoneApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { milestones, panelMeetings } = opts.services;
  const summary = (m: z.infer<typeof MeetingSummary>) => ({
    id: m.id,
    meetsOn: m.meetsOn,
    startsAt: m.startsAt,
    mode: m.mode,
    location: m.location,
    status: m.status,
    milestoneId: m.milestoneId,
    version: m.version,
  });

  app.get(
    '/boards/:boardId/reviews/:reviewId/milestones',
    {
      config: { access: 'review.view', audit: 'MILESTONES_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getMilestonePlan',
        summary: 'A review’s milestone plan (made from the framework’s template when the business unit first reads it) and its panel meetings',
        params: ReviewParams,
        response: { 200: MilestonePlanOut, ...problems(400, 403, 404, 409) },
      },
    },
    async (req) => {
      const { boardId, reviewId } = req.params;
      const plan = await milestones.plan(req.caller(), boardId, reviewId);
      const meetings = await panelMeetings.list(req.caller(), boardId, reviewId);
      return planOut(plan, meetings.map(summary));
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/milestones',
    {
      config: { access: 'milestone.manage', audit: 'MILESTONE_PLAN_CREATED' },
      schema: {
        tags,
        operationId: 'createMilestonePlan',
        summary: 'Make the review’s milestone plan from its framework’s template (409 when it has one)',
        params: ReviewParams,
        response: { 201: z.object({ milestones: z.number().int() }), ...problems(400, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await milestones.createPlan(req.caller(), req.params.boardId, req.params.reviewId)),
  );

  app.patch(
    '/boards/:boardId/reviews/:reviewId/milestones/:milestoneId',
    {
      config: { access: 'milestone.manage', audit: 'MILESTONE_CHANGED' },
      schema: {
        tags,
        operationId: 'changeMilestone',
        summary: 'Move a milestone’s planned date (with a reason), record the date it was met, or clear a date met (with a reason); kept in its history',
        params: MilestoneParams,
        body: MilestoneChange,
        response: {
          200: z.object({ id: Id, plannedOn: CalendarDate, actualOn: CalendarDate.nullable(), version: z.number().int() }),
          ...problems(400, 403, 404, 409, 422),
        },
      },
    },
    async (req) => {
      const { boardId, reviewId, milestoneId } = req.params;
      const m = await milestones.change(req.caller(), boardId, reviewId, milestoneId, req.body);
      return { id: m.id, plannedOn: m.plannedOn, actualOn: m.actualOn, version: m.version };
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/panel-meetings',
    {
      config: { access: 'milestone.manage', audit: 'PANEL_MEETING_SCHEDULED' },
      schema: {
        tags,
        operationId: 'schedulePanelMeeting',
        summary: 'Schedule a panel meeting of the review (date, time, in person or online and where, agenda, the planned panel meeting it is)',
        params: ReviewParams,
        body: PanelMeetingIn,
        response: { 201: z.object({ id: Id }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId } = req.params;
      return reply.code(201).send(await panelMeetings.schedule(req.caller(), boardId, reviewId, req.body));
    },
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId',
    {
      config: { access: 'review.view', audit: 'PANEL_MEETING_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getPanelMeeting',
        summary: 'A panel meeting with its agenda, attendance, guests, minutes and decisions',
        params: MeetingParams,
        response: { 200: PanelMeetingOut, ...problems(400, 403, 404) },
      },
    },
    async (req) => {
      const { boardId, reviewId, panelMeetingId } = req.params;
      const m = await panelMeetings.view(req.caller(), boardId, reviewId, panelMeetingId);
      return {
        ...summary(m),
        agenda: m.agenda,
        minutes: m.minutes,
        attendance: m.attendance,
        guests: m.guests,
        decisions: m.decisions,
        panel: m.panel,
        cancellation: m.cancellation ? { reason: m.cancellation.reason, at: m.cancellation.at, byId: m.cancellation.byId } : null,
      };
    },
  );

  app.patch(
    '/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId',
    {
      config: { access: 'milestone.manage', audit: 'PANEL_MEETING_CHANGED' },
      schema: {
        tags,
        operationId: 'reschedulePanelMeeting',
        summary: 'Change a scheduled panel meeting (date, time, place, agenda, planned panel meeting)',
        params: MeetingParams,
        body: PanelMeetingIn,
        response: { 204: z.undefined().describe('Done'), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, panelMeetingId } = req.params;
      await panelMeetings.reschedule(req.caller(), boardId, reviewId, panelMeetingId, req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/cancellation',
    {
      config: { access: 'milestone.manage', audit: 'PANEL_MEETING_CANCELLED' },
      schema: {
        tags,
        operationId: 'cancelPanelMeeting',
        summary: 'Cancel a scheduled panel meeting, with the reason (409 when it was held or cancelled already)',
        params: MeetingParams,
        body: CancellationIn,
        response: { 204: z.undefined().describe('Done'), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, panelMeetingId } = req.params;
      await panelMeetings.cancel(req.caller(), boardId, reviewId, panelMeetingId, req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/held',
    {
      config: { access: 'milestone.manage', audit: 'PANEL_MEETING_HELD' },
      schema: {
        tags,
        operationId: 'recordPanelMeetingHeld',
        summary: 'Record a panel meeting as held, with the attendance of the review’s panel and guests; meets its planned panel meeting',
        params: MeetingParams,
        body: HeldIn,
        response: { 204: z.undefined().describe('Done'), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, panelMeetingId } = req.params;
      await panelMeetings.recordHeld(req.caller(), boardId, reviewId, panelMeetingId, { ...req.body, guests: req.body.guests ?? [] });
      return reply.code(204).send();
    },
  );

  app.put(
    '/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/minutes',
    {
      config: { access: 'panel_meeting.minute', audit: 'PANEL_MEETING_MINUTED' },
      schema: {
        tags,
        operationId: 'recordPanelMeetingMinutes',
        summary: 'Record the minutes and decisions (text, owner, due date) of a panel meeting held: the panel’s chair or the business unit',
        params: MeetingParams,
        body: MinutesIn,
        response: { 204: z.undefined().describe('Done'), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, panelMeetingId } = req.params;
      await panelMeetings.recordMinutes(req.caller(), boardId, reviewId, panelMeetingId, {
        ...req.body,
        decisions: req.body.decisions.map((d) => ({ ...d, dueOn: d.dueOn ?? null })),
      });
      return reply.code(204).send();
    },
  );
}
