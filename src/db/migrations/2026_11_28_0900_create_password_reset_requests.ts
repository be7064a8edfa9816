// "Forgotten your password?" requests, for rate limiting per person and per address across app
// instances. No email address is stored: a request for an address that is not a person's account
// keeps only the requesting address (IP) and when. Frozen: add a new migration to change any of it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_reset_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_reset_requests_person').on('password_reset_requests').columns(['person_id', 'requested_at']).execute();
  await db.schema.createIndex('password_reset_requests_ip').on('password_reset_requests').columns(['ip', 'requested_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_reset_requests').execute();
}
