// The practitioners' learning event in the API (issue 10 item 7; CPR and SUSR): the review's events with their
// invitations (by role and number; names and emails only for the business unit) and the learning identified;
// planning and changing an event, recording it held or cancelled, inviting a practitioner, replies and
// attendance, the facilitators' notes, a point of learning. The same LearningEventService calls as the pages;
// refusals are 422 problems with the pages' field errors, an SCR's review and stale versions 409.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { LANGUAGES } from '../../../domain/organisation.ts';
import {
  EVENT_MODES,
  EVENT_STATES,
  INVITATION_STATES,
  LEARNING_THEMES,
  PRACTITIONER_ROLE_CODES,
  practitionerPseudonym,
} from '../../../domain/reviews/learning-event.ts';
import { CalendarDate, Id, Instant, named, problems } from '../../api/schemas.ts';

const tags = ['reviews'];

const InvitationOut = named(
  z.object({
    id: Id,
    agencyId: Id,
    practitionerRole: z.enum(PRACTITIONER_ROLE_CODES as [string, ...string[]]),
    practitionerNumber: z.number().int(),
    pseudonym: z.object({ en: z.string(), cy: z.string() }).describe('"Social worker 1" / "Gweithiwr cymdeithasol 1"'),
    status: z.enum(INVITATION_STATES),
    version: z.number().int(),
    invitedAt: Instant,
    fullName: z.string().nullable().describe('Restricted: only for the business unit'),
    email: z.string().nullable().describe('Restricted: only for the business unit'),
  }),
  'LearningEventInvitation',
);

const EventOut = named(
  z.object({
    id: Id,
    status: z.enum(EVENT_STATES),
    heldOn: CalendarDate,
    startsAt: z.string().nullable(),
    mode: z.enum(EVENT_MODES),
    venue: z.string(),
    cancelledReason: z.string().nullable(),
    facilitators: z.array(z.object({ personId: Id, name: z.string() })),
    notes: z.string().nullable(),
    notesAt: Instant.nullable(),
    version: z.number().int(),
    invitations: z.array(InvitationOut),
  }),
  'LearningEvent',
  'A practitioners’ learning event of a review',
);

const PointOut = named(
  z.object({ id: Id, eventId: Id, theme: z.enum(LEARNING_THEMES), text: z.string(), agencyIds: z.array(Id), createdAt: Instant }),
  'LearningPoint',
  'A point of learning identified at the event, which feeds the report',
);

const EventIn = named(
  z.object({
    heldOn: z.string().nullable().default(null).describe('YYYY-MM-DD, on or after the review’s decision'),
    startsAt: z.string().default('').describe('HH:MM (24-hour), optional'),
    mode: z.string().default(''),
    venue: z.string().default('').describe('Required; up to 300 characters'),
    facilitatorIds: z.array(z.string()).default([]).describe('People holding the review’s panel chair or reviewer (author) role'),
    version: z.number().int().optional().describe('The version read: a change saved by someone else first is a 409'),
  }),
  'LearningEventDetails',
);

const ReviewParams = z.object({ boardId: Id, reviewId: Id });
const EventParams = ReviewParams.extend({ eventId: Id });
const isoOrInvalid = (v: string | null) => (v === null || v === '' ? null : /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : 'invalid');

