// From referral to decision: management group meetings, the criteria of the framework in force, the
// group's analysis and recommendation, the board chair's decision and its letter. The consideration
// service checks each step's permission on the referral's board and writes the audit events.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { FORMAT_FILES } from '../../../documents/render.ts';
import { DOCUMENT_FORMATS } from '../../../domain/documents.ts';
import { FRAMEWORK_IDS, type Framework, OUTCOMES, REVIEW_TYPES, type StreamOutcome } from '../../../domain/frameworks/types.ts';
import { LANGUAGES } from '../../../domain/organisation.ts';
import { departuresFromAnalysis, LEARNING_ROUTES, REFERRAL_STATUSES } from '../../../domain/referrals/referral.ts';
import { invalid, notFound, ServiceError } from '../../../services/context.ts';
import { sendDownload } from '../../download.ts';
import { childOut, clocksOut, DecisionClocks, notificationOut, PanelNotification, prose, ReferralParams } from './referrals.ts';
import { apiRegistry, BoardParams, DateIn, Id, Pseudonym, problems, text } from './schemas.ts';

const TEXT_MAX = 10_000;

function named<T extends z.ZodType>(schema: T, id: string, description?: string): T {
  apiRegistry.add(schema, description ? { id, description } : { id });
  return schema;
}

const CalendarDate = z.iso.date();
const Instant = z.iso.datetime();
const Bilingual = named(z.object({ en: z.string(), cy: z.string() }), 'Bilingual', 'Text in English and Welsh');

// ---- Schemas --------------------------------------------------------------------------------------------

const FrameworkSummary = named(
  z.object({
    id: z.enum(FRAMEWORK_IDS),
    name: Bilingual,
    shortName: Bilingual,
    nation: z.enum(['wales', 'england']),
    validFrom: CalendarDate,
    validTo: CalendarDate.nullable(),
    reviewTypes: z.boolean().describe('Whether a review under it is concise or extended'),
    reviewersByType: z
      .object({ concise: z.number().int(), extended: z.number().int() })
      .nullable()
      .describe('Reviewers by type, where the framework sets them'),
    alternativeRoutes: z.array(z.enum(LEARNING_ROUTES)),
  }),
  'Framework',
);

const Criteria = named(
  z.object({
    referralId: Id,
    framework: FrameworkSummary,
    statutoryFrameworkId: z.enum(FRAMEWORK_IDS).describe('The statutory framework in force today; assessing against another is recorded'),
    frameworks: z.array(FrameworkSummary).describe('The frameworks the board runs: the statutory one first, then those chosen in its settings'),
    questions: z.array(
      z.object({
        id: z.string(),
        answerType: z.enum(['yes_no_unknown', 'choice', 'yes_no']),
        choices: z.array(z.object({ value: z.string(), label: Bilingual })),
        label: Bilingual,
        hint: Bilingual,
        source: z.string().describe('Where the criterion comes from'),
        askedWhen: z
          .object({ question: z.string(), in: z.array(z.string()) })
          .nullable()
          .describe('Asked only when that question’s answer is among these (an SUSR stream raised by the facts); otherwise not answered'),
        raisesStream: z.string().nullable().describe('A yes/no question by which the facts raise an SUSR stream'),
      }),
    ),
  }),
  'Criteria',
  'A framework the board runs (default: the statutory one in force) and its criteria questions',
);

const CriteriaQuery = z.strictObject({
  frameworkId: z.enum(FRAMEWORK_IDS).optional().describe('A framework the board runs (default: the statutory one in force today)'),
});

const Streams = z
  .array(
    z.object({
      stream: z.string(),
      outcome: z.enum(['met', 'not_met', 'undetermined']),
      type: z.enum(REVIEW_TYPES).nullable(),
      blocking: z.array(z.string()),
    }),
  )
  .nullable();

const Answers = z.record(z.string(), z.object({ answer: z.string(), facts: z.string().nullable() }));

const Assessment = named(
  z.object({
    id: Id,
    meetingId: Id.nullable(),
    frameworkId: z.enum(FRAMEWORK_IDS),
    answers: Answers,
    outcome: z.enum(OUTCOMES),
    reviewType: z.enum(REVIEW_TYPES).nullable(),
    streams: Streams,
    statutoryFrameworkId: z.enum(FRAMEWORK_IDS).nullable().describe('The statutory framework that day; another frameworkId means the group chose another'),
    assessedBy: Id.nullable(),
    assessedAt: Instant,
  }),
  'Assessment',
  'The management group’s analysis of the criteria',
);

