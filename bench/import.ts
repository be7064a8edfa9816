// The chronology import's rate (issue 11, "Measured, not asserted in tests"): a 100,000-row filled-in template
// (.xlsx, made by writeChronologyWorkbook, kept in bench/.data/ and reused) read three ways in the same run:
//   1. exceljs's raw streaming read (WorkbookReader, every row of the first sheet, nothing done with them): the floor;
//   2. our read and validation alone (validateSpreadsheet: the zip checks, the cell guards, every row checked);
//   3. the import itself (ChronologyImportService.process, as the job and the command run it: read, validate,
//      checkEntry, progress every 2,000 rows, then every entry in one transaction) into a SQLite file database,
//      seeded with a review whose people the file names.
// Run alone: `npx tsx bench/run.ts --only import [--import-rows N]`; a full `npm run bench` runs it too.
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/config.ts';
import { createServices } from '../src/container.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { findImport, type ImportRow, insertImport } from '../src/db/repositories/chronology-imports-repository.ts';
import { reviewPeople } from '../src/db/repositories/family-repository.ts';
import { addDays } from '../src/domain/clock/dates.ts';
import { validateSpreadsheet } from '../src/services/chronology/spreadsheet.ts';
import { newId, systemCaller } from '../src/services/context.ts';
import { WORKBOOK_PEOPLE, writeChronologyWorkbook } from '../src/testing/chronology-workbook.ts';
import { completeRequest, seedRequest } from '../src/testing/contribution-fixtures.ts';
import { seedBoard } from '../src/testing/fixtures.ts';
import { testKeyring } from '../src/testing/keys.ts';
import { seedAgency } from '../src/testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../src/testing/review-fixtures.ts';
import { TestClock } from '../src/testing/test-app.ts';

export interface ImportBench {
  rows: number;
  fileBytes: number;
  exceljsRaw: { seconds: number; rowsPerSecond: number };
  validateOnly: { seconds: number; rowsPerSecond: number };
  import: { seconds: number; rowsPerSecond: number; readSeconds: number; writeSeconds: number; imported: number; status: string };
  importOverRaw: number;
  peakRssMb: number;
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/** The bench's workbook of `rows` rows (made once, then reused). */
async function workbookFile(dataRoot: string, rows: number): Promise<string> {
  mkdirSync(dataRoot, { recursive: true });
  const file = join(dataRoot, `chronology-${rows}.xlsx`);
  if (!existsSync(file)) {
    const partial = `${file}.partial`;
    const out = createWriteStream(partial);
    await writeChronologyWorkbook(out, { rows });
    await finished(out);
    renameSync(partial, file);
  }
  return file;
}

async function exceljsRaw(file: string): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const _row of sheet as AsyncIterable<unknown>) rows += 1;
    break;
  }
  return rows - 1;
}

