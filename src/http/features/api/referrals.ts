// Referrals: record one, the board's list with the decision clocks, read one (restricted child details
// only when the service gives them), its possible duplicates and its timeline; and the business unit's
// duplicate check of a referral's details. The services check permissions on the referral's board and
// write the audit events (every read included).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { CLOCK_STATUSES, type ClockReading, DURATION_UNITS, type Duration } from '../../../domain/clock/index.ts';
import { type Pseudonym as PseudonymValue, pseudonymText } from '../../../domain/pseudonyms.ts';
import {
  ABUSE_OR_NEGLECT,
  type AbuseOrNeglect,
  CHILD_PERIOD_KINDS,
  INCIDENT_TYPES,
  type IncidentType,
  PROCEEDING_STATUSES,
  PROCEEDING_TYPES,
  REFERRAL_STATUSES,
  type ReferralStatus,
} from '../../../domain/referrals/referral.ts';
import type { ReferralClocks } from '../../../services/consideration-clocks.ts';
import type { PanelNotification as PanelNotificationReading } from '../../../services/consideration-panel-notification.ts';
import { invalid, ServiceError } from '../../../services/context.ts';
import type { ReferralView } from '../../../services/referral-service.ts';
import { apiRegistry, BoardParams, DateIn, Id, name, Page, Pseudonym, problems, pseudonymOut, text } from './schemas.ts';

const tags = ['referrals'];
const PAGE_SIZE = 50;

function named<T extends z.ZodType>(schema: T, id: string, description?: string): T {
  apiRegistry.add(schema, description ? { id, description } : { id });
  return schema;
}

const CalendarDate = z.iso.date();
const Instant = z.iso.datetime();

// Several lines of text: line breaks and tabs allowed, no other control characters.
const PROSE = /^(?:[^\p{Cc}]|[\t\n])*$/u;

/** Free text of up to max characters that may be empty (the service decides whether it is required: a 422). */
export const prose = (max: number) => z.string().max(max).regex(PROSE, 'Must not contain control characters other than line breaks');

/** Non-empty free text of up to max characters, over several lines. */
const paragraph = (max: number) => z.string().trim().min(1).max(max).regex(PROSE, 'Must not contain control characters other than line breaks');

export const ReferralParams = z.object({ referralId: Id });

// ---- Decision clocks ----------------------------------------------------------------------------------

export const DecisionClock = named(
  z.object({
    startOn: CalendarDate.describe('The incident date or the date the referral was received'),
    target: z.object({ amount: z.number().int(), unit: z.enum(DURATION_UNITS) }).nullable(),
    dueOn: CalendarDate,
    elapsed: z.object({
      workingDays: z.number().int(),
      calendarDays: z.number().int(),
      weeks: z.number().int().describe('Whole weeks elapsed'),
      days: z.number().int().describe('Days elapsed beyond the whole weeks'),
    }),
    remaining: z.object({ workingDays: z.number().int(), calendarDays: z.number().int() }).describe('Negative when overdue'),
    daysOverdue: z.number().int(),
    status: z.enum(CLOCK_STATUSES),
    overdue: z.boolean(),
  }),
  'DecisionClock',
  'How long the decision has been awaited, against the board’s target, as of today',
);

export const DecisionClocks = named(
  z.object({
    fromIncident: DecisionClock.nullable().describe('Wales: the decision from the incident'),
    fromReferral: DecisionClock.nullable().describe('Wales: the decision from the referral'),
    rapidReview: DecisionClock.nullable().describe('England: the rapid review, from the day the board became aware'),
  }),
  'DecisionClocks',
  'The clocks of an undecided referral, as the framework in force sets them (due dates are working days); null once decided',
);

export const PanelNotification = named(
  z.object({
    awareOn: CalendarDate.describe('The day the board became aware of the incident'),
    dueOn: CalendarDate.describe('5 working days later'),
    notifiedOn: CalendarDate.nullable().describe('When the Panel was notified, once recorded'),
    late: z.boolean().describe('Notified after the due date'),
    status: z.enum([...CLOCK_STATUSES, 'notified']),
    overdue: z.boolean().describe('Not notified, and past the due date'),
  }),
  'PanelNotification',
  'England: the notification to the Child Safeguarding Practice Review Panel (Children Act 2004 s.16C)',
);

