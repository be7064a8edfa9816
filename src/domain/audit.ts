// The audit chain: each event's hash is an HMAC, under the audit key (kept outside the database), of the
// previous hash and a canonical form of the event, so altering, reordering or removing any event breaks
// every hash after it, and nobody without the key can compute a replacement chain. Signed checkpoints of
// the head, kept outside the database, catch a chain cut short after its last event.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * What changed, without free-text personal data: ids, codes, states, and the names (not values) of
 * changed free-text fields.
 */
export type AuditSummary = Record<string, string | number | boolean | null | readonly string[]>;

export interface AuditEvent {
  id: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  /**
   * The action's code: one of AUDIT_ACTIONS when written (audit-actions.ts), read back as any string, since
   * an older version may have written a name no longer listed.
   */
  action: string;
  /** The event's first board (kept for readers of one board); boardIds lists them all. */
  boardId: string | null;
  /** Every board the event concerns, sorted (empty for deployment-wide events). */
  boardIds: readonly string[];
  recordType: string | null;
  recordId: string | null;
  ip: string | null;
  requestId: string | null;
  /** Structured before/after summary: ids, codes, field names and states, never free-text personal data. */
  summary: AuditSummary;
  prevHash: string;
  hash: string;
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function canonicalEvent(event: Omit<AuditEvent, 'prevHash' | 'hash'>, withBoards: boolean): string {
  return canonical({
    id: event.id,
    seq: event.seq,
    occurredAt: event.occurredAt,
    actorId: event.actorId,
    action: event.action,
    boardId: event.boardId,
    ...(withBoards ? { boardIds: event.boardIds } : {}),
    recordType: event.recordType,
    recordId: event.recordId,
    ip: event.ip,
    requestId: event.requestId,
    summary: event.summary,
  });
}

/** The event's hash: HMAC-SHA-256 under the audit key of the previous hash and the canonical event. */
export function hashEvent(key: Buffer, prevHash: string, event: Omit<AuditEvent, 'prevHash' | 'hash'>): string {
  return createHmac('sha256', key).update(prevHash).update(canonicalEvent(event, true)).digest('hex');
}

/**
 * The plain SHA-256 hash of chains written before the chain was keyed (no boardIds then). Used only to
 * verify such a chain once, before it is re-keyed (AuditService.keyLegacyChain).
 */
export function legacyHashEvent(prevHash: string, event: Omit<AuditEvent, 'prevHash' | 'hash'>): string {
  return createHash('sha256').update(prevHash).update(canonicalEvent(event, false)).digest('hex');
}

/** The sorted, distinct boards of an event. */
export function eventBoards(boardId: string | null | undefined, boardIds: readonly string[] | undefined): string[] {
  const all = new Set<string>(boardIds ?? []);
  if (boardId) all.add(boardId);
  return [...all].sort();
}

export type ChainProblem = { seq: number; id: string; reason: 'hash_mismatch' | 'broken_link' | 'sequence_gap' };

/**
 * Checks events in seq order, continuing from a known head. Returns the first problem, or undefined.
 */
export function verifyChain(
  events: Iterable<AuditEvent>,
  hash: (prevHash: string, event: AuditEvent) => string,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): { problem: ChainProblem | undefined; last: { seq: number; hash: string } } {
  let last = start;
  for (const e of events) {
    if (e.seq !== last.seq + 1) return { problem: { seq: e.seq, id: e.id, reason: 'sequence_gap' }, last };
    if (e.prevHash !== last.hash) return { problem: { seq: e.seq, id: e.id, reason: 'broken_link' }, last };
    if (hash(e.prevHash, e) !== e.hash) return { problem: { seq: e.seq, id: e.id, reason: 'hash_mismatch' }, last };
    last = { seq: e.seq, hash: e.hash };
  }
  return { problem: undefined, last };
}

/** A checkpoint of the chain's head, signed with the audit key, written outside the database. */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

function checkpointMac(key: Buffer, c: Omit<Checkpoint, 'mac'>): string {
  return createHmac('sha256', key).update(`case-review audit checkpoint\u0000${c.seq}\u0000${c.hash}\u0000${c.at}`).digest('hex');
}

export function signCheckpoint(key: Buffer, head: { seq: number; hash: string }, at: string): Checkpoint {
  const unsigned = { seq: head.seq, hash: head.hash, at };
  return { ...unsigned, mac: checkpointMac(key, unsigned) };
}

export function isCheckpointGenuine(key: Buffer, c: Checkpoint): boolean {
  const expected = Buffer.from(checkpointMac(key, c), 'hex');
  const given = Buffer.from(c.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
