import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LIMITS, RECOMMENDATION_TEXT, textProblem, textProblems } from './limits.ts';

describe('text limits', () => {
  test('a required answer: missing or blank is refused; at the limit accepted; one over refused', () => {
    const rule = RECOMMENDATION_TEXT.reasons;
    assert.equal(textProblem(rule, undefined), 'recommendation.reasonsRequired');
    assert.equal(textProblem(rule, '  \n '), 'recommendation.reasonsRequired');
    assert.equal(textProblem(rule, 'x'.repeat(LIMITS.reasoning)), undefined);
    assert.equal(textProblem(rule, ` ${'x'.repeat(LIMITS.reasoning)} `), undefined, 'surrounding space does not count');
    assert.equal(textProblem(rule, 'x'.repeat(LIMITS.reasoning + 1)), 'recommendation.reasonsTooLong');
  });

  test('an optional answer may be left out, but not be too long; every field of a command at once', () => {
    assert.deepEqual(textProblems(RECOMMENDATION_TEXT, { reasons: 'Met.', dissent: null }), {});
    assert.deepEqual(textProblems(RECOMMENDATION_TEXT, { reasons: '', dissent: 'x'.repeat(LIMITS.reasoning + 1) }), {
      reasons: 'recommendation.reasonsRequired',
      dissent: 'recommendation.dissentTooLong',
    });
  });
});
