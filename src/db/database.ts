// Opens the database: SQLite (better-sqlite3, the default) or PostgreSQL (pg) when a URL is configured.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseOptions =
  /** `image`: an in-memory database that starts as this serialized database (a migrated copy, for tests). */
  { dialect: 'sqlite'; file: string; image?: Buffer } | { dialect: 'postgres'; url: string; poolSize?: number };

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export function openDatabase(options: DatabaseOptions): Db {
  if (options.dialect === 'sqlite') {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    const connection = options.image ? new SQLite(options.image) : new SQLite(options.file);
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = FULL');
    connection.pragma('foreign_keys = ON');
    connection.pragma('busy_timeout = 5000');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
    return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
  }
  // Dates and numbers stay as the columns declare them (text, integer): no driver-side conversion.
  pg.types.setTypeParser(20, (v) => Number(v)); // int8 (count(*)) as a JS number
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is an 'error' on
  // the pool; unheard, Node would end the whole process for it. The pool drops the connection and opens
  // another when next asked; queries in progress fail on their own.
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
}

/** How many prepared statements a SQLite connection keeps (least recently used go first). */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query's SQL afresh; preparing was 5.5 % of the server's CPU on the home page
 * (bench/README.md). The same SQL reuses its prepared statement, unless that statement is still busy (an
 * unfinished iteration). SQLite re-prepares a cached statement itself if a migration changed the schema.
 */
function withStatementCache(connection: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare(query: string) {
      const cached = statements.get(query);
      if (cached && !cached.busy) {
        statements.delete(query);
        statements.set(query, cached);
        return cached;
      }
      const statement = connection.prepare(query);
      if (!cached) {
        statements.set(query, statement);
        if (statements.size > size) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
  };
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}
