// The API's request and response shapes: one set of zod schemas that validates requests, serialises
// responses and describes both in the OpenAPI document (each named schema becomes a component).
import { z } from 'zod';
import type { Services } from '../../container.ts';
import { FORMAT_FILES } from '../../documents/render.ts';
import { DATE_YEARS, isDateInRange } from '../../domain/clock/index.ts';
import { LANGUAGES } from '../../domain/organisation.ts';
import { PSEUDONYM_KINDS, type Pseudonym as PseudonymValue, pseudonymForms, pseudonymText } from '../../domain/pseudonyms.ts';
import { nameProblem } from '../../domain/text.ts';
import { MAX_PAGE } from '../pagination.ts';

/** Named schemas appear under components.schemas in the OpenAPI document. */
export const apiRegistry = z.registry<{ id: string; description?: string }>();

const namedIds = new Map<string, z.ZodType>();

export function named<T extends z.ZodType>(schema: T, id: string, description?: string): T {
  // Two schemas under one name break the OpenAPI document (zod refuses to convert them together), and only when
  // both are reached — which depends on the order modules were loaded in: refuse the second name at once.
  const taken = namedIds.get(id);
  if (taken !== undefined && taken !== schema) throw new Error(`Two API schemas are named ${id}: give one of them another name`);
  namedIds.set(id, schema);
  apiRegistry.add(schema, description ? { id, description } : { id });
  return schema;
}

// No control characters (NUL cannot be stored in PostgreSQL text; none belongs in a name or a search).
const PRINTABLE = /^[^\p{Cc}]*$/u;

/** A trimmed, non-empty line of text of at most max characters. */
export const text = (max: number) => z.string().trim().min(1).max(max).regex(PRINTABLE, 'Must not contain control characters');

/**
 * A name (a person's, a board's, an agency's, a child's…): a line of text that also holds no
 * bidirectional embedding, override or isolate characters (src/domain/text.ts), which could make it
 * display as something else.
 */
export const name = (max: number) => text(max).refine(isName, NAME_MESSAGE);

export const isName = (v: string) => nameProblem(v) === undefined;
export const NAME_MESSAGE = 'Must not contain bidirectional control characters';

/** Record ids are UUIDv7 text; anything id-shaped that matches no record is simply not found. */
export const Id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Must be a record id');

export const Instant = z.iso.datetime();
export const CalendarDate = z.iso.date();

/** A date in a request: a real calendar date in 1900–2100 (0000-01-01 is refused with a 400 naming the field). */
export const DateIn = z.iso
  .date()
  .refine(isDateInRange, `Must be a date from ${DATE_YEARS.min}-01-01 to ${DATE_YEARS.max}-12-31`)
  .describe(`YYYY-MM-DD, from ${DATE_YEARS.min} to ${DATE_YEARS.max}`);

/**
 * How the API gives a pseudonym: what is stored (its kind and index) and how it is written in each language
 * (src/domain/pseudonyms.ts), so a client shows the reader's own without knowing the rules. The older
 * string fields beside it (`childCode`, a family member's `pseudonym`) keep the English writing for v1 clients.
 */
export const Pseudonym = named(
  z.object({
    kind: z.enum(PSEUDONYM_KINDS),
    index: z.number().int().min(1).describe('From 1: the child’s number on the board (1 → A, 27 → AA), a family member’s place on the referral'),
    en: z.string().describe('In English, e.g. "Child A", "Family member 1", "Person 2"'),
    cy: z.string().describe('In Welsh, e.g. "Plentyn A", "Aelod o’r teulu 1", "Person 2"'),
  }),
  'Pseudonym',
  'A pseudonym: its kind and index, and how it is written in English and in Welsh',
);

export function pseudonymOut(p: PseudonymValue): z.output<typeof Pseudonym> {
  return pseudonymForms(p);
}

/** The child's pseudonym as every referral response gives it: childCode (English) and childPseudonym. */
export function childOut(p: PseudonymValue) {
  return { childCode: pseudonymText(p, 'en'), childPseudonym: pseudonymOut(p) };
}

// Several lines of text: line breaks and tabs allowed, no other control characters.
const PROSE = /^(?:[^\p{Cc}]|[\t\n])*$/u;

/** Free text of up to max characters that may be empty (the service decides whether it is required: a 422). */
export const prose = (max: number) => z.string().max(max).regex(PROSE, 'Must not contain control characters other than line breaks');

/** Non-empty free text of up to max characters, over several lines. */
export const paragraph = (max: number) => z.string().trim().min(1).max(max).regex(PROSE, 'Must not contain control characters other than line breaks');

