import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EntryFields } from './entry.ts';
import { formatEntryDate } from './entry.ts';
import { parseDateCell, parseTimeCell } from './import-dates.ts';
import {
  entryCells,
  IMPORT_PROBLEM_KEYS,
  type ImportPerson,
  matchHeader,
  parseEventType,
  parseRow,
  peopleIndex,
  type RawCell,
  safeCellText,
  TEMPLATE_COLUMNS,
  templateHeaders,
  unprefixCellText,
  validateRows,
} from './import-rows.ts';

const PEOPLE: ImportPerson[] = [
  { id: 'p-child-a', en: 'Child A', cy: 'Plentyn A' },
  { id: 'p-fam-1', en: 'Family member 1', cy: 'Aelod o’r teulu 1' },
  { id: 'p-person-2', en: 'Person 2', cy: 'Person 2' },
];

const EN = templateHeaders('en');
const CY = templateHeaders('cy');

function row(values: Partial<Record<(typeof TEMPLATE_COLUMNS)[number]['key'], RawCell>>): RawCell[] {
  return TEMPLATE_COLUMNS.map((c) => values[c.key] ?? null);
}

const GOOD = {
  date: '31/01/2024',
  eventType: 'Home visit',
  description: 'Health visitor saw Child A at home.',
  sourceRef: 'HV-1234',
  significance: 'High',
};

test('headers are matched in English or Welsh, any case and spacing, mixed in one file', () => {
  const mixed = EN.map((h, i) => (i % 2 ? (CY[i] as string).toUpperCase() : ` ${h.toLowerCase().replace(/ /g, '  ')} `));
  const result = matchHeader(mixed);
  assert.ok(result.layout);
  assert.deepEqual(
    result.layout.columns,
    TEMPLATE_COLUMNS.map((c) => c.key),
  );
  assert.ok(matchHeader(['Sylw’r dadansoddwr', "sylw'r dadansoddwr"]).problems.some((p) => p.key === 'import.file.duplicateColumn'));
});

test('a missing required column or an unknown column is a problem of the file naming the column', () => {
  const result = matchHeader(['Date', 'Event type', 'Description', 'Colour', 'Significance', '']);
  assert.equal(result.layout, null);
  assert.deepEqual(result.problems, [
    { row: 1, column: null, key: 'import.file.unknownColumn', text: 'Colour' },
    { row: 1, column: 'sourceRef', key: 'import.file.missingColumn' },
  ]);
});

test('UK dates in their common forms, Welsh months, precisions worked out from how the date is written', () => {
  const exact = { occurredOn: '2024-01-31', precision: 'exact' };
  for (const text of [
    '31/01/2024',
    '31-01-2024',
    '31.1.24',
    '2024-01-31',
    '31 January 2024',
    '31 Jan 2024',
    '31-Jan-24',
    '31st January 2024',
    '31 Ionawr 2024',
    ' 31 ionawr 2024 ',
  ]) {
    assert.deepEqual(parseDateCell(text), exact, text);
  }
  assert.deepEqual(parseDateCell('January 2024'), { occurredOn: '2024-01-01', precision: 'month' });
  assert.deepEqual(parseDateCell('Ionawr 2024'), { occurredOn: '2024-01-01', precision: 'month' });
  assert.deepEqual(parseDateCell('Chwefror 2024'), { occurredOn: '2024-02-01', precision: 'month' });
  assert.deepEqual(parseDateCell('03/2019'), { occurredOn: '2019-03-01', precision: 'month' });
  assert.deepEqual(parseDateCell('2024'), { occurredOn: '2024-01-01', precision: 'year' });
  assert.deepEqual(parseDateCell(2019), { occurredOn: '2019-01-01', precision: 'year' });
  const about = { occurredOn: '2016-05-22', precision: 'about' };
  for (const text of ['?22 May 2016', 'about 22/05/2016', 'tua 22/05/2016', 'c. 22/05/2016', 'approx 22 Mai 2016', '22/05/2016?']) {
    assert.deepEqual(parseDateCell(text), about, text);
  }
  assert.deepEqual(parseDateCell('c. 2019'), { occurredOn: '2019-01-01', precision: 'year' }, 'a year is already a period');
  assert.deepEqual(parseDateCell('about March 2019'), { occurredOn: '2019-03-01', precision: 'month' });
});