const AssessmentCreate = named(
  z.strictObject({
    meetingId: Id.nullable().default(null).describe('The meeting of the board at which the group considered the referral'),
    frameworkId: z
      .enum(FRAMEWORK_IDS)
      .nullable()
      .default(null)
      .describe('A framework the board runs (default: the statutory one in force today); another is recorded as such, with a warning'),
    answers: z
      .record(
        z.string().regex(/^[a-z0-9_]{1,64}$/, 'Must be a criterion id'),
        z.strictObject({
          answer: z.string().max(64).describe('"yes", "no", "unknown" or one of the question’s choices'),
          facts: prose(TEXT_MAX).nullable().default(null).describe('The facts relied on (required unless the answer is "unknown")'),
        }),
      )
      .refine((answers) => Object.keys(answers).length <= 100, 'At most 100 answers')
      .describe('Every criterion of the framework that is asked (GET …/criteria: askedWhen), by question id'),
  }),
  'AssessmentCreate',
);

const AssessmentResult = named(
  z.object({
    assessmentId: Id,
    frameworkId: z.enum(FRAMEWORK_IDS),
    statutoryFrameworkId: z.enum(FRAMEWORK_IDS),
    warnings: z
      .array(z.enum(['not_statutory_framework']))
      .describe('not_statutory_framework: the analysis is against another framework than the statutory one'),
    outcome: z.enum(OUTCOMES),
    reviewType: z.enum(REVIEW_TYPES).nullable(),
    streams: Streams,
    reasons: z.array(z.string()),
    blocking: z.array(z.string()).describe('Questions whose "unknown" answer stands in the way of a determination'),
    missingFacts: z.array(z.string()),
  }),
  'AssessmentResult',
);

const Recommendation = named(
  z.object({
    id: Id,
    assessmentId: Id.nullable(),
    route: z.enum(LEARNING_ROUTES),
    frameworkId: z.enum(FRAMEWORK_IDS).nullable(),
    reviewType: z.enum(REVIEW_TYPES).nullable(),
    reasons: z.string(),
    dissent: z.string().nullable(),
    submittedBy: Id,
    submittedAt: Instant,
    departsFromAnalysis: z
      .array(z.enum(['route', 'type']))
      .describe('Where it departs from what the analysis indicated: the route (a review where the criteria are not met, or none where they are) or the type'),
  }),
  'Recommendation',
);

const RecommendationCreate = named(
  z.strictObject({
    route: z.enum(LEARNING_ROUTES),
    reviewType: z
      .enum(REVIEW_TYPES)
      .nullable()
      .default(null)
      .describe('For a review, where the framework has types (default: the type the analysis indicated)'),
    reasons: prose(TEXT_MAX).describe('Required (a 422 when blank)'),
    dissent: prose(TEXT_MAX).nullable().default(null).describe('Any member’s disagreement'),
  }),
  'RecommendationCreate',
);

const Decision = named(
  z.object({
    id: Id,
    recommendationId: Id,
    agreesWithRecommendation: z.boolean(),
    route: z.enum(LEARNING_ROUTES),
    frameworkId: z.enum(FRAMEWORK_IDS).nullable(),
    reviewType: z.enum(REVIEW_TYPES).nullable(),
    rationale: z.string(),
    decidedOn: CalendarDate,
    decidedBy: Id,
    createdAt: Instant,
  }),
  'Decision',
);

const Review = named(
  z.object({
    id: Id,
    reference: z.string().describe('The board’s code, the year of the decision and a sequence, e.g. TEIFI/2026/01'),
    frameworkId: z.enum(FRAMEWORK_IDS),
    reviewType: z.enum(REVIEW_TYPES).nullable(),
    stage: z.string().describe('DECIDED_PROCEED when created: each later stage is reached by its own action'),
    decidedOn: CalendarDate,
    createdAt: Instant,
  }),
  'Review',
);

