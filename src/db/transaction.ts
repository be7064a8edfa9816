// Runs work in one transaction. On SQLite the transaction starts IMMEDIATE (takes the write lock at
// once), so two processes sharing a file never fail a read-to-write upgrade half way through.
import { type Kysely, sql } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

export type Executor = Kysely<Database>;

export async function inTransaction<T>(db: Db, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres') return db.kysely.transaction().execute(work);
  return db.kysely.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}
