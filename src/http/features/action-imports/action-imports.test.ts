// The action plan's spreadsheet through the pages, on both databases: the plan exports as xlsx with headers in the
// reader's language (the police owner's export has the police's actions only); the business unit uploads an
// agency's sheet with a bad row and sees each problem by row and column in the GOV.UK error summary (in Welsh too),
// nothing imported; the corrected sheet imports on the agency's behalf; an owner is refused the import page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PLAN_COLUMNS, planHeaders } from '../../../domain/actions/plan-columns.ts';
import { seedAcceptedReview } from '../../../testing/action-fixtures.ts';
import { planSheet, sheetRows } from '../../../testing/action-sheet-fixtures.ts';
import { as } from '../../../testing/case-fixtures.ts';
import { multipartBody } from '../../../testing/file-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

const col = (key: string) => PLAN_COLUMNS.findIndex((c) => c.key === key);

for (const dialect of dialectsUnderTest()) {
  describe(`action plan spreadsheet pages (${dialect})`, () => {
    test('export in the reader’s language; a bad sheet refused row by row in the error summary; the corrected one imported', async (t) => {
      const clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const police = await seedAgency(services, [board.id]);
      const health = await seedAgency(services, [board.id], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
      const w = await seedAcceptedReview(services, board.id, callers, police.id);
      const scope = { boardId: board.id, reviewId: w.review.id };
      const input = (leadAgencyId: string, email: string) => ({
        action: 'Audit same-day referrals.',
        leadAgencyId,
        supportingAgencyIds: [],
        ownerName: 'Rhian Morgan',
        ownerEmail: email,
        ownerLanguage: 'en' as const,
        targetOn: '2027-06-30',
        successMeasure: 'Every referral the same day.',
        completionEvidence: 'The audit report.',
        impactMeasure: 'A re-audit.',
      });
      const officer = await seedPerson(services, { fullName: 'Rhian Morgan', email: 'rhian@police.example', agencyId: police.id, totp: true });
      const ours = await services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), scope, w.recommendationId, input(police.id, 'rhian@police.example'));
      const theirs = await services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), scope, w.recommendationId, input(health.id, 'ffion@health.example'));
      const browserFor = async (person: { email: string; totpSecret?: string }) => {
        const browser = new Browser(app);
        clock.advance(31_000);
        await signIn(browser, person, clock);
        return browser;
      };
      const bu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }));
      const exportUrl = urls.actionPlanSpreadsheet(board.id, w.review.id);

      const en = await bu.get(`${exportUrl}?lang=en`);
      assert.equal(en.statusCode, 200);
      assert.match(String(en.headers['content-type']), /spreadsheetml/);
      const rows = await sheetRows(en.rawPayload);
      assert.deepEqual(rows[0], planHeaders('en'));
      assert.equal(rows.length, 3);
      const cy = await sheetRows((await bu.get(`${exportUrl}?lang=cy`)).rawPayload);
      assert.deepEqual(cy[0], planHeaders('cy'));
      // The police owner's export: the police's action only.
      const owner = await browserFor(officer);
      const ownerRows = await sheetRows((await owner.get(exportUrl)).rawPayload);
      assert.deepEqual(
        ownerRows.slice(1).map((r) => r[col('actionId')]),
        [ours.actionId],
      );
      assert.equal((await owner.get(urls.actionPlanImport(board.id, w.review.id))).statusCode, 403);

      // A sheet with a bad row: the error summary names the row and the column; nothing is imported.
      const edited = rows.slice(1).map((r) => [...r]);
      const police1 = edited.find((r) => r[col('actionId')] === ours.actionId) as unknown[];
      const health1 = edited.find((r) => r[col('actionId')] === theirs.actionId) as unknown[];
      police1[col('status')] = 'Off track';
      police1[col('progressNote')] = 'The audit tool is not agreed.';
      health1[col('status')] = 'Verified';
      const importUrl = urls.actionPlanImport(board.id, w.review.id);
      const send = async (content: Buffer, lang = 'en', agencyId = '') => {
        const token = await bu.csrfToken(importUrl);
        return bu.postMultipart(
          `${importUrl}?lang=${lang}`,
          multipartBody([
            { name: '_csrf', value: token },
            { name: 'agencyId', value: agencyId },
            { name: 'file', filename: 'plan.xlsx', content },
          ]),
        );
      };
      const updates = async () => (await services.db.kysely.selectFrom('review_action_updates').select('id').execute()).length;
      const before = await updates();
      const refused = await send(await planSheet(edited));
      assert.equal(refused.statusCode, 400, refused.body);
      assert.match(refused.$('.govuk-error-summary').text(), /Row 3, Status: An import cannot set this status/);
      const refusedCy = await send(await planSheet(edited), 'cy');
      assert.match(refusedCy.$('.govuk-error-summary').text(), /Rhes 3, Statws: Ni all mewnforio osod y statws hwn/);
      assert.equal(await updates(), before, 'nothing imported');
      // Naming the police: a change to the health's action is refused; unchanged, its row changes nothing.
      health1[col('status')] = 'On track';
      health1[col('progressNote')] = 'Started.';
      const notTheirs = await send(await planSheet(edited), 'en', police.id);
      assert.equal(notTheirs.statusCode, 400);
      assert.match(notTheirs.$('.govuk-error-summary').text(), /Row 3, Action ID: This action is led by another agency/);
      health1[col('status')] = 'Not started';
      health1[col('progressNote')] = '';
      const otherAgency = await send(await planSheet(edited), 'en', police.id);
      assert.equal(otherAgency.statusCode, 200, 'an unchanged row of another agency’s action changes nothing');
      assert.match(otherAgency.$('.govuk-panel').text(), /1 action updated/);
      assert.equal(await updates(), before + 1);
      const moved = await services.db.kysely.selectFrom('review_action_updates').selectAll().where('action_id', '=', ours.actionId).execute();
      assert.deepEqual(
        moved.map((u) => [u.status_to, u.on_behalf_of_agency_id]),
        [['off_track', police.id]],
      );
    });
  });
}