test('impossible dates are refused, never rolled over; years outside 1900–2100 too; two-digit years as Excel reads them', () => {
  assert.equal(parseDateCell('31/02/2024'), 'import.date.notReal');
  assert.equal(parseDateCell('29/02/2023'), 'import.date.notReal');
  assert.deepEqual(parseDateCell('29/02/2024'), { occurredOn: '2024-02-29', precision: 'exact' });
  assert.equal(parseDateCell('13/13/2024'), 'import.date.notReal');
  assert.equal(parseDateCell('31 Februaryish 2024'), 'import.date.invalid');
  assert.equal(parseDateCell('next Tuesday'), 'import.date.invalid');
  assert.equal(parseDateCell('01/01/1850'), 'import.date.outOfRange');
  assert.equal(parseDateCell(''), null);
  assert.deepEqual(parseDateCell('1/2/29'), { occurredOn: '2029-02-01', precision: 'exact' });
  assert.deepEqual(parseDateCell('1/2/30'), { occurredOn: '1930-02-01', precision: 'exact' });
});

test('Excel serial dates, as numbers, as text and as the UTC-midnight Dates exceljs gives', () => {
  assert.deepEqual(parseDateCell(45322), { occurredOn: '2024-01-31', precision: 'exact' });
  assert.deepEqual(parseDateCell(45322.75), { occurredOn: '2024-01-31', precision: 'exact' });
  assert.deepEqual(parseDateCell('45322'), { occurredOn: '2024-01-31', precision: 'exact' });
  assert.deepEqual(parseDateCell(new Date('2024-01-31T00:00:00Z')), { occurredOn: '2024-01-31', precision: 'exact' });
  assert.deepEqual(
    parseDateCell(new Date(Date.UTC(2024, 0, 30, 23, 59, 59, 999))),
    { occurredOn: '2024-01-31', precision: 'exact' },
    'a hair short of midnight',
  );
  assert.equal(parseDateCell(5), 'import.date.outOfRange');
});

test('times: 24-hour, with a dot, 12-hour in English and Welsh, Excel fractions of a day and time Dates', () => {
  for (const t of ['14:30', '14.30', '1430', '2:30pm', '2.30 p.m.', '2:30yp', '14:30:00', 0.6041666666, new Date(Date.UTC(1899, 11, 30, 14, 29, 59, 990))]) {
    assert.equal(parseTimeCell(t), '14:30', String(t));
  }
  assert.equal(parseTimeCell('12am'), '00:00');
  assert.equal(parseTimeCell('12pm'), '12:00');
  assert.equal(parseTimeCell('9am'), '09:00');
  assert.equal(parseTimeCell('25:00'), 'import.time.invalid');
  assert.equal(parseTimeCell('13pm'), 'import.time.invalid');
  assert.equal(parseTimeCell('teatime'), 'import.time.invalid');
  assert.equal(parseTimeCell(' '), null);
});

test('event types and significance by English or Welsh label or code', () => {
  assert.equal(parseEventType('home visit'), 'home_visit');
  assert.equal(parseEventType('Ymweliad cartref'), 'home_visit');
  assert.equal(parseEventType('HOME_VISIT'), 'home_visit');
  assert.equal(parseEventType('Apwyntiad a gollwyd'), 'missed_appointment');
  assert.equal(parseEventType('Party'), undefined);
  const index = peopleIndex(PEOPLE);
  const layout = { columns: TEMPLATE_COLUMNS.map((c) => c.key) };
  const result = parseRow(layout, 2, row({ ...GOOD, eventType: 'Trafodaeth strategaeth', significance: 'arwyddocâd mawr' }), index);
  assert.deepEqual(result.problems, [{ row: 2, column: 'significance', key: 'import.significance.invalid' }]);
  const cy = parseRow(layout, 3, row({ ...GOOD, significance: 'Canolig' }), index);
  assert.equal(cy.fields?.significance, 'medium');
});

