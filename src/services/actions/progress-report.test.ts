// The board's progress report and the partner view through their service (issue 12 items 5 and 6), on both
// databases: the grouped figures equal those worked out action by action with the plan's own RAG (ragOf); the
// range defaults to the last board meeting held, else the last three months, and a range that is not one is
// refused, reading nothing; the same figures in the page's tables, the document (docx and PDF through the pipeline)
// and the spreadsheet; who may read it (action.report: the business unit, the chair, information governance and
// board members; not the management group); each read audited once; the challenge log's hook (none yet); the
// partner's actions, timeliness and trend, another board's agency not found.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Services } from '../../container.ts';
import { reviewActions } from '../../db/repositories/actions-repository.ts';
import { insertBoardMeeting } from '../../db/repositories/board-meetings-repository.ts';
import { cellText, progressTables, TABLE_ORDER } from '../../documents/progress-report.ts';
import { RAG_RATINGS } from '../../domain/actions/rag.ts';
import { REPORT_NOW, REPORT_TODAY, type ReportWorld, seedReportWorld } from '../../testing/action-report-fixtures.ts';
import { seedAgency } from '../../testing/admin-fixtures.ts';
import { as, callerWithRole } from '../../testing/case-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { buildTestApp, TestClock } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';
import { type Caller, newId, ServiceError } from '../context.ts';
import { ragOf } from './action-plan-service.ts';
import { progressRecordId } from './progress-report-service.ts';

const range = { from: '2027-01-01', to: REPORT_TODAY };

