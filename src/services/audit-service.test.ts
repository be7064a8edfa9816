import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { toAuditEvent } from '../db/repositories/audit-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { GENESIS_HASH, legacyHashEvent } from '../domain/audit.ts';
import { generateKeyring } from '../keyring.ts';
import { testCaller } from '../testing/audit-actions.ts';
import { seedBoard, seedPerson } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { appendCheckpoint, readCheckpoints } from './audit-checkpoints.ts';
import { systemCaller } from './context.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`audit log (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      return createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }) });
    }
    const record = (services: Awaited<ReturnType<typeof setup>>, i: number, details: Record<string, unknown> = {}) =>
      inTransaction(services.db, (trx) => services.audit.record(trx, testCaller('TEST_EVENT'), { recordId: `r${i}`, summary: { i }, ...details }));

    test('concurrent writers extend one unbroken chain', async (t) => {
      const services = await setup(t);
      await Promise.all(Array.from({ length: 20 }, (_, i) => record(services, i)));
      assert.deepEqual(await services.audit.verify(), { ok: true, checked: 20, checkpoints: 0 });
    });

    test('an event written in a transaction that fails is not kept', async (t) => {
      const services = await setup(t);
      await assert.rejects(
        inTransaction(services.db, async (trx) => {
          await services.audit.record(trx, testCaller('TEST_EVENT'), {});
          throw new Error('the change failed');
        }),
      );
      const rows = await services.db.kysely.selectFrom('audit_events').selectAll().execute();
      assert.equal(rows.length, 0);
      assert.deepEqual(await services.audit.verify(), { ok: true, checked: 0, checkpoints: 0 });
    });

    test('verify names the first altered event, and notices events removed from the end', async (t) => {
      const services = await setup(t);
      for (let i = 0; i < 5; i++) await record(services, i);
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

    test('someone with the database but not the key cannot rewrite the chain: recomputed SHA-256 hashes are found out', async (t) => {
      // The attack of issue 8, finding 4: change an event, recompute every hash after it as the unkeyed
      // chain did, move the head. It verified as "intact" before the chain was keyed.
      const services = await setup(t);
      for (let i = 0; i < 4; i++) await record(services, i);
      const db = services.db.kysely;
      await db.updateTable('audit_events').set({ action: 'COVERED_UP' }).where('seq', '=', 2).execute();
      const rows = await db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const event = toAuditEvent(row);
        const hash = legacyHashEvent(prev, event);
        await db.updateTable('audit_events').set({ prev_hash: prev, hash }).where('seq', '=', event.seq).execute();
        prev = hash;
      }
      await db.updateTable('audit_chain').set({ last_hash: prev }).where('id', '=', 1).execute();
      const result = await services.audit.verify();
      assert.equal(result.ok, false);
      assert.deepEqual(result.problem, { seq: 1, id: rows[0]?.id, reason: 'hash_mismatch' });
      // And a service holding another key cannot vouch for the real chain either.
      const other = createServices({ db: services.db, keyring: generateKeyring('other'), config: loadConfig({ LOG_LEVEL: 'silent' }) });
      assert.equal((await other.audit.verify()).ok, false);
    });

    test('a tail cut off with the head moved back is found by the signed checkpoints kept outside the database', async (t) => {
      const services = await setup(t);
      const dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'audit-checkpoints.log');
      for (let i = 0; i < 3; i++) await record(services, i);
      appendCheckpoint(file, await services.audit.checkpoint());
      for (let i = 3; i < 6; i++) await record(services, i);
      appendCheckpoint(file, await services.audit.checkpoint());
      assert.deepEqual(await services.audit.verify(readCheckpoints(file)), { ok: true, checked: 6, checkpoints: 2 });

      // Delete the last two events and set the head to the new last event: the chain alone looks intact.
      const db = services.db.kysely;
      await db.deleteFrom('audit_event_boards').where('seq', '>', 4).execute();
      await db.deleteFrom('audit_events').where('seq', '>', 4).execute();
      const last = await db.selectFrom('audit_events').select('hash').where('seq', '=', 4).executeTakeFirstOrThrow();
      await db.updateTable('audit_chain').set({ last_seq: 4, last_hash: last.hash }).where('id', '=', 1).execute();
      assert.equal((await services.audit.verify()).ok, true);
      const found = await services.audit.verify(readCheckpoints(file));
      assert.equal(found.ok, false);
      assert.deepEqual(found.problem, { reason: 'checkpoint_missing_event', seq: 6 });
    });

    test('a checkpoint line that was edited or forged is reported, not trusted', async (t) => {
      const services = await setup(t);
      await record(services, 1);
      const genuine = await services.audit.checkpoint();
      assert.equal((await services.audit.verify([genuine])).ok, true);
      const forged = await services.audit.verify([{ ...genuine, seq: 99 }]);
      assert.deepEqual(forged.problem, { reason: 'checkpoint_forged', seq: 99, line: 1 });
      const rewritten = await services.audit.verify([genuine, { ...genuine, hash: '0'.repeat(64) }]);
      assert.equal(rewritten.problem?.reason, 'checkpoint_forged');
    });

    test('an event about several boards is found from each of them, once', async (t) => {
      const services = await setup(t);
      const a = await seedBoard(services, 'AUD-A');
      const b = await seedBoard(services, 'AUD-B');
      const c = await seedBoard(services, 'AUD-C');
      await record(services, 1, { boardIds: [a.id, b.id], action: 'PERSON_UPDATED' });
      await record(services, 2, { boardId: c.id });
      const igA = await seedPerson(services, { totp: true, roles: [{ role: 'information_governance', boardId: a.id }] });
      const igB = await seedPerson(services, { totp: true, roles: [{ role: 'information_governance', boardId: b.id }] });
      const igAc = await seedPerson(services, {
        totp: true,
        roles: [
          { role: 'information_governance', boardId: a.id },
          { role: 'information_governance', boardId: c.id },
        ],
      });
      const actor = async (id: string) => {
        const loaded = await services.identity.loadActor(id, true);
        assert.ok(loaded);
        return loaded;
      };
      const seen = async (id: string) => (await services.audit.search(await actor(id), { limit: 10 })).map((e) => e.recordId);
      assert.deepEqual(await seen(igA.id), ['r1']);
      assert.deepEqual(await seen(igB.id), ['r1']);
      assert.deepEqual(await seen(igAc.id), ['r2', 'r1']);
      const [event] = await services.audit.search(await actor(igB.id), { limit: 1 });
      assert.deepEqual(event?.boardIds, [a.id, b.id].sort());
    });

    test('an event about a person is recorded against every board they hold a role on, whoever writes it', async (t) => {
      const services = await setup(t);
      const a = await seedBoard(services, 'PER-A');
      const b = await seedBoard(services, 'PER-B');
      const person = await seedPerson(services, {
        roles: [
          { role: 'board_member', boardId: a.id },
          { role: 'board_member', boardId: b.id },
        ],
      });
      const event = await inTransaction(services.db, (trx) =>
        services.audit.record(trx, systemCaller('PASSWORD_CHANGED'), { recordType: 'person', recordId: person.id }),
      );
      assert.deepEqual(event.boardIds, [a.id, b.id].sort());
      assert.equal(event.boardId, [a.id, b.id].sort()[0]);
    });

    test('a chain written before keying is verified and re-keyed once; a broken one is refused and left alone', async (t) => {
      const services = await setup(t);
      const db = services.db.kysely;
      // Write three events as the unkeyed service did (plain SHA-256), and mark the chain unkeyed.
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const event = {
          id: `legacy-${seq}`,
          seq,
          occurredAt: `2026-11-30T10:00:0${seq}.000Z`,
          actorId: null,
          action: 'LEGACY',
          boardId: null,
          boardIds: [],
          recordType: null,
          recordId: null,
          ip: null,
          requestId: null,
          summary: { seq },
        };
        const hash = legacyHashEvent(prev, event);
        await db
          .insertInto('audit_events')
          .values({
            id: event.id,
            seq,
            occurred_at: event.occurredAt,
            action: event.action,
            actor_id: null,
            board_id: null,
            record_type: null,
            record_id: null,
            ip: null,
            request_id: null,
            summary: JSON.stringify(event.summary),
            prev_hash: prev,
            hash,
          })
          .execute();
        prev = hash;
      }
      await sql`update audit_chain set last_seq = 3, last_hash = ${prev}, keyed = 0`.execute(db);
      assert.equal((await services.audit.verify()).problem?.reason, 'not_keyed');
      await assert.rejects(record(services, 9), /not been keyed/);

      // A legacy chain that does not verify is never blessed with the key.
      await db.updateTable('audit_events').set({ action: 'ALTERED' }).where('seq', '=', 2).execute();
      await assert.rejects(services.audit.keyLegacyChain(), /does not verify \(event seq 2/);
      await db.updateTable('audit_events').set({ action: 'LEGACY' }).where('seq', '=', 2).execute();

      assert.deepEqual(await services.audit.keyLegacyChain(), { keyed: 'now', events: 3 });
      assert.deepEqual(await services.audit.keyLegacyChain(), { keyed: 'already', events: 0 });
      const after = await db.selectFrom('audit_events').select('action').orderBy('seq').execute();
      assert.deepEqual(
        after.map((r) => r.action),
        ['LEGACY', 'LEGACY', 'LEGACY', 'AUDIT_CHAIN_KEYED'],
      );
      assert.deepEqual(await services.audit.verify(), { ok: true, checked: 4, checkpoints: 0 });
    });
  });
}
