import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSusrFramework, DEFAULT_SUSR_STREAMS, SUSR_2024 } from './susr-2024.ts';
import type { ChildFacts } from './types.ts';

const facts: ChildFacts = { incidentOn: '2025-03-10', childProtectionRegisterPeriods: [], lookedAfterPeriods: [] };
const childDied = { in_area: 'yes', abuse_or_neglect: 'suspected', child_died: 'yes', life_threatening_injury: 'no', serious_permanent_impairment: 'no' };
const otherStreamsNo = {
  apr_adult_at_risk: 'no',
  apr_abuse_or_neglect: 'no',
  apr_serious_harm: 'no',
  dhr_death_aged_16_or_over: 'no',
  dhr_by_relative_partner_or_household: 'no',
  mhhr_homicide: 'no',
  mhhr_perpetrator_mental_health_care: 'no',
  owhr_death_aged_18_or_over: 'no',
  owhr_offensive_weapon: 'no',
  owhr_pilot_area: 'no',
};

test('five review streams; all but the child one are unconfirmed and configurable', () => {
  assert.deepEqual(
    DEFAULT_SUSR_STREAMS.map((s) => [s.id, s.confirmed]),
    [
      ['child_practice_review', true],
      ['adult_practice_review', false],
      ['domestic_homicide_review', false],
      ['mental_health_homicide_review', false],
      ['offensive_weapons_homicide_review', false],
    ],
  );
  for (const q of SUSR_2024.questions)
    if (!['in_area', 'abuse_or_neglect', 'child_died', 'life_threatening_injury', 'serious_permanent_impairment'].includes(q.id))
      assert.equal(q.confirmed, false, q.id);
});

test('the child stream is the Child Practice Review test, with its type', () => {
  const r = SUSR_2024.assess({ ...childDied, ...otherStreamsNo }, facts);
  assert.equal(r.outcome, 'must');
  assert.equal(r.type, 'concise');
  assert.deepEqual(r.reasons, ['stream_met_child_practice_review']);
  assert.deepEqual(
    r.streams?.map((s) => [s.stream, s.outcome]),
    [
      ['child_practice_review', 'met'],
      ['adult_practice_review', 'not_met'],
      ['domestic_homicide_review', 'not_met'],
      ['mental_health_homicide_review', 'not_met'],
      ['offensive_weapons_homicide_review', 'not_met'],
    ],
  );
  const extended = SUSR_2024.assess({ ...childDied, ...otherStreamsNo }, { ...facts, lookedAfterPeriods: [{ startOn: '2024-01-01', endOn: '2024-09-10' }] });
  assert.equal(extended.type, 'extended');
  assert.equal(extended.streams?.[0]?.type, 'extended');
});

test('an SUSR is indicated when any stream is met, and every met stream is listed', () => {
  const r = SUSR_2024.assess({ ...childDied, ...otherStreamsNo, dhr_death_aged_16_or_over: 'yes', dhr_by_relative_partner_or_household: 'yes' }, facts);
  assert.equal(r.outcome, 'must');
  assert.deepEqual(r.reasons, ['stream_met_child_practice_review', 'stream_met_domestic_homicide_review']);
  const onlyWeapon = SUSR_2024.assess(
    { ...childDied, child_died: 'no', ...otherStreamsNo, owhr_death_aged_18_or_over: 'yes', owhr_offensive_weapon: 'yes', owhr_pilot_area: 'yes' },
    facts,
  );
  assert.equal(onlyWeapon.outcome, 'must');
  assert.deepEqual(onlyWeapon.reasons, ['stream_met_offensive_weapons_homicide_review']);
  assert.equal(onlyWeapon.type, undefined);
});

test('no stream met: not met; a stream still open: undetermined, with what blocks it', () => {
  const none = SUSR_2024.assess({ ...childDied, child_died: 'no', ...otherStreamsNo }, facts);
  assert.deepEqual([none.outcome, none.reasons], ['not_met', ['no_stream_met']]);
  const open = SUSR_2024.assess(
    { ...childDied, child_died: 'no', ...otherStreamsNo, mhhr_homicide: 'yes', mhhr_perpetrator_mental_health_care: 'unknown' },
    facts,
  );
  assert.equal(open.outcome, 'undetermined');
  assert.deepEqual(open.blocking, ['mhhr_perpetrator_mental_health_care']);
  assert.equal(open.streams?.find((s) => s.stream === 'mental_health_homicide_review')?.outcome, 'undetermined');
});

test('the child stream is met even while the facts for its type are missing', () => {
  const r = SUSR_2024.assess({ ...childDied, ...otherStreamsNo }, { ...facts, incidentOn: null });
  assert.equal(r.outcome, 'must');
  assert.equal(r.type, undefined);
  assert.deepEqual(r.missingFacts, ['incidentOn']);
});

test('a Board can configure the streams; a rule must read questions that are asked', () => {
  const custom = buildSusrFramework([
    DEFAULT_SUSR_STREAMS[0] as (typeof DEFAULT_SUSR_STREAMS)[number],
    { id: 'domestic_homicide_review', name: { en: 'DHR', cy: 'ADD' }, rule: { question: 'dhr_death_aged_16_or_over', in: ['yes'] }, confirmed: false },
  ]);
  assert.equal(custom.assess({ ...childDied, child_died: 'no', dhr_death_aged_16_or_over: 'yes' }, facts).outcome, 'must');
  assert.throws(
    () => buildSusrFramework([{ id: 'domestic_homicide_review', name: { en: 'x', cy: 'x' }, rule: { question: 'not_asked', in: ['yes'] }, confirmed: false }]),
    /not_asked/,
  );
});
