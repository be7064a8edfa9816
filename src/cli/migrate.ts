// case-review migrate: brings the database schema up to date (the server also does this at start).
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import type { Output } from './context.ts';

export async function migrate(config: Config, io: Output): Promise<number> {
  const db = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length === 0) io.out(`The ${db.dialect} database is up to date.`);
    else {
      io.out(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to the ${db.dialect} database:`);
      for (const name of applied) io.out(`  ${name}`);
    }
    return 0;
  } finally {
    await db.close();
  }
}
