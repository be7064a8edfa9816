// Starts the service: database (migrated on start), the app, listen, background housekeeping and
// graceful shutdown. Used by the process entry (server.ts) and by `case-review demo`.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { bootServices } from './boot.ts';
import type { Config } from './config.ts';
import type { Services } from './container.ts';
import { AuditCheckpointer } from './services/audit-checkpoints.ts';
import { systemCaller } from './services/context.ts';

export interface RunningServer {
  app: FastifyInstance;
  services: Services;
  /** The address people use: PUBLIC_URL, or the host and port listened on. */
  base: string;
  stop(): Promise<void>;
}

/** The address links and messages point at, before the server is listening. */
export function publicBase(config: Config): string {
  return config.publicBase;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const { db, services } = await bootServices(config);
  const app = await buildApp({ services });
  const checkpointer = new AuditCheckpointer({
    db,
    audit: services.audit,
    clock: services.clock,
    file: config.auditCheckpoint.file,
    log: app.log,
    mail: services.mail,
    email: config.auditCheckpoint.email,
  });

  // Files: a store that cannot be written stops the start (better than failing every upload); a virus
  // scanner that does not answer yet only warns (clamd loads its signatures slowly), and uploads are
  // refused as not scanned until it does.
  try {
    await services.files.store.check();
  } catch (error) {
    await app.close();
    services.mail.close();
    await db.close();
    throw new Error(`file storage (${services.files.describe().storage}) cannot be written: ${(error as Error).message}`);
  }
  if ((await services.files.scannerAnswers()) === false) {
    app.log.warn({ scanner: services.files.describe().scanner }, 'the virus scanner does not answer: uploads are refused until it does');
  }

  const stop = async () => {
    clearInterval(sweeps);
    clearInterval(housekeeping);
    clearInterval(checkpoints);
    await app.close();
    // The chain's head as it is at shutdown, so nothing written before it can be cut off unnoticed.
    await checkpointer.write().catch((err: unknown) => app.log.error({ err }, 'audit checkpoint failed'));
    services.mail.close();
    await db.close();
  };
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  // Deliver queued mail, clear expired sessions and forget old sign-in failures in the background.
  const housekeeping = setInterval(() => {
    services.mail.flush().catch((err: unknown) => app.log.error({ err }, 'mail delivery failed'));
    services.sessions.purgeExpired().catch((err: unknown) => app.log.error({ err }, 'session purge failed'));
    services.identity.purgeSignInThrottles().catch((err: unknown) => app.log.error({ err }, 'sign-in throttle purge failed'));
  }, 30_000);
  housekeeping.unref();

  // Stored objects that uploads which died, or failed deletions, left behind (src/services/files).
  const sweeps = setInterval(() => {
    services.files.sweep().catch((err: unknown) => app.log.error({ err }, 'file store sweep failed'));
  }, 3_600_000);
  sweeps.unref();

  // Signed checkpoints of the audit chain's head, outside the database (issue 8, finding 4).
  const checkpoints = setInterval(() => {
    checkpointer.write().catch((err: unknown) => app.log.error({ err }, 'audit checkpoint failed'));
  }, config.auditCheckpoint.everyMs);
  checkpoints.unref();

  await app.listen({ host: config.host, port: config.port });
  const base = publicBase(config);
  const firstAdmin = await services.identity.createFirstAdministratorLink(systemCaller('FIRST_ADMIN_LINK_CREATED'));
  if (firstAdmin) {
    process.stdout.write(
      `\nNo administrator exists yet. Create the first administrator with this one-time link (expires ${firstAdmin.expiresAt}):\n\n  ${base}/create-administrator/${firstAdmin.token}\n\n`,
    );
  }
  await checkpointer.write(true);
  process.stdout.write(`Case Review is listening on ${base} (database: ${db.dialect})\n`);
  return { app, services, base, stop };
}
