// The consideration operations' request and response schemas (criteria, analysis, recommendation, decision,
// review, the Panel notification, the decision letter's query), and the mappers of frameworks and streams.
import { z } from 'zod';
import { DOCUMENT_FORMATS } from '../../../domain/documents.ts';
import { FRAMEWORK_IDS, type Framework, OUTCOMES, REVIEW_TYPES, type StreamOutcome } from '../../../domain/frameworks/types.ts';
import { DECISION_TEXT, LIMITS, RECOMMENDATION_TEXT } from '../../../domain/limits.ts';
import { LANGUAGES } from '../../../domain/organisation.ts';
import { LEARNING_ROUTES, REFERRAL_STATUSES } from '../../../domain/referrals/referral.ts';
import { DecisionClocks, PanelNotification } from '../../api/decision-clocks.ts';
import { DateIn, Id, named, Pseudonym, prose } from '../../api/schemas.ts';
import { RecommendationStep } from '../../journeys/commands.ts';
import { limitedText } from '../../journeys/fields.ts';

const TEXT_MAX = LIMITS.reasoning;

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

export const Criteria = named(
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

export const CriteriaQuery = z.strictObject({
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

export const AssessmentCreate = named(
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

export const AssessmentResult = named(
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

export const Recommendation = named(
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

export const RecommendationCreate = named(
  // The recommendation journey's fields and rules (src/http/journeys/commands.ts, src/domain/limits.ts): a length
  // limit is refused here, a missing answer by the service, each with the same field error as the page's.
  z.strictObject({
    route: z.enum(LEARNING_ROUTES),
    reviewType: z
      .enum(REVIEW_TYPES)
      .nullable()
      .default(null)
      .describe('For a review, where the framework has types (default: the type the analysis indicated)'),
    reasons: limitedText(RECOMMENDATION_TEXT.reasons).describe('Required (a 422 when blank)'),
    dissent: RecommendationStep.shape.dissent.describe('Any member’s disagreement'),
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
  'DecidedReview',
  'The review a decision to hold one created',
);

export const DecisionCreate = named(
  // The rationale by the decision journey's rule (src/domain/limits.ts): too long refused here, missing by the
  // service, each with the same field error as the page's.
  z.strictObject({
    agreesWithRecommendation: z.boolean(),
    route: z.enum(LEARNING_ROUTES).nullable().default(null).describe('Required when the chair differs from the recommendation'),
    reviewType: z.enum(REVIEW_TYPES).nullable().default(null),
    rationale: limitedText(DECISION_TEXT.rationale).describe('Required (a 422 when blank)'),
    decidedOn: DateIn,
  }),
  'DecisionCreate',
);

export const DecisionOutcome = named(z.object({ decision: Decision, review: Review.nullable() }), 'DecisionOutcome');

export const Consideration = named(
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

export const NotificationCreate = named(z.strictObject({ notifiedOn: DateIn }), 'NationalPanelNotificationCreate');

export const LetterQuery = z.strictObject({
  format: z.enum(DOCUMENT_FORMATS).describe('html: a web page for reading offline; docx: Word; pdf: tagged PDF'),
  lang: z.enum(LANGUAGES).optional().describe('The letter’s language (default: the request’s language)'),
});

// ---- Mappers ------------------------------------------------------------------------------------------

export function frameworkOut(f: Framework): z.output<typeof FrameworkSummary> {
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

export function streamsOut(streams: unknown): z.output<typeof Streams> {
  if (!Array.isArray(streams)) return null;
  return (streams as StreamOutcome[]).map((s) => ({ stream: s.stream, outcome: s.outcome, type: s.type ?? null, blocking: s.blocking }));
}
