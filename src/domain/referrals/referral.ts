// A referral of a serious incident and its path to the board chair's decision (DOMAIN.md §8.1–8.2,
// rules R1, R2, R14). Pure: the workflow and the date rules (the child's pseudonym: pseudonyms.ts).
import { EMAIL_ADDRESS } from '../text.ts';
import { nextState, type WorkflowTable } from '../workflow.ts';

export const REFERRAL_STATUSES = ['referred', 'under_consideration', 'recommended_to_chair', 'decided_proceed', 'decided_not_proceed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const INCIDENT_TYPES = ['death', 'life_threatening_injury', 'serious_permanent_impairment', 'other_harm'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const ABUSE_OR_NEGLECT = ['known', 'suspected', 'not_suspected'] as const;
export type AbuseOrNeglect = (typeof ABUSE_OR_NEGLECT)[number];

export const PROCEEDING_TYPES = ['criminal', 'inquest', 'family_court', 'disciplinary', 'regulator', 'other_review'] as const;
export type ProceedingType = (typeof PROCEEDING_TYPES)[number];

export const PROCEEDING_STATUSES = ['open', 'concluded'] as const;
export type ProceedingStatus = (typeof PROCEEDING_STATUSES)[number];

export const CHILD_PERIOD_KINDS = ['child_protection_register', 'looked_after'] as const;
export type ChildPeriodKind = (typeof CHILD_PERIOD_KINDS)[number];

/** What the management group may recommend, and what the chair may decide. */
export const LEARNING_ROUTES = ['review', 'single_agency_review', 'multi_agency_professional_forum', 'no_review'] as const;
export type LearningRoute = (typeof LEARNING_ROUTES)[number];

export type ReferralEvent = 'consider' | 'recommend' | 'decide_proceed' | 'decide_not_proceed';

/**
 * The referral's transition table: the only way its status moves (src/services/workflow.ts checks every
 * change against it). Created "referred" when recorded; considered when the management group takes it up
 * (on a meeting's agenda, or its criteria assessed); recommended to the chair (again, while the chair has
 * not decided: a revised recommendation replaces the last); decided once, by the chair (R2).
 */
export const REFERRAL_WORKFLOW: WorkflowTable<ReferralStatus, ReferralEvent> = {
  record: 'referral',
  states: REFERRAL_STATUSES,
  created: { event: 'record', state: 'referred' },
  transitions: {
    referred: { consider: 'under_consideration' },
    under_consideration: { recommend: 'recommended_to_chair' },
    // The chair decides only once a recommendation with reasons exists (R2).
    recommended_to_chair: { recommend: 'recommended_to_chair', decide_proceed: 'decided_proceed', decide_not_proceed: 'decided_not_proceed' },
    decided_proceed: {},
    decided_not_proceed: {},
  },
  reasonRequired: [],
};

export function nextStatus(from: ReferralStatus, event: ReferralEvent): ReferralStatus | undefined {
  return nextState(REFERRAL_WORKFLOW, from, event);
}

export function isDecided(status: ReferralStatus): boolean {
  return status === 'decided_proceed' || status === 'decided_not_proceed';
}

/**
 * Date rules for a referral; returns locale keys (errors namespace) by field. Dates are YYYY-MM-DD.
 * The incident cannot be in the future or after the referral was received; the referral cannot be
 * received in the future.
 */
export function referralDateProblems(d: { incidentOn: string; receivedOn: string; today: string }): Record<string, string> {
  const problems: Record<string, string> = {};
  if (d.receivedOn > d.today) problems.receivedOn = 'referral.receivedInFuture';
  if (d.incidentOn > d.today) problems.incidentOn = 'referral.incidentInFuture';
  else if (d.incidentOn > d.receivedOn) problems.incidentOn = 'referral.incidentAfterReceived';
  return problems;
}

/**
 * What the referral says about the harm must agree with itself: an incident of type "death" is a child who
 * has died, and a child who has died makes the incident a death (when a child dies later of an injury, the
 * referral is corrected to a death: frameworks/consistency.ts). Returns locale keys (errors namespace) by field.
 */
export function referralFactProblems(r: { incidentType: IncidentType; childIsDeceased: boolean }): Record<string, string> {
  if (r.incidentType === 'death' && !r.childIsDeceased) return { childIsDeceased: 'referral.deathButNotDeceased' };
  if (r.incidentType !== 'death' && r.childIsDeceased) return { childIsDeceased: 'referral.deceasedButNotDeath' };
  return {};
}

/**
 * Who made the referral: a person with an account (by id), or someone without one, named with an email
 * address to send the decision to. Giving both is ambiguous; giving neither means the person recording it.
 * Returns locale keys (errors namespace) by field.
 */
export function referrerProblems(r: { referrerPersonId: string | null; referrerName: string | null; referrerEmail: string | null }): Record<string, string> {
  const name = r.referrerName?.trim() || null;
  const email = r.referrerEmail?.trim() || null;
  if (r.referrerPersonId) return name || email ? { referrerPersonId: 'referral.referrerPersonOrDetails' } : {};
  if (!name && !email) return {};
  const problems: Record<string, string> = {};
  if (!name) problems.referrerName = 'referral.referrerNameRequired';
  if (!email) problems.referrerEmail = 'referral.referrerEmailRequired';
  else if (email.length > 320 || !EMAIL_ADDRESS.test(email)) problems.referrerEmail = 'email.invalid';
  return problems;
}

/**
 * England: the date the board (its local authority) became aware of the incident starts the 5 working days
 * to notify the Child Safeguarding Practice Review Panel (Children Act 2004 s.16C) and the rapid review. It
 * is on or after the incident, on or before the referral was received, and not in the future.
 */
export function awareOnProblems(d: { awareOn: string | null; incidentOn: string; receivedOn: string; today: string }): Record<string, string> {
  if (!d.awareOn) return { awareOn: 'referral.awareOnRequired' };
  if (d.awareOn > d.today) return { awareOn: 'referral.awareInFuture' };
  if (d.awareOn < d.incidentOn) return { awareOn: 'referral.awareBeforeIncident' };
  if (d.awareOn > d.receivedOn) return { awareOn: 'referral.awareAfterReceived' };
  return {};
}

/** The date the Panel was notified: on or after the board became aware, and not in the future. */
export function notifiedOnProblem(d: { notifiedOn: string; awareOn: string; today: string }): string | undefined {
  if (d.notifiedOn > d.today) return 'notification.inFuture';
  if (d.notifiedOn < d.awareOn) return 'notification.beforeAware';
  return undefined;
}

/**
 * Where a recommendation (or a decision) departs from what the management group's analysis indicated:
 * 'route' when the criteria are met and no statutory review is recommended, or not met and one is; 'type'
 * when a review's type differs from the type the analysis indicated. A 'may' (the board's discretion) or an
 * undetermined outcome indicates no route.
 */
export function departuresFromAnalysis(
  analysis: { outcome: string; reviewType: string | null },
  chosen: { route: LearningRoute; reviewType: string | null },
): ('route' | 'type')[] {
  const out: ('route' | 'type')[] = [];
  if ((analysis.outcome === 'must' && chosen.route !== 'review') || (analysis.outcome === 'not_met' && chosen.route === 'review')) out.push('route');
  if (chosen.route === 'review' && analysis.reviewType && chosen.reviewType && chosen.reviewType !== analysis.reviewType) out.push('type');
  return out;
}

/** A date period (on the child protection register, or looked after); open-ended when endOn is null. */
export interface DatePeriod {
  startOn: string;
  endOn: string | null;
}

export function periodProblems(p: DatePeriod, today: string): string | undefined {
  if (p.startOn > today) return 'period.startInFuture';
  if (p.endOn !== null && p.endOn < p.startOn) return 'period.endBeforeStart';
  return undefined;
}

/** A review's reference: the board's code, the year of the decision and a two-digit sequence (CYSUR/2026/03). */
export function reviewReference(boardCode: string, year: number, sequence: number): string {
  return `${boardCode}/${year}/${String(sequence).padStart(2, '0')}`;
}

/** Normalises a name for duplicate detection: case, accents, punctuation and spacing ignored. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * What duplicate detection compares: opaque keys standing for the child's normalised name and date of birth
 * (keyed blind indexes: equal values give equal keys, and the keys reveal nothing), and the incident.
 */
export interface DuplicateKeys {
  nameKey: string | null;
  dobKey: string | null;
  incidentOn: string;
  incidentType: IncidentType;
}

export interface DuplicateCandidate extends DuplicateKeys {
  referralId: string;
}

/**
 * Referrals that are probably about the same child (same name and date of birth, or date of birth or name
 * and the incident date) or the same incident (same incident date and type, within the board).
 */
export function likelyDuplicates(
  referral: DuplicateKeys,
  candidates: readonly DuplicateCandidate[],
): { referralId: string; reason: 'same_child' | 'same_incident' }[] {
  const out: { referralId: string; reason: 'same_child' | 'same_incident' }[] = [];
  for (const c of candidates) {
    const sameDob = referral.dobKey !== null && c.dobKey === referral.dobKey;
    const sameName = referral.nameKey !== null && c.nameKey === referral.nameKey;
    if ((sameName && sameDob) || (sameDob && c.incidentOn === referral.incidentOn) || (sameName && c.incidentOn === referral.incidentOn)) {
      out.push({ referralId: c.referralId, reason: 'same_child' });
    } else if (c.incidentOn === referral.incidentOn && c.incidentType === referral.incidentType) {
      out.push({ referralId: c.referralId, reason: 'same_incident' });
    }
  }
  return out;
}
