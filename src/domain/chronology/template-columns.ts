// The board's chronology template (issue 11 item 2): its columns in English and Welsh, with their notes,
// widths and whether required, and the words its lists accept in each language. Pure.
import type { Language } from '../organisation.ts';
import { CHRONOLOGY_LIMITS, type DatePrecision, type EventType, type Significance } from './entry.ts';

/** Both languages' words for one thing. */
export interface Bilingual {
  en: string;
  cy: string;
}

export const COLUMN_KEYS = [
  'date',
  'precision',
  'time',
  'eventType',
  'description',
  'people',
  'practitionerRole',
  'actionTaken',
  'outcome',
  'sourceRef',
  'significance',
  'analystComment',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export interface TemplateColumn {
  key: ColumnKey;
  header: Bilingual;
  /** A file without this column is refused; a row with the cell blank has a problem. */
  required: boolean;
  /** What the template's notes sheet says about the column. */
  notes: Bilingual;
  /** Column width in the template (characters). */
  width: number;
}

/** The board template's columns, in order (WELSH.md's terms). */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  {
    key: 'date',
    header: { en: 'Date', cy: 'Dyddiad' },
    required: true,
    width: 16,
    notes: {
      en: 'When it happened, day first: 31/01/2024, 31 January 2024. Write "March 2019" for a month, "2019" for a year, "about 22/05/2016" when the day is approximate.',
      cy: 'Pryd y digwyddodd, y diwrnod yn gyntaf: 31/01/2024, 31 Ionawr 2024. Ysgrifennwch "Mawrth 2019" am fis, "2019" am flwyddyn, "tua 22/05/2016" pan fo’r diwrnod yn fras.',
    },
  },
  {
    key: 'precision',
    header: { en: 'Date precision', cy: 'Manylder y dyddiad' },
    required: false,
    width: 14,
    notes: {
      en: 'Optional: Exact, About, Month or Year. Leave it blank and it is worked out from how the date is written.',
      cy: 'Dewisol: Union, Tua, Mis neu Blwyddyn. Gadewch hi’n wag a chaiff ei chyfrifo o’r ffordd mae’r dyddiad wedi’i ysgrifennu.',
    },
  },
  {
    key: 'time',
    header: { en: 'Time', cy: 'Amser' },
    required: false,
    width: 8,
    notes: {
      en: 'Optional, 24-hour: 14:30. Only for a date with a day.',
      cy: 'Dewisol, 24 awr: 14:30. Dim ond ar gyfer dyddiad gyda diwrnod.',
    },
  },
  {
    key: 'eventType',
    header: { en: 'Event type', cy: 'Math o ddigwyddiad' },
    required: true,
    width: 22,
    notes: {
      en: 'One from the list: Contact, Home visit, Appointment, Assessment, Referral, Meeting, Strategy discussion, Hospital attendance, Education, Police incident, Court, Missed appointment or Other.',
      cy: 'Un o’r rhestr: Cyswllt, Ymweliad cartref, Apwyntiad, Asesiad, Atgyfeiriad, Cyfarfod, Trafodaeth strategaeth, Ymweliad ag ysbyty, Addysg, Digwyddiad heddlu, Llys, Apwyntiad a gollwyd neu Arall.',
    },
  },
  {
    key: 'description',
    header: { en: 'Description', cy: 'Disgrifiad' },
    required: true,
    width: 60,
    notes: {
      en: `What happened, from the agency’s records (up to ${CHRONOLOGY_LIMITS.description} characters).`,
      cy: `Beth ddigwyddodd, o gofnodion yr asiantaeth (hyd at ${CHRONOLOGY_LIMITS.description} nod).`,
    },
  },
  {
    key: 'people',
    header: { en: 'People involved', cy: 'Pobl dan sylw' },
    required: false,
    width: 24,
    notes: {
      en: 'Optional: the review’s codes, separated by ";": Child A; Family member 1. Never real names.',
      cy: 'Dewisol: codau’r adolygiad, wedi’u gwahanu gan ";": Plentyn A; Aelod o’r teulu 1. Byth enwau go iawn.',
    },
  },
  {
    key: 'practitionerRole',
    header: { en: 'Practitioner role', cy: 'Rôl yr ymarferydd' },
    required: false,
    width: 22,
    notes: {
      en: `Optional: the role, not the name, of the practitioner (up to ${CHRONOLOGY_LIMITS.practitionerRole} characters).`,
      cy: `Dewisol: rôl yr ymarferydd, nid ei enw (hyd at ${CHRONOLOGY_LIMITS.practitionerRole} nod).`,
    },
  },
  {
    key: 'actionTaken',
    header: { en: 'Action or decision taken', cy: 'Cam gweithredu neu benderfyniad' },
    required: false,
    width: 40,
    notes: {
      en: `Optional (up to ${CHRONOLOGY_LIMITS.actionTaken} characters).`,
      cy: `Dewisol (hyd at ${CHRONOLOGY_LIMITS.actionTaken} nod).`,
    },
  },
  {
    key: 'outcome',
    header: { en: 'Outcome', cy: 'Canlyniad' },
    required: false,
    width: 40,
    notes: {
      en: `Optional (up to ${CHRONOLOGY_LIMITS.outcome} characters).`,
      cy: `Dewisol (hyd at ${CHRONOLOGY_LIMITS.outcome} nod).`,
    },
  },
  {
    key: 'sourceRef',
    header: { en: 'Source record reference', cy: 'Cyfeirnod y cofnod ffynhonnell' },
    required: true,
    width: 24,
    notes: {
      en: `Where in the agency’s records this is found: a case note number, a system reference (up to ${CHRONOLOGY_LIMITS.sourceRef} characters).`,
      cy: `Ble yng nghofnodion yr asiantaeth mae hwn: rhif nodyn achos, cyfeirnod system (hyd at ${CHRONOLOGY_LIMITS.sourceRef} nod).`,
    },
  },
  {
    key: 'significance',
    header: { en: 'Significance', cy: 'Arwyddocâd' },
    required: true,
    width: 14,
    notes: {
      en: 'Low, Medium or High.',
      cy: 'Isel, Canolig neu Uchel.',
    },
  },
  {
    key: 'analystComment',
    header: { en: 'Analyst comment', cy: 'Sylw’r dadansoddwr' },
    required: false,
    width: 40,
    notes: {
      en: `Optional (up to ${CHRONOLOGY_LIMITS.analystComment} characters).`,
      cy: `Dewisol (hyd at ${CHRONOLOGY_LIMITS.analystComment} nod).`,
    },
  },
];

