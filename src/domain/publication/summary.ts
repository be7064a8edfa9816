// A review's executive summary for publication (issue 13 item 3; DOMAIN.md §1.5, §1.6, §7.3, §8.6 R10): its
// sections — the summary itself (introduction and process, the people involved by role, parallel processes,
// summary of events, key issues, learning, recommendations) and the board's statement of actions already taken,
// their impact and what more will be done —, with their English and Welsh titles and hints; the figures of the
// action plan the statement quotes (a snapshot frozen when a language version is approved); the request to a
// translator and its statuses; and the parity check between the two language versions. Each language has its
// own numbered versions through the shared versioned-sections rules (src/domain/reviews/section-versions.ts).
// Pure.
//
// Who approves (documented in docs and the permissions): the business unit, on the board's behalf, or the
// review's independent panel chair (summary.approve) — each language version separately; never an agency's
// contributor, never the author alone (they write it, someone else approves it).
//
// The parity check. English is the language the summary is written in and Welsh its translation (the
// translation request asks for the Welsh). Each section keeps the time of its last change (kept, like its
// revision, when a version is copied into the next). For each section:
// - missing: it says something in one language's latest version and nothing in the other's;
// - changed in English since the Welsh was approved: the English section's last change is after the approval
//   of the latest approved Welsh version (the Welsh needs translating again);
// - changed in Welsh since both were approved: once both languages have an approved version, a Welsh change
//   made after both approvals (an edit of the approved translation the English does not have).
// A Welsh section written after the English was approved is the translation itself, not a change: approving
// the Welsh version is its approver's check against the approved English (the parity check is shown beside it).
import type { ActionStatus } from '../actions/action.ts';
import { isSettled } from '../actions/action.ts';
import type { Rag } from '../actions/rag.ts';
import { type IsoDate, isDateInRange, isIsoDate } from '../clock/dates.ts';
import type { Language } from '../organisation.ts';
import { type Bilingual, checkSectionText } from '../reviews/report.ts';
import { EMAIL_ADDRESS } from '../text.ts';

export const SUMMARY_LANGUAGES = ['en', 'cy'] as const satisfies readonly Language[];

export function isSummaryLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'cy';
}

export interface SummarySectionSpec {
  id: string;
  title: Bilingual;
  hint: Bilingual;
  /** Part of the board's statement: the plan's figures are shown beside its editor. */
  statement?: true;
  /** Under SCR, the accepted overview report's executive-summary section an English first draft starts from. */
  fromReport?: string;
}

export const SUMMARY_SECTIONS: readonly SummarySectionSpec[] = [
  {
    id: 'introduction',
    title: { en: 'Introduction and process', cy: 'Cyflwyniad a’r broses' },
    hint: {
      en: 'Why the review was held, how it was carried out, and the extent of the family’s involvement.',
      cy: 'Pam y cynhaliwyd yr adolygiad, sut y cafodd ei gynnal, a faint y bu’r teulu’n rhan ohono.',
    },
    fromReport: 'summary_introduction',
  },
  {
    id: 'people',
    title: { en: 'People involved in the review', cy: 'Y bobl a fu’n rhan o’r adolygiad' },
    hint: {
      en: 'By role only: the board chair, the panel chair, the author or reviewers, and the panel members’ job titles and organisations.',
      cy: 'Yn ôl eu rôl yn unig: cadeirydd y bwrdd, cadeirydd y panel, yr awdur neu’r adolygwyr, a swyddi a sefydliadau aelodau’r panel.',
    },
  },
  {
    id: 'parallel_processes',
    title: { en: 'Parallel processes', cy: 'Prosesau cyfochrog' },
    hint: {
      en: 'Criminal proceedings, inquests and other reviews running alongside, and how the review took account of them.',
      cy: 'Achosion troseddol, cwestau ac adolygiadau eraill a oedd yn digwydd ar yr un pryd, a sut yr ystyriodd yr adolygiad nhw.',
    },
  },
  {
    id: 'events',
    title: { en: 'Summary of events', cy: 'Crynodeb o’r digwyddiadau' },
    hint: {
      en: 'A précis consistent with the chronology, anonymised, with no detailed case history.',
      cy: 'Crynodeb sy’n gyson â’r gronoleg, wedi’i ddienwi, heb hanes manwl yr achos.',
    },
    fromReport: 'summary_events',
  },
  {
    id: 'key_issues',
    title: { en: 'Key issues', cy: 'Materion allweddol' },
    hint: { en: 'Key decisions, themes and missed opportunities.', cy: 'Penderfyniadau allweddol, themâu a chyfleoedd a gollwyd.' },
    fromReport: 'summary_issues',
  },
  {
    id: 'learning',
    title: { en: 'Learning', cy: 'Dysgu' },
    hint: { en: 'Conclusions and the lessons for practice and organisations.', cy: 'Casgliadau a’r gwersi ar gyfer ymarfer a sefydliadau.' },
    fromReport: 'summary_learning',
  },
  {
    id: 'recommendations',
    title: { en: 'Recommendations', cy: 'Argymhellion' },
    hint: {
      en: 'The review’s recommendations and the board’s own, in brief (the action plan’s recommendations are shown beside the editor).',
      cy: 'Argymhellion yr adolygiad a rhai’r bwrdd ei hun, yn gryno (dangosir argymhellion y cynllun gweithredu wrth ymyl y golygydd).',
    },
  },
  {
    id: 'actions_taken',
    title: { en: 'The board’s statement: actions already taken', cy: 'Datganiad y bwrdd: camau gweithredu a gymerwyd eisoes' },
    hint: {
      en: 'What the board and its partners have already done, drawing on the action plan’s figures.',
      cy: 'Beth mae’r bwrdd a’i bartneriaid wedi’i wneud eisoes, gan ddefnyddio ffigurau’r cynllun gweithredu.',
    },
    statement: true,
  },
  {
    id: 'impact',
    title: { en: 'The board’s statement: their impact', cy: 'Datganiad y bwrdd: eu heffaith' },
    hint: {
      en: 'The difference the actions have made, and the evidence of it.',
      cy: 'Y gwahaniaeth mae’r camau gweithredu wedi’i wneud, a’r dystiolaeth o hynny.',
    },
    statement: true,
  },
  {
    id: 'further_actions',
    title: { en: 'The board’s statement: what more will be done', cy: 'Datganiad y bwrdd: beth arall a wneir' },
    hint: {
      en: 'The actions still open, and when the board expects them to be complete.',
      cy: 'Y camau gweithredu sy’n dal ar agor, a phryd mae’r bwrdd yn disgwyl iddyn nhw gael eu cwblhau.',
    },
    statement: true,
  },
];

