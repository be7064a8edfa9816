// The milestone plan from each framework's template, dates read against today and holds, the rules of a
// change, and the picture's scale.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isWorkingDay } from '../clock/working-days.ts';
import { FRAMEWORKS, getFramework } from '../frameworks/index.ts';
import { chartGeometry, milestoneChangeProblems, milestoneNumber, pausedDaysWithin, planMilestones, readMilestone } from './milestones.ts';

const SIX_MONTHS = { amount: 6, unit: 'months' } as const;

describe('milestone plans', () => {
  test('every framework has a template ending at the target completion, with agency reports, panel meetings, draft, QA and acceptance', () => {
    for (const f of FRAMEWORKS) {
      const kinds = f.milestones.map((m) => m.kind);
      assert.equal(kinds.at(-1), 'target_completion', f.id);
      for (const k of ['panel_meeting', 'agency_reports_due', 'draft_report', 'panel_qa', 'board_acceptance'] as const)
        assert.ok(kinds.includes(k), `${f.id} ${k}`);
      assert.equal(new Set(f.milestones.map((m) => m.key)).size, f.milestones.length, `${f.id}: keys unique`);
    }
    // The learning event belongs to Child Practice Reviews, SUSRs and (as a practitioners' event) CSPRs, not SCRs.
    assert.ok(!getFramework('SCR_2006').milestones.some((m) => m.kind === 'learning_event'));
    for (const id of ['CPR_2013', 'CPR_2016', 'SUSR_2024', 'CSPR_2018'] as const)
      assert.ok(
        getFramework(id).milestones.some((m) => m.kind === 'learning_event'),
        id,
      );
  });

  test('an SCR decided on 1 March 2027 with a six-month target: dates from the decision and back from 1 September, on working days, in order', () => {
    const plan = planMilestones(getFramework('SCR_2006').milestones, { decidedOn: '2027-03-01', completion: SIX_MONTHS, region: 'wales' });
    assert.deepEqual(
      plan.map((p) => [p.key, p.plannedOn]),
      [
        ['panel_meeting_1', '2027-03-15'],
        ['agency_reports_due', '2027-04-26'],
        ['panel_meeting_2', '2027-05-10'],
        ['draft_report', '2027-07-07'],
        ['panel_qa', '2027-08-04'],
        // Ten working days back from 1 September skip the summer bank holiday (30 August).
        ['board_acceptance', '2027-08-17'],
        ['target_completion', '2027-09-01'],
      ],
    );
  });

  test('for every framework the plan is in order, on working days, from the decision, ending on the completion target', () => {
    for (const f of FRAMEWORKS) {
      for (const completion of [SIX_MONTHS, { amount: 1, unit: 'months' } as const, { amount: 12, unit: 'months' } as const]) {
        const plan = planMilestones(f.milestones, { decidedOn: '2026-12-21', completion, region: f.calendarRegion });
        assert.equal(plan.length, f.milestones.length);
        for (let i = 1; i < plan.length; i++) assert.ok((plan[i]?.plannedOn ?? '') >= (plan[i - 1]?.plannedOn ?? ''), `${f.id} ordered`);
        assert.ok((plan[0]?.plannedOn ?? '') >= '2026-12-21');
        for (const p of plan.slice(0, -1)) assert.ok(isWorkingDay(p.plannedOn, f.calendarRegion), `${f.id} ${p.key} ${p.plannedOn}`);
      }
    }
    // Christmas: 10 working days after 21 December 2026 skips Christmas Day and Boxing Day's substitute.
    const [first] = planMilestones(getFramework('CPR_2016').milestones, { decidedOn: '2026-12-21', completion: SIX_MONTHS, region: 'wales' });
    assert.equal(first?.plannedOn, '2027-01-07');
  });

  test('numbers of recurring milestones', () => {
    assert.equal(milestoneNumber('panel_meeting_2'), 2);
    assert.equal(milestoneNumber('draft_report'), null);
  });
});

