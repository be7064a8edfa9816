import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CPR_STAGES, CSPR_STAGES, heldState, REVIEW_STAGE_EVENTS, reviewWorkflow, SCR_STAGES, SUSR_STAGES } from '../frameworks/workflow.ts';
import { eventsOf, nextState } from '../workflow.ts';
import { HELD_BACK_REVIEW_EVENTS, isOfferedReviewEvent, OFFERED_REVIEW_EVENTS, offeredEvents } from './review.ts';

const PATHS = { SCR: SCR_STAGES, CPR: CPR_STAGES, SUSR: SUSR_STAGES, CSPR: CSPR_STAGES };
/** Publication's stages and those after it: no offered move reaches them until the publication issue. */
const LATE = ['PUBLISHED', 'REPOSITORY_UPLOADED', 'MONITORING', 'CLOSED'];

test('every event of every framework’s table is either offered or held back with its gate, never both', () => {
  for (const [name, stages] of Object.entries(PATHS)) {
    for (const event of eventsOf(reviewWorkflow(stages))) {
      const offered = isOfferedReviewEvent(event);
      const held = Object.hasOwn(HELD_BACK_REVIEW_EVENTS, event);
      assert.ok(offered !== held, `${name}: ${event} offered=${offered} heldBack=${held}`);
    }
  }
});

test('publication is released, never moved to: no offered move reaches PUBLISHED or later (publication’s preparation follows the Welsh Government’s, gated by the report’s and the plan’s acceptance; the release job takes `publish`, every gate checked)', () => {
  for (const [name, stages] of Object.entries(PATHS)) {
    const table = reviewWorkflow(stages);
    for (const state of table.states) {
      for (const event of offeredEvents(table, state)) {
        const to = nextState(table, state, event);
        assert.ok(to, `${name}: ${state} --${event}`);
        // Resuming returns to a stage already reached; reopening to the one a closed review left; the stages
        // after publication are reached from it only (their own moves, monitoring's and closing's, are gated).
        if (event === 'resume' || event === 'reopen' || LATE.includes(state.replace(/^ON_HOLD:/, ''))) continue;
        // …except monitoring straight from preparation, when the board decided not to publish (its gate: the chair's approved decision to withhold).
        if (state === 'PUBLICATION_PREPARATION' && event === 'start_monitoring' && to === 'MONITORING') continue;
        for (const late of LATE) assert.notEqual(to, late, `${name}: ${state} --${event}--> ${to}`);
      }
    }
    assert.equal(offeredEvents(table, 'PUBLICATION_PREPARATION').includes('publish' as never), false, `${name}: publish is the release's`);
    assert.equal(nextState(table, 'PUBLICATION_PREPARATION', 'start_monitoring'), 'MONITORING', `${name}: a review not published is monitored`);
    if (stages.includes('SUBMITTED_TO_WG')) assert.ok(offeredEvents(table, 'SUBMITTED_TO_WG').includes('prepare_publication'), `${name}: preparation offered`);
    if (stages.includes('PANEL_QA')) {
      assert.deepEqual(
        offeredEvents(table, 'PANEL_QA').sort(),
        ['hold', 'submit_to_board', 'withdraw'],
        `${name}: from panel QA, to the board, a hold or a withdrawal`,
      );
      assert.deepEqual(
        offeredEvents(table, 'BOARD_ACCEPTANCE').sort(),
        stages.includes('SUBMITTED_TO_WG') ? ['hold', 'submit_to_welsh_government'] : ['hold', 'prepare_publication'],
        `${name}: at board acceptance, a hold, or (Wales) to the Welsh Government, (England) to publication's preparation, once the report and the plan are accepted`,
      );
    }
  }
});

test('offered from the decision: scoping, or (SUSR) the Welsh Government notified, whose gate is the recorded notification; hold, withdraw', () => {
  assert.deepEqual(offeredEvents(reviewWorkflow(SCR_STAGES), 'DECIDED_PROCEED').sort(), ['hold', 'start_scoping', 'withdraw']);
  assert.deepEqual(offeredEvents(reviewWorkflow(SUSR_STAGES), 'DECIDED_PROCEED').sort(), ['hold', 'notify_welsh_government', 'withdraw']);
  assert.deepEqual(offeredEvents(reviewWorkflow(SCR_STAGES), heldState('SCOPING')).sort(), ['resume', 'withdraw']);
  assert.deepEqual(offeredEvents(reviewWorkflow(SCR_STAGES), 'CLOSED'), ['reopen']);
  assert.equal(REVIEW_STAGE_EVENTS.SCOPING, 'start_scoping');
  assert.ok(OFFERED_REVIEW_EVENTS.length > 0);
});

test('property: walking any framework’s table by offered events only, a review never reaches publication, and a hold resumes to the stage it left', () => {
  for (const stages of Object.values(PATHS)) {
    const table = reviewWorkflow(stages);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...OFFERED_REVIEW_EVENTS), { maxLength: 40 }), (walk) => {
        let state: string = table.created.state;
        let left: string | undefined;
        for (const event of walk) {
          if (!offeredEvents(table, state).includes(event)) continue;
          const next = nextState(table, state, event);
          assert.ok(next);
          if (event === 'hold') left = state;
          if (event === 'resume') assert.equal(next, left);
          state = next;
        }
        assert.ok(!LATE.includes(state), state);
      }),
    );
  }
});
