// The escalation ladder and the challenge log in the API (issue 12 item 4): the board's ladder (read, replaced at
// the version read), a review's challenge log (an audited read), and the partner's response to a step with its
// outcome (and for a formal request whether it was complied with). The same service as the pages; problem+json
// errors (422 for refused answers, 409 for a version changed meanwhile).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { isLadderRung, LADDER_RUNGS, type LadderInput } from '../../../domain/actions/escalation.ts';
import type { ChallengeRow } from '../../../services/actions/challenge-service.ts';
import { BoardParams, problems } from '../../api/schemas.ts';
import { ChallengeList, ChallengeParams, LadderIn, LadderOut, ResponseIn, ReviewParams } from './api-schemas.ts';

const tags = ['action plans'];

const challengeOut = (c: ChallengeRow) => ({
  id: c.id,
  actionId: c.actionId,
  agencyId: c.agencyId,
  rung: isLadderRung(c.rung) ? c.rung : 'owner',
  trigger: c.trigger === 'off_track' ? ('off_track' as const) : ('overdue' as const),
  daysOverdue: c.daysOverdue,
  offTrackCycles: c.offTrackCycles,
  targetOn: c.targetOn,
  firedOn: c.firedOn,
  boardMeetingId: c.boardMeetingId,
  statutoryBasis: c.statutoryBasis === 's137' ? ('s137' as const) : null,
  response: c.response,
  respondedOn: c.respondedOn,
  outcome: c.outcome as z.infer<typeof ChallengeList>['challenges'][number]['outcome'],
  complied: c.complied,
  recordedAt: c.recordedAt,
  version: c.version,
});

export default async function actionChallengeApi(plain: FastifyInstance, opts: { services: Services }) {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { challenges } = opts.services;

  app.get(
    '/boards/:boardId/action-ladder',
    {
      config: { access: 'action.manage', audit: 'ACTION_LADDER_VIEWED' },
      schema: {
        tags,
        operationId: 'getEscalationLadder',
        summary: 'The board’s reminders and escalation ladder (the defaults until the board sets its own)',
        params: BoardParams,
        response: { 200: LadderOut, ...problems(400, 403, 404) },
      },
    },
    async (req) => {
      const v = await challenges.ladder(req.caller(), req.params.boardId);
      return { ...v.settings, version: v.version, formalRequestBasis: v.basis };
    },
  );

  app.put(
    '/boards/:boardId/action-ladder',
    {
      config: { access: 'action.manage', audit: 'ACTION_LADDER_SAVED' },
      schema: {
        tags,
        operationId: 'setEscalationLadder',
        summary: 'Replace the board’s ladder at the version read',
        params: BoardParams,
        body: LadderIn,
        response: { 200: z.object({ version: z.number().int() }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const rungs = {} as LadderInput['rungs'];
      for (const r of LADDER_RUNGS) {
        const s = req.body.rungs[r];
        rungs[r] = { enabled: s.enabled, afterDays: String(s.afterDays), afterCycles: s.afterCycles === null ? '' : String(s.afterCycles) };
      }
      return challenges.saveLadder(req.caller(), req.params.boardId, { reminderDays: req.body.reminderDays.join(','), rungs, version: req.body.version });
    },
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/challenges',
    {
      config: { access: 'action.view', audit: 'ACTION_CHALLENGES_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'listActionChallenges',
        summary: 'A review’s challenge log (an action owner: their agency’s actions only)',
        params: ReviewParams,
        response: { 200: ChallengeList, ...problems(400, 403, 404) },
      },
    },
    async (req) => {
      const log = await challenges.log(req.caller(), req.params);
      return { challenges: log.challenges.map(challengeOut) };
    },
  );

  app.put(
    '/boards/:boardId/reviews/:reviewId/challenges/:challengeId/response',
    {
      config: { access: 'action.manage', audit: 'ACTION_CHALLENGE_RESPONSE_RECORDED' },
      schema: {
        tags,
        operationId: 'recordActionChallengeResponse',
        summary: 'Record the partner’s response to a step, its outcome and (a formal request) whether it was complied with',
        params: ChallengeParams,
        body: ResponseIn,
        response: { 204: z.undefined().describe('Recorded'), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, challengeId } = req.params;
      await challenges.recordResponse(req.caller(), { boardId, reviewId }, challengeId, { ...req.body, complied: req.body.complied ?? null });
      return reply.code(204).send();
    },
  );
}
