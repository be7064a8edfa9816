// Agency contributions to a review (issue 10 item 4): agencies' contacts (where a request goes, in the
// contact's language); one request per agency of a review (an IMR or the agency's timeline, due on a date,
// its state moved only by WorkflowService.transition), the author's declaration beside it (R3), its sections
// as drafted, and each reminder sent (one row per request and rung: the unique key that makes a reminder go
// once even when two instances scan at the same moment). Attachments are files referenced by the request
// (file_references, owner 'contribution'). Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agency_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema.createIndex('agency_contacts_agency').on('agency_contacts').columns(['agency_id', 'removed_at']).execute();

  await db.schema
    .createTable('contribution_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('contact_id', 'text', (c) => c.references('agency_contacts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('author_role', 'text')
    .addColumn('records_secured_on', 'text')
    .addColumn('declared_at', 'text')
    .addColumn('declared_by', 'text', (c) => c.references('people.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('signed_off_at', 'text')
    .addColumn('signed_off_by', 'text', (c) => c.references('people.id'))
    .addColumn('waived_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('contribution_requests_review_agency', ['review_id', 'agency_id'])
    .execute();
  // The reminder scan reads the requests still owed, by due date.
  await db.schema.createIndex('contribution_requests_status_due').on('contribution_requests').columns(['status', 'due_on']).execute();
  await db.schema.createIndex('contribution_requests_agency').on('contribution_requests').column('agency_id').execute();

  await db.schema
    .createTable('contribution_sections')
    .addColumn('request_id', 'text', (c) => c.notNull().references('contribution_requests.id'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .addPrimaryKeyConstraint('contribution_sections_pk', ['request_id', 'section'])
    .execute();

  await db.schema
    .createTable('contribution_reminders')
    .addColumn('request_id', 'text', (c) => c.notNull().references('contribution_requests.id'))
    .addColumn('rung', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contribution_reminders_pk', ['request_id', 'rung'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contribution_reminders').execute();
  await db.schema.dropTable('contribution_sections').execute();
  await db.schema.dropTable('contribution_requests').execute();
  await db.schema.dropTable('agency_contacts').execute();
}
