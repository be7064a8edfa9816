// Starts the service: database (migrated on start), the app, listen, the job worker (email,
// housekeeping: src/services/job-service.ts), the audit checkpoints and graceful shutdown. Used by the
// process entry (server.ts) and by `case-review demo`.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { bootServices } from './boot.ts';
import type { Config } from './config.ts';
import type { Services } from './container.ts';
import type { DemoSignIn } from './http/features/auth/sign-in-demo.ts';
import { AuditCheckpointer } from './services/audit-checkpoints.ts';
import { systemCaller } from './services/context.ts';
import { absoluteUrl, urls } from './urls.ts';

export interface RunningServer {
  app: FastifyInstance;
  services: Services;
  /** The address people use: PUBLIC_URL, or the host and port listened on. */
  base: string;
  stop(): Promise<void>;
}

/** `demo`: the demo's sign-in details, passed only by `case-review demo` (server.ts never does). */
export async function startServer(config: Config, options: { demo?: DemoSignIn } = {}): Promise<RunningServer> {
  const { db, services } = await bootServices(config);
  const app = await buildApp({ services, ...(options.demo ? { demo: options.demo } : {}) });
  const checkpointer = new AuditCheckpointer({
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
    clearInterval(checkpoints);
    await app.close();
    // The job in hand finishes (or fails and is retried later); nothing else starts.
    await services.jobs.stop();
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

  // Background jobs: woken after each commit that enqueues one, and polling for the rest (jobs due
  // later, retries, recurring housekeeping, jobs another instance enqueued).
  services.jobs.start({ pollMs: config.jobPollMs, log: app.log });

  // Signed checkpoints of the audit chain's head, outside the database (issue 8, finding 4): a timer in
  // each process, not a job (src/services/audit-checkpoints.ts says why).
  const checkpoints = setInterval(() => {
    checkpointer.write().catch((err: unknown) => app.log.error({ err }, 'audit checkpoint failed'));
  }, config.auditCheckpoint.everyMs);
  checkpoints.unref();

  const base = config.publicBase;
  // Anything that fails from here on stops what was started (the listener, the job worker, the database),
  // so a failed start leaves no half-running server behind (a test process waiting on it never ends).
  try {
    await app.listen({ host: config.host, port: config.port });
    const firstAdmin = await services.identity.createFirstAdministratorLink(systemCaller('FIRST_ADMIN_LINK_CREATED'));
    if (firstAdmin) {
      process.stdout.write(
        `\nNo administrator exists yet. Create the first administrator with this one-time link (expires ${firstAdmin.expiresAt}):\n\n  ${absoluteUrl(base, urls.createAdministrator(firstAdmin.token))}\n\n`,
      );
    }
    await checkpointer.write(true);
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  process.stdout.write(`Case Review is listening on ${base} (database: ${db.dialect})\n`);
  return { app, services, base, stop };
}
