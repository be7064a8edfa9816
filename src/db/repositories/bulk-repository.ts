// Bulk writes for generated data (case-review demo-data): multi-row inserts of many rows per statement,
// and audit events appended to the hash chain in order, many per statement. Run inside a transaction.
import type { Insertable } from 'kysely';
import type { AuditEvent } from '../../domain/audit.ts';
import { hashEvent } from '../../domain/audit.ts';
import type { Dialect } from '../database.ts';
import type { Database } from '../schema.ts';
import type { Executor } from '../transaction.ts';
import { auditEventRow, lockAuditChainHead, type NewAuditEvent, UnkeyedChainError } from './audit-repository.ts';

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
 * next seq and a keyed hash over the previous one (domain/audit.ts hashEvent), then the head moves once.
 */
export async function appendAuditEvents(
  trx: Executor,
  dialect: Dialect,
  key: Buffer,
  events: readonly NewAuditEvent[],
): Promise<{ seq: number; hash: string }> {
  const head = await lockAuditChainHead(trx, dialect);
  if (!head.keyed) throw new UnkeyedChainError();
  let seq = head.seq;
  let prev = head.hash;
  const rows: Insertable<Database['audit_events']>[] = [];
  const boards: Insertable<Database['audit_event_boards']>[] = [];
  for (const event of events) {
    seq += 1;
    const withSeq: Omit<AuditEvent, 'prevHash' | 'hash'> = { ...event, seq };
    const hash = hashEvent(key, prev, withSeq);
    rows.push(auditEventRow({ ...withSeq, prevHash: prev, hash }));
    for (const board_id of event.boardIds) boards.push({ board_id, seq });
    prev = hash;
  }
  await insertMany(trx, 'audit_events', rows);
  await insertMany(trx, 'audit_event_boards', boards);
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
