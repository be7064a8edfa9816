import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Kysely, Migrator } from 'kysely';
import { loadConfig } from '../../config.ts';
import { createServices } from '../../container.ts';
import { callerWithRole, codeOf, referralInput } from '../../testing/case-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { migrationProvider } from '../migrations/index.ts';

const BEFORE = '2026_12_06_1300_unique_roles_in_effect';

/** The columns as they were before the migration. */
interface LegacyTables {
  referrals: { id: string; child_number: number; child_code: string };
  family_members: {
    id: string;
    referral_id: string;
    pseudonym: string;
    relationship: string;
    is_significant_person: number;
    language: string;
    created_at: string;
  };
}

const family = (kinds: boolean[]) =>
  kinds.map((isSignificantPerson, i) => ({
    relationship: `relative ${i + 1}`,
    isSignificantPerson,
    language: 'en' as const,
    fullName: null,
    contactDetails: null,
  }));

for (const dialect of dialectsUnderTest()) {
  describe(`pseudonyms stored as kind and index (${dialect})`, () => {
    test('the migration turns "Family member N" / "Person N" into a kind and an index and drops "Child A" text; down writes the text back', async (t) => {
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
      const bu = await callerWithRole(services, 'business_unit', board.id, 'REFERRAL_CREATED');
      for (let i = 0; i < 27; i++) await services.referrals.create(bu, referralInput(board.id));
      const last = await services.referrals.create(bu, referralInput(board.id, { familyMembers: family([false, true, false]) }));
      assert.equal(codeOf(last), 'Child AB');

      // Down: the text the service used to store, from the kind and the index.
      const migrator = new Migrator({ db: db.kysely, provider: migrationProvider });
      assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
      const legacy = db.kysely as unknown as Kysely<LegacyTables>;
      const codes = await legacy.selectFrom('referrals').select(['child_number', 'child_code']).orderBy('child_number').execute();
      assert.deepEqual(
        codes.filter((c) => [1, 26, 27, 28].includes(Number(c.child_number))).map((c) => c.child_code),
        ['Child A', 'Child Z', 'Child AA', 'Child AB'],
      );
      const texts = await legacy.selectFrom('family_members').select(['id', 'pseudonym']).orderBy('pseudonym').execute();
      assert.deepEqual(
        texts.map((f) => f.pseudonym),
        ['Family member 1', 'Family member 3', 'Person 2'],
      );
      // A database from before, holding a two-digit number and text the service never wrote.
      const odd = [
        { id: 'fm-12', pseudonym: 'Person 12', is_significant_person: 1 },
        { id: 'fm-zz', pseudonym: 'Mother', is_significant_person: 0 },
      ];
      for (const o of odd) {
        await legacy
          .insertInto('family_members')
          .values({ ...o, referral_id: last.id, relationship: 'x', language: 'en', created_at: '2026-11-27T09:00:00.000Z' })
          .execute();
      }

      // Up: kinds and indexes; the English text is gone.
      assert.equal((await migrator.migrateToLatest()).error, undefined);
      const rows = await db.kysely.selectFrom('family_members').select(['id', 'pseudonym_kind', 'pseudonym_index']).orderBy('pseudonym_index').execute();
      assert.deepEqual(
        rows.map((r) => [r.pseudonym_kind, Number(r.pseudonym_index)]),
        [
          ['family_member', 1],
          ['significant_person', 2],
          ['family_member', 3],
          ['significant_person', 12],
          ['family_member', 13],
        ],
        'unknown text takes its kind from the flag and the next number',
      );
      const view = await services.referrals.get({ ...bu, action: 'REFERRAL_VIEWED' }, last.id);
      assert.deepEqual(
        view.familyMembers.map((f) => [codeOf(f), codeOf(f, 'cy')]),
        [
          ['Family member 1', 'Aelod o’r teulu 1'],
          ['Person 2', 'Person 2'],
          ['Family member 3', 'Aelod o’r teulu 3'],
          ['Person 12', 'Person 12'],
          ['Family member 13', 'Aelod o’r teulu 13'],
        ],
      );
      const columns = async (table: string) => (await db.kysely.introspection.getTables()).find((tb) => tb.name === table)?.columns.map((c) => c.name) ?? [];
      assert.equal((await columns('referrals')).includes('child_code'), false);
      assert.equal((await columns('family_members')).includes('pseudonym'), false);
      assert.equal(codeOf(await services.referrals.create(bu, referralInput(board.id)), 'cy'), 'Plentyn AC', 'numbering carries on from the counter');
    });
  });
}
