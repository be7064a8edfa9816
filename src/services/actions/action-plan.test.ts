// The action plan through its services (issue 12 items 1, 2 and 7), on both databases: the business unit adds a
// board recommendation and actions (single- and multi-agency; the lead officer appointed as the lead agency's
// action owner); the owner sees their agency's actions only, posts progress, and proposes completion — refused
// without evidence —; someone other than the owner verifies (the owner never, whatever else they hold); the
// board's decisions, sustained only from the re-audit date; revised dates need a reason; another agency's owner
// cannot touch the action; the plan is accepted only once every recommendation has an action, and the review's
// closure only once every action is done. Every refusal writes nothing. On PostgreSQL, two verifications at once:
// one wins, the other is told it moved meanwhile.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Services } from '../../container.ts';
import { insertBoardMeeting } from '../../db/repositories/board-meetings-repository.ts';
import { addDays, addMonths } from '../../domain/clock/dates.ts';
import { callerFor, seedAcceptedReview } from '../../testing/action-fixtures.ts';
import { seedAgency } from '../../testing/admin-fixtures.ts';
import { as } from '../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../testing/fixtures.ts';
import { type ReviewCallers, reviewCallers } from '../../testing/review-fixtures.ts';
import { buildTestApp, TestClock } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';
import { type Caller, newId, ServiceError } from '../context.ts';

const kindOf = (kind: string, field?: string, key?: string) => (e: unknown) =>
  e instanceof ServiceError && e.kind === kind && (!field || e.fieldErrors[field] === key);

const evidence = (text = 'Audit report: 40 of 40 referrals made the same day.') => ({ name: 'audit.txt', content: Readable.from([Buffer.from(text)]) });

