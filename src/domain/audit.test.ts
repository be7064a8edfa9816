import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { type AuditEvent, GENESIS_HASH, hashEvent, isCheckpointGenuine, legacyHashEvent, signCheckpoint, verifyChain } from './audit.ts';

const KEY = randomBytes(32);
const keyed = (prev: string, e: AuditEvent) => hashEvent(KEY, prev, e);

function chain(n: number, key = KEY): AuditEvent[] {
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
      boardIds: ['b1', 'b2'],
      recordType: 'thing',
      recordId: `r${seq}`,
      ip: '127.0.0.1',
      requestId: null,
      summary: { changed: ['a', 'b'], state: seq },
    };
    const hash = hashEvent(key, prev, base);
    events.push({ ...base, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

test('an intact chain verifies', () => {
  assert.equal(verifyChain(chain(5), keyed).problem, undefined);
  assert.deepEqual(verifyChain(chain(5), keyed).last.seq, 5);
});

test('altering any field of an event is detected at that event, the boards it concerns included', () => {
  const events = chain(5);
  const tampered = events.map((e) => (e.seq === 3 ? { ...e, action: 'SOMETHING_ELSE' } : e));
  assert.deepEqual(verifyChain(tampered, keyed).problem, { seq: 3, id: 'e3', reason: 'hash_mismatch' });
  const summary = events.map((e) => (e.seq === 2 ? { ...e, summary: { ...e.summary, state: 99 } } : e));
  assert.equal(verifyChain(summary, keyed).problem?.seq, 2);
  const boards = events.map((e) => (e.seq === 4 ? { ...e, boardIds: ['b1'] } : e));
  assert.deepEqual(verifyChain(boards, keyed).problem, { seq: 4, id: 'e4', reason: 'hash_mismatch' });
});

test('removing or reordering events is detected', () => {
  const events = chain(5);
  assert.deepEqual(
    verifyChain(
      events.filter((e) => e.seq !== 2),
      keyed,
    ).problem,
    { seq: 3, id: 'e3', reason: 'sequence_gap' },
  );
  const swapped = [events[0], events[2], events[1], events[3]].filter((e): e is AuditEvent => e !== undefined);
  assert.equal(verifyChain(swapped, keyed).problem?.seq, 3);
});

test('a chain rewritten without the key does not verify: plain SHA-256, or HMAC under another key', () => {
  // What someone with the database but not the key can compute: an altered event, then every hash after
  // it recomputed as the old unkeyed chain did, or under a key of their own.
  const events = chain(3);
  const forged: AuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (const e of events) {
    const altered = e.seq === 2 ? { ...e, action: 'COVERED_UP' } : e;
    const hash = legacyHashEvent(prev, altered);
    forged.push({ ...altered, prevHash: prev, hash });
    prev = hash;
  }
  assert.equal(verifyChain(forged, keyed).problem?.seq, 1);
  assert.equal(verifyChain(chain(3, randomBytes(32)), keyed).problem?.reason, 'hash_mismatch');
});

test('summary key order does not change the hash (canonical form)', () => {
  const base = {
    id: 'x',
    seq: 1,
    occurredAt: 't',
    actorId: null,
    action: 'A',
    boardId: null,
    boardIds: [],
    recordType: null,
    recordId: null,
    ip: null,
    requestId: null,
  };
  assert.equal(hashEvent(KEY, GENESIS_HASH, { ...base, summary: { a: 1, b: 2 } }), hashEvent(KEY, GENESIS_HASH, { ...base, summary: { b: 2, a: 1 } }));
});

test('checkpoints are signed with the audit key: any change, or another key, is found out', () => {
  const checkpoint = signCheckpoint(KEY, { seq: 41, hash: 'a'.repeat(64) }, '2026-12-06T10:00:00.000Z');
  assert.equal(isCheckpointGenuine(KEY, checkpoint), true);
  assert.equal(isCheckpointGenuine(KEY, { ...checkpoint, seq: 40 }), false);
  assert.equal(isCheckpointGenuine(KEY, { ...checkpoint, hash: 'b'.repeat(64) }), false);
  assert.equal(isCheckpointGenuine(KEY, { ...checkpoint, mac: 'zz' }), false);
  assert.equal(isCheckpointGenuine(randomBytes(32), checkpoint), false);
});
