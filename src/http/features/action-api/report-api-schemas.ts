// The schemas of the board's progress report and the partner view in the API (issue 12 items 5, 6 and 9): the
// figures the page and the documents show, as numbers and codes (statuses, RAG ratings, the ladder's rungs,
// timeliness), never an action's text. Names (the board's, an agency's) are in the request's language.
import { z } from 'zod';
import { ACTION_STATUSES } from '../../../domain/actions/action.ts';
import { RAG_RATINGS } from '../../../domain/actions/rag.ts';
import { LANGUAGES } from '../../../domain/organisation.ts';
import { CalendarDate, Id, named, Page } from '../../api/schemas.ts';

const Count = z.number().int();
const Named = z.object({ id: Id, name: z.string().describe('In the request’s language') });
const lang = z.enum(LANGUAGES).optional().describe('The language of names and messages (default: the request’s language)');

export const ReportParams = z.object({ boardId: Id });
export const PartnerParams = ReportParams.extend({ agencyId: Id });

export const ReportQuery = z.strictObject({
  from: z
    .string()
    .max(40)
    .optional()
    .describe('The first day of the range, YYYY-MM-DD; with `to` (both empty: since the last board meeting held, else the last three months)'),
  to: z.string().max(40).optional().describe('The last day of the range, YYYY-MM-DD, on or after `from`'),
  lang,
});

export const PartnerQuery = z.strictObject({ page: Page, lang });

const Tally = z.object({
  total: Count.describe('Actions, as they stand on the day of the report'),
  statuses: z.record(z.enum(ACTION_STATUSES), Count).describe('Actions in each status'),
  rags: z.record(z.enum(RAG_RATINGS), Count).describe('Actions of each RAG rating (the business unit’s override where it holds)'),
  overdue: Count.describe('Actions past their target date and not completed'),
  verified: Count.describe('Completions verified in the range'),
  impact: Count.describe('Actions whose impact the board found evidenced in the range'),
});

const Challenge = z.object({
  reviewReference: z.string(),
  agencyId: Id,
  rung: z.string().describe('The escalation ladder’s step (a code)'),
  on: CalendarDate,
  response: z.string().nullable().describe('The partner’s response the business unit recorded (a code); null while none is'),
});

export const ReportOut = named(
  z.object({
    board: Named,
    range: z.object({
      from: CalendarDate,
      to: CalendarDate,
      origin: z
        .enum(['asked', 'since_meeting', 'last_three_months'])
        .describe('asked; since_meeting: the default, from the last board meeting held; last_three_months: the default when none was held'),
      lastMeetingOn: CalendarDate.nullable().describe('The last board meeting’s day, when the range starts at it'),
    }),
    today: CalendarDate.describe('The figures stand as at this day'),
    totals: Tally,
    reviews: z
      .array(Tally.extend({ id: Id, reference: z.string(), monitoringFromOn: CalendarDate.nullable(), closed: z.boolean() }))
      .describe('Each review with actions or an accepted plan, in reference order'),
    agencies: z.array(Tally.extend(Named.shape)).describe('Each lead agency with actions, by name (an action counts under its lead agency only)'),
    horizons: z
      .array(
        z.object({
          reviewId: Id,
          reference: z.string(),
          monitoringFromOn: CalendarDate,
          horizonOn: CalendarDate.describe('Two years from the plan’s acceptance'),
          state: z.enum(['approaching', 'past']),
        }),
      )
      .describe('Reviews within 90 days of their two-year horizon or past it'),
    challenges: z.array(Challenge).describe('Escalations in the range (the challenge log’s steps) and the responses recorded'),
  }),
  'ActionProgressReport',
  'The board’s progress report on its action plans: the same figures as its page, Word document, PDF and spreadsheet',
);

const Timeliness = z.object({ on_time: Count, late: Count, overdue: Count, open: Count, closed: Count });

export const PartnerOut = named(
  z.object({
    board: Named,
    agency: Named,
    total: Count.describe('Actions the agency leads or supports'),
    page: Count,
    pageSize: Count,
    figures: z.object({
      roles: z.object({ lead: Count, supporting: Count }).describe('Of the total: those it leads, those it supports (each action once)'),
      counts: Timeliness.describe(
        'on_time and late: completed (the owner’s last proposal of complete) by or after the target date; overdue now; open: not yet due; closed by the board',
      ),
      onTimePercent: Count.nullable().describe('Completed on time out of those completed, a whole percentage; null when none is completed'),
      trend: z
        .array(z.object({ quarter: z.string().describe('2027-Q1'), on_time: Count, late: Count, overdue: Count }))
        .describe('By quarter of the target date, oldest first'),
    }),
    escalations: z.array(Challenge).describe('The escalation ladder’s steps about the agency'),
    actions: z.array(
      z.object({
        id: Id,
        reviewId: Id,
        reference: z.string().describe('The review’s reference'),
        recommendationNumber: Count.nullable().describe('null: early learning'),
        role: z.enum(['lead', 'supporting']).describe('The agency leads the action, or is one of its supporting agencies'),
        status: z.enum(ACTION_STATUSES),
        targetOn: CalendarDate,
        rag: z.enum(RAG_RATINGS),
        overdue: z.boolean(),
      }),
    ),
  }),
  'PartnerActions',
  'One agency’s actions across the board’s reviews (those it leads and those it supports), soonest target first, with its timeliness, trend and escalations',
);
