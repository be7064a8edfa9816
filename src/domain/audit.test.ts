import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AuditEvent, GENESIS_HASH, hashEvent, verifyChain } from './audit.ts';

function chain(n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const base = {
      id: `e${seq}`,
      seq,
      occurredAt: `2026-11-27T10:00:0${seq}Z`,
      actorId: 'p1',
      action: 'THING_DONE',
      boardId: 'b1',
      recordType: 'thing',
      recordId: `r${seq}`,
      ip: '127.0.0.1',
      requestId: null,
      summary: { changed: ['a', 'b'], state: seq },
    };
    const hash = hashEvent(prev, base);
    events.push({ ...base, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

test('an intact chain verifies', () => {
  assert.equal(verifyChain(chain(5)).problem, undefined);
  assert.deepEqual(verifyChain(chain(5)).last.seq, 5);
});

test('altering any field of an event is detected at that event', () => {
  const events = chain(5);
  const tampered = events.map((e) => (e.seq === 3 ? { ...e, action: 'SOMETHING_ELSE' } : e));
  assert.deepEqual(verifyChain(tampered).problem, { seq: 3, id: 'e3', reason: 'hash_mismatch' });
  const summary = events.map((e) => (e.seq === 2 ? { ...e, summary: { ...e.summary, state: 99 } } : e));
  assert.equal(verifyChain(summary).problem?.seq, 2);
});

test('removing or reordering events is detected', () => {
  const events = chain(5);
  assert.deepEqual(verifyChain(events.filter((e) => e.seq !== 2)).problem, { seq: 3, id: 'e3', reason: 'sequence_gap' });
  const swapped = [events[0], events[2], events[1], events[3]].filter((e): e is AuditEvent => e !== undefined);
  assert.equal(verifyChain(swapped).problem?.seq, 3);
});

test('summary key order does not change the hash (canonical form)', () => {
  const base = { id: 'x', seq: 1, occurredAt: 't', actorId: null, action: 'A', boardId: null, recordType: null, recordId: null, ip: null, requestId: null };
  assert.equal(hashEvent(GENESIS_HASH, { ...base, summary: { a: 1, b: 2 } }), hashEvent(GENESIS_HASH, { ...base, summary: { b: 2, a: 1 } }));
});
