import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  CPR_STAGES,
  CSPR_STAGES,
  heldFrom,
  heldState,
  REVIEW_CREATED_STAGE,
  REVIEW_STAGE_EVENTS,
  reviewWorkflow,
  SCR_STAGES,
  type StageId,
  SUSR_STAGES,
} from './frameworks/workflow.ts';
import { REFERRAL_STATUSES, REFERRAL_WORKFLOW, type ReferralEvent } from './referrals/referral.ts';
import { eventsFrom, eventsOf, isFinal, needsReason, nextState, type WorkflowTable } from './workflow.ts';

const REFERRAL_EVENTS: ReferralEvent[] = ['consider', 'recommend', 'decide_proceed', 'decide_not_proceed'];

/** Every (state, event) pair the referral's table allows, and where it leads: the whole table, spelt out. */
const REFERRAL_ALLOWED: Record<string, string> = {
  'referred consider': 'under_consideration',
  'under_consideration recommend': 'recommended_to_chair',
  'recommended_to_chair recommend': 'recommended_to_chair',
  'recommended_to_chair decide_proceed': 'decided_proceed',
  'recommended_to_chair decide_not_proceed': 'decided_not_proceed',
};

test('the referral’s table: every allowed pair and every refused one', () => {
  for (const from of REFERRAL_STATUSES) {
    for (const event of REFERRAL_EVENTS) {
      assert.equal(nextState(REFERRAL_WORKFLOW, from, event), REFERRAL_ALLOWED[`${from} ${event}`], `${from} --${event}-->`);
    }
  }
  // The finding of issue 9: a referral not yet considered cannot be recommended to the chair.
  assert.equal(nextState(REFERRAL_WORKFLOW, 'referred', 'recommend'), undefined);
  assert.equal(REFERRAL_WORKFLOW.created.state, 'referred');
  assert.deepEqual(eventsOf(REFERRAL_WORKFLOW).sort(), [...REFERRAL_EVENTS].sort());
  assert.ok(isFinal(REFERRAL_WORKFLOW, 'decided_proceed') && isFinal(REFERRAL_WORKFLOW, 'decided_not_proceed'));
  assert.equal(nextState(REFERRAL_WORKFLOW, 'no_such_state', 'consider'), undefined, 'a state the table does not know moves nowhere');
  assert.equal(nextState(REFERRAL_WORKFLOW, 'referred', 'toString'), undefined, 'only the table’s own events');
});

const FRAMEWORK_PATHS: [string, readonly StageId[]][] = [
  ['SCR', SCR_STAGES],
  ['CPR', CPR_STAGES],
  ['SUSR', SUSR_STAGES],
  ['CSPR', CSPR_STAGES],
];

test('a review’s table on each framework’s path: created by the decision, each stage reached only by its own action, in order', () => {
  assert.equal(REVIEW_CREATED_STAGE, 'DECIDED_PROCEED');
  for (const [name, stages] of FRAMEWORK_PATHS) {
    const table = reviewWorkflow(stages);
    assert.equal(table.created.state, 'DECIDED_PROCEED', name);
    assert.equal(table.created.event, 'decide_proceed', name);
    const path = stages.slice(stages.indexOf('DECIDED_PROCEED'));
    assert.deepEqual(table.states, [...path, ...path.filter((s) => s !== 'CLOSED').map(heldState), 'WITHDRAWN'], name);
    for (const [i, from] of path.entries()) {
      const next = path[i + 1];
      for (const [stage, event] of Object.entries(REVIEW_STAGE_EVENTS)) {
        // One exception: a review whose board decided not to publish goes from publication's preparation to monitoring.
        const withheld = from === 'PUBLICATION_PREPARATION' && stage === 'MONITORING';
        assert.equal(nextState(table, from, event), stage === next || withheld ? stage : undefined, `${name}: ${from} --${event}-->`);
      }
      const withdrawable = i < path.indexOf('BOARD_ACCEPTANCE');
      assert.equal(nextState(table, from, 'withdraw'), withdrawable ? 'WITHDRAWN' : undefined, `${name}: withdraw from ${from}`);
    }
    assert.deepEqual(eventsFrom(table, 'WITHDRAWN'), [], `${name}: withdrawn is final`);
    assert.deepEqual(eventsFrom(table, 'CLOSED'), ['reopen'], `${name}: a closed review can only be reopened`);
    assert.equal(nextState(table, 'CLOSED', 'reopen'), 'MONITORING', `${name}: reopened into monitoring`);
    for (const e of ['withdraw', 'hold', 'reopen']) assert.ok(needsReason(table, e), `${name}: ${e} gives its reason`);
    assert.ok(!needsReason(table, 'resume'), `${name}: resuming needs no reason`);
    // The stages before the decision belong to the referral: no review is ever in them.
    for (const s of ['REFERRED', 'UNDER_CONSIDERATION', 'RECOMMENDED_TO_CHAIR', 'NATIONAL_PANEL_NOTIFIED'] as const)
      assert.ok(!table.states.includes(s), `${name}: ${s}`);
  }
  // SUSR: the Welsh Government is notified by its own action, never by creating the review.
  const susr = reviewWorkflow(SUSR_STAGES);
  assert.deepEqual(eventsFrom(susr, 'DECIDED_PROCEED').sort(), ['hold', 'notify_welsh_government', 'withdraw']);
  assert.deepEqual(eventsFrom(reviewWorkflow(SCR_STAGES), 'DECIDED_PROCEED').sort(), ['hold', 'start_scoping', 'withdraw']);
});

