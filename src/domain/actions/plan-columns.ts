// The action plan's spreadsheet (issue 12 item 8; DOMAIN.md §6.6): its columns in English and Welsh — the
// action's id (so an import finds the row), the recommendation's number and text, the action, lead agency, lead
// officer, target date, success measure or outcome, status, evidence of completion, progress note, RAG, last
// updated and the board's challenge notes — and the words for statuses and RAG ratings in each language. The
// export, the shipped template (templates/action-plan.xlsx, made by scripts/action-plan-template.ts and checked by
// a test) and the import all read this one list. An import reads only the id, the status, the evidence and the
// progress note: the other columns are the plan as exported, for the agency to read. Pure.
import type { Language } from '../organisation.ts';
import { foldText } from '../text.ts';
import { ACTION_STATUSES, type ActionStatus } from './action.ts';
import { RAG_RATINGS, type Rag } from './rag.ts';

export interface Bilingual {
  en: string;
  cy: string;
}

export const PLAN_COLUMN_KEYS = [
  'actionId',
  'recommendationId',
  'recommendation',
  'action',
  'leadAgency',
  'leadOfficer',
  'targetDate',
  'successMeasure',
  'status',
  'evidence',
  'progressNote',
  'rag',
  'lastUpdated',
  'boardChallengeNotes',
] as const;
export type PlanColumnKey = (typeof PLAN_COLUMN_KEYS)[number];

export interface PlanColumn {
  key: PlanColumnKey;
  header: Bilingual;
  /** Read back by an import (the others are the plan as exported, for reading). */
  imported: boolean;
  /** A file without this column is refused. */
  required: boolean;
  /** What the template's notes sheet says about the column. */
  notes: Bilingual;
  width: number;
}

const column = (key: PlanColumnKey, header: Bilingual, width: number, notes: Bilingual, imported = false): PlanColumn => ({
  key,
  header,
  imported,
  required: imported,
  notes,
  width,
});

const READ_ONLY: Bilingual = {
  en: 'As the plan says. Changes here are not imported: the business unit changes the plan.',
  cy: 'Fel y mae’r cynllun yn ei ddweud. Ni chaiff newidiadau yma eu mewnforio: yr uned fusnes sy’n newid y cynllun.',
};

/** The spreadsheet's columns, in order. */
export const PLAN_COLUMNS: readonly PlanColumn[] = [
  column(
    'actionId',
    { en: 'Action ID', cy: 'Cyfeirnod y cam gweithredu' },
    38,
    { en: 'Do not change: it says which action the row is.', cy: 'Peidiwch â’i newid: mae’n dweud pa gam gweithredu yw’r rhes.' },
    true,
  ),
  column('recommendationId', { en: 'Recommendation number', cy: 'Rhif yr argymhelliad' }, 16, READ_ONLY),
  column('recommendation', { en: 'Recommendation', cy: 'Argymhelliad' }, 50, READ_ONLY),
  column('action', { en: 'Action', cy: 'Cam gweithredu' }, 50, READ_ONLY),
  column('leadAgency', { en: 'Lead agency', cy: 'Asiantaeth arweiniol' }, 26, READ_ONLY),
  column('leadOfficer', { en: 'Lead officer', cy: 'Swyddog arweiniol' }, 24, READ_ONLY),
  column('targetDate', { en: 'Target date', cy: 'Dyddiad targed' }, 14, READ_ONLY),
  column('successMeasure', { en: 'Success measure or outcome', cy: 'Mesur llwyddiant neu ganlyniad' }, 40, READ_ONLY),
  column(
    'status',
    { en: 'Status', cy: 'Statws' },
    22,
    {
      en: 'On track, At risk or Off track with a progress note; or Complete with the evidence of completion. Verified and later are for the business unit and the board: a row setting them is refused.',
      cy: 'Ar y trywydd iawn, Mewn perygl neu Oddi ar y trywydd gyda nodyn cynnydd; neu Wedi’i gwblhau gyda’r dystiolaeth o gwblhau. Mae Wedi’i ddilysu a’r statwsau wedyn i’r uned fusnes a’r bwrdd: gwrthodir rhes sy’n eu gosod.',
    },
    true,
  ),
  column(
    'evidence',
    { en: 'Evidence of completion', cy: 'Tystiolaeth o gwblhau' },
    40,
    {
      en: 'Needed to mark the action complete: what shows it is done (a file cannot travel in a spreadsheet; the owner may add files on the action’s page).',
      cy: 'Ei hangen i nodi bod y cam gweithredu wedi’i gwblhau: beth sy’n dangos ei fod wedi’i wneud (ni all ffeil deithio mewn taenlen; gall y perchennog ychwanegu ffeiliau ar dudalen y cam gweithredu).',
    },
    true,
  ),
  column(
    'progressNote',
    { en: 'Progress note', cy: 'Nodyn cynnydd' },
    50,
    {
      en: 'How the action is going. A new note is a progress update; the note as exported changes nothing.',
      cy: 'Sut mae’r cam gweithredu’n mynd. Mae nodyn newydd yn ddiweddariad cynnydd; nid yw’r nodyn fel y’i allforiwyd yn newid dim.',
    },
    true,
  ),
  column('rag', { en: 'RAG', cy: 'Sgôr RAG' }, 12, READ_ONLY),
  column('lastUpdated', { en: 'Last updated', cy: 'Diweddarwyd ddiwethaf' }, 14, READ_ONLY),
  column('boardChallengeNotes', { en: 'Board challenge notes', cy: 'Nodiadau her y bwrdd' }, 40, READ_ONLY),
];

