// The actions of a review (issue 10 item 8, early learning; R12): a lesson and the immediate action taken on
// it for one agency — its lead agency, its owner (a person given the action owner's role on the review for that
// agency), its target date and its status — recorded at any stage, so it is monitored without waiting for the
// report. The action plan (issue 12) extends these rows with recommendations, revised dates and evidence. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('lesson', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('lead_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('target_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_actions_review').on('review_actions').columns(['review_id', 'created_at']).execute();
  await db.schema.createIndex('review_actions_owner').on('review_actions').columns(['owner_id', 'target_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_actions').execute();
}