for (const dialect of dialectsUnderTest()) {
  describe(`action plan (${dialect})`, () => {
    let services: Services;
    let clock: TestClock;
    let boardId: string;
    let callers: ReviewCallers;
    let police: string;
    let health: string;
    /** A board meeting of the board (scheduled), which the board's decisions and the plan's acceptance name. */
    let meetingId: string;
    let close: () => Promise<void>;

    before(async () => {
      clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
      ({ services, close } = await buildTestApp(undefined, dialect, { clock }));
      boardId = (await seedBoard(services, 'CYSUR')).id;
      callers = await reviewCallers(services, boardId);
      police = (await seedAgency(services, { boardIds: [boardId], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' })).id;
      health = (await seedAgency(services, { boardIds: [boardId], nameEn: 'Aneurin Bevan Health', nameCy: 'Iechyd Aneurin Bevan' })).id;
      meetingId = newId();
      await insertBoardMeeting(
        services.db.kysely,
        { id: meetingId, boardId, meetsOn: '2026-12-10', startsAt: '10:00', online: true, place: null, createdBy: null },
        clock.now().toISOString(),
      );
    });
    after(() => close());

    const counts = async () => ({
      actions: (await services.db.kysely.selectFrom('review_actions').select('id').execute()).length,
      updates: (await services.db.kysely.selectFrom('review_action_updates').select('id').execute()).length,
      files: (await services.db.kysely.selectFrom('files').select('id').execute()).length,
      plans: (await services.db.kysely.selectFrom('action_plans').select('review_id').execute()).length,
    });

    const actionInput = (overrides: Record<string, unknown> = {}) => ({
      action: 'Audit same-day referrals after domestic abuse call-outs for six months.',
      leadAgencyId: police,
      supportingAgencyIds: [] as string[],
      ownerName: 'Sergeant Rhian Morgan',
      ownerEmail: `rhian.${Math.random().toString(36).slice(2)}@police.example`,
      ownerLanguage: 'cy' as const,
      targetOn: '2027-06-30',
      successMeasure: 'Every referral made the same day.',
      completionEvidence: 'The audit report.',
      impactMeasure: 'A re-audit after six months.',
      ...overrides,
    });

    /** A review with its report accepted and an action on its recommendation, owned by a new police officer. */
    async function world(overrides: Record<string, unknown> = {}) {
      const w = await seedAcceptedReview(services, boardId, callers, police);
      const scope = { boardId, reviewId: w.review.id };
      const made = await services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), scope, w.recommendationId, actionInput(overrides));
      const action = await services.db.kysely.selectFrom('review_actions').selectAll().where('id', '=', made.actionId).executeTakeFirstOrThrow();
      const owner = await callerFor(services, action.owner_id);
      return { ...w, scope, actionId: made.actionId, owner };
    }

    test('the business unit builds the plan: a board recommendation, single- and multi-agency actions; the owner is the lead agency’s action owner and sees its actions only', async () => {
      const w = await world();
      assert.equal((await counts()).actions > 0, true);
      const board = await services.actionPlans.addBoardRecommendation(as(callers.bu, 'BOARD_RECOMMENDATION_ADDED'), w.scope, {
        text: 'Partners report same-day referral rates to the board each quarter.',
      });
      assert.equal(board.number, 2, 'numbered after the report’s');
      const multi = await services.actionPlans.addAction(
        as(callers.bu, 'ACTION_ADDED'),
        w.scope,
        board.id,
        actionInput({ leadAgencyId: health, supportingAgencyIds: [police], ownerName: 'Nurse Ffion Evans', ownerEmail: 'ffion.evans@health.example' }),
      );
      const plan = await services.actionPlans.plan(as(callers.bu, 'ACTION_PLAN_VIEWED'), w.scope);
      assert.deepEqual(
        plan.recommendations.map((r) => [r.number, r.source, r.actions.length]),
        [
          [1, 'report', 1],
          [2, 'board', 1],
        ],
      );
      assert.deepEqual(
        plan.recommendations[1]?.actions[0]?.supportingAgencies.map((a) => a.id),
        [police],
      );
      assert.deepEqual(plan.acceptProblems, {}, 'the report accepted, every recommendation has an action');

      // The police owner sees the police's actions: their own, and the health-led one the police support.
      const view = await services.actionPlans.plan(as(w.owner, 'ACTION_PLAN_VIEWED'), w.scope);
      assert.equal(view.agencyOnly, true);
      assert.deepEqual(view.recommendations.flatMap((r) => r.actions.map((a) => a.id)).sort(), [w.actionId, multi.actionId].sort());
      // The health owner sees only the health-led action; not the police's, whose page is "not found".
      const healthOwnerId = (
        await services.db.kysely.selectFrom('review_actions').select('owner_id').where('id', '=', multi.actionId).executeTakeFirstOrThrow()
      ).owner_id;
      const healthOwner = await callerFor(services, healthOwnerId);
      const theirs = await services.actionPlans.plan(as(healthOwner, 'ACTION_PLAN_VIEWED'), w.scope);
      assert.deepEqual(
        theirs.recommendations.flatMap((r) => r.actions.map((a) => a.id)),
        [multi.actionId],
      );
      await assert.rejects(services.actionProgress.view(as(healthOwner, 'ACTION_VIEWED'), w.scope, w.actionId), kindOf('not_found'));
      await assert.rejects(
        services.actionProgress.update(as(healthOwner, 'ACTION_UPDATED'), w.scope, w.actionId, { narrative: 'Not mine.', status: 'on_track' }),
        (e: unknown) => e instanceof ServiceError && (e.kind === 'forbidden' || e.kind === 'not_found'),
      );
      // The owner's list across reviews: their own action and the one their agency supports.
      const mine = await services.actionProgress.mine(as(w.owner, 'MY_ACTIONS_VIEWED'), { limit: 50, offset: 0 });
      assert.deepEqual(mine.rows.map((r) => r.id).sort(), [w.actionId, multi.actionId].sort());
    });

    test('bad answers are refused field by field and write nothing', async () => {
      const w = await world();
      const before = await counts();
      await assert.rejects(
        services.actionPlans.addAction(
          as(callers.bu, 'ACTION_ADDED'),
          w.scope,
          w.recommendationId,
          actionInput({ action: '', targetOn: addDays(clock.today(), -1), successMeasure: '', ownerEmail: 'not an email' }),
        ),
        (e: unknown) =>
          e instanceof ServiceError &&
          e.fieldErrors.action === 'actions:errors.actionRequired' &&
          e.fieldErrors.targetOn === 'actions:errors.targetPast' &&
          e.fieldErrors.successMeasure === 'actions:errors.successMeasureRequired' &&
          e.fieldErrors.ownerEmail === 'email.invalid',
      );
      await assert.rejects(
        services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), w.scope, w.recommendationId, actionInput({ targetOn: '2031-01-01' })),
        kindOf('invalid', 'targetOn', 'actions:errors.targetTooFar'),
      );
      // A revised date without a reason; the same date; a stale version.
      const { version } = await services.db.kysely.selectFrom('review_actions').select('version').where('id', '=', w.actionId).executeTakeFirstOrThrow();
      const revise = (input: { targetOn: string; reason: string; version?: number }) =>
        services.actionPlans.reviseTarget(as(callers.bu, 'ACTION_TARGET_REVISED'), w.scope, w.actionId, { version: Number(version), ...input });
      await assert.rejects(revise({ targetOn: '2027-09-30', reason: ' ' }), kindOf('invalid', 'reason', 'actions:errors.reasonRequired'));
      await assert.rejects(revise({ targetOn: '2027-06-30', reason: 'The same.' }), kindOf('invalid', 'targetOn', 'actions:errors.targetUnchanged'));
      await assert.rejects(revise({ targetOn: '2027-09-30', reason: 'Staff vacancies.', version: Number(version) + 5 }), kindOf('conflict'));
      // The owner may not revise their own date; nor override the RAG.
      await assert.rejects(
        services.actionPlans.reviseTarget(as(w.owner, 'ACTION_TARGET_REVISED'), w.scope, w.actionId, {
          version: Number(version),
          targetOn: '2027-09-30',
          reason: 'x',
        }),
        kindOf('forbidden'),
      );
      assert.deepEqual(await counts(), before);
      await revise({ targetOn: '2027-09-30', reason: 'Staff vacancies in the public protection unit.' });
      const after = await services.actionProgress.view(as(callers.bu, 'ACTION_VIEWED'), w.scope, w.actionId);
      assert.equal(after.action.targetOn, '2027-09-30');
      assert.equal(after.action.originalTargetOn, '2027-06-30');
      assert.deepEqual(
        after.revisions.map((r) => [r.fromOn, r.toOn]),
        [['2027-06-30', '2027-09-30']],
      );
    });

    test('the owner posts progress and proposes completion only with evidence; the owner never verifies; the business unit verifies and records the board’s decisions', async () => {
      const w = await world();
      const owner = as(w.owner, 'ACTION_UPDATED');
      await services.actionProgress.update(
        owner,
        w.scope,
        w.actionId,
        { narrative: 'The audit tool is agreed.', status: 'on_track' },
        evidence('Audit tool v1'),
      );
      const before = await counts();
      await assert.rejects(
        services.actionProgress.proposeComplete(as(w.owner, 'ACTION_COMPLETION_PROPOSED'), w.scope, w.actionId, { narrative: 'Done.' }),
        kindOf('invalid', 'evidence', 'actions:errors.evidenceRequired'),
      );
      assert.deepEqual(await counts(), before, 'nothing written');
      await services.actionProgress.proposeComplete(
        as(w.owner, 'ACTION_COMPLETION_PROPOSED'),
        w.scope,
        w.actionId,
        { narrative: 'Six months audited.' },
        evidence(),
      );
      const proposed = await services.actionProgress.view(as(w.owner, 'ACTION_VIEWED'), w.scope, w.actionId);
      assert.equal(proposed.action.status, 'complete');
      assert.equal(proposed.action.rag, 'complete');
      assert.equal(proposed.updates[0]?.files.length, 1, 'the evidence is on the update');
      assert.deepEqual(proposed.may.events, [], 'the owner can do nothing more: verification is someone else’s');
      await assert.rejects(
        services.actionProgress.update(owner, w.scope, w.actionId, { narrative: 'More.', status: null }),
        kindOf('conflict', 'form', 'actions:errors.notInProgress'),
      );

      // Someone who is both the business unit and the action's owner still may not verify it.
      const buOwner = await seedPerson(services, {
        roles: [{ role: 'business_unit', boardId }],
        agencyId: police,
        totp: true,
        email: 'bu.owner@police.example',
      });
      const own = await services.actionPlans.addAction(
        as(callers.bu, 'ACTION_ADDED'),
        w.scope,
        w.recommendationId,
        actionInput({ ownerEmail: 'bu.owner@police.example', ownerName: 'Test Person' }),
      );
      const buOwnerCaller = await callerFor(services, buOwner.id);
      await services.actionProgress.proposeComplete(as(buOwnerCaller, 'ACTION_COMPLETION_PROPOSED'), w.scope, own.actionId, { narrative: 'Done.' }, evidence());
      await assert.rejects(
        services.actionProgress.verify(as(buOwnerCaller, 'ACTION_VERIFIED'), w.scope, own.actionId, { decision: 'verify', narrative: '' }),
        kindOf('invalid', 'decision', 'actions:errors.ownVerification'),
      );
      // Returning needs a reason; the panel chair returns, the owner proposes again, the business unit verifies.
      await assert.rejects(
        services.actionProgress.verify(as(w.panelChair, 'ACTION_VERIFIED'), w.scope, w.actionId, { decision: 'return', narrative: '' }),
        kindOf('invalid', 'narrative', 'actions:errors.reasonRequired'),
      );
      await services.actionProgress.verify(as(w.panelChair, 'ACTION_VERIFIED'), w.scope, w.actionId, {
        decision: 'return',
        narrative: 'Attach the six-month figures.',
      });
      await services.actionProgress.proposeComplete(
        as(w.owner, 'ACTION_COMPLETION_PROPOSED'),
        w.scope,
        w.actionId,
        { narrative: 'Figures attached.' },
        evidence(),
      );
      await services.actionProgress.verify(as(callers.bu, 'ACTION_VERIFIED'), w.scope, w.actionId, { decision: 'verify', narrative: '' });

      // The board's decisions: impact evidenced (re-audit in six months), sustained only from then, closure with a reason.
      const decide = (input: Parameters<Services['actionProgress']['boardDecision']>[3]) =>
        services.actionProgress.boardDecision(as(callers.bu, 'ACTION_BOARD_DECISION_RECORDED'), w.scope, w.actionId, input);
      await assert.rejects(
        services.actionProgress.boardDecision(as(w.owner, 'ACTION_BOARD_DECISION_RECORDED'), w.scope, w.actionId, {
          event: 'record_impact',
          narrative: 'x',
          boardMeetingId: meetingId,
        }),
        kindOf('forbidden'),
      );
      await assert.rejects(
        decide({ event: 'record_impact', narrative: 'Referral rates rose to 100%.', boardMeetingId: null }),
        kindOf('invalid', 'boardMeetingId', 'actions:errors.meetingRequired'),
      );
      await assert.rejects(
        decide({ event: 'record_impact', narrative: 'Referral rates rose to 100%.', boardMeetingId: newId() }),
        kindOf('invalid', 'boardMeetingId', 'actions:errors.meetingUnknown'),
      );
      await decide({ event: 'record_impact', narrative: 'Referral rates rose to 100%.', boardMeetingId: meetingId, reauditOn: addDays(clock.today(), 30) });
      await assert.rejects(
        decide({ event: 'record_sustained', narrative: 'Still 100%.', boardMeetingId: meetingId }),
        kindOf('invalid', 'event', 'actions:errors.beforeReaudit'),
      );
      clock.advance(31 * 86_400_000);
      await decide({ event: 'record_sustained', narrative: 'Still 100% at the re-audit.', boardMeetingId: meetingId });
      const done = await services.actionProgress.view(as(callers.bu, 'ACTION_VIEWED'), w.scope, w.actionId);
      assert.equal(done.action.status, 'sustained');
      assert.deepEqual(
        done.updates.map((u) => u.kind),
        ['sustained', 'impact', 'verified', 'complete', 'returned', 'complete', 'progress'],
      );
    });

    test('the plan is accepted once (monitoring starts, two-year horizon); closure only with every action done and the chair’s sign-off', async () => {
      const w = await world();
      await assert.rejects(services.actionPlans.accept(as(callers.bu, 'ACTION_PLAN_ACCEPTED'), w.scope, { meetingId }), kindOf('forbidden'));
      const board = await services.actionPlans.addBoardRecommendation(as(callers.bu, 'BOARD_RECOMMENDATION_ADDED'), w.scope, { text: 'A second one.' });
      await assert.rejects(
        services.actionPlans.accept(as(callers.chair, 'ACTION_PLAN_ACCEPTED'), w.scope, { meetingId }),
        kindOf('invalid', 'actions', 'actions:gate.recommendationWithoutAction'),
      );
      const second = await services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), w.scope, board.id, actionInput());
      // To the Welsh Government only once the plan is accepted (the report is): the gate lists what is missing.
      const move = (event: string) => services.reviews.move(as(callers.bu, 'REVIEW_MOVED'), boardId, w.review.id, { event });
      await assert.rejects(move('submit_to_welsh_government'), kindOf('invalid', 'actionPlan', 'actions:gate.notAccepted'));
      const accepted = await services.actionPlans.accept(as(callers.chair, 'ACTION_PLAN_ACCEPTED'), w.scope, { meetingId });
      assert.equal((await move('submit_to_welsh_government')).to, 'SUBMITTED_TO_WG');
      assert.equal(accepted.horizonOn, addMonths(accepted.monitoringFromOn, 24));
      await assert.rejects(services.actionPlans.accept(as(callers.chair, 'ACTION_PLAN_ACCEPTED'), w.scope, { meetingId }), kindOf('conflict'));
      const signOff = () => services.actionPlans.signOffClosure(as(callers.chair, 'ACTION_PLAN_CLOSURE_SIGNED_OFF'), w.scope, { note: 'Agreed at the board.' });
      await assert.rejects(signOff(), kindOf('invalid', 'actions', 'actions:gate.openActions'));
      for (const id of [w.actionId, second.actionId])
        await services.actionProgress.boardDecision(as(callers.bu, 'ACTION_BOARD_DECISION_RECORDED'), w.scope, id, {
          event: 'close',
          narrative: 'Superseded by the national protocol.',
          boardMeetingId: meetingId,
        });
      // Closing the review (R13): from monitoring — reached after publication, which a later issue builds, so the
      // stage is set here as publication will leave it — only once the chair has signed closure off.
      await services.db.kysely.updateTable('reviews').set({ stage: 'MONITORING' }).where('id', '=', w.review.id).execute();
      await assert.rejects(move('close'), kindOf('invalid', 'closure', 'actions:gate.noClosureSignOff'));
      await signOff();
      await assert.rejects(signOff(), kindOf('conflict'));
      assert.equal((await move('close')).to, 'CLOSED');
      const plan = await services.actionPlans.plan(as(callers.chair, 'ACTION_PLAN_VIEWED'), w.scope);
      assert.deepEqual(plan.closeProblems, {});
      assert.ok(plan.plan?.closureSignedOffAt);
    });

    test('another board finds nothing of the plan', async () => {
      const w = await world();
      const otherBoard = (await seedBoard(services, `O${Math.random().toString(36).slice(2, 6).toUpperCase()}`)).id;
      const other = await reviewCallers(services, otherBoard);
      await assert.rejects(services.actionPlans.plan(as(other.bu, 'ACTION_PLAN_VIEWED'), w.scope), kindOf('forbidden'));
      await assert.rejects(services.actionPlans.plan(as(other.bu, 'ACTION_PLAN_VIEWED'), { boardId: otherBoard, reviewId: w.review.id }), kindOf('not_found'));
    });

    if (dialect === 'postgres')
      test('two verifications at once: one wins, the other is told the action moved meanwhile (never a 500)', async () => {
        const w = await world();
        await services.actionProgress.proposeComplete(as(w.owner, 'ACTION_COMPLETION_PROPOSED'), w.scope, w.actionId, { narrative: 'Done.' }, evidence());
        const verify = (c: Caller) => services.actionProgress.verify(as(c, 'ACTION_VERIFIED'), w.scope, w.actionId, { decision: 'verify', narrative: '' });
        const results = await Promise.allSettled([verify(callers.bu), verify(w.panelChair)]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const refused = results.find((r) => r.status === 'rejected');
        assert.ok(refused && refused.status === 'rejected' && refused.reason instanceof ServiceError && refused.reason.kind === 'conflict');
        const verified = (await services.db.kysely.selectFrom('review_action_updates').select('kind').where('action_id', '=', w.actionId).execute()).filter(
          (u) => u.kind === 'verified',
        );
        assert.equal(verified.length, 1, 'one verification written');
      });
  });
}
