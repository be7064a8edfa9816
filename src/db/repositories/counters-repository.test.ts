import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Migrator } from 'kysely';
import { loadConfig } from '../../config.ts';
import { createServices } from '../../container.ts';
import { as, callerWithRole, codeOf, referralInput } from '../../testing/case-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { migrationProvider } from '../migrations/index.ts';
import { inTransaction } from '../transaction.ts';
import { insertReview } from './consideration-repository.ts';
import { nextCounterValue, reviewSequenceCounter } from './counters-repository.ts';
import { nextChildNumber } from './referrals-repository.ts';

const BEFORE_COUNTERS = '2026_12_06_0900_key_audit_and_encrypt_at_rest';

for (const dialect of dialectsUnderTest()) {
  describe(`board counters (${dialect})`, () => {
    test('the migration starts each board’s counters from the numbers already given; the next ones follow; a rolled-back number is given again', async (t) => {
      const db = await createTestDb(dialect);
      const services = createServices({
        db,
        keyring: testKeyring(),
        config: loadConfig({ LOG_LEVEL: 'silent' }),
        clock: new TestClock(new Date('2026-11-27T09:00:00Z')),
      });
      t.after(async () => {
        services.mail.close();
        await db.close();
      });
      const board = await seedBoard(services, 'CYSUR');
      const other = await seedBoard(services, 'OTHER', { en: 'Other', cy: 'Arall' });
      const bu = await callerWithRole(services, 'business_unit', board.id, 'REFERRAL_CREATED');
      const created = [];
      for (let i = 0; i < 3; i++) created.push(await services.referrals.create(bu, referralInput(board.id)));

      // A database from before the counters, holding three referrals and a review numbered 04 in 2025.
      const migrator = new Migrator({ db: db.kysely, provider: migrationProvider });
      assert.equal((await migrator.migrateTo(BEFORE_COUNTERS)).error, undefined);
      const at = '2026-11-27T09:00:00.000Z';
      await insertReview(db.kysely, {
        id: 'review-1',
        boardId: board.id,
        referralId: created[0]?.id ?? '',
        reference: 'CYSUR/2025/04',
        referenceYear: 2025,
        referenceSequence: 4,
        frameworkId: 'SUSR_2024',
        reviewType: null,
        stage: 'SCOPING',
        decidedOn: '2025-06-01',
        createdAt: at,
        updatedAt: at,
      });
      assert.equal((await migrator.migrateToLatest()).error, undefined);

      const counters = await db.kysely.selectFrom('board_counters').selectAll().orderBy('name').execute();
      assert.deepEqual(
        counters.map((c) => [c.board_id, c.name, Number(c.value)]),
        [
          [board.id, 'child_number', 3],
          [board.id, 'review_sequence:2025', 4],
        ],
      );
      assert.equal(codeOf(await services.referrals.create(bu, referralInput(board.id))), 'Child D');
      assert.equal(await inTransaction(db, (trx) => nextCounterValue(trx, board.id, reviewSequenceCounter(2025))), 5);
      assert.equal(await inTransaction(db, (trx) => nextCounterValue(trx, board.id, reviewSequenceCounter(2026))), 1, 'a new year starts at 1');

      // A creation that fails after taking its number gives the number back: no gap.
      await assert.rejects(
        inTransaction(db, async (trx) => {
          assert.equal(await nextChildNumber(trx, board.id), 5);
          throw new Error('the creation failed');
        }),
        /the creation failed/,
      );
      assert.equal(codeOf(await services.referrals.create(bu, referralInput(board.id))), 'Child E');
      const otherBu = await callerWithRole(services, 'business_unit', other.id, 'REFERRAL_CREATED');
      assert.equal(codeOf(await services.referrals.create(as(otherBu, 'REFERRAL_CREATED'), referralInput(other.id))), 'Child A');
    });
  });
}
