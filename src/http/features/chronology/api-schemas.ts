// The chronology API's shapes (issue 11 item 7): an entry as a client sends it (checked by the same rule as
// the pages, `checkEntry`, so a bad value is a 422 naming the field with the pages' locale key, never a
// different 400), an entry as the API gives it (the review's people by id with their pseudonym in English and
// Welsh, and their name only in the named view), an agency's chronology and the merged one, a page at a time.
import { z } from 'zod';
import { CHRONOLOGY_LIMITS, DATE_PRECISIONS, EVENT_TYPES, SIGNIFICANCES } from '../../../domain/chronology/entry.ts';
import { CONTRIBUTION_STATES } from '../../../domain/reviews/contributions.ts';
import { KEY_LABEL_MAX } from '../../../services/chronology/chronology-views.ts';
import { CalendarDate, Id, Instant, named, Page, Pseudonym, prose } from '../../api/schemas.ts';

const oneOf = (values: readonly string[]) => `One of: ${values.join(', ')}`;
const optionalText = (max: number) => prose(max).nullable().optional();

/** One entry as sent: every value is checked by the service (a wrong one is a 422 naming its field). */
export const EntryIn = named(
  z.strictObject({
    date: z.string().max(10).describe('YYYY-MM-DD: for a month or a year, any day of it (the start of the period is kept)'),
    precision: z
      .string()
      .max(10)
      .describe(`How precisely the date is known. ${oneOf(DATE_PRECISIONS)}`),
    time: z.string().max(5).nullable().optional().describe('HH:MM (24-hour), only for an exact or approximate day'),
    eventType: z.string().max(40).describe(oneOf(EVENT_TYPES)),
    description: prose(CHRONOLOGY_LIMITS.description).describe('What happened (required)'),
    people: z.array(Id).max(CHRONOLOGY_LIMITS.people).optional().describe('The review’s people involved, by id (see the merged chronology’s people)'),
    practitionerRole: optionalText(CHRONOLOGY_LIMITS.practitionerRole),
    actionTaken: optionalText(CHRONOLOGY_LIMITS.actionTaken),
    outcome: optionalText(CHRONOLOGY_LIMITS.outcome),
    sourceRef: prose(CHRONOLOGY_LIMITS.sourceRef).describe('The source record reference (required)'),
    significance: z.string().max(10).describe(oneOf(SIGNIFICANCES)),
    analystComment: optionalText(CHRONOLOGY_LIMITS.analystComment),
  }),
  'ChronologyEntryFields',
  'One event of an agency’s records, as its contributor writes it',
);

export const EntryChange = named(
  EntryIn.extend({ version: z.number().int().min(1).describe('The version the client saw: a 409 if the entry has changed since') }),
  'ChronologyEntryChange',
);

export const EntryAdded = z.object({
  id: Id,
  warnings: z.array(z.string()).describe('Locale keys of what the entry was accepted with (outside the review’s period)'),
});

const PersonRef = named(
  z.object({
    id: Id,
    pseudonym: Pseudonym,
    name: z.string().nullable().optional().describe('The person’s name: only in the named view'),
  }),
  'ChronologyPerson',
  'One of the review’s people, by pseudonym (and by name in the named view)',
);

export const EntryOut = named(
  z.object({
    id: Id,
    agencyId: Id,
    entryNo: z.number().int().describe('The agency’s own number for the entry on this review'),
    date: CalendarDate.describe('The day the period starts (the first of the month, 1 January for a year)'),
    precision: z.enum(DATE_PRECISIONS),
    time: z.string().nullable(),
    eventType: z.enum(EVENT_TYPES),
    description: z.string(),
    people: z.array(PersonRef),
    practitionerRole: z.string(),
    actionTaken: z.string(),
    outcome: z.string(),
    sourceRef: z.string(),
    significance: z.enum(SIGNIFICANCES),
    analystComment: z.string(),
    keyEvent: z.object({ label: z.string(), markedAt: Instant.nullable() }).nullable().describe('Set when the panel marked it as a key event'),
    likelyNames: z.array(z.string()).optional().describe('Merged chronology, anonymised: words in the text that still look like names, for the author to fix'),
    version: z.number().int(),
    createdAt: Instant,
    updatedAt: Instant,
  }),
  'ChronologyEntry',
  'One entry of a chronology',
);

const AgencyName = z.object({ en: z.string(), cy: z.string() });
const Period = z.object({ from: CalendarDate.nullable(), to: CalendarDate.nullable() }).describe('The review’s period (its terms of reference)');
const Paging = { total: z.number().int(), page: z.number().int(), pages: z.number().int(), pageSize: z.number().int() };

