import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../clock/dates.ts';
import { DEFAULT_FRAMEWORK_ID, earliestFrameworkDate, FRAMEWORKS, findFrameworkInForce, frameworkInForce, getFramework, isFrameworkId } from './index.ts';
import { answerProblems } from './rules.ts';
import { resolveTimers, timerDate, timerOverrideProblems } from './timers.ts';
import { FRAMEWORK_IDS } from './types.ts';
import { CPR_STAGES, canWithdraw, nextStages, SCR_STAGES, SUSR_STAGES } from './workflow.ts';

test('the framework in force on each Welsh changeover date (R14)', () => {
  const cases: [string, string | null][] = [
    ['2006-09-30', null],
    ['2006-10-01', 'SCR_2006'],
    ['2012-12-31', 'SCR_2006'],
    ['2013-01-01', 'CPR_2013'],
    ['2016-04-05', 'CPR_2013'],
    ['2016-04-06', 'CPR_2016'],
    ['2024-09-30', 'CPR_2016'],
    ['2024-10-01', 'SUSR_2024'],
    ['2026-11-27', 'SUSR_2024'],
  ];
  for (const [date, id] of cases) assert.equal(findFrameworkInForce('wales', date)?.id ?? null, id, date);
  for (const [date, id] of cases) if (id) assert.equal(frameworkInForce('wales', date).id, id, date);
  assert.throws(() => frameworkInForce('wales', '2006-09-30'), RangeError, 'no framework before 1 October 2006');
  assert.equal(earliestFrameworkDate('wales'), '2006-10-01');
});

test('England: the CSPR from 29 June 2018', () => {
  assert.equal(findFrameworkInForce('england', '2018-06-28'), null);
  assert.equal(frameworkInForce('england', '2018-06-29').id, 'CSPR_2018');
  assert.equal(frameworkInForce('england', '2026-11-27').id, 'CSPR_2018');
  assert.equal(earliestFrameworkDate('england'), '2018-06-29');
  assert.throws(() => frameworkInForce('wales', '2024-13-01'), RangeError);
});

test('Welsh frameworks follow one another without gap or overlap', () => {
  const welsh = FRAMEWORKS.filter((f) => f.nation === 'wales');
  for (let i = 1; i < welsh.length; i++) {
    const before = welsh[i - 1];
    const after = welsh[i];
    assert.ok(before?.validTo && after);
    assert.equal(addDays(before.validTo, 1), after.validFrom, `${before.id} → ${after.id}`);
  }
});

test('the registry: every framework by id, the SCR the default', () => {
  assert.deepEqual(
    FRAMEWORKS.map((f) => f.id),
    [...FRAMEWORK_IDS],
  );
  for (const id of FRAMEWORK_IDS) assert.equal(getFramework(id).id, id);
  assert.equal(DEFAULT_FRAMEWORK_ID, 'SCR_2006');
  assert.equal(isFrameworkId('CPR_2016'), true);
  assert.equal(isFrameworkId('SCR_2099'), false);
  assert.throws(() => getFramework('SCR_2099' as never), RangeError);
});

test('names in English and Welsh', () => {
  assert.deepEqual(getFramework('SCR_2006').name, { en: 'Serious Case Review', cy: 'Adolygiad Achos Difrifol' });
  assert.deepEqual(getFramework('CPR_2016').name, { en: 'Child Practice Review', cy: 'Adolygiad Ymarfer Plant' });
  assert.deepEqual(getFramework('SUSR_2024').name, { en: 'Single Unified Safeguarding Review', cy: 'Adolygiad Diogelu Unedig Sengl' });
  for (const f of FRAMEWORKS) {
    const ids = f.questions.map((q) => q.id);
    assert.equal(new Set(ids).size, ids.length, `${f.id}: question ids are unique`);
    for (const q of f.questions) {
      for (const text of [q.label, q.hint, ...q.choices.map((c) => c.label)]) {
        assert.ok(text.en.trim() && text.cy.trim() && text.en !== text.cy, `${f.id} ${q.id}: English and Welsh text`);
      }
      // A criterion can be answered "not known yet"; whether the facts raise a stream is yes or no.
      assert.ok(q.raisesStream ? q.answerType === 'yes_no' : q.choices.some((c) => c.value === 'unknown'), `${f.id} ${q.id}: can be answered "not known yet"`);
      assert.ok(q.source.trim(), `${f.id} ${q.id}: its source is recorded`);
    }
  }
});

test('answers are checked against the questions and their choices', () => {
  const scr = getFramework('SCR_2006');
  assert.deepEqual(answerProblems(scr.questions, { in_area: 'yes', abuse_or_neglect: 'suspected', child_died: 'unknown' }), {});
  assert.deepEqual(answerProblems(scr.questions, { in_area: 'maybe', abuse_or_neglect: 'yes', serious_harm: 'yes' }), {
    in_area: 'criteria.invalidAnswer',
    abuse_or_neglect: 'criteria.invalidAnswer',
    serious_harm: 'criteria.unknownQuestion',
  });
});

