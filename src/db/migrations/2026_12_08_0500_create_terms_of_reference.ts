// A review's terms of reference (issue 10 item 3; DOMAIN.md §6.2, §8.1): numbered versions, each a draft the
// business unit and the panel chair edit or a version the panel chair approved (then frozen: a change after
// approval is the next version). terms_of_reference: one row a review, the head every change locks first (so
// changes of one review's terms are made one after another) and what the review page shows (the latest version,
// the latest approved one). terms_of_reference_versions: each version, its status, its revision (counts its
// changes: approving names the revision the chair read) and who approved it when. terms_of_reference_sections:
// each version's sections as JSON, each with its own revision (a save names the revision its editor opened; a
// copy into the next version keeps it, so "changed since you opened it" holds across versions). Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('terms_of_reference')
    .addColumn('review_id', 'text', (c) => c.primaryKey().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('approved_version', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('terms_of_reference_board').on('terms_of_reference').column('board_id').execute();

  await db.schema
    .createTable('terms_of_reference_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
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
    .addUniqueConstraint('terms_of_reference_versions_number', ['review_id', 'version'])
    .execute();

  await db.schema
    .createTable('terms_of_reference_sections')
    .addColumn('version_id', 'text', (c) => c.notNull().references('terms_of_reference_versions.id'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('terms_of_reference_sections_pk', ['version_id', 'section'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('terms_of_reference_sections').execute();
  await db.schema.dropTable('terms_of_reference_versions').execute();
  await db.schema.dropTable('terms_of_reference').execute();
}
