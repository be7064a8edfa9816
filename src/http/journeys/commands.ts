// The step schemas of the commands that have both a journey and an API operation: each step's zod schema
// (messages are locale keys) is what its page parses, and the API's request schema is composed from the
// same steps' fields (src/http/features/{referrals,consideration,admin}/api-schemas.ts), so both refuse the
// same answers with the same field errors.
import { z } from 'zod';
import { REVIEW_TYPES } from '../../domain/frameworks/index.ts';
import {
  AGENCY_TEXT,
  BOARD_TEXT,
  DECISION_TEXT,
  FAMILY_MEMBER_TEXT,
  PERSON_TEXT,
  PROCEEDING_TEXT,
  RECOMMENDATION_TEXT,
  REFERRAL_TEXT,
} from '../../domain/limits.ts';
import { BOARD_TYPES, LANGUAGES, NATIONS, SECTORS } from '../../domain/organisation.ts';
import {
  ABUSE_OR_NEGLECT,
  CHILD_PERIOD_KINDS,
  INCIDENT_TYPES,
  LEARNING_ROUTES,
  PROCEEDING_STATUSES,
  PROCEEDING_TYPES,
} from '../../domain/referrals/referral.ts';
import { EMAIL_ADDRESS } from '../../domain/text.ts';
import { optionalDate, optionalLine, optionalText, requiredDate, requiredLine, requiredText, yesNo } from './fields.ts';

// ---- A new referral -----------------------------------------------------------------------------

/** The facts known so far (the API checks the same limit, the service the same limit and presence). */
export const ReferralFactsStep = z.object({
  initialFacts: requiredText(REFERRAL_TEXT.initialFacts),
});

const K = 'referralForm.';

/**
 * The referral's date answers, by the prefix of their problems (`…Required`, `…Incomplete`, `…Invalid`): date
 * boxes on the pages (requiredDate, optionalDate), ISO dates in the API (requiredIsoDate, optionalIsoDate).
 */
export const REFERRAL_DATES = {
  receivedOn: `${K}receivedOn`,
  incidentOn: `${K}incidentOn`,
  awareOn: `${K}awareOn`,
  impairmentIdentifiedOn: `${K}impairment`,
  dateOfBirth: `${K}dateOfBirth`,
  startOn: `${K}startOn`,
  endOn: `${K}endOn`,
  expectedEndOn: `${K}expectedEndOn`,
} as const;

/** The referral's yes/no answers, by the problem when they are missing: radios on the pages, booleans in the API. */
export const REFERRAL_YES_NO = {
  inBoardArea: `${K}inBoardAreaRequired`,
  childIsDeceased: `${K}isDeceasedRequired`,
} as const;

const D = REFERRAL_DATES;

/** When the referral was received and the incident happened; England also asks when the board became aware. */
export const ReferralDatesStep = z.object({
  receivedOn: requiredDate(D.receivedOn),
  incidentOn: requiredDate(D.incidentOn),
});
export const EnglandReferralDatesStep = ReferralDatesStep.extend({ awareOn: requiredDate(D.awareOn) });

/** The incident's type, and (revealed under serious and permanent impairment) when the impairment was identified. */
export const IncidentTypeStep = z.object({
  incidentType: z.enum(INCIDENT_TYPES, { error: `${K}incidentTypeRequired` }),
  impairmentIdentifiedOn: optionalDate(D.impairmentIdentifiedOn),
});

/** When the impairment was identified, when the incident type page left it out. */
export const ImpairmentStep = z.object({ impairmentIdentifiedOn: requiredDate(D.impairmentIdentifiedOn) });

/** The child: restricted details, all optional but whether the child has died. */
export const ChildStep = z.object({
  childFullName: optionalLine(REFERRAL_TEXT.childFullName),
  dateOfBirth: optionalDate(D.dateOfBirth),
  childAddress: optionalText(REFERRAL_TEXT.childAddress),
  childIsDeceased: yesNo.page(REFERRAL_YES_NO.childIsDeceased),
});

/** One period of the child's life ("add another"): its kind and dates (in order, not in the future: the domain's periodProblems). */
export const PeriodItem = z.object({
  kind: z.enum(CHILD_PERIOD_KINDS, { error: `${K}periodKindRequired` }),
  startOn: requiredDate(D.startOn),
  endOn: optionalDate(D.endOn),
});

