// A review's report (issue 10 item 10; DOMAIN.md §1.2, §1.5, §2.3, §2.5, §8.2, §8.6 R4): the sections each
// framework's report holds — under the 2006 SCR guidance the overview report and its executive summary
// (§1.5), under the Child Practice Review and the SUSR the reviewers' report (§2.5) — as data with their
// English and Welsh titles; the statuses a version goes through (a draft the author edits, submitted for the
// panel's QA, QA signed off by the panel chair, accepted by the board chair); the rules of a section's text and
// of a review recommendation; and R4, what board acceptance is refused for. Versions, the stale-save check
// and the difference between versions are the shared ones (./section-versions.ts). Pure.
//
// "Review recommendations" are the report's recommendations (each a step, the agency or person responsible and
// the date by which, reg 4(4)(b)(ii)): never just "recommendations", which is the management group's
// recommendation to the chair.
import { type IsoDate, isDateInRange, isIsoDate } from '../clock/dates.ts';
import type { FrameworkId } from '../frameworks/types.ts';
import { LIMITS } from '../limits.ts';

export interface Bilingual {
  en: string;
  cy: string;
}

export interface ReportSectionSpec {
  id: string;
  /** The report itself, or (SCR) its executive summary. */
  part: 'report' | 'summary';
  title: Bilingual;
  hint: Bilingual;
  /** Where the learning identified at the practitioners' learning event is shown beside the editor (CPR, SUSR). */
  learningEvent?: true;
}

/** The section holding the review recommendations' narrative (R4: it must say something before acceptance). */
export const RECOMMENDATIONS_SECTION = 'review_recommendations';

