import type { Language } from '../organisation.ts';
import { foldText, textProblem } from '../text.ts';
import { MUTATIONS, mutateCy } from '../welsh.ts';
import {
  CHRONOLOGY_LIMITS,
  DATE_PRECISIONS,
  type DatePrecision,
  type EntryFields,
  EVENT_TYPES,
  type EventType,
  formatEntryDate,
  precisionRank,
  SIGNIFICANCES,
  type Significance,
} from './entry.ts';
import {
  cellText,
  type ImportProblem,
  type ImportProblemKey,
  isBlankCell,
  isErrorCell,
  isFormulaCell,
  MAX_PROBLEMS_SHOWN,
  type RawCell,
  squash,
} from './import-cells.ts';
import { type ParsedDate, parseDateCell, parseTimeCell } from './import-dates.ts';
import {
  type Bilingual,
  COLUMN_KEYS,
  type ColumnKey,
  EVENT_TYPE_LABELS,
  PRECISION_LABELS,
  PRECISION_SYNONYMS,
  SIGNIFICANCE_LABELS,
  TEMPLATE_COLUMNS,
} from './template-columns.ts';

// The cells, their problems and safe text are their own module; readers of rows take them from here too.
export * from './import-cells.ts';
// The template's columns and list words are the template's own module; readers of rows take them from here too.
export * from './template-columns.ts';

// ---------------------------------------------------------------------------------------------------------
// Headers

/** Which template column each of the file's columns is (null: a column without a header, ignored). */
export interface ColumnLayout {
  columns: readonly (ColumnKey | null)[];
}

const HEADER_INDEX: ReadonlyMap<string, ColumnKey> = new Map(
  TEMPLATE_COLUMNS.flatMap((c) => [
    [squash(c.header.en), c.key],
    [squash(c.header.cy), c.key],
  ]),
);