test('people by pseudonym in either language, any case, Welsh mutated forms; an unknown name is a problem on the row', () => {
  const index = peopleIndex(PEOPLE);
  const layout = { columns: TEMPLATE_COLUMNS.map((c) => c.key) };
  const ok = parseRow(layout, 2, row({ ...GOOD, people: "child a; Plentyn A; Blentyn A ;Aelod o'r teulu 1, person 2" }), index);
  assert.deepEqual(ok.fields?.people, ['p-child-a', 'p-fam-1', 'p-person-2']);
  const bad = parseRow(layout, 7, row({ ...GOOD, people: 'Child A; John Smith' }), index);
  assert.deepEqual(bad.problems, [{ row: 7, column: 'people', key: 'import.people.unknown', text: 'John Smith' }]);
});

test('a good row gives the entry’s fields; a coarser precision given keeps the period’s first day; a finer one is refused', () => {
  const index = peopleIndex(PEOPLE);
  const layout = { columns: TEMPLATE_COLUMNS.map((c) => c.key) };
  const ok = parseRow(
    layout,
    2,
    row({ ...GOOD, time: '9:05', people: 'Child A', practitionerRole: 'Health visitor', outcome: 'Seen', analystComment: 'ŵ ŷ â' }),
    index,
  );
  assert.deepEqual(ok.fields, {
    occurredOn: '2024-01-31',
    precision: 'exact',
    time: '09:05',
    eventType: 'home_visit',
    description: GOOD.description,
    people: ['p-child-a'],
    practitionerRole: 'Health visitor',
    actionTaken: '',
    outcome: 'Seen',
    sourceRef: 'HV-1234',
    significance: 'high',
    analystComment: 'ŵ ŷ â',
  });
  const month = parseRow(layout, 2, row({ ...GOOD, date: '15/03/2019', precision: 'Mis' }), index);
  assert.deepEqual([month.fields?.occurredOn, month.fields?.precision], ['2019-03-01', 'month']);
  const finer = parseRow(layout, 2, row({ ...GOOD, date: 'March 2019', precision: 'Exact' }), index);
  assert.deepEqual(finer.problems, [{ row: 2, column: 'precision', key: 'import.precision.finerThanDate' }]);
  const timeWithoutDay = parseRow(layout, 2, row({ ...GOOD, date: '2019', time: '10:00' }), index);
  assert.deepEqual(timeWithoutDay.problems, [{ row: 2, column: 'time', key: 'import.time.withoutDay' }]);
});

test('every problem of a row, in column order: required cells, lengths, control characters', () => {
  const index = peopleIndex(PEOPLE);
  const layout = { columns: TEMPLATE_COLUMNS.map((c) => c.key) };
  const result = parseRow(layout, 4, row({ date: '31/02/2024', eventType: 'x', description: 'd'.repeat(5001), outcome: 'a\u0000b', significance: '' }), index);
  assert.deepEqual(
    result.problems.map((p) => `${p.column}:${p.key}`),
    [
      'date:import.date.notReal',
      'eventType:import.eventType.invalid',
      'description:import.description.tooLong',
      'outcome:import.cell.control',
      'sourceRef:import.sourceRef.required',
      'significance:import.significance.required',
    ],
  );
});

test('formulas: text starting = + - @ is text; formula and error cells are refused; written text is prefixed and read back as it was', () => {
  const index = peopleIndex(PEOPLE);
  const layout = { columns: TEMPLATE_COLUMNS.map((c) => c.key) };
  const text = parseRow(layout, 2, row({ ...GOOD, description: '=HYPERLINK("http://x","y")', outcome: '-1', analystComment: '@SUM(A1)' }), index);
  assert.equal(text.fields?.description, '=HYPERLINK("http://x","y")');
  const formula = parseRow(layout, 3, row({ ...GOOD, description: { formula: 'A1&B1', result: 'ab' }, outcome: { error: '#N/A' } }), index);
  assert.deepEqual(formula.problems, [
    { row: 3, column: 'description', key: 'import.cell.formula' },
    { row: 3, column: 'outcome', key: 'import.cell.error' },
  ]);
  for (const t of ['=1+1', '+44 1234', '-5', '@cmd', '\tx', 'plain', "'quoted", "'=already"]) {
    assert.equal(unprefixCellText(safeCellText(t)), t, t);
  }
  assert.equal(safeCellText('=1+1'), "'=1+1");
  assert.equal(safeCellText('plain'), 'plain');
  const read = parseRow(layout, 2, row({ ...GOOD, description: safeCellText('=1+1') }), index);
  assert.equal(read.fields?.description, '=1+1');
});