export function planHeaders(language: Language): string[] {
  return PLAN_COLUMNS.map((c) => c.header[language]);
}

/** The statuses as the sheet writes them (and reads them, in either language). */
export const STATUS_LABELS: Record<ActionStatus, Bilingual> = {
  not_started: { en: 'Not started', cy: 'Heb ddechrau' },
  on_track: { en: 'On track', cy: 'Ar y trywydd iawn' },
  at_risk: { en: 'At risk', cy: 'Mewn perygl' },
  off_track: { en: 'Off track', cy: 'Oddi ar y trywydd' },
  complete: { en: 'Complete', cy: 'Wedi’i gwblhau' },
  verified: { en: 'Verified', cy: 'Wedi’i ddilysu' },
  impact_evidenced: { en: 'Impact evidenced', cy: 'Tystiolaeth o effaith' },
  sustained: { en: 'Sustained', cy: 'Wedi’i gynnal' },
  closed: { en: 'Closed by the board', cy: 'Wedi’i gau gan y bwrdd' },
};

export const RAG_LABELS: Record<Rag, Bilingual> = {
  red: { en: 'Red', cy: 'Coch' },
  amber: { en: 'Amber', cy: 'Ambr' },
  green: { en: 'Green', cy: 'Gwyrdd' },
  complete: { en: 'Complete', cy: 'Wedi’i gwblhau' },
};

/** Early learning's actions have no recommendation: the number column says so. */
export const EARLY_LEARNING_LABEL: Bilingual = { en: 'Early learning', cy: 'Dysgu cynnar' };

/** The sheet names: the plan, then the notes on its columns. */
export const PLAN_SHEET_NAMES = { plan: { en: 'Action plan', cy: 'Cynllun gweithredu' }, notes: { en: 'Notes', cy: 'Nodiadau' } } as const;

/** Lower case, one space, plain apostrophes: for matching words typed by people. */
export function foldWords(text: string): string {
  return foldText(text).replace(/\.$/, '').trim();
}

const STATUS_BY_WORDS = new Map<string, ActionStatus>(
  ACTION_STATUSES.flatMap((s) => [
    [foldWords(STATUS_LABELS[s].en), s],
    [foldWords(STATUS_LABELS[s].cy), s],
    [foldWords(s.replace(/_/g, ' ')), s],
  ]),
);
// The pages' longer words for a proposed completion are read too.
STATUS_BY_WORDS.set(foldWords('Complete (awaiting verification)'), 'complete');
STATUS_BY_WORDS.set(foldWords('Wedi’i gwblhau (yn aros i’w ddilysu)'), 'complete');

/** The status a cell's words name, in either language, or undefined. */
export function parseStatus(text: string): ActionStatus | undefined {
  return STATUS_BY_WORDS.get(foldWords(text));
}

/** Which column each header is, by either language's heading. */
export function columnOfHeader(text: string): PlanColumnKey | undefined {
  const folded = foldWords(text);
  return PLAN_COLUMNS.find((c) => foldWords(c.header.en) === folded || foldWords(c.header.cy) === folded)?.key;
}

export { RAG_RATINGS };