describe('reading a milestone', () => {
  const ctx = { decidedOn: '2027-01-04', asOf: '2027-03-01', holds: [] };
  test('met late, overdue, due soon, upcoming; slippage against the date first planned', () => {
    assert.deepEqual(readMilestone({ originalOn: '2027-02-01', plannedOn: '2027-02-01', actualOn: '2027-02-05' }, ctx), {
      status: 'met',
      slippageDays: 4,
      revisedDays: 0,
      pausedDays: 0,
    });
    assert.equal(readMilestone({ originalOn: '2027-02-01', plannedOn: '2027-02-15', actualOn: null }, ctx).status, 'overdue');
    assert.equal(readMilestone({ originalOn: '2027-02-01', plannedOn: '2027-02-15', actualOn: null }, ctx).slippageDays, 28);
    assert.equal(readMilestone({ originalOn: '2027-02-01', plannedOn: '2027-03-05', actualOn: null }, ctx).status, 'due_soon');
    const later = readMilestone({ originalOn: '2027-02-01', plannedOn: '2027-04-01', actualOn: null }, ctx);
    assert.equal(later.status, 'upcoming');
    assert.equal(later.revisedDays, 59);
    assert.equal(later.slippageDays, 59);
  });

  test('days on hold are shown beside the slippage (a running hold counts to today)', () => {
    const holds = [
      { pausedOn: '2027-01-10', resumedOn: '2027-01-20' },
      { pausedOn: '2027-02-20', resumedOn: null },
    ];
    assert.equal(pausedDaysWithin(holds, '2027-01-04', '2027-03-01'), 10 + 10);
    assert.equal(readMilestone({ originalOn: '2027-02-01', plannedOn: '2027-02-01', actualOn: '2027-02-05' }, { ...ctx, holds }).pausedDays, 10);
  });
});

describe('changing a milestone', () => {
  const current = { plannedOn: '2027-02-01', actualOn: null };
  const ctx = { decidedOn: '2027-01-04', today: '2027-03-01' };
  test('moving the planned date needs a reason; a met date needs none but cannot be in the future', () => {
    assert.deepEqual(milestoneChangeProblems(current, { plannedOn: '2027-02-08' }, ctx), { reason: 'milestones:errors.reasonRequired' });
    assert.deepEqual(milestoneChangeProblems(current, { plannedOn: '2027-02-08', reason: 'Agency asked for more time' }, ctx), {});
    assert.deepEqual(milestoneChangeProblems(current, { actualOn: '2027-02-03' }, ctx), {});
    assert.deepEqual(milestoneChangeProblems(current, { actualOn: '2027-03-02' }, ctx), { actualOn: 'milestones:errors.actualOnFuture' });
    assert.deepEqual(milestoneChangeProblems(current, { plannedOn: '2026-12-01', reason: 'x' }, ctx), {
      plannedOn: 'milestones:errors.plannedOnBeforeDecision',
    });
    assert.deepEqual(milestoneChangeProblems(current, { plannedOn: '2027-02-30', reason: 'x' }, ctx), { plannedOn: 'milestones:errors.plannedOnInvalid' });
    assert.deepEqual(milestoneChangeProblems(current, { plannedOn: '2027-02-01' }, ctx), { plannedOn: 'milestones:errors.nothingChanged' });
    assert.deepEqual(milestoneChangeProblems({ plannedOn: '2027-02-01', actualOn: '2027-02-02' }, { actualOn: '' }, ctx), {
      reason: 'milestones:errors.reasonRequired',
    });
  });
});

describe('the timeline picture', () => {
  test('one scale for every row: the decision at the left, the latest date at the right, slippage bars where late', () => {
    const g = chartGeometry(
      [
        { key: 'a', label: 'A', originalOn: '2027-01-11', plannedOn: '2027-01-11', actualOn: '2027-01-21', status: 'met', slippageDays: 10 },
        { key: 'b', label: 'B', originalOn: '2027-02-01', plannedOn: '2027-03-01', actualOn: null, status: 'upcoming', slippageDays: 28 },
      ],
      { decidedOn: '2027-01-01', asOf: '2027-01-31' },
    );
    assert.equal(g.startOn, '2027-01-01');
    assert.equal(g.endOn, '2027-03-01');
    assert.equal(g.rows[1]?.plannedX, g.right);
    assert.ok((g.rows[0]?.slip?.width ?? 0) > 0);
    assert.ok(g.todayX !== null && g.todayX > g.left && g.todayX < g.right);
    assert.ok(g.height > g.rows.length * 40);
  });
});