export const AgencyChronologyOut = named(
  z.object({
    requestId: Id,
    agencyId: Id,
    agencyName: AgencyName,
    state: z.enum(CONTRIBUTION_STATES).describe('The agency’s contribution: entries are written while it is in_progress'),
    sharedAt: Instant.nullable().describe('When the business unit shared it with the panel'),
    entries: z.array(EntryOut),
    ...Paging,
    period: Period,
    may: z.object({ edit: z.boolean(), share: z.boolean() }),
  }),
  'AgencyChronology',
  'An agency’s own chronology for a review, in date order',
);

export const MergedOut = named(
  z.object({
    named: z.boolean(),
    agencies: z.array(z.object({ id: Id, requestId: Id, name: AgencyName })).describe('The agencies whose chronology is shared (the filter’s choices)'),
    notShared: z.array(z.object({ id: Id, name: AgencyName })).describe('Agencies asked whose chronology is not shared yet'),
    people: z.array(PersonRef),
    entries: z.array(
      EntryOut.extend({
        possibleDuplicates: z
          .array(z.object({ entryId: Id, agencyId: Id, entryNo: z.number().int(), score: z.number(), reasons: z.array(z.string()) }))
          .describe('Entries of other agencies on the same day that look like the same event'),
      }),
    ),
    gaps: z
      .array(z.object({ from: CalendarDate, to: CalendarDate, days: z.number().int() }))
      .describe('Periods longer than gapDays with no entry from any agency'),
    gapDays: z.number().int(),
    clusters: z
      .array(z.object({ from: CalendarDate, to: CalendarDate, count: z.number().int(), agencies: z.array(Id) }))
      .describe('Many entries in a short period'),
    ...Paging,
    period: Period,
    may: z.object({ named: z.boolean(), mark: z.boolean() }),
  }),
  'MergedChronology',
  'The review’s integrated chronology: every shared agency’s entries in one order (date, precision, time, agency, entry)',
);

const list = (what: string) =>
  z
    .string()
    .max(4000)
    .regex(/^[A-Za-z0-9_,-]*$/, 'Must be a comma-separated list')
    .transform((s) => s.split(',').filter(Boolean))
    .optional()
    .describe(`${what}, comma-separated`);

export const MergedQueryIn = z.strictObject({
  agency: list('Agency ids'),
  person: Id.optional().describe('Only entries involving this person of the review'),
  from: z.string().max(10).optional().describe('YYYY-MM-DD: entries from this day'),
  to: z.string().max(10).optional().describe('YYYY-MM-DD: entries up to this day'),
  significance: list(oneOf(SIGNIFICANCES)),
  eventType: list(oneOf(EVENT_TYPES)),
  key: z.enum(['yes']).optional().describe('yes: key events only'),
  gapDays: z.coerce.number().int().min(1).max(3650).optional().describe('Gaps longer than this many days are listed (28 unless given)'),
  view: z
    .enum(['anonymised', 'named'])
    .optional()
    .describe('named: the people’s names (restricted roles and the panel chair only; others get a 403); the read is audited as named'),
  page: Page,
});

/** The merged chronology (or its summary timeline) as a file: the merged view's filters, the format, the language. */
export const ExportQueryIn = MergedQueryIn.omit({ page: true }).extend({
  format: z.enum(['xlsx', 'docx']).describe('xlsx: a spreadsheet (any size); docx: a landscape Word table (up to 5,000 entries)'),
  summary: z.enum(['yes']).optional().describe('yes: the summary timeline (key events only; in Word with its picture)'),
  lang: z.enum(['en', 'cy']).optional().describe('The file’s language (default: the request’s language)'),
});

/** The answer of an export: a spreadsheet or a Word document. */
export const EXPORT_RESPONSE = {
  description: 'The file',
  content: {
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().describe('A spreadsheet') },
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.string().describe('A Word document') },
  },
};

export const AgencyQuery = z.strictObject({ page: Page });

export const KeyEventIn = named(
  z.strictObject({ label: prose(KEY_LABEL_MAX * 4).describe(`A short label for the timeline (at most ${KEY_LABEL_MAX} characters)`) }),
  'ChronologyKeyEvent',
);

export const RemoveQuery = z.strictObject({
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, 'Must be a whole number from 1')
    .transform(Number)
    .optional()
    .describe('The version the client saw: a 409 if the entry has changed since'),
});

export const RequestParams = z.object({ boardId: Id, reviewId: Id, requestId: Id });
export const EntryParams = RequestParams.extend({ chronologyEntryId: Id });
export const ReviewParams = z.object({ boardId: Id, reviewId: Id });
export const MergedEntryParams = ReviewParams.extend({ chronologyEntryId: Id });
