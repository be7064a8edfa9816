// Importing a spreadsheet into an agency's chronology (issue 11 item 2), through the services and the jobs table,
// on both databases: good .xlsx and .csv files import every row (Welsh letters kept, "Plentyn A" names the child,
// Excel serial dates read); a file with one bad row imports nothing and says which row and field; 31/02/2024, a
// formula, a PDF renamed .xlsx and a zip bomb are refused; rows outside the review's period are warned, not refused;
// another agency's contributor can neither upload nor see the import; the job run twice imports once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { loadConfig } from '../../config.ts';
import { createServices, type Services } from '../../container.ts';
import { findImport } from '../../db/repositories/chronology-imports-repository.ts';
import { entriesPage } from '../../db/repositories/chronology-repository.ts';
import { reviewPeople } from '../../db/repositories/family-repository.ts';
import { TEMPLATE_COLUMNS, templateHeaders } from '../../domain/chronology/import-rows.ts';
import { addDays } from '../../domain/clock/dates.ts';
import type { Language } from '../../domain/organisation.ts';
import { as } from '../../testing/case-fixtures.ts';
import { callerFor, completeRequest, type SeededRequest, seedRequest } from '../../testing/contribution-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { seedAgency } from '../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../testing/review-fixtures.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { zip } from '../../testing/zip-fixture.ts';
import { type Caller, ServiceError } from '../context.ts';
import { UploadRefused } from '../files/file-service.ts';

type Cells = Partial<Record<(typeof TEMPLATE_COLUMNS)[number]['key'], unknown>>;
const GOOD: Cells = { date: '31/01/2024', eventType: 'Contact', description: 'Phone call', sourceRef: 'R1', significance: 'Low' };

