// The "new referral" journey as a table: its pages in order, when each applies and when it counts as
// answered. Pure, so the order, the skipping and the return to check answers are unit-tested apart
// from the pages.
import type { AbuseOrNeglect, ChildPeriodKind, IncidentType, ProceedingStatus, ProceedingType } from '../../../domain/referrals/referral.ts';

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

export interface JourneyState {
  answers: ReferralAnswers;
  /** Pages the reader has answered (or, for lists, confirmed with Continue). */
  done: string[];
}

export const CHECK_ANSWERS = 'check-answers';

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

export interface FlowStep {
  slug: StepSlug;
  /** The fields of the referral this page answers (service errors on these fields belong here). */
  fields: string[];
  /** Whether the page is part of the journey for these answers (default: always). */
  applies?(a: ReferralAnswers): boolean;
  /** Whether the page is answered (default: the reader has submitted it). */
  complete?(state: JourneyState): boolean;
  /** A list page (add another): items are added on their own pages below it. */
  list?: boolean;
}

export const SERIOUS_IMPAIRMENT: IncidentType = 'serious_permanent_impairment';

export const FLOW: readonly FlowStep[] = [
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
  },
  { slug: 'abuse-or-neglect', fields: ['abuseOrNeglect'] },
  { slug: 'board-area', fields: ['inBoardArea'] },
  { slug: 'child', fields: ['childFullName', 'dateOfBirth', 'childAddress', 'childIsDeceased'] },
  { slug: 'periods', fields: ['periods'], list: true },
  { slug: 'family', fields: ['familyMembers'], list: true },
  { slug: 'agencies', fields: ['agenciesInvolved'] },
  { slug: 'facts', fields: ['initialFacts'] },
  { slug: 'proceedings', fields: ['proceedings'], list: true },
];

const isComplete = (step: FlowStep, state: JourneyState) => (step.complete ? step.complete(state) : state.done.includes(step.slug));
const applies = (step: FlowStep, a: ReferralAnswers) => (step.applies ? step.applies(a) : true);

export function stepOf(slug: string): FlowStep | undefined {
  return FLOW.find((s) => s.slug === slug);
}

/** The first page still to answer, or undefined when the journey can go to check answers. */
export function firstIncomplete(state: JourneyState): StepSlug | undefined {
  return FLOW.find((s) => applies(s, state.answers) && !isComplete(s, state))?.slug;
}

/** Whether the reader may see this page yet: every applicable page before it is answered. */
export function isReachable(state: JourneyState, slug: StepSlug): boolean {
  const missing = firstIncomplete(state);
  if (!missing) return true;
  return FLOW.findIndex((s) => s.slug === missing) >= FLOW.findIndex((s) => s.slug === slug);
}

/**
 * Where to go after answering a page: the next applicable page that is not yet answered. Returning to
 * check answers, only pages the change has made necessary are asked, then check answers.
 */
export function nextAfter(state: JourneyState, slug: StepSlug, returning: boolean): StepSlug | typeof CHECK_ANSWERS {
  const index = FLOW.findIndex((s) => s.slug === slug);
  const later = FLOW.slice(index + 1).filter((s) => applies(s, state.answers));
  if (returning) return later.find((s) => !isComplete(s, state))?.slug ?? firstIncomplete(state) ?? CHECK_ANSWERS;
  // Going forward, the next page is shown even if answered before (the reader is walking through).
  const next = later.find((s) => s.slug !== 'impairment' || !isComplete(s, state));
  return next?.slug ?? firstIncomplete(state) ?? CHECK_ANSWERS;
}

/** The page before this one, for the back link (undefined: the first page). */
export function previousBefore(state: JourneyState, slug: StepSlug | typeof CHECK_ANSWERS): StepSlug | undefined {
  const index = slug === CHECK_ANSWERS ? FLOW.length : FLOW.findIndex((s) => s.slug === slug);
  const earlier = FLOW.slice(0, index).filter((s) => applies(s, state.answers));
  // The separate impairment page is skipped going back once answered (the date is on the incident type page).
  return earlier.reverse().find((s) => s.slug !== 'impairment' || !isComplete(s, state))?.slug;
}

/** The page on which a field (as named in the service's errors) is answered; list items map to their list. */
export function stepForField(field: string): StepSlug | undefined {
  const base = field.split('.')[0] ?? field;
  if (base === 'impairmentIdentifiedOn') return 'incident-type';
  return FLOW.find((s) => s.fields.includes(base))?.slug;
}

/** Marks a page answered. */
export function markDone(state: JourneyState, slug: StepSlug, answers: ReferralAnswers): JourneyState {
  return { answers: { ...state.answers, ...answers }, done: state.done.includes(slug) ? state.done : [...state.done, slug] };
}
