import assert from 'node:assert/strict';
import { test } from 'node:test';
import { referralContradictions } from './consistency.ts';
import { CPR_2016 } from './cpr.ts';
import { CSPR_2018 } from './cspr-2018.ts';
import { SCR_2006 } from './scr-2006.ts';

const otherHarmReferral = { incidentType: 'other_harm', abuseOrNeglect: 'suspected', inArea: true } as const;

test('"child died" answered yes while the referral records other harm is refused', () => {
  assert.deepEqual(referralContradictions(SCR_2006, otherHarmReferral, { child_died: 'yes' }), [
    { questionId: 'child_died', answer: 'yes', referralField: 'incidentType', referralValue: 'other_harm', code: 'contradicts_incident_type' },
  ]);
  assert.deepEqual(
    referralContradictions(SCR_2006, otherHarmReferral, { life_threatening_injury: 'yes', serious_permanent_impairment: 'yes', other_harm: 'no' }).map(
      (c) => c.questionId,
    ),
    ['life_threatening_injury', 'serious_permanent_impairment', 'other_harm'],
  );
});

test('the harm the referral records cannot be answered no; a death cannot be added without correcting the referral', () => {
  const death = { incidentType: 'death', abuseOrNeglect: 'known', inArea: true } as const;
  assert.deepEqual(
    referralContradictions(SCR_2006, death, { child_died: 'no' }).map((c) => c.questionId),
    ['child_died'],
  );
  assert.deepEqual(referralContradictions(SCR_2006, death, { child_died: 'yes', life_threatening_injury: 'yes', other_harm: 'no' }), []);
  const injury = { incidentType: 'life_threatening_injury', abuseOrNeglect: 'known', inArea: true } as const;
  assert.deepEqual(
    referralContradictions(CPR_2016, injury, { child_died: 'yes', life_threatening_injury: 'no' }).map((c) => c.questionId),
    ['child_died', 'life_threatening_injury'],
  );
  // An injury that also left a serious and permanent impairment is not a contradiction.
  assert.deepEqual(referralContradictions(CPR_2016, injury, { life_threatening_injury: 'yes', serious_permanent_impairment: 'yes' }), []);
  const impairment = { incidentType: 'serious_permanent_impairment', abuseOrNeglect: 'known', inArea: true } as const;
  assert.deepEqual(
    referralContradictions(CPR_2016, impairment, { serious_permanent_impairment: 'no' }).map((c) => c.code),
    ['contradicts_incident_type'],
  );
});

test('abuse or neglect: suspected against not suspected contradicts; known against suspected does not', () => {
  assert.deepEqual(
    referralContradictions(SCR_2006, { ...otherHarmReferral, abuseOrNeglect: 'not_suspected' }, { abuse_or_neglect: 'known' }).map((c) => c.code),
    ['contradicts_abuse_or_neglect'],
  );
  assert.deepEqual(
    referralContradictions(SCR_2006, { ...otherHarmReferral, abuseOrNeglect: 'known' }, { abuse_or_neglect: 'not_suspected' }).map((c) => c.referralValue),
    ['known'],
  );
  assert.deepEqual(referralContradictions(SCR_2006, { ...otherHarmReferral, abuseOrNeglect: 'known' }, { abuse_or_neglect: 'suspected' }), []);
  assert.deepEqual(referralContradictions(SCR_2006, { ...otherHarmReferral, abuseOrNeglect: 'suspected' }, { abuse_or_neglect: 'known' }), []);
});

test('in the area: a yes or no answer must match the referral', () => {
  assert.deepEqual(referralContradictions(SCR_2006, { ...otherHarmReferral, inArea: false }, { in_area: 'yes' }), [
    { questionId: 'in_area', answer: 'yes', referralField: 'inArea', referralValue: 'no', code: 'contradicts_in_area' },
  ]);
  assert.deepEqual(referralContradictions(SCR_2006, otherHarmReferral, { in_area: 'yes' }), []);
});

test('unknown answers and questions the framework does not ask never contradict', () => {
  assert.deepEqual(
    referralContradictions(SCR_2006, otherHarmReferral, { in_area: 'unknown', abuse_or_neglect: 'unknown', child_died: 'unknown', other_harm: 'unknown' }),
    [],
  );
  // The CSPR asks no in-area question.
  assert.deepEqual(
    referralContradictions(CSPR_2018, { ...otherHarmReferral, inArea: false }, { in_area: 'yes', child_died: 'yes' }).map((c) => c.questionId),
    ['child_died'],
  );
});