export const SUMMARY_SECTION_IDS: readonly string[] = SUMMARY_SECTIONS.map((s) => s.id);

export function summarySection(id: string): SummarySectionSpec | undefined {
  return SUMMARY_SECTIONS.find((s) => s.id === id);
}

/** A language version is a draft while edited, approved (frozen) once approved: a change then makes the next version. */
export const SUMMARY_STATUSES = ['draft', 'approved'] as const;
export type SummaryStatus = (typeof SUMMARY_STATUSES)[number];

/** A version's sections: section id → its text. */
export type SummaryContent = Record<string, { text: string }>;

/** An empty first draft; under SCR the English one may start from the accepted overview report's summary sections. */
export function initialSummary(fromReport?: Readonly<Record<string, { text: string }>>): SummaryContent {
  return Object.fromEntries(SUMMARY_SECTIONS.map((s) => [s.id, { text: (s.fromReport && fromReport?.[s.fromReport]?.text) || '' }]));
}

/** A section's new text checked (the report's text rule: one rule for the sections of a review's documents). */
export function checkSummaryText(text: string): { ok: true; text: string } | { ok: false; errors: Record<string, string> } {
  const checked = checkSectionText(text);
  return checked.ok ? checked : { ok: false, errors: { text: 'summary:errors.textTooLong' } };
}

/** What a language version needs before it is approved: every section says something (field → locale key). */
export function missingForApproval(content: SummaryContent): Record<string, string> {
  const missing = SUMMARY_SECTIONS.filter((s) => (content[s.id]?.text ?? '').trim() === '');
  return missing.length > 0 ? { form: 'summary:errors.incomplete' } : {};
}

// ---- The action plan's figures the board's statement quotes -----------------------------------------------

/** The action plan's figures as the statement quotes them (the progress report's tally of the review). */
export interface SummaryFigures {
  /** The day the figures are of. */
  asOn: IsoDate;
  total: number;
  statuses: Record<ActionStatus, number>;
  rags: Record<Rag, number>;
  overdue: number;
  /** Completed: settled actions (complete, verified, impact evidenced, sustained, closed). */
  completed: number;
  /** Impact evidenced since the plan was accepted. */
  impact: number;
  verified: number;
  /** The plan's recommendations (the review's and the board's own), in order. */
  recommendations: { number: number; text: string; source: 'report' | 'board' }[];
}

/** The completed count of a tally's statuses (the action rules' "settled"). */
export function completedOf(statuses: Readonly<Record<string, number>>): number {
  return Object.entries(statuses).reduce((n, [status, count]) => n + (isSettled(status) ? count : 0), 0);
}

