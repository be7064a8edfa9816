// The action plan's spreadsheet round-trip through its service (issue 12 item 8), on both databases: the export
// has the §6.6 columns in the reader's language, an action owner's export has their agency's actions only, no
// cell can run as a formula; the business unit imports an agency's sheet — progress with a note, completion with
// its evidence narrative — recorded as the importer on behalf of the lead agency, through the workflow; a sheet
// with a bad row (verified set, completion without evidence, an unknown id, a formula) is refused row by row and
// nothing at all is written (neither the good rows nor the file); the sheet as exported changes nothing; an owner
// may not import; the shipped templates match the columns.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Services } from '../../container.ts';
import { PLAN_COLUMNS, planHeaders } from '../../domain/actions/plan-columns.ts';
import { callerFor, seedAcceptedReview } from '../../testing/action-fixtures.ts';
import { planSheet, sheetRows } from '../../testing/action-sheet-fixtures.ts';
import { seedAgency } from '../../testing/admin-fixtures.ts';
import { as } from '../../testing/case-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { type ReviewCallers, reviewCallers } from '../../testing/review-fixtures.ts';
import { buildTestApp, TestClock } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';
import { ServiceError } from '../context.ts';
import { PlanImportRefused } from './plan-spreadsheet-service.ts';

const col = (key: string) => PLAN_COLUMNS.findIndex((c) => c.key === key);
const upload = (bytes: Buffer) => ({ name: 'plan.xlsx', content: Readable.from([bytes]) });