/** One other proceeding ("add another"). */
export const ProceedingItem = z.object({
  proceedingType: z.enum(PROCEEDING_TYPES, { error: `${K}proceedingTypeRequired` }),
  status: z.enum(PROCEEDING_STATUSES, { error: `${K}proceedingStatusRequired` }),
  liaisonContact: optionalLine(PROCEEDING_TEXT.liaisonContact),
  expectedEndOn: optionalDate(D.expectedEndOn),
});

/** Whether abuse or neglect is known or suspected. */
export const AbuseOrNeglectStep = z.object({
  abuseOrNeglect: z.enum(ABUSE_OR_NEGLECT, { error: 'referralForm.abuseOrNeglectRequired' }),
});

/** Whether the incident happened in the board's area (yes/no radios). */
export const BoardAreaStep = z.object({
  inBoardArea: yesNo.page(REFERRAL_YES_NO.inBoardArea),
});

/** One family member or significant person ("add another"). */
export const FamilyMemberItem = z.object({
  relationship: requiredLine(FAMILY_MEMBER_TEXT.relationship),
  personKind: z.enum(['family', 'significant'], { error: 'referralForm.personKindRequired' }),
  language: z.enum(['en', 'cy'], { error: 'referralForm.languageRequired' }),
  fullName: optionalLine(FAMILY_MEMBER_TEXT.fullName),
  contactDetails: optionalText(FAMILY_MEMBER_TEXT.contactDetails),
});

// ---- The management group's recommendation ------------------------------------------------------

/** The recommendation's first page: the route, the reasons and any dissent. */
export const RecommendationStep = z.object({
  route: z.enum(LEARNING_ROUTES, { error: 'recommendation.routeRequired' }),
  reasons: requiredText(RECOMMENDATION_TEXT.reasons),
  dissent: optionalText(RECOMMENDATION_TEXT.dissent),
});

/** The review's type, asked for a review where the framework has types. */
export const RecommendationTypeStep = z.object({
  reviewType: z.enum(REVIEW_TYPES, { error: 'recommendation.reviewTypeRequired' }),
});

// ---- The board chair's decision -----------------------------------------------------------------

/** The decision's first page (its date is read from a GET date input on the page, an ISO date in the API). */
export const DecisionStep = z.object({
  agree: z.enum(['agree', 'differ'], { error: 'decision.agreeRequired' }),
  rationale: requiredText(DECISION_TEXT.rationale),
});

/** The route, when the chair differs from the recommendation. */
export const DecisionRouteStep = z.object({
  route: z.enum(LEARNING_ROUTES, { error: 'decision.routeRequired' }),
});

/** The review's type, for a review where the framework in force on the decision date has types. */
export const DecisionTypeStep = z.object({
  reviewType: z.enum(REVIEW_TYPES, { error: 'decision.reviewTypeRequired' }),
});

// ---- Boards, agencies and people (administration) -----------------------------------------------

/** A new board's first page: its code and names. */
export const BoardDetailsStep = z.object({
  code: requiredLine(BOARD_TEXT.code)
    .regex(/^[A-Za-z0-9-]+$/, 'board.codeFormat')
    .transform((v) => v.toUpperCase()),
  nameEn: requiredLine(BOARD_TEXT.nameEn),
  nameCy: requiredLine(BOARD_TEXT.nameCy),
});

/** A new board's type and nation. */
export const BoardTypeStep = z.object({
  boardType: z.enum(BOARD_TYPES, { error: 'board.typeRequired' }),
  nation: z.enum(NATIONS, { error: 'board.nationRequired' }),
});

/** A board's region (the rest of that page: dates and predecessor, read from date inputs and options). */
export const BoardRegionField = optionalLine(BOARD_TEXT.region);

/** An agency's names and sector (its boards are checked against those the administrator manages). */
export const AgencyDetailsStep = z.object({
  nameEn: requiredLine(AGENCY_TEXT.nameEn),
  nameCy: requiredLine(AGENCY_TEXT.nameCy),
  sector: z.enum(SECTORS, { error: 'agency.sectorRequired' }),
});

/** A person's details (their agency, board and first role are checked against those offered). */
export const PersonDetailsStep = z.object({
  fullName: requiredLine(PERSON_TEXT.fullName),
  email: requiredLine(PERSON_TEXT.email)
    .regex(EMAIL_ADDRESS, 'email.invalid')
    .transform((v) => v.toLowerCase()),
  jobTitle: optionalLine(PERSON_TEXT.jobTitle),
  language: z.enum(LANGUAGES, { error: 'person.languageRequired' }),
});