test('workflow profiles: SCR baseline, CPR and SUSR', () => {
  assert.ok(SCR_STAGES.includes('AGENCY_REPORTS_REQUESTED') && SCR_STAGES.includes('OVERVIEW_DRAFTING'));
  assert.equal(
    CPR_STAGES.some((s) => s.startsWith('AGENCY_REPORTS') || s === 'OVERVIEW_DRAFTING'),
    false,
  );
  assert.deepEqual(CPR_STAGES.slice(CPR_STAGES.indexOf('SCOPING'), CPR_STAGES.indexOf('PANEL_QA')), [
    'SCOPING',
    'TIMELINE_BUILDING',
    'FAMILY_ENGAGEMENT',
    'LEARNING_EVENT_HELD',
    'REVIEWER_REPORT_DRAFTING',
  ]);
  assert.equal(SUSR_STAGES[SUSR_STAGES.indexOf('DECIDED_PROCEED') + 1], 'WG_NOTIFIED');
  assert.equal(SUSR_STAGES[SUSR_STAGES.indexOf('PUBLISHED') + 1], 'REPOSITORY_UPLOADED');
  assert.equal(getFramework('SCR_2006').stages, SCR_STAGES);
  assert.equal(getFramework('CPR_2013').stages, CPR_STAGES);
  assert.equal(getFramework('SUSR_2024').stages, SUSR_STAGES);
  assert.equal(getFramework('CSPR_2018').stages.includes('SUBMITTED_TO_WG'), false);

  assert.deepEqual(nextStages(SCR_STAGES, 'RECOMMENDED_TO_CHAIR'), ['DECIDED_PROCEED', 'DECIDED_NOT_PROCEED']);
  assert.deepEqual(nextStages(SCR_STAGES, 'DECIDED_PROCEED'), ['SCOPING']);
  assert.deepEqual(nextStages(SUSR_STAGES, 'DECIDED_PROCEED'), ['WG_NOTIFIED']);
  assert.deepEqual(nextStages(SCR_STAGES, 'DECIDED_NOT_PROCEED'), ['ALTERNATIVE_LEARNING']);
  assert.deepEqual(nextStages(SCR_STAGES, 'ALTERNATIVE_LEARNING'), ['CLOSED']);
  assert.deepEqual(nextStages(SCR_STAGES, 'CLOSED'), []);
  assert.deepEqual(nextStages(CPR_STAGES, 'AGENCY_REPORTS_REQUESTED'), [], 'not a CPR stage');
  assert.equal(canWithdraw(SCR_STAGES, 'PANEL_QA'), true);
  assert.equal(canWithdraw(SCR_STAGES, 'BOARD_ACCEPTANCE'), false);
  assert.equal(canWithdraw(SCR_STAGES, 'PUBLISHED'), false);
  assert.equal(canWithdraw(SCR_STAGES, 'DECIDED_NOT_PROCEED'), false);
});

test('default timers: decision 4 weeks from the incident and from the referral; completion a Board setting', () => {
  for (const id of ['SCR_2006', 'CPR_2013', 'CPR_2016', 'SUSR_2024'] as const) {
    const timers = resolveTimers(getFramework(id));
    for (const timerId of ['decision_from_incident', 'decision_from_referral']) {
      const t = timers.find((x) => x.id === timerId);
      assert.deepEqual([t?.duration, t?.configurable, t?.source], [{ amount: 4, unit: 'weeks' }, true, 'framework'], `${id} ${timerId}`);
    }
    assert.deepEqual(timers.find((x) => x.id === 'completion')?.duration, { amount: 6, unit: 'months' });
  }
  const reviewPeriod = resolveTimers(getFramework('CPR_2016')).find((t) => t.id === 'review_period');
  assert.ok(reviewPeriod);
  assert.equal(timerDate(reviewPeriod, '2024-07-15', 'wales'), '2023-07-15', 'the review period starts 12 months before the incident');
});

test('a Board overrides configurable timers but not statutory ones', () => {
  const scr = getFramework('SCR_2006');
  const timers = resolveTimers(scr, { completion: { amount: 9, unit: 'months' }, decision_from_referral: { amount: 20, unit: 'working_days' } });
  assert.deepEqual(
    timers.map((t) => [t.id, t.duration.amount, t.duration.unit, t.source]),
    [
      ['decision_from_incident', 4, 'weeks', 'framework'],
      ['decision_from_referral', 20, 'working_days', 'board'],
      ['completion', 9, 'months', 'board'],
    ],
  );
  assert.deepEqual(scr.timers.find((t) => t.id === 'completion')?.duration, { amount: 6, unit: 'months' }, 'the framework is not changed');
  const cspr = getFramework('CSPR_2018');
  assert.deepEqual(timerOverrideProblems(cspr, { england_notification: { amount: 10, unit: 'working_days' } }), {
    england_notification: 'timer.notConfigurable',
  });
  assert.deepEqual(timerOverrideProblems(scr, { rapid_review: { amount: 10, unit: 'working_days' } }), { rapid_review: 'timer.unknown' });
  assert.deepEqual(timerOverrideProblems(scr, { completion: { amount: 0, unit: 'months' } }), { completion: 'timer.invalidAmount' });
  assert.deepEqual(timerOverrideProblems(scr, { completion: { amount: 2.5, unit: 'months' } }), { completion: 'timer.invalidAmount' });
  assert.deepEqual(timerOverrideProblems(scr, { completion: { amount: 2, unit: 'fortnights' as never } }), { completion: 'timer.invalidUnit' });
  assert.throws(() => resolveTimers(cspr, { england_notification: { amount: 10, unit: 'working_days' } }), RangeError);
});
