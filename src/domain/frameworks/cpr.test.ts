import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CPR_2013, CPR_2016 } from './cpr.ts';
import type { ChildFacts } from './types.ts';

const died = { in_area: 'yes', abuse_or_neglect: 'known', child_died: 'yes', life_threatening_injury: 'no', serious_permanent_impairment: 'no' };
const noPeriods: ChildFacts = { incidentOn: '2024-07-15', childProtectionRegisterPeriods: [], lookedAfterPeriods: [] };

test('the same harm test as the SCR decides whether a review is held; there is no discretionary limb', () => {
  for (const cpr of [CPR_2013, CPR_2016]) {
    assert.equal(cpr.assess(died, noPeriods).outcome, 'must');
    assert.equal(cpr.assess({ ...died, in_area: 'no' }, noPeriods).outcome, 'not_met');
    assert.equal(cpr.assess({ ...died, abuse_or_neglect: 'not_suspected' }, noPeriods).outcome, 'not_met');
    assert.equal(cpr.assess({ ...died, child_died: 'no' }, noPeriods).outcome, 'not_met');
    assert.deepEqual(cpr.alternativeRoutes, ['multi_agency_professional_forum', 'single_agency_review']);
    assert.equal(
      cpr.questions.some((q) => q.id === 'other_harm'),
      false,
    );
  }
});

test('CONCISE when neither registered nor looked after in the 6 months before the event', () => {
  const r = CPR_2016.assess(died, { ...noPeriods, childProtectionRegisterPeriods: [{ startOn: '2023-01-01', endOn: '2024-01-14' }] });
  assert.equal(r.outcome, 'must');
  assert.equal(r.type, 'concise');
  assert.deepEqual(r.reasons, ['in_area', 'abuse_or_neglect_known', 'child_died', 'neither_registered_nor_looked_after']);
});

test('EXTENDED when on the register on the first day of the window (event 2024-07-15, registration ended 2024-01-15)', () => {
  const r = CPR_2016.assess(died, { ...noPeriods, childProtectionRegisterPeriods: [{ startOn: '2023-01-01', endOn: '2024-01-15' }] });
  assert.equal(r.type, 'extended');
  assert.deepEqual(r.reasons, ['in_area', 'abuse_or_neglect_known', 'child_died', 'on_child_protection_register']);
});

test('for serious and permanent impairment the look-back counts from the date an agency identified it', () => {
  const impairment = { ...died, child_died: 'no', serious_permanent_impairment: 'yes' };
  const facts: ChildFacts = {
    incidentOn: '2024-07-15',
    impairmentIdentifiedOn: '2025-03-01',
    childProtectionRegisterPeriods: [],
    lookedAfterPeriods: [{ startOn: '2024-01-01', endOn: '2024-08-31' }],
  };
  // Window 2024-09-01 … 2025-02-28: looked after until 2024-08-31 → concise.
  assert.equal(CPR_2016.assess(impairment, facts).type, 'concise');
  assert.equal(CPR_2016.assess(impairment, { ...facts, impairmentIdentifiedOn: '2025-02-28' }).type, 'extended');
  const missing = CPR_2016.assess(impairment, { ...facts, impairmentIdentifiedOn: null });
  assert.equal(missing.outcome, 'undetermined');
  assert.deepEqual(missing.missingFacts, ['impairmentIdentifiedOn']);
  assert.ok(missing.reasons.includes('type_facts_missing'));
});

test('without the event date the type cannot be computed, unless another reference date already makes it extended', () => {
  const r = CPR_2016.assess(died, { ...noPeriods, incidentOn: null });
  assert.equal(r.outcome, 'undetermined');
  assert.deepEqual(r.missingFacts, ['incidentOn']);
  assert.deepEqual(CPR_2016.assess(died).missingFacts, ['incidentOn']);
  const both = { ...died, serious_permanent_impairment: 'yes' };
  const extended = CPR_2016.assess(both, {
    incidentOn: null,
    impairmentIdentifiedOn: '2024-07-15',
    childProtectionRegisterPeriods: [{ startOn: '2024-05-01', endOn: null }],
    lookedAfterPeriods: [],
  });
  assert.deepEqual([extended.outcome, extended.type], ['must', 'extended']);
});

test('a young person over 18 who was looked after in the window makes the review extended', () => {
  const r = CPR_2016.assess(died, { ...noPeriods, lookedAfterPeriods: [{ startOn: '2010-01-01', endOn: '2024-03-01' }] });
  assert.equal(r.type, 'extended');
});

test('unknown answers block the decision', () => {
  const r = CPR_2013.assess({ ...died, in_area: 'unknown' }, noPeriods);
  assert.equal(r.outcome, 'undetermined');
  assert.deepEqual(r.blocking, ['in_area']);
  assert.equal(r.type, undefined);
});

test('an extended review has two reviewers, a concise one one', () => {
  assert.deepEqual(CPR_2016.reviewersByType, { concise: 1, extended: 2 });
});
