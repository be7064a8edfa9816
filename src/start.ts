// Starts the service: database (migrated on start), the app, listen, background housekeeping and
// graceful shutdown. Used by the process entry (server.ts) and by `case-review demo`.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { bootServices } from './boot.ts';
import type { Config } from './config.ts';
import type { Services } from './container.ts';
import type { DemoSignIn } from './http/features/auth/sign-in-demo.ts';
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

/** `demo`: the demo's sign-in details, passed only by `case-review demo` (server.ts never does). */
export async function startServer(config: Config, options: { demo?: DemoSignIn } = {}): Promise<RunningServer> {
  const { db, services } = await bootServices(config);
  const app = await buildApp({ services, ...(options.demo ? { demo: options.demo } : {}) });
  const checkpointer = new AuditCheckpointer({
    db,
    audit: services.audit,
    clock: services.clock,
    file: config.auditCheckpoint.file,
    log: app.log,
    mail: services.mail,
    email: config.auditCheckpoint.email,
  });

  const stop = async () => {
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