/** SCR (2006): the overview report and the executive summary (DOMAIN.md §1.5, S59, S58). */
export const OVERVIEW_REPORT_SECTIONS: readonly ReportSectionSpec[] = [
  {
    id: 'process',
    part: 'report',
    title: { en: 'Terms of reference and process', cy: 'Cylch gorchwyl a’r broses' },
    hint: {
      en: 'Why the review was held, its terms of reference and how it was done.',
      cy: 'Pam y cynhaliwyd yr adolygiad, ei gylch gorchwyl a sut y cafodd ei wneud.',
    },
  },
  {
    id: 'child_family',
    part: 'report',
    title: { en: 'The child and family', cy: 'Y plentyn a’r teulu' },
    hint: {
      en: 'Context, key events and the family’s information. Refer to people by their codes only.',
      cy: 'Cyd-destun, digwyddiadau allweddol a gwybodaeth y teulu. Cyfeiriwch at bobl drwy eu codau yn unig.',
    },
  },
  {
    id: 'analysis',
    part: 'report',
    title: { en: 'Analysis of services and themes', cy: 'Dadansoddiad o’r gwasanaethau a’r themâu' },
    hint: { en: 'What agencies did, and why, drawn from their reports.', cy: 'Beth wnaeth yr asiantaethau, a pham, o’u hadroddiadau.' },
  },
  {
    id: 'conclusions',
    part: 'report',
    title: { en: 'Conclusions', cy: 'Casgliadau' },
    hint: { en: 'What the review concludes.', cy: 'Beth yw casgliadau’r adolygiad.' },
  },
  {
    id: 'lessons',
    part: 'report',
    title: { en: 'Lessons and implementation', cy: 'Gwersi a’u rhoi ar waith' },
    hint: { en: 'The lessons learned and how they will be put into practice.', cy: 'Y gwersi a ddysgwyd a sut y cân nhw eu rhoi ar waith.' },
  },
  {
    id: RECOMMENDATIONS_SECTION,
    part: 'report',
    title: { en: 'Review recommendations', cy: 'Argymhellion yr adolygiad' },
    hint: {
      en: 'The steps that might prevent a similar death or harm. List each one as a review recommendation with who will do it and by when.',
      cy: 'Y camau a allai atal marwolaeth neu niwed tebyg. Rhestrwch bob un fel argymhelliad yr adolygiad gyda phwy fydd yn ei wneud ac erbyn pryd.',
    },
  },
  {
    id: 'board_recommendations',
    part: 'report',
    title: { en: 'The board’s recommendations', cy: 'Argymhellion y bwrdd' },
    hint: { en: 'The board’s own recommendations, kept apart from the author’s.', cy: 'Argymhellion y bwrdd ei hun, ar wahân i rai’r awdur.' },
  },
  {
    id: 'appendices',
    part: 'report',
    title: { en: 'Appendices', cy: 'Atodiadau' },
    hint: {
      en: 'Panel membership, agencies’ participation, bibliography and acronyms.',
      cy: 'Aelodau’r panel, cyfraniad yr asiantaethau, llyfryddiaeth ac acronymau.',
    },
  },
  {
    id: 'summary_introduction',
    part: 'summary',
    title: { en: 'Executive summary: introduction', cy: 'Crynodeb gweithredol: cyflwyniad' },
    hint: {
      en: 'Why the review was held, the process, parallel processes such as criminal proceedings, and the extent of family involvement.',
      cy: 'Pam y cynhaliwyd yr adolygiad, y broses, prosesau cyfochrog fel achosion troseddol, a faint y bu’r teulu’n rhan ohono.',
    },
  },
  {
    id: 'summary_events',
    part: 'summary',
    title: { en: 'Executive summary: summary of events', cy: 'Crynodeb gweithredol: crynodeb o’r digwyddiadau' },
    hint: {
      en: 'A précis consistent with the chronology, anonymised, with no detailed case history.',
      cy: 'Crynodeb sy’n gyson â’r gronoleg, wedi’i ddienwi, heb hanes manwl yr achos.',
    },
  },
  {
    id: 'summary_issues',
    part: 'summary',
    title: { en: 'Executive summary: key issues and themes', cy: 'Crynodeb gweithredol: materion a themâu allweddol' },
    hint: { en: 'Key decisions and missed opportunities.', cy: 'Penderfyniadau allweddol a chyfleoedd a gollwyd.' },
  },
  {
    id: 'summary_learning',
    part: 'summary',
    title: { en: 'Executive summary: priorities for learning and change', cy: 'Crynodeb gweithredol: blaenoriaethau ar gyfer dysgu a newid' },
    hint: { en: 'Conclusions, lessons and review recommendations in brief.', cy: 'Casgliadau, gwersi ac argymhellion yr adolygiad yn gryno.' },
  },
];

