// "Today" is the date in Europe/London, wherever the server runs: at 00:30 BST on 1 July (23:30 UTC on
// 30 June) a referral received today, a decision made today and an agency joining a board today all
// happen on 1 July, and the audit log's "1 July" is London's 1 July. Each case failed while the services
// took the UTC date.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { type TestAuditAction, testCaller } from '../testing/audit-actions.ts';
import { as, callerWithRole, criteriaAnswers, referralInput } from '../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';

/** 00:30 British Summer Time on 1 July 2026. */
const HALF_PAST_MIDNIGHT_BST = '2026-06-30T23:30:00.000Z';

for (const dialect of dialectsUnderTest()) {
  describe(`today is London's date (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date(HALF_PAST_MIDNIGHT_BST));
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
      t.after(async () => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      return { services, board, clock };
    }

    test('at 00:30 BST the clock says 1 July', async (t) => {
      const { services } = await setup(t);
      assert.equal(services.clock.today(), '2026-07-01');
    });

    test('at 00:30 BST on 1 July, a referral received today and a decision made today are accepted, not "in the future"', async (t) => {
      const { services, board } = await setup(t);
      const bu = await callerWithRole(services, 'business_unit', board.id);
      const mg = await callerWithRole(services, 'management_group_member', board.id);
      const mgChair = await callerWithRole(services, 'management_group_chair', board.id);
      const chair = await callerWithRole(services, 'board_chair', board.id);
      const referral = await services.referrals.create(
        as(bu, 'REFERRAL_CREATED'),
        referralInput(board.id, { receivedOn: '2026-07-01', incidentOn: '2026-06-30' }),
      );
      assert.equal(referral.receivedOn, '2026-07-01');

      const { framework } = await services.consideration.frameworkFor(mg, referral.id);
      const answers = criteriaAnswers(framework);
      await services.consideration.recordAssessment(as(mg, 'CRITERIA_ASSESSED'), referral.id, { meetingId: null, answers });
      await services.consideration.submitRecommendation(as(mgChair, 'RECOMMENDATION_SUBMITTED'), referral.id, {
        route: 'no_review',
        reviewType: null,
        reasons: 'Criteria not met.',
        dissent: null,
      });
      const { decision } = await services.consideration.recordDecision(as(chair, 'DECISION_RECORDED'), referral.id, {
        agreesWithRecommendation: true,
        route: null,
        reviewType: null,
        rationale: 'Agreed.',
        decidedOn: '2026-07-01',
      });
      assert.equal(decision.decidedOn, '2026-07-01');
    });

    test('at 00:30 BST on 1 July, an agency added to a board joins it on 1 July', async (t) => {
      const { services, board } = await setup(t);
      const admin = await callerWithRole(services, 'administrator', board.id);
      const agency = await services.organisation.createAgency(as(admin, 'AGENCY_CREATED'), {
        nameEn: 'Night Shift Police',
        nameCy: 'Heddlu Shifft Nos',
        sector: 'police',
        isStatutoryPartner: true,
        boardIds: [board.id],
      });
      const row = await services.db.kysely.selectFrom('board_agencies').select('joined_on').where('agency_id', '=', agency.id).executeTakeFirstOrThrow();
      assert.equal(row.joined_on, '2026-07-01');
    });

    test('the audit log searched for 1 July finds what happened on London’s 1 July, and nothing of 2 July', async (t) => {
      const { services, clock } = await setup(t);
      // A deployment administrator reads every event.
      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const loaded = await services.identity.loadActor(admin.id, true);
      assert.ok(loaded);
      const record = async (at: string, what: TestAuditAction) => {
        clock.set(at);
        await services.tokens.create(testCaller(what), admin.email, what);
      };
      await record('2026-06-30T22:59:00.000Z', 'TEST_ON_30_JUNE'); // 23:59 BST on 30 June
      await record('2026-06-30T23:30:00.000Z', 'TEST_EARLY_1_JULY'); // 00:30 BST
      await record('2026-07-01T22:30:00.000Z', 'TEST_LATE_1_JULY'); // 23:30 BST
      await record('2026-07-01T23:30:00.000Z', 'TEST_ON_2_JULY'); // 00:30 BST on 2 July
      const actor = { personId: admin.id, grants: loaded.grants, twoFactorSatisfied: true };
      const page = await services.audit.searchPage(actor, { fromOn: '2026-07-01', toOn: '2026-07-01', pageSize: 50 });
      assert.deepEqual(page.events.map((e) => e.action).sort(), ['TEST_EARLY_1_JULY', 'TEST_LATE_1_JULY']);
    });
  });
}