export function notificationOut(n: PanelNotificationReading | undefined): z.output<typeof PanelNotification> | null {
  if (!n) return null;
  return {
    awareOn: n.awareOn,
    dueOn: n.dueOn,
    notifiedOn: n.notifiedOn,
    late: n.late,
    status: n.notifiedOn ? 'notified' : (n.reading?.status ?? 'on_track'),
    overdue: n.reading?.status === 'overdue',
  };
}

export function clockOut(reading: ClockReading | undefined, target: Duration | undefined): z.output<typeof DecisionClock> | null {
  if (!reading) return null;
  return {
    startOn: reading.startOn,
    target: target ? { amount: target.amount, unit: target.unit } : null,
    dueOn: reading.dueOn,
    elapsed: {
      workingDays: reading.elapsed.workingDays,
      calendarDays: reading.elapsed.calendarDays,
      weeks: Math.floor(reading.elapsed.calendarDays / 7),
      days: reading.elapsed.calendarDays % 7,
    },
    remaining: { workingDays: reading.remaining.workingDays, calendarDays: reading.remaining.calendarDays },
    daysOverdue: reading.daysOverdue,
    status: reading.status,
    overdue: reading.status === 'overdue',
  };
}

export function clocksOut(
  clocks: ReferralClocks | undefined,
  targets: { fromIncident: Duration | undefined; fromReferral: Duration | undefined; rapidReview: Duration | undefined },
): z.output<typeof DecisionClocks> | null {
  if (!clocks) return null;
  return {
    fromIncident: clockOut(clocks.fromIncident, targets.fromIncident),
    fromReferral: clockOut(clocks.fromReferral, targets.fromReferral),
    rapidReview: clockOut(clocks.rapidReview, targets.rapidReview),
  };
}

// ---- Schemas --------------------------------------------------------------------------------------------

const referralFields = {
  id: Id,
  boardId: Id,
  childCode: z.string().describe('The child’s pseudonym written in English, e.g. "Child A" (the same as childPseudonym.en)'),
  childPseudonym: Pseudonym.describe('The child’s pseudonym: kind "child", the child’s number on the board, and how it is written in English and Welsh'),
  status: z.enum(REFERRAL_STATUSES),
  referringAgencyId: Id.nullable(),
  referrerName: z.string().nullable(),
  referrerRole: z.string().nullable(),
  referrerEmail: z.string().nullable().describe('A referrer without an account: where the decision is sent'),
  referrerPersonId: Id.nullable().describe('A referrer with an account on the board (referrerName is their name when it was recorded)'),
  referrerLanguage: z.enum(['en', 'cy']).nullable().describe('The language of emails to a referrer without an account'),
  receivedOn: CalendarDate,
  incidentOn: CalendarDate,
  incidentType: z.enum(INCIDENT_TYPES),
  impairmentIdentifiedOn: CalendarDate.nullable(),
  abuseOrNeglect: z.enum(ABUSE_OR_NEGLECT),
  inBoardArea: z.boolean(),
  initialFacts: z.string(),
  awareOn: CalendarDate.nullable().describe('England: the day the board became aware of the incident'),
  nationalPanelNotifiedOn: CalendarDate.nullable().describe('England: the day the Child Safeguarding Practice Review Panel was notified'),
  createdBy: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
};

export const ReferralRecord = named(z.object(referralFields), 'ReferralRecord', 'A referral as recorded (no restricted details)');

const RestrictedChild = named(
  z.object({ fullName: z.string().nullable(), dateOfBirthOn: CalendarDate.nullable(), address: z.string().nullable(), isDeceased: z.boolean() }),
  'RestrictedChild',
  'The child’s identifying details: only for roles allowed to see restricted details',
);

