// Issue 9: one mechanism for work done after a change commits — background jobs. The mail outbox becomes
// jobs of kind 'mail.send': unsent messages move over (as 'queued', or 'dead' when the outbox had given up
// on them, so an administrator can retry them), then the outbox goes. Payloads are sealed at rest: the
// service seals the moved ones (written here in plaintext, as a migration holds no key) when it starts,
// before any worker runs (AtRestService.sealAll). Frozen: add a new migration to change it.
//
// jobs.state: queued (waiting for run_at, first run or retry) → running (claimed by a worker until
// lease_until) → done | queued (failed, retried after a backoff) | dead (failed max_attempts times).
// job_schedules: one row per recurring job; the worker that moves next_run_at on enqueues that run.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    // Sealed JSON (FieldCipher, place jobs.payload:<id>); null once the job is done.
    .addColumn('payload', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_token', 'text')
    .addColumn('lease_until', 'text')
    // What went wrong last, without personal data: an error's name and codes, never its message.
    .addColumn('last_error', 'text')
    // The recurring schedule that enqueued the job, if any.
    .addColumn('schedule', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  // Claiming (state, run_at) and the administration page's lists by state.
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();
  await db.schema.createIndex('jobs_schedule').on('jobs').columns(['schedule', 'state']).execute();

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .execute();

  const unsent = await db
    .selectFrom('outbox_emails')
    .select(['id', 'to_address', 'subject', 'body_text', 'created_at', 'attempts', 'last_error'])
    .where('sent_at', 'is', null)
    .orderBy('created_at')
    .execute();
  const now = new Date().toISOString();
  for (const e of unsent) {
    const gaveUp = Number(e.attempts) >= 10;
    await db
      .insertInto('jobs')
      .values({
        id: e.id,
        kind: 'mail.send',
        payload: JSON.stringify({ to: e.to_address, subject: e.subject, body: e.body_text }),
        state: gaveUp ? 'dead' : 'queued',
        run_at: now,
        attempts: gaveUp ? 10 : 0,
        max_attempts: 10,
        lease_token: null,
        lease_until: null,
        // The outbox kept the SMTP error's message, which may name an address: not carried over.
        last_error: e.last_error === null ? null : 'Error (from the mail outbox)',
        schedule: null,
        created_at: e.created_at,
        updated_at: now,
        finished_at: gaveUp ? now : null,
      })
      .execute();
  }
  await db.schema.dropTable('outbox_emails').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Sealed payloads cannot be opened here (no keys): queued mail is not moved back.
  await db.schema
    .createTable('outbox_emails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('outbox_emails_unsent').on('outbox_emails').columns(['sent_at', 'created_at']).execute();
  await db.schema.dropTable('job_schedules').execute();
  await db.schema.dropTable('jobs').execute();
}
