// The merged order as the database gives it (issue 11 item 3, and its property test): whatever order the
// agencies' entries were written in, the merged chronology — a page at a time, and in an export's keyset
// chunks — is every entry exactly once, in the order `compareEntries` defines (date, precision, time,
// agency, entry), on SQLite and PostgreSQL alike (integer sort columns, so no collation decides it).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { loadConfig } from '../../config.ts';
import { createServices, type Services } from '../../container.ts';
import { compareEntries, DATE_PRECISIONS, type EntryPosition, periodStart } from '../../domain/chronology/entry.ts';
import { fromEpochDay, toEpochDay } from '../../domain/clock/dates.ts';
import { newId } from '../../services/context.ts';
import { type ChronologyWorld, seedChronologyWorld } from '../../testing/chronology-fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { inTransaction } from '../transaction.ts';
import { entriesAfter, entriesPage, insertEntries, type MergedPosition, positionOf } from './chronology-repository.ts';

const FIRST = toEpochDay('2018-01-01');

/** Entries of three agencies on a few days (so ties of date, precision and time are common). */
const entriesArb = fc.array(
  fc.record({
    agency: fc.integer({ min: 0, max: 2 }),
    day: fc.integer({ min: 0, max: 30 }),
    precision: fc.constantFrom(...DATE_PRECISIONS),
    time: fc.option(fc.constantFrom('00:00', '09:30', '09:31', '23:59'), { nil: null }),
  }),
  { maxLength: 40 },
);

for (const dialect of dialectsUnderTest()) {
  describe(`the merged order in the database (${dialect})`, () => {
    let services: Services;
    let world: ChronologyWorld;
    before(async () => {
      const db = await createTestDb(dialect);
      services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock: new TestClock() });
      world = await seedChronologyWorld(services, 3);
    });
    after(() => services.db.close());

    test('whatever order entries are written in, the merged chronology has each once, in compareEntries order', async () => {
      const requestIds = world.requests.map((r) => r.id);
      await fc.assert(
        fc.asyncProperty(entriesArb, fc.integer({ min: 0, max: 1_000_000 }), async (rows, seed) => {
          const numbers = [0, 0, 0];
          const entries = rows.map((r) => {
            const entryNo = (numbers[r.agency] ?? 0) + 1;
            numbers[r.agency] = entryNo;
            const imprecise = r.precision === 'year' || r.precision === 'month';
            const occurredOn = periodStart(fromEpochDay(FIRST + r.day * 9), r.precision);
            return {
              id: newId(),
              reviewId: world.reviewId,
              requestId: requestIds[r.agency] ?? '',
              agencyId: world.agencyIds[r.agency] ?? '',
              entryNo,
              importId: null,
              occurredOn,
              precision: r.precision,
              time: imprecise ? null : r.time,
              eventType: 'contact' as const,
              description: 'Contact.',
              people: [],
              practitionerRole: '',
              actionTaken: '',
              outcome: '',
              sourceRef: 'REF',
              significance: 'low' as const,
              analystComment: '',
            };
          });
          // Written in a shuffled order (a seeded permutation), in two transactions.
          const shuffled = [...entries].sort(
            (a, b) => ((a.entryNo * 7919 + seed) % 101) - ((b.entryNo * 7919 + seed) % 101) || a.agencyId.localeCompare(b.agencyId),
          );
          const half = Math.floor(shuffled.length / 2);
          await inTransaction(services.db, (trx) => insertEntries(trx, shuffled.slice(0, half), null, '2026-01-01T00:00:00Z'));
          await inTransaction(services.db, (trx) => insertEntries(trx, shuffled.slice(half), null, '2026-01-01T00:00:00Z'));
          try {
            const expected = [...entries].sort((a, b) => compareEntries(a as EntryPosition, b as EntryPosition)).map((e) => e.id);
            const pages: string[] = [];
            for (let offset = 0; offset < entries.length + 7; offset += 7)
              pages.push(...(await entriesPage(services.db.kysely, world.reviewId, requestIds, {}, { offset, limit: 7 })).entries.map((e) => e.id));
            assert.deepEqual(pages, expected);
            const chunks: string[] = [];
            let position: MergedPosition | undefined;
            for (;;) {
              const chunk = await entriesAfter(services.db.kysely, world.reviewId, requestIds, {}, position, 5);
              chunks.push(...chunk.map((e) => e.id));
              const last = chunk.at(-1);
              if (!last) break;
              position = positionOf(last);
            }
            assert.deepEqual(chunks, expected);
          } finally {
            await services.db.kysely.deleteFrom('chronology_entries').where('review_id', '=', world.reviewId).execute();
          }
        }),
        { numRuns: dialect === 'postgres' ? 12 : 25 },
      );
    });
  });
}