/** CPR and SUSR (and England's CSPR): the reviewers' report (DOMAIN.md §2.3 step 7, §2.5, §3.2 step 8). */
export const REVIEWER_REPORT_SECTIONS: readonly ReportSectionSpec[] = [
  {
    id: 'circumstances',
    part: 'report',
    title: { en: 'Brief outline of circumstances', cy: 'Amlinelliad byr o’r amgylchiadau' },
    hint: {
      en: 'What happened, anonymised. Refer to people by their codes only.',
      cy: 'Beth ddigwyddodd, wedi’i ddienwi. Cyfeiriwch at bobl drwy eu codau yn unig.',
    },
  },
  {
    id: 'learning',
    part: 'report',
    title: { en: 'Practice and organisational learning', cy: 'Dysgu o ran ymarfer a threfniadaeth' },
    hint: {
      en: 'The learning identified, including at the practitioners’ learning event.',
      cy: 'Y dysgu a nodwyd, gan gynnwys yn y digwyddiad dysgu i ymarferwyr.',
    },
    learningEvent: true,
  },
  {
    id: 'good_practice',
    part: 'report',
    title: { en: 'Good practice', cy: 'Arfer da' },
    hint: { en: 'What went well and should be kept.', cy: 'Beth aeth yn dda ac y dylid ei gadw.' },
  },
  {
    id: RECOMMENDATIONS_SECTION,
    part: 'report',
    title: { en: 'Improving systems and practice: review recommendations', cy: 'Gwella systemau ac ymarfer: argymhellion yr adolygiad' },
    hint: {
      en: 'Why each review recommendation is made. List each one with who will do it and by when.',
      cy: 'Pam y gwneir pob argymhelliad yr adolygiad. Rhestrwch bob un gyda phwy fydd yn ei wneud ac erbyn pryd.',
    },
  },
  {
    id: 'reviewer_statement',
    part: 'report',
    title: { en: 'Statement by the reviewers', cy: 'Datganiad gan yr adolygwyr' },
    hint: {
      en: 'The reviewers’ statement of independence and how they worked.',
      cy: 'Datganiad yr adolygwyr am eu hannibyniaeth a sut y buon nhw’n gweithio.',
    },
  },
  {
    id: 'panel_chair_statement',
    part: 'report',
    title: { en: 'Statement by the panel chair', cy: 'Datganiad gan gadeirydd y panel' },
    hint: { en: 'The panel chair’s statement on the review.', cy: 'Datganiad cadeirydd y panel am yr adolygiad.' },
  },
  {
    id: 'appendices',
    part: 'report',
    title: { en: 'Appendices', cy: 'Atodiadau' },
    hint: { en: 'Terms of reference and the summary timeline.', cy: 'Y cylch gorchwyl a’r llinell amser gryno.' },
  },
];

export type ReportKind = 'overview' | 'reviewer';

/** The kind of report a framework asks for: the overview report (SCR) or the reviewers' report. */
export function reportKindFor(frameworkId: FrameworkId): ReportKind {
  return frameworkId === 'SCR_2006' ? 'overview' : 'reviewer';
}

export function reportSections(frameworkId: FrameworkId): readonly ReportSectionSpec[] {
  return reportKindFor(frameworkId) === 'overview' ? OVERVIEW_REPORT_SECTIONS : REVIEWER_REPORT_SECTIONS;
}

export function reportSection(frameworkId: FrameworkId, id: string): ReportSectionSpec | undefined {
  return reportSections(frameworkId).find((s) => s.id === id);
}

/** A report's name. */
export const REPORT_TITLES: Record<ReportKind, Bilingual> = {
  overview: { en: 'Overview report and executive summary', cy: 'Adroddiad trosolwg a chrynodeb gweithredol' },
  reviewer: { en: 'Reviewers’ report', cy: 'Adroddiad yr adolygwyr' },
};

/**
 * A version's life: a draft (the author edits it), submitted for the panel's QA (frozen: a change makes the
 * next version), QA signed off by the panel chair, accepted by the board chair.
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'qa_signed_off', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A version's sections: section id → its text. */
export type ReportContent = Record<string, { text: string }>;

export const REPORT_LIMITS = { text: LIMITS.reasoning * 5, comment: LIMITS.reasoning, recommendation: 4000, responsible: 200 } as const;

/** An empty first draft of the framework's sections. */
export function initialReport(frameworkId: FrameworkId): ReportContent {
  return Object.fromEntries(reportSections(frameworkId).map((s) => [s.id, { text: '' }]));
}

/** A section's new text checked: field → locale key (report namespace). An empty section is allowed while drafting. */
export function checkSectionText(text: string): { ok: true; text: string } | { ok: false; errors: Record<string, string> } {
  const trimmed = text.replace(/\r\n/g, '\n').trim();
  if (trimmed.length > REPORT_LIMITS.text) return { ok: false, errors: { text: 'report:errors.textTooLong' } };
  return { ok: true, text: trimmed };
}

/** What a version needs before it is submitted for QA: at least one section with something in it. */
export function missingForSubmission(content: ReportContent): Record<string, string> {
  return Object.values(content).some((s) => s.text.trim() !== '') ? {} : { form: 'report:errors.emptyReport' };
}

