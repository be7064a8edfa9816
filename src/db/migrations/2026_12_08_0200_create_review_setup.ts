// Setting a review up and keeping it current (issue 10 items 1 and 5a): the notifications a framework
// requires after the decision, each recorded once with the day it was sent; the other referrals a review
// covers (siblings, two referrals about one incident), linked and unlinked with a reason, a referral linked
// to a review at most once at a time; a joint review's lead board and partner boards; the next hearing of a
// parallel proceeding, and each change to a proceeding kept (field names and values of its non-identifying
// fields, who, when). Frozen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_notifications_once', ['review_id', 'requirement'])
    .execute();

  await db.schema
    .createTable('review_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id'))
    .addColumn('linked_by', 'text', (c) => c.references('people.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('unlinked_by', 'text', (c) => c.references('people.id'))
    .addColumn('unlinked_at', 'text')
    .addColumn('unlink_reason', 'text')
    .execute();
  await sql`create unique index review_referrals_linked on review_referrals (review_id, referral_id) where unlinked_at is null`.execute(db);
  await db.schema.createIndex('review_referrals_referral').on('review_referrals').columns(['referral_id']).execute();

  await db.schema.alterTable('reviews').addColumn('lead_board_id', 'text').execute();
  await db.schema
    .createTable('review_partner_boards')
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('added_by', 'text', (c) => c.references('people.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_partner_boards_pk', ['review_id', 'board_id'])
    .execute();

  await db.schema.alterTable('parallel_proceedings').addColumn('next_hearing_on', 'text').execute();
  await db.schema
    .createTable('proceeding_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proceeding_id', 'text', (c) => c.notNull().references('parallel_proceedings.id'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('changed_by', 'text', (c) => c.references('people.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proceeding_changes_proceeding').on('proceeding_changes').columns(['proceeding_id', 'changed_at']).execute();
  await db.schema.createIndex('parallel_proceedings_review').on('parallel_proceedings').columns(['review_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('parallel_proceedings_review').execute();
  await db.schema.dropTable('proceeding_changes').execute();
  await db.schema.alterTable('parallel_proceedings').dropColumn('next_hearing_on').execute();
  await db.schema.dropTable('review_partner_boards').execute();
  await db.schema.alterTable('reviews').dropColumn('lead_board_id').execute();
  await db.schema.dropTable('review_referrals').execute();
  await db.schema.dropTable('review_notifications').execute();
}