const DecisionCreate = named(
  z.strictObject({
    agreesWithRecommendation: z.boolean(),
    route: z.enum(LEARNING_ROUTES).nullable().default(null).describe('Required when the chair differs from the recommendation'),
    reviewType: z.enum(REVIEW_TYPES).nullable().default(null),
    rationale: prose(TEXT_MAX).describe('Required (a 422 when blank)'),
    decidedOn: DateIn,
  }),
  'DecisionCreate',
);

const DecisionOutcome = named(z.object({ decision: Decision, review: Review.nullable() }), 'DecisionOutcome');

const Consideration = named(
  z.object({
    referralId: Id,
    boardId: Id,
    childCode: z.string().describe('The child’s pseudonym in English, as childPseudonym.en'),
    childPseudonym: Pseudonym,
    status: z.enum(REFERRAL_STATUSES),
    framework: FrameworkSummary.describe('The framework in force on the decision date, or today while undecided'),
    assessment: Assessment.nullable(),
    recommendation: Recommendation.nullable(),
    decision: Decision.nullable(),
    review: Review.nullable(),
    clocks: DecisionClocks.nullable(),
    nationalPanelNotification: PanelNotification.nullable(),
  }),
  'Consideration',
  'Where a referral stands: the latest analysis, the recommendation, the decision, the review it created and the decision clocks',
);

const NotificationCreate = named(z.strictObject({ notifiedOn: DateIn }), 'NationalPanelNotificationCreate');

const LetterQuery = z.strictObject({
  format: z.enum(DOCUMENT_FORMATS).describe('html: a web page for reading offline; docx: Word; pdf: tagged PDF'),
  lang: z.enum(LANGUAGES).optional().describe('The letter’s language (default: the request’s language)'),
});

const MeetingParams = z.object({ meetingId: Id });

const MeetingGuest = named(
  z.object({ fullName: z.string(), role: z.string().describe('Their role or organisation') }),
  'MeetingGuest',
  'Someone outside the management group who attended, named as text',
);

const Meeting = named(
  z.object({
    id: Id,
    boardId: Id,
    meetsOn: CalendarDate,
    location: z.string().nullable(),
    referralIds: z.array(Id).describe('The agenda'),
    attendance: z.array(z.object({ personId: Id, attended: z.boolean() })).describe('The management group’s people: attended or not'),
    guests: z.array(MeetingGuest),
  }),
  'Meeting',
  'A management group meeting',
);

const MeetingSummary = named(z.object({ id: Id, boardId: Id, meetsOn: CalendarDate, location: z.string().nullable() }), 'MeetingSummary');

const unique = (ids: string[]) => new Set(ids).size === ids.length;

const MeetingCreate = named(
  z.strictObject({
    meetsOn: DateIn,
    location: text(200).nullable().default(null),
    referralIds: z.array(Id).max(200).refine(unique, 'Each referral once').default([]).describe('Referrals of the board to consider (not yet decided)'),
  }),
  'MeetingCreate',
);

const AgendaAdd = named(
  z.strictObject({
    referralIds: z
      .array(Id)
      .min(1)
      .max(200)
      .refine(unique, 'Each referral once')
      .describe('Referrals of the meeting’s board to add (not yet decided); any already on the agenda are left as they are'),
  }),
  'AgendaAdd',
  'Referrals to add to a meeting’s agenda',
);

const AttendanceReplace = named(
  z.strictObject({
    attendance: z
      .array(z.strictObject({ personId: Id, attended: z.boolean() }))
      .max(200)
      .refine((a) => unique(a.map((x) => x.personId)), 'Each person once')
      .describe('People of the board’s management group (its members, its chair and the board chair) only: anyone else is a 422'),
    guests: z
      .array(z.strictObject({ fullName: text(200), role: text(200).describe('Their role or organisation') }))
      .max(50)
      .default([])
      .describe('Anyone else who attended, named as text'),
  }),
  'AttendanceReplace',
  'Who was invited and whether they attended, and the guests; replaces the meeting’s attendance and guests',
);

// ---- Helpers --------------------------------------------------------------------------------------------

