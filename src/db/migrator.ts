// One migrator for server start, CLI and tests.
import { Migrator } from 'kysely';
import type { Db } from './database.ts';
import { knownMigrations, migrationProvider } from './migrations/index.ts';

function migratorFor(db: Db): Migrator {
  return new Migrator({ db: db.kysely, provider: migrationProvider });
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await migratorFor(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}

/**
 * True when every migration this build knows has run. Reads Kysely's table directly: the Migrator's own
 * getMigrations() inspects the schema and costs milliseconds, and /health asks this on every call.
 */
export async function migrationsAreCurrent(db: Db): Promise<boolean> {
  try {
    const rows = await db.kysely.withTables<{ kysely_migration: { name: string } }>().selectFrom('kysely_migration').select('name').execute();
    const done = new Set(rows.map((r) => r.name));
    return knownMigrations.every((name) => done.has(name));
  } catch {
    return false;
  }
}
