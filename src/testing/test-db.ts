// A fresh, migrated database per test: SQLite in memory, or a new PostgreSQL database on the server
// given by TEST_PG_URL (scripts/test.mjs starts an embedded PostgreSQL and sets it). Each is a copy of a
// database migrated once: SQLite's from a serialized image each test process keeps, PostgreSQL's by
// CREATE DATABASE … TEMPLATE from a template database that the first test process to need it builds,
// named by a hash of the migrations' source (a changed migration gets a template of its own).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type Db, type Dialect, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import type { Database } from '../db/schema.ts';

export function dialectsUnderTest(): Dialect[] {
  const wanted = (process.env.DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  const out: Dialect[] = [];
  if (wanted.includes('sqlite')) out.push('sqlite');
  if (wanted.includes('postgres')) {
    if (process.env.TEST_PG_URL) out.push('postgres');
    else if (process.env.REQUIRE_ALL === '1') throw new Error('REQUIRE_ALL=1 but TEST_PG_URL is not set: PostgreSQL tests cannot run');
  }
  return out;
}

export async function createTestDb(dialect: Dialect): Promise<Db> {
  if (dialect === 'sqlite') {
    sqliteImage ??= migratedSqliteImage();
    return openDatabase({ dialect: 'sqlite', file: ':memory:', image: await sqliteImage });
  }
  const { dbs, close } = await createSharedTestDbs(1);
  const [db] = dbs as [Db];
  return { kysely: db.kysely, dialect: 'postgres', close };
}

let counter = 0;
let sqliteImage: Promise<Buffer> | undefined;
let postgresTemplate: Promise<string> | undefined;

/** The migrations run once on an in-memory database of this process, kept as its serialized bytes. */
async function migratedSqliteImage(): Promise<Buffer> {
  const connection = new SQLite(':memory:');
  connection.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  try {
    await migrateToLatest({ kysely, dialect: 'sqlite', close: () => kysely.destroy() });
    return connection.serialize();
  } finally {
    await kysely.destroy();
  }
}

/**
 * The template database for these migrations, built once on the server: test processes running at once wait
 * on an advisory lock for the first to build it, which migrates a database of its own and renames it into
 * place, so no one ever copies a half-migrated template.
 */
async function migratedPostgresTemplate(adminUrl: string): Promise<string> {
  const name = `template_${migrationsHash()}`;
  await onServer(adminUrl, async (admin) => {
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    try {
      const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount) return;
      const building = `${name}_${process.pid}`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const db = openDatabase({ dialect: 'postgres', url: databaseUrl(adminUrl, building), poolSize: 1 });
      try {
        await migrateToLatest(db);
      } finally {
        await db.close();
      }
      await admin.query(`alter database ${building} rename to ${name}`);
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  return name;
}

/** A hash of every migration's source. */
function migrationsHash(): string {
  const dir = join(import.meta.dirname, '../db/migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort())
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(dir, file)))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * One fresh, migrated PostgreSQL database (a copy of the template) opened `count` times, with a pool each,
 * as several app instances share one database; `url` lets other processes open it too; `close` closes
 * them all and drops the database. (Several processes share PostgreSQL only: a SQLite deployment is one
 * process, and two connections of one process to a SQLite file would wait on each other's locks
 * synchronously.)
 */
export async function createSharedTestDbs(count: number): Promise<{ dbs: Db[]; url: string; close: () => Promise<void> }> {
  const adminUrl = process.env.TEST_PG_URL;
  if (!adminUrl) throw new Error('TEST_PG_URL not set');
  postgresTemplate ??= migratedPostgresTemplate(adminUrl);
  const template = await postgresTemplate;
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await onServer(adminUrl, (admin) => admin.query(`create database ${name} template ${template}`));
  const url = databaseUrl(adminUrl, name);
  const dbs = Array.from({ length: count }, () => openDatabase({ dialect: 'postgres', url, poolSize: 4 }));
  return {
    dbs,
    url,
    close: async () => {
      for (const db of dbs) await db.close();
      await onServer(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}
