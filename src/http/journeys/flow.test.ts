import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHECK_ANSWERS, defineFlow, type JourneyState } from './flow.ts';

// A small journey: a name, whether they have pets, the pets (only when they have), a list of addresses.
interface Answers {
  name: string;
  hasPets: boolean;
  pets: string;
  petNames: string[];
  addresses: string[];
}

const flow = defineFlow<Answers>(
  [
    { slug: 'name', fields: ['name'] },
    { slug: 'has-pets', fields: ['hasPets'] },
    { slug: 'pets', fields: ['pets'], answers: ['pets', 'petNames'], applies: (a) => a.hasPets === true },
    { slug: 'addresses', fields: ['addresses'], list: true },
  ],
  { fieldSteps: { petNames: 'has-pets' } },
);

const empty: JourneyState<Answers> = { answers: {}, done: [] };

function walk(state: JourneyState<Answers>, answers: Partial<Answers>[] = []): string[] {
  const walked: string[] = [];
  let slug = flow.firstIncomplete(state);
  let i = 0;
  while (slug && slug !== CHECK_ANSWERS) {
    walked.push(slug);
    state = flow.markDone(state, slug, answers[i++] ?? {});
    slug = flow.nextAfter(state, slug, false);
  }
  return walked;
}

describe('journey table (engine)', () => {
  test('walks the pages in order; a conditional page is asked only when earlier answers say so', () => {
    assert.deepEqual(walk(empty, [{ name: 'A' }, { hasPets: false }]), ['name', 'has-pets', 'addresses']);
    assert.deepEqual(walk(empty, [{ name: 'A' }, { hasPets: true }, { pets: 'cat' }]), ['name', 'has-pets', 'pets', 'addresses']);
  });

  test('the first unanswered page: every page sends the reader there, so the journey cannot be completed out of order', () => {
    assert.equal(flow.firstIncomplete(empty), 'name');
    const named = flow.markDone(empty, 'name', { name: 'A' });
    assert.equal(flow.firstIncomplete(named), 'has-pets');
    assert.equal(flow.isReachable(named, 'has-pets'), true);
    assert.equal(flow.isReachable(named, 'name'), true, 'an answered page can be seen again');
    assert.equal(flow.isReachable(named, 'addresses'), false, 'a later page cannot');
    assert.equal(flow.isReachable(named, 'pets'), false, 'a page that does not apply cannot');
    assert.equal(flow.isReachable(named, 'unknown'), false);
  });

  test('answers of a page that no longer applies are dropped, and the page is no longer answered', () => {
    let state = flow.markDone(empty, 'name', { name: 'A' });
    state = flow.markDone(state, 'has-pets', { hasPets: true });
    state = flow.markDone(state, 'pets', { pets: 'cat', petNames: ['Tom'] });
    assert.equal(state.answers.pets, 'cat');
    const changed = flow.markDone(state, 'has-pets', { hasPets: false });
    assert.equal(changed.answers.pets, undefined);
    assert.equal(changed.answers.petNames, undefined);
    assert.deepEqual(changed.done, ['name', 'has-pets']);
    assert.equal(changed.answers.name, 'A', 'other answers are kept');
  });

  test('returning to check answers: straight back, unless the change needs another answer first', () => {
    let all = flow.markDone(empty, 'name', { name: 'A' });
    all = flow.markDone(all, 'has-pets', { hasPets: false });
    all = flow.markDone(all, 'addresses', { addresses: ['1 High Street'] });
    assert.equal(flow.firstIncomplete(all), undefined);
    assert.equal(flow.nextAfter(all, 'name', true), CHECK_ANSWERS);
    assert.equal(flow.nextAfter(all, 'name', false), 'has-pets', 'walking forward, the next page is shown even if answered');
    const changed = flow.markDone(all, 'has-pets', { hasPets: true });
    assert.equal(flow.nextAfter(changed, 'has-pets', true), 'pets');
    assert.equal(flow.nextAfter(flow.markDone(changed, 'pets', { pets: 'dog' }), 'pets', true), CHECK_ANSWERS);
  });

  test('back links skip pages that do not apply; the first page has none', () => {
    const state = flow.markDone(flow.markDone(empty, 'name', { name: 'A' }), 'has-pets', { hasPets: false });
    assert.equal(flow.previousBefore(state, 'name'), undefined);
    assert.equal(flow.previousBefore(state, 'addresses'), 'has-pets');
    assert.equal(flow.previousBefore(flow.markDone(state, 'has-pets', { hasPets: true }), 'addresses'), 'pets');
    assert.equal(flow.previousBefore(state, CHECK_ANSWERS), 'addresses');
  });

  test('list items change the answers without marking the list answered; Continue does', () => {
    const state = flow.withAnswers(flow.markDone(empty, 'name', { name: 'A' }), { addresses: ['1 High Street'] });
    assert.deepEqual(state.answers.addresses, ['1 High Street']);
    assert.equal(state.done.includes('addresses'), false);
  });

  test('errors are shown on the page of their field; list items on their list; named exceptions where given', () => {
    assert.equal(flow.stepForField('name'), 'name');
    assert.equal(flow.stepForField('addresses.3'), 'addresses');
    assert.equal(flow.stepForField('petNames'), 'has-pets');
    assert.equal(flow.stepForField('nothing'), undefined);
  });

  test('a fallback page (asked only when an earlier page left the answer out) is walked past once answered', () => {
    const f = defineFlow<{ kind: string; date: string }>([
      { slug: 'kind', fields: ['kind'] },
      { slug: 'date', fields: ['date'], applies: (a) => a.kind === 'dated', complete: (s) => Boolean(s.answers.date), fallback: true },
      { slug: 'end', fields: [] },
    ]);
    const withDate = f.markDone({ answers: {}, done: [] }, 'kind', { kind: 'dated', date: '2026-01-01' });
    assert.equal(f.nextAfter(withDate, 'kind', false), 'end');
    assert.equal(f.previousBefore(withDate, 'end'), 'kind');
    const without = f.markDone({ answers: {}, done: [] }, 'kind', { kind: 'dated' });
    assert.equal(f.nextAfter(without, 'kind', false), 'date');
    assert.equal(f.previousBefore(without, 'end'), 'date');
  });
});
