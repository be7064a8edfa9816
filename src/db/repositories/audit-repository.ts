import { sql } from 'kysely';
import type { AuditEvent, AuditSummary } from '../../domain/audit.ts';
import { hashEvent } from '../../domain/audit.ts';
import type { AuditAction } from '../../domain/audit-actions.ts';
import { londonDays } from '../../domain/clock/london.ts';
import { childPseudonym, type Pseudonym } from '../../domain/pseudonyms.ts';
import type { Dialect } from '../database.ts';
import type { AuditEventRow } from '../schema/audit.ts';
import type { Executor } from '../transaction.ts';

/** An audit event as stored, read back. */
export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    action: row.action,
    boardId: row.board_id,
    boardIds: JSON.parse(row.board_ids) as string[],
    recordType: row.record_type,
    recordId: row.record_id,
    ip: row.ip,
    requestId: row.request_id,
    summary: JSON.parse(row.summary) as AuditSummary,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** An event to append: its action one this version writes (AuditEvent.action, read back, may be older). */
export type NewAuditEvent = Omit<AuditEvent, 'seq' | 'prevHash' | 'hash' | 'action'> & { action: AuditAction };

export class UnkeyedChainError extends Error {
  override name = 'UnkeyedChainError';
  constructor() {
    super('The audit chain has not been keyed yet: start the service (or run case-review audit verify) to re-key it');
  }
}

/** The chain's head, locked for the rest of the transaction on PostgreSQL (SQLite's write lock is held already). */
export async function lockAuditChainHead(trx: Executor, dialect: Dialect): Promise<{ seq: number; hash: string; keyed: boolean }> {
  let headQuery = trx.selectFrom('audit_chain').select(['last_seq', 'last_hash', 'keyed']).where('id', '=', 1);
  if (dialect === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  return { seq: Number(head.last_seq), hash: head.last_hash, keyed: Number(head.keyed) === 1 };
}

export function auditEventRow(event: AuditEvent) {
  return {
    id: event.id,
    seq: event.seq,
    occurred_at: event.occurredAt,
    actor_id: event.actorId,
    action: event.action,
    board_id: event.boardId,
    board_ids: JSON.stringify(event.boardIds),
    record_type: event.recordType,
    record_id: event.recordId,
    ip: event.ip,
    request_id: event.requestId,
    summary: JSON.stringify(event.summary),
    prev_hash: event.prevHash,
    hash: event.hash,
  };
}

/** Appends to the chain. Must run inside the transaction that makes the change being audited. */
export async function appendAuditEvent(trx: Executor, dialect: Dialect, key: Buffer, event: NewAuditEvent): Promise<AuditEvent> {
  const head = await lockAuditChainHead(trx, dialect);
  if (!head.keyed) throw new UnkeyedChainError();
  const withSeq = { ...event, seq: head.seq + 1 };
  const stored: AuditEvent = { ...withSeq, prevHash: head.hash, hash: hashEvent(key, head.hash, withSeq) };
  await trx.insertInto('audit_events').values(auditEventRow(stored)).execute();
  if (stored.boardIds.length > 0) {
    await trx
      .insertInto('audit_event_boards')
      .values(stored.boardIds.map((board_id) => ({ board_id, seq: stored.seq })))
      .execute();
  }
  await trx.updateTable('audit_chain').set({ last_seq: stored.seq, last_hash: stored.hash }).where('id', '=', 1).execute();
  return stored;
}

/** Replaces an event's hashes (re-keying a legacy chain, in one transaction with the head). */
export async function rewriteAuditHashes(trx: Executor, seq: number, prevHash: string, hash: string): Promise<void> {
  await trx.updateTable('audit_events').set({ prev_hash: prevHash, hash }).where('seq', '=', seq).execute();
}

export async function setAuditChainHead(trx: Executor, head: { seq: number; hash: string; keyed: boolean }): Promise<void> {
  await trx
    .updateTable('audit_chain')
    .set({ last_seq: head.seq, last_hash: head.hash, keyed: head.keyed ? 1 : 0 })
    .where('id', '=', 1)
    .execute();
}

/** The stored hash of the event with this seq, if it exists (checkpoints are compared with it). */
export async function auditEventHash(db: Executor, seq: number): Promise<string | undefined> {
  const row = await db.selectFrom('audit_events').select('hash').where('seq', '=', seq).executeTakeFirst();
  return row?.hash;
}

export async function* auditEventsInOrder(db: Executor, batchSize = 1000): AsyncGenerator<AuditEvent> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq').limit(batchSize).execute();
    for (const row of rows) yield toAuditEvent(row);
    if (rows.length < batchSize) return;
    after = Number(rows.at(-1)?.seq);
  }
}

