import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { createServices, type Services } from '../container.ts';
import type { Db } from '../db/database.ts';
import { sealedPlace } from '../db/field-cipher.ts';
import { findRestrictedChild } from '../db/repositories/referrals-repository.ts';
import { SEALED_COLUMNS } from '../db/repositories/sealed-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { fieldCipher, withNewEncryptionKey } from '../keyring.ts';
import { callerWithRole, referralInput } from '../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { HOUSEKEEPING_JOB } from './housekeeping.ts';

/** Every sealed table, none of its rows sealed by the run (a new sealed column adds its table here by itself). */
const NONE_SEALED = Object.fromEntries(Object.keys(SEALED_COLUMNS).map((table) => [table, 0]));

const SECRETS = {
  childName: 'Gwenllian Ŵyn Tregaron',
  dateOfBirth: '2018-02-14',
  address: '7 Heol y Bryniau, Aberteifi',
  memberName: 'Rhodri Tregaron',
  memberContact: '07700 900461, rhodri@example.org',
};

/** Every text value in every table of the database: what a copy of it gives away. */
async function everyStoredText(db: Db): Promise<string> {
  const tables = (await db.kysely.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
  const out: string[] = [];
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.kysely);
    for (const row of rows.rows) out.push(JSON.stringify(row));
  }
  return out.join('\n');
}

