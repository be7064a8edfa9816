// The panel API's request and response shapes (issue 10 item 2): the register, a review's panel,
// nominations, declaration links and appointments. Free text is checked by the services (the same limits
// and locale-keyed 422 codes as the pages); these schemas bound sizes and shapes.
import { z } from 'zod';
import { LIMITS } from '../../../domain/limits.ts';
import { AVAILABILITIES, INDEPENDENT_ROLES } from '../../../domain/reviews/independence.ts';
import { CalendarDate, Id, Instant, named, prose } from '../../api/schemas.ts';

export const RegisterParams = z.object({ boardId: Id, entryId: Id });
export const PanelParams = z.object({ boardId: Id, reviewId: Id });
export const NominationParams = z.object({ boardId: Id, reviewId: Id, nominationId: Id });

export const RegisterQuery = z.strictObject({
  availability: z.enum(AVAILABILITIES).optional(),
  language: z.enum(['en', 'cy']).optional(),
  specialism: z.string().max(100).optional().describe('Entries with a specialism containing this (any case)'),
});

export const Engagement = named(
  z.object({ id: Id, agencyId: Id, fromOn: CalendarDate, toOn: CalendarDate.nullable().describe('Null while it lasts'), what: z.string() }),
  'RegisterEngagement',
  'A dated engagement of an independent person with an agency',
);

export const RegisterEntry = named(
  z.object({
    id: Id,
    boardId: Id,
    fullName: z.string(),
    email: z.string(),
    specialisms: z.array(z.string()),
    wgApproved: z.boolean().describe('On the Welsh Government approved list (SUSR chairs and reviewers come from it)'),
    languages: z.array(z.enum(['en', 'cy'])),
    availability: z.enum(AVAILABILITIES),
    pastReviews: z.string(),
    declaredInterests: z.string(),
    employerAgencyId: Id.nullable(),
    personId: Id.nullable().describe('Their account, once appointed'),
    engagements: z.array(Engagement),
  }),
  'RegisterEntry',
  'An independent chair or reviewer on the board’s register',
);

export const RegisterEntryIn = z.strictObject({
  fullName: z.string().max(LIMITS.name + 100),
  email: z.string().max(LIMITS.email + 100),
  specialisms: z.array(z.string().max(200)).max(50).default([]),
  wgApproved: z.boolean(),
  languages: z.array(z.enum(['en', 'cy'])).max(2),
  availability: z
    .string()
    .max(40)
    .describe(`One of ${AVAILABILITIES.join(', ')}`),
  pastReviews: prose(LIMITS.initialFacts + 100).default(''),
  declaredInterests: prose(LIMITS.initialFacts + 100).default(''),
  employerAgencyId: Id.nullable().default(null),
});

export const EngagementIn = z.strictObject({
  agencyId: Id,
  fromOn: z.string().max(20),
  toOn: z.string().max(20).nullable().default(null),
  what: z.string().max(600),
});

export const Nomination = named(
  z.object({
    id: Id,
    role: z.enum(INDEPENDENT_ROLES).describe('panel_chair, or author (the author under SCR, a reviewer under CPR, SUSR and CSPR)'),
    entryId: Id,
    name: z.string(),
    status: z.enum(['nominated', 'appointed', 'withdrawn', 'ended']),
    nominatedAt: Instant,
    replacesId: Id.nullable(),
    declaration: z
      .object({
        independentOfAgencies: z.boolean(),
        independentOfCase: z.boolean(),
        independentOfChild: z.boolean(),
        conflicts: z.string(),
        declaredAt: Instant,
      })
      .nullable(),
    declarationLinkOpen: z.boolean(),
    refusals: z.array(z.object({ field: z.string(), code: z.string() })).describe('Why appointing now would be refused (empty: it may go ahead)'),
    warnings: z.number().int().describe('Engagements with an involved agency in the last five years'),
    personId: Id.nullable(),
    appointedAt: Instant.nullable(),
    endedAt: Instant.nullable(),
  }),
  'PanelNomination',
);

export const Panel = named(
  z.object({
    reviewId: Id,
    involvedAgencies: z.array(z.object({ id: Id, nameEn: z.string(), nameCy: z.string() })),
    rules: z.record(
      z.enum(INDEPENDENT_ROLES),
      z.object({
        nominatedBy: z.enum(['panel', 'business_unit']),
        appointedBy: z.enum(['panel', 'business_unit']),
        approvedListOnly: z.boolean(),
        places: z.number().int(),
      }),
    ),
    members: z.array(z.object({ assignmentId: Id, personId: Id, name: z.string(), agencyId: Id.nullable() })),
    nominations: z.array(Nomination),
    reassignments: z.array(z.object({ id: Id, fromNominationId: Id, toNominationId: Id, items: z.array(Id), createdAt: Instant })),
  }),
  'ReviewPanel',
  'A review’s panel: agency members, nominations and appointments of the independent roles, their declarations',
);

export const MemberIn = z.strictObject({
  fullName: z.string().max(LIMITS.name + 100),
  email: z.string().max(LIMITS.email + 100),
  jobTitle: z
    .string()
    .max(LIMITS.jobTitle + 100)
    .nullable()
    .default(null),
  agencyId: Id.describe('The involved agency they represent'),
  language: z.enum(['en', 'cy']).default('en'),
});

export const NominationIn = z.strictObject({
  role: z.enum(INDEPENDENT_ROLES),
  entryId: Id,
  replacesId: Id.nullable().optional().describe('The ended appointment this replaces'),
});

export const EndIn = z.strictObject({ reason: prose(LIMITS.reasoning + 100) });
