import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UniqueConflict } from '../domain/errors.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { insertPerson } from './repositories/people-repository.ts';
import { inTransaction } from './transaction.ts';

const AT = '2026-11-27T10:00:00.000Z';
const person = (id: string, email: string) => ({ id, email, fullName: 'Test Person', jobTitle: null, agencyId: null, language: 'en' as const });

for (const dialect of dialectsUnderTest()) {
  describe(`transactions (${dialect})`, () => {
    test('a unique-key violation is rolled back and reported as a conflict naming the answer that clashed, without its value', async (t) => {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      await insertPerson(db.kysely, person('p1', 'taken@example.org'), AT);

      const conflict = await inTransaction(db, async (trx) => {
        await insertPerson(trx, person('p2', 'first@example.org'), AT);
        await insertPerson(trx, person('p3', 'taken@example.org'), AT);
      }).catch((e: unknown) => e);
      assert.ok(conflict instanceof UniqueConflict, String(conflict));
      assert.equal(conflict.kind, 'conflict');
      assert.deepEqual(conflict.fieldErrors, { email: 'email.taken' });
      assert.equal(conflict.constraint, 'people(email)');
      assert.doesNotMatch(`${conflict.message} ${conflict.constraint}`, /taken@example/);
      const rows = await db.kysely.selectFrom('people').select('id').orderBy('id').execute();
      assert.deepEqual(
        rows.map((r) => r.id),
        ['p1'],
        'the whole transaction rolled back',
      );

      // A primary key, and a key with no message of its own: the general "saved at the same moment" answer.
      const pk = await inTransaction(db, (trx) => insertPerson(trx, person('p1', 'other@example.org'), AT)).catch((e: unknown) => e);
      assert.ok(pk instanceof UniqueConflict);
      assert.deepEqual(pk.fieldErrors, { form: 'conflict.concurrentChange' });

      // Any other failure passes through as it was.
      const other = new Error('something else');
      assert.equal(
        await inTransaction(db, async () => {
          throw other;
        }).catch((e: unknown) => e),
        other,
      );
    });
  });
}
