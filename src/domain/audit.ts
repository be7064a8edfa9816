// The audit chain: each event's hash covers the previous hash and a canonical form of the event, so
// altering, reordering or removing any event breaks every hash after it.
import { createHash } from 'node:crypto';

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
  action: string;
  boardId: string | null;
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

export function hashEvent(prevHash: string, event: Omit<AuditEvent, 'prevHash' | 'hash'>): string {
  return createHash('sha256')
    .update(prevHash)
    .update(
      canonical({
        id: event.id,
        seq: event.seq,
        occurredAt: event.occurredAt,
        actorId: event.actorId,
        action: event.action,
        boardId: event.boardId,
        recordType: event.recordType,
        recordId: event.recordId,
        ip: event.ip,
        requestId: event.requestId,
        summary: event.summary,
      }),
    )
    .digest('hex');
}

export type ChainProblem = { seq: number; id: string; reason: 'hash_mismatch' | 'broken_link' | 'sequence_gap' };

/**
 * Checks events in seq order, continuing from a known head. Returns the first problem, or undefined.
 */
export function verifyChain(
  events: Iterable<AuditEvent>,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): { problem: ChainProblem | undefined; last: { seq: number; hash: string } } {
  let last = start;
  for (const e of events) {
    if (e.seq !== last.seq + 1) return { problem: { seq: e.seq, id: e.id, reason: 'sequence_gap' }, last };
    if (e.prevHash !== last.hash) return { problem: { seq: e.seq, id: e.id, reason: 'broken_link' }, last };
    if (hashEvent(e.prevHash, e) !== e.hash) return { problem: { seq: e.seq, id: e.id, reason: 'hash_mismatch' }, last };
    last = { seq: e.seq, hash: e.hash };
  }
  return { problem: undefined, last };
}
