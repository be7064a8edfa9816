// Process entry: configuration, database (migrated on start), the app, listen, graceful shutdown.
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createServices } from './container.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { systemCaller } from './services/context.ts';

const config = loadConfig();
const db = openDatabase(config.database);
await migrateToLatest(db);
const services = createServices({ db, config });
const app = await buildApp({ services });

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  clearInterval(housekeeping);
  await app.close();
  services.mail.close();
  await db.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

// Deliver queued mail and clear expired sessions in the background.
const housekeeping = setInterval(() => {
  services.mail.flush().catch((err: unknown) => app.log.error({ err }, 'mail delivery failed'));
  services.sessions.purgeExpired().catch((err: unknown) => app.log.error({ err }, 'session purge failed'));
}, 30_000);
housekeeping.unref();

await app.listen({ host: config.host, port: config.port });
const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
const firstAdmin = await services.identity.createFirstAdministratorLink(systemCaller('FIRST_ADMIN_LINK_CREATED'));
if (firstAdmin) {
  process.stdout.write(
    `\nNo administrator exists yet. Create the first administrator with this one-time link (expires ${firstAdmin.expiresAt}):\n\n  ${base}/create-administrator/${firstAdmin.token}\n\n`,
  );
}
process.stdout.write(`Case Review is listening on ${base} (database: ${db.dialect})\n`);
