import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCR_2006 } from './scr-2006.ts';

const serious = {
  in_area: 'yes',
  abuse_or_neglect: 'suspected',
  child_died: 'no',
  life_threatening_injury: 'no',
  serious_permanent_impairment: 'no',
  other_harm: 'no',
};

test('MUST: in the area, abuse or neglect known or suspected, and death, life-threatening injury or serious and permanent impairment (reg 4(1))', () => {
  for (const harm of ['child_died', 'life_threatening_injury', 'serious_permanent_impairment']) {
    for (const abuse of ['known', 'suspected']) {
      const r = SCR_2006.assess({ ...serious, abuse_or_neglect: abuse, [harm]: 'yes' });
      assert.equal(r.outcome, 'must', `${harm} ${abuse}`);
      assert.deepEqual(r.reasons, ['in_area', `abuse_or_neglect_${abuse}`, harm]);
      assert.deepEqual(r.blocking, []);
    }
  }
});

test('MAY: in the area, abuse or neglect known or suspected, and other harm (reg 4(2))', () => {
  const r = SCR_2006.assess({ ...serious, other_harm: 'yes' });
  assert.equal(r.outcome, 'may');
  assert.deepEqual(r.reasons, ['in_area', 'abuse_or_neglect_suspected', 'other_harm']);
  // Serious harm outranks other harm.
  assert.equal(SCR_2006.assess({ ...serious, child_died: 'yes', other_harm: 'yes' }).outcome, 'must');
});

test('NOT MET: outside the area, abuse or neglect not suspected, or no harm', () => {
  const outside = SCR_2006.assess({ ...serious, in_area: 'no', child_died: 'yes' });
  assert.equal(outside.outcome, 'not_met');
  assert.deepEqual(outside.reasons, ['not_in_area']);
  const noAbuse = SCR_2006.assess({ ...serious, abuse_or_neglect: 'not_suspected', child_died: 'yes' });
  assert.deepEqual([noAbuse.outcome, noAbuse.reasons], ['not_met', ['abuse_or_neglect_not_suspected']]);
  const noHarm = SCR_2006.assess(serious);
  assert.deepEqual([noHarm.outcome, noHarm.reasons], ['not_met', ['no_qualifying_harm']]);
});

test('UNKNOWN answers: undetermined, listing only the questions that would change the outcome', () => {
  const r = SCR_2006.assess({ ...serious, abuse_or_neglect: 'unknown', child_died: 'yes' });
  assert.equal(r.outcome, 'undetermined');
  assert.deepEqual(r.blocking, ['abuse_or_neglect']);
  assert.deepEqual(r.reasons, ['answers_unknown', 'possible_must', 'possible_not_met']);

  // Unanswered questions count as unknown.
  const empty = SCR_2006.assess({});
  assert.equal(empty.outcome, 'undetermined');
  assert.deepEqual(empty.blocking, ['in_area', 'abuse_or_neglect', 'child_died', 'life_threatening_injury', 'serious_permanent_impairment', 'other_harm']);

  // Once the child died, the other harm questions no longer matter.
  const died = SCR_2006.assess({ in_area: 'unknown', abuse_or_neglect: 'known', child_died: 'yes' });
  assert.deepEqual(died.blocking, ['in_area']);

  // Between MUST and MAY.
  const mustOrMay = SCR_2006.assess({ ...serious, child_died: 'unknown', other_harm: 'yes' });
  assert.equal(mustOrMay.outcome, 'undetermined');
  assert.deepEqual(mustOrMay.blocking, ['child_died']);
  assert.deepEqual(mustOrMay.reasons, ['answers_unknown', 'possible_must', 'possible_may']);
});

test('an unknown answer that cannot change the outcome does not block it', () => {
  const r = SCR_2006.assess({ in_area: 'no', abuse_or_neglect: 'unknown', child_died: 'unknown' });
  assert.equal(r.outcome, 'not_met');
  assert.deepEqual(r.reasons, ['not_in_area']);
  assert.equal(SCR_2006.assess({ ...serious, life_threatening_injury: 'yes', child_died: 'unknown', other_harm: 'unknown' }).outcome, 'must');
});
