// The executive summary's API schemas: both language versions (latest and approved, with their sections and the
// plan's figures frozen with an approved one), the parity check, the live figures, the translation requests; a
// section's save, an approval, a translation request and a status change.
import { z } from 'zod';
import { ACTION_STATUSES } from '../../../domain/actions/action.ts';
import { RAG_RATINGS } from '../../../domain/actions/rag.ts';
import { LANGUAGES } from '../../../domain/organisation.ts';
import { SUMMARY_SECTION_IDS, SUMMARY_STATUSES, TRANSLATION_LIMITS, TRANSLATION_STATUSES } from '../../../domain/publication/summary.ts';
import { REPORT_LIMITS } from '../../../domain/reviews/report.ts';
import { CalendarDate, Id, Instant, named, prose } from '../../api/schemas.ts';

const SectionId = z.enum(SUMMARY_SECTION_IDS as [string, ...string[]]);

export const SummaryParams = z.object({ boardId: Id, reviewId: Id });
export const SummarySectionParams = SummaryParams.extend({ summarySection: SectionId });
export const SummaryVersionParams = SummaryParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });
export const TranslationParams = SummaryParams.extend({ translationId: Id });

const FiguresOut = named(
  z.object({
    asOn: CalendarDate,
    total: z.number().int(),
    statuses: z.record(z.enum(ACTION_STATUSES), z.number().int()),
    rags: z.record(z.enum(RAG_RATINGS), z.number().int()),
    overdue: z.number().int(),
    completed: z.number().int(),
    impact: z.number().int(),
    verified: z.number().int(),
    recommendations: z.array(z.object({ number: z.number().int(), text: z.string(), source: z.enum(['report', 'board']) })),
  }),
  'SummaryFigures',
  'The action plan’s figures the board’s statement quotes (the progress report’s figures for the review)',
);

const SummaryVersionOut = named(
  z.object({
    language: z.enum(LANGUAGES),
    version: z.number().int(),
    status: z.enum(SUMMARY_STATUSES),
    saved: z.boolean().describe('False for a version not stored yet (the first draft as it would start)'),
    revision: z.number().int().describe('Counts the version’s changes: an approval names the revision read'),
    revisions: z.record(z.string(), z.number().int()).describe('Each section’s revision: a save names the one its editor read'),
    sections: z.record(z.string(), z.string()).describe('Each section’s text, in the version’s language'),
    approvedByName: z.string().nullable(),
    approvedAt: Instant.nullable(),
    figures: FiguresOut.nullable().describe('The figures frozen at approval (null for a draft: it quotes them live)'),
  }),
  'ExecutiveSummaryVersion',
);

export const SummaryOut = named(
  z.object({
    languages: z.object({
      en: z.object({ latest: SummaryVersionOut, approved: SummaryVersionOut.nullable(), mayApprove: z.boolean() }),
      cy: z.object({ latest: SummaryVersionOut, approved: SummaryVersionOut.nullable(), mayApprove: z.boolean() }),
    }),
    parity: z
      .array(z.object({ section: SectionId, kind: z.enum(['missing', 'changed']), language: z.enum(LANGUAGES), since: z.enum(LANGUAGES).optional() }))
      .describe('Sections missing in one language, or changed in one since the other was approved'),
    figures: FiguresOut.describe('The plan’s figures today'),
    translations: z.array(
      z.object({
        id: Id,
        translatorName: z.string(),
        translatorEmail: z.string().nullable(),
        agencyId: Id.nullable(),
        dueOn: CalendarDate,
        status: z.enum(TRANSLATION_STATUSES),
        version: z.number().int(),
        requestedAt: Instant,
      }),
    ),
    mayEdit: z.boolean(),
    mayTranslate: z.boolean(),
  }),
  'ExecutiveSummary',
  'A review’s executive summary in English and Welsh, its parity check, the plan’s figures and the translation requests',
);

export const SummarySectionSave = named(
  z.strictObject({
    language: z.enum(LANGUAGES),
    revision: z.number().int().min(0).describe('The section’s revision the editor read: a 409 if it changed since'),
    text: prose(REPORT_LIMITS.text + 1),
  }),
  'ExecutiveSummarySectionSave',
  'A section’s new text in one language: onto the latest draft, or starting the next version when the latest is approved',
);

export const SummarySaved = named(
  z.object({ version: z.number().int(), created: z.boolean().describe('A new version was started'), changed: z.boolean() }),
  'ExecutiveSummarySaved',
);

export const SummaryApproval = named(
  z.strictObject({
    language: z.enum(LANGUAGES),
    version: z.number().int().min(1).describe('The version the approver read'),
    revision: z.number().int().min(0).describe('Its revision the approver read: a 409 if it changed since'),
  }),
  'ExecutiveSummaryApproval',
);

export const TranslationIn = named(
  z.strictObject({
    translatorName: z.string().max(TRANSLATION_LIMITS.name + 1),
    translatorEmail: z
      .string()
      .max(TRANSLATION_LIMITS.email + 1)
      .default(''),
    agencyId: z.string().max(64).default('').describe('An agency of the board that translates, or empty'),
    dueOn: z.string().max(10),
    note: prose(TRANSLATION_LIMITS.note + 1).default(''),
  }),
  'ExecutiveSummaryTranslationRequest',
  'A request to a named translator (an email, or an agency of the board) for the Welsh by a due date',
);

export const TranslationStatusIn = named(
  z.strictObject({ status: z.enum(TRANSLATION_STATUSES), version: z.number().int().min(1).describe('The request’s version read: a 409 if it changed since') }),
  'ExecutiveSummaryTranslationStatus',
);
