// The review report's API schemas: the report (versions, the latest version's sections, comments, review
// recommendations, R4 as it stands, what the token holder may do), a section's save, submission, a comment, QA
// sign-off, acceptance, a version with its changes, and a review recommendation.
import { z } from 'zod';
import { REPORT_LIMITS, REPORT_STATUSES } from '../../../domain/reviews/report.ts';
import { CalendarDate, Id, Instant, named, prose } from '../../api/schemas.ts';

export const ReportParams = z.object({ boardId: Id, reviewId: Id });
export const ReportSectionParams = ReportParams.extend({ reportSection: z.string().min(1).max(60).describe('A section of the framework’s report') });
export const ReportVersionParams = ReportParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });
export const ReportCommentParams = ReportParams.extend({ commentId: Id });
export const RecommendationParams = ReportParams.extend({ recommendationId: Id });

const Status = z.enum(REPORT_STATUSES);

const ReportVersionOut = named(
  z.object({
    version: z.number().int(),
    status: Status,
    saved: z.boolean().describe('False before anyone saved the first draft'),
    revision: z.number().int().describe('Counts the version’s changes: submission names the revision read'),
    revisions: z.record(z.string(), z.number().int()).describe('Each section’s revision: a save names the one its editor read'),
    content: z.record(z.string(), z.object({ text: z.string() })).describe('Each section’s text, by section id'),
    submittedAt: Instant.nullable(),
    qaAt: Instant.nullable(),
    acceptedAt: Instant.nullable(),
  }),
  'ReviewReportVersion',
);

const RecommendationOut = named(
  z.object({
    id: Id,
    number: z.number().int(),
    text: z.string(),
    agencyId: Id.nullable(),
    personId: Id.nullable(),
    responsible: z.string().nullable().describe('The name or role of the person responsible, as text'),
    targetOn: CalendarDate.nullable(),
    revision: z.number().int().describe('A change names the revision read: a 409 if it changed since'),
  }),
  'ReviewRecommendation',
  'A review recommendation (the report’s, never the management group’s recommendation to the chair)',
);

export const ReportOut = named(
  z.object({
    kind: z.enum(['overview', 'reviewer']).describe('The SCR overview report and executive summary, or the reviewers’ report'),
    sections: z.array(z.object({ id: z.string(), part: z.enum(['report', 'summary']), titleEn: z.string(), titleCy: z.string() })),
    versions: z.array(z.object({ version: z.number().int(), status: Status })).describe('Newest first'),
    current: ReportVersionOut,
    comments: z.array(
      z.object({ id: Id, version: z.number().int(), section: z.string(), text: z.string(), byName: z.string(), at: Instant, resolvedAt: Instant.nullable() }),
    ),
    recommendations: z.array(RecommendationOut),
    r4: z
      .array(z.object({ reason: z.enum(['noRecommendationsSection', 'noTargetDate', 'noResponsible']), number: z.number().int().nullable() }))
      .describe('Why the board may not accept the report yet (R4); empty when it may'),
    may: z.object({ edit: z.boolean(), submit: z.boolean(), comment: z.boolean(), qa: z.boolean(), accept: z.boolean(), recommend: z.boolean() }),
  }),
  'ReviewReport',
  'A review’s report and where it stands',
);

export const ReportSectionSave = named(
  z.strictObject({
    revision: z.number().int().min(0).describe('The section’s revision the editor read: a 409 if it changed since'),
    text: prose(REPORT_LIMITS.text + 1),
  }),
  'ReviewReportSectionSave',
);

export const ReportSaved = named(
  z.object({ version: z.number().int(), created: z.boolean().describe('A new version was started'), changed: z.boolean() }),
  'ReviewReportSaved',
);

export const ReportSubmission = named(
  z.strictObject({ version: z.number().int().min(1), revision: z.number().int().min(0).describe('The revision read: a 409 if it changed since') }),
  'ReviewReportSubmission',
);

export const ReportVersionRef = named(z.strictObject({ version: z.number().int().min(1).describe('The version read') }), 'ReviewReportVersionRef');

export const ReportCommentIn = named(
  z.strictObject({ version: z.number().int().min(1), section: z.string().max(60), text: prose(REPORT_LIMITS.comment + 1) }),
  'ReviewReportComment',
);

export const RecommendationIn = named(
  z.strictObject({
    text: prose(REPORT_LIMITS.recommendation + 1),
    agencyId: Id.nullable().optional(),
    personId: Id.nullable().optional(),
    responsible: z
      .string()
      .max(REPORT_LIMITS.responsible + 1)
      .nullable()
      .optional(),
    targetOn: CalendarDate.nullable().optional().describe('Optional while drafting; R4 needs it before the board accepts'),
    revision: z.number().int().min(0).optional().describe('For a change: the revision read'),
  }),
  'ReviewRecommendationSave',
);

export const ReportChanges = named(
  z.object({
    version: ReportVersionOut,
    comparedWith: z.number().int().nullable().describe('The version submitted before it (none for the first)'),
    changes: z.array(
      z.object({ section: z.string(), changed: z.boolean(), parts: z.array(z.object({ kind: z.enum(['same', 'ins', 'del']), text: z.string() })) }),
    ),
  }),
  'ReviewReportChanges',
);
