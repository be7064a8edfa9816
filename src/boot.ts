// Opens the service over the configured database, for the server and every command alike: the keys
// (refusing to go on without them), the database brought up to date, the services, then what the keys
// make possible on a database that predates them — a legacy audit chain verified and re-keyed, plaintext
// restricted fields encrypted.
import type { Config } from './config.ts';
import { createServices, type Services } from './container.ts';
import { type Db, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { type Keyring, loadKeyring } from './keyring.ts';

export interface Booted {
  db: Db;
  services: Services;
}

export async function bootServices(config: Config, keyring: Keyring = loadKeyring(config)): Promise<Booted> {
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db);
    const services = createServices({ db, config, keyring });
    await services.audit.keyLegacyChain();
    await services.atRest.sealAll({ rotate: false });
    return { db, services };
  } catch (error) {
    await db.close();
    throw error;
  }
}