export const Referral = named(
  z.object({
    ...referralFields,
    child: RestrictedChild.optional().describe('Present only when the token holder may see restricted details'),
    periods: z.array(z.object({ kind: z.enum(CHILD_PERIOD_KINDS), startOn: CalendarDate, endOn: CalendarDate.nullable() })),
    familyMembers: z.array(
      z.object({
        id: Id,
        pseudonym: z.string().describe('Written in English, e.g. "Family member 1", "Person 2" (the same as memberPseudonym.en)'),
        memberPseudonym: Pseudonym,
        relationship: z.string(),
        isSignificantPerson: z.boolean(),
        language: z.string(),
        fullName: z.string().nullable().optional().describe('Restricted'),
        contactDetails: z.string().nullable().optional().describe('Restricted'),
      }),
    ),
    agencyIds: z.array(Id),
    proceedings: z.array(
      z.object({
        id: Id,
        proceedingType: z.enum(PROCEEDING_TYPES),
        status: z.enum(PROCEEDING_STATUSES),
        liaisonContact: z.string().nullable(),
        expectedEndOn: CalendarDate.nullable(),
        concludedOn: CalendarDate.nullable(),
      }),
    ),
  }),
  'Referral',
);

const childInput = z.strictObject({
  fullName: name(200).nullable().default(null),
  dateOfBirthOn: DateIn.nullable().default(null),
  address: paragraph(500).nullable().default(null),
  isDeceased: z.boolean(),
});

export const ReferralCreate = named(
  z.strictObject({
    referringAgencyId: Id.nullable().default(null),
    referrerPersonId: Id.nullable()
      .default(null)
      .describe(
        'The referrer, when they have an account and a role on the board. Give either this, or referrerName and referrerEmail, or neither (the token holder made the referral)',
      ),
    referrerName: name(200).nullable().default(null).describe('A referrer without an account (with referrerEmail)'),
    referrerRole: text(200).nullable().default(null),
    referrerEmail: z.string().trim().max(320).pipe(z.email()).nullable().default(null).describe('A referrer without an account: where the decision is sent'),
    referrerLanguage: z.enum(['en', 'cy']).nullable().default(null).describe('The language of emails to a referrer without an account (default: English)'),
    receivedOn: DateIn,
    awareOn: DateIn.nullable().default(null).describe('England (required there): the day the board became aware of the incident; absent in Wales'),
    incidentOn: DateIn,
    incidentType: z.enum(INCIDENT_TYPES),
    impairmentIdentifiedOn: DateIn.nullable().default(null),
    abuseOrNeglect: z.enum(ABUSE_OR_NEGLECT),
    inBoardArea: z.boolean(),
    initialFacts: prose(5000).describe('The facts known so far (required: a 422 when blank)'),
    child: childInput,
    periods: z
      .array(z.strictObject({ kind: z.enum(CHILD_PERIOD_KINDS), startOn: DateIn, endOn: DateIn.nullable().default(null) }))
      .max(50)
      .default([]),
    familyMembers: z
      .array(
        z.strictObject({
          relationship: text(100),
          isSignificantPerson: z.boolean().default(false),
          language: z.enum(['en', 'cy']).default('en'),
          fullName: name(200).nullable().default(null),
          contactDetails: paragraph(500).nullable().default(null),
        }),
      )
      .max(50)
      .default([]),
    agenciesInvolved: z
      .array(Id)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'Each agency once')
      .default([]),
    proceedings: z
      .array(
        z.strictObject({
          proceedingType: z.enum(PROCEEDING_TYPES),
          status: z.enum(PROCEEDING_STATUSES),
          liaisonContact: text(200).nullable().default(null),
          expectedEndOn: DateIn.nullable().default(null),
        }),
      )
      .max(50)
      .default([]),
  }),
  'ReferralCreate',
);

export const DuplicateCheck = named(
  z.strictObject({
    incidentOn: DateIn,
    incidentType: z.enum(INCIDENT_TYPES),
    child: z.strictObject({ fullName: name(200).nullable().default(null), dateOfBirthOn: DateIn.nullable().default(null) }).default({
      fullName: null,
      dateOfBirthOn: null,
    }),
  }),
  'DuplicateCheck',
);

