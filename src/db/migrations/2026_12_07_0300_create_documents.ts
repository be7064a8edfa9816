// Issue 9, item 6: generated documents as numbered versions. documents: one per kind, record and language
// (the decision letter of a referral in Welsh), whose latest_version is the counter its versions are numbered
// from (one atomic update in the creating transaction, as board_counters: no gaps, no duplicates under
// concurrency). document_versions: what a version says, as the document model's JSON, and who made it when.
// document_renderings: a version's rendered files (html, docx, pdf), each with the SHA-256 of its bytes; the
// bytes are kept here until they move to the file storage (issue 9, item 7), whose own addressing and
// encryption then apply, and the content column goes. Frozen once merged: add a new migration to change it.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // decision_letter (later: report drafts, summaries, briefings, board reports)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    // board | referral | review
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('documents_record_kind_language', ['record_type', 'record_id', 'kind', 'language'])
    .execute();
  await db.schema.createIndex('documents_board').on('documents').column('board_id').execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    // SHA-256 of the model's JSON: a composition that says the same as the latest version makes no new one.
    .addColumn('model_sha256', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_versions_number', ['document_id', 'version'])
    .execute();

  await db.schema
    .createTable('document_renderings')
    .addColumn('version_id', 'text', (c) => c.notNull().references('document_versions.id'))
    // html | docx | pdf
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', binary, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_renderings_pk', ['version_id', 'format'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_renderings').execute();
  await db.schema.dropTable('document_versions').execute();
  await db.schema.dropTable('documents').execute();
}
