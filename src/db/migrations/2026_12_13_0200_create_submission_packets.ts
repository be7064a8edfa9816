// A review's submission packets (issue 13 item 6; DOMAIN.md §1.2, §3.4, §8.6 R9, R16): the zip of the documents its
// framework sends to the Welsh Government, the national panel or the Wales Safeguarding Repository, made by the
// business unit. The zip itself is a stored file (src/services/files: encrypted at rest, content-addressed; the row's
// file_id, referenced by the packet): it can hold agency reports, special-category data. The row keeps who made it
// and when, its number on the review (1, 2, … unique: two makes at once cannot share one), the manifest as JSON
// (references, dates, themes, file names, sizes and checksums: no person's name) and the zip's SHA-256 and size.
// Each sending recorded (the system cannot connect to those bodies): which packet, to whom, on what day, how, and
// the reference the recipient gave (or the email's subject), by whom and when. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('submission_packets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('made_by', 'text', (c) => c.references('people.id'))
    .addColumn('made_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('submission_packets_number', ['review_id', 'number'])
    .execute();
  await db.schema
    .createTable('submission_packet_sendings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('packet_id', 'text', (c) => c.notNull().references('submission_packets.id'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('submission_packet_sendings_review').on('submission_packet_sendings').columns(['review_id', 'sent_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('submission_packet_sendings').execute();
  await db.schema.dropTable('submission_packets').execute();
}
