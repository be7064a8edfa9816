// A review's executive summary for publication (issue 13 item 3; DOMAIN.md §1.5, §1.6, §7.3, §8.6 R10), in English
// and Welsh. executive_summaries: one row a review, the head every change locks first (so one review's summary
// changes are made one after another) with each language's latest and approved version numbers.
// executive_summary_versions: each language's numbered versions (draft | approved; an approved version is frozen,
// a change makes the next), the version's revision (counts its changes: an approval names the revision its
// approver read), who approved it when, and the action plan's figures the board's statement quoted, frozen as
// JSON at approval (null for a draft: a draft shows the plan's figures live). executive_summary_sections: each
// version's sections, each with its revision and the time of its last change, both kept when a version is copied
// into the next (a save names the revision its editor opened; the parity check compares the times).
// executive_summary_translations: the requests to a translator (a name, an email or an agency of the board, a due
// date) with their status (requested | in_progress | returned | cancelled) and a version for stale changes. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('executive_summaries')
    .addColumn('review_id', 'text', (c) => c.primaryKey().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('en_latest', 'integer', (c) => c.notNull())
    .addColumn('en_approved', 'integer')
    .addColumn('cy_latest', 'integer', (c) => c.notNull())
    .addColumn('cy_approved', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('executive_summaries_board').on('executive_summaries').column('board_id').execute();

  await db.schema
    .createTable('executive_summary_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // draft | approved
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.references('people.id'))
    .addColumn('approved_at', 'text')
    .addColumn('figures', 'text')
    .addUniqueConstraint('executive_summary_versions_number', ['review_id', 'language', 'version'])
    .execute();

  await db.schema
    .createTable('executive_summary_sections')
    .addColumn('version_id', 'text', (c) => c.notNull().references('executive_summary_versions.id'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text')
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('executive_summary_sections_pk', ['version_id', 'section'])
    .execute();

  await db.schema
    .createTable('executive_summary_translations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('translator_name', 'text', (c) => c.notNull())
    .addColumn('translator_email', 'text')
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // requested | in_progress | returned | cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('people.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('executive_summary_translations_review').on('executive_summary_translations').columns(['review_id', 'requested_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('executive_summary_translations').execute();
  await db.schema.dropTable('executive_summary_sections').execute();
  await db.schema.dropTable('executive_summary_versions').execute();
  await db.schema.dropTable('executive_summaries').execute();
}