export const EVENT_TYPE_LABELS: Readonly<Record<EventType, Bilingual>> = {
  contact: { en: 'Contact', cy: 'Cyswllt' },
  home_visit: { en: 'Home visit', cy: 'Ymweliad cartref' },
  appointment: { en: 'Appointment', cy: 'Apwyntiad' },
  assessment: { en: 'Assessment', cy: 'Asesiad' },
  referral: { en: 'Referral', cy: 'Atgyfeiriad' },
  meeting: { en: 'Meeting', cy: 'Cyfarfod' },
  strategy_discussion: { en: 'Strategy discussion', cy: 'Trafodaeth strategaeth' },
  hospital_attendance: { en: 'Hospital attendance', cy: 'Ymweliad ag ysbyty' },
  education: { en: 'Education', cy: 'Addysg' },
  police_incident: { en: 'Police incident', cy: 'Digwyddiad heddlu' },
  court: { en: 'Court', cy: 'Llys' },
  missed_appointment: { en: 'Missed appointment', cy: 'Apwyntiad a gollwyd' },
  other: { en: 'Other', cy: 'Arall' },
};

export const SIGNIFICANCE_LABELS: Readonly<Record<Significance, Bilingual>> = {
  low: { en: 'Low', cy: 'Isel' },
  medium: { en: 'Medium', cy: 'Canolig' },
  high: { en: 'High', cy: 'Uchel' },
};

export const PRECISION_LABELS: Readonly<Record<DatePrecision, Bilingual>> = {
  exact: { en: 'Exact', cy: 'Union' },
  about: { en: 'About', cy: 'Tua' },
  month: { en: 'Month', cy: 'Mis' },
  year: { en: 'Year', cy: 'Blwyddyn' },
};

/** Other words a precision cell may hold. */
export const PRECISION_SYNONYMS: Readonly<Record<string, DatePrecision>> = {
  approximate: 'about',
  approx: 'about',
  'approx.': 'about',
  bras: 'about',
  oddeutu: 'about',
  'exact date': 'exact',
  'dyddiad union': 'exact',
};

/** The template's headers in one language, in order. */
export function templateHeaders(language: Language): string[] {
  return TEMPLATE_COLUMNS.map((c) => c.header[language]);
}
