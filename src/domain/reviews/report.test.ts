import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRecommendation, initialReport, missingForSubmission, r4Refusals, reportKindFor, reportSections } from './report.ts';

test('each framework’s report: the SCR overview report with its executive summary, the reviewers’ report for a CPR or an SUSR', () => {
  assert.equal(reportKindFor('SCR_2006'), 'overview');
  assert.equal(reportKindFor('CPR_2016'), 'reviewer');
  assert.equal(reportKindFor('SUSR_2024'), 'reviewer');
  const scr = reportSections('SCR_2006');
  assert.ok(scr.some((s) => s.part === 'summary'));
  assert.ok(scr.some((s) => s.id === 'review_recommendations'));
  assert.ok(reportSections('CPR_2016').some((s) => s.learningEvent));
  for (const s of [...scr, ...reportSections('CPR_2016')]) assert.ok(s.title.en && s.title.cy && s.hint.cy, s.id);
  assert.deepEqual(new Set(Object.keys(initialReport('CPR_2016'))).size, reportSections('CPR_2016').length);
  assert.deepEqual(missingForSubmission(initialReport('SCR_2006')), { form: 'report:errors.emptyReport' });
});

test('R4: every reason the board may not accept yet, until the section says something and each review recommendation has a date and someone responsible', () => {
  const content = initialReport('SCR_2006');
  const recs = [
    { number: 2, agencyId: null, personId: null, responsible: null, targetOn: null },
    { number: 1, agencyId: 'a', personId: null, responsible: null, targetOn: '2027-06-01' },
  ];
  assert.deepEqual(r4Refusals(content, recs), [
    { reason: 'noRecommendationsSection', number: null },
    { reason: 'noTargetDate', number: 2 },
    { reason: 'noResponsible', number: 2 },
  ]);
  content.review_recommendations = { text: 'Agencies share information at the first concern.' };
  assert.deepEqual(
    r4Refusals(content, [
      recs[1] as (typeof recs)[number],
      { ...(recs[0] as (typeof recs)[number]), responsible: 'Head of children’s services', targetOn: '2027-03-01' },
    ]),
    [],
  );
});

test('a review recommendation: text needed, an agency and a person of the board only, a real date; owner and date may wait for R4', () => {
  const known = { agencyIds: ['a'], personIds: ['p'] };
  assert.deepEqual(checkRecommendation({ text: ' ', agencyId: 'x', personId: 'q', responsible: null, targetOn: '2027-02-30' }, known), {
    ok: false,
    errors: {
      text: 'report:errors.recommendationRequired',
      agencyId: 'report:errors.agencyUnknown',
      personId: 'report:errors.personUnknown',
      targetOn: 'report:errors.targetInvalid',
    },
  });
  const ok = checkRecommendation({ text: 'Share information.', agencyId: '', personId: null, responsible: ' ', targetOn: '' }, known);
  assert.deepEqual(ok, { ok: true, value: { text: 'Share information.', agencyId: null, personId: null, responsible: null, targetOn: null } });
});
