// The terms of reference's API schemas: a version with its sections as structured content, the versions, a
// section's new content (one operation a section, the fields its kind takes), an approval, and a version's
// changes against the approved version before it.
import { z } from 'zod';
import { CONTRIBUTION_FORMS, EDITABLE_SECTIONS, TERMS_LIMITS, TERMS_SECTIONS, TERMS_STATUSES } from '../../../domain/reviews/terms.ts';
import { CalendarDate, Id, Instant, named, Pseudonym, prose } from '../../api/schemas.ts';

const Text = z.object({ text: z.string() });

const TermsContentOut = named(
  z.object({
    purpose: Text,
    subject: z.object({ pseudonym: Pseudonym }),
    period: z.object({ startOn: CalendarDate.nullable(), endOn: CalendarDate.nullable() }),
    agencies: z.object({
      items: z.array(
        z.object({
          agencyId: Id,
          form: z.enum(CONTRIBUTION_FORMS),
          name: z.object({ nameEn: z.string(), nameCy: z.string() }).optional().describe('The agency’s name when the version was approved'),
        }),
      ),
    }),
    enquiry: z.object({ items: z.array(z.string()) }),
    methodology: Text,
    panel: Text,
    family: Text,
    parallel: Text,
    timescales: Text,
    publication: Text,
    expertise: Text,
  }),
  'TermsOfReferenceContent',
  'The sections of a version of a review’s terms of reference (DOMAIN.md §6.2); the subject is the child’s pseudonym only',
);

const TermsVersionOut = named(
  z.object({
    version: z.number().int(),
    status: z.enum(TERMS_STATUSES),
    saved: z.boolean().describe('False for the first draft before anyone saved it: its defaults (nothing stored yet)'),
    revision: z.number().int().describe('Counts the version’s changes: an approval names the revision the chair read'),
    revisions: z.record(z.enum(TERMS_SECTIONS), z.number().int()).describe('Each section’s revision: a save names the one its editor read'),
    content: TermsContentOut,
    updatedAt: Instant.nullable(),
    approvedByName: z.string().nullable(),
    approvedAt: Instant.nullable(),
  }),
  'TermsOfReferenceVersion',
);

export const TermsOut = named(
  z.object({
    versions: z
      .array(z.object({ version: z.number().int(), status: z.enum(TERMS_STATUSES), approvedByName: z.string().nullable(), approvedAt: Instant.nullable() }))
      .describe('Newest first; drafts only for those who see the review or edit the terms'),
    current: TermsVersionOut.nullable().describe('The latest version the token holder may read (none: not approved yet, for an agency’s contributor)'),
    mayEdit: z.boolean(),
    mayApprove: z.boolean(),
    missing: z.array(z.enum(TERMS_SECTIONS)).describe('Sections the current version needs before it may be approved'),
  }),
  'TermsOfReference',
  'A review’s terms of reference',
);

export const TermsParams = z.object({ boardId: Id, reviewId: Id });
export const TermsSectionParams = TermsParams.extend({
  section: z.enum(EDITABLE_SECTIONS).describe('The section (the subject is the review’s pseudonym: not edited)'),
});
export const TermsVersionParams = TermsParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });

export const TermsSectionSave = named(
  z.strictObject({
    revision: z.number().int().min(0).describe('The section’s revision the editor read: a 409 if it changed since'),
    text: prose(TERMS_LIMITS.text + 1)
      .optional()
      .describe('Text sections: the text'),
    startOn: CalendarDate.nullable().optional().describe('period: the first day'),
    endOn: CalendarDate.nullable().optional().describe('period: the last day'),
    agencies: z
      .array(z.strictObject({ agencyId: Id, form: z.enum(CONTRIBUTION_FORMS) }))
      .max(200)
      .optional()
      .describe('agencies: each agency of the board and how it contributes'),
    items: z
      .array(z.string().max(TERMS_LIMITS.line + 1))
      .max(TERMS_LIMITS.lines + 1)
      .optional()
      .describe('enquiry: the key lines of enquiry'),
  }),
  'TermsOfReferenceSectionSave',
  'A section’s new content: onto the latest draft, or starting the next version when the latest is approved',
);

export const TermsSaved = named(
  z.object({ version: z.number().int(), created: z.boolean().describe('A new version was started'), changed: z.boolean() }),
  'TermsOfReferenceSaved',
);

export const TermsApproval = named(
  z.strictObject({
    version: z.number().int().min(1).describe('The version the chair read'),
    revision: z.number().int().min(0).describe('Its revision the chair read: a 409 if it changed since'),
  }),
  'TermsOfReferenceApproval',
);

export const TermsChanges = named(
  z.object({
    version: TermsVersionOut,
    comparedWith: z.number().int().nullable().describe('The approved version before it (none for the first)'),
    changes: z
      .array(
        z.object({
          section: z.enum(TERMS_SECTIONS),
          changed: z.boolean(),
          parts: z.array(z.object({ kind: z.enum(['same', 'ins', 'del']), text: z.string() })),
        }),
      )
      .describe('Each section’s text (in the request’s language) as unchanged, inserted and deleted runs'),
  }),
  'TermsOfReferenceChanges',
);
