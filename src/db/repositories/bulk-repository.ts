// Bulk writes for generated data (case-review demo-data): multi-row inserts of many rows per statement,
// and audit events appended to the hash chain in order, many per statement. Run inside a transaction.
import type { Insertable } from 'kysely';
import type { AuditEvent } from '../../domain/audit.ts';
import { hashEvent } from '../../domain/audit.ts';
import type { Dialect } from '../database.ts';
import type { Database } from '../schema.ts';
import type { Executor } from '../transaction.ts';
import type { NewAuditEvent } from './audit-repository.ts';

/** Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 500;

/** Inserts rows of one table, up to 500 per statement. */
export async function insertMany<T extends keyof Database & string>(trx: Executor, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns)));
  for (let i = 0; i < rows.length; i += perStatement) {
    // Kysely's typing of a generic table name cannot follow T through values(); the rows are typed above.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + perStatement) as never)
      .execute();
  }
}

/**
 * Appends events to the audit chain in the order given, continuing from the chain's head: each gets the
 * next seq and a hash over the previous one (domain/audit.ts hashEvent), then the head moves once.
 */
export async function appendAuditEvents(trx: Executor, dialect: Dialect, events: readonly NewAuditEvent[]): Promise<{ seq: number; hash: string }> {
  let headQuery = trx.selectFrom('audit_chain').select(['last_seq', 'last_hash']).where('id', '=', 1);
  if (dialect === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  let seq = Number(head.last_seq);
  let prev = head.last_hash;
  const rows: Insertable<Database['audit_events']>[] = [];
  for (const event of events) {
    seq += 1;
    const withSeq: Omit<AuditEvent, 'prevHash' | 'hash'> = { ...event, seq };
    const hash = hashEvent(prev, withSeq);
    rows.push({
      id: event.id,
      seq,
      occurred_at: event.occurredAt,
      actor_id: event.actorId,
      action: event.action,
      board_id: event.boardId,
      record_type: event.recordType,
      record_id: event.recordId,
      ip: event.ip,
      request_id: event.requestId,
      summary: JSON.stringify(event.summary),
      prev_hash: prev,
      hash,
    });
    prev = hash;
  }
  await insertMany(trx, 'audit_events', rows);
  await trx.updateTable('audit_chain').set({ last_seq: seq, last_hash: prev }).where('id', '=', 1).execute();
  return { seq, hash: prev };
}

/** Rows per table, for the generator's report. */
export async function countRows(db: Executor, tables: readonly (keyof Database & string)[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}
