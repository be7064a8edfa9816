// A review's document library (issue 10 item 9): each document (its kind, classification, the agency it
// belongs to, a title sealed at rest — a title may name a person) and its versions, each an uploaded file
// (src/services/files: encrypted, scanned, referenced by the version). A version number is unique within its
// document, so two uploads at once cannot both become version 2. Frozen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_documents_review').on('review_documents').columns(['review_id', 'updated_at']).execute();
  await db.schema
    .createTable('review_document_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('review_documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('note', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.references('people.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index review_document_versions_number on review_document_versions (document_id, version)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_document_versions').execute();
  await db.schema.dropTable('review_documents').execute();
}