export const Problem = named(
  z.looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(
        z.object({
          field: z.string(),
          code: z.string().optional(),
          message: z.string(),
          row: z.number().int().optional().describe('A spreadsheet import’s row (the header is row 1)'),
        }),
      )
      .optional()
      .describe('One entry per invalid field: 400 for a malformed request, 422 for a broken business rule'),
  }),
  'Problem',
  'RFC 9457 problem details',
);

// ---- People and roles -----------------------------------------------------------------------------------

export const RoleAssignment = named(
  z.object({
    id: Id,
    personId: Id,
    role: z.string(),
    scope: z.enum(['deployment', 'board', 'review']),
    boardId: Id.nullable(),
    reviewId: Id.nullable(),
    status: z
      .enum(['active', 'waiting'])
      .describe(
        'active: the role is in effect. waiting: a case role granted by an administrator, giving no access until the board chair (information governance when the chair is the person concerned) confirms it',
      ),
    createdAt: Instant.describe('When the role was granted'),
    endedAt: Instant.nullable(),
  }),
  'RoleAssignment',
  'A role a person holds or has been granted',
);

type RoleView = Awaited<ReturnType<Services['people']['roles']>>[number];

/** A role as a person's and the role grants' responses give it. */
export function roleOut(r: RoleView) {
  return {
    id: r.id,
    personId: r.personId,
    role: r.role,
    scope: r.scope.type,
    boardId: r.scope.type === 'deployment' ? null : r.scope.boardId,
    reviewId: r.scope.type === 'review' ? r.scope.reviewId : null,
    status: r.status,
    createdAt: r.createdAt,
    endedAt: r.endedAt,
  };
}

export const RoleGrant = named(
  z.object({
    id: Id,
    personId: Id,
    personName: z.string(),
    personEmail: z.string(),
    role: z.string(),
    boardId: Id,
    grantedBy: Id,
    grantedByName: z.string(),
    grantedAt: Instant,
    confirmedBy: z.enum(['board_chair', 'information_governance']).describe('Who confirms this grant'),
    canDecide: z.boolean().describe('Whether the token holder may confirm or decline it (never the person concerned nor who granted it)'),
  }),
  'RoleGrant',
  'A case role granted by an administrator, waiting for the board’s confirmation',
);

export const RoleGrantDecline = named(
  z.strictObject({ reason: text(1000).describe('Why the grant is declined (kept with the grant, not in the audit log)') }),
  'RoleGrantDecline',
);

export const Me = named(
  z.object({
    id: Id,
    fullName: z.string(),
    email: z.string(),
    twoFactorEnrolled: z.boolean(),
    roles: z.array(z.object({ role: z.string(), scope: z.enum(['deployment', 'board', 'review']), boardId: Id.nullable() })),
  }),
  'Me',
);

// ---- Parameters -------------------------------------------------------------------------------------------

export const BoardParams = z.object({ boardId: Id });
export const ReferralParams = z.object({ referralId: Id });
export const RoleGrantParams = z.object({ grantId: Id });
export const RoleGrantQuery = z.strictObject({ boardId: Id.optional() });

/** The page of a list: a whole number from 1 to MAX_PAGE; anything else (negative, huge, words) is a 400. */
export const Page = z
  .string()
  .regex(/^[1-9]\d*$/, 'Must be a whole number from 1')
  .describe(`The page, from 1 (the default) to ${MAX_PAGE}`)
  .transform(Number)
  .pipe(z.number().int().max(MAX_PAGE))
  .default(1);

/** The problem responses every authenticated operation may give, plus its own. */
export function problems(...statuses: number[]) {
  const out: Record<number, { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }> = {};
  const descriptions: Record<number, string> = {
    400: 'The request is malformed (see errors)',
    401: 'No valid bearer token',
    403: 'The token holder may not do this',
    404: 'No such record, or not one the token holder may see',
    409: 'Conflict with the current state',
    413: 'Request body larger than 1 MiB',
    422: 'A business rule refused the request (see errors)',
  };
  for (const status of [401, 403, ...statuses]) {
    out[status] = { description: descriptions[status] ?? 'Problem', content: { 'application/problem+json': { schema: Problem } } };
  }
  return out;
}

/** A generated document's download: its format and language, as the query. */
export const DocumentQuery = z.strictObject({
  format: z.enum(['docx', 'pdf']).describe('docx: Word; pdf: tagged PDF'),
  lang: z.enum(LANGUAGES).optional().describe('The document’s language (default: the request’s language)'),
});

/** The answer of a generated document's download: Word or tagged PDF. */
export const DOCUMENT_RESPONSE = {
  description: 'The document',
  content: {
    [FORMAT_FILES.docx.contentType]: { schema: z.string().describe('A Word document') },
    [FORMAT_FILES.pdf.contentType]: { schema: z.string().describe('A tagged PDF document') },
  },
};