export async function auditChainHead(db: Executor): Promise<{ seq: number; hash: string; keyed: boolean }> {
  const head = await db.selectFrom('audit_chain').select(['last_seq', 'last_hash', 'keyed']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(head.last_seq), hash: head.last_hash, keyed: Number(head.keyed) === 1 };
}

export interface AuditSearch {
  boardIds: string[] | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  recordId?: string | undefined;
  fromOn?: string | undefined;
  toOn?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export async function searchAuditEvents(db: Executor, q: AuditSearch): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll('audit_events');
  // The order: the events' seq, newest first — for one board, walked through the board index's own seq
  // (the same value), so the newest events of the board are read first and nothing is sorted: ordering by
  // audit_events.seq instead made SQLite sort all of a board's events (6.5 ms against 0.45 ms at national scale).
  let order: 'audit_events.seq' | 'audit_event_boards.seq' = 'audit_events.seq';
  if (q.boardIds) {
    const ids = q.boardIds;
    const [only] = ids;
    if (only === undefined) return [];
    // An event may concern several boards: the board index finds them. One board (the usual reader) walks
    // its (board_id, seq) index newest first; several test each event for any of them, so none is listed twice.
    if (ids.length === 1) {
      query = query.innerJoin('audit_event_boards', 'audit_event_boards.seq', 'audit_events.seq').where('audit_event_boards.board_id', '=', only);
      order = 'audit_event_boards.seq';
    } else {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('audit_event_boards')
            .select('audit_event_boards.seq')
            .whereRef('audit_event_boards.seq', '=', 'audit_events.seq')
            .where('audit_event_boards.board_id', 'in', ids),
        ),
      );
    }
  }
  if (q.actorId) query = query.where('audit_events.actor_id', '=', q.actorId);
  if (q.action) query = query.where('audit_events.action', '=', q.action);
  if (q.recordId) query = query.where('audit_events.record_id', '=', q.recordId);
  // The days asked for are London days: "from 1 July" starts at 23:00 UTC on 30 June in summer.
  const { fromAt, beforeAt } = londonDays(q.fromOn, q.toOn);
  if (fromAt) query = query.where('audit_events.occurred_at', '>=', fromAt);
  if (beforeAt) query = query.where('audit_events.occurred_at', '<', beforeAt);
  if (q.beforeSeq) query = query.where(sql.ref(order), '<', q.beforeSeq);
  const rows = await query.orderBy(sql.ref(order), 'desc').limit(q.limit).execute();
  return rows.map(toAuditEvent);
}

/**
 * The actions that occur in the log, in order. Found by hopping through the (action, seq) index one action
 * at a time (a "loose index scan" as a recursive query): PostgreSQL answers SELECT DISTINCT by reading the
 * whole index, 140,000 entries and 20–145 ms at national scale, for the dozens of actions there are.
 */
export async function distinctAuditActions(db: Executor): Promise<string[]> {
  const result = await sql<{ action: string }>`
    with recursive hops(action) as (
      select min(action) from audit_events
      union all
      select (select min(a.action) from audit_events a where a.action > hops.action)
      from hops where hops.action is not null
    )
    select action from hops where action is not null`.execute(db);
  return result.rows.map((r) => r.action);
}

/** Full names of the people with these ids (actors shown in the audit log). */
export async function personNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'full_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/** The pseudonyms of these referrals' children (kind and index), to name them in the audit log. */
export async function referralPseudonyms(db: Executor, ids: string[]): Promise<Map<string, Pseudonym>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('referrals').select(['id', 'child_number']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, childPseudonym(Number(r.child_number))]));
}