for (const dialect of dialectsUnderTest()) {
  describe(`board progress report (${dialect})`, () => {
    let services: Services;
    let close: () => Promise<void>;
    let w: ReportWorld;
    let member: Caller;
    const events = async (action: string) =>
      (await services.db.kysely.selectFrom('audit_events').select(['action', 'summary']).where('action', '=', action).execute()).length;

    before(async () => {
      const clock = new TestClock(REPORT_NOW);
      ({ services, close } = await buildTestApp(undefined, dialect, { clock }));
      const boardId = (await seedBoard(services, 'CYSUR')).id;
      w = await seedReportWorld(services, boardId);
      member = await callerWithRole(services, 'board_member', boardId);
    });
    after(() => close());

    test('the grouped figures are those of each action by the plan’s own RAG rule, per review and per lead agency', async () => {
      const { report } = await services.progressReports.report(as(w.callers.bu, 'ACTION_REPORT_VIEWED'), w.boardId, range, 'en');
      for (const [i, reviewId] of w.reviewIds.entries()) {
        const rows = await reviewActions(services.db.kysely, reviewId);
        const expected = Object.fromEntries(RAG_RATINGS.map((r) => [r, rows.filter((a) => ragOf(a, REPORT_TODAY).rag === r).length]));
        const line = report.reviews.find((r) => r.id === reviewId);
        assert.equal(line?.reference, w.references[i]);
        assert.deepEqual(line?.rags, expected, `review ${i}`);
        assert.equal(line?.total, rows.length);
      }
      assert.deepEqual(report.totals.rags, { red: 2, amber: 2, green: 2, complete: 2 });
      assert.equal(report.totals.overdue, 1);
      assert.equal(report.totals.statuses.on_track, 3);
      // In the range: one verification (the other was before it) and one impact evidenced (the other before it).
      assert.equal(report.totals.verified, 1);
      assert.equal(report.totals.impact, 1);
      assert.deepEqual(
        report.agencies.map((a) => [a.name, a.total, a.rags.red, a.impact]),
        [
          ['Aneurin Bevan Health', 3, 0, 0],
          ['Gwent Police', 5, 2, 1],
        ],
      );
      assert.deepEqual(
        report.horizons.map((h) => [h.reference, h.state, h.horizonOn]),
        [
          [w.references[0], 'approaching', '2027-04-01'],
          [w.references[1], 'past', '2027-01-01'],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      // The challenge log's hook: none recorded until action_challenges lands.
      assert.deepEqual(report.challenges, []);
      const tables = progressTables(report, 'en');
      assert.deepEqual(tables.challenges.rows, []);
    });

    test('the range: asked for; refused when not a range (nothing read); by default since the last board meeting held, else three months', async () => {
      const before = await events('ACTION_REPORT_VIEWED');
      for (const [asked, field, key] of [
        [{ from: '2027-13-01', to: REPORT_TODAY }, 'from', 'action-reports:errors.from'],
        [{ from: '2027-03-01', to: '' }, 'to', 'action-reports:errors.to'],
        [{ from: '2027-03-01', to: '2027-02-01' }, 'to', 'action-reports:errors.order'],
      ] as const)
        await assert.rejects(
          services.progressReports.report(as(w.callers.bu, 'ACTION_REPORT_VIEWED'), w.boardId, asked, 'en'),
          (e: unknown) => e instanceof ServiceError && e.kind === 'invalid' && e.fieldErrors[field] === key,
        );
      assert.equal(await events('ACTION_REPORT_VIEWED'), before);
      const none = await services.progressReports.report(as(w.callers.bu, 'ACTION_REPORT_VIEWED'), w.boardId, {}, 'en');
      assert.deepEqual(none.range, { from: '2026-12-10', to: REPORT_TODAY, origin: { kind: 'last_three_months' } });
      assert.equal(await events('ACTION_REPORT_VIEWED'), before + 1);
      const other = await seedBoard(services, 'OTHER');
      const otherBu = await callerWithRole(services, 'business_unit', other.id);
      const meetingId = newId();
      await insertBoardMeeting(
        services.db.kysely,
        { id: meetingId, boardId: other.id, meetsOn: '2027-02-11', startsAt: null, online: true, place: null, createdBy: null },
        '2027-01-01T10:00:00.000Z',
      );
      await services.db.kysely.updateTable('board_meetings').set({ status: 'held' }).where('id', '=', meetingId).execute();
      const since = await services.progressReports.report(as(otherBu, 'ACTION_REPORT_VIEWED'), other.id, {}, 'cy');
      assert.deepEqual(since.range, { from: '2027-02-11', to: REPORT_TODAY, origin: { kind: 'since_meeting', meetsOn: '2027-02-11' } });
      assert.equal(since.report.totals.total, 0);
    });

    test('who reads it: the business unit, the board chair, board members; not the management group; another board’s not found', async () => {
      for (const caller of [w.callers.bu, w.callers.chair, member])
        await services.progressReports.report(as(caller, 'ACTION_REPORT_VIEWED'), w.boardId, range, 'en');
      await assert.rejects(
        services.progressReports.report(as(w.callers.mg, 'ACTION_REPORT_VIEWED'), w.boardId, range, 'en'),
        (e: unknown) => e instanceof ServiceError && e.kind === 'forbidden',
      );
      await assert.rejects(
        services.progressReports.document(as(w.callers.mg, 'ACTION_REPORT_DOWNLOADED'), w.boardId, range, 'en', 'pdf'),
        (e: unknown) => e instanceof ServiceError && e.kind === 'forbidden',
      );
      await assert.rejects(
        services.documents.download(as(w.callers.mg, 'ACTION_REPORT_DOWNLOADED'), 'board_progress_report', progressRecordId(w.boardId, range), 'en', 'pdf'),
        (e: unknown) => e instanceof ServiceError && e.kind === 'not_found',
      );
    });

    test('the same figures in the page’s tables, the document (Word and PDF through the pipeline) and the spreadsheet, in English and Welsh', async () => {
      for (const language of ['en', 'cy'] as const) {
        const { report } = await services.progressReports.report(as(member, 'ACTION_REPORT_VIEWED'), w.boardId, range, language);
        const tables = progressTables(report, language);
        const view = await services.documents.view(
          as(member, 'ACTION_REPORT_DOWNLOADED'),
          'board_progress_report',
          progressRecordId(w.boardId, range),
          language,
        );
        const docTables = view.model.blocks.filter((b) => b.type === 'table');
        const nonEmpty = TABLE_ORDER.filter((k) => tables[k].rows.length > 0);
        assert.deepEqual(
          docTables.map((b) => (b.type === 'table' ? b.body : [])),
          nonEmpty.map((k) => tables[k].rows.map((r) => r.map(cellText))),
        );
        assert.equal(view.model.blocks.filter((b) => b.type === 'figure').length, 2);
        assert.ok(
          view.model.blocks.some(
            (b) => b.type === 'paragraph' && b.runs[0]?.text === (language === 'en' ? 'No challenges recorded.' : 'Dim heriau wedi’u cofnodi.'),
          ),
        );
        const pdf = await services.progressReports.document(as(member, 'ACTION_REPORT_DOWNLOADED'), w.boardId, range, language, 'pdf');
        assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
        const docx = await services.progressReports.document(as(member, 'ACTION_REPORT_DOWNLOADED'), w.boardId, range, language, 'docx');
        assert.equal(docx.bytes.subarray(0, 2).toString(), 'PK');
        const xlsx = await services.progressReports.spreadsheet(as(member, 'ACTION_REPORT_DOWNLOADED'), w.boardId, range, language);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
        assert.equal(book.worksheets.length, TABLE_ORDER.length);
        for (const [i, key] of TABLE_ORDER.entries()) {
          const sheet = book.worksheets[i];
          const rows: string[][] = [];
          sheet?.eachRow((row, n) => {
            if (n > 1) rows.push((row.values as unknown[]).slice(1).map((v) => String(v)));
          });
          if (tables[key].rows.length > 0)
            assert.deepEqual(
              rows,
              tables[key].rows.map((r) => r.map(cellText)),
              `${language} ${key}`,
            );
        }
      }
    });

    test('the partner view: the agency’s led actions (no text), on time and late by the London day, the trend by quarter; another board’s agency not found', async () => {
      const view = await services.progressReports.partner(as(member, 'PARTNER_ACTIONS_VIEWED'), w.boardId, w.health, 1, 'cy');
      assert.equal(view.agency.name, 'Iechyd Aneurin Bevan');
      assert.equal(view.total, 3);
      assert.deepEqual(
        view.actions.map((a) => [a.targetOn, a.status, a.rag, a.overdue]),
        [
          ['2027-01-31', 'verified', 'complete', false],
          ['2027-03-20', 'not_started', 'amber', false],
          ['2027-09-30', 'on_track', 'amber', false],
        ],
      );
      assert.ok(!('action' in (view.actions[0] ?? {})));
      // Proposed complete at 23:30 UTC on 31 January: 31 January in London, the target day: on time.
      assert.deepEqual(view.figures.counts, { on_time: 1, late: 0, overdue: 0, open: 2, closed: 0 });
      assert.equal(view.figures.onTimePercent, 100);
      const police = await services.progressReports.partner(as(w.callers.bu, 'PARTNER_ACTIONS_VIEWED'), w.boardId, w.police, 1, 'en');
      assert.deepEqual(police.figures.trend, [
        { quarter: '2026-Q4', on_time: 0, late: 1, overdue: 0 },
        { quarter: '2027-Q1', on_time: 0, late: 0, overdue: 1 },
      ]);
      assert.deepEqual(police.escalations, []);
      const elsewhere = await seedBoard(services, 'ELSEWHERE');
      const stranger = (await seedAgency(services, { boardIds: [elsewhere.id], nameEn: 'Elsewhere Police', nameCy: 'Heddlu Arall' })).id;
      await assert.rejects(
        services.progressReports.partner(as(w.callers.bu, 'PARTNER_ACTIONS_VIEWED'), w.boardId, stranger, 1, 'en'),
        (e: unknown) => e instanceof ServiceError && e.kind === 'not_found',
      );
      assert.ok((await events('PARTNER_ACTIONS_VIEWED')) >= 2);
    });
  });
}
