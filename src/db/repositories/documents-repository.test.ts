import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { createServices } from '../../container.ts';
import { sampleDocument } from '../../testing/document-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { inTransaction } from '../transaction.ts';
import { type DocumentKey, findLatestVersion, insertVersion, lockDocument, nextVersionNumber } from './documents-repository.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`documents repository (${dialect})`, () => {
    test('a document’s versions count from 1; one rolled back gives its number back; the latest is found with its model', async (t) => {
      const db = await createTestDb(dialect);
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }) });
      t.after(async () => {
        services.mail.close();
        await db.close();
      });
      const board = await seedBoard(services, 'CYSUR');
      const key: DocumentKey = { kind: 'decision_letter', recordType: 'board', recordId: board.id, language: 'cy' };
      const at = '2026-11-27T09:00:00.000Z';
      const store = (text: string) =>
        inTransaction(db, async (trx) => {
          const document = await lockDocument(trx, { ...key, id: `doc-${text}`, boardId: board.id }, at);
          const version = await nextVersionNumber(trx, document.id);
          const model = sampleDocument('cy');
          model.meta.title = text;
          await insertVersion(trx, { id: `v-${text}`, documentId: document.id, version, model, modelSha256: text, createdBy: null, createdAt: at });
          if (text === 'fails') throw new Error('the rendering failed');
          return { document, version };
        });

      assert.equal(await findLatestVersion(db.kysely, key), undefined);
      const first = await store('first');
      assert.equal(first.version, 1);
      await assert.rejects(store('fails'), /the rendering failed/);
      const second = await store('second');
      assert.equal(second.version, 2, 'the rolled-back number is given again');
      assert.equal(second.document.id, first.document.id, 'one document for the kind, record and language');
      const latest = await findLatestVersion(db.kysely, key);
      assert.equal(latest?.version.version, 2);
      assert.equal(latest?.version.model.meta.title, 'second');
      assert.equal(latest?.document.latestVersion, 2);
      assert.equal(await findLatestVersion(db.kysely, { ...key, language: 'en' }), undefined);
    });
  });
}
