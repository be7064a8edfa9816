import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Migrator, NO_MIGRATIONS } from 'kysely';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { migrationProvider } from './migrations/index.ts';
import { migrationsAreCurrent } from './migrator.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`migrations (${dialect})`, () => {
    test('migrate to latest, all the way down, and up again', async (t) => {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      assert.equal(await migrationsAreCurrent(db), true);
      const migrator = new Migrator({ db: db.kysely, provider: migrationProvider });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      assert.equal(down.error, undefined);
      assert.equal(await migrationsAreCurrent(db), false);
      const up = await migrator.migrateToLatest();
      assert.equal(up.error, undefined);
      assert.equal(await migrationsAreCurrent(db), true);
    });
  });
}
