// Background jobs for tests: emails queued through the mail service, and a job left dead (failed its
// last attempt) for the administration page and the access matrix to show and run again.
import type { Services } from '../container.ts';
import { inTransaction } from '../db/transaction.ts';
import { type Email, MAIL_JOB } from '../services/mail-service.ts';

/** Queues each email as a 'mail.send' job, in one transaction. */
export async function queueEmails(services: Services, emails: readonly Email[]): Promise<void> {
  await inTransaction(services.db, async (trx) => {
    for (const email of emails) await services.jobs.enqueue(trx, MAIL_JOB, email);
  });
}

/** A job of `kind` (default an email to `to`) that failed its last attempt, with a last error that names no one. */
export async function seedDeadJob(services: Services, opts: { to?: string; kind?: string; attempts?: number; lastError?: string } = {}): Promise<string> {
  const id = await inTransaction(services.db, (trx) =>
    opts.kind
      ? services.jobs.enqueue(trx, opts.kind, {})
      : services.jobs.enqueue(trx, MAIL_JOB, {
          to: opts.to ?? 'someone@example.org',
          subject: 'Private subject Kestrelmoor',
          body: 'Private body Kestrelmoor',
        }),
  );
  await services.db.kysely
    .updateTable('jobs')
    .set({ state: 'dead', attempts: opts.attempts ?? 10, last_error: opts.lastError ?? 'Error ECONNECTION', finished_at: services.clock.now().toISOString() })
    .where('id', '=', id)
    .execute();
  return id;
}
