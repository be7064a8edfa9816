// The panel of a review and the independence of its independent roles (issue 10 item 2; DOMAIN.md §1.3,
// §2.2, §3.2, §8.6 R3): who nominates and who appoints the panel chair and the author or reviewers under each
// framework, how many places there are, what refuses an appointment (employed by an involved agency, a
// declared conflict, no declaration, not on the Welsh Government's approved list where the framework needs
// it), what only warns (a dated engagement with an involved agency in the last five years), and how the
// register is filtered. Pure.
import { addCalendar, type IsoDate } from '../clock/dates.ts';
import type { FrameworkId } from '../frameworks/types.ts';

/** The independent roles, as the review roles they become: the panel chair, and the author (SCR) or reviewers (CPR, SUSR, CSPR). */
export const INDEPENDENT_ROLES = ['panel_chair', 'author'] as const;
export type IndependentRole = (typeof INDEPENDENT_ROLES)[number];

export function isIndependentRole(value: string): value is IndependentRole {
  return (INDEPENDENT_ROLES as readonly string[]).includes(value);
}

/**
 * Who takes a step: `panel` — the review panel, acting through its independent chair (the panel_chair review
 * role, permission panel.act) or through the business unit recording the panel's decision on its behalf
 * (panel.manage); `business_unit` — the board's business unit only (panel.manage).
 */
export type StepActor = 'panel' | 'business_unit';

export interface AppointmentRule {
  nominatedBy: StepActor;
  appointedBy: StepActor;
  /** SUSR: chair and reviewers come from the list the Welsh Government keeps. */
  approvedListOnly: boolean;
  /** How many may hold the role at once. */
  places: number;
  /** What the role is called under this framework (locale key suffix): chair, author or reviewer. */
  title: 'chair' | 'author' | 'reviewer';
}

/** The chair is the board's to commission under every framework (the business unit nominates and appoints). */
const CHAIR: AppointmentRule = { nominatedBy: 'business_unit', appointedBy: 'business_unit', approvedListOnly: false, places: 1, title: 'chair' };

/**
 * The steps of each independent role under the framework (review type: concise or extended, for a CPR):
 * SCR — the panel nominates the author and the business unit appoints (the founding FAQ, §1.3); CPR — the
 * panel appoints the reviewers, one for a concise review and two for an extended one (§2.2); SUSR — chair
 * and reviewers from the Welsh Government's approved list (§3.2); CSPR (England) — commissioned by the
 * safeguarding partners, recorded by the business unit.
 */
export function appointmentRule(frameworkId: FrameworkId, reviewType: string | null, role: IndependentRole): AppointmentRule {
  switch (frameworkId) {
    case 'SCR_2006':
      return role === 'panel_chair' ? CHAIR : { nominatedBy: 'panel', appointedBy: 'business_unit', approvedListOnly: false, places: 1, title: 'author' };
    case 'CPR_2013':
    case 'CPR_2016':
      return role === 'panel_chair'
        ? CHAIR
        : { nominatedBy: 'panel', appointedBy: 'panel', approvedListOnly: false, places: reviewType === 'extended' ? 2 : 1, title: 'reviewer' };
    case 'SUSR_2024':
      return role === 'panel_chair'
        ? { ...CHAIR, approvedListOnly: true }
        : { nominatedBy: 'business_unit', appointedBy: 'business_unit', approvedListOnly: true, places: 2, title: 'reviewer' };
    case 'CSPR_2018':
      return role === 'panel_chair'
        ? CHAIR
        : { nominatedBy: 'business_unit', appointedBy: 'business_unit', approvedListOnly: false, places: 1, title: 'reviewer' };
  }
}

/** What a candidate declares (R3): independent of the involved agencies, of the case and of the child, and any conflicts. */
export interface Declaration {
  independentOfAgencies: boolean;
  independentOfCase: boolean;
  independentOfChild: boolean;
  /** Conflicts of interest the candidate lists (empty: none). */
  conflicts: string;
}