function frameworkOut(f: Framework): z.output<typeof FrameworkSummary> {
  return {
    id: f.id,
    name: f.name,
    shortName: f.shortName,
    nation: f.nation,
    validFrom: f.validFrom,
    validTo: f.validTo,
    reviewTypes: f.reviewTypes,
    reviewersByType: f.reviewersByType ? { concise: f.reviewersByType.concise, extended: f.reviewersByType.extended } : null,
    alternativeRoutes: [...f.alternativeRoutes],
  };
}

function streamsOut(streams: unknown): z.output<typeof Streams> {
  if (!Array.isArray(streams)) return null;
  return (streams as StreamOutcome[]).map((s) => ({ stream: s.stream, outcome: s.outcome, type: s.type ?? null, blocking: s.blocking }));
}

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
  const { consideration, documents, organisation } = opts.services;

  async function meetingOut(req: FastifyRequest, meetingId: string) {
    const m = await consideration.meeting(req.caller(), meetingId);
    return {
      id: m.id,
      boardId: m.boardId,
      meetsOn: m.meetsOn,
      location: m.location,
      referralIds: m.referralIds,
      attendance: m.attendance,
      guests: m.guests,
    };
  }

  // ---- Meetings -----------------------------------------------------------------------------------------

  app.get(
    '/boards/:boardId/meetings',
    {
      config: { access: 'referral.view', audit: 'MEETINGS_VIEWED' },
      schema: {
        tags: ['meetings'],
        operationId: 'listMeetings',
        summary: 'The board’s management group meetings, latest first',
        params: BoardParams,
        response: { 200: z.object({ meetings: z.array(MeetingSummary) }), ...problems(400, 404) },
      },
    },
    async (req) => {
      const caller = req.caller();
      const board = await organisation.getBoard(caller, req.params.boardId);
      return { meetings: await consideration.meetings(caller, board.id) };
    },
  );

  app.post(
    '/boards/:boardId/meetings',
    {
      config: { access: 'meeting.manage', audit: 'MEETING_SCHEDULED' },
      schema: {
        tags: ['meetings'],
        operationId: 'scheduleMeeting',
        summary: 'Schedule a management group meeting with the referrals to consider (they move to "under consideration")',
        params: BoardParams,
        body: MeetingCreate,
        response: { 201: Meeting, ...problems(400, 404, 413, 422) },
      },
    },
    async (req, reply) => {
      const caller = req.caller();
      const board = await organisation.getBoard(caller, req.params.boardId);
      const id = await consideration.scheduleMeeting(caller, board.id, req.body);
      return reply.code(201).send(await meetingOut(req, id));
    },
  );

  app.post(
    '/meetings/:meetingId/agenda',
    {
      config: { access: 'meeting.manage', audit: 'AGENDA_REFERRALS_ADDED' },
      schema: {
        tags: ['meetings'],
        operationId: 'addToAgenda',
        summary: 'Add referrals to a meeting’s agenda, all or none (those "referred" move to "under consideration")',
        params: MeetingParams,
        body: AgendaAdd,
        response: { 200: Meeting, ...problems(400, 404, 413, 422) },
      },
    },
    async (req) => {
      await consideration.addReferralsToMeeting(req.caller(), req.params.meetingId, req.body.referralIds);
      return meetingOut(req, req.params.meetingId);
    },
  );

  app.post(
    '/meetings/:meetingId/attendance',
    {
      config: { access: 'meeting.manage', audit: 'ATTENDANCE_RECORDED' },
      schema: {
        tags: ['meetings'],
        operationId: 'recordAttendance',
        summary: 'Record who of the management group attended a meeting, and any guests (replaces what was recorded before)',
        params: MeetingParams,
        body: AttendanceReplace,
        response: { 200: Meeting, ...problems(400, 404, 413, 422) },
      },
    },
    async (req) => {
      await consideration.recordAttendance(req.caller(), req.params.meetingId, req.body.attendance, req.body.guests);
      return meetingOut(req, req.params.meetingId);
    },
  );

  // ---- Consideration of a referral ---------------------------------------------------------------------

  app.get(
    '/referrals/:referralId/consideration',
    {
      config: { access: 'referral.view', audit: 'CONSIDERATION_VIEWED' },
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
      config: { access: 'referral.view', audit: 'CRITERIA_VIEWED' },
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
      config: { access: 'referral.view', audit: 'DECISION_LETTER_DOWNLOADED' },
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
