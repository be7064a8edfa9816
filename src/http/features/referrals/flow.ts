// The "new referral" journey as a table (src/http/journeys/flow.ts): its pages in order, when each applies
// and when it counts as answered. Pure, so the order, the skipping and the return to check answers are
// unit-tested apart from the pages.

import type { AbuseOrNeglect, ChildPeriodKind, IncidentType, ProceedingStatus, ProceedingType } from '../../../domain/referrals/referral.ts';
import { defineFlow, type FlowStep } from '../../journeys/flow.ts';

export interface PeriodAnswer {
  kind: ChildPeriodKind;
  startOn: string;
  endOn: string | null;
}

export interface FamilyMemberAnswer {
  relationship: string;
  isSignificantPerson: boolean;
  language: 'en' | 'cy';
  fullName: string | null;
  contactDetails: string | null;
}

export interface ProceedingAnswer {
  proceedingType: ProceedingType;
  status: ProceedingStatus;
  liaisonContact: string | null;
  expectedEndOn: string | null;
}

/** Who made the referral: the person recording it, someone else with an account, or someone without one. */
export type ReferrerKind = 'self' | 'person' | 'external';

/** What the journey has gathered so far (kept in the session). */
export interface ReferralAnswers {
  /** An agency id, or 'none' when the referrer is not from one of the board's agencies. */
  referringAgencyId?: string;
  referrerKind?: ReferrerKind;
  /** Someone else with an account (referrerKind 'person'). */
  referrerPersonId?: string | null;
  /** Someone without an account (referrerKind 'external'): their name, email address and the language of emails to them. */
  referrerName?: string | null;
  referrerEmail?: string | null;
  referrerLanguage?: 'en' | 'cy' | null;
  referrerRole?: string | null;
  receivedOn?: string;
  /** England: the date the board became aware of the incident. */
  awareOn?: string | null;
  incidentOn?: string;
  incidentType?: IncidentType;
  impairmentIdentifiedOn?: string | null;
  abuseOrNeglect?: AbuseOrNeglect;
  inBoardArea?: boolean;
  childFullName?: string | null;
  childDateOfBirthOn?: string | null;
  childAddress?: string | null;
  childIsDeceased?: boolean;
  periods?: PeriodAnswer[];
  familyMembers?: FamilyMemberAnswer[];
  /** Agency ids, or ['none'] when no agency is known to have been involved. */
  agenciesInvolved?: string[];
  initialFacts?: string;
  proceedings?: ProceedingAnswer[];
}

export type StepSlug =
  | 'referrer'
  | 'dates'
  | 'incident-type'
  | 'impairment'
  | 'abuse-or-neglect'
  | 'board-area'
  | 'child'
  | 'periods'
  | 'family'
  | 'agencies'
  | 'facts'
  | 'proceedings';

export const SERIOUS_IMPAIRMENT: IncidentType = 'serious_permanent_impairment';

export const FLOW: readonly (FlowStep<ReferralAnswers> & { slug: StepSlug })[] = [
  {
    slug: 'referrer',
    fields: ['referringAgencyId', 'referrerKind', 'referrerPersonId', 'referrerName', 'referrerEmail', 'referrerLanguage', 'referrerRole'],
  },
  { slug: 'dates', fields: ['receivedOn', 'incidentOn', 'awareOn'] },
  { slug: 'incident-type', fields: ['incidentType'] },
  {
    // Asked on the incident type page when scripts reveal it; otherwise (or when left empty there), here.
    slug: 'impairment',
    fields: ['impairmentIdentifiedOn'],
    applies: (a) => a.incidentType === SERIOUS_IMPAIRMENT,
    complete: (s) => Boolean(s.answers.impairmentIdentifiedOn),
    fallback: true,
  },
  { slug: 'abuse-or-neglect', fields: ['abuseOrNeglect'] },
  { slug: 'board-area', fields: ['inBoardArea'] },
  {
    slug: 'child',
    fields: ['childFullName', 'dateOfBirth', 'childAddress', 'childIsDeceased'],
    answers: ['childFullName', 'childDateOfBirthOn', 'childAddress', 'childIsDeceased'],
  },
  { slug: 'periods', fields: ['periods'], list: true },
  { slug: 'family', fields: ['familyMembers'], list: true },
  { slug: 'agencies', fields: ['agenciesInvolved'] },
  { slug: 'facts', fields: ['initialFacts'] },
  { slug: 'proceedings', fields: ['proceedings'], list: true },
];

/** The table; the impairment date is first asked on the incident type page (so its errors belong there). */
export const referralFlow = defineFlow<ReferralAnswers>(FLOW, { fieldSteps: { impairmentIdentifiedOn: 'incident-type' } });
