import assert from 'node:assert/strict';
import { test } from 'node:test';
import { askedQuestions } from './rules.ts';
import { buildSusrFramework, DEFAULT_SUSR_STREAMS, SUSR_2024 } from './susr-2024.ts';
import type { ChildFacts } from './types.ts';

const facts: ChildFacts = { incidentOn: '2025-03-10', childProtectionRegisterPeriods: [], lookedAfterPeriods: [] };
const childDied = { in_area: 'yes', abuse_or_neglect: 'suspected', child_died: 'yes', life_threatening_injury: 'no', serious_permanent_impairment: 'no' };
/** No other stream raised by the facts: only the child's questions are asked. */
const otherStreamsNotRaised = {
  raises_adult_practice_review: 'no',
  raises_domestic_homicide_review: 'no',
  raises_mental_health_homicide_review: 'no',
  raises_offensive_weapons_homicide_review: 'no',
};
const CHILD_QUESTIONS = ['in_area', 'abuse_or_neglect', 'child_died', 'life_threatening_injury', 'serious_permanent_impairment'];
const RAISING = Object.keys(otherStreamsNotRaised);

test('five review streams, each with its source; the four other than the child one are raised by one yes/no question each', () => {
  assert.deepEqual(
    DEFAULT_SUSR_STREAMS.map((s) => [s.id, s.raisedBy ?? null]),
    [
      ['child_practice_review', null],
      ['adult_practice_review', 'raises_adult_practice_review'],
      ['domestic_homicide_review', 'raises_domestic_homicide_review'],
      ['mental_health_homicide_review', 'raises_mental_health_homicide_review'],
      ['offensive_weapons_homicide_review', 'raises_offensive_weapons_homicide_review'],
    ],
  );
  for (const s of DEFAULT_SUSR_STREAMS) assert.ok(s.source.length > 10, s.id);
  for (const q of SUSR_2024.questions) {
    assert.ok(q.source.length > 10, `${q.id} records its source`);
    assert.doesNotMatch(`${q.label.en} ${q.hint.en}`, /confirm/i, `${q.id}: nothing shown as unconfirmed`);
  }
  assert.equal(SUSR_2024.reviewTypes, true, 'the child stream is concise or extended');
});

test('a child referral is asked the child questions and one question per other stream, never the adult and homicide criteria unless raised', () => {
  assert.deepEqual(
    askedQuestions(SUSR_2024.questions, {}).map((q) => q.id),
    [...CHILD_QUESTIONS, ...RAISING],
  );
  assert.deepEqual(
    askedQuestions(SUSR_2024.questions, { ...childDied, ...otherStreamsNotRaised }).map((q) => q.id),
    [...CHILD_QUESTIONS, ...RAISING],
  );
  // A parent killed by a partner, the child in the household: the domestic homicide stream is raised, and only its questions are added.
  assert.deepEqual(
    askedQuestions(SUSR_2024.questions, { ...otherStreamsNotRaised, raises_domestic_homicide_review: 'yes' })
      .map((q) => q.id)
      .filter((id) => !CHILD_QUESTIONS.includes(id) && !RAISING.includes(id)),
    ['dhr_death_aged_16_or_over', 'dhr_by_relative_partner_or_household'],
  );
  for (const q of SUSR_2024.questions.filter((x) => x.raisesStream))
    assert.deepEqual(
      q.choices.map((c) => c.value),
      ['yes', 'no'],
      q.id,
    );
});

test('the child stream is the Child Practice Review test, with its type; streams not raised are not assessed', () => {
  const r = SUSR_2024.assess({ ...childDied, ...otherStreamsNotRaised }, facts);
  assert.equal(r.outcome, 'must');
  assert.equal(r.type, 'concise');
  assert.deepEqual(r.reasons, ['stream_met_child_practice_review']);
  assert.deepEqual(
    r.streams?.map((s) => [s.stream, s.outcome]),
    [['child_practice_review', 'met']],
  );
  const extended = SUSR_2024.assess(
    { ...childDied, ...otherStreamsNotRaised },
    { ...facts, lookedAfterPeriods: [{ startOn: '2024-01-01', endOn: '2024-09-10' }] },
  );
  assert.equal(extended.type, 'extended');
  assert.equal(extended.streams?.[0]?.type, 'extended');
});

