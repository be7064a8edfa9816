// A filled-in chronology template of any size, realistic enough to measure (issue 11: the bench imports a
// 100,000-row workbook and compares it with exceljs's raw read of the same file). Deterministic: the same
// seed gives the same file. Written as it streams, so 100,000 rows are never held at once.
import type { Writable } from 'node:stream';
import type { EntryFields, EventType, Significance } from '../domain/chronology/entry.ts';
import { EVENT_TYPES } from '../domain/chronology/entry.ts';
import { entryCells, type ImportPerson, TEMPLATE_COLUMNS, templateHeaders } from '../domain/chronology/import-rows.ts';
import { fromEpochDay, toEpochDay } from '../domain/clock/dates.ts';
import type { Language } from '../domain/organisation.ts';
import { Random } from '../generator/random.ts';
import type { SpreadsheetFormat } from '../services/chronology/spreadsheet.ts';
import { writeCsv, writeXlsx } from '../services/chronology/spreadsheet-write.ts';

/** The people a generated file names (pass the same list to the import). */
export const WORKBOOK_PEOPLE: readonly ImportPerson[] = [
  { id: 'person-child-a', en: 'Child A', cy: 'Plentyn A' },
  { id: 'person-child-b', en: 'Child B', cy: 'Plentyn B' },
  { id: 'person-family-1', en: 'Family member 1', cy: 'Aelod o’r teulu 1' },
  { id: 'person-family-2', en: 'Family member 2', cy: 'Aelod o’r teulu 2' },
  { id: 'person-3', en: 'Person 3', cy: 'Person 3' },
];

const ROLES = ['Health visitor', 'Social worker', 'GP', 'Class teacher', 'Police constable', 'Paediatrician', 'School nurse', 'Family support worker'];
const WHAT = [
  'attended the family home; {p} was seen and spoken to alone.',
  'telephoned the school about {p}’s attendance, which had fallen to 71% this term.',
  'received a referral about bruising to {p}’s upper arm noticed during PE.',
  'held a strategy discussion with police and health about {p}.',
  'saw {p} at the emergency department with a head injury; the explanation given was a fall.',
  'recorded that {p} did not attend the appointment; a letter was sent offering another.',
  'completed an assessment of {p}’s needs; the home was cluttered and there was little food.',
  'noted concerns about domestic abuse reported by a neighbour; {p} was present.',
];
const ACTIONS = [
  'Referral to children’s services',
  'No further action',
  'Follow-up visit booked',
  'Information shared with the GP',
  'Case discussed at supervision',
  '',
];
const OUTCOMES = ['Seen and well', 'Not seen', 'Assessment opened', 'Closed', 'Awaiting reply', ''];
const COMMENTS = ['', '', 'Missed opportunity to speak to the child alone.', 'Information not shared with education.', 'Good practice: prompt referral.'];
const SIGNIFICANCE_WEIGHTS: readonly (readonly [Significance, number])[] = [
  ['low', 6],
  ['medium', 3],
  ['high', 1],
];

/** The years a generated chronology covers (from `from`). */
const SPAN_DAYS = 12 * 365;

export interface WorkbookOptions {
  rows: number;
  format?: SpreadsheetFormat;
  language?: Language;
  seed?: number;
  /** The first entry's day (the rest follow over twelve years). */
  from?: string;
}

/** One generated entry (the fields the import should give back for row `i + 2`). */
export function generatedEntry(random: Random, day: number): EntryFields {
  const precision = random.weighted([
    ['exact', 90],
    ['about', 5],
    ['month', 4],
    ['year', 1],
  ] as const);
  const date = fromEpochDay(day);
  const occurredOn = precision === 'year' ? `${date.slice(0, 4)}-01-01` : precision === 'month' ? `${date.slice(0, 7)}-01` : date;
  const person = random.pick(WORKBOOK_PEOPLE);
  const people = random.chance(0.3) ? [person.id, random.pick(WORKBOOK_PEOPLE.filter((p) => p !== person)).id] : [person.id];
  const eventType: EventType = random.pick(EVENT_TYPES);
  return {
    occurredOn,
    precision,
    time:
      precision === 'exact' && random.chance(0.6) ? `${String(random.int(8, 19)).padStart(2, '0')}:${String(random.int(0, 11) * 5).padStart(2, '0')}` : null,
    eventType,
    description: `${random.pick(ROLES)} ${random.pick(WHAT).replace('{p}', person.en)}`,
    people,
    practitionerRole: random.pick(ROLES),
    actionTaken: random.pick(ACTIONS),
    outcome: random.pick(OUTCOMES),
    sourceRef: `${random.pick(['SC', 'HV', 'ED', 'POL', 'GP'])}/${random.int(2010, 2024)}/${random.int(1, 99999)}`,
    significance: random.weighted(SIGNIFICANCE_WEIGHTS),
    analystComment: random.pick(COMMENTS),
  };
}

async function* generatedRows(options: Required<WorkbookOptions>): AsyncGenerator<(string | Date)[]> {
  const random = new Random(options.seed);
  const first = toEpochDay(options.from);
  const name = (id: string) => WORKBOOK_PEOPLE.find((p) => p.id === id)?.[options.language] ?? id;
  for (let i = 0; i < options.rows; i += 1) {
    // In date order over SPAN_DAYS, however many rows: a large review has several entries a day.
    const day = first + Math.floor((i * SPAN_DAYS) / options.rows);
    yield entryCells(generatedEntry(random, day), options.language, name);
  }
}

/** Write an N-row filled-in template (xlsx unless asked for csv) to a stream. */
export async function writeChronologyWorkbook(out: Writable, options: WorkbookOptions): Promise<void> {
  const full: Required<WorkbookOptions> = { format: 'xlsx', language: 'en', seed: 11, from: '2012-01-01', ...options };
  const headers = templateHeaders(full.language);
  const rows = generatedRows(full);
  if (full.format === 'csv') await writeCsv(out, { headers, rows });
  else await writeXlsx(out, [{ name: 'Chronology', headers, rows, widths: TEMPLATE_COLUMNS.map((c) => c.width) }]);
}
