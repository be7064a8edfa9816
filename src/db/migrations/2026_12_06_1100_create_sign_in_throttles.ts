// Sign-in throttling (issue 8, finding 7): one row per bucket of attempts, counted whether or not an
// account exists. A bucket is a typed email address or a person's second factor (stored as a SHA-256,
// never the address), a client address, or a device that has completed a sign-in. failures and
// next_attempt_at are claimed with compare-and-set on version, so parallel attempts cannot get more
// password checks than the delay allows. warned_at: when the person was last emailed about failures.
// Frozen: add a new migration to change any of it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_in_throttles')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('warned_at', 'text')
    .execute();
  await db.schema.createIndex('sign_in_throttles_last_failure').on('sign_in_throttles').column('last_failure_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_throttles').execute();
}
