// The anonymisation check's rules (issue 13 item 2): the judicial checklist (bilingual, every item once), its
// answers checked, a finding's reason, what approval is refused for (every reason at once), and the fingerprint's
// source (the same words give the same value; a changed neighbour another).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approvalProblems, CHECKLIST, CHECKLIST_GROUPS, checkAnswers, checkReason, fingerprintSource, readAnswers, unansweredItems } from './checklist.ts';

test('the checklist: every item once, in a group, in English and Welsh', () => {
  assert.equal(new Set(CHECKLIST.map((i) => i.id)).size, CHECKLIST.length);
  for (const g of CHECKLIST_GROUPS)
    assert.ok(
      CHECKLIST.some((i) => i.group === g),
      g,
    );
  for (const i of CHECKLIST) {
    assert.ok(i.text.en.length > 5 && i.text.cy.length > 5, i.id);
    assert.notEqual(i.text.en, i.text.cy, i.id);
  }
  for (const id of ['names', 'nicknames', 'dates_of_birth', 'schools', 'siblings', 'towns', 'streets', 'hospitals', 'press', 'sexual_abuse'])
    assert.ok(
      CHECKLIST.some((i) => i.id === id),
      id,
    );
});

test('answers: blank items stay unanswered; a bad answer, a note without an answer, a long note or an unknown item refused', () => {
  const ok = checkAnswers({ names: { answer: 'checked', note: '  Nicknames too. ' }, towns: { answer: 'not_applicable' }, schools: { answer: '' } });
  assert.ok(ok.ok);
  if (ok.ok) {
    assert.deepEqual(ok.value, { names: { answer: 'checked', note: 'Nicknames too.' }, towns: { answer: 'not_applicable', note: '' } });
    assert.equal(unansweredItems(ok.value).length, CHECKLIST.length - 2);
    assert.deepEqual(readAnswers(JSON.stringify({ ...ok.value, gone: { answer: 'checked' } })), ok.value);
  }
  const bad = checkAnswers({
    names: { answer: 'yes' },
    towns: { answer: '', note: 'x' },
    streets: { answer: 'checked', note: 'n'.repeat(1001) },
    nope: { answer: 'checked' },
  });
  assert.deepEqual(bad.ok ? {} : bad.errors, {
    'item-names': 'anonymisation:errors.answerInvalid',
    'item-towns': 'anonymisation:errors.answerForNote',
    'note-streets': 'anonymisation:errors.noteTooLong',
    form: 'anonymisation:errors.unknownItem',
  });
});

test('a reason: required, trimmed, within its limit', () => {
  assert.deepEqual(checkReason('  '), { ok: false, errors: { reason: 'anonymisation:errors.reasonRequired' } });
  assert.deepEqual(checkReason('x'.repeat(2001)), { ok: false, errors: { reason: 'anonymisation:errors.reasonTooLong' } });
  assert.deepEqual(checkReason(' The agency’s public name. '), { ok: true, value: 'The agency’s public name.' });
});

test('approval: refused for every reason at once; allowed when the scan is current, every finding accepted, every item answered', () => {
  const all = Object.fromEntries(CHECKLIST.map((i) => [i.id, { answer: 'checked' as const, note: '' }]));
  const good = {
    status: 'open' as const,
    document: 'scanned' as const,
    findings: [{ decision: 'accepted' as const, reason: 'Public figure' }],
    answers: all,
  };
  assert.deepEqual(approvalProblems(good), {});
  assert.deepEqual(approvalProblems({ ...good, findings: [] }), {}, 'no findings: nothing to accept');
  assert.deepEqual(approvalProblems({ status: 'approved', document: 'changed', findings: [{ decision: 'open', reason: null }], answers: {} }), {
    form: 'anonymisation:errors.alreadyApproved',
    document: 'anonymisation:errors.staleScan',
    findings: 'anonymisation:errors.openFindings',
    checklist: 'anonymisation:errors.checklistUnanswered',
  });
  assert.deepEqual(approvalProblems({ ...good, document: 'none' }), { document: 'anonymisation:errors.noDocument' });
});

test('a fingerprint’s source: the kind, the match and two words either side, folded', () => {
  const a = 'Child A moved to Cardiff in the spring.';
  const b = 'Later,  child a MOVED TO cardiff IN THE summer.';
  const at = (text: string) => fingerprintSource('dictionary_term', text, text.toLowerCase().indexOf('cardiff'), text.toLowerCase().indexOf('cardiff') + 7);
  assert.equal(at(a), at(b), 'case and spacing do not matter, nor words further away');
  assert.notEqual(at(a), at('Child A moved from Cardiff in the spring.'), 'a neighbouring word changed');
  assert.notEqual(at(a), fingerprintSource('likely_place', a, a.indexOf('Cardiff'), a.indexOf('Cardiff') + 7), 'another kind');
});