test('the validator reads every row, skips blank ones, keeps the first problems and counts them all', () => {
  const rows = [{ row: 1, cells: EN as RawCell[] }];
  for (let i = 2; i <= 300; i += 1) rows.push({ row: i, cells: row({ ...GOOD, date: i % 2 ? '31/02/2024' : GOOD.date }) });
  rows.push({ row: 301, cells: [null, '', '  '] });
  const report = validateRows(rows, PEOPLE, 50);
  assert.equal(report.ok, false);
  assert.equal(report.rows, 299);
  assert.equal(report.problems.length, 50);
  assert.equal(report.problemCount, 149);
  assert.deepEqual(report.problems[0], { row: 3, column: 'date', key: 'import.date.notReal' });
  assert.equal(report.entries.length, 150);
  assert.deepEqual(validateRows([{ row: 1, cells: CY }], PEOPLE).problems, [{ row: 2, column: null, key: 'import.file.noRows' }]);
  assert.deepEqual(validateRows([], PEOPLE).problems, [{ row: 1, column: null, key: 'import.file.noHeader' }]);
});

test('an entry written as cells and read back gives the same fields, in English and Welsh', () => {
  const index = peopleIndex(PEOPLE);
  const layout = { columns: TEMPLATE_COLUMNS.map((c) => c.key) };
  const entries: EntryFields[] = [
    { ...base(), occurredOn: '2016-05-22', precision: 'about', time: '14:30' },
    { ...base(), occurredOn: '2019-03-01', precision: 'month' },
    { ...base(), occurredOn: '2019-01-01', precision: 'year' },
    { ...base(), occurredOn: '2024-01-31', precision: 'exact', people: ['p-fam-1', 'p-child-a'] },
  ];
  for (const language of ['en', 'cy'] as const) {
    for (const fields of entries) {
      const cells = entryCells(fields, language, (id) => PEOPLE.find((p) => p.id === id)?.[language] ?? id);
      assert.deepEqual(parseRow(layout, 2, cells, index).fields, fields, `${language} ${fields.precision}`);
    }
  }
});

test('dates written for readers: exact, about, month, year in English and Welsh', () => {
  assert.equal(formatEntryDate({ occurredOn: '2016-05-22', precision: 'about' }, 'en'), 'about 22 May 2016');
  assert.equal(formatEntryDate({ occurredOn: '2016-05-22', precision: 'about' }, 'cy'), 'tua 22 Mai 2016');
  assert.equal(formatEntryDate({ occurredOn: '2019-03-01', precision: 'month' }, 'cy'), 'Mawrth 2019');
  assert.equal(formatEntryDate({ occurredOn: '2019-03-01', precision: 'month' }, 'en'), 'March 2019');
  assert.equal(formatEntryDate({ occurredOn: '2019-01-01', precision: 'year' }, 'cy'), '2019');
  assert.equal(formatEntryDate({ occurredOn: '2024-01-31', precision: 'exact' }, 'en'), '31 January 2024');
});

test('every problem key is under chronology:import.', () => {
  for (const key of IMPORT_PROBLEM_KEYS) assert.match(key, /^import\.[a-zA-Z]+\.[a-zA-Z0-9]+$/);
});

function base(): EntryFields {
  return {
    occurredOn: '2024-01-31',
    precision: 'exact',
    time: null,
    eventType: 'strategy_discussion',
    description: 'Strategy discussion about Child A: ŵ ŷ â',
    people: ['p-child-a'],
    practitionerRole: 'Social worker',
    actionTaken: '=not a formula',
    outcome: '-',
    sourceRef: 'SC/2024/1',
    significance: 'medium',
    analystComment: '',
  };
}