async function workbook(rows: Cells[], language: Language = 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(templateHeaders(language));
  for (const r of rows) ws.addRow(TEMPLATE_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

for (const dialect of dialectsUnderTest()) {
  describe(`importing a chronology spreadsheet (${dialect})`, () => {
    let services: Services;
    let boardId: string;
    let reviewId: string;
    let police: SeededRequest;
    let health: SeededRequest;
    let author: Caller;
    let otherAuthor: Caller;
    let child: { id: string; en: string; cy: string };
    let clock: TestClock;
    const dataDir = mkdtempSync(join(tmpdir(), 'chron-import-test-'));

    before(async () => {
      const db = await createTestDb(dialect);
      clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }), clock });
      const board = await seedBoard(services, 'CYSUR');
      boardId = board.id;
      const callers = await reviewCallers(services, boardId);
      const review = await seedReview(services, boardId, callers, { frameworkId: 'CPR_2016' });
      reviewId = review.id;
      const dueOn = addDays(clock.today(), 28);
      police = await seedRequest(services, callers.bu, { boardId, reviewId, agencyId: (await seedAgency(services, [boardId])).id }, { dueOn });
      const healthAgency = await seedAgency(services, [boardId], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
      health = await seedRequest(services, callers.bu, { boardId, reviewId, agencyId: healthAgency.id }, { dueOn });
      await completeRequest(services, { boardId, reviewId }, police, 'timeline', 'declared');
      await completeRequest(services, { boardId, reviewId }, health, 'timeline', 'declared');
      author = await callerFor(services, police.author.id);
      otherAuthor = await callerFor(services, health.author.id);
      const found = (await reviewPeople(db.kysely, reviewId)).find((p) => p.kind === 'child');
      assert.ok(found, 'the review lists its child');
      child = found;
      // The period under review: entries before 2023 are warned about, not refused.
      await services.terms.saveSection(as(callers.bu, 'TERMS_OF_REFERENCE_SECTION_SAVED'), boardId, reviewId, {
        section: 'period',
        startOn: '2023-01-01',
        endOn: '2026-10-31',
        revision: 0,
      });
    });
    after(async () => {
      await services.db.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const upload = (file: Buffer, name: string, caller = author, requestId = police.id) =>
      services.chronologyImports.start(as(caller, 'CHRONOLOGY_IMPORT_STARTED'), boardId, reviewId, requestId, { name, content: Readable.from([file]) }, 'en');
    const entryCount = async (requestId = police.id) => (await entriesPage(services.db.kysely, reviewId, [requestId], {}, { offset: 0, limit: 0 })).total;
    const importOf = async (id: string) => {
      const row = await findImport(services.db.kysely, id);
      assert.ok(row);
      return row;
    };
    /** Uploads, runs the jobs that are due, and gives the import's record. */
    const imported = async (file: Buffer, name: string) => {
      const { id } = await upload(file, name);
      assert.equal((await importOf(id)).status, 'queued');
      await services.jobs.runDue();
      return importOf(id);
    };

    test('a good .xlsx imports every row: Welsh letters kept, "Plentyn A" names the child, an Excel serial date read, one warning', async () => {
      const before = await entryCount();
      const file = await workbook(
        [
          { ...GOOD, description: 'Gwelodd yr ymwelydd iechyd y plentyn; ŵ ŷ â ê.', people: child.cy },
          { ...GOOD, date: 45322, people: child.en, significance: 'Uchel' },
          { ...GOOD, date: '14/03/2019', description: 'Before the period' },
        ],
        'cy',
      );
      const row = await imported(file, 'cronoleg.xlsx');
      assert.equal(row.status, 'imported');
      assert.equal(row.imported, 3);
      assert.equal(row.rowsRead, 3);
      assert.equal(row.warnings, 1);
      assert.deepEqual(row.problems, [{ row: 4, column: 'date', key: 'warnings.outsidePeriod' }]);
      assert.equal((await entryCount()) - before, 3);
      const { entries } = await entriesPage(services.db.kysely, reviewId, [police.id], {}, { offset: 0, limit: 100 });
      const mine = entries.filter((e) => e.importId === row.id);
      assert.ok(mine.some((e) => e.description === 'Gwelodd yr ymwelydd iechyd y plentyn; ŵ ŷ â ê.' && e.people[0] === child.id));
      assert.ok(mine.some((e) => e.occurredOn === '2024-01-31' && e.significance === 'high' && e.people[0] === child.id));
      assert.equal(new Set(mine.map((e) => e.entryNo)).size, 3, 'each numbered');
    });

    test('a good .csv imports too (UTF-8 with a byte order mark, Welsh headers and letters)', async () => {
      const csv = `\uFEFF${templateHeaders('cy').join(',')}\r\n31/01/2024,,,Cyswllt,"Galwad ffôn â’r fam",${child.cy},,,,R9,Isel,\r\n`;
      const row = await imported(Buffer.from(csv), 'cronoleg.csv');
      assert.equal(row.status, 'imported');
      assert.equal(row.imported, 1);
      const { entries } = await entriesPage(services.db.kysely, reviewId, [police.id], {}, { offset: 0, limit: 100 });
      assert.ok(entries.some((e) => e.importId === row.id && e.description === 'Galwad ffôn â’r fam'));
    });

    test('one bad row imports nothing: 31/02/2024 and a formula named by row and field', async () => {
      const before = await entryCount();
      const file = await workbook([GOOD, { ...GOOD, date: '31/02/2024' }, GOOD, { ...GOOD, description: { formula: 'A1&"x"', result: 'x' } }]);
      const row = await imported(file, 'chronology.xlsx');
      assert.equal(row.status, 'refused');
      assert.equal(row.imported, 0);
      assert.equal(row.problemCount, 2);
      assert.deepEqual(row.problems, [
        { row: 3, column: 'date', key: 'import.date.notReal' },
        { row: 5, column: 'description', key: 'import.cell.formula' },
      ]);
      assert.equal(await entryCount(), before, 'nothing imported');
    });

    test('a PDF renamed .xlsx is refused by the files service (nothing recorded); a zip bomb disguised as .xlsx is refused by the job', async () => {
      const before = await entryCount();
      const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
      await assert.rejects(upload(pdf, 'chronology.xlsx'), (e) => e instanceof UploadRefused && e.reason === 'type');
      const bomb = zip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<row r="1"/>'.repeat(2 * 1024 * 1024)), claimedSize: 1000 },
      ]);
      try {
        const row = await imported(bomb, 'chronology.xlsx');
        assert.equal(row.status, 'refused');
        assert.equal(row.problems[0]?.key, 'import.file.tooBig');
      } catch (error) {
        // Or the files service does not take it for a spreadsheet at all: refused either way.
        assert.ok(error instanceof UploadRefused, String(error));
      }
      assert.equal(await entryCount(), before);
    });

    test('another agency’s contributor can neither upload into this chronology nor see its import; ids of another agency are not found', async () => {
      const file = await workbook([GOOD]);
      await assert.rejects(upload(file, 'x.xlsx', otherAuthor), (e) => e instanceof ServiceError && e.kind === 'forbidden');
      const { id } = await upload(file, 'x.xlsx');
      await assert.rejects(
        services.chronologyImports.status(as(otherAuthor, 'CHRONOLOGY_IMPORT_VIEWED'), boardId, reviewId, police.id, id),
        (e) => e instanceof ServiceError && e.kind === 'forbidden',
      );
      // Through the health's own request, the police's import is not found.
      await assert.rejects(
        services.chronologyImports.status(as(otherAuthor, 'CHRONOLOGY_IMPORT_VIEWED'), boardId, reviewId, health.id, id),
        (e) => e instanceof ServiceError && e.kind === 'not_found',
      );
      await services.jobs.runDue();
      assert.equal((await entryCount(health.id)) + 0, 0);
    });

    test('an agency whose contribution is not being drafted cannot import (the same refusal as adding an entry)', async () => {
      const callers = await reviewCallers(services, boardId);
      const other = await seedAgency(services, [boardId], { en: 'Test Education', cy: 'Addysg Prawf' }, 'education');
      const undeclared = await seedRequest(services, callers.bu, { boardId, reviewId, agencyId: other.id }, { dueOn: addDays(services.clock.today(), 28) });
      const contributor = await callerFor(services, undeclared.author.id);
      await assert.rejects(
        upload(await workbook([GOOD]), 'x.xlsx', contributor, undeclared.id),
        (e) => e instanceof ServiceError && e.kind === 'conflict' && e.fieldErrors.form === 'contributions:errors.declareFirst',
      );
      assert.equal(await entryCount(undeclared.id), 0);
    });

    test('a job that keeps failing is retried, then the import is marked failed (nothing written) and stops waiting', async () => {
      const before = await entryCount();
      const { id } = await upload(await workbook([GOOD]), 'gone.xlsx');
      const row = await importOf(id);
      // The stored file goes (as if its storage failed): every attempt fails.
      await services.files.release(as(author, 'TEST'), row.fileId ?? '', { type: 'chronology_import', id });
      await services.jobs.runDue();
      assert.equal((await importOf(id)).status, 'queued', 'the first failure is retried');
      for (const wait of [31_000, 61_000]) {
        clock.advance(wait);
        await services.jobs.runDue();
      }
      assert.equal((await importOf(id)).status, 'failed');
      assert.equal(await entryCount(), before);
    });

    test('the job run again, or twice at once, imports once', async () => {
      const before = await entryCount();
      const { id } = await upload(await workbook([GOOD, GOOD]), 'twice.xlsx');
      const row = await importOf(id);
      // Two runs at once (a job taken for dead and claimed again while the first still ran).
      const file = await workbook([GOOD, GOOD]);
      const outcomes = await Promise.all([
        services.chronologyImports.process(as(author, 'CHRONOLOGY_IMPORTED'), row, file),
        services.chronologyImports.process(as(author, 'CHRONOLOGY_IMPORTED'), row, file),
      ]);
      assert.deepEqual(outcomes.map((o) => o.imported).sort(), [0, 2]);
      // And the queued job, run after: nothing more.
      await services.jobs.runDue();
      assert.equal(await services.chronologyImports.runImport(id), undefined);
      assert.equal((await entryCount()) - before, 2);
      assert.equal((await importOf(id)).status, 'imported');
    });
  });
}
