import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { createServices, type Services } from '../../container.ts';
import type { DocumentModel } from '../../domain/documents.ts';
import { as, callerWithRole, referralInput } from '../../testing/case-fixtures.ts';
import { CHILD, decidedReferral, sampleDocument } from '../../testing/document-fixtures.ts';
import { docxReading, pdfTextLines, readZipEntry } from '../../testing/document-inspect.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { ServiceError } from '../context.ts';
import { DocumentService, type DocumentSource } from './document-service.ts';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function setup(t: { after(fn: () => Promise<void>): void }, dialect: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(dialect);
  const clock = new TestClock(new Date('2026-11-27T09:00:00Z'));
  const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
  t.after(async () => {
    services.mail.close();
    await db.close();
  });
  return { services, clock };
}

async function auditOf(services: Services, action: string) {
  const rows = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();
  return rows.map((r) => ({ ...r, summary: JSON.parse(r.summary) as Record<string, unknown> }));
}

for (const dialect of dialectsUnderTest()) {
  describe(`document pipeline (${dialect})`, () => {
    test('the first download stores the letter as version 1 with the SHA-256 of each file; later downloads serve the same bytes; each read is audited', async (t) => {
      const { services } = await setup(t, dialect);
      const { referral, member, chair } = await decidedReferral(services);
      const reader = as(member, 'DECISION_LETTER_DOWNLOADED');

      const pdf = await services.documents.download(reader, 'decision_letter', referral.id, 'cy', 'pdf');
      assert.equal(pdf.version, 1);
      assert.equal(pdf.sha256, sha256(pdf.bytes));
      assert.equal(pdf.contentType, 'application/pdf');
      assert.equal(pdf.fileName, 'CYSUR-2026-01-llythyr-penderfyniad-cy.pdf');
      assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const again = await services.documents.download(as(chair, 'DECISION_LETTER_DOWNLOADED'), 'decision_letter', referral.id, 'cy', 'pdf');
      assert.equal(again.version, 1);
      assert.ok(again.bytes.equals(pdf.bytes), 'the stored file, byte for byte');
      const docx = await services.documents.download(reader, 'decision_letter', referral.id, 'cy', 'docx');
      assert.equal(docx.version, 1, 'another format of the same version');
      const html = await services.documents.download(reader, 'decision_letter', referral.id, 'cy', 'html');
      assert.match(html.bytes.toString('utf8'), /<html lang="cy-GB">/);
      const english = await services.documents.download(reader, 'decision_letter', referral.id, 'en', 'pdf');
      assert.equal(english.version, 1, 'each language is a document of its own');
      assert.notEqual(english.documentId, pdf.documentId);

      const k = services.db.kysely;
      assert.equal((await k.selectFrom('documents').selectAll().execute()).length, 2);
      const versions = await k.selectFrom('document_versions').selectAll().orderBy('created_at').execute();
      assert.deepEqual(
        versions.map((v) => [v.document_id, Number(v.version), v.created_by]),
        [
          [pdf.documentId, 1, member.personId],
          [english.documentId, 1, member.personId],
        ],
      );
      const renderings = await k.selectFrom('document_renderings').selectAll().execute();
      assert.equal(renderings.length, 4);
      for (const r of renderings) {
        assert.equal(r.sha256, sha256(Buffer.from(r.content)), 'each stored file carries the SHA-256 of its bytes');
        assert.equal(Number(r.size), r.content.length);
      }

      const events = await auditOf(services, 'DECISION_LETTER_DOWNLOADED');
      assert.equal(events.length, 5, 'one event for each download');
      assert.deepEqual(events[0]?.summary, {
        decisionId: events[0]?.summary.decisionId,
        document: 'decision_letter',
        documentId: pdf.documentId,
        version: 1,
        newVersion: true,
        format: 'pdf',
        language: 'cy',
        sha256: pdf.sha256,
      });
      assert.equal(events[1]?.summary.newVersion, false);
      assert.equal(events[1]?.actor_id, chair.personId);
      assert.ok(events.every((e) => e.record_type === 'referral' && e.record_id === referral.id));
      assert.equal((await services.audit.verify()).ok, true);
    });

    test('the page reads the same version as the files, audited with the route’s action', async (t) => {
      const { services } = await setup(t, dialect);
      const { referral, member } = await decidedReferral(services);
      const page = await services.documents.view(as(member, 'DECISION_LETTER_VIEWED'), 'decision_letter', referral.id, 'en');
      assert.equal(page.version, 1);
      assert.equal(page.model.meta.title, 'Decision letter: referral about Child A');
      const file = await services.documents.download(as(member, 'DECISION_LETTER_DOWNLOADED'), 'decision_letter', referral.id, 'en', 'docx');
      assert.equal(file.version, 1);
      assert.equal(file.documentId, page.documentId);
      const [viewed] = await auditOf(services, 'DECISION_LETTER_VIEWED');
      assert.equal(viewed?.summary.format, 'page');
      assert.equal(viewed?.summary.newVersion, true);
    });

    test('when what the letter says changes, the next read makes version 2 and version 1 is kept as it was', async (t) => {
      const { services, clock } = await setup(t, dialect);
      const { board, referral, member } = await decidedReferral(services);
      const reader = as(member, 'DECISION_LETTER_DOWNLOADED');
      const first = await services.documents.download(reader, 'decision_letter', referral.id, 'en', 'pdf');

      // The board is renamed: the letter's heading, introduction and signature change.
      clock.advance(60_000);
      const admin = await callerWithRole(services, 'administrator', board.id, 'BOARD_UPDATED');
      await services.organisation.updateBoard(admin, board.id, { ...board, nameEn: 'Cardiff and Vale Regional Safeguarding Board', isActive: true });
      const second = await services.documents.download(reader, 'decision_letter', referral.id, 'en', 'pdf');
      assert.equal(second.version, 2);
      assert.equal(second.documentId, first.documentId);
      assert.notEqual(second.sha256, first.sha256);
      assert.ok(pdfTextLines(second.bytes).join(' ').includes('Cardiff and Vale Regional Safeguarding Board'));

      const k = services.db.kysely;
      const versions = await k.selectFrom('document_versions').selectAll().where('document_id', '=', first.documentId).orderBy('version').execute();
      assert.deepEqual(
        versions.map((v) => Number(v.version)),
        [1, 2],
      );
      assert.match(versions[0]?.model ?? '', /Test Safeguarding Children Board/, 'version 1 still says what it said');
      const kept = await k
        .selectFrom('document_renderings')
        .select('content')
        .where('version_id', '=', versions[0]?.id ?? '')
        .executeTakeFirstOrThrow();
      assert.ok(Buffer.from(kept.content).equals(first.bytes));
      assert.equal((await k.selectFrom('documents').select('latest_version').executeTakeFirstOrThrow()).latest_version, 2);
    });

    test('no document holds anything that identifies the child: not the stored model, not any rendering, in either language', async (t) => {
      const { services } = await setup(t, dialect);
      const { referral, member } = await decidedReferral(services);
      const identity = [CHILD.fullName, 'Quenby', CHILD.dateOfBirthOn, '4 May 2019', '4 Mai 2019', CHILD.address, 'Heol Quenby'];
      const readable: string[] = [];
      for (const language of ['en', 'cy'] as const) {
        const caller = as(member, 'DECISION_LETTER_DOWNLOADED');
        const pdf = await services.documents.download(caller, 'decision_letter', referral.id, language, 'pdf');
        readable.push(pdfTextLines(pdf.bytes).join('\n'), pdf.bytes.toString('latin1'), pdf.fileName);
        const docx = await services.documents.download(caller, 'decision_letter', referral.id, language, 'docx');
        readable.push(...docxReading(docx.bytes).map((i) => i.text), readZipEntry(docx.bytes, 'docProps/core.xml')?.toString('utf8') ?? '', docx.fileName);
        const html = await services.documents.download(caller, 'decision_letter', referral.id, language, 'html');
        readable.push(html.bytes.toString('utf8'));
        const page = await services.documents.view(as(member, 'DECISION_LETTER_VIEWED'), 'decision_letter', referral.id, language);
        readable.push(JSON.stringify(page.model));
      }
      const models = await services.db.kysely.selectFrom('document_versions').select('model').execute();
      readable.push(...models.map((m) => m.model));
      assert.ok(readable.join('\n').includes('Plentyn A'), 'the Welsh letter names the child by the Welsh pseudonym');
      for (const text of readable) for (const part of identity) assert.ok(!text.includes(part), `a document shows "${part}"`);
      const audit = (await services.db.kysely.selectFrom('audit_events').select('summary').execute()).map((e) => e.summary).join('\n');
      for (const part of identity) assert.ok(!audit.includes(part));
    });

    test('someone who may not see the referral is told it does not exist: nothing is stored or audited', async (t) => {
      const { services } = await setup(t, dialect);
      const { referral } = await decidedReferral(services);
      const other = await seedBoard(services, 'OTHER', { en: 'Other Board', cy: 'Bwrdd Arall' });
      const outsider = await callerWithRole(services, 'business_unit', other.id, 'DECISION_LETTER_DOWNLOADED');
      const referrer = await callerWithRole(services, 'agency_referrer', referral.boardId, 'DECISION_LETTER_DOWNLOADED');
      for (const who of [outsider, referrer]) {
        await assert.rejects(
          services.documents.download(who, 'decision_letter', referral.id, 'en', 'pdf'),
          (e) => e instanceof ServiceError && e.kind === 'not_found',
        );
      }
      assert.equal((await services.db.kysely.selectFrom('documents').selectAll().execute()).length, 0);
      assert.equal((await auditOf(services, 'DECISION_LETTER_DOWNLOADED')).length, 0);
    });

    test('a referral not yet decided has no letter', async (t) => {
      const { services } = await setup(t, dialect);
      const board = await seedBoard(services, 'CYSUR');
      const bu = await callerWithRole(services, 'business_unit', board.id, 'REFERRAL_CREATED');
      const referral = await services.referrals.create(bu, referralInput(board.id));
      await assert.rejects(
        services.documents.download(as(bu, 'DECISION_LETTER_DOWNLOADED'), 'decision_letter', referral.id, 'en', 'pdf'),
        (e) => e instanceof ServiceError && e.kind === 'not_found' && e.message === 'decision not found',
      );
    });

    test('versions made at the same moment are numbered 1, 2, 3… with no gap and no repeat; the same version asked for at once is made once', async (t) => {
      const { services, clock } = await setup(t, dialect);
      const board = await seedBoard(services, 'CYSUR');
      const reader = await callerWithRole(services, 'business_unit', board.id, 'TEST_READ');
      // A source whose document says something new on each call (like report drafts saved by several people at once).
      let calls = 0;
      const changing: DocumentSource = {
        async compose() {
          calls++;
          const model: DocumentModel = sampleDocument('en');
          model.blocks.push({ type: 'paragraph', runs: [{ text: `Draft ${calls}` }] });
          return { boardId: board.id, recordType: 'board', recordId: board.id, model, fileName: 'annual-report' };
        },
      };
      const documents = new DocumentService({
        db: services.db,
        clock,
        audit: services.audit,
        sources: { decision_letter: changing, terms_of_reference: changing },
      });
      const made = await Promise.all(Array.from({ length: 8 }, () => documents.download(reader, 'decision_letter', board.id, 'en', 'html')));
      assert.deepEqual(
        made.map((f) => f.version).sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6, 7, 8],
      );

      // A source that says the same each time: eight readers at once get one new version between them.
      const steady: DocumentSource = {
        async compose() {
          return { boardId: board.id, recordType: 'board', recordId: board.id, model: sampleDocument('cy'), fileName: 'adroddiad' };
        },
      };
      const same = new DocumentService({ db: services.db, clock, audit: services.audit, sources: { decision_letter: steady, terms_of_reference: steady } });
      const read = await Promise.all(Array.from({ length: 8 }, () => same.download(reader, 'decision_letter', board.id, 'cy', 'pdf')));
      assert.deepEqual(new Set(read.map((f) => f.version)), new Set([1]));
      assert.equal(new Set(read.map((f) => f.sha256)).size, 1, 'everyone gets the one stored file');
      const rows = await services.db.kysely.selectFrom('document_versions').select(['document_id', 'version']).execute();
      assert.equal(rows.length, 9);
      const renderings = await services.db.kysely.selectFrom('document_renderings').select('format').where('format', '=', 'pdf').execute();
      assert.equal(renderings.length, 1);
    });
  });
}
