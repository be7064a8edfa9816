// The anonymisation check's rules (issue 13 item 2; DOMAIN.md §6.7, §8.6 R7): the judicial checklist of personal
// and geographical indicators (S66, Brophy 2016: names, dates, places, ethnicity, schools, rare facts, and
// descriptions of sexual abuse kept general), each item in English and Welsh and answered "checked" or "not
// applicable" with an optional note; the rule of a finding's acceptance (a reason); the fold of a finding's
// neighbourhood its fingerprint is made from; and `approvalProblems`, what information governance's approval
// is refused for — one rule for pages and API. Pure.
import type { Bilingual } from '../reviews/report.ts';
import { foldText } from '../text.ts';
import type { FindingKind } from './findings.ts';

export const CHECKLIST_GROUPS = ['personal', 'geographical', 'abuse'] as const;
export type ChecklistGroup = (typeof CHECKLIST_GROUPS)[number];

export interface ChecklistItem {
  id: string;
  group: ChecklistGroup;
  text: Bilingual;
}

/** The judicial checklist (S66), in the order it is worked through. */
export const CHECKLIST: readonly ChecklistItem[] = [
  {
    id: 'names',
    group: 'personal',
    text: {
      en: 'Names of the child, family members, carers and others involved (first names and surnames)',
      cy: 'Enwau’r plentyn, aelodau o’r teulu, gofalwyr ac eraill dan sylw (enwau cyntaf a chyfenwau)',
    },
  },
  { id: 'nicknames', group: 'personal', text: { en: 'Nicknames and pet names', cy: 'Llysenwau ac enwau anwes' } },
  {
    id: 'dates_of_birth',
    group: 'personal',
    text: { en: 'Dates of birth, and ages given alongside dates', cy: 'Dyddiadau geni, ac oedrannau a roddir ochr yn ochr â dyddiadau' },
  },
  {
    id: 'ethnicity_religion_language',
    group: 'personal',
    text: {
      en: 'Ethnicity, religion or language where it narrows who the family could be',
      cy: 'Ethnigrwydd, crefydd neu iaith lle mae’n culhau pwy allai’r teulu fod',
    },
  },
  { id: 'medical', group: 'personal', text: { en: 'Rare medical conditions or disabilities', cy: 'Cyflyrau meddygol neu anableddau prin' } },
  { id: 'schools', group: 'personal', text: { en: 'Schools, nurseries and colleges', cy: 'Ysgolion, meithrinfeydd a cholegau' } },
  {
    id: 'occupations',
    group: 'personal',
    text: { en: 'Parents’ or carers’ occupations and employers', cy: 'Galwedigaethau a chyflogwyr y rhieni neu’r gofalwyr' },
  },
  {
    id: 'family_facts',
    group: 'personal',
    text: {
      en: 'Distinctive family facts (an unusual family make-up, notable events, a public role)',
      cy: 'Ffeithiau nodedig am y teulu (teulu o wneuthuriad anarferol, digwyddiadau nodedig, rôl gyhoeddus)',
    },
  },
  { id: 'siblings', group: 'personal', text: { en: 'The number and ages of siblings', cy: 'Nifer ac oedrannau’r brodyr a’r chwiorydd' } },
  { id: 'towns', group: 'geographical', text: { en: 'Towns, villages and neighbourhoods', cy: 'Trefi, pentrefi a chymdogaethau' } },
  { id: 'streets', group: 'geographical', text: { en: 'Streets, addresses and postcodes', cy: 'Strydoedd, cyfeiriadau a chodau post' } },
  { id: 'landmarks', group: 'geographical', text: { en: 'Landmarks and distinctive local features', cy: 'Tirnodau a nodweddion lleol nodedig' } },
  {
    id: 'hospitals',
    group: 'geographical',
    text: { en: 'Hospitals, surgeries and other health settings', cy: 'Ysbytai, meddygfeydd a lleoliadau iechyd eraill' },
  },
  {
    id: 'local_services',
    group: 'geographical',
    text: {
      en: 'Local services or agencies whose naming narrows the place (a named team, office or project)',
      cy: 'Gwasanaethau neu asiantaethau lleol y byddai eu henwi’n culhau’r lle (tîm, swyddfa neu brosiect a enwir)',
    },
  },
  {
    id: 'press',
    group: 'geographical',
    text: { en: 'Details that match local press coverage of the case', cy: 'Manylion sy’n cyfateb i sylw’r wasg leol i’r achos' },
  },
  {
    id: 'jigsaw',
    group: 'geographical',
    text: {
      en: 'Details that together could identify the child, though none does alone (jigsaw identification)',
      cy: 'Manylion a allai, gyda’i gilydd, adnabod y plentyn er nad oes yr un yn gwneud hynny ar ei ben ei hun (adnabod drwy gyfuno)',
    },
  },
  {
    id: 'sexual_abuse',
    group: 'abuse',
    text: {
      en: 'Descriptions of sexual abuse kept general, without graphic or identifying detail',
      cy: 'Disgrifiadau o gam-drin rhywiol wedi’u cadw’n gyffredinol, heb fanylion graffig na manylion sy’n adnabod',
    },
  },
];