// ---- The translation request ---------------------------------------------------------------------------

export const TRANSLATION_STATUSES = ['requested', 'in_progress', 'returned', 'cancelled'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

export function isTranslationStatus(value: unknown): value is TranslationStatus {
  return typeof value === 'string' && (TRANSLATION_STATUSES as readonly string[]).includes(value);
}

/** Where a request may go from each status (a returned or cancelled request is finished: a new one is asked for). */
export const TRANSLATION_MOVES: Record<TranslationStatus, readonly TranslationStatus[]> = {
  requested: ['in_progress', 'returned', 'cancelled'],
  in_progress: ['returned', 'cancelled'],
  returned: [],
  cancelled: [],
};

export const TRANSLATION_LIMITS = { name: 200, email: 320, note: 2000 } as const;

export interface TranslationInput {
  translatorName: string;
  /** The translator's email, or '' when an agency of the board translates. */
  translatorEmail: string;
  /** An agency of the board that translates (its translation unit), or ''. */
  agencyId: string;
  dueOn: string;
  note: string;
}

export interface CheckedTranslation {
  translatorName: string;
  translatorEmail: string | null;
  agencyId: string | null;
  dueOn: IsoDate;
  note: string | null;
}

/**
 * A translation request checked (field → locale key): a named translator, an email or an agency of the board
 * (`agencyIds`), a due date not before today.
 */
export function checkTranslation(
  input: TranslationInput,
  agencyIds: readonly string[],
  today: IsoDate,
): { ok: true; value: CheckedTranslation } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = input.translatorName.trim();
  const email = input.translatorEmail.trim();
  const agencyId = input.agencyId.trim();
  const note = input.note.replace(/\r\n/g, '\n').trim();
  if (name === '') errors.translatorName = 'summary:errors.translatorNameRequired';
  else if (name.length > TRANSLATION_LIMITS.name) errors.translatorName = 'summary:errors.translatorNameTooLong';
  if (email !== '' && (email.length > TRANSLATION_LIMITS.email || !EMAIL_ADDRESS.test(email))) errors.translatorEmail = 'summary:errors.translatorEmailInvalid';
  if (agencyId !== '' && !agencyIds.includes(agencyId)) errors.agencyId = 'summary:errors.agencyUnknown';
  if (email === '' && agencyId === '' && !errors.translatorEmail) errors.translatorEmail = 'summary:errors.translatorContactRequired';
  if (!isIsoDate(input.dueOn) || !isDateInRange(input.dueOn)) errors.dueOn = 'summary:errors.dueOnInvalid';
  else if (input.dueOn < today) errors.dueOn = 'summary:errors.dueOnPast';
  if (note.length > TRANSLATION_LIMITS.note) errors.note = 'summary:errors.noteTooLong';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { translatorName: name, translatorEmail: email || null, agencyId: agencyId || null, dueOn: input.dueOn as IsoDate, note: note || null },
  };
}

// ---- The parity check -------------------------------------------------------------------------------------

/** One language's side of the check: its latest version's sections (with when each last changed) and its latest approval. */
export interface ParitySide {
  sections: Readonly<Record<string, { text: string; changedAt: string | null }>> | null;
  approvedAt: string | null;
}

export type ParityFinding =
  | { section: string; kind: 'missing'; language: Language }
  | { section: string; kind: 'changed'; language: Language; since: Language };

/** The sections out of step between the English and the Welsh (see the rule at the top of this file), in section order. */
export function parityCheck(en: ParitySide, cy: ParitySide): ParityFinding[] {
  const findings: ParityFinding[] = [];
  const has = (side: ParitySide, id: string) => (side.sections?.[id]?.text ?? '').trim() !== '';
  const changed = (side: ParitySide, id: string) => side.sections?.[id]?.changedAt ?? null;
  for (const { id } of SUMMARY_SECTIONS) {
    const inEn = has(en, id);
    const inCy = has(cy, id);
    if (inEn && !inCy) findings.push({ section: id, kind: 'missing', language: 'cy' });
    if (inCy && !inEn) findings.push({ section: id, kind: 'missing', language: 'en' });
    const enChanged = changed(en, id);
    if (cy.approvedAt && enChanged && enChanged > cy.approvedAt) findings.push({ section: id, kind: 'changed', language: 'en', since: 'cy' });
    const cyChanged = changed(cy, id);
    if (en.approvedAt && cy.approvedAt && cyChanged && cyChanged > en.approvedAt && cyChanged > cy.approvedAt)
      findings.push({ section: id, kind: 'changed', language: 'cy', since: 'en' });
  }
  return findings;
}
