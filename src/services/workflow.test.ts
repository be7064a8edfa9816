// Workflow records (issue 9 item 1): the one way a record's state changes, on both databases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices, type Services } from '../container.ts';
import { setAuditChainHead } from '../db/repositories/audit-repository.ts';
import { insertAssessment } from '../db/repositories/consideration-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { as, callerWithRole, criteriaAnswers, referralInput } from '../testing/case-fixtures.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { type Caller, newId, ServiceError } from './context.ts';
import { type TransitionRequest, WorkflowService } from './workflow.ts';

const isConflict = (key: string) => (e: unknown) => e instanceof ServiceError && e.kind === 'conflict' && Object.values(e.fieldErrors).includes(key);

for (const dialect of dialectsUnderTest()) {
  describe(`workflow records: one way to change a record's state (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2026-11-27T09:00:00Z'));
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
      t.after(async () => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      const bu = await callerWithRole(services, 'business_unit', board.id);
      const mg = await callerWithRole(services, 'management_group_member', board.id);
      const mgChair = await callerWithRole(services, 'management_group_chair', board.id);
      const chair = await callerWithRole(services, 'board_chair', board.id);
      const referral = await services.referrals.create(as(bu, 'REFERRAL_CREATED'), referralInput(board.id));
      const workflow = new WorkflowService({ clock, audit: services.audit });
      const move = (caller: Caller, req: TransitionRequest) => inTransaction(services.db, (trx) => workflow.transition(trx, caller, req));
      return { services, board, bu, mg, mgChair, chair, referral, clock, workflow, move };
    }

    const status = async (services: Services, id: string) =>
      (await services.db.kysely.selectFrom('referrals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    const eventsAbout = (services: Services, id: string) =>
      services.db.kysely.selectFrom('audit_events').selectAll().where('record_id', '=', id).orderBy('seq').execute();

    /** A review, through the real path: analysis, recommendation, the chair decides to hold one. */
    async function decideReview(s: Awaited<ReturnType<typeof setup>>) {
      const { framework } = await s.services.consideration.frameworkFor(s.mg, s.referral.id);
      await s.services.consideration.recordAssessment(as(s.mg, 'CRITERIA_ASSESSED'), s.referral.id, { meetingId: null, answers: criteriaAnswers(framework) });
      await s.services.consideration.submitRecommendation(as(s.mgChair, 'RECOMMENDATION_SUBMITTED'), s.referral.id, {
        route: 'review',
        reviewType: null,
        reasons: 'The statutory criteria are met.',
        dissent: null,
      });
      const { review } = await s.services.consideration.recordDecision(as(s.chair, 'DECISION_RECORDED'), s.referral.id, {
        agreesWithRecommendation: true,
        route: null,
        reviewType: null,
        rationale: 'I agree.',
        decidedOn: '2026-11-27',
      });
      assert.ok(review);
      return review;
    }

    test('an allowed move writes the new state, its audit event (the caller’s action and summary) and the transition beside it, and shows on the timeline', async (t) => {
      const { services, referral, bu, move, workflow } = await setup(t);
      const result = await move(as(bu, 'TEST_MOVED'), {
        record: 'referral',
        id: referral.id,
        event: 'consider',
        from: 'referred',
        summary: { meetingId: 'm1' },
      });
      assert.deepEqual([result.from, result.to], ['referred', 'under_consideration']);
      assert.equal(await status(services, referral.id), 'under_consideration');
      const events = await eventsAbout(services, referral.id);
      const last = events.at(-1);
      assert.equal(last?.action, 'TEST_MOVED');
      assert.equal(last?.record_type, 'referral');
      // The caller's summary only: the states stay out of the audit log (a decided referral's status is the chair's decision).
      assert.deepEqual(JSON.parse(last?.summary ?? '{}'), { meetingId: 'm1' });
      const beside = await services.db.kysely
        .selectFrom('record_transitions')
        .selectAll()
        .where('audit_event_id', '=', last?.id ?? '')
        .execute();
      assert.deepEqual(
        beside.map((r) => [r.record_id, r.from_state, r.to_state, r.event]),
        [[referral.id, 'referred', 'under_consideration', 'consider']],
      );
      const timeline = await workflow.timeline(services.db.kysely, { type: 'referral', id: referral.id });
      assert.deepEqual(
        timeline.entries.map((e) => [e.action, e.actorName !== null, e.transition]),
        [
          ['REFERRAL_CREATED', true, { from: null, to: 'referred', event: 'record', reason: null }],
          ['TEST_MOVED', true, { from: 'referred', to: 'under_consideration', event: 'consider', reason: null }],
        ],
      );
      assert.equal(timeline.total, 2);
      assert.equal((await services.audit.verify()).ok, true);
    });

    test('refused: an event the table does not allow, a stale state, a record that does not exist; nothing is written', async (t) => {
      const { services, referral, bu, move } = await setup(t);
      const before = (await eventsAbout(services, referral.id)).length;
      // The finding of issue 9: the table does not let a referral not yet considered be recommended to the chair.
      await assert.rejects(move(bu, { record: 'referral', id: referral.id, event: 'recommend' }), isConflict('workflow.referralNotAllowed'));
      await assert.rejects(move(bu, { record: 'referral', id: referral.id, event: 'decide_proceed' }), isConflict('workflow.referralNotAllowed'));
      await assert.rejects(move(bu, { record: 'referral', id: referral.id, event: 'no_such_event' }), isConflict('workflow.referralNotAllowed'));
      await assert.rejects(
        move(bu, { record: 'referral', id: referral.id, event: 'consider', from: 'under_consideration' }),
        isConflict('workflow.movedMeanwhile'),
      );
      await assert.rejects(
        move(bu, { record: 'referral', id: newId(), event: 'consider' }),
        (e: unknown) => e instanceof ServiceError && e.kind === 'not_found',
      );
      assert.equal(await status(services, referral.id), 'referred');
      assert.equal((await eventsAbout(services, referral.id)).length, before);
      assert.equal(
        (await services.db.kysely.selectFrom('record_transitions').selectAll().where('record_id', '=', referral.id).execute()).length,
        1,
        'its creation only',
      );
    });

    test('the audit event is written in the same transaction: when it fails, the state stays where it was', async (t) => {
      const { services, referral, bu, move } = await setup(t);
      // A real failure of the audit write: a chain not (yet) keyed refuses every append.
      const head = await services.db.kysely.selectFrom('audit_chain').selectAll().executeTakeFirstOrThrow();
      await setAuditChainHead(services.db.kysely, { seq: Number(head.last_seq), hash: head.last_hash, keyed: false });
      await assert.rejects(move(bu, { record: 'referral', id: referral.id, event: 'consider' }), /not been keyed/);
      assert.equal(await status(services, referral.id), 'referred', 'rolled back with the audit event');
      assert.equal((await services.db.kysely.selectFrom('record_transitions').selectAll().where('record_id', '=', referral.id).execute()).length, 1);
      await setAuditChainHead(services.db.kysely, { seq: Number(head.last_seq), hash: head.last_hash, keyed: true });
      await move(bu, { record: 'referral', id: referral.id, event: 'consider' });
      assert.equal(await status(services, referral.id), 'under_consideration');
    });

    test('two requests move the same record at once: one moves it, the other gets a conflict (never a server error)', async (t) => {
      const { services, referral, bu, move } = await setup(t);
      const results = await Promise.allSettled(
        [0, 1, 2, 3].map((i) => move(as(bu, `TEST_${i}`), { record: 'referral', id: referral.id, event: 'consider', from: 'referred' })),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, results.map((r) => r.status).join(' '));
      for (const r of results) if (r.status === 'rejected') assert.ok(isConflict('workflow.movedMeanwhile')(r.reason), String(r.reason));
      assert.equal(await status(services, referral.id), 'under_consideration');
      const moves = await services.db.kysely
        .selectFrom('record_transitions')
        .selectAll()
        .where('record_id', '=', referral.id)
        .where('event', '=', 'consider')
        .execute();
      assert.equal(moves.length, 1);
      assert.equal((await services.audit.verify()).ok, true);
    });

    test('every current change goes through the table: a referral not considered is not recommended to the chair', async (t) => {
      const { services, referral, mg, mgChair } = await setup(t);
      // An analysis on record while the referral is still "referred" (as a draft kept from before could leave it).
      const { framework } = await services.consideration.frameworkFor(mg, referral.id);
      await insertAssessment(services.db.kysely, {
        id: newId(),
        referralId: referral.id,
        meetingId: null,
        frameworkId: framework.id,
        answers: {},
        outcome: 'must',
        reviewType: null,
        streams: null,
        statutoryFrameworkId: framework.id,
        assessedBy: mg.personId,
        assessedAt: '2026-11-27T08:00:00.000Z',
      });
      await assert.rejects(
        services.consideration.submitRecommendation(as(mgChair, 'RECOMMENDATION_SUBMITTED'), referral.id, {
          route: 'review',
          reviewType: 'concise',
          reasons: 'The statutory criteria are met.',
          dissent: null,
        }),
        isConflict('workflow.referralNotAllowed'),
      );
      assert.equal(await status(services, referral.id), 'referred');
      assert.equal((await services.db.kysely.selectFrom('recommendations').selectAll().execute()).length, 0, 'the recommendation rolled back with it');
    });

    test('the decision moves the referral through its table, and creates the review in the stage its table gives, with its own timeline', async (t) => {
      const s = await setup(t);
      const review = await decideReview(s);
      assert.equal(await status(s.services, s.referral.id), 'decided_proceed');
      assert.equal(review.stage, 'DECIDED_PROCEED');
      const referralTimeline = await s.workflow.timeline(s.services.db.kysely, { type: 'referral', id: s.referral.id });
      assert.deepEqual(
        referralTimeline.entries.flatMap((e) => (e.transition ? [[e.action, e.transition.from, e.transition.to]] : [])),
        [
          ['REFERRAL_CREATED', null, 'referred'],
          ['CRITERIA_ASSESSED', 'referred', 'under_consideration'],
          ['RECOMMENDATION_SUBMITTED', 'under_consideration', 'recommended_to_chair'],
          ['DECISION_RECORDED', 'recommended_to_chair', 'decided_proceed'],
        ],
      );
      const reviewTimeline = await s.workflow.timeline(s.services.db.kysely, { type: 'review', id: review.id });
      assert.deepEqual(
        reviewTimeline.entries.map((e) => [e.action, e.transition]),
        [['DECISION_RECORDED', { from: null, to: 'DECIDED_PROCEED', event: 'decide_proceed', reason: null }]],
      );
      // A decided referral moves no further.
      await assert.rejects(s.move(s.chair, { record: 'referral', id: s.referral.id, event: 'decide_not_proceed' }), isConflict('workflow.referralNotAllowed'));
    });

    test('one change, one event: a meeting that takes a referral moves it beside the meeting’s event, and the referral’s timeline shows it', async (t) => {
      const { services, board, referral, bu, workflow } = await setup(t);
      const meetingId = await services.consideration.scheduleMeeting(as(bu, 'MEETING_SCHEDULED'), board.id, {
        meetsOn: '2026-11-25',
        location: null,
        referralIds: [referral.id],
      });
      assert.equal(await status(services, referral.id), 'under_consideration');
      const scheduled = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'MEETING_SCHEDULED').execute();
      assert.deepEqual(
        scheduled.map((e) => e.record_id),
        [meetingId],
        'one event, about the meeting',
      );
      const timeline = await workflow.timeline(services.db.kysely, { type: 'referral', id: referral.id });
      assert.deepEqual(
        timeline.entries.map((e) => [e.action, e.transition?.from, e.transition?.to]),
        [
          ['REFERRAL_CREATED', null, 'referred'],
          ['MEETING_SCHEDULED', 'referred', 'under_consideration'],
        ],
      );
      assert.equal(timeline.total, 2);
    });

    test('a review moves only along its framework’s path, each stage by its own action; withdrawing needs a reason, kept beside the audit event, not in it', async (t) => {
      const s = await setup(t);
      const review = await decideReview(s);
      assert.equal(review.frameworkId, 'SUSR_2024');
      const stage = async () => (await s.services.db.kysely.selectFrom('reviews').select('stage').where('id', '=', review.id).executeTakeFirstOrThrow()).stage;
      // SUSR: the Welsh Government is notified before scoping; scoping cannot be reached first.
      await assert.rejects(s.move(s.bu, { record: 'review', id: review.id, event: 'start_scoping' }), isConflict('workflow.reviewNotAllowed'));
      await s.move(as(s.bu, 'TEST_WG_NOTIFIED'), { record: 'review', id: review.id, event: 'notify_welsh_government', from: 'DECIDED_PROCEED' });
      assert.equal(await stage(), 'WG_NOTIFIED');
      await assert.rejects(
        s.move(s.bu, { record: 'review', id: review.id, event: 'withdraw', reason: '  ' }),
        (e: unknown) => e instanceof ServiceError && e.kind === 'invalid' && e.fieldErrors.reason === 'workflow.reasonRequired',
      );
      await assert.rejects(
        s.move(s.bu, { record: 'review', id: review.id, event: 'withdraw', reason: 'x'.repeat(2001) }),
        (e: unknown) => e instanceof ServiceError && e.kind === 'invalid' && e.fieldErrors.reason === 'workflow.reasonTooLong',
      );
      assert.equal(await stage(), 'WG_NOTIFIED');
      const reason = 'The family court asked the board to wait for its findings.';
      await s.move(as(s.bu, 'TEST_WITHDRAWN'), { record: 'review', id: review.id, event: 'withdraw', reason });
      assert.equal(await stage(), 'WITHDRAWN');
      const timeline = await s.workflow.timeline(s.services.db.kysely, { type: 'review', id: review.id });
      assert.deepEqual(timeline.entries.at(-1)?.transition, { from: 'WG_NOTIFIED', to: 'WITHDRAWN', event: 'withdraw', reason });
      const audit = await s.services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'TEST_WITHDRAWN').executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(audit).includes('family court'), 'the reason is not in the audit log');
      assert.ok(!audit.summary.includes('WITHDRAWN'), 'nor the state');
      await assert.rejects(
        s.move(s.bu, { record: 'review', id: review.id, event: 'start_scoping' }),
        isConflict('workflow.reviewNotAllowed'),
        'withdrawn is final',
      );
    });
  });
}
