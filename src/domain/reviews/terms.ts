// A review's terms of reference (issue 10 item 3; DOMAIN.md §6.2, §2.3, §8.1 TermsOfReference, §8.3): the
// sections a version holds, what each may contain, the defaults a first draft starts from (the period under
// review from the framework, the agencies the referral named with the framework's form of contribution),
// what a version needs before the panel chair may approve it, and the word-level difference between two
// versions of a section (src/domain/reviews/section-versions.ts, shared with the review's report). Versions are numbered per review; an approved version is frozen and a change after
// approval makes the next version. Pure.
import { type IsoDate, isDateInRange, isIsoDate } from '../clock/dates.ts';
import { timerDate } from '../frameworks/timers.ts';
import type { Framework, FrameworkId } from '../frameworks/types.ts';
import { LIMITS } from '../limits.ts';
import type { Pseudonym } from '../pseudonyms.ts';

/** The sections of the terms of reference, in the document's order (DOMAIN.md §6.2). */
export const TERMS_SECTIONS = [
  'purpose',
  'subject',
  'period',
  'agencies',
  'enquiry',
  'methodology',
  'panel',
  'family',
  'parallel',
  'timescales',
  'publication',
  'expertise',
] as const;
export type TermsSection = (typeof TERMS_SECTIONS)[number];

/** Sections of free text. */
const TEXT_SECTIONS = ['purpose', 'methodology', 'panel', 'family', 'parallel', 'timescales', 'publication', 'expertise'] as const;
export type TextSection = (typeof TEXT_SECTIONS)[number];

/** Sections people edit: every one but the subject, which is the review's pseudonym (never a name), taken from its referral. */
export const EDITABLE_SECTIONS = TERMS_SECTIONS.filter((s) => s !== 'subject') as Exclude<TermsSection, 'subject'>[];
export type EditableSection = Exclude<TermsSection, 'subject'>;

/** Sections a version must have before it is approved (the others may stay empty: "not applicable"). */
export const REQUIRED_FOR_APPROVAL: readonly TermsSection[] = ['purpose', 'period', 'agencies', 'enquiry', 'methodology', 'panel', 'timescales'];

/** How an agency contributes (DOMAIN.md §6.2, §6.4): an individual management review, or its timeline of significant events. */
export const CONTRIBUTION_FORMS = ['imr', 'timeline'] as const;
export type ContributionForm = (typeof CONTRIBUTION_FORMS)[number];

export const TERMS_STATUSES = ['draft', 'approved'] as const;
export type TermsStatus = (typeof TERMS_STATUSES)[number];

export interface AgencyContribution {
  agencyId: string;
  form: ContributionForm;
  /** The agency's name as it was when the version was approved (an approved version says what it said then). */
  name?: { nameEn: string; nameCy: string };
}

export interface TermsContent {
  purpose: { text: string };
  subject: { pseudonym: Pseudonym };
  period: { startOn: IsoDate | null; endOn: IsoDate | null };
  agencies: { items: AgencyContribution[] };
  enquiry: { items: string[] };
  methodology: { text: string };
  panel: { text: string };
  family: { text: string };
  parallel: { text: string };
  timescales: { text: string };
  publication: { text: string };
  expertise: { text: string };
}

/** Longest text of a section, and of one line of enquiry; most lines of enquiry. */
export const TERMS_LIMITS = { text: LIMITS.reasoning, line: 1000, lines: LIMITS.listItems } as const;

export function isEditableSection(value: string): value is EditableSection {
  return (EDITABLE_SECTIONS as readonly string[]).includes(value);
}

export function isTextSection(value: string): value is TextSection {
  return (TEXT_SECTIONS as readonly string[]).includes(value);
}

/** The form of contribution a framework asks of agencies: an IMR under the 2006 SCR guidance, a timeline under the later ones. */
export function contributionFormFor(frameworkId: FrameworkId): ContributionForm {
  return frameworkId === 'SCR_2006' ? 'imr' : 'timeline';
}

/**
 * The period under review the framework sets (its `review_period` timer, DOMAIN.md §2.4, §8.4: a Child Practice
 * Review looks at the 12 months before the incident), ending the day of the incident; none where the framework
 * sets no period (the panel decides it).
 */
export function defaultPeriod(
  framework: Pick<Framework, 'timers' | 'calendarRegion'>,
  incidentOn: IsoDate,
): { startOn: IsoDate | null; endOn: IsoDate | null } {
  const timer = framework.timers.find((t) => t.id === 'review_period');
  if (!timer) return { startOn: null, endOn: null };
  return { startOn: timerDate(timer, incidentOn, framework.calendarRegion), endOn: incidentOn };
}

