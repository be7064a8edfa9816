// From referral to decision: the criteria of the framework in force, the management group's analysis and
// recommendation, the Panel notification, the board chair's decision and its letter (the meetings are in
// meetings.ts). The consideration service checks each step's permission on the referral's board and
// writes the audit events.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { FORMAT_FILES } from '../../../documents/render.ts';
import type { OUTCOMES } from '../../../domain/frameworks/types.ts';
import { departuresFromAnalysis } from '../../../domain/referrals/referral.ts';
import { invalid, notFound, ServiceError } from '../../../services/context.ts';
import { clocksOut, notificationOut, PanelNotification } from '../../api/decision-clocks.ts';
import { childOut, problems, ReferralParams } from '../../api/schemas.ts';
import { sendDownload } from '../../download.ts';
import {
  AssessmentCreate,
  AssessmentResult,
  Consideration,
  Criteria,
  CriteriaQuery,
  DecisionCreate,
  DecisionOutcome,
  frameworkOut,
  LetterQuery,
  NotificationCreate,
  Recommendation,
  RecommendationCreate,
  streamsOut,
} from './api-schemas.ts';

// ---- Helpers --------------------------------------------------------------------------------------------

/**
 * A step the workflow refuses (a second decision, a decision before a recommendation): 409, with the
 * reason as a code and a sentence in the request's language.
 */
async function conflictsExplained<T>(req: FastifyRequest, reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ServiceError && e.kind === 'conflict') {
      return reply.problem(409, req.t('errors:problem.conflictTitle'), req.t(`errors:${e.message}`), { code: e.message });
    }
    throw e;
  }
}

/** The criteria answers are reported by their place in the request body (answers.<id>.answer, answers.<id>.facts). */
async function withAnswerFieldNames<T>(questionIds: readonly string[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ServiceError && e.kind === 'invalid') {
      const rename = (field: string) => {
        if (field.endsWith('Facts') && questionIds.includes(field.slice(0, -'Facts'.length))) return `answers.${field.slice(0, -'Facts'.length)}.facts`;
        if (field !== 'meetingId' && field !== 'frameworkId') return `answers.${field}.answer`;
        return field;
      };
      throw invalid(Object.fromEntries(Object.entries(e.fieldErrors).map(([field, key]) => [rename(field), key])));
    }
    throw e;
  }
}

// ---- Routes ---------------------------------------------------------------------------------------------

