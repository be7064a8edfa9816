// Early learning (issue 10 item 8; R12) over HTTP with real CSRF tokens, and in the API: the panel records a
// lesson and an immediate action for an agency; the owner gets the action owner's role for that agency on
// that review only; the panel cannot bring someone new to the service (the business unit can, who is then
// invited); bad answers are refused in the error summary (in Welsh too) with nothing written; another board's
// people find nothing. On both databases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { can } from '../../../domain/permissions.ts';
import { apiWorld, assertProblem, fieldCodes } from '../../../testing/api-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

const TARGET = { 'targetOn-day': '31', 'targetOn-month': '3', 'targetOn-year': '2027' };

for (const dialect of dialectsUnderTest()) {
  describe(`early learning (${dialect})`, () => {
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const other = await seedBoard(services, 'OTHER');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006' });
      const second = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006' });
      const police = await seedAgency(services, [board.id]);
      const health = await seedAgency(services, [board.id], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
      const browserFor = async (person: { email: string; totpSecret?: string }) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const chair = await browserFor(
        await seedPerson(services, { reviewRoles: [{ role: 'panel_chair', boardId: board.id, reviewId: review.id }], totp: true }),
      );
      const bu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }));
      const officer = await seedPerson(services, { fullName: 'Sergeant Rhian Morgan', email: 'rhian.morgan@police.example', agencyId: police.id, totp: true });
      const page = urls.reviewEarlyLearning(board.id, review.id);
      const count = async () => (await services.db.kysely.selectFrom('review_actions').select('id').execute()).length;
      return { services, board, other, review, second, police, health, browserFor, chair, bu, officer, page, count };
    }
    const answers = (overrides: Record<string, string> = {}) => ({
      lesson: 'Referrals from the school nurse were not shared with the health visitor.',
      action: 'Health to brief every school nurse on the information-sharing protocol.',
      ownerName: 'Sergeant Rhian Morgan',
      ownerEmail: 'rhian.morgan@police.example',
      ownerLanguage: 'cy',
      ...TARGET,
      ...overrides,
    });

    test('the panel chair records a lesson and its action; the owner gets the action owner’s role for that agency on this review only', async (t) => {
      const s = await setup(t);
      const review = await s.bu.get(urls.review(s.board.id, s.review.id));
      assert.equal(review.$(`main a[href="${s.page}"]`).length, 1, 'the review page links to its early learning');
      const res = await s.chair.submit(s.page, answers({ leadAgencyId: s.police.id }));
      assert.equal(res.statusCode, 302, res.body);
      const page = await s.chair.get(s.page);
      const row = page.$('#actions-table tbody tr');
      assert.equal(row.length, 1);
      assert.match(row.text(), /school nurse/);
      assert.match(row.text(), /Test Police/);
      assert.match(row.text(), /31 March 2027/);
      assert.match(row.text(), /Not started/);
      const loaded = await s.services.identity.loadActor(s.officer.id, true);
      const owner = { personId: s.officer.id, grants: loaded?.grants ?? [], twoFactorSatisfied: true };
      const here = { boardId: s.board.id, reviewId: s.review.id };
      assert.equal(can(owner, 'action.update', { ...here, agencyId: s.police.id }), true);
      assert.equal(can(owner, 'action.update', { ...here, agencyId: s.health.id }), false, 'another agency’s actions');
      assert.equal(can(owner, 'action.update', { boardId: s.board.id, reviewId: s.second.id, agencyId: s.police.id }), false, 'another review');
      assert.equal(can(owner, 'review.view', here), false, 'nothing else of the review');
      const events = await s.services.db.kysely
        .selectFrom('audit_events')
        .select(['action', 'summary'])
        .where('action', 'in', ['EARLY_LEARNING_RECORDED', 'REVIEW_ROLE_GRANTED'])
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        events.map((e) => e.action),
        ['REVIEW_ROLE_GRANTED', 'EARLY_LEARNING_RECORDED'],
        'the owner’s role and the action, each audited',
      );
      assert.ok(
        events.every((e) => !e.summary.includes('school nurse')),
        'no case text in the audit log',
      );
    });

    test('bad answers are refused in the error summary, in Welsh too, and nothing is written', async (t) => {
      const s = await setup(t);
      const empty = await s.chair.submit(s.page, {});
      assert.equal(empty.statusCode, 400);
      const summary = empty.$('.govuk-error-summary').text();
      for (const text of ['Enter the lesson learnt', 'Enter the immediate action', 'Select the lead agency', 'Enter the target date'])
        assert.match(summary, new RegExp(text));
      const past = await s.chair.submit(s.page, answers({ leadAgencyId: s.police.id, 'targetOn-day': '1', 'targetOn-month': '1', 'targetOn-year': '2026' }));
      assert.match(past.$('.govuk-error-summary').text(), /must be today or in the future/);
      assert.equal(past.$('textarea[name="lesson"]').text().trim(), answers().lesson, 'the answers are kept');
      const incomplete = await s.chair.submit(s.page, answers({ leadAgencyId: s.police.id, 'targetOn-year': '' }));
      assert.match(incomplete.$('.govuk-error-summary').text(), /must include a day, month and year/);
      const otherAgency = await s.chair.submit(s.page, answers({ leadAgencyId: s.health.id }));
      assert.match(otherAgency.$('.govuk-error-summary').text(), /works for another agency/);
      const unknown = await s.chair.submit(s.page, answers({ leadAgencyId: s.police.id, ownerEmail: 'new.person@health.example' }));
      assert.match(unknown.$('.govuk-error-summary').text(), /ask the business unit/);
      await s.chair.get(`${s.page}?lang=cy`);
      const welsh = await s.chair.submit(s.page, {});
      assert.match(welsh.$('.govuk-error-summary').text(), /Rhowch y wers a ddysgwyd/);
      assert.equal(await s.count(), 0);
      assert.equal((await s.services.db.kysely.selectFrom('people').select('id').where('email', '=', 'new.person@health.example').execute()).length, 0);
    });

    test('the business unit may name someone new, who gets an account with only the action owner’s role; another board finds nothing', async (t) => {
      const s = await setup(t);
      const res = await s.bu.submit(s.page, answers({ leadAgencyId: s.health.id, ownerName: 'Nia Evans', ownerEmail: 'nia.evans@health.example' }));
      assert.equal(res.statusCode, 302, res.body);
      const person = await s.services.db.kysely
        .selectFrom('people')
        .select(['id', 'agency_id', 'language'])
        .where('email', '=', 'nia.evans@health.example')
        .executeTakeFirstOrThrow();
      assert.deepEqual([person.agency_id, person.language], [s.health.id, 'cy']);
      const roles = await s.services.db.kysely
        .selectFrom('role_assignments')
        .select(['role', 'review_id', 'agency_id'])
        .where('person_id', '=', person.id)
        .execute();
      assert.deepEqual(
        roles.map((r) => [r.role, r.review_id, r.agency_id]),
        [['action_owner', s.review.id, s.health.id]],
      );
      const outsider = await s.browserFor(await seedPerson(s.services, { roles: [{ role: 'business_unit', boardId: s.other.id }], totp: true }));
      assert.equal((await outsider.get(s.page)).statusCode, 403);
      assert.equal((await outsider.get(urls.reviewEarlyLearning(s.other.id, s.review.id))).statusCode, 404);
      const before = await s.count();
      assert.equal((await outsider.submit(urls.reviewEarlyLearning(s.other.id, s.review.id), answers({ leadAgencyId: s.police.id }))).statusCode, 404);
      assert.equal(await s.count(), before);
    });
  });

  describe(`early learning API (${dialect})`, () => {
    test('record and list; refusals as problems', async (t) => {
      const w = await apiWorld(t, dialect);
      const review = await seedReview(w.services, w.boardA.id, await reviewCallers(w.services, w.boardA.id), { frameworkId: 'SCR_2006' });
      const police = await seedAgency(w.services, [w.boardA.id]);
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}/early-learning`;
      const body = {
        lesson: 'A lesson.',
        action: 'An action.',
        leadAgencyId: police.id,
        ownerName: 'Owner Person',
        ownerEmail: 'owner.person@police.example',
        targetOn: '2027-01-31',
      };
      const made = await w.call('POST', base, w.tokens.unitA, body);
      assert.equal(made.statusCode, 201, JSON.stringify(made.data));
      assert.equal(made.data.ownerInvited, true);
      const list = await w.call('GET', base, w.tokens.chairA);
      assert.deepEqual(
        (list.data as unknown as { lesson: string; targetOn: string; status: string }[]).map((a) => [a.lesson, a.targetOn, a.status]),
        [['A lesson.', '2027-01-31', 'not_started']],
      );
      const bad = await w.call('POST', base, w.tokens.unitA, { ...body, lesson: '', targetOn: '2027-02-30' });
      assertProblem(bad, 422);
      assert.deepEqual(fieldCodes(bad).sort(), [
        ['lesson', 'earlyLearning.lessonRequired'],
        ['targetOn', 'earlyLearning.targetInvalid'],
      ]);
      assertProblem(await w.call('POST', base, w.tokens.chairA, body), 403);
      assertProblem(await w.call('POST', base, w.tokens.unitB, body), 403);
    });
  });
}
