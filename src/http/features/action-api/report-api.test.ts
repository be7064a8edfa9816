// The board's progress report and the partner view in the API (issue 12 items 5, 6 and 9), on both databases: the
// report's figures are the service's (the page's and the documents'), its default range since the last board
// meeting else the last three months; a range that is not one is a 400 with the page's field errors, reading
// nothing; the partner view counts and marks the actions the agency supports besides those it leads; another
// board's agency is not found; an action owner, an agency contributor and another board's business unit are
// refused; each answer one audited read; both operations in the OpenAPI description.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REPORT_NOW, seedReportWorld } from '../../../testing/action-report-fixtures.ts';
import { seedAgency } from '../../../testing/admin-fixtures.ts';
import { assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { as } from '../../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { buildTestApp, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`progress report API (${dialect})`, () => {
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const { app, services } = await buildTestApp(t, dialect, { clock: new TestClock(REPORT_NOW) });
      const board = await seedBoard(services, 'TEIFI');
      const w = await seedReportWorld(services, board.id);
      // The health board supports the police's overdue action (target 1 February 2027) on the first review.
      await services.db.kysely
        .insertInto('review_action_agencies')
        .values({ action_id: w.actionIds[1] ?? '', agency_id: w.health })
        .execute();
      const other = await seedBoard(services, 'OTHER');
      const stranger = (await seedAgency(services, { boardIds: [other.id], nameEn: 'Dyfed-Powys Police', nameCy: 'Heddlu Dyfed-Powys' })).id;
      const token = async (p: { email: string }) => (await services.tokens.create(testCaller('TEST_TOKEN'), p.email, 'test')).token;
      const reviewId = w.reviewIds[0];
      const tokens = {
        bu: await token(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true })),
        member: await token(await seedPerson(services, { roles: [{ role: 'board_member', boardId: board.id }], totp: true })),
        owner: await token(
          await seedPerson(services, {
            agencyId: w.police,
            reviewRoles: [{ role: 'action_owner', boardId: board.id, reviewId, agencyId: w.police }],
            totp: true,
          }),
        ),
        contributor: await token(
          await seedPerson(services, {
            agencyId: w.health,
            reviewRoles: [{ role: 'agency_contributor', boardId: board.id, reviewId, agencyId: w.health }],
            totp: true,
          }),
        ),
        otherBu: await token(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: other.id }], totp: true })),
      };
      const call = async (url: string, bearer: string, headers: Record<string, string> = {}) => {
        const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}`, ...headers } });
        return Object.assign(res, { data: res.body ? (JSON.parse(res.body) as Json) : {} });
      };
      const events = async (action: string) =>
        services.db.kysely
          .selectFrom('audit_events')
          .select(['action', 'board_id', 'record_type', 'record_id', 'summary'])
          .where('action', '=', action)
          .execute();
      return { app, services, board, w, other, stranger, tokens, call, events };
    }

    test('getActionReport: the service’s figures for the range, the default range, a bad range refused (400), who may read it, one audited read', async (t) => {
      const { services, board, w, other, tokens, call, events } = await setup(t);
      const report = `/api/v1/boards/${board.id}/action-report`;
      const range = { from: '2027-01-01', to: '2027-03-10' };

      const res = await call(`${report}?from=${range.from}&to=${range.to}`, tokens.bu);
      assert.equal(res.statusCode, 200, res.body);
      const read = await events('ACTION_REPORT_VIEWED');
      assert.equal(read.length, 1);
      assert.deepEqual([read[0]?.board_id, read[0]?.record_type, read[0]?.record_id], [board.id, 'board', board.id]);

      const { report: figures, board: named } = await services.progressReports.report(as(w.callers.bu, 'ACTION_REPORT_VIEWED'), board.id, range, 'en');
      const tally = (x: typeof figures.totals) => ({
        total: x.total,
        statuses: x.statuses,
        rags: x.rags,
        overdue: x.overdue,
        verified: x.verified,
        impact: x.impact,
      });
      assert.deepEqual(res.data.board, named);
      assert.deepEqual(res.data.range, { ...range, origin: 'asked', lastMeetingOn: null });
      assert.equal(res.data.today, '2027-03-10');
      assert.deepEqual(res.data.totals, tally(figures.totals));
      assert.deepEqual(
        res.data.reviews,
        figures.reviews.map((r) => ({ id: r.id, reference: r.reference, monitoringFromOn: r.monitoringFromOn, closed: r.closed, ...tally(r) })),
      );
      assert.deepEqual(
        res.data.agencies,
        figures.agencies.map((a) => ({ id: a.id, name: a.name, ...tally(a) })),
      );
      assert.deepEqual(res.data.horizons, figures.horizons);
      assert.deepEqual(res.data.challenges, figures.challenges);
      // The figures the page shows (pages.test.ts, progress-report.test.ts); a supported action counts under its lead agency only.
      assert.equal((res.data.totals as Json).overdue, 1);
      assert.deepEqual((res.data.totals as Json).rags, { red: 2, amber: 2, green: 2, complete: 2 });
      assert.deepEqual(
        (res.data.agencies as Json[]).map((a) => [a.id, a.total]),
        [
          [w.health, 3],
          [w.police, 5],
        ],
      );

      // By default: no board meeting held, so the last three months; agency names in the request's language.
      const byDefault = await call(report, tokens.member, { 'accept-language': 'cy' });
      assert.equal(byDefault.statusCode, 200, byDefault.body);
      assert.deepEqual(byDefault.data.range, { from: '2026-12-10', to: '2027-03-10', origin: 'last_three_months', lastMeetingOn: null });
      assert.ok((byDefault.data.agencies as Json[]).some((a) => a.name === 'Iechyd Aneurin Bevan'));

      // A range that is not one: the page's field errors, as a 400; nothing read.
      const before = (await events('ACTION_REPORT_VIEWED')).length;
      const bad = await call(`${report}?from=yesterday&to=2027-03-10`, tokens.bu);
      assertProblem(bad, 400);
      assert.deepEqual(fieldCodes(bad), [['from', 'action-reports:errors.from']]);
      assert.match(String((bad.data.errors as Json[])[0]?.message), /Enter the start of the range as a date/);
      const backwards = await call(`${report}?from=2027-03-10&to=2027-01-01`, tokens.bu);
      assertProblem(backwards, 400);
      assert.deepEqual(fieldCodes(backwards), [['to', 'action-reports:errors.order']]);
      assertProblem(await call(`${report}?from=2027-01-01`, tokens.bu), 400);
      assertProblem(await call(`${report}?colour=red`, tokens.bu), 400);
      assert.equal((await events('ACTION_REPORT_VIEWED')).length, before);

      // Who may not: an action owner, an agency contributor, another board's business unit.
      for (const who of [tokens.owner, tokens.contributor, tokens.otherBu]) assertProblem(await call(report, who), 403);
      assertProblem(await call(`/api/v1/boards/${other.id}/action-report`, tokens.bu), 403);
      assert.equal((await events('ACTION_REPORT_VIEWED')).length, before);
    });

    test('getPartnerActions: the actions the agency leads and supports (marked), its figures as the service’s; another board’s agency 404; one audited read', async (t) => {
      const { services, board, w, stranger, tokens, call, events } = await setup(t);
      const partner = (agencyId: string) => `/api/v1/boards/${board.id}/agencies/${agencyId}/actions`;

      const res = await call(partner(w.health), tokens.bu);
      assert.equal(res.statusCode, 200, res.body);
      const actions = res.data.actions as Json[];
      const read = await events('PARTNER_ACTIONS_VIEWED');
      assert.equal(read.length, 1);
      assert.deepEqual([read[0]?.record_type, read[0]?.record_id], ['agency', w.health]);

      const view = await services.progressReports.partner(as(w.callers.bu, 'PARTNER_ACTIONS_VIEWED'), board.id, w.health, 1, 'en');
      assert.deepEqual(res.data.board, view.board);
      assert.deepEqual(res.data.agency, { id: w.health, name: 'Aneurin Bevan Health' });
      assert.deepEqual([res.data.total, res.data.page, res.data.pageSize], [view.total, 1, view.pageSize]);
      assert.deepEqual(res.data.figures, {
        roles: view.figures.roles,
        counts: view.figures.counts,
        onTimePercent: view.figures.onTimePercent,
        trend: view.figures.trend,
      });
      assert.deepEqual(actions, view.actions);
      assert.deepEqual(res.data.escalations, view.escalations);

      // Its three led actions and the police's action it supports, counted in its figures.
      assert.equal(res.data.total, 4);
      assert.deepEqual(
        actions.map((a) => [a.targetOn, a.role, a.overdue]),
        [
          ['2027-01-31', 'lead', false],
          ['2027-02-01', 'supporting', true],
          ['2027-03-20', 'lead', false],
          ['2027-09-30', 'lead', false],
        ],
      );
      assert.equal(actions[1]?.id, w.actionIds[1]);
      assert.deepEqual(res.data.figures, {
        roles: { lead: 3, supporting: 1 },
        counts: { on_time: 1, late: 0, overdue: 1, open: 2, closed: 0 },
        onTimePercent: 100,
        trend: [{ quarter: '2027-Q1', on_time: 1, late: 0, overdue: 1 }],
      });
      // The police lead it: for them it is still their own.
      const police = await call(partner(w.police), tokens.member);
      assert.equal(police.statusCode, 200, police.body);
      assert.deepEqual((police.data.figures as Json).roles, { lead: 5, supporting: 0 });

      const before = (await events('PARTNER_ACTIONS_VIEWED')).length;
      assertProblem(await call(partner(stranger), tokens.bu), 404);
      assertProblem(await call(`${partner(w.health)}?page=0`, tokens.bu), 400);
      for (const who of [tokens.owner, tokens.contributor, tokens.otherBu]) assertProblem(await call(partner(w.health), who), 403);
      assert.equal((await events('PARTNER_ACTIONS_VIEWED')).length, before);
    });

    test('both operations are in the OpenAPI description', async (t) => {
      const { app } = await setup(t);
      const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      const doc = JSON.parse(res.body) as { paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>> };
      assert.equal(doc.paths['/api/v1/boards/{boardId}/action-report']?.get?.operationId, 'getActionReport');
      assert.equal(doc.paths['/api/v1/boards/{boardId}/agencies/{agencyId}/actions']?.get?.operationId, 'getPartnerActions');
      assert.ok(doc.paths['/api/v1/boards/{boardId}/action-report']?.get?.tags?.includes('action reports'));
    });
  });
}