const PossibleDuplicates = named(
  z.object({
    duplicates: z.array(z.object({ referralId: Id, childCode: z.string(), childPseudonym: Pseudonym, reason: z.enum(['same_child', 'same_incident']) })),
  }),
  'PossibleDuplicates',
  'Referrals already on the board that are probably about the same child or the same incident',
);

const SORTS = ['received_on', 'incident_on', 'due'] as const;

/** A query parameter that may be given once or repeated (status=a&status=b). */
function repeated<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.enum(values), z.array(z.enum(values)).max(values.length * 2)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));
}

export const ReferralListQuery = z.strictObject({
  status: repeated(REFERRAL_STATUSES).describe('Repeat for several; default: every status not yet decided'),
  incidentType: repeated(INCIDENT_TYPES).describe('Repeat for several; default: all'),
  overdueOnly: z.enum(['true', 'false']).default('false'),
  sort: z.enum(SORTS).default('received_on'),
  direction: z.enum(['asc', 'desc']).optional().describe('Default: newest first, or soonest due first when sorting by due date'),
  page: Page,
});

const ReferralListItem = named(
  z.object({
    id: Id,
    childCode: z.string().describe('In English, as childPseudonym.en'),
    childPseudonym: Pseudonym,
    status: z.enum(REFERRAL_STATUSES),
    receivedOn: CalendarDate,
    incidentOn: CalendarDate,
    incidentType: z.enum(INCIDENT_TYPES),
    abuseOrNeglect: z.enum(ABUSE_OR_NEGLECT),
    referringAgencyId: Id.nullable(),
    clocks: DecisionClocks.nullable(),
    nationalPanelNotification: PanelNotification.nullable(),
    dueOn: CalendarDate.nullable().describe('The earliest due date of the clocks still running (a working day)'),
    overdue: z.boolean(),
  }),
  'ReferralListItem',
);

const ReferralList = named(
  z.object({
    referrals: z.array(ReferralListItem),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    statuses: z.array(z.enum(REFERRAL_STATUSES)).describe('The statuses listed'),
  }),
  'ReferralList',
);

const Timeline = named(
  z.object({
    events: z.array(
      z.object({
        seq: z.number().int(),
        occurredAt: Instant,
        action: z.string(),
        actorId: Id.nullable(),
        actorName: z.string().nullable(),
        /** The change of state the event made (from null: the event created the referral), and why, if a reason was given. */
        transition: z.object({ from: z.string().nullable(), to: z.string(), event: z.string(), reason: z.string().nullable() }).nullable(),
      }),
    ),
    /** Events in the whole trail; `events` holds the latest 200 of them, oldest first. */
    total: z.number().int(),
  }),
  'ReferralTimeline',
  'Who recorded, viewed and changed the referral, when, and the changes of status with their reasons, oldest first',
);

// ---- Helpers --------------------------------------------------------------------------------------------

/** The service names a few fields as the pages do; the API reports them by their place in the request body. */
const BODY_FIELDS: Record<string, string> = { dateOfBirth: 'child.dateOfBirthOn', childFullName: 'child.fullName', childAddress: 'child.address' };

async function withBodyFieldNames<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ServiceError && e.kind === 'invalid') {
      throw invalid(Object.fromEntries(Object.entries(e.fieldErrors).map(([field, key]) => [BODY_FIELDS[field] ?? field, key])));
    }
    throw e;
  }
}

/** The child's pseudonym as every referral response gives it: childCode (English) and childPseudonym. */
export function childOut(p: PseudonymValue) {
  return { childCode: pseudonymText(p, 'en'), childPseudonym: pseudonymOut(p) };
}

type ReferralRecordType = Awaited<ReturnType<Services['referrals']['create']>>;