for (const dialect of dialectsUnderTest()) {
  describe(`encryption at rest (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }) });
      const board = await seedBoard(services);
      return { db, services, board };
    }

    async function recordReferral(services: Services, boardId: string) {
      const bu = await callerWithRole(services, 'business_unit', boardId, 'REFERRAL_CREATED');
      const referral = await services.referrals.create(
        bu,
        referralInput(boardId, {
          child: { fullName: SECRETS.childName, dateOfBirthOn: SECRETS.dateOfBirth, address: SECRETS.address, isDeceased: true },
          familyMembers: [
            { relationship: 'father', isSignificantPerson: false, language: 'cy', fullName: SECRETS.memberName, contactDetails: SECRETS.memberContact },
          ],
        }),
      );
      return { bu, referral };
    }

    test('a copy of the database reveals no restricted identity field, two-factor secret or session data', async (t) => {
      const { db, services, board } = await setup(t);
      const { bu, referral } = await recordReferral(services, board.id);
      const enrolled = await seedPerson(services, { totp: true, roles: [{ role: 'board_chair', boardId: board.id }] });
      await services.sessions.set('session-id-in-the-cookie', { personId: bu.personId, draft: { childFullName: SECRETS.childName } });

      const stored = await everyStoredText(db);
      for (const secret of [...Object.values(SECRETS), enrolled.totpSecret ?? '', 'session-id-in-the-cookie']) {
        assert.ok(!stored.includes(secret), `"${secret}" is stored in plaintext`);
      }
      // The service still reads them all, for those allowed.
      const view = await services.referrals.get({ ...bu, action: 'REFERRAL_VIEWED' }, referral.id);
      assert.equal(view.child?.fullName, SECRETS.childName);
      assert.equal(view.child?.dateOfBirthOn, SECRETS.dateOfBirth);
      assert.equal(view.familyMembers[0]?.contactDetails, SECRETS.memberContact);
      assert.deepEqual(await services.sessions.get('session-id-in-the-cookie'), { personId: bu.personId, draft: { childFullName: SECRETS.childName } });
    });

    test('a sealed value moved to another row does not decrypt', async (t) => {
      const { db, services, board } = await setup(t);
      const first = await recordReferral(services, board.id);
      const second = await recordReferral(services, board.id);
      const row = await db.kysely.selectFrom('referral_children').select('full_name').where('referral_id', '=', first.referral.id).executeTakeFirstOrThrow();
      await db.kysely.updateTable('referral_children').set({ full_name: row.full_name }).where('referral_id', '=', second.referral.id).execute();
      await assert.rejects(findRestrictedChild(db.kysely, services.cipher, second.referral.id), /Unsupported state or unable to authenticate data/);
    });

    test('values written before encryption at rest are sealed and indexed once the service starts', async (t) => {
      const { db, services, board } = await setup(t);
      const { bu, referral } = await recordReferral(services, board.id);
      // As the service stored them before: plaintext, with the normalised name and no blind indexes.
      await db.kysely
        .updateTable('referral_children')
        .set({
          full_name: SECRETS.childName,
          date_of_birth_on: SECRETS.dateOfBirth,
          address: SECRETS.address,
          name_normalised: 'gwenllian wyn tregaron',
          name_index: null,
          dob_index: null,
        })
        .where('referral_id', '=', referral.id)
        .execute();
      await db.kysely.updateTable('family_members').set({ full_name: SECRETS.memberName, contact_details: SECRETS.memberContact }).execute();
      const person = await seedPerson(services);
      await db.kysely.updateTable('people').set({ totp_secret: 'JBSWY3DPEHPK3PXP' }).where('id', '=', person.id).execute();
      await db.kysely
        .insertInto('sessions')
        .values({
          id: 'old-session-id',
          person_id: bu.personId,
          data: JSON.stringify({ personId: bu.personId }),
          created_at: '2026-12-01T10:00:00.000Z',
          last_seen_at: new Date().toISOString(),
          expires_at: '2999-01-01T00:00:00.000Z',
          absolute_expires_at: '2999-01-01T00:00:00.000Z',
        })
        .execute();

      const report = await services.atRest.sealAll({ rotate: false });
      assert.deepEqual(report.sealed, { ...NONE_SEALED, referral_children: 3, family_members: 2, people: 1, sessions: 1 });
      assert.equal(report.indexed, 1);
      const stored = await everyStoredText(db);
      for (const secret of [...Object.values(SECRETS), 'JBSWY3DPEHPK3PXP', 'gwenllian wyn tregaron', 'old-session-id'])
        assert.ok(!stored.includes(secret), secret);
      // The session carries on under its hashed key; duplicates are found through the new indexes.
      assert.deepEqual(await services.sessions.get('old-session-id'), { personId: bu.personId });
      const duplicates = await services.referrals.possibleDuplicates(bu, {
        boardId: board.id,
        child: { fullName: 'GWENLLIAN wyn tregaron', dateOfBirthOn: SECRETS.dateOfBirth, address: null, isDeceased: true },
        incidentOn: '2020-01-01',
        incidentType: 'death',
      });
      assert.deepEqual(
        duplicates.map((d) => d.reason),
        ['same_child'],
      );
      assert.deepEqual(await services.atRest.sealAll({ rotate: false }), {
        sealed: NONE_SEALED,
        indexed: 0,
        keysInUse: report.keysInUse,
      });
    });

    test('rotation re-seals every value under the new key; the old key is then unused', async (t) => {
      const { db, services, board } = await setup(t);
      const { bu, referral } = await recordReferral(services, board.id);
      await services.sessions.set('a-session', { personId: bu.personId });
      // A job waiting to run: its payload is sealed like any other value.
      const jobId = await inTransaction(db, (trx) => services.jobs.enqueue(trx, HOUSEKEEPING_JOB, { waiting: true }));
      const oldKey = services.cipher.currentKeyId;
      const rotated = withNewEncryptionKey(services.keyring);
      const after = createServices({ db, keyring: rotated, config: loadConfig({ LOG_LEVEL: 'silent' }) });
      assert.deepEqual((await after.atRest.sealAll({ rotate: false })).keysInUse, [oldKey]);
      const report = await after.atRest.sealAll({ rotate: true });
      assert.deepEqual(report.keysInUse, [rotated.encryption[0]?.id]);
      assert.equal(report.sealed.referral_children, 3);
      // Readable with the new key alone.
      const newOnly = fieldCipher({ ...rotated, encryption: rotated.encryption.slice(0, 1) });
      const child = await findRestrictedChild(db.kysely, newOnly, referral.id);
      assert.equal(child?.fullName, SECRETS.childName);
      const stored = await db.kysely.selectFrom('sessions').select(['id', 'data']).executeTakeFirstOrThrow();
      assert.match(newOnly.decrypt(stored.data, sealedPlace('sessions', 'data', stored.id)), /personId/);
      const job = await db.kysely.selectFrom('jobs').select('payload').where('id', '=', jobId).executeTakeFirstOrThrow();
      assert.equal(newOnly.decrypt(job.payload ?? '', sealedPlace('jobs', 'payload', jobId)), '{"waiting":true}');
    });
  });
}