/** A first draft: the review's pseudonym, the framework's period, the referral's agencies with the framework's form; the rest empty. */
export function initialTerms(input: {
  framework: Pick<Framework, 'id' | 'timers' | 'calendarRegion'>;
  incidentOn: IsoDate;
  pseudonym: Pseudonym;
  agencyIds: readonly string[];
}): TermsContent {
  const form = contributionFormFor(input.framework.id);
  const empty = { text: '' };
  return {
    purpose: empty,
    subject: { pseudonym: input.pseudonym },
    period: defaultPeriod(input.framework, input.incidentOn),
    agencies: { items: input.agencyIds.map((agencyId) => ({ agencyId, form })) },
    enquiry: { items: [] },
    methodology: empty,
    panel: empty,
    family: empty,
    parallel: empty,
    timescales: empty,
    publication: empty,
    expertise: empty,
  };
}

/** Whether a section says anything. */
function sectionFilled(section: TermsSection, content: TermsContent): boolean {
  if (isTextSection(section)) return content[section].text.trim() !== '';
  switch (section) {
    case 'subject':
      return true;
    case 'period':
      return content.period.startOn !== null && content.period.endOn !== null;
    case 'agencies':
      return content.agencies.items.length > 0;
    case 'enquiry':
      return content.enquiry.items.length > 0;
  }
  return false;
}

/** The agencies section with each agency's name as it is now: what an approval keeps, so the approved version never changes. */
export function withAgencyNames(agencies: TermsContent['agencies'], names: ReadonlyMap<string, { nameEn: string; nameCy: string }>): TermsContent['agencies'] {
  return {
    items: agencies.items.map((i) => {
      const name = names.get(i.agencyId);
      return name ? { agencyId: i.agencyId, form: i.form, name: { nameEn: name.nameEn, nameCy: name.nameCy } } : i;
    }),
  };
}

/** What a version still needs before it may be approved: section → locale key (terms namespace). */
export function missingForApproval(content: TermsContent): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const section of REQUIRED_FOR_APPROVAL) if (!sectionFilled(section, content)) missing[section] = `terms:missing.${section}`;
  return missing;
}

export type SectionInput =
  | { section: TextSection; text: string }
  | { section: 'period'; startOn: string | null; endOn: string | null }
  | { section: 'agencies'; items: { agencyId: string; form: string }[] }
  | { section: 'enquiry'; items: string[] };

export type SectionResult<S extends EditableSection = EditableSection> =
  | { ok: true; section: S; value: TermsContent[S] }
  | { ok: false; errors: Record<string, string> };

/**
 * A section's new content checked against its rules: problems are field → locale key (terms namespace).
 * `agencyIds` are the agencies of the review's board (no other may be named).
 */
export function checkSection(input: SectionInput, agencyIds: readonly string[]): SectionResult {
  const errors: Record<string, string> = {};
  if (input.section === 'period') {
    const startOn = input.startOn?.trim() || null;
    const endOn = input.endOn?.trim() || null;
    if (!startOn) errors.startOn = 'terms:errors.startRequired';
    else if (!isIsoDate(startOn) || !isDateInRange(startOn)) errors.startOn = 'terms:errors.startInvalid';
    if (!endOn) errors.endOn = 'terms:errors.endRequired';
    else if (!isIsoDate(endOn) || !isDateInRange(endOn)) errors.endOn = 'terms:errors.endInvalid';
    if (Object.keys(errors).length === 0 && startOn && endOn && endOn < startOn) errors.endOn = 'terms:errors.endBeforeStart';
    return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, section: 'period', value: { startOn, endOn } };
  }
  if (input.section === 'agencies') {
    const seen = new Set<string>();
    const items: AgencyContribution[] = [];
    for (const item of input.items) {
      if (!agencyIds.includes(item.agencyId)) {
        errors.agencies = 'terms:errors.agencyUnknown';
        continue;
      }
      if (seen.has(item.agencyId)) continue;
      seen.add(item.agencyId);
      if (!(CONTRIBUTION_FORMS as readonly string[]).includes(item.form)) {
        errors[`form-${item.agencyId}`] = 'terms:errors.formRequired';
        continue;
      }
      items.push({ agencyId: item.agencyId, form: item.form as ContributionForm });
    }
    if (items.length === 0 && Object.keys(errors).length === 0) errors.agencies = 'terms:errors.agenciesRequired';
    // In the board's order of agencies, so a version's list does not change with the order they were ticked.
    items.sort((a, b) => agencyIds.indexOf(a.agencyId) - agencyIds.indexOf(b.agencyId));
    return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, section: 'agencies', value: { items } };
  }
  if (input.section === 'enquiry') {
    const items = input.items.map((i) => i.trim().replace(/\s+/g, ' ')).filter((i) => i !== '');
    if (items.length === 0) errors.enquiry = 'terms:errors.enquiryRequired';
    else if (items.length > TERMS_LIMITS.lines) errors.enquiry = 'terms:errors.enquiryTooMany';
    else if (items.some((i) => i.length > TERMS_LIMITS.line)) errors.enquiry = 'terms:errors.enquiryTooLong';
    return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, section: 'enquiry', value: { items } };
  }
  const text = input.text.trim();
  if (text === '') errors.text = 'terms:errors.textRequired';
  else if (text.length > TERMS_LIMITS.text) errors.text = 'terms:errors.textTooLong';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, section: input.section, value: { text } };
}
