// Issue 8, findings 1 and 3. role_grants: case roles an administrator granted, waiting for the board's
// confirmation (and what became of them). Only a confirmed grant becomes a row of role_assignments (with
// the grant's id), so role_assignments keeps holding only roles in effect and every existing assignment
// stays in effect as it is: nothing to backfill. email_changes: a requested change of a person's email
// address, taking effect only when confirmed with the single-use link sent to the new address (only its
// hash is kept). Frozen: add a new migration to change any of it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('role_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('granted_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    // waiting | confirmed | declined | withdrawn
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('people.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decline_reason', 'text')
    .execute();
  await db.schema.createIndex('role_grants_board').on('role_grants').columns(['board_id', 'status']).execute();
  await db.schema.createIndex('role_grants_person').on('role_grants').columns(['person_id', 'status']).execute();

  await db.schema
    .createTable('email_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('new_email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('requested_by', 'text', (c) => c.references('people.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('email_changes_person').on('email_changes').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_changes').execute();
  await db.schema.dropTable('role_grants').execute();
}
