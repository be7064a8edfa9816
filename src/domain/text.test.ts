import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameErrors, nameProblem, normaliseLineBreaks, textProblem, textViolations, withLineBreaksNormalised } from './text.ts';

test('text: line breaks and tabs are fine; NUL, other C0 and C1 controls, DEL and a lone carriage return are not', () => {
  for (const ok of ['', 'Siân ap Llŷr', 'line one\nline two', 'a\tb', '😀 ‮ not a control', 'ŵŷ'.repeat(1000)])
    assert.equal(textProblem(ok), undefined, JSON.stringify(ok));
  for (const bad of ['\u0000', 'a\u0000b', '\u0001', '\u001B[31m', 'a\rb', '\u000B', '\u000C', '\u007F', '\u0085', '\u009F']) {
    assert.equal(textProblem(bad), 'text.control', JSON.stringify(bad));
  }
});

test('names: no control characters at all, and no bidirectional embeddings, overrides or isolates', () => {
  assert.equal(nameProblem('Siân ap Llŷr'), undefined);
  assert.equal(nameProblem('דוד כהן'), undefined, 'right-to-left letters themselves are fine');
  assert.equal(nameProblem('Eve\u202Egnp.exe'), 'text.bidi');
  for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) assert.equal(nameProblem(`a${c}b`), 'text.bidi');
  assert.equal(nameProblem('a\nb'), 'text.control');
  assert.equal(nameProblem('a\tb'), 'text.control');
  assert.deepEqual(nameErrors({ fullName: 'A\u2066B', nameCy: null, nameEn: 'fine', other: undefined }), { fullName: 'text.bidi' });
});

test('form posts: CR LF is a line break; the rule then finds every bad string, keys included, by its path', () => {
  assert.equal(normaliseLineBreaks('a\r\nb\rc'), 'a\nb\rc');
  const body = Object.assign(Object.create(null) as Record<string, unknown>, { facts: 'one\r\ntwo', list: ['ok', 'b\u0000d'] });
  const normalised = withLineBreaksNormalised(body);
  assert.equal(normalised.facts, 'one\ntwo');
  assert.equal(Object.getPrototypeOf(normalised), null, 'the parsed body keeps its shape');
  assert.deepEqual(textViolations(normalised), [{ path: ['list', 1], problem: 'text.control' }]);
  assert.deepEqual(textViolations({ child: { fullName: 'x\u0000' }, 'k\u0007': 1, n: 3, b: true, z: null }), [
    { path: ['child', 'fullName'], problem: 'text.control' },
    { path: ['k\u0007'], problem: 'text.control' },
  ]);
});