/** The review the file names: its people made to match WORKBOOK_PEOPLE (Child A, Child B, Family member 1 and 2, Person 3). */
async function seededImport(dataDir: string) {
  const db = openDatabase({ dialect: 'sqlite', file: join(dataDir, 'bench.sqlite') });
  await migrateToLatest(db);
  const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
  const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }), clock });
  const board = await seedBoard(services, 'BENCH');
  const callers = await reviewCallers(services, board.id);
  const review = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016' });
  const agency = await seedAgency(services, [board.id]);
  const request = await seedRequest(
    services,
    callers.bu,
    { boardId: board.id, reviewId: review.id, agencyId: agency.id },
    { dueOn: addDays(clock.today(), 28) },
  );
  await completeRequest(services, { boardId: board.id, reviewId: review.id }, request, 'timeline', 'declared');
  const have = new Set((await reviewPeople(db.kysely, review.id)).map((p) => p.en));
  const at = clock.now().toISOString();
  for (const p of WORKBOOK_PEOPLE) {
    if (have.has(p.en)) continue;
    const [kind, index] = p.en.startsWith('Child ')
      ? ['child', (p.en.at(-1) ?? 'A').charCodeAt(0) - 64]
      : p.en.startsWith('Family member ')
        ? ['family_member', Number(p.en.split(' ').at(-1))]
        : ['significant_person', Number(p.en.split(' ').at(-1))];
    await db.kysely
      .insertInto('review_people')
      .values({
        id: newId(),
        review_id: review.id,
        pseudonym_kind: kind as string,
        pseudonym_index: index as number,
        source: 'added',
        referral_id: null,
        family_member_id: null,
        relationship: null,
        full_name: null,
        contact_details: null,
        language: 'en',
        language_other: null,
        interpreter_needed: 0,
        consent: 'not_asked',
        consent_on: null,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  const people = await reviewPeople(db.kysely, review.id);
  const missing = WORKBOOK_PEOPLE.filter((p) => !people.some((x) => x.en === p.en));
  if (missing.length) throw new Error(`the bench review lacks ${missing.map((p) => p.en).join(', ')}`);
  const importId = newId();
  await insertImport(
    db.kysely,
    { id: importId, reviewId: review.id, requestId: request.id, agencyId: agency.id, fileId: null, fileName: 'xlsx', language: 'en', by: null },
    at,
  );
  return { services, people, row: (await findImport(db.kysely, importId)) as ImportRow, close: () => db.close() };
}

export async function benchImport(dataRoot: string, rows: number, log: (s: string) => void): Promise<ImportBench> {
  let peakRss = 0;
  const sample = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 200);
  const file = await workbookFile(dataRoot, rows);
  const fileBytes = statSync(file).size;
  log(`\n== chronology import: ${rows.toLocaleString('en-GB')} rows, ${(fileBytes / 1024 / 1024).toFixed(1)} MB xlsx (${file})`);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-chron-import-'));
  try {
    // Each measured once after a warm-up of the same read (the file in the page cache, the code compiled).
    await exceljsRaw(file);
    let t = process.hrtime.bigint();
    const rawRows = await exceljsRaw(file);
    const raw = seconds(t);
    log(`  exceljs raw streaming read: ${rawRows} rows in ${raw.toFixed(2)} s = ${Math.round(rawRows / raw).toLocaleString('en-GB')} rows/s`);

    const { services, people, row, close } = await seededImport(dataDir);
    try {
      t = process.hrtime.bigint();
      const report = await validateSpreadsheet({ path: file }, people, { onEntry: () => {} });
      const validate = seconds(t);
      if (!report.ok) throw new Error(`the bench workbook has problems: ${JSON.stringify(report.problems.slice(0, 3))}`);
      log(
        `  read + validate (no database): ${report.rows} rows in ${validate.toFixed(2)} s = ${Math.round(report.rows / validate).toLocaleString('en-GB')} rows/s`,
      );

      t = process.hrtime.bigint();
      let readDone = 0;
      const outcome = await services.chronologyImports.process(systemCaller('CHRONOLOGY_IMPORTED_BY_COMMAND'), row, { path: file }, (p) => {
        if (p.rows >= rows) readDone = seconds(t);
      });
      const total = seconds(t);
      const read = readDone || total;
      log(
        `  import (read, validate, checkEntry, one transaction): ${outcome.imported} entries in ${total.toFixed(2)} s = ${Math.round(outcome.imported / total).toLocaleString('en-GB')} rows/s (reading and validating ${read.toFixed(2)} s, checkEntry and the one transaction ${(total - read).toFixed(2)} s), ${outcome.status}`,
      );
      clearInterval(sample);
      const result: ImportBench = {
        rows: rawRows,
        fileBytes,
        exceljsRaw: { seconds: raw, rowsPerSecond: rawRows / raw },
        validateOnly: { seconds: validate, rowsPerSecond: report.rows / validate },
        import: {
          seconds: total,
          rowsPerSecond: outcome.imported / total,
          readSeconds: read,
          writeSeconds: total - read,
          imported: outcome.imported,
          status: outcome.status,
        },
        importOverRaw: outcome.imported / total / (rawRows / raw),
        peakRssMb: peakRss / 1024 / 1024,
      };
      log(`  import rate / exceljs raw rate: ${result.importOverRaw.toFixed(2)}; peak RSS ${Math.round(result.peakRssMb)} MB`);
      return result;
    } finally {
      services.mail.close();
      await close();
    }
  } finally {
    clearInterval(sample);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
