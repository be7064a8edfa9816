// The referral operations' request and response schemas (record, list, read, duplicates, timeline), and the
// mappers from the referral service's records to those responses.
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { LIMITS, REFERRAL_TEXT } from '../../../domain/limits.ts';
import { pseudonymText } from '../../../domain/pseudonyms.ts';
import {
  ABUSE_OR_NEGLECT,
  CHILD_PERIOD_KINDS,
  INCIDENT_TYPES,
  PROCEEDING_STATUSES,
  PROCEEDING_TYPES,
  REFERRAL_STATUSES,
} from '../../../domain/referrals/referral.ts';
import type { ReferralView } from '../../../services/referral-service.ts';
import { DecisionClocks, PanelNotification } from '../../api/decision-clocks.ts';
import { childOut, DateIn, Id, isName, NAME_MESSAGE, name, named, Page, Pseudonym, pseudonymOut } from '../../api/schemas.ts';
import {
  AbuseOrNeglectStep,
  ChildStep,
  FamilyMemberItem,
  IncidentTypeStep,
  PeriodItem,
  ProceedingItem,
  REFERRAL_DATES,
  REFERRAL_YES_NO,
} from '../../journeys/commands.ts';
import { limitedText, optionalIsoDate, optionalLine, optionalText, requiredIsoDate, yesNo } from '../../journeys/fields.ts';

const CalendarDate = z.iso.date();
const Instant = z.iso.datetime();

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

// The request's answers are the referral journey's step fields (src/http/journeys/commands.ts): the same texts,
// limits, required answers, choices and problem keys, so the API and the pages refuse the same answers with the
// same field errors. Only the transport differs: ISO dates for date boxes, booleans for yes/no radios, the
// child's details nested under `child`, and a family member's kind as isSignificantPerson.
const D = REFERRAL_DATES;
const orName = (v: string | null) => v === null || isName(v);

const childInput = z.strictObject({
  fullName: ChildStep.shape.childFullName.refine(orName, NAME_MESSAGE),
  dateOfBirthOn: optionalIsoDate(D.dateOfBirth),
  address: ChildStep.shape.childAddress,
  isDeceased: yesNo.api(REFERRAL_YES_NO.childIsDeceased),
});

export const ReferralCreate = named(
  z.strictObject({
    referringAgencyId: Id.nullable().default(null),
    referrerPersonId: Id.nullable()
      .default(null)
      .describe(
        'The referrer, when they have an account and a role on the board. Give either this, or referrerName and referrerEmail, or neither (the token holder made the referral)',
      ),
    referrerName: optionalLine(REFERRAL_TEXT.referrerName).refine(orName, NAME_MESSAGE).describe('A referrer without an account (with referrerEmail)'),
    referrerRole: optionalText(REFERRAL_TEXT.referrerRole),
    referrerEmail: z
      .string()
      .trim()
      .max(LIMITS.email)
      .pipe(z.email())
      .nullable()
      .default(null)
      .describe('A referrer without an account: where the decision is sent'),
    referrerLanguage: z.enum(['en', 'cy']).nullable().default(null).describe('The language of emails to a referrer without an account (default: English)'),
    receivedOn: requiredIsoDate(D.receivedOn),
    awareOn: optionalIsoDate(D.awareOn).describe('England (required there): the day the board became aware of the incident; absent in Wales'),
    incidentOn: requiredIsoDate(D.incidentOn),
    incidentType: IncidentTypeStep.shape.incidentType,
    impairmentIdentifiedOn: optionalIsoDate(D.impairmentIdentifiedOn),
    abuseOrNeglect: AbuseOrNeglectStep.shape.abuseOrNeglect,
    inBoardArea: yesNo.api(REFERRAL_YES_NO.inBoardArea),
    initialFacts: limitedText(REFERRAL_TEXT.initialFacts).describe('The facts known so far (required: a 422 when blank)'),
    child: childInput,
    periods: z
      .array(z.strictObject({ kind: PeriodItem.shape.kind, startOn: requiredIsoDate(D.startOn), endOn: optionalIsoDate(D.endOn) }))
      .max(LIMITS.listItems)
      .default([]),
    familyMembers: z
      .array(
        z.strictObject({
          relationship: FamilyMemberItem.shape.relationship,
          isSignificantPerson: z.boolean().default(false),
          language: FamilyMemberItem.shape.language.default('en'),
          fullName: FamilyMemberItem.shape.fullName.refine(orName, NAME_MESSAGE),
          contactDetails: FamilyMemberItem.shape.contactDetails,
        }),
      )
      .max(LIMITS.listItems)
      .default([]),
    agenciesInvolved: z
      .array(Id)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'Each agency once')
      .default([]),
    proceedings: z
      .array(
        z.strictObject({
          proceedingType: ProceedingItem.shape.proceedingType,
          status: ProceedingItem.shape.status,
          liaisonContact: ProceedingItem.shape.liaisonContact,
          expectedEndOn: optionalIsoDate(D.expectedEndOn),
        }),
      )
      .max(LIMITS.listItems)
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

export const PossibleDuplicates = named(
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

export const ReferralList = named(
  z.object({
    referrals: z.array(ReferralListItem),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    statuses: z.array(z.enum(REFERRAL_STATUSES)).describe('The statuses listed'),
  }),
  'ReferralList',
);

export const Timeline = named(
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

// ---- Mappers ------------------------------------------------------------------------------------------

type ReferralRecordType = Awaited<ReturnType<Services['referrals']['create']>>;

export function recordOut(r: ReferralRecordType): z.output<typeof ReferralRecord> {
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

export function referralOut(r: ReferralView): z.output<typeof Referral> {
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