export const CHECKLIST_ANSWERS = ['checked', 'not_applicable'] as const;
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];

export interface ChecklistEntry {
  answer: ChecklistAnswer;
  note: string;
}
/** The checklist's answers: item id → answer (items not answered yet are absent). */
export type ChecklistAnswers = Record<string, ChecklistEntry>;

export const ANONYMISATION_LIMITS = { reason: 2000, note: 1000 } as const;

const ITEM_IDS = new Set(CHECKLIST.map((i) => i.id));
const isAnswer = (v: unknown): v is ChecklistAnswer => typeof v === 'string' && (CHECKLIST_ANSWERS as readonly string[]).includes(v);

type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** A finding's acceptance: a reason, trimmed, within its limit. Field → locale key. */
export function checkReason(reason: string): Checked<string> {
  const text = reason.replace(/\r\n/g, '\n').trim();
  if (text === '') return { ok: false, errors: { reason: 'anonymisation:errors.reasonRequired' } };
  if (text.length > ANONYMISATION_LIMITS.reason) return { ok: false, errors: { reason: 'anonymisation:errors.reasonTooLong' } };
  return { ok: true, value: text };
}

/**
 * The checklist's answers as given (item id → answer and note): an item left blank stays unanswered (it may be
 * answered later; approval needs every one), an answer that is not one of the two, a note too long or an item
 * not on the checklist is refused. Field errors are named `item-<id>` / `note-<id>` (the page's ids).
 */
export function checkAnswers(input: Record<string, { answer?: unknown; note?: unknown }>): Checked<ChecklistAnswers> {
  const errors: Record<string, string> = {};
  const value: ChecklistAnswers = {};
  for (const [id, given] of Object.entries(input)) {
    if (!ITEM_IDS.has(id)) {
      errors.form = 'anonymisation:errors.unknownItem';
      continue;
    }
    const note = typeof given.note === 'string' ? given.note.replace(/\r\n/g, '\n').trim() : '';
    if (note.length > ANONYMISATION_LIMITS.note) errors[`note-${id}`] = 'anonymisation:errors.noteTooLong';
    if (given.answer === undefined || given.answer === null || given.answer === '') {
      if (note !== '') errors[`item-${id}`] = 'anonymisation:errors.answerForNote';
      continue;
    }
    if (!isAnswer(given.answer)) errors[`item-${id}`] = 'anonymisation:errors.answerInvalid';
    else value[id] = { answer: given.answer, note };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** The stored answers read back (anything not a checklist item or a known answer is dropped). */
export function readAnswers(json: string): ChecklistAnswers {
  const parsed = JSON.parse(json) as Record<string, { answer?: unknown; note?: unknown }>;
  const out: ChecklistAnswers = {};
  for (const [id, e] of Object.entries(parsed ?? {}))
    if (ITEM_IDS.has(id) && isAnswer(e?.answer)) out[id] = { answer: e.answer, note: typeof e.note === 'string' ? e.note : '' };
  return out;
}

export function unansweredItems(answers: ChecklistAnswers): string[] {
  return CHECKLIST.filter((i) => !answers[i.id]).map((i) => i.id);
}

/** What an approval is judged on. */
export interface ApprovalFacts {
  status: 'open' | 'approved';
  /** Whether the document as it now stands is what the check scanned (its version and text), has changed since, or is gone. */
  document: 'scanned' | 'changed' | 'none';
  findings: readonly { decision: 'open' | 'accepted'; reason: string | null }[];
  answers: ChecklistAnswers;
}

/**
 * Why information governance may not approve the check (empty: it may): the scan must be of the document's
 * current version, every finding accepted with a reason (a fixed one is gone from the scan), every checklist
 * item answered. Field → locale key, every reason listed.
 */
export function approvalProblems(f: ApprovalFacts): Record<string, string> {
  const problems: Record<string, string> = {};
  if (f.status === 'approved') problems.form = 'anonymisation:errors.alreadyApproved';
  if (f.document === 'none') problems.document = 'anonymisation:errors.noDocument';
  else if (f.document === 'changed') problems.document = 'anonymisation:errors.staleScan';
  if (f.findings.some((x) => x.decision !== 'accepted' || !x.reason)) problems.findings = 'anonymisation:errors.openFindings';
  if (unansweredItems(f.answers).length > 0) problems.checklist = 'anonymisation:errors.checklistUnanswered';
  return problems;
}

/** Words of a text, folded (for a finding's neighbourhood): letters and digits runs, Welsh letters included. */
function words(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}']+/gu) ?? [];
}

/**
 * What a finding's fingerprint is made from: its kind, its match folded and up to two folded words either side.
 * The same words in the next version of the document give the same value; the service keys it (a blind index).
 */
export function fingerprintSource(kind: FindingKind, text: string, start: number, end: number, width = 2): string {
  const before = words(text.slice(0, start)).slice(-width);
  const after = words(text.slice(end)).slice(0, width);
  return [kind, foldText(text.slice(start, end)), before.join(' '), after.join(' ')].join('\u0000');
}