/** A declaration that declares independence of all three, with no conflict listed. */
export function declaresIndependence(d: Declaration): boolean {
  return d.independentOfAgencies && d.independentOfCase && d.independentOfChild && d.conflicts.trim() === '';
}

export interface AppointmentCheck {
  rule: AppointmentRule;
  /** The candidate's latest declaration for this nomination; undefined when none has been made. */
  declaration: Declaration | undefined;
  /** The agencies the candidate is employed by (the register's employer, the account's agency). */
  employerAgencyIds: readonly (string | null)[];
  /** The review's involved agencies (its referral's agencies). */
  involvedAgencyIds: readonly string[];
  wgApproved: boolean;
}

/**
 * Why the appointment is refused, field → locale key (errors namespace), empty when it may go ahead. Every
 * reason is given, so the page shows them all at once.
 */
export function appointmentRefusals(c: AppointmentCheck): Record<string, string> {
  const refusals: Record<string, string> = {};
  if (c.employerAgencyIds.some((a) => a !== null && c.involvedAgencyIds.includes(a))) refusals.employer = 'panel.employedByInvolvedAgency';
  if (c.rule.approvedListOnly && !c.wgApproved) refusals.approvedList = 'panel.notOnApprovedList';
  if (!c.declaration) refusals.declaration = 'panel.notDeclared';
  else if (!declaresIndependence(c.declaration)) refusals.declaration = 'panel.declaredConflict';
  return refusals;
}

/** A dated engagement of a register entry with an agency: what they did for it, from when to when (null: still). */
export interface Engagement {
  agencyId: string;
  fromOn: IsoDate;
  toOn: IsoDate | null;
}

export const ENGAGEMENT_LOOKBACK_YEARS = 5;

/**
 * The engagements with an involved agency that ran at some time in the last five years (to today): each
 * one a warning shown where the candidate is picked; it does not refuse the appointment by itself.
 */
export function engagementWarnings<E extends Engagement>(engagements: readonly E[], involvedAgencyIds: readonly string[], today: IsoDate): E[] {
  const since = addCalendar(today, { months: -12 * ENGAGEMENT_LOOKBACK_YEARS });
  return engagements.filter((e) => involvedAgencyIds.includes(e.agencyId) && (e.toOn === null || e.toOn >= since) && e.fromOn <= today);
}

export const AVAILABILITIES = ['available', 'limited', 'unavailable'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export function isAvailability(value: string): value is Availability {
  return (AVAILABILITIES as readonly string[]).includes(value);
}

/** Specialisms as given: split on commas and new lines, trimmed, empty ones dropped, each once (case-insensitively). */
export function specialismList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of text.split(/[,\n]/)) {
    const item = s.trim();
    if (item && !seen.has(item.toLowerCase())) {
      seen.add(item.toLowerCase());
      out.push(item);
    }
  }
  return out;
}

export interface RegisterFilter {
  availability?: Availability | undefined;
  language?: 'en' | 'cy' | undefined;
  /** Matches an entry with a specialism containing it (case-insensitively). */
  specialism?: string | undefined;
  /** Only entries on the Welsh Government's approved list. */
  approvedOnly?: boolean | undefined;
}

export interface RegisterFacts {
  availability: string;
  languages: readonly string[];
  specialisms: readonly string[];
  wgApproved: boolean;
}

/** Whether a register entry matches the filter (every criterion given). */
export function matchesRegisterFilter(e: RegisterFacts, f: RegisterFilter): boolean {
  if (f.availability && e.availability !== f.availability) return false;
  if (f.language && !e.languages.includes(f.language)) return false;
  if (f.approvedOnly && !e.wgApproved) return false;
  const wanted = f.specialism?.trim().toLowerCase();
  if (wanted && !e.specialisms.some((s) => s.toLowerCase().includes(wanted))) return false;
  return true;
}