for (const dialect of dialectsUnderTest()) {
  describe(`action plan spreadsheet (${dialect})`, () => {
    let services: Services;
    let boardId: string;
    let callers: ReviewCallers;
    let police: string;
    let close: () => Promise<void>;

    before(async () => {
      const clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
      ({ services, close } = await buildTestApp(undefined, dialect, { clock }));
      boardId = (await seedBoard(services, 'CYSUR')).id;
      callers = await reviewCallers(services, boardId);
      police = (await seedAgency(services, { boardIds: [boardId], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' })).id;
    });
    after(() => close());

    async function world() {
      const w = await seedAcceptedReview(services, boardId, callers, police);
      const scope = { boardId, reviewId: w.review.id };
      const input = {
        action: '=HYPERLINK("http://evil.example","Audit same-day referrals")',
        leadAgencyId: police,
        supportingAgencyIds: [],
        ownerName: 'Sergeant Rhian Morgan',
        ownerEmail: `rhian.${Math.random().toString(36).slice(2)}@police.example`,
        ownerLanguage: 'cy' as const,
        targetOn: '2027-06-30',
        successMeasure: 'Every referral made the same day.',
        completionEvidence: 'The audit report.',
        impactMeasure: 'A re-audit after six months.',
      };
      const a = await services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), scope, w.recommendationId, input);
      const b = await services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), scope, w.recommendationId, {
        ...input,
        action: 'Train call handlers.',
        ownerEmail: `ifan.${Math.random().toString(36).slice(2)}@police.example`,
      });
      return { ...w, scope, a: a.actionId, b: b.actionId };
    }
    const counts = async () => ({
      updates: (await services.db.kysely.selectFrom('review_action_updates').select('id').execute()).length,
      files: (await services.db.kysely.selectFrom('files').select('id').execute()).length,
    });
    const status = async (id: string) =>
      (await services.db.kysely.selectFrom('review_actions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    test('the export: §6.6 columns in the reader’s language, formula-safe, the agency’s actions only for an owner; audited', async () => {
      const w = await world();
      const version = (await services.db.kysely.selectFrom('review_actions').select('version').where('id', '=', w.a).executeTakeFirstOrThrow()).version;
      await services.actionPlans.overrideRag(as(callers.bu, 'ACTION_RAG_OVERRIDDEN'), w.scope, w.a, {
        version: Number(version),
        rag: 'red',
        reason: 'No audit yet.',
      });
      const en = await services.actionSheets.export(as(callers.bu, 'ACTION_PLAN_EXPORTED'), w.scope, 'en');
      const rows = await sheetRows(en.bytes);
      assert.deepEqual(rows[0], planHeaders('en'));
      assert.equal(rows.length, 3);
      const first = rows.find((r) => r[col('actionId')] === w.a) as unknown[];
      assert.equal(first[col('action')], '\'=HYPERLINK("http://evil.example","Audit same-day referrals")', 'a leading = is written as text');
      assert.equal(first[col('status')], 'Not started');
      assert.equal(first[col('targetDate')], '2027-06-30');
      assert.equal(first[col('leadAgency')], 'Gwent Police');
      assert.equal(first[col('rag')], 'Red');
      assert.equal(first[col('boardChallengeNotes')], '2026-12-01: No audit yet.', 'the business unit’s challenge, dated in London');
      const cy = await sheetRows((await services.actionSheets.export(as(callers.bu, 'ACTION_PLAN_EXPORTED'), w.scope, 'cy')).bytes);
      assert.deepEqual(cy[0], planHeaders('cy'));
      assert.equal(cy[1]?.[col('leadAgency')], 'Heddlu Gwent');
      assert.equal(cy[1]?.[col('status')], 'Heb ddechrau');
      // No cell of the workbook is a formula.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(en.bytes as unknown as ArrayBuffer);
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            assert.notEqual(cell.type, ExcelJS.ValueType.Formula);
          }),
        ),
      );
      const events = await services.db.kysely.selectFrom('audit_events').select('action').where('action', '=', 'ACTION_PLAN_EXPORTED').execute();
      assert.ok(events.length >= 2, 'each export is an audited read');
    });

    test('the business unit imports an agency’s sheet: progress and completion on its behalf, through the workflow; as exported it changes nothing', async () => {
      const w = await world();
      const exported = await sheetRows((await services.actionSheets.export(as(callers.bu, 'ACTION_PLAN_EXPORTED'), w.scope, 'en')).bytes);
      const before = await counts();
      // The sheet as exported: nothing to do.
      const same = await services.actionSheets.import(as(callers.bu, 'ACTION_PLAN_IMPORTED'), w.scope, upload(await planSheet(exported.slice(1))));
      assert.equal(same.updates, 0);
      assert.equal((await counts()).updates, before.updates);
      const edited = exported.slice(1).map((r) => [...r]);
      const rowA = edited.find((r) => r[col('actionId')] === w.a) as unknown[];
      const rowB = edited.find((r) => r[col('actionId')] === w.b) as unknown[];
      rowA[col('status')] = 'Mewn perygl';
      rowA[col('progressNote')] = 'Two call handlers off sick; audit delayed a month.';
      rowB[col('status')] = 'Complete';
      rowB[col('evidence')] = 'Training register: 42 of 42 call handlers trained.';
      const done = await services.actionSheets.import(as(callers.bu, 'ACTION_PLAN_IMPORTED'), w.scope, upload(await planSheet(edited)), { agencyId: police });
      assert.deepEqual([done.actions, done.updates, done.moves, done.agencyIds], [2, 2, 2, [police]]);
      assert.equal(await status(w.a), 'at_risk');
      assert.equal(await status(w.b), 'complete');
      const updates = await services.db.kysely.selectFrom('review_action_updates').selectAll().where('action_id', 'in', [w.a, w.b]).execute();
      for (const u of updates) {
        assert.equal(u.on_behalf_of_agency_id, police, 'recorded on behalf of the agency');
        assert.equal(u.created_by, callers.bu.actor?.personId, 'by the importer');
      }
      assert.equal(updates.find((u) => u.action_id === w.b)?.narrative, 'Training register: 42 of 42 call handlers trained.');
      const moves = await services.db.kysely.selectFrom('record_transitions').select('event').where('record_id', 'in', [w.a, w.b]).execute();
      assert.deepEqual(moves.map((m) => m.event).sort(), ['create', 'create', 'propose_complete', 'report_at_risk']);
    });

    test('a CSV with Welsh headings imports too (the agency may save the sheet as CSV UTF-8)', async () => {
      const w = await world();
      const headers = planHeaders('cy');
      const values: Record<string, string> = {
        actionId: w.a,
        status: 'Ar y trywydd iawn',
        progressNote: 'Mae’r archwiliad wedi dechrau, gyda "dyfynodau", a choma.',
      };
      const cells = PLAN_COLUMNS.map((c) => values[c.key] ?? '');
      const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      const csv = Buffer.from(`\ufeff${headers.map(quote).join(',')}\r\n${cells.map(quote).join(',')}\r\n`, 'utf8');
      const done = await services.actionSheets.import(as(callers.bu, 'ACTION_PLAN_IMPORTED'), w.scope, { name: 'cynllun.csv', content: Readable.from([csv]) });
      assert.deepEqual([done.actions, done.moves], [1, 1]);
      assert.equal(await status(w.a), 'on_track');
      const note = await services.db.kysely.selectFrom('review_action_updates').select('narrative').where('action_id', '=', w.a).executeTakeFirstOrThrow();
      assert.equal(note.narrative, 'Mae’r archwiliad wedi dechrau, gyda "dyfynodau", a choma.');
    });

    test('a sheet with bad rows is refused row by row and nothing is written; an owner may not import', async () => {
      const w = await world();
      const exported = await sheetRows((await services.actionSheets.export(as(callers.bu, 'ACTION_PLAN_EXPORTED'), w.scope, 'en')).bytes);
      const edited = exported.slice(1).map((r) => [...r]);
      const rowA = edited.find((r) => r[col('actionId')] === w.a) as unknown[];
      const rowB = edited.find((r) => r[col('actionId')] === w.b) as unknown[];
      rowA[col('status')] = 'On track';
      rowA[col('progressNote')] = 'Going well.';
      rowB[col('status')] = 'Complete';
      const good = [...edited];
      const verified = [...(rowA as unknown[])];
      verified[col('actionId')] = w.b;
      const cases: [string, unknown[][], { row: number; column: string | null; key: string }][] = [
        ['completion without evidence', good, { row: 3, column: 'evidence', key: 'evidence.required' }],
        ['verified', [rowA, Object.assign([...rowB], { [col('status')]: 'Verified' })], { row: 3, column: 'status', key: 'status.notAllowed' }],
        ['unknown id', [rowA, Object.assign([...rowB], { [col('actionId')]: 'no-such-action' })], { row: 3, column: 'actionId', key: 'actionId.unknown' }],
        ['a formula', [rowA, Object.assign([...rowB], { [col('progressNote')]: { formula: '1+1' } })], { row: 3, column: 'progressNote', key: 'cell.formula' }],
      ];
      for (const [name, rows, problem] of cases) {
        const before = await counts();
        await assert.rejects(
          services.actionSheets.import(as(callers.bu, 'ACTION_PLAN_IMPORTED'), w.scope, upload(await planSheet(rows))),
          (e: unknown) =>
            e instanceof PlanImportRefused && e.problems.some((p) => p.row === problem.row && p.column === problem.column && p.key === problem.key),
          name,
        );
        assert.deepEqual(await counts(), before, `${name}: nothing written, not even the file`);
        assert.equal(await status(w.a), 'not_started', `${name}: the good row is not applied either`);
      }
      const refusals = await services.db.kysely.selectFrom('audit_events').select('id').where('action', '=', 'ACTION_PLAN_IMPORT_REFUSED').execute();
      assert.ok(refusals.length >= cases.length, 'each refusal is audited');
      const ownerId = (await services.db.kysely.selectFrom('review_actions').select('owner_id').where('id', '=', w.a).executeTakeFirstOrThrow()).owner_id;
      const owner = await callerFor(services, ownerId);
      await assert.rejects(
        services.actionSheets.import(as(owner, 'ACTION_PLAN_IMPORTED'), w.scope, upload(await planSheet([rowA]))),
        (e: unknown) => e instanceof ServiceError && (e.kind === 'forbidden' || e.kind === 'not_found'),
      );
    });

    // On PostgreSQL only (SQLite runs one writer at a time); registered only there, so REQUIRE_ALL sees no skip.
    if (dialect === 'postgres')
      test('two imports of the same sheet at once (PostgreSQL): the update is written once; the other finds nothing to do or a conflict', async () => {
        const w = await world();
        const exported = await sheetRows((await services.actionSheets.export(as(callers.bu, 'ACTION_PLAN_EXPORTED'), w.scope, 'en')).bytes);
        const edited = exported.slice(1).map((r) => [...r]);
        const rowA = edited.find((r) => r[col('actionId')] === w.a) as unknown[];
        rowA[col('status')] = 'Off track';
        rowA[col('progressNote')] = 'The audit has stopped.';
        const sheet = await planSheet(edited);
        const results = await Promise.allSettled(
          [1, 2].map(() => services.actionSheets.import(as(callers.bu, 'ACTION_PLAN_IMPORTED'), w.scope, upload(sheet))),
        );
        // The one that checked second finds the sheet applied already (nothing to do) or, if both checked first, the move
        // made meanwhile: a conflict. Either way the update is written once.
        const applied = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.updates] : []));
        for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof ServiceError && r.reason.kind === 'conflict', String(r.reason));
        assert.equal(
          applied.reduce((a, b) => a + b, 0),
          1,
        );
        const written = await services.db.kysely.selectFrom('review_action_updates').select('id').where('action_id', '=', w.a).execute();
        assert.equal(written.length, 1);
        assert.equal(await status(w.a), 'off_track');
      });

    test('the shipped templates are the columns of plan-columns.ts', async () => {
      for (const [file, language] of [
        ['templates/action-plan.xlsx', 'en'],
        ['templates/action-plan-cy.xlsx', 'cy'],
      ] as const) {
        const shipped = await sheetRows(await readFile(new URL(`../../../${file}`, import.meta.url)));
        const made = await sheetRows(await services.actionSheets.template(language));
        assert.deepEqual(shipped, made, `${file} is made by scripts/action-plan-template.ts (run it after changing the columns)`);
        assert.deepEqual(shipped[0], planHeaders(language));
      }
    });
  });
}