export default async function learningEventApi(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { learningEvents } = opts.services;

  app.get(
    '/boards/:boardId/reviews/:reviewId/learning-event',
    {
      config: { access: 'learning_event.view', audit: 'LEARNING_EVENT_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getLearningEvent',
        summary: 'The review’s practitioners’ learning event(s), invitations and the learning identified (CPR and SUSR)',
        params: ReviewParams,
        response: { 200: z.object({ applies: z.boolean(), events: z.array(EventOut), learningPoints: z.array(PointOut) }), ...problems(403, 404) },
      },
    },
    async (req) => {
      const view = await learningEvents.view(req.caller(), req.params);
      return {
        applies: view.applies,
        events: view.events.map((e) => ({
          id: e.id,
          status: e.status as (typeof EVENT_STATES)[number],
          heldOn: e.heldOn,
          startsAt: e.startsAt,
          mode: e.mode as (typeof EVENT_MODES)[number],
          venue: e.venue,
          cancelledReason: e.cancelledReason,
          facilitators: e.facilitators,
          notes: e.notes,
          notesAt: e.notesAt,
          version: e.version,
          invitations: e.invitations.map((i) => ({
            ...i,
            pseudonym: {
              en: practitionerPseudonym(i.practitionerRole, i.practitionerNumber, 'en'),
              cy: practitionerPseudonym(i.practitionerRole, i.practitionerNumber, 'cy'),
            },
          })),
        })),
        learningPoints: view.points.map((p) => ({
          id: p.id,
          eventId: p.eventId,
          theme: p.theme as (typeof LEARNING_THEMES)[number],
          text: p.text,
          agencyIds: p.agencies.map((a) => a.id),
          createdAt: p.createdAt,
        })),
      };
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/learning-events',
    {
      config: { access: 'learning_event.manage', audit: 'LEARNING_EVENT_PLANNED' },
      schema: {
        tags,
        operationId: 'planLearningEvent',
        summary: 'Plan a learning event (the business unit); refused (409) for a review whose framework has none',
        params: ReviewParams,
        body: EventIn,
        response: { 201: z.object({ id: Id }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const planned = await learningEvents.plan(req.caller(), req.params, { ...req.body, heldOn: isoOrInvalid(req.body.heldOn) });
      return reply.code(201).send(planned);
    },
  );

  app.put(
    '/boards/:boardId/reviews/:reviewId/learning-events/:eventId',
    {
      config: { access: 'learning_event.manage', audit: 'LEARNING_EVENT_CHANGED' },
      schema: {
        tags,
        operationId: 'changeLearningEvent',
        summary: 'Change a planned event’s date, time, place or facilitators',
        params: EventParams,
        body: EventIn,
        response: { 204: z.null(), ...problems(403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { eventId, ...scope } = req.params;
      await learningEvents.edit(req.caller(), scope, eventId, { ...req.body, heldOn: isoOrInvalid(req.body.heldOn) });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/learning-events/:eventId/status',
    {
      config: { access: 'learning_event.manage', audit: 'LEARNING_EVENT_STATUS_CHANGED' },
      schema: {
        tags,
        operationId: 'moveLearningEvent',
        summary: 'Record the event as held (its milestone is met on its date) or cancel it with a reason',
        params: EventParams,
        body: z.object({ to: z.enum(['held', 'cancelled']), reason: z.string().nullable().default(null) }),
        response: { 200: z.object({ status: z.enum(EVENT_STATES) }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req) => {
      const { eventId, ...scope } = req.params;
      return { status: await learningEvents.move(req.caller(), scope, eventId, req.body) };
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/learning-events/:eventId/invitations',
    {
      config: { access: 'learning_event.manage', audit: 'LEARNING_EVENT_INVITATION_SENT' },
      schema: {
        tags,
        operationId: 'inviteLearningEventPractitioner',
        summary: 'Invite a practitioner of an involved agency: numbered by role on the review, emailed the date, venue and reference only',
        params: EventParams,
        body: z.object({
          agencyId: z.string().default(''),
          practitionerRole: z.string().default(''),
          fullName: z.string().default(''),
          email: z.string().default(''),
          language: z.enum(LANGUAGES).default('en'),
        }),
        response: { 201: z.object({ id: Id, practitionerNumber: z.number().int() }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { eventId, ...scope } = req.params;
      return reply.code(201).send(await learningEvents.invite(req.caller(), scope, eventId, req.body));
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/learning-events/:eventId/attendance',
    {
      config: { access: 'learning_event.record', audit: 'LEARNING_EVENT_ATTENDANCE_RECORDED' },
      schema: {
        tags,
        operationId: 'recordLearningEventAttendance',
        summary: 'Record replies (before the event) or attendance (once held), all or none',
        params: EventParams,
        body: z.object({
          entries: z.array(z.object({ invitationId: Id, status: z.string(), version: z.number().int().optional() })).default([]),
        }),
        response: { 200: z.object({ changed: z.number().int() }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req) => {
      const { eventId, ...scope } = req.params;
      return learningEvents.recordAttendance(req.caller(), scope, eventId, req.body.entries);
    },
  );

  app.put(
    '/boards/:boardId/reviews/:reviewId/learning-events/:eventId/notes',
    {
      config: { access: 'learning_event.record', audit: 'LEARNING_EVENT_NOTES_SAVED' },
      schema: {
        tags,
        operationId: 'saveLearningEventNotes',
        summary: 'Save the facilitators’ notes, on the version read',
        params: EventParams,
        body: z.object({ notes: z.string().default(''), version: z.number().int().optional() }),
        response: { 204: z.null(), ...problems(403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { eventId, ...scope } = req.params;
      await learningEvents.saveNotes(req.caller(), scope, eventId, req.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/learning-events/:eventId/learning-points',
    {
      config: { access: 'learning_event.record', audit: 'LEARNING_POINT_RECORDED' },
      schema: {
        tags,
        operationId: 'recordLearningPoint',
        summary: 'Record a point of learning identified at a held event (theme, text, agencies concerned)',
        params: EventParams,
        body: z.object({ theme: z.string().default(''), text: z.string().default(''), agencyIds: z.array(z.string()).default([]) }),
        response: { 201: z.object({ id: Id }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { eventId, ...scope } = req.params;
      return reply.code(201).send(await learningEvents.addPoint(req.caller(), scope, eventId, req.body));
    },
  );
}
