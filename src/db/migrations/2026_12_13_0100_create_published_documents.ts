// The public snapshot of a released review (issue 13 item 5): what was published, written in the release's
// transaction and read by the public pages, which read nothing else of the case (a later draft, a review not yet
// released or still embargoed cannot be reached: it has no row here). published_reviews: one row a released review
// under a public id of its own (never the review's id), with what the list shows in both languages — the review's
// public title (the child's pseudonym, never a name), the board, the framework, the year — the distinct learning
// themes (codes, JSON) and search_text, the folded words of everything published in both languages (titles, board,
// framework, themes, sections), searched with LIKE. published_documents: each published document (the executive
// summary; the report where the board chose it) per language: its title, version and sections ({ id, title, text }
// as JSON). Anonymised, approved, published text: not sealed. Withdrawal keeps the rows (the record); the status
// comes from review_publications.withdrawn_at. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('published_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().unique().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_year', 'integer', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('title_cy', 'text', (c) => c.notNull())
    .addColumn('board_name_en', 'text', (c) => c.notNull())
    .addColumn('board_name_cy', 'text', (c) => c.notNull())
    .addColumn('framework_name_en', 'text', (c) => c.notNull())
    .addColumn('framework_name_cy', 'text', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('published_reviews_newest').on('published_reviews').columns(['published_at', 'id']).execute();
  await db.schema
    .createTable('published_documents')
    .addColumn('published_id', 'text', (c) => c.notNull().references('published_reviews.id'))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('published_documents_pk', ['published_id', 'document', 'language'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('published_documents').execute();
  await db.schema.dropTable('published_reviews').execute();
}
