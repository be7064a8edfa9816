// The action plan API's request and response schemas (issue 12 items 1, 2, 7 and 9). Answers are checked by the
// same services as the pages: a blank or bad answer here is a 422 with the pages' field errors, not a 400.
import { z } from 'zod';
import { ACTION_SOURCES, ACTION_STATUSES, PROPOSABLE_STATUSES } from '../../../domain/actions/action.ts';
import { RAG_RATINGS } from '../../../domain/actions/rag.ts';
import { LIMITS } from '../../../domain/limits.ts';
import { LANGUAGES } from '../../../domain/organisation.ts';
import { CalendarDate, DateIn, Id, Instant, named, Page, prose } from '../../api/schemas.ts';

export const PlanParams = z.object({ boardId: Id, reviewId: Id });
export const RecommendationParams = PlanParams.extend({ recommendationId: Id });
export const ActionParams = PlanParams.extend({ actionId: Id });
export const MineQuery = z.strictObject({ page: Page });

const Names = z.object({ en: z.string(), cy: z.string() });
const Rag = z.enum(RAG_RATINGS);

export const ActionSummary = named(
  z.object({
    id: Id,
    source: z.enum(ACTION_SOURCES),
    recommendationId: Id.nullable(),
    lesson: z.string().describe('The lesson learnt early (early learning only; else empty)'),
    action: z.string(),
    leadAgency: z.object({ id: Id, name: Names }),
    supportingAgencies: z.array(z.object({ id: Id, name: Names })),
    owner: z.object({ id: Id, name: z.string() }).describe('The lead officer (the action owner)'),
    targetOn: CalendarDate.describe('The target date in force (the latest revised one)'),
    originalTargetOn: CalendarDate,
    status: z.enum(ACTION_STATUSES),
    rag: Rag,
    ragOverridden: z.boolean().describe('Set by the business unit with a reason (until the status changes)'),
    successMeasure: z.string(),
    completionEvidence: z.string().describe('How completion will be evidenced'),
    impactMeasure: z.string(),
    reauditOn: CalendarDate.nullable(),
    lastUpdateAt: Instant.nullable(),
    version: z.number().int().describe('Send it back to revise the target or set the RAG rating: a 409 if the action changed since'),
  }),
  'Action',
  'An action of a review’s action plan',
);

export const PlanOut = named(
  z.object({
    reviewId: Id,
    reference: z.string(),
    acceptedAt: Instant.nullable().describe('When the board chair accepted the plan (monitoring started); null before'),
    monitoringFromOn: CalendarDate.nullable(),
    horizonOn: CalendarDate.nullable().describe('Two years from the plan’s acceptance'),
    horizonState: z.string(),
    closureSignedOffAt: Instant.nullable(),
    agencyOnly: z.boolean().describe('Only the reader’s agency’s actions are given (an action owner, an agency’s senior manager)'),
    recommendations: z.array(z.object({ id: Id, number: z.number().int(), source: z.string(), text: z.string(), actions: z.array(ActionSummary) })),
    earlyLearning: z.array(ActionSummary),
  }),
  'ActionPlan',
  'A review’s action plan: its recommendations with their actions, and the lessons learnt early',
);

export const ActionOut = named(
  z.object({
    reviewId: Id,
    reference: z.string(),
    action: ActionSummary,
    updates: z.array(
      z.object({
        id: Id,
        kind: z.string().describe('progress, complete, verified, returned, impact, sustained, closed, target_revised, rag_override'),
        narrative: z.string(),
        statusFrom: z.string().nullable(),
        statusTo: z.string().nullable(),
        boardMeetingId: Id.nullable(),
        onBehalfOfAgencyId: Id.nullable().describe('The agency the business unit imported the update for'),
        createdBy: z.object({ id: Id, name: z.string().nullable() }).nullable(),
        createdAt: Instant,
        evidence: z.array(z.object({ fileId: Id, name: z.string(), sizeBytes: z.number().int() })),
      }),
    ),
    targetRevisions: z.array(z.object({ fromOn: CalendarDate, toOn: CalendarDate, reason: z.string(), createdAt: Instant })),
    may: z.object({ update: z.boolean(), verify: z.boolean(), manage: z.boolean(), events: z.array(z.string()) }),
  }),
  'ActionDetail',
  'One action with its updates, evidence and revised dates',
);

export const MineOut = named(
  z.object({
    total: z.number().int(),
    page: z.number().int(),
    actions: z.array(ActionSummary.extend({ reviewId: Id, boardId: Id, reference: z.string() })),
  }),
  'MyActions',
  'The actions the token holder owns, and their agency’s on the reviews they are an owner on',
);

const text = (max: number) => prose(max);

export const BoardRecommendationIn = z.strictObject({ text: text(LIMITS.action) });

export const ActionIn = z.strictObject({
  action: text(LIMITS.action),
  leadAgencyId: z.string().max(64),
  supportingAgencyIds: z.array(Id).max(50).default([]),
  ownerName: z.string().max(LIMITS.name).describe('The lead officer: an existing person of the lead agency, or a new one invited'),
  ownerEmail: z.string().max(LIMITS.email),
  ownerLanguage: z.enum(LANGUAGES).default('en'),
  targetOn: DateIn,
  successMeasure: text(LIMITS.action),
  completionEvidence: text(LIMITS.action),
  impactMeasure: text(LIMITS.action),
});

export const AcceptIn = z.strictObject({
  meetingId: z
    .string()
    .max(64)
    .default('')
    .describe('The meeting that agreed the plan: a board meeting, or under SUSR the case review group’s (management group) meeting'),
});

export const UpdateIn = z.strictObject({
  narrative: text(LIMITS.reasoning),
  status: z.enum(PROPOSABLE_STATUSES).nullable().default(null).describe('The status proposed; null keeps it'),
});

export const VerifyIn = z.strictObject({
  decision: z.string().max(20).describe('verify, or return (with the reason); anything else is refused with a 422'),
  narrative: text(LIMITS.reasoning).default('').describe('Required to return it: the reason'),
});

export const BoardDecisionIn = z.strictObject({
  event: z.string().max(40).describe('record_impact, record_sustained or close; anything else is refused with a 422'),
  narrative: text(LIMITS.reasoning),
  boardMeetingId: Id.nullable().default(null).describe('The board meeting that decided (required)'),
  reauditOn: DateIn.nullable().optional().describe('Impact evidenced: the re-audit date (default six months on)'),
});

export const TargetIn = z.strictObject({ version: z.number().int(), targetOn: DateIn, reason: text(LIMITS.reasoning) });

export const RagIn = z.strictObject({
  version: z.number().int(),
  rag: Rag.nullable().describe('null: back to the rating worked out from the dates'),
  reason: text(LIMITS.reasoning).default(''),
});

export const ImportOut = named(
  z.object({
    rows: z.number().int(),
    actions: z.number().int().describe('Actions updated'),
    updates: z.number().int(),
    moves: z.number().int().describe('Status changes proposed'),
    agencyIds: z.array(Id).describe('The agencies the updates were recorded on behalf of'),
  }),
  'ActionPlanImport',
);

export const SPREADSHEET_RESPONSE = {
  200: {
    description: 'The action plan as xlsx (headers in the request’s language; no cell is a formula)',
    content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().describe('A spreadsheet') } },
  },
};
