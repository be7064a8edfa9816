import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { changeTarget, diffChanges, isStaleSave, wordDiff } from './section-versions.ts';

const join = (parts: { kind: string; text: string }[], keep: string) =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === keep)
    .map((p) => p.text)
    .join('');

test('a save naming a revision other than the section’s current one is stale; a change goes onto a draft, or a new version after a frozen one', () => {
  assert.equal(isStaleSave({ purpose: 2 }, 'purpose', 2), false);
  assert.equal(isStaleSave({ purpose: 2 }, 'purpose', 1), true);
  assert.equal(isStaleSave({}, 'purpose', 0), false, 'a section never saved is at revision 0');
  assert.deepEqual(changeTarget({ id: 'v2', version: 2, status: 'draft' }, 2), { kind: 'draft', id: 'v2', version: 2 });
  assert.deepEqual(changeTarget({ id: 'v2', version: 2, status: 'approved' }, 2), { kind: 'new', version: 3 });
  assert.deepEqual(changeTarget({ id: 'v1', version: 1, status: 'submitted' }, 1), { kind: 'new', version: 2 });
  assert.deepEqual(changeTarget(undefined, 0), { kind: 'new', version: 1 });
});

test('the difference of two texts marks the words inserted and deleted', () => {
  assert.deepEqual(wordDiff('The panel meets monthly.', 'The panel meets every two weeks.'), [
    { kind: 'same', text: 'The panel meets ' },
    { kind: 'del', text: 'monthly' },
    { kind: 'ins', text: 'every two weeks' },
    { kind: 'same', text: '.' },
  ]);
  assert.equal(diffChanges(wordDiff('Same words.', 'Same words.')), false);
  assert.deepEqual(wordDiff('Police: IMR\nHealth: IMR', 'Police: IMR\nHealth: Timeline', 'line'), [
    { kind: 'same', text: 'Police: IMR\n' },
    { kind: 'del', text: 'Health: IMR' },
    { kind: 'ins', text: 'Health: Timeline' },
  ]);
});

test('property: the unchanged and deleted runs make the text before, the unchanged and inserted runs the text after', () => {
  const words = fc
    .array(fc.constantFrom('panel', 'chair', 'Plentyn', 'A', 'ŵyr', '.', ',', ' ', '\n', 'agency’s', '12'), { maxLength: 40 })
    .map((w) => w.join(''));
  fc.assert(
    fc.property(words, words, fc.constantFrom('word' as const, 'line' as const), (before, after, by) => {
      const parts = wordDiff(before, after, by);
      assert.equal(join(parts, 'del'), before);
      assert.equal(join(parts, 'ins'), after);
      assert.equal(diffChanges(parts), before !== after);
    }),
  );
});
