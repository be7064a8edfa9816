// Running a review (issue 10 item 1): the list and workspace only for those who may see them, moves only
// by offered events through the review's table, holds that stop the clock, reopening by the chair; on both
// databases, and two moves at once on PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices, type Services } from '../container.ts';
import { moveRecordState } from '../db/repositories/workflow-repository.ts';
import { as } from '../testing/case-fixtures.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { seedAgency } from '../testing/referral-fixtures.ts';
import { reviewCallers, reviewRoleCaller, seedReview } from '../testing/review-fixtures.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { ServiceError } from './context.ts';

const DAY = 24 * 60 * 60 * 1000;
const kindOf = (kind: ServiceError['kind'], key?: string) => (e: unknown) =>
  e instanceof ServiceError && e.kind === kind && (key === undefined || Object.values(e.fieldErrors).includes(key));

for (const dialect of dialectsUnderTest()) {
  describe(`running a review: list, workspace and moves (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
      t.after(async () => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const scr = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006' });
      return { services, clock, board, callers, scr, bu: as(callers.bu, 'REVIEW_MOVED'), chair: as(callers.chair, 'REVIEW_MOVED') };
    }
    const stageOf = async (services: Services, id: string) =>
      (await services.db.kysely.selectFrom('reviews').select('stage').where('id', '=', id).executeTakeFirstOrThrow()).stage;
    const countOf = async (services: Services, table: 'audit_events' | 'record_transitions' | 'review_holds') =>
      Number(
        (
          await services.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('board roles list every review of their board; a review role only its own; others are refused; each list read is audited', async (t) => {
      const s = await setup(t);
      const susr = await seedReview(s.services, s.board.id, s.callers);
      const all = await s.services.reviews.list(as(s.callers.bu, 'REVIEWS_LISTED'), s.board.id);
      assert.deepEqual(all.items.map((r) => r.id).sort(), [s.scr.id, susr.id].sort());
      assert.equal(all.total, 2);
      const panel = await reviewRoleCaller(s.services, 'panel_chair', s.board.id, susr.id);
      assert.deepEqual(
        (await s.services.reviews.list(as(panel, 'REVIEWS_LISTED'), s.board.id)).items.map((r) => r.id),
        [susr.id],
      );
      // The panel chair's review opens; the board's other review does not.
      await s.services.reviews.view(as(panel, 'REVIEW_VIEWED'), s.board.id, susr.id);
      await assert.rejects(s.services.reviews.view(as(panel, 'REVIEW_VIEWED'), s.board.id, s.scr.id), kindOf('forbidden'));
      // An agency contributor on the review (no review.view), a management group member, another board's business unit: refused.
      const agency = await seedAgency(s.services, [s.board.id]);
      const contributor = await reviewRoleCaller(s.services, 'agency_contributor', s.board.id, susr.id, agency.id);
      await assert.rejects(s.services.reviews.list(as(contributor, 'REVIEWS_LISTED'), s.board.id), kindOf('forbidden'));
      await assert.rejects(s.services.reviews.list(as(s.callers.mg, 'REVIEWS_LISTED'), s.board.id), kindOf('forbidden'));
      const other = await seedBoard(s.services, 'OTHER');
      const otherCallers = await reviewCallers(s.services, other.id);
      await assert.rejects(s.services.reviews.list(as(otherCallers.bu, 'REVIEWS_LISTED'), s.board.id), kindOf('forbidden'));
      await assert.rejects(s.services.reviews.view(as(otherCallers.bu, 'REVIEW_VIEWED'), other.id, s.scr.id), kindOf('not_found'));
      const reads = await s.services.db.kysely.selectFrom('audit_events').select('action').where('action', 'in', ['REVIEWS_LISTED', 'REVIEW_VIEWED']).execute();
      assert.equal(reads.length, 3, 'two lists and one view, each one event');
    });

    test('the workspace: the framework’s path with where the review is, the clock, the people, the timeline, and only offered moves the caller may make', async (t) => {
      const s = await setup(t);
      const panel = await reviewRoleCaller(s.services, 'panel_chair', s.board.id, s.scr.id);
      const ws = await s.services.reviews.view(as(s.callers.bu, 'REVIEW_VIEWED'), s.board.id, s.scr.id);
      assert.equal(ws.framework.id, 'SCR_2006');
      assert.equal(ws.steps[0]?.stage, 'DECIDED_PROCEED');
      assert.equal(ws.steps[0]?.status, 'current');
      assert.ok(ws.steps.every((st, i) => i === 0 || st.status === 'upcoming'));
      assert.equal(ws.review.clock?.startOn, '2026-11-27');
      assert.equal(ws.review.clock?.status, 'on_track');
      assert.deepEqual(
        ws.people.map((p) => [p.personId, p.role]),
        [[panel.personId, 'panel_chair']],
      );
      assert.deepEqual(
        ws.timeline.map((e) => e.transition?.to),
        ['DECIDED_PROCEED'],
      );
      assert.deepEqual([...ws.events].sort(), ['hold', 'start_scoping', 'withdraw']);
      // The board chair may see it but not move it; a panel chair neither.
      assert.deepEqual((await s.services.reviews.view(as(s.callers.chair, 'REVIEW_VIEWED'), s.board.id, s.scr.id)).events, []);
      assert.deepEqual((await s.services.reviews.view(as(panel, 'REVIEW_VIEWED'), s.board.id, s.scr.id)).events, []);
      await assert.rejects(s.services.reviews.move(as(panel, 'REVIEW_MOVED'), s.board.id, s.scr.id, { event: 'start_scoping' }), kindOf('forbidden'));
      await assert.rejects(s.services.reviews.move(s.chair, s.board.id, s.scr.id, { event: 'start_scoping' }), kindOf('forbidden'));
    });

    test('a stage move by its action, audited with the reason beside the event, not in it; held-back and disallowed events refused, nothing written', async (t) => {
      const s = await setup(t);
      const before = await countOf(s.services, 'audit_events');
      // SCR: agency reports are requested from scoping, not from the decision.
      await assert.rejects(
        s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'request_agency_reports' }),
        kindOf('conflict', 'workflow.reviewNotAllowed'),
      );
      // In the table, but its gate is not built: refused as not offered.
      const susr = await seedReview(s.services, s.board.id, s.callers);
      const afterSeed = await countOf(s.services, 'audit_events');
      await assert.rejects(s.services.reviews.move(s.bu, s.board.id, susr.id, { event: 'publish' }), kindOf('conflict', 'workflow.reviewNotOffered'));
      // Offered, with its gate: refused while the Welsh Government notification is not recorded.
      await assert.rejects(
        s.services.reviews.move(s.bu, s.board.id, susr.id, { event: 'notify_welsh_government' }),
        kindOf('invalid', 'review-setup:errors.notificationDue'),
      );
      await assert.rejects(s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'no_such_event' }), kindOf('conflict', 'workflow.reviewNotOffered'));
      await assert.rejects(
        s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'withdraw', reason: '  ' }),
        kindOf('invalid', 'workflow.reasonRequired'),
      );
      assert.equal(await countOf(s.services, 'audit_events'), afterSeed, 'refusals write nothing');
      assert.ok(afterSeed > before);
      const moved = await s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'start_scoping', reason: 'Panel convened.' });
      assert.deepEqual(moved, { from: 'DECIDED_PROCEED', to: 'SCOPING' });
      assert.equal(await stageOf(s.services, s.scr.id), 'SCOPING');
      const event = await s.services.db.kysely
        .selectFrom('audit_events')
        .selectAll()
        .where('record_id', '=', s.scr.id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(event.action, 'REVIEW_MOVED');
      assert.equal(event.actor_id, s.callers.bu.actor?.personId);
      assert.ok(!event.summary.includes('Panel convened'), 'the reason stays out of the audit log');
      const transition = await s.services.db.kysely
        .selectFrom('record_transitions')
        .selectAll()
        .where('audit_event_id', '=', event.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [transition.from_state, transition.to_state, transition.event, transition.reason],
        ['DECIDED_PROCEED', 'SCOPING', 'start_scoping', 'Panel convened.'],
      );
      // A move from a state the caller no longer sees is a conflict.
      await assert.rejects(
        s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'hold', from: 'DECIDED_PROCEED', holdReason: 'inquest', reason: 'Inquest.' }),
        kindOf('conflict', 'workflow.movedMeanwhile'),
      );
    });

    test('on hold with a reason stops the clock; resuming returns to the stage it left and the clock shows elapsed and paused time', async (t) => {
      const s = await setup(t);
      await s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'start_scoping' });
      await assert.rejects(
        s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'hold', reason: 'Criminal trial.' }),
        kindOf('invalid', 'reviews.holdReasonRequired'),
      );
      await assert.rejects(
        s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'hold', holdReason: 'criminal_proceedings' }),
        kindOf('invalid', 'workflow.reasonRequired'),
      );
      assert.equal(await countOf(s.services, 'review_holds'), 0);
      s.clock.advance(10 * DAY); // 7 December
      await s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'hold', holdReason: 'criminal_proceedings', reason: 'The criminal trial is listed.' });
      assert.equal(await stageOf(s.services, s.scr.id), 'ON_HOLD:SCOPING');
      let ws = await s.services.reviews.view(as(s.callers.bu, 'REVIEW_VIEWED'), s.board.id, s.scr.id);
      assert.equal(ws.review.onHold, true);
      assert.equal(ws.review.currentStage, 'SCOPING');
      assert.deepEqual([...ws.events].sort(), ['resume', 'withdraw'], 'on hold: only resume or withdraw');
      assert.deepEqual(
        ws.review.holds.map((h) => [h.heldStage, h.pausedOn, h.resumedOn, h.reasonCode, h.reasonText]),
        [['SCOPING', '2026-12-07', null, 'criminal_proceedings', 'The criminal trial is listed.']],
      );
      const event = await s.services.db.kysely
        .selectFrom('audit_events')
        .select('summary')
        .where('record_id', '=', s.scr.id)
        .where('action', '=', 'REVIEW_MOVED')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(event.summary), { event: 'hold', holdReason: 'criminal_proceedings' });
      s.clock.advance(30 * DAY); // 6 January 2027
      ws = await s.services.reviews.view(as(s.callers.bu, 'REVIEW_VIEWED'), s.board.id, s.scr.id);
      assert.equal(ws.review.clock?.status, 'paused');
      assert.deepEqual([ws.review.clock?.elapsed.calendarDays, ws.review.clock?.paused.calendarDays], [10, 30]);
      await assert.rejects(
        s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'request_agency_reports' }),
        kindOf('conflict', 'workflow.reviewNotAllowed'),
      );
      await s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'resume' });
      assert.equal(await stageOf(s.services, s.scr.id), 'SCOPING');
      s.clock.advance(5 * DAY);
      ws = await s.services.reviews.view(as(s.callers.bu, 'REVIEW_VIEWED'), s.board.id, s.scr.id);
      assert.deepEqual(
        ws.review.holds.map((h) => h.resumedOn),
        ['2027-01-06'],
      );
      assert.deepEqual([ws.review.clock?.elapsed.calendarDays, ws.review.clock?.paused.calendarDays, ws.review.clock?.status], [15, 30, 'on_track']);
      // Thirty days on hold push the six-month due date back by thirty days.
      assert.ok((ws.review.clock?.dueOn ?? '') > (ws.review.clock?.originalDueOn ?? ''));
      // The list's filters: on hold (none now), by stage, overdue after the due date.
      assert.equal((await s.services.reviews.list(as(s.callers.bu, 'REVIEWS_LISTED'), s.board.id, { onHold: true })).total, 0);
      assert.equal((await s.services.reviews.list(as(s.callers.bu, 'REVIEWS_LISTED'), s.board.id, { stages: ['SCOPING'] })).total, 1);
      assert.equal((await s.services.reviews.list(as(s.callers.bu, 'REVIEWS_LISTED'), s.board.id, { overdueOnly: true })).total, 0);
      s.clock.set('2027-07-15T10:00:00Z');
      const overdue = await s.services.reviews.list(as(s.callers.bu, 'REVIEWS_LISTED'), s.board.id, { overdueOnly: true });
      assert.deepEqual(
        overdue.items.map((r) => r.id),
        [s.scr.id],
      );
    });

    test('withdrawing a review on hold ends its hold; a withdrawn review moves no more', async (t) => {
      const s = await setup(t);
      await s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'hold', holdReason: 'inquest', reason: 'Inquest opened.' });
      s.clock.advance(3 * DAY);
      await s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'withdraw', reason: 'The criteria are no longer met.' });
      assert.equal(await stageOf(s.services, s.scr.id), 'WITHDRAWN');
      const ws = await s.services.reviews.view(as(s.callers.bu, 'REVIEW_VIEWED'), s.board.id, s.scr.id);
      assert.deepEqual(
        ws.review.holds.map((h) => h.resumedOn),
        ['2026-11-30'],
      );
      assert.equal(ws.review.clock, undefined, 'a withdrawn review runs no clock');
      assert.deepEqual(ws.events, []);
      assert.deepEqual(
        ws.steps.map((st) => st.status).filter((x) => x !== 'upcoming'),
        [],
      );
    });

    test('withdrawal ends every review-scoped role on the review (audited); a hold keeps them; nothing gives access back', async (t) => {
      const s = await setup(t);
      const member = await reviewRoleCaller(s.services, 'panel_member', s.board.id, s.scr.id);
      const author = await reviewRoleCaller(s.services, 'author', s.board.id, s.scr.id);
      const fresh = async (c: { personId: string }) => {
        const loaded = await s.services.identity.loadActor(c.personId, true);
        return as({ ...member, actor: { personId: c.personId, grants: loaded?.grants ?? [], twoFactorSatisfied: true } }, 'REVIEW_VIEWED');
      };
      await s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'hold', holdReason: 'inquest', reason: 'Inquest opened.' });
      await s.services.reviews.view(await fresh(member), s.board.id, s.scr.id);
      assert.equal((await s.services.reviewRoles.holders(s.services.db.kysely, s.scr.id)).length, 2, 'on hold: the roles stay');
      await s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'withdraw', reason: 'The criteria are no longer met.' });
      assert.deepEqual(await s.services.reviewRoles.holders(s.services.db.kysely, s.scr.id), []);
      await assert.rejects(s.services.reviews.view(await fresh(member), s.board.id, s.scr.id), kindOf('forbidden'));
      await assert.rejects(s.services.reviews.list(await fresh(author), s.board.id), kindOf('forbidden'));
      const ended = await s.services.db.kysely.selectFrom('audit_events').select('summary').where('action', '=', 'REVIEW_ROLE_ENDED').execute();
      assert.deepEqual(ended.map((e) => JSON.parse(e.summary).personId).sort(), [member.personId, author.personId].sort());
      // A withdrawn review is not reopened (only a closed one is), and nothing gives the roles back.
      await assert.rejects(s.services.reviews.move(s.chair, s.board.id, s.scr.id, { event: 'reopen', reason: 'Reconsidered.' }), kindOf('conflict'));
      await assert.rejects(s.services.reviews.view(await fresh(member), s.board.id, s.scr.id), kindOf('forbidden'));
    });

    test('a closed review is reopened only by the board chair, with a reason, into monitoring', async (t) => {
      const s = await setup(t);
      // Closing comes with the monitoring issue: the review is put in CLOSED as that transition will.
      await moveRecordState(s.services.db.kysely, 'review', s.scr.id, 'DECIDED_PROCEED', 'CLOSED', s.clock.now().toISOString());
      assert.deepEqual((await s.services.reviews.view(as(s.callers.bu, 'REVIEW_VIEWED'), s.board.id, s.scr.id)).events, []);
      assert.deepEqual((await s.services.reviews.view(as(s.callers.chair, 'REVIEW_VIEWED'), s.board.id, s.scr.id)).events, ['reopen']);
      await assert.rejects(s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'reopen', reason: 'New information.' }), kindOf('forbidden'));
      await assert.rejects(s.services.reviews.move(s.chair, s.board.id, s.scr.id, { event: 'reopen' }), kindOf('invalid', 'workflow.reasonRequired'));
      assert.equal(await stageOf(s.services, s.scr.id), 'CLOSED');
      await s.services.reviews.move(s.chair, s.board.id, s.scr.id, { event: 'reopen', reason: 'New information from the inquest.' });
      assert.equal(await stageOf(s.services, s.scr.id), 'MONITORING');
    });

    if (dialect === 'postgres') {
      test('two moves at once: one wins, the other is a conflict, and only one transition is written', async (t) => {
        const s = await setup(t);
        const before = await countOf(s.services, 'record_transitions');
        const results = await Promise.allSettled([
          s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'start_scoping', from: 'DECIDED_PROCEED' }),
          s.services.reviews.move(s.bu, s.board.id, s.scr.id, { event: 'hold', from: 'DECIDED_PROCEED', holdReason: 'inquest', reason: 'Inquest.' }),
        ]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const refused = results.find((r) => r.status === 'rejected');
        assert.ok(refused && kindOf('conflict', 'workflow.movedMeanwhile')(refused.reason));
        assert.equal(await countOf(s.services, 'record_transitions'), before + 1);
      });
    }
  });
}
