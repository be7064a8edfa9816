import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { EntryFields } from '../../domain/chronology/entry.ts';
import { entryCells, type ImportPerson, TEMPLATE_COLUMNS, templateHeaders } from '../../domain/chronology/import-rows.ts';
import type { Language } from '../../domain/organisation.ts';
import { WORKBOOK_PEOPLE, writeChronologyWorkbook } from '../../testing/chronology-workbook.ts';
import { zip } from '../../testing/zip-fixture.ts';
import { type ReadProgress, readSpreadsheet, SpreadsheetRefused, spreadsheetFormat, validateSpreadsheet } from './spreadsheet.ts';
import { type ExportCell, templateFile, writeCsv, writeXlsx } from './spreadsheet-write.ts';

const PEOPLE: ImportPerson[] = [
  { id: 'p-child-a', en: 'Child A', cy: 'Plentyn A' },
  { id: 'p-fam-1', en: 'Family member 1', cy: 'Aelod o’r teulu 1' },
];

function entries(): EntryFields[] {
  const base: EntryFields = {
    occurredOn: '2024-01-31',
    precision: 'exact',
    time: null,
    eventType: 'home_visit',
    description: 'Gwelodd yr ymwelydd iechyd Blentyn A gartref; ŵ ŷ â ê.\nSecond line.',
    people: ['p-child-a'],
    practitionerRole: 'Health visitor',
    actionTaken: '=HYPERLINK("http://evil","click")',
    outcome: '-1',
    sourceRef: '@HV/1234',
    significance: 'high',
    analystComment: '+44 comment',
  };
  return [
    base,
    { ...base, occurredOn: '2016-05-22', precision: 'about', time: '14:30', eventType: 'strategy_discussion', people: ['p-fam-1', 'p-child-a'] },
    { ...base, occurredOn: '2019-03-01', precision: 'month', eventType: 'other', significance: 'low', people: [] },
    { ...base, occurredOn: '2019-01-01', precision: 'year', eventType: 'missed_appointment', analystComment: '' },
  ];
}

function cellsOf(fields: EntryFields, language: Language): ExportCell[] {
  return entryCells(fields, language, (id) => PEOPLE.find((p) => p.id === id)?.[language] ?? id);
}

async function collect(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  out.end();
  await ended;
  return Buffer.concat(chunks);
}

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function rowsOf(input: Buffer): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const r of readSpreadsheet(input)) rows.push(r.cells);
  return rows;
}

async function refusal(input: Buffer | { path: string }, options = {}): Promise<SpreadsheetRefused> {
  try {
    for await (const _ of readSpreadsheet(input, options)) {
      // read to the end
    }
  } catch (error) {
    assert.ok(error instanceof SpreadsheetRefused, String(error));
    return error;
  }
  assert.fail('the file was not refused');
}

