// The submission packet's pages (real CSRF tokens) and service (issue 13 item 6), on both databases: the review page
// links the business unit to it; without an approved summary the make is refused with a clear message and nothing
// is stored; made, the zip holds the framework's documents and a manifest whose checksums match the files; made
// again from the same documents, the same bytes; every download audited; a sending refused with the answers kept,
// then recorded and shown; another board's business unit, the panel chair, the author, an agency's contributor and
// the board chair are refused, and another review's packet is not found through this review; two makes at once both
// succeed or one is a conflict (never a 500); a published SUSR review moves on when its repository upload is recorded.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import type { PacketManifest } from '../../../domain/publication/packet.ts';
import { ServiceError } from '../../../services/context.ts';
import { seedAgency } from '../../../testing/admin-fixtures.ts';
import { as, callerWithRole } from '../../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedSignedOffReport } from '../../../testing/packet-fixtures.ts';
import { openEveryGate, seedPreparingReview } from '../../../testing/publication-fixtures.ts';
import { reviewCallers, reviewRoleCaller } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

const MAKE_FORM = 'main form[action$="/submission/packets"]';
const SENDING_FORM = 'main form[action$="/submission/sendings"]';
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

for (const dialect of dialectsUnderTest()) {
  describe(`submission packet (${dialect})`, () => {
    test('refused without a summary, made, unzipped and checked, deterministic, downloads audited, sending recorded, access refused', async (t) => {
      const clock = new TestClock(new Date('2026-12-14T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const other = await seedBoard(services, 'OTHER');
      const callers = await reviewCallers(services, board.id);
      const police = await seedAgency(services, { boardIds: [board.id], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' });
      const w = await seedPreparingReview(services, board.id, callers, police.id);
      const ig = await callerWithRole(services, 'information_governance', board.id);
      const browserFor = async (person: { email: string; totpSecret?: string }) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const bu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }));
      const page = urls.reviewSubmission(board.id, w.review.id);
      const packets = async () => services.db.kysely.selectFrom('submission_packets').selectAll().orderBy('number').execute();
      const storedFiles = async () => (await services.db.kysely.selectFrom('files').select('id').where('purpose', '=', 'packet').execute()).length;

      const reviewPage = await bu.get(urls.review(board.id, w.review.id));
      assert.equal(reviewPage.$(`main a[href="${page}"]`).length, 1, 'the review page links the business unit to the packet');

      // No approved summary: a clear message, nothing stored.
      const empty = await bu.get(page);
      assert.equal(empty.statusCode, 200, empty.body);
      const refused = await bu.submit(page, {}, MAKE_FORM);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.$('.govuk-error-summary').text(), /executive summary approved in English/);
      assert.equal((await packets()).length, 0);
      assert.equal(await storedFiles(), 0);

      await openEveryGate(services, w.scope, callers.bu, ig);
      const made = await bu.submit(page, {}, MAKE_FORM);
      assert.equal(made.statusCode, 302, made.body);
      const [first] = await packets();
      assert.ok(first);
      const listed = await bu.get(page);
      assert.match(listed.$('#packets').text(), new RegExp(first.sha256));

      // The zip: the manifest first, its checksums those of the files.
      const download = await bu.get(urls.reviewSubmissionPacket(board.id, w.review.id, first.id));
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/zip');
      const bytes = download.rawPayload;
      assert.equal(sha256(bytes), first.sha256, 'the download is the packet whose checksum the page shows');
      const entries = unzipSync(new Uint8Array(bytes));
      assert.equal(Object.keys(entries)[0], 'manifest.json');
      const manifest = JSON.parse(Buffer.from(entries['manifest.json'] ?? []).toString('utf8')) as PacketManifest;
      assert.equal(manifest.reference, w.review.reference);
      assert.equal(manifest.framework.id, 'CPR_2016');
      assert.deepEqual(manifest.recipients, ['welsh_government']);
      assert.ok(manifest.dates.reportAccepted && manifest.dates.decision);
      assert.deepEqual(manifest.files.map((f) => f.name).sort(), [
        'action-plan-en.xlsx',
        'executive-summary-cy.pdf',
        'executive-summary-en.pdf',
        'report-en.pdf',
      ]);
      for (const f of manifest.files) {
        const data = entries[f.name];
        assert.ok(data, f.name);
        assert.equal(sha256(data), f.sha256, `${f.name}'s checksum`);
        assert.equal(data.length, f.sizeBytes);
      }
      assert.equal(manifest.files.find((f) => f.name === 'executive-summary-cy.pdf')?.language, 'cy');
      assert.match(
        Buffer.from(entries['executive-summary-en.pdf'] ?? [])
          .subarray(0, 5)
          .toString(),
        /^%PDF-/,
      );

      // Made again from the same documents (a minute later): the same bytes.
      clock.advance(60_000);
      const again = await services.packets.make(as(callers.bu, 'PACKET_MADE'), w.scope);
      assert.equal(again.number, 2);
      assert.equal(again.sha256, first.sha256, 'deterministic: the same documents make the same zip');

      // Every download is an audited read.
      const downloads = await services.db.kysely.selectFrom('audit_events').select(['board_id']).where('action', '=', 'PACKET_DOWNLOADED').execute();
      assert.equal(downloads.length, 1);
      assert.equal(downloads[0]?.board_id, board.id);

      // A sending: refused with the answers kept, then recorded and shown.
      const bad = await bu.submit(
        page,
        {
          packetId: first.id,
          recipient: 'national_panel',
          method: '',
          'sentOn-day': '31',
          'sentOn-month': '2',
          'sentOn-year': '2026',
          reference: 'WG/2026/77',
        },
        SENDING_FORM,
      );
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(
        bad
          .$('.govuk-error-summary a')
          .map((_, a) => bad.$(a).attr('href'))
          .get(),
        ['#recipient', '#method', '#sentOn-day'],
      );
      assert.equal(bad.$('#reference').val(), 'WG/2026/77', 'answers kept');
      assert.equal((await services.db.kysely.selectFrom('submission_packet_sendings').select('id').execute()).length, 0);
      const good = await bu.submit(
        page,
        {
          packetId: first.id,
          recipient: 'welsh_government',
          method: 'secure_email',
          'sentOn-day': '14',
          'sentOn-month': '12',
          'sentOn-year': '2026',
          reference: 'WG/2026/77',
        },
        SENDING_FORM,
      );
      assert.equal(good.statusCode, 302, good.body);
      const history = await bu.get(page);
      assert.match(history.$('#sendings').text(), /14 December 2026.*Packet 1.*Welsh Government.*Secure email.*WG\/2026\/77/s);
      const welsh = await bu.get(`${page}?lang=cy`);
      assert.match(welsh.$('#sendings').text(), /14 Rhagfyr 2026.*Pecyn 1.*Llywodraeth Cymru.*E-bost diogel/s);

      // Who may not: another board's business unit, the panel chair, the author, an agency's contributor, the board chair.
      const otherCallers = await reviewCallers(services, other.id);
      const contributor = await reviewRoleCaller(services, 'agency_contributor', board.id, w.review.id, police.id);
      for (const [who, caller] of [
        ['another board', otherCallers.bu],
        ['panel chair', w.panelChair],
        ['author', w.author],
        ['contributor', contributor],
        ['board chair', callers.chair],
      ] as const) {
        await assert.rejects(
          services.packets.list(as(caller, 'PACKET_VIEWED'), w.scope),
          (e) => e instanceof ServiceError && ['forbidden', 'not_found'].includes(e.kind),
          who,
        );
        await assert.rejects(
          services.packets.make(as(caller, 'PACKET_MADE'), w.scope),
          (e) => e instanceof ServiceError && ['forbidden', 'not_found'].includes(e.kind),
          who,
        );
        await assert.rejects(
          services.packets.download(as(caller, 'PACKET_DOWNLOADED'), w.scope, first.id),
          (e) => e instanceof ServiceError && ['forbidden', 'not_found'].includes(e.kind),
          who,
        );
      }
      // Another review of the same board: its business unit cannot reach this review's packet through it.
      const second = await seedPreparingReview(services, board.id, callers, police.id);
      await assert.rejects(
        services.packets.download(as(callers.bu, 'PACKET_DOWNLOADED'), second.scope, first.id),
        (e) => e instanceof ServiceError && e.kind === 'not_found',
      );
      const outsider = await bu.get(urls.reviewSubmissionPacket(other.id, w.review.id, first.id));
      assert.ok([403, 404].includes(outsider.statusCode));

      // Two makes at once: both made (numbered apart) or one a conflict, never a server error.
      const results = await Promise.allSettled([0, 1].map(() => services.packets.make(as(callers.bu, 'PACKET_MADE'), w.scope)));
      for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof ServiceError && r.reason.kind === 'conflict', String(r.reason));
      assert.ok(results.some((r) => r.status === 'fulfilled'));
      const numbers = (await packets()).map((p) => p.number);
      assert.deepEqual(
        numbers,
        [...new Set(numbers)].sort((a, b) => a - b),
      );

      // A published SUSR review: recording the repository upload moves it on.
      await services.db.kysely.updateTable('reviews').set({ framework_id: 'SUSR_2024', stage: 'PUBLISHED' }).where('id', '=', w.review.id).execute();
      const recorded = await services.packets.recordSending(as(callers.bu, 'PACKET_SENDING_RECORDED'), w.scope, {
        packetId: first.id,
        recipient: 'wales_safeguarding_repository',
        method: 'portal_upload',
        sentOn: '2026-12-14',
        reference: 'WSR-123',
      });
      assert.equal(recorded.moved, true);
      const moved = await services.db.kysely.selectFrom('reviews').select('stage').where('id', '=', w.review.id).executeTakeFirstOrThrow();
      assert.equal(moved.stage, 'REPOSITORY_UPLOADED');
    });

    test('under the 2006 SCR framework the signed-off agency reports go in, each through the document pipeline', async (t) => {
      const clock = new TestClock(new Date('2026-12-14T10:00:00Z'));
      const { services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const police = await seedAgency(services, { boardIds: [board.id], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' });
      const w = await seedPreparingReview(services, board.id, callers, police.id);
      await openEveryGate(services, w.scope, callers.bu, await callerWithRole(services, 'information_governance', board.id));
      // A signed-off IMR of the police (written through the repositories: the CPR path the fixture follows asks for timelines).
      await seedSignedOffReport(services, w.scope, police.id, { context: 'Caseloads were high.', analysis: 'The referral about Child A was not followed up.' });
      await services.db.kysely.updateTable('reviews').set({ framework_id: 'SCR_2006' }).where('id', '=', w.review.id).execute();

      const made = await services.packets.make(as(callers.bu, 'PACKET_MADE'), w.scope);
      const { content } = await services.files.download(
        as(callers.bu, 'PACKET_DOWNLOADED'),
        (await services.db.kysely.selectFrom('submission_packets').select('file_id').executeTakeFirstOrThrow()).file_id,
      );
      const chunks: Buffer[] = [];
      for await (const c of content) chunks.push(Buffer.from(c as Uint8Array));
      const zip = Buffer.concat(chunks);
      assert.equal(sha256(zip), made.sha256);
      const entries = unzipSync(new Uint8Array(zip));
      const manifest = JSON.parse(Buffer.from(entries['manifest.json'] ?? []).toString('utf8')) as PacketManifest;
      const imr = manifest.files.find((f) => f.kind === 'IMR');
      assert.equal(imr?.name, 'agency-reports/gwent-police-imr.pdf');
      assert.equal(sha256(entries[imr.name] ?? new Uint8Array()), imr.sha256);
      // The agency report's own document read while making the packet is audited, under the make's name.
      const reads = await services.db.kysely.selectFrom('audit_events').select('record_type').where('action', '=', 'PACKET_MADE').execute();
      assert.ok(reads.some((r) => r.record_type === 'contribution'));
    });
  });
}