test('an SUSR is indicated when any stream is met, and every met stream is listed', () => {
  const r = SUSR_2024.assess(
    {
      ...childDied,
      ...otherStreamsNotRaised,
      raises_domestic_homicide_review: 'yes',
      dhr_death_aged_16_or_over: 'yes',
      dhr_by_relative_partner_or_household: 'yes',
    },
    facts,
  );
  assert.equal(r.outcome, 'must');
  assert.deepEqual(r.reasons, ['stream_met_child_practice_review', 'stream_met_domestic_homicide_review']);
  const onlyWeapon = SUSR_2024.assess(
    {
      ...childDied,
      child_died: 'no',
      ...otherStreamsNotRaised,
      raises_offensive_weapons_homicide_review: 'yes',
      owhr_death_aged_18_or_over: 'yes',
      owhr_offensive_weapon: 'yes',
      owhr_pilot_area: 'yes',
    },
    facts,
  );
  assert.equal(onlyWeapon.outcome, 'must');
  assert.deepEqual(onlyWeapon.reasons, ['stream_met_offensive_weapons_homicide_review']);
  assert.equal(onlyWeapon.type, undefined);
});

test('an Adult Practice Review is extended when a local authority was meeting the adult’s care and support needs', () => {
  const adult = {
    ...childDied,
    child_died: 'no',
    ...otherStreamsNotRaised,
    raises_adult_practice_review: 'yes',
    apr_adult_at_risk: 'yes',
    apr_abuse_or_neglect: 'yes',
    apr_serious_harm: 'yes',
  };
  const types = ['yes', 'no', 'unknown'].map(
    (care) => SUSR_2024.assess({ ...adult, apr_care_and_support: care }, facts).streams?.find((s) => s.stream === 'adult_practice_review')?.type,
  );
  assert.deepEqual(types, ['extended', 'concise', undefined]);
});

test('no stream met: not met; a raised stream still open: undetermined, with what blocks it', () => {
  const none = SUSR_2024.assess({ ...childDied, child_died: 'no', ...otherStreamsNotRaised }, facts);
  assert.deepEqual([none.outcome, none.reasons], ['not_met', ['no_stream_met']]);
  const open = SUSR_2024.assess(
    {
      ...childDied,
      child_died: 'no',
      ...otherStreamsNotRaised,
      raises_mental_health_homicide_review: 'yes',
      mhhr_homicide: 'yes',
      mhhr_perpetrator_mental_health_care: 'unknown',
    },
    facts,
  );
  assert.equal(open.outcome, 'undetermined');
  assert.deepEqual(open.blocking, ['mhhr_perpetrator_mental_health_care']);
  assert.equal(open.streams?.find((s) => s.stream === 'mental_health_homicide_review')?.outcome, 'undetermined');
  // Answers to a stream that is not raised count for nothing.
  const ignored = SUSR_2024.assess(
    { ...childDied, child_died: 'no', ...otherStreamsNotRaised, mhhr_homicide: 'yes', mhhr_perpetrator_mental_health_care: 'yes' },
    facts,
  );
  assert.equal(ignored.outcome, 'not_met');
});

test('the child stream is met even while the facts for its type are missing', () => {
  const r = SUSR_2024.assess({ ...childDied, ...otherStreamsNotRaised }, { ...facts, incidentOn: null });
  assert.equal(r.outcome, 'must');
  assert.equal(r.type, undefined);
  assert.deepEqual(r.missingFacts, ['incidentOn']);
});

test('a Board can configure the streams; a rule must read questions that are asked', () => {
  const custom = buildSusrFramework([
    DEFAULT_SUSR_STREAMS[0] as (typeof DEFAULT_SUSR_STREAMS)[number],
    { id: 'domestic_homicide_review', name: { en: 'DHR', cy: 'ADD' }, rule: { question: 'dhr_death_aged_16_or_over', in: ['yes'] }, source: 'test' },
  ]);
  assert.equal(custom.assess({ ...childDied, child_died: 'no', dhr_death_aged_16_or_over: 'yes' }, facts).outcome, 'must');
  assert.throws(
    () => buildSusrFramework([{ id: 'domestic_homicide_review', name: { en: 'x', cy: 'x' }, rule: { question: 'not_asked', in: ['yes'] }, source: 'test' }]),
    /not_asked/,
  );
});
