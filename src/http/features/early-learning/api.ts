// Early learning in the API (issue 10 item 8; R12): a review's lessons and immediate actions, and recording
// one (the lesson, the action, the lead agency, the owner by name and email, the target date). The same
// EarlyLearningService calls as the page; refusals are 422 problems with the page's field errors.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { ACTION_SOURCES } from '../../../domain/actions/action.ts';
import { LANGUAGES } from '../../../domain/organisation.ts';
import { CalendarDate, Id, Instant, named, problems } from '../../api/schemas.ts';

const tags = ['reviews'];

const ActionOut = named(
  z.object({
    id: Id,
    source: z.enum(ACTION_SOURCES),
    lesson: z.string(),
    action: z.string(),
    leadAgencyId: Id,
    ownerId: Id,
    ownerName: z.string(),
    targetOn: CalendarDate,
    status: z.string().describe('not_started when recorded; the action plan moves it on'),
    createdAt: Instant,
  }),
  'ReviewAction',
  'A lesson learnt early and the immediate action an agency takes on it',
);

const EarlyLearningIn = named(
  z.object({
    lesson: z.string().default('').describe('Required; up to 5,000 characters'),
    action: z.string().default('').describe('Required; up to 2,000 characters'),
    leadAgencyId: z.string().default(''),
    ownerName: z.string().default(''),
    ownerEmail: z
      .string()
      .default('')
      .describe('An account of the lead agency; only the business unit may name someone without an account (who is then invited)'),
    ownerLanguage: z.enum(LANGUAGES).default('en'),
    targetOn: z.string().nullable().default(null).describe('YYYY-MM-DD, today or later, within two years'),
  }),
  'EarlyLearningInput',
);

const ReviewParams = z.object({ boardId: Id, reviewId: Id });

export default async function earlyLearningApi(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { earlyLearning } = opts.services;

  app.get(
    '/boards/:boardId/reviews/:reviewId/early-learning',
    {
      config: { access: 'review.view', audit: 'EARLY_LEARNING_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'listEarlyLearning',
        summary: 'The lessons and immediate actions recorded on a review',
        params: ReviewParams,
        response: { 200: z.array(ActionOut), ...problems(403, 404) },
      },
    },
    async (req) =>
      (await earlyLearning.list(req.caller(), req.params)).actions.map(({ leadAgency: _, reviewId: __, ...a }) => ({
        ...a,
        source: 'early_learning' as const,
      })),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/early-learning',
    {
      config: { access: 'review.learning_record', audit: 'EARLY_LEARNING_RECORDED' },
      schema: {
        tags,
        operationId: 'recordEarlyLearning',
        summary: 'Record a lesson and an immediate action for an agency (the owner gets the action owner’s role for it)',
        params: ReviewParams,
        body: EarlyLearningIn,
        response: { 201: z.object({ id: Id, ownerId: Id, ownerInvited: z.boolean() }), ...problems(403, 404, 422) },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const targetOn = body.targetOn && /^\d{4}-\d{2}-\d{2}$/.test(body.targetOn) ? body.targetOn : body.targetOn ? 'invalid' : null;
      if (targetOn === 'invalid')
        return reply.problem(422, req.t('errors:problem.invalidTitle'), undefined, {
          errors: [{ field: 'targetOn', code: 'earlyLearning.targetInvalid', message: req.t('errors:earlyLearning.targetInvalid') }],
        });
      const recorded = await earlyLearning.record(req.caller(), req.params, { ...body, targetOn });
      return reply.code(201).send({ id: recorded.actionId, ownerId: recorded.ownerId, ownerInvited: recorded.invited });
    },
  );
}