function recordOut(r: ReferralRecordType): z.output<typeof ReferralRecord> {
  return {
    id: r.id,
    boardId: r.boardId,
    ...childOut(r.pseudonym),
    status: r.status,
    referringAgencyId: r.referringAgencyId,
    referrerName: r.referrerName,
    referrerRole: r.referrerRole,
    referrerEmail: r.referrerEmail,
    referrerPersonId: r.referrerPersonId,
    referrerLanguage: r.referrerLanguage,
    receivedOn: r.receivedOn,
    incidentOn: r.incidentOn,
    incidentType: r.incidentType,
    impairmentIdentifiedOn: r.impairmentIdentifiedOn,
    abuseOrNeglect: r.abuseOrNeglect,
    inBoardArea: r.inBoardArea,
    initialFacts: r.initialFacts,
    awareOn: r.awareOn,
    nationalPanelNotifiedOn: r.nationalPanelNotifiedOn,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function referralOut(r: ReferralView): z.output<typeof Referral> {
  return {
    ...recordOut(r),
    // Only when the service gave it (roles allowed to see restricted details).
    ...(r.child
      ? { child: { fullName: r.child.fullName, dateOfBirthOn: r.child.dateOfBirthOn, address: r.child.address, isDeceased: r.child.isDeceased } }
      : {}),
    periods: r.periods.map((p) => ({ kind: p.kind, startOn: p.startOn, endOn: p.endOn })),
    familyMembers: r.familyMembers.map(({ pseudonym, ...f }) => ({
      ...f,
      pseudonym: pseudonymText(pseudonym, 'en'),
      memberPseudonym: pseudonymOut(pseudonym),
    })),
    agencyIds: r.agencyIds,
    proceedings: r.proceedings.map((p) => ({
      id: p.id,
      proceedingType: p.proceedingType,
      status: p.status,
      liaisonContact: p.liaisonContact,
      expectedEndOn: p.expectedEndOn,
      concludedOn: p.concludedOn,
    })),
  };
}

// ---- Routes ---------------------------------------------------------------------------------------------

export default async function referralRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { organisation, referrals, consideration } = opts.services;

  app.post(
    '/boards/:boardId/referrals',
    {
      config: { access: 'referral.create', audit: 'REFERRAL_CREATED' },
      schema: {
        tags,
        operationId: 'createReferral',
        summary: 'Record a referral of a serious incident (the child is given a pseudonym code on the board)',
        params: BoardParams,
        body: ReferralCreate,
        response: { 201: ReferralRecord, ...problems(400, 404, 413, 422) },
      },
    },
    async (req, reply) => {
      const caller = req.caller();
      // Another board (or none) is not found; a board the token holder sees but may not refer to is a 403.
      const board = await organisation.getBoard(caller, req.params.boardId);
      const record = await withBodyFieldNames(() => referrals.create(caller, { ...req.body, boardId: board.id }));
      return reply.code(201).header('location', `/api/v1/referrals/${record.id}`).send(recordOut(record));
    },
  );

  app.post(
    '/boards/:boardId/referrals/duplicates',
    {
      config: { access: 'referral.view_restricted', audit: 'REFERRAL_DUPLICATES_CHECKED' },
      schema: {
        tags,
        operationId: 'checkReferralDuplicates',
        summary:
          'Referrals already on the board about the same child or incident as the details given (nothing is saved); for those who may see restricted details (the business unit), never a referrer; the search is audited',
        params: BoardParams,
        body: DuplicateCheck,
        response: { 200: PossibleDuplicates, ...problems(400, 404, 413) },
      },
    },
    async (req) => {
      const caller = req.caller();
      const board = await organisation.getBoard(caller, req.params.boardId);
      const { incidentOn, incidentType, child } = req.body;
      const found = await referrals.possibleDuplicates(caller, {
        boardId: board.id,
        incidentOn,
        incidentType,
        child: { fullName: child.fullName, dateOfBirthOn: child.dateOfBirthOn, address: null, isDeceased: false },
      });
      return { duplicates: found.map((d) => ({ referralId: d.referralId, ...childOut(d.pseudonym), reason: d.reason })) };
    },
  );

  app.get(
    '/boards/:boardId/referrals',
    {
      config: { access: 'referral.view', audit: 'REFERRALS_LISTED' },
      schema: {
        tags,
        operationId: 'listReferrals',
        summary: `The board’s referrals with their decision clocks (the dashboard), ${PAGE_SIZE} a page`,
        params: BoardParams,
        querystring: ReferralListQuery,
        response: { 200: ReferralList, ...problems(400, 404) },
      },
    },
    async (req) => {
      const caller = req.caller();
      const board = await organisation.getBoard(caller, req.params.boardId);
      const q = req.query;
      const result = await consideration.dashboard(caller, board.id, {
        statuses: q.status,
        incidentTypes: q.incidentType,
        overdueOnly: q.overdueOnly === 'true',
        sort: q.sort,
        ...(q.direction ? { direction: q.direction } : {}),
        page: q.page,
        pageSize: PAGE_SIZE,
      });
      const targets = await consideration.decisionTargets(board.id);
      return {
        referrals: result.items.map((r) => {
          const clocks = clocksOut(r.clocks, targets);
          const notification = notificationOut(r.notification);
          const dueOn =
            [clocks?.fromIncident?.dueOn, clocks?.fromReferral?.dueOn, clocks?.rapidReview?.dueOn, notification?.notifiedOn ? undefined : notification?.dueOn]
              .filter((d): d is string => Boolean(d))
              .sort()[0] ?? null;
          return {
            id: r.id,
            ...childOut(r.pseudonym),
            status: r.status as ReferralStatus,
            receivedOn: r.receivedOn,
            incidentOn: r.incidentOn,
            incidentType: r.incidentType as IncidentType,
            abuseOrNeglect: r.abuseOrNeglect as AbuseOrNeglect,
            referringAgencyId: r.referringAgencyId,
            clocks,
            nationalPanelNotification: notification,
            dueOn,
            overdue: r.overdue,
          };
        }),
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
        statuses: result.statuses,
      };
    },
  );

  // The service answers "not found" for a referral of another board or one the token holder may not see
  // (an administrator: case material), so the operation itself is open to any token holder.
  app.get(
    '/referrals/:referralId',
    {
      config: { access: 'signed-in', audit: 'REFERRAL_VIEWED' },
      schema: {
        tags,
        operationId: 'getReferral',
        summary: 'One referral (restricted child and family details only for roles that may see them); the read is audited',
        params: ReferralParams,
        response: { 200: Referral, ...problems(400, 404) },
      },
    },
    async (req) => referralOut(await referrals.get(req.caller(), req.params.referralId)),
  );

  app.get(
    '/referrals/:referralId/duplicates',
    {
      config: { access: 'referral.view', audit: 'REFERRAL_DUPLICATES_VIEWED' },
      schema: {
        tags,
        operationId: 'getReferralDuplicates',
        summary: 'Referrals of the same board that may be about the same child or incident as this one; the search is audited',
        params: ReferralParams,
        response: { 200: PossibleDuplicates, ...problems(400, 404) },
      },
    },
    async (req) => {
      const found = await referrals.duplicatesOf(req.caller(), req.params.referralId);
      return { duplicates: found.map((d) => ({ referralId: d.referralId, ...childOut(d.pseudonym), reason: d.reason })) };
    },
  );

  app.get(
    '/referrals/:referralId/timeline',
    {
      config: { access: 'signed-in', audit: 'REFERRAL_TIMELINE_VIEWED' },
      schema: {
        tags,
        operationId: 'getReferralTimeline',
        summary: 'The referral’s audit trail: who recorded, viewed and changed it, and when (this read included: it is audited)',
        params: ReferralParams,
        response: { 200: Timeline, ...problems(400, 404) },
      },
    },
    async (req) => {
      const { entries, total } = await referrals.timeline(req.caller(), req.params.referralId);
      return {
        events: entries.map((e) => ({
          seq: e.seq,
          occurredAt: e.occurredAt,
          action: e.action,
          actorId: e.actorId,
          actorName: e.actorName,
          transition: e.transition,
        })),
        total,
      };
    },
  );
}
