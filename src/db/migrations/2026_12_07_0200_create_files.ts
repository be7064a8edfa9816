// Issue 9, item 7: uploaded files. file_blobs: one row per stored content, found by its address (a keyed
// hash of the content and its scope: equal uploads in one scope are stored once), with the object's key
// in the blob store, its size and detected media type, its data key sealed by the service's encryption
// key, and how many files use it. files: one row per upload (its name sealed, its purpose, who uploaded
// it), with how many references it has. file_references: who uses a file (a record of some kind): a
// file whose last reference goes is deleted, and a blob whose last file goes. board_id is null for
// deployment-wide files. Frozen: add a new migration to change any of it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('file_blobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.references('boards.id'))
    .addColumn('address', 'text', (c) => c.notNull().unique())
    .addColumn('object_key', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('data_key', 'text', (c) => c.notNull())
    .addColumn('file_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('blob_id', 'text', (c) => c.notNull().references('file_blobs.id'))
    .addColumn('board_id', 'text', (c) => c.references('boards.id'))
    // attachment | import
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('reference_count', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_blob').on('files').column('blob_id').execute();

  await db.schema
    .createTable('file_references')
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_references_pk', ['file_id', 'owner_type', 'owner_id'])
    .execute();
  await db.schema.createIndex('file_references_owner').on('file_references').columns(['owner_type', 'owner_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('file_references').execute();
  await db.schema.dropTable('files').execute();
  await db.schema.dropTable('file_blobs').execute();
}
