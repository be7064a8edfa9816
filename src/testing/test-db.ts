// A fresh, migrated database per test: SQLite in memory, or a new PostgreSQL database on the server
// given by TEST_PG_URL (scripts/test.mjs starts an embedded PostgreSQL and sets it).
import pg from 'pg';
import { type Db, type Dialect, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';

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

let counter = 0;

export async function createTestDb(dialect: Dialect): Promise<Db> {
  if (dialect === 'sqlite') {
    const db = openDatabase({ dialect: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    return db;
  }
  const adminUrl = process.env.TEST_PG_URL;
  if (!adminUrl) throw new Error('TEST_PG_URL not set');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openDatabase({ dialect: 'postgres', url: url.toString(), poolSize: 4 });
  await migrateToLatest(db);
  const close = db.close;
  return {
    ...db,
    kysely: db.kysely,
    dialect: 'postgres',
    close: async () => {
      await close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * One fresh, migrated PostgreSQL database opened `count` times, with a pool each, as several app
 * instances share one database; `close` closes them all and drops the database. (Several processes share
 * PostgreSQL only: a SQLite deployment is one process, and two connections of one process to a SQLite file
 * would wait on each other's locks synchronously.)
 */
export async function createSharedTestDbs(count: number): Promise<{ dbs: Db[]; url: string; close: () => Promise<void> }> {
  const adminUrl = process.env.TEST_PG_URL;
  if (!adminUrl) throw new Error('TEST_PG_URL not set');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dbs = Array.from({ length: count }, () => openDatabase({ dialect: 'postgres', url: url.toString(), poolSize: 4 }));
  await migrateToLatest(dbs[0] as Db);
  return {
    dbs,
    url: url.toString(),
    close: async () => {
      for (const db of dbs) await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