/** The layout of a header row, or the problems that make the file unusable (all of them, in column order). */
export function matchHeader(cells: readonly RawCell[], row = 1): { layout: ColumnLayout; problems: [] } | { layout: null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const columns: (ColumnKey | null)[] = [];
  const seen = new Set<ColumnKey>();
  for (const cell of cells) {
    const text = cellText(cell);
    if (text === '') {
      columns.push(null);
      continue;
    }
    const key = HEADER_INDEX.get(squash(text));
    if (!key) {
      problems.push({ row, column: null, key: 'import.file.unknownColumn', text });
      columns.push(null);
    } else if (seen.has(key)) {
      problems.push({ row, column: key, key: 'import.file.duplicateColumn' });
      columns.push(null);
    } else {
      seen.add(key);
      columns.push(key);
    }
  }
  if (seen.size === 0 && problems.length === 0) return { layout: null, problems: [{ row, column: null, key: 'import.file.noHeader' }] };
  for (const c of TEMPLATE_COLUMNS) if (c.required && !seen.has(c.key)) problems.push({ row, column: c.key, key: 'import.file.missingColumn' });
  return problems.length ? { layout: null, problems } : { layout: { columns }, problems: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Lists: event type, significance, precision

function labelIndex<K extends string>(
  codes: readonly K[],
  labels: Readonly<Record<K, Bilingual>>,
  extra: Readonly<Record<string, K>> = {},
): ReadonlyMap<string, K> {
  const map = new Map<string, K>();
  for (const code of codes) {
    map.set(foldText(code), code);
    map.set(foldText(code.replace(/_/g, ' ')), code);
    map.set(foldText(labels[code].en), code);
    map.set(foldText(labels[code].cy), code);
  }
  for (const [word, code] of Object.entries(extra)) map.set(foldText(word), code);
  return map;
}

const EVENT_TYPE_INDEX = labelIndex(EVENT_TYPES, EVENT_TYPE_LABELS);
const SIGNIFICANCE_INDEX = labelIndex(SIGNIFICANCES, SIGNIFICANCE_LABELS);
const PRECISION_INDEX = labelIndex(DATE_PRECISIONS, PRECISION_LABELS, PRECISION_SYNONYMS);

/** An event type from its code or its English or Welsh label (any case). */
export function parseEventType(text: string): EventType | undefined {
  return EVENT_TYPE_INDEX.get(foldText(text));
}

export function parseSignificance(text: string): Significance | undefined {
  return SIGNIFICANCE_INDEX.get(foldText(text));
}

export function parsePrecision(text: string): DatePrecision | undefined {
  return PRECISION_INDEX.get(foldText(text));
}

// ---------------------------------------------------------------------------------------------------------
// People

/** One of the review's people as the import may name them: their pseudonym in both languages. */
export interface ImportPerson {
  id: string;
  en: string;
  cy: string;
}

/** The review's people by every way the import accepts their pseudonym. */
export type PeopleIndex = ReadonlyMap<string, string>;

export function peopleIndex(people: readonly ImportPerson[]): PeopleIndex {
  const map = new Map<string, string>();
  for (const p of people) {
    const forms = [p.en, p.cy, ...MUTATIONS.map((m) => mutateCy(p.cy.replace(/'/g, '’'), m))];
    for (const form of forms) map.set(foldText(form), p.id);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------------------
// Rows

const TEXT_COLUMNS = ['description', 'practitionerRole', 'actionTaken', 'outcome', 'sourceRef', 'analystComment'] as const;
type TextColumn = (typeof TEXT_COLUMNS)[number];

/** A row's fields, or its problems (all of them, in column order). Blank rows are for the caller to skip. */
export function parseRow(
  layout: ColumnLayout,
  row: number,
  cells: readonly RawCell[],
  people: PeopleIndex,
): { fields: EntryFields; problems: [] } | { fields: null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const cell: Partial<Record<ColumnKey, RawCell>> = {};
  layout.columns.forEach((key, i) => {
    if (key === null) return;
    const value = cells[i];
    if (isFormulaCell(value)) problems.push({ row, column: key, key: 'import.cell.formula' });
    else if (isErrorCell(value)) problems.push({ row, column: key, key: 'import.cell.error' });
    else if (typeof value === 'string' && textProblem(value.replace(/\r\n?/g, '\n'))) problems.push({ row, column: key, key: 'import.cell.control' });
    else cell[key] = value;
  });
  const refused = new Set(problems.map((p) => p.column));
  const problem = (column: ColumnKey, key: ImportProblemKey, text?: string) => {
    if (!refused.has(column)) problems.push({ row, column, key, ...(text === undefined ? {} : { text }) });
  };
  const text = (column: ColumnKey) => cellText(cell[column]);

  // date and precision
  let date: ParsedDate | null = null;
  const parsed = parseDateCell(cell.date);
  if (parsed === null) problem('date', 'import.date.required');
  else if (typeof parsed === 'string') problem('date', parsed);
  else date = parsed;
  const precisionText = text('precision');
  if (precisionText !== '') {
    const precision = parsePrecision(precisionText);
    if (!precision) problem('precision', 'import.precision.invalid');
    else if (date) {
      const written = date.precision;
      const finer =
        precision === 'about' || precision === 'exact' ? written === 'month' || written === 'year' : precisionRank(precision) > precisionRank(written);
      if (finer) problem('precision', 'import.precision.finerThanDate');
      else if (precision === 'year') date = { occurredOn: `${date.occurredOn.slice(0, 4)}-01-01`, precision };
      else if (precision === 'month') date = { occurredOn: `${date.occurredOn.slice(0, 7)}-01`, precision };
      else date = { occurredOn: date.occurredOn, precision };
    }
  }

  // time
  const time = parseTimeCell(cell.time);
  if (time === 'import.time.invalid') problem('time', time);
  else if (time !== null && date && (date.precision === 'month' || date.precision === 'year')) problem('time', 'import.time.withoutDay');

  // lists
  const eventText = text('eventType');
  const eventType = parseEventType(eventText);
  if (eventText === '') problem('eventType', 'import.eventType.required');
  else if (!eventType) problem('eventType', 'import.eventType.invalid');
  const significanceText = text('significance');
  const significance = parseSignificance(significanceText);
  if (significanceText === '') problem('significance', 'import.significance.required');
  else if (!significance) problem('significance', 'import.significance.invalid');

  // free text
  const texts = {} as Record<TextColumn, string>;
  for (const column of TEXT_COLUMNS) {
    const value = text(column);
    texts[column] = value;
    if ((column === 'description' || column === 'sourceRef') && value === '') problem(column, `import.${column}.required` as const);
    else if (value.length > CHRONOLOGY_LIMITS[column]) problem(column, `import.${column}.tooLong` as const);
  }

  // people
  const ids: string[] = [];
  for (const name of text('people').split(/[;,\n]/)) {
    const folded = foldText(name);
    if (folded === '') continue;
    const id = people.get(folded);
    if (!id) problem('people', 'import.people.unknown', name.trim());
    else if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > CHRONOLOGY_LIMITS.people) problem('people', 'import.people.tooMany');

  if (problems.length || !date || !eventType || !significance) {
    const order = (c: ColumnKey | null) => (c === null ? -1 : COLUMN_KEYS.indexOf(c));
    return { fields: null, problems: problems.sort((a, b) => order(a.column) - order(b.column)) };
  }
  return {
    fields: {
      occurredOn: date.occurredOn,
      precision: date.precision,
      time: time ?? null,
      eventType,
      description: texts.description,
      people: ids,
      practitionerRole: texts.practitionerRole,
      actionTaken: texts.actionTaken,
      outcome: texts.outcome,
      sourceRef: texts.sourceRef,
      significance,
      analystComment: texts.analystComment,
    },
    problems: [],
  };
}

/**
 * The whole file's validation, one row at a time (so a 100,000-row file is never held twice): the first
 * non-blank row is the header; each later row gives its fields, or its problems are kept (the first
 * MAX_PROBLEMS_SHOWN of them; every one is counted). A file with any problem imports nothing: `ok`.
 */
export class RowValidator {
  private layout: ColumnLayout | null = null;
  private readonly shown: ImportProblem[] = [];
  private total = 0;
  private rows = 0;
  private headerSeen = false;
  private readonly index: PeopleIndex;

  constructor(
    people: readonly ImportPerson[],
    private readonly maxShown = MAX_PROBLEMS_SHOWN,
  ) {
    this.index = peopleIndex(people);
  }

  private add(problems: readonly ImportProblem[]): void {
    this.total += problems.length;
    for (const p of problems) if (this.shown.length < this.maxShown) this.shown.push(p);
  }

  /** Read one row (its number in the sheet, its cells in the file's column order): its fields, or null. */
  row(row: number, cells: readonly RawCell[]): EntryFields | null {
    if (cells.every(isBlankCell)) return null;
    if (!this.headerSeen) {
      this.headerSeen = true;
      const header = matchHeader(cells, row);
      this.layout = header.layout;
      this.add(header.problems);
      return null;
    }
    if (!this.layout) return null;
    this.rows += 1;
    const result = parseRow(this.layout, row, cells, this.index);
    this.add(result.problems);
    return result.fields;
  }

  /** What was found, once every row has been read. */
  finish(): ImportReport {
    if (!this.headerSeen) this.add([{ row: 1, column: null, key: 'import.file.noHeader' }]);
    else if (this.layout && this.rows === 0) this.add([{ row: 2, column: null, key: 'import.file.noRows' }]);
    return { ok: this.total === 0, rows: this.rows, problems: [...this.shown], problemCount: this.total };
  }
}

export interface ImportReport {
  /** True when the file may be imported: a header, at least one row, and no problem anywhere. */
  ok: boolean;
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** The first MAX_PROBLEMS_SHOWN problems, in file order. */
  problems: ImportProblem[];
  /** Every problem found. */
  problemCount: number;
}

/** Validate rows already in memory (tests, small files): the entries with their row numbers, and the report. */
export function validateRows(
  rows: Iterable<{ row: number; cells: readonly RawCell[] }>,
  people: readonly ImportPerson[],
  maxShown = MAX_PROBLEMS_SHOWN,
): ImportReport & { entries: { row: number; fields: EntryFields }[] } {
  const validator = new RowValidator(people, maxShown);
  const entries: { row: number; fields: EntryFields }[] = [];
  for (const { row, cells } of rows) {
    const fields = validator.row(row, cells);
    if (fields) entries.push({ row, fields });
  }
  return { ...validator.finish(), entries };
}

// ---------------------------------------------------------------------------------------------------------
// Writing rows (the template's example, exports, tests)

/**
 * An entry as the template's cells in one language, in TEMPLATE_COLUMNS order: the date a real date (UTC
 * midnight) when exact, otherwise as text ("March 2019", "tua 22 Mai 2016"); people by the names given.
 * The writers (src/services/chronology/spreadsheet.ts) make the text formula-safe.
 */
export function entryCells(fields: EntryFields, language: Language, personName: (id: string) => string): (string | Date)[] {
  const date = fields.precision === 'exact' ? new Date(`${fields.occurredOn}T00:00:00Z`) : formatEntryDate(fields, language);
  const values: Record<ColumnKey, string | Date> = {
    date,
    precision: PRECISION_LABELS[fields.precision][language],
    time: fields.time ?? '',
    eventType: EVENT_TYPE_LABELS[fields.eventType][language],
    description: fields.description,
    people: fields.people.map(personName).join('; '),
    practitionerRole: fields.practitionerRole,
    actionTaken: fields.actionTaken,
    outcome: fields.outcome,
    sourceRef: fields.sourceRef,
    significance: SIGNIFICANCE_LABELS[fields.significance][language],
    analystComment: fields.analystComment,
  };
  return COLUMN_KEYS.map((k) => values[k]);
}
