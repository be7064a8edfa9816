import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { inTransaction } from '../db/transaction.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { systemCaller } from './context.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`audit log (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      return createServices({ db, config: loadConfig({ LOG_LEVEL: 'silent' }) });
    }

    test('concurrent writers extend one unbroken chain', async (t) => {
      const services = await setup(t);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          inTransaction(services.db, (trx) => services.audit.record(trx, systemCaller('TEST_EVENT'), { recordId: `r${i}`, summary: { i } })),
        ),
      );
      const result = await services.audit.verify();
      assert.deepEqual(result, { ok: true, checked: 20 });
    });

    test('an event written in a transaction that fails is not kept', async (t) => {
      const services = await setup(t);
      await assert.rejects(
        inTransaction(services.db, async (trx) => {
          await services.audit.record(trx, systemCaller('TEST_EVENT'), {});
          throw new Error('the change failed');
        }),
      );
      const rows = await services.db.kysely.selectFrom('audit_events').selectAll().execute();
      assert.equal(rows.length, 0);
      assert.deepEqual(await services.audit.verify(), { ok: true, checked: 0 });
    });

    test('verify names the first altered event, and notices events removed from the end', async (t) => {
      const services = await setup(t);
      for (let i = 0; i < 5; i++) {
        await inTransaction(services.db, (trx) => services.audit.record(trx, systemCaller('TEST_EVENT'), { recordId: `r${i}` }));
      }
      const db = services.db.kysely;
      await db.updateTable('audit_events').set({ action: 'FORGED' }).where('seq', '=', 3).execute();
      const altered = await services.audit.verify();
      assert.equal(altered.ok, false);
      assert.equal(altered.problem?.seq, 3);
      await db.updateTable('audit_events').set({ action: 'TEST_EVENT' }).where('seq', '=', 3).execute();
      assert.equal((await services.audit.verify()).ok, true);
      await db.deleteFrom('audit_events').where('seq', '=', 5).execute();
      const truncated = await services.audit.verify();
      assert.equal(truncated.ok, false);
      assert.equal(truncated.problem?.reason, 'head_mismatch');
    });
  });
}