export default async function considerationRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { consideration, documents } = opts.services;

  // ---- Consideration of a referral ---------------------------------------------------------------------

  app.get(
    '/referrals/:referralId/consideration',
    {
      config: { access: 'referral.view', audit: 'CONSIDERATION_VIEWED', reads: 'case-material' },
      schema: {
        tags: ['consideration'],
        operationId: 'getConsideration',
        summary: 'Where a referral stands: analysis, recommendation, decision, review and decision clocks; the read is audited',
        params: ReferralParams,
        response: { 200: Consideration, ...problems(400, 404) },
      },
    },
    async (req) => {
      const c = await consideration.viewConsideration(req.caller(), req.params.referralId);
      const targets = await consideration.decisionTargets(c.referral.boardId);
      const a = c.assessment;
      const r = c.recommendation;
      const d = c.decision;
      return {
        referralId: c.referral.id,
        boardId: c.referral.boardId,
        ...childOut(c.referral.pseudonym),
        status: c.referral.status,
        framework: frameworkOut(c.framework),
        assessment: a
          ? {
              id: a.id,
              meetingId: a.meetingId,
              frameworkId: a.frameworkId,
              answers: a.answers,
              outcome: a.outcome as (typeof OUTCOMES)[number],
              reviewType: a.reviewType,
              streams: streamsOut(a.streams),
              statutoryFrameworkId: a.statutoryFrameworkId,
              assessedBy: a.assessedBy,
              assessedAt: a.assessedAt,
            }
          : null,
        // The records carry the domain's types; the response schemas pick the documented fields.
        recommendation: r ? { ...r, departsFromAnalysis: a ? departuresFromAnalysis(a, r) : [] } : null,
        decision: d ?? null,
        review: c.review ?? null,
        clocks: clocksOut(c.clocks, targets),
        nationalPanelNotification: notificationOut(c.notification),
      };
    },
  );

  app.get(
    '/referrals/:referralId/criteria',
    {
      config: { access: 'referral.view', audit: 'CRITERIA_VIEWED', reads: 'case-material' },
      schema: {
        tags: ['consideration'],
        operationId: 'getCriteria',
        summary: 'A framework the board runs (default: the statutory one in force) and its criteria questions, in English and Welsh; the read is audited',
        params: ReferralParams,
        querystring: CriteriaQuery,
        response: { 200: Criteria, ...problems(400, 404, 422) },
      },
    },
    async (req) => {
      const { referral, framework, statutory, frameworks } = await consideration.viewCriteria(req.caller(), req.params.referralId, req.query.frameworkId);
      return {
        referralId: referral.id,
        framework: frameworkOut(framework),
        statutoryFrameworkId: statutory.id,
        frameworks: frameworks.map(frameworkOut),
        questions: framework.questions.map((q) => ({
          id: q.id,
          answerType: q.answerType,
          choices: q.choices.map((c) => ({ value: c.value, label: c.label })),
          label: q.label,
          hint: q.hint,
          source: q.source,
          askedWhen: q.askedWhen ? { question: q.askedWhen.question, in: [...q.askedWhen.in] } : null,
          raisesStream: q.raisesStream ?? null,
        })),
      };
    },
  );

  app.post(
    '/referrals/:referralId/assessments',
    {
      config: { access: 'assessment.record', audit: 'CRITERIA_ASSESSED' },
      schema: {
        tags: ['consideration'],
        operationId: 'recordAssessment',
        summary: 'Record the management group’s analysis of the criteria; the outcome the answers indicate is returned',
        params: ReferralParams,
        body: AssessmentCreate,
        response: { 201: AssessmentResult, ...problems(400, 404, 409, 413, 422) },
      },
    },
    async (req, reply) =>
      conflictsExplained(req, reply, async () => {
        const caller = req.caller();
        const answers = Object.fromEntries(Object.entries(req.body.answers).map(([id, a]) => [id, { answer: a.answer, facts: a.facts }]));
        const result = await withAnswerFieldNames(Object.keys(answers), () =>
          consideration.recordAssessment(caller, req.params.referralId, { meetingId: req.body.meetingId, frameworkId: req.body.frameworkId, answers }),
        );
        return reply.code(201).send({
          assessmentId: result.assessmentId,
          frameworkId: result.frameworkId,
          statutoryFrameworkId: result.statutoryFrameworkId,
          warnings: result.frameworkId === result.statutoryFrameworkId ? [] : ['not_statutory_framework' as const],
          outcome: result.outcome,
          reviewType: result.type ?? null,
          streams: streamsOut(result.streams),
          reasons: result.reasons,
          blocking: result.blocking,
          missingFacts: result.missingFacts,
        });
      }),
  );

  app.post(
    '/referrals/:referralId/national-panel-notification',
    {
      config: { access: 'meeting.manage', audit: 'NATIONAL_PANEL_NOTIFIED' },
      schema: {
        tags: ['consideration'],
        operationId: 'recordNationalPanelNotification',
        summary:
          'England: record the day the Child Safeguarding Practice Review Panel was notified (due within 5 working days of the board becoming aware); once',
        params: ReferralParams,
        body: NotificationCreate,
        response: { 200: PanelNotification, ...problems(400, 404, 409, 413, 422) },
      },
    },
    async (req, reply) =>
      conflictsExplained(req, reply, async () => {
        const n = notificationOut(await consideration.recordNationalPanelNotification(req.caller(), req.params.referralId, req.body.notifiedOn));
        if (!n) throw notFound('notification');
        return n;
      }),
  );

  app.post(
    '/referrals/:referralId/recommendations',
    {
      config: { access: 'recommendation.submit', audit: 'RECOMMENDATION_SUBMITTED' },
      schema: {
        tags: ['consideration'],
        operationId: 'submitRecommendation',
        summary: 'Submit the management group’s recommendation to the board chair, with reasons and any dissent',
        params: ReferralParams,
        body: RecommendationCreate,
        response: { 201: Recommendation, ...problems(400, 404, 409, 413, 422) },
      },
    },
    async (req, reply) =>
      conflictsExplained(req, reply, async () => {
        const record = await consideration.submitRecommendation(req.caller(), req.params.referralId, req.body);
        return reply.code(201).send(record);
      }),
  );

  app.post(
    '/referrals/:referralId/decision',
    {
      config: { access: 'decision.record', audit: 'DECISION_RECORDED' },
      schema: {
        tags: ['consideration'],
        operationId: 'recordDecision',
        summary: 'The board chair’s decision, with a rationale; a decision to hold a review creates it with its reference',
        params: ReferralParams,
        body: DecisionCreate,
        response: { 201: DecisionOutcome, ...problems(400, 404, 409, 413, 422) },
      },
    },
    async (req, reply) =>
      conflictsExplained(req, reply, async () => {
        const { decision, review } = await consideration.recordDecision(req.caller(), req.params.referralId, req.body);
        return reply.code(201).send({ decision, review: review ?? null });
      }),
  );

  app.get(
    '/referrals/:referralId/decision-letter',
    {
      config: { access: 'referral.view', audit: 'DECISION_LETTER_DOWNLOADED', reads: 'case-material' },
      schema: {
        tags: ['consideration'],
        operationId: 'getDecisionLetter',
        summary:
          'The decision letter as a web page, Word or tagged PDF, in English or Welsh: the current version (a new one when the data changed); the download is audited',
        params: ReferralParams,
        querystring: LetterQuery,
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
      const { format } = req.query;
      const lang = req.query.lang ?? req.lang;
      const file = await documents.download(req.caller(), 'decision_letter', req.params.referralId, lang, format);
      // A binary body is sent as it is (the response schema only describes it in the OpenAPI document).
      return sendDownload(reply as FastifyReply, file);
    },
  );
}