export function checkComment(text: string): { ok: true; text: string } | { ok: false; errors: Record<string, string> } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, errors: { comment: 'report:errors.commentRequired' } };
  if (trimmed.length > REPORT_LIMITS.comment) return { ok: false, errors: { comment: 'report:errors.commentTooLong' } };
  return { ok: true, text: trimmed };
}

// ---- Review recommendations ---------------------------------------------------------------------------------

export interface RecommendationInput {
  text: string;
  /** An agency of the board (or none). */
  agencyId: string | null;
  /** A person responsible (or none). */
  personId: string | null;
  /** Name or role of the person responsible, as text (or none). */
  responsible: string | null;
  targetOn: string | null;
}

export interface CheckedRecommendation {
  text: string;
  agencyId: string | null;
  personId: string | null;
  responsible: string | null;
  targetOn: IsoDate | null;
}

/**
 * A review recommendation as saved (while drafting its owner or date may still be missing: R4 refuses the
 * board's acceptance then, not the draft): field → locale key (report namespace).
 */
export function checkRecommendation(
  input: RecommendationInput,
  known: { agencyIds: readonly string[]; personIds: readonly string[] },
): { ok: true; value: CheckedRecommendation } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const text = input.text.trim();
  if (text === '') errors.text = 'report:errors.recommendationRequired';
  else if (text.length > REPORT_LIMITS.recommendation) errors.text = 'report:errors.recommendationTooLong';
  const agencyId = input.agencyId?.trim() || null;
  if (agencyId && !known.agencyIds.includes(agencyId)) errors.agencyId = 'report:errors.agencyUnknown';
  const personId = input.personId?.trim() || null;
  if (personId && !known.personIds.includes(personId)) errors.personId = 'report:errors.personUnknown';
  const responsible = input.responsible?.trim().replace(/\s+/g, ' ') || null;
  if (responsible && responsible.length > REPORT_LIMITS.responsible) errors.responsible = 'report:errors.responsibleTooLong';
  const targetOn = input.targetOn?.trim() || null;
  if (targetOn && (!isIsoDate(targetOn) || !isDateInRange(targetOn))) errors.targetOn = 'report:errors.targetInvalid';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { text, agencyId, personId, responsible, targetOn: targetOn as IsoDate | null } };
}

export interface RecommendationFacts {
  number: number;
  agencyId: string | null;
  personId: string | null;
  responsible: string | null;
  targetOn: string | null;
}

export type R4Reason = 'noRecommendationsSection' | 'noTargetDate' | 'noResponsible';

export interface R4Refusal {
  reason: R4Reason;
  /** The review recommendation's number (none for the section). */
  number: number | null;
}

/**
 * R4 (reg 4(4)(b)(ii)): the board may accept the report only when its review recommendations section says
 * something and every review recommendation has a target date and a responsible agency or person. Every
 * reason is given, in order.
 */
export function r4Refusals(content: ReportContent, recommendations: readonly RecommendationFacts[]): R4Refusal[] {
  const refusals: R4Refusal[] = [];
  if ((content[RECOMMENDATIONS_SECTION]?.text ?? '').trim() === '') refusals.push({ reason: 'noRecommendationsSection', number: null });
  for (const r of [...recommendations].sort((a, b) => a.number - b.number)) {
    if (!r.targetOn) refusals.push({ reason: 'noTargetDate', number: r.number });
    if (!r.agencyId && !r.personId && !r.responsible) refusals.push({ reason: 'noResponsible', number: r.number });
  }
  return refusals;
}

/** R4's refusals as field errors (field → locale key, report namespace): one a reason. */
export function r4FieldErrors(refusals: readonly R4Refusal[]): Record<string, string> {
  return Object.fromEntries(refusals.map((r) => [r.number === null ? 'r4-section' : `r4-${r.number}-${r.reason}`, `report:r4.${r.reason}`]));
}
