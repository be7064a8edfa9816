// One migrator for server start, CLI and tests.
import { Migrator } from 'kysely';
import type { Db } from './database.ts';
import { latestMigration, migrationProvider } from './migrations/index.ts';

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

export async function migrationsAreCurrent(db: Db): Promise<boolean> {
  const migrations = await migratorFor(db).getMigrations();
  return migrations.every((m) => m.executedAt !== undefined) && migrations.some((m) => m.name === latestMigration);
}
