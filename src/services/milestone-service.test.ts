// Milestones and panel meetings of a review (issue 10 item 5), on both databases: the plan made from each
// framework's template, a moved date needs a reason and keeps its history, meetings attended only by the
// review's panel and linked to their milestones, access refused from another board, review or agency, and
// on PostgreSQL two changes at once: one wins, the other is told.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices, type Services } from '../container.ts';
import { getFramework } from '../domain/frameworks/index.ts';
import { as } from '../testing/case-fixtures.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { seedAgency } from '../testing/referral-fixtures.ts';
import { reviewCallers, reviewRoleCaller, seedReview } from '../testing/review-fixtures.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { ServiceError } from './context.ts';
import { overdueMilestones } from './milestone-service.ts';

const DAY = 24 * 60 * 60 * 1000;
const kindOf = (kind: ServiceError['kind'], key?: string) => (e: unknown) =>
  e instanceof ServiceError && e.kind === kind && (key === undefined || Object.values(e.fieldErrors).includes(key));

for (const dialect of dialectsUnderTest()) {
  describe(`milestones and panel meetings (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2027-03-01T10:00:00Z'));
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
      t.after(async () => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const scr = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006', decidedOn: '2027-03-01' });
      return { services, clock, board, callers, scr, bu: callers.bu };
    }
    const count = async (services: Services, table: 'review_milestones' | 'review_milestone_revisions' | 'panel_meetings' | 'audit_events') =>
      Number(
        (
          await services.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('the business unit opening the milestones makes the plan from the framework’s template, once; others see none until then', async (t) => {
      const s = await setup(t);
      const member = await reviewRoleCaller(s.services, 'panel_member', s.board.id, s.scr.id);
      const seen = await s.services.milestones.plan(as(member, 'MILESTONES_VIEWED'), s.board.id, s.scr.id);
      assert.equal(seen.milestones.length, 0);
      assert.equal(seen.mayManage, false);
      const plan = await s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id);
      assert.deepEqual(
        plan.milestones.map((m) => m.key),
        getFramework('SCR_2006').milestones.map((m) => m.key),
      );
      assert.equal(plan.milestones.at(-1)?.plannedOn, '2027-09-01');
      assert.ok(plan.milestones.every((m) => m.originalOn === m.plannedOn && m.actualOn === null && m.status !== 'met'));
      const again = await s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id);
      assert.equal(again.milestones.length, plan.milestones.length);
      assert.equal(await count(s.services, 'review_milestones'), plan.milestones.length);
      await assert.rejects(
        s.services.milestones.createPlan(as(s.bu, 'MILESTONE_PLAN_CREATED'), s.board.id, s.scr.id),
        kindOf('conflict', 'milestones:errors.planExists'),
      );
      const actions = await s.services.db.kysely.selectFrom('audit_events').select('action').where('record_id', '=', s.scr.id).execute();
      assert.equal(actions.filter((a) => a.action === 'MILESTONE_PLAN_CREATED').length, 1);
    });

    test('a CPR and an SUSR get their own templates, learning event included', async (t) => {
      const s = await setup(t);
      for (const frameworkId of ['CPR_2016', 'SUSR_2024'] as const) {
        const review = await seedReview(s.services, s.board.id, s.callers, { frameworkId, decidedOn: '2027-02-01' });
        await s.services.milestones.createPlan(as(s.bu, 'MILESTONE_PLAN_CREATED'), s.board.id, review.id);
        const plan = await s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, review.id);
        assert.deepEqual(
          plan.milestones.map((m) => m.key),
          getFramework(frameworkId).milestones.map((m) => m.key),
        );
        assert.ok(plan.milestones.some((m) => m.kind === 'learning_event'));
      }
    });

    test('moving a planned date needs a reason (refused, nothing written), then keeps the original and every revision; a met date is recorded', async (t) => {
      const s = await setup(t);
      const plan = await s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id);
      const imr = plan.milestones.find((m) => m.key === 'agency_reports_due');
      assert.ok(imr);
      const audits = await count(s.services, 'audit_events');
      const bu = as(s.bu, 'MILESTONE_CHANGED');
      await assert.rejects(
        s.services.milestones.change(bu, s.board.id, s.scr.id, imr.id, { plannedOn: '2027-05-10' }),
        kindOf('invalid', 'milestones:errors.reasonRequired'),
      );
      assert.equal(await count(s.services, 'review_milestone_revisions'), 0);
      assert.equal(await count(s.services, 'audit_events'), audits);
      await s.services.milestones.change(bu, s.board.id, s.scr.id, imr.id, {
        plannedOn: '2027-05-10',
        reason: 'Police disclosure awaited',
        version: imr.version,
      });
      await s.services.milestones.change(bu, s.board.id, s.scr.id, imr.id, { plannedOn: '2027-05-24', reason: 'Health board asked for two weeks' });
      s.clock.advance(90 * DAY);
      await s.services.milestones.change(bu, s.board.id, s.scr.id, imr.id, { actualOn: '2027-05-27' });
      const after = await s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id);
      const m = after.milestones.find((x) => x.id === imr.id);
      assert.ok(m);
      assert.equal(m.originalOn, '2027-04-26');
      assert.equal(m.plannedOn, '2027-05-24');
      assert.equal(m.actualOn, '2027-05-27');
      assert.equal(m.status, 'met');
      assert.equal(m.slippageDays, 31);
      assert.deepEqual(
        m.revisions.map((r) => [r.field, r.fromOn, r.toOn, r.reason]),
        [
          ['planned', '2027-04-26', '2027-05-10', 'Police disclosure awaited'],
          ['planned', '2027-05-10', '2027-05-24', 'Health board asked for two weeks'],
          ['actual', null, '2027-05-27', null],
        ],
      );
      // The audit events name the milestone and the fields, never the reason's text.
      const events = await s.services.db.kysely.selectFrom('audit_events').select(['action', 'summary']).where('action', '=', 'MILESTONE_CHANGED').execute();
      assert.equal(events.length, 3);
      assert.ok(events.every((e) => !String(e.summary).includes('Police')));
      // A version seen before the change is refused.
      await assert.rejects(
        s.services.milestones.change(bu, s.board.id, s.scr.id, imr.id, { plannedOn: '2027-06-01', reason: 'x', version: imr.version }),
        kindOf('conflict', 'milestones:errors.changedMeanwhile'),
      );
    });

    test('overdue milestones are counted for the reviews list; the panel meeting’s milestone is met when the meeting is held', async (t) => {
      const s = await setup(t);
      await s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id);
      s.clock.advance(60 * DAY);
      const counts = await overdueMilestones(s.services.db.kysely, s.board.id, [s.scr.id], s.services.clock.today());
      assert.equal(counts.get(s.scr.id), 2);
      const plan = await s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id);
      const first = plan.milestones.find((m) => m.key === 'panel_meeting_1');
      assert.ok(first);
      const chair = await reviewRoleCaller(s.services, 'panel_chair', s.board.id, s.scr.id);
      const member = await reviewRoleCaller(s.services, 'panel_member', s.board.id, s.scr.id);
      const { id } = await s.services.panelMeetings.schedule(as(s.bu, 'PANEL_MEETING_SCHEDULED'), s.board.id, s.scr.id, {
        meetsOn: '2027-03-15',
        startsAt: '10:00',
        mode: 'online',
        location: 'Video call',
        agenda: ['Terms of reference', 'Agencies involved'],
        milestoneId: first.id,
      });
      await s.services.panelMeetings.recordHeld(as(s.bu, 'PANEL_MEETING_HELD'), s.board.id, s.scr.id, id, {
        attendance: [
          { personId: chair.personId, attendance: 'present' },
          { personId: member.personId, attendance: 'apologies' },
        ],
        guests: [{ fullName: 'Dr Rhian Evans', role: 'Designated doctor' }],
      });
      const met = (await s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id)).milestones.find((m) => m.id === first.id);
      assert.equal(met?.actualOn, '2027-03-15');
      assert.equal(met?.status, 'met');
      assert.equal((await overdueMilestones(s.services.db.kysely, s.board.id, [s.scr.id], s.services.clock.today())).get(s.scr.id), 1);
      await s.services.panelMeetings.recordMinutes(as(chair, 'PANEL_MEETING_MINUTED'), s.board.id, s.scr.id, id, {
        minutes: 'The panel agreed the terms of reference.',
        decisions: [{ decision: 'Ask the health board for its IMR', owner: 'Business unit', dueOn: '2027-04-01' }],
      });
      const view = await s.services.panelMeetings.view(as(member, 'PANEL_MEETING_VIEWED'), s.board.id, s.scr.id, id);
      assert.equal(view.status, 'held');
      assert.equal(view.minutes, 'The panel agreed the terms of reference.');
      assert.deepEqual(view.decisions, [{ decision: 'Ask the health board for its IMR', owner: 'Business unit', dueOn: '2027-04-01' }]);
      assert.deepEqual(
        view.attendance.map((a) => [a.personId, a.role, a.attendance]).sort(),
        [
          [chair.personId, 'panel_chair', 'present'],
          [member.personId, 'panel_member', 'apologies'],
        ].sort(),
      );
      assert.deepEqual(view.guests, [{ fullName: 'Dr Rhian Evans', role: 'Designated doctor' }]);
      assert.equal(view.mayMinute, false);
      // A panel member may read but not write the minutes.
      await assert.rejects(
        s.services.panelMeetings.recordMinutes(as(member, 'PANEL_MEETING_MINUTED'), s.board.id, s.scr.id, id, { minutes: 'x', decisions: [] }),
        kindOf('forbidden'),
      );
    });

    test('attendance only from the review’s panel: the management group and another review’s panel are refused, nothing written', async (t) => {
      const s = await setup(t);
      const other = await seedReview(s.services, s.board.id, s.callers, { frameworkId: 'SCR_2006', decidedOn: '2027-03-01' });
      const otherMember = await reviewRoleCaller(s.services, 'panel_member', s.board.id, other.id);
      const { id } = await s.services.panelMeetings.schedule(as(s.bu, 'PANEL_MEETING_SCHEDULED'), s.board.id, s.scr.id, {
        meetsOn: '2027-03-01',
        mode: 'in_person',
        location: 'Board room',
        agenda: [],
      });
      for (const personId of [s.callers.mg.actor?.personId ?? '', s.callers.mgChair.actor?.personId ?? '', otherMember.personId]) {
        await assert.rejects(
          s.services.panelMeetings.recordHeld(as(s.bu, 'PANEL_MEETING_HELD'), s.board.id, s.scr.id, id, {
            attendance: [{ personId, attendance: 'present' }],
            guests: [],
          }),
          kindOf('invalid', 'milestones:errors.attendeeNotOnPanel'),
        );
      }
      const view = await s.services.panelMeetings.view(as(s.bu, 'PANEL_MEETING_VIEWED'), s.board.id, s.scr.id, id);
      assert.equal(view.status, 'scheduled');
      assert.deepEqual(view.attendance, []);
      // A meeting cannot be recorded as held before its day, nor scheduled without a date and place.
      const later = await s.services.panelMeetings.schedule(as(s.bu, 'PANEL_MEETING_SCHEDULED'), s.board.id, s.scr.id, {
        meetsOn: '2027-04-01',
        mode: 'online',
        location: 'Video call',
      });
      await assert.rejects(
        s.services.panelMeetings.recordHeld(as(s.bu, 'PANEL_MEETING_HELD'), s.board.id, s.scr.id, later.id, { attendance: [], guests: [] }),
        kindOf('invalid', 'milestones:errors.meetingNotYet'),
      );
      await assert.rejects(
        s.services.panelMeetings.schedule(as(s.bu, 'PANEL_MEETING_SCHEDULED'), s.board.id, s.scr.id, { meetsOn: '', mode: 'x', location: '' }),
        kindOf('invalid', 'milestones:errors.meetsOnRequired'),
      );
    });

    test('another board’s people find nothing; another review’s panel and an agency contributor are refused; a panel member cannot change dates', async (t) => {
      const s = await setup(t);
      const plan = await s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id);
      const milestoneId = plan.milestones[0]?.id ?? '';
      const otherBoard = await seedBoard(s.services, 'ARALL');
      const otherCallers = await reviewCallers(s.services, otherBoard.id);
      const other = await seedReview(s.services, s.board.id, s.callers, { frameworkId: 'SCR_2006' });
      const otherPanel = await reviewRoleCaller(s.services, 'panel_chair', s.board.id, other.id);
      const agency = await seedAgency(s.services, [s.board.id]);
      const contributor = await reviewRoleCaller(s.services, 'agency_contributor', s.board.id, s.scr.id, agency.id);
      const member = await reviewRoleCaller(s.services, 'panel_member', s.board.id, s.scr.id);
      // Another board's business unit, asking with this board's id: not theirs (forbidden); with their own board's id: no such review.
      await assert.rejects(s.services.milestones.plan(as(otherCallers.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id), kindOf('forbidden'));
      await assert.rejects(s.services.milestones.plan(as(otherCallers.bu, 'MILESTONES_VIEWED'), otherBoard.id, s.scr.id), kindOf('not_found'));
      await assert.rejects(
        s.services.milestones.change(as(otherCallers.bu, 'MILESTONE_CHANGED'), otherBoard.id, s.scr.id, milestoneId, { plannedOn: '2027-06-01', reason: 'x' }),
        kindOf('not_found'),
      );
      await assert.rejects(s.services.milestones.plan(as(otherPanel, 'MILESTONES_VIEWED'), s.board.id, s.scr.id), kindOf('forbidden'));
      await assert.rejects(s.services.milestones.plan(as(contributor, 'MILESTONES_VIEWED'), s.board.id, s.scr.id), kindOf('forbidden'));
      await assert.rejects(
        s.services.milestones.change(as(member, 'MILESTONE_CHANGED'), s.board.id, s.scr.id, milestoneId, { plannedOn: '2027-06-01', reason: 'x' }),
        kindOf('forbidden'),
      );
      await assert.rejects(
        s.services.panelMeetings.schedule(as(otherPanel, 'PANEL_MEETING_SCHEDULED'), s.board.id, s.scr.id, {
          meetsOn: '2027-03-10',
          mode: 'online',
          location: 'x',
        }),
        kindOf('forbidden'),
      );
      // A milestone id of another review is not found on this one.
      const otherPlan = await s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, other.id);
      await assert.rejects(
        s.services.milestones.change(as(s.bu, 'MILESTONE_CHANGED'), s.board.id, s.scr.id, otherPlan.milestones[0]?.id ?? '', {
          plannedOn: '2027-06-01',
          reason: 'x',
        }),
        kindOf('not_found'),
      );
    });

    if (dialect === 'postgres') {
      test('two changes of one milestone at once: one wins, the other is told it changed meanwhile, one revision written', async (t) => {
        const s = await setup(t);
        const plan = await s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id);
        const m = plan.milestones[1];
        assert.ok(m);
        const other = await reviewCallers(s.services, s.board.id);
        const results = await Promise.allSettled([
          s.services.milestones.change(as(s.bu, 'MILESTONE_CHANGED'), s.board.id, s.scr.id, m.id, {
            plannedOn: '2027-05-03',
            reason: 'One',
            version: m.version,
          }),
          s.services.milestones.change(as(other.bu, 'MILESTONE_CHANGED'), s.board.id, s.scr.id, m.id, {
            plannedOn: '2027-05-10',
            reason: 'Two',
            version: m.version,
          }),
        ]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const refused = results.find((r) => r.status === 'rejected');
        assert.ok(refused && kindOf('conflict', 'milestones:errors.changedMeanwhile')(refused.reason));
        assert.equal(await count(s.services, 'review_milestone_revisions'), 1);
      });

      test('two first openings at once make one plan', async (t) => {
        const s = await setup(t);
        const other = await reviewCallers(s.services, s.board.id);
        const results = await Promise.allSettled([
          s.services.milestones.plan(as(s.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id),
          s.services.milestones.plan(as(other.bu, 'MILESTONES_VIEWED'), s.board.id, s.scr.id),
        ]);
        assert.ok(results.some((r) => r.status === 'fulfilled'));
        for (const r of results)
          if (r.status === 'rejected') assert.ok(kindOf('conflict')(r.reason) || r.reason?.constructor?.name === 'UniqueConflict', String(r.reason));
        assert.equal(await count(s.services, 'review_milestones'), getFramework('SCR_2006').milestones.length);
      });
    }
  });
}