test('the ON_HOLD overlay on each framework’s path: from every active stage, with a reason, back to the stage it left', () => {
  for (const [name, stages] of FRAMEWORK_PATHS) {
    const table = reviewWorkflow(stages);
    const path = stages.slice(stages.indexOf('DECIDED_PROCEED'));
    for (const stage of path) {
      const held = nextState(table, stage, 'hold');
      if (stage === 'CLOSED') {
        assert.equal(held, undefined, `${name}: a closed review is not put on hold`);
        continue;
      }
      assert.equal(held, heldState(stage), `${name}: hold from ${stage}`);
      assert.equal(heldFrom(held ?? ''), stage, `${name}: the hold knows the stage it left`);
      assert.equal(nextState(table, held ?? '', 'resume'), stage, `${name}: resume returns to ${stage}`);
      // On hold, nothing moves the stage: only resume, and withdraw where the stage allows it.
      const expected = nextState(table, stage, 'withdraw') ? ['resume', 'withdraw'] : ['resume'];
      assert.deepEqual(eventsFrom(table, held ?? '').sort(), expected, `${name}: events on hold from ${stage}`);
      assert.equal(nextState(table, held ?? '', 'hold'), undefined, `${name}: no hold on a hold`);
    }
    assert.equal(nextState(table, 'WITHDRAWN', 'hold'), undefined, `${name}: a withdrawn review is not put on hold`);
  }
  assert.equal(heldFrom('SCOPING'), undefined);
  assert.equal(heldFrom('ON_HOLD:NOT_A_STAGE'), undefined);
});

/**
 * Any table, walked by any events: a move is exactly what the table lists, and a walk never leaves its
 * states. Only resume (to the stage the hold left) and reopen go back along the states' order.
 */
function walkProperty(table: WorkflowTable<string, string>) {
  const events = [...eventsOf(table), 'unknown_event'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...events), { maxLength: 40 }), (walk) => {
      let state: string = table.created.state;
      for (const event of walk) {
        const next = nextState(table, state, event);
        const row = table.transitions[state] as Record<string, string | undefined>;
        assert.equal(next, Object.hasOwn(row, event) ? row[event] : undefined);
        if (next === undefined) continue;
        assert.ok(table.states.includes(next));
        if (event === 'resume') assert.equal(next, heldFrom(state), 'resume returns to the stage the hold left');
        else if (event === 'reopen') assert.equal(state, 'CLOSED');
        // Never back otherwise: a move goes to the same state (a revised recommendation) or a later one.
        else assert.ok(table.states.indexOf(next) >= table.states.indexOf(state), `${state} --${event}--> ${next}`);
        state = next;
      }
    }),
  );
}

test('property: walking any table by any events moves only as the table says, within its states, never backwards', () => {
  walkProperty(REFERRAL_WORKFLOW);
  for (const [, stages] of FRAMEWORK_PATHS) walkProperty(reviewWorkflow(stages));
});
