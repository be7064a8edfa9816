// case-review import chronology (issue 11 item 2), on both databases: a good file imports every row, named by the
// review's reference and the agency's name, and the audit log names the command; a file with a bad row imports
// nothing, prints each row and column, and exits 1; an unknown agency is an error.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { templateHeaders } from '../domain/chronology/import-rows.ts';
import { addDays } from '../domain/clock/dates.ts';
import { completeRequest, seedRequest } from '../testing/contribution-fixtures.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { seedAgency } from '../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../testing/review-fixtures.ts';
import { buildTestApp } from '../testing/test-app.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';
import type { Output } from './context.ts';
import { importChronology } from './import.ts';

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => void lines.push(l), err: (l) => void errors.push(l) };
}

const csv = (rows: string[]) => `\uFEFF${templateHeaders('en').join(',')}\r\n${rows.map((r) => `${r}\r\n`).join('')}`;
const ROW = (date: string) => `${date},,,Contact,Phone call to Plentyn A’s mother,Child A,,,,R1,Low,`;

for (const dialect of dialectsUnderTest()) {
  describe(`case-review import chronology (${dialect})`, () => {
    test('imports a good file, refuses a bad one with each row and column printed (exit 1), nothing partly written', async (t) => {
      const { services } = await buildTestApp(t, dialect);
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016' });
      const agency = await seedAgency(services, [board.id]);
      const request = await seedRequest(
        services,
        callers.bu,
        { boardId: board.id, reviewId: review.id, agencyId: agency.id },
        { dueOn: addDays(services.clock.today(), 28) },
      );
      await completeRequest(services, { boardId: board.id, reviewId: review.id }, request, 'timeline', 'declared');
      const dir = mkdtempSync(join(tmpdir(), 'chron-import-cli-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const good = join(dir, 'good.csv');
      writeFileSync(good, csv([ROW('31/01/2024'), ROW('45322')]));
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, csv([ROW('31/01/2024'), ROW('31/02/2024')]));
      const reference = (await services.db.kysely.selectFrom('reviews').select('reference').where('id', '=', review.id).executeTakeFirstOrThrow()).reference;
      const entries = async () =>
        Number(
          (
            await services.db.kysely
              .selectFrom('chronology_entries')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );

      const io = capture();
      assert.equal(await importChronology(services, good, { review: reference, agency: agency.nameEn, progress: false }, io), 0, io.errors.join('\n'));
      assert.match(io.lines.join('\n'), /Imported 2 entries into review/);
      assert.equal(await entries(), 2);
      const actions = (await services.db.kysely.selectFrom('audit_events').select('action').orderBy('seq').execute()).map((e) => e.action);
      assert.ok(actions.includes('CHRONOLOGY_IMPORTED_BY_COMMAND'));
      assert.ok(actions.includes('CHRONOLOGY_IMPORTED'));

      const refused = capture();
      assert.equal(await importChronology(services, bad, { review: review.id, agency: agency.id, progress: false }, refused), 1);
      assert.deepEqual(refused.errors, ['Nothing was imported: the file has 1 problem.', 'Row 3, Date: Enter a real date (like 31/01/2024)']);
      assert.equal(await entries(), 2, 'nothing more');

      const unknown = capture();
      assert.equal(await importChronology(services, good, { review: reference, agency: 'No Such Agency', progress: false }, unknown), 1);
      assert.match(unknown.errors.join(''), /contribution not found/);
    });
  });
}