/** A workbook made with exceljs's ordinary writer, the way a person's spreadsheet program would save it. */
async function workbook(rows: unknown[][], language: Language = 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(templateHeaders(language));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function templateRow(values: Partial<Record<(typeof TEMPLATE_COLUMNS)[number]['key'], unknown>>): unknown[] {
  return TEMPLATE_COLUMNS.map((c) => values[c.key] ?? null);
}

const GOOD = { date: '31/01/2024', eventType: 'Contact', description: 'Phone call', sourceRef: 'R1', significance: 'Low' };

for (const language of ['en', 'cy'] as const) {
  test(`template → filled in → read back gives the same fields (${language}, xlsx): Welsh letters survive, text starting = + - @ stays text`, async () => {
    const template = await templateFile('xlsx', language);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), templateHeaders(language));
    assert.equal(wb.worksheets[1]?.name, language === 'en' ? 'Notes' : 'Nodiadau');
    assert.equal(wb.worksheets[1]?.getRow(12).getCell(1).value, language === 'en' ? 'Significance' : 'Arwyddocâd');
    for (const fields of entries()) sheet.addRow(cellsOf(fields, language));
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const report = await validateSpreadsheet(filled, PEOPLE);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(
      report.entries.map((e) => e.fields),
      entries(),
    );
    assert.deepEqual(
      report.entries.map((e) => e.row),
      [2, 3, 4, 5],
    );
  });

  for (const format of ['xlsx', 'csv'] as const) {
    test(`our export read back gives the original fields and text (${language}, ${format})`, async () => {
      const file = await collect((out) =>
        format === 'xlsx'
          ? writeXlsx(out, [{ name: 'Chronology', headers: templateHeaders(language), rows: slowly(entries().map((e) => cellsOf(e, language))) }])
          : writeCsv(out, { headers: templateHeaders(language), rows: slowly(entries().map((e) => cellsOf(e, language))) }),
      );
      assert.equal(await spreadsheetFormat(file), format);
      if (format === 'csv') {
        assert.deepEqual([...file.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark, so Excel reads UTF-8');
        const text = file.toString('utf8');
        assert.match(text, /'=HYPERLINK/);
        assert.match(text, /,'-1,/);
        assert.match(text, /'@HV\/1234/);
        assert.match(text, /ŵ ŷ â/);
        assert.match(text, /\n31\/01\/2024,/);
      }
      const report = await validateSpreadsheet(file, PEOPLE);
      assert.deepEqual(report.problems, []);
      assert.deepEqual(
        report.entries.map((e) => e.fields),
        entries(),
      );
    });
  }

  test(`the CSV template is the header row in ${language}`, async () => {
    const csv = await templateFile('csv', language);
    assert.equal(csv.toString('utf8'), `\uFEFF${templateHeaders(language).join(',')}\r\n`);
  });
}

test('exported xlsx: exact dates are real dates, formula-like text is prefixed text, never a formula', async () => {
  const file = await collect((out) =>
    writeXlsx(out, [{ name: 'Cronoleg', headers: ['Dyddiad', 'Disgrifiad'], rows: [[new Date('2024-01-31T00:00:00Z'), '=1+1']] }]),
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const cell = wb.worksheets[0]?.getCell('A2');
  assert.ok(cell?.value instanceof Date);
  assert.equal((cell.value as Date).toISOString(), '2024-01-31T00:00:00.000Z');
  assert.equal(cell.numFmt, 'dd/mm/yyyy');
  assert.equal(wb.worksheets[0]?.getCell('B2').value, "'=1+1");
  assert.equal(wb.worksheets[0]?.getCell('B2').type, ExcelJS.ValueType.String);
});

test('Excel serial dates and date cells in a workbook; 31/02/2024 refused on its row; a formula cell refused', async () => {
  const file = await workbook([
    templateRow({ ...GOOD, date: 45322 }),
    templateRow({ ...GOOD, date: new Date(Date.UTC(2024, 0, 31)), time: 0.6041666666666666 }),
    templateRow({ ...GOOD, date: '31/02/2024' }),
    templateRow({ ...GOOD, description: { formula: 'A1&"x"', result: 'x' } }),
  ]);
  const report = await validateSpreadsheet(file, PEOPLE);
  assert.deepEqual(
    report.entries.map((e) => [e.row, e.fields.occurredOn, e.fields.precision, e.fields.time]),
    [
      [2, '2024-01-31', 'exact', null],
      [3, '2024-01-31', 'exact', '14:30'],
    ],
  );
  assert.equal(report.ok, false);
  assert.deepEqual(report.problems, [
    { row: 4, column: 'date', key: 'import.date.notReal' },
    { row: 5, column: 'description', key: 'import.cell.formula' },
  ]);
});

test('a CSV with 31/02/2024 and an unknown person: every bad row and field, nothing to import', async () => {
  const csv = `\uFEFFDate,Event type,Description,People involved,Source record reference,Significance\r\n31/02/2024,Contact,x,Child A,R1,Low\r\n01/02/2024,Cyswllt,"multi\r\nline",Plentyn B,R2,Isel\r\n02/02/2024,Contact,=1+1,,R3,Low\r\n`;
  const report = await validateSpreadsheet(Buffer.from(csv), PEOPLE);
  assert.equal(report.ok, false);
  assert.deepEqual(report.problems, [
    { row: 2, column: 'date', key: 'import.date.notReal' },
    { row: 3, column: 'people', key: 'import.people.unknown', text: 'Plentyn B' },
  ]);
  assert.equal(report.entries.at(-1)?.fields.description, '=1+1');
});

test('wrong headers: the file is refused naming each missing and unknown column', async () => {
  const report = await validateSpreadsheet(Buffer.from('Date,Event type,Description,Colour\n01/01/2024,Contact,x,red\n'), PEOPLE);
  assert.deepEqual(report.problems, [
    { row: 1, column: null, key: 'import.file.unknownColumn', text: 'Colour' },
    { row: 1, column: 'sourceRef', key: 'import.file.missingColumn' },
    { row: 1, column: 'significance', key: 'import.file.missingColumn' },
  ]);
});

test('not a spreadsheet: a PDF, random bytes, a zip that is not a workbook, a CSV that is not UTF-8', async () => {
  assert.equal((await refusal(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1'))).key, 'import.file.notSpreadsheet');
  assert.equal((await refusal(randomBytes(4096))).key, 'import.file.notSpreadsheet');
  assert.equal((await refusal(zip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]))).key, 'import.file.notSpreadsheet');
  const latin1 = Buffer.concat([
    Buffer.from('Date,Event type,Description,Source record reference,Significance\n01/01/2024,Contact,caf'),
    Buffer.from([0xe9]),
    Buffer.from(',R1,Low\n'),
  ]);
  assert.equal((await refusal(latin1)).key, 'import.file.notUtf8');
  assert.equal((await refusal(Buffer.from(`\uFEFF${templateHeaders('cy').join('\t')}\n`, 'utf16le'))).key, 'import.file.notUtf8');
  assert.equal((await refusal(Buffer.alloc(0))).key, 'import.file.noHeader');
});

test('a zip bomb disguised as .xlsx is refused on what it really expands to, even when its directory lies', async () => {
  const bomb = Buffer.from('<row r="1"/>'.repeat(2 * 1024 * 1024));
  const file = zip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: bomb, claimedSize: 1000 },
  ]);
  const refused = await refusal(file);
  assert.equal(refused.key, 'import.file.tooBig');
  assert.match(refused.message, /sheet1\.xml expands/);
  const spaces = zip([
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/sharedStrings.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20), claimedSize: 1000 },
  ]);
  assert.equal((await refusal(spaces)).key, 'import.file.cellTooLong', 'one endless run of text is a cell too long, found as it streams');
  const big = zip([
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/sharedStrings.xml', data: randomBytes(3 * 1024 * 1024) },
  ]);
  assert.equal((await refusal(big, { limits: { maxEntryBytes: 2 * 1024 * 1024 } })).key, 'import.file.tooBig');
  const hidden = zip([
    { name: 'xl/worksheets/sheet1.xml', data: bomb, hidden: true },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
  ]);
  const unlisted = await refusal(hidden);
  assert.equal(unlisted.key, 'import.file.unreadable');
  assert.match(unlisted.message, /unlisted bytes/);
});

test('10 MB in one cell: refused by the cell limit (CSV from a file on disk, and in a workbook)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'chron-sheet-'));
  try {
    const path = join(dir, 'big.csv');
    await writeFile(path, `Date,Event type,Description,Source record reference,Significance\n01/01/2024,Contact,"${'x'.repeat(10 * 1024 * 1024)}",R1,Low\n`);
    const refused = await refusal({ path });
    assert.deepEqual([refused.key, refused.row], ['import.file.cellTooLong', 2]);
    const xlsx = await workbook([templateRow({ ...GOOD, description: randomBytes(7.5 * 1024 * 1024).toString('base64') })]);
    const inWorkbook = await refusal(xlsx);
    assert.deepEqual([inWorkbook.key, inWorkbook.row], ['import.file.cellTooLong', null], 'refused by the zip check, before exceljs reads it');
    assert.match(inWorkbook.message, /sharedStrings\.xml: text of/);
    const longer = await workbook([templateRow({ ...GOOD, description: 'y'.repeat(2000) })]);
    const onItsRow = await refusal(longer, { limits: { maxCellChars: 1000 } });
    assert.deepEqual([onItsRow.key, onItsRow.row], ['import.file.cellTooLong', 2], 'a cell within the zip check’s margin is refused on its row');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('more rows than the limit are refused; progress is reported as rows and bytes are read', async () => {
  const lines = ['Date,Event type,Description,Source record reference,Significance'];
  for (let i = 0; i < 30; i += 1) lines.push(`01/01/2024,Contact,Row ${i},R${i},Low`);
  const csv = Buffer.from(`${lines.join('\n')}\n`);
  const refused = await refusal(csv, { limits: { maxRows: 20 } });
  assert.deepEqual([refused.key, refused.row], ['import.file.tooManyRows', 22]);
  const blankRowsBetween = Buffer.from(`${lines.slice(0, 21).join('\n')}\n${',,,,\n'.repeat(50)}`);
  assert.equal((await validateSpreadsheet(blankRowsBetween, PEOPLE, { limits: { maxRows: 20 } })).ok, true, 'blank rows do not count');
  const progress: ReadProgress[] = [];
  const report = await validateSpreadsheet(csv, PEOPLE, { onProgress: (p) => progress.push(p), progressEvery: 10 });
  assert.equal(report.ok, true);
  assert.equal(report.rows, 30);
  assert.deepEqual(
    progress.map((p) => p.rows),
    [10, 20, 30, 31],
  );
  assert.deepEqual(progress.at(-1), { rows: 31, bytes: csv.length, totalBytes: csv.length });
  const refusedReport = await validateSpreadsheet(csv, PEOPLE, { limits: { maxRows: 20 } });
  assert.deepEqual(refusedReport.problems, [{ row: 22, column: null, key: 'import.file.tooManyRows' }]);
});

test('a workbook’s rows come from its first sheet, by their sheet row numbers, blank rows skipped', async () => {
  const file = await workbook([templateRow(GOOD), [], templateRow({ ...GOOD, description: 'Third' })], 'cy');
  const rows = await rowsOf(file);
  assert.equal(rows.length, 3);
  const report = await validateSpreadsheet(file, PEOPLE);
  assert.deepEqual(
    report.entries.map((e) => e.row),
    [2, 4],
  );
});

test('the generated workbook (the bench’s 100,000-row file, here 300 rows) imports without a problem, in both formats and languages', async () => {
  for (const [format, language] of [
    ['xlsx', 'en'],
    ['csv', 'cy'],
  ] as const) {
    const file = await collect((out) => writeChronologyWorkbook(out, { rows: 300, format, language }));
    const report = await validateSpreadsheet(file, WORKBOOK_PEOPLE);
    assert.deepEqual([report.ok, report.rows, report.problems], [true, 300, []], format);
  }
});

test('a workbook whose sheet comes before its shared strings and styles (Excel’s order) is read without a temporary file', async () => {
  // exceljs's streaming reader would write such a sheet, in plain text, to a file from the tmp package.
  const tmp = createRequire(import.meta.url)('tmp') as { file: (...args: unknown[]) => unknown };
  const original = tmp.file;
  let spilled = 0;
  tmp.file = (...args: unknown[]) => {
    spilled += 1;
    return original(...args);
  };
  try {
    const exported = await collect((out) => writeChronologyWorkbook(out, { rows: 20 }));
    const names = zipNames(exported);
    assert.ok(names.indexOf('xl/worksheets/sheet1.xml') < names.indexOf('xl/styles.xml'), 'the sheet comes first in the file');
    const filled = await workbook([templateRow({ ...GOOD, date: new Date(Date.UTC(2024, 0, 31)) })]);
    assert.ok(zipNames(filled).indexOf('xl/worksheets/sheet1.xml') < zipNames(filled).indexOf('xl/sharedStrings.xml'));
    for (const file of [exported, filled]) assert.equal((await validateSpreadsheet(file, WORKBOOK_PEOPLE)).ok, true);
    assert.equal(spilled, 0);
  } finally {
    tmp.file = original;
  }
});

function zipNames(file: Buffer): string[] {
  const names: string[] = [];
  for (let at = file.indexOf('PK\u0001\u0002'); at >= 0; at = file.indexOf('PK\u0001\u0002', at + 4)) {
    names.push(file.toString('utf8', at + 46, at + 46 + file.readUInt16LE(at + 28)));
  }
  return names;
}
