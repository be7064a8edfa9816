// The integrated multi-agency chronology (issue 11): each agency's entries for a review, kept under the
// agency's contribution request (under CPR and SUSR the chronology is the agency's contribution; under SCR it
// goes with the IMR), with the integer sort columns the merged order reads (src/domain/chronology/entry.ts:
// day, precision, minute, agency, entry number), the key events the panel marks, the spreadsheet imports with
// their progress and problems, and when the business unit shared an agency's signed-off chronology with the
// panel. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chronology_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('contribution_requests.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('entry_no', 'integer', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('precision', 'text', (c) => c.notNull())
    .addColumn('time', 'text')
    .addColumn('day_no', 'integer', (c) => c.notNull())
    .addColumn('precision_rank', 'integer', (c) => c.notNull())
    .addColumn('minute', 'integer', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // The review's people named (review_people ids), a JSON array.
    .addColumn('people', 'text', (c) => c.notNull())
    .addColumn('practitioner_role', 'text', (c) => c.notNull())
    .addColumn('action_taken', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('significance', 'text', (c) => c.notNull())
    .addColumn('analyst_comment', 'text', (c) => c.notNull())
    .addColumn('key_label', 'text')
    .addColumn('key_marked_by', 'text', (c) => c.references('people.id'))
    .addColumn('key_marked_at', 'text')
    .addColumn('import_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The merged order of a review's entries (and paging through it); one agency's own list; one number each.
  await db.schema
    .createIndex('chronology_entries_merged')
    .on('chronology_entries')
    .columns(['review_id', 'day_no', 'precision_rank', 'minute', 'agency_id', 'entry_no'])
    .execute();
  await db.schema.createIndex('chronology_entries_number').on('chronology_entries').columns(['request_id', 'entry_no']).unique().execute();
  await db.schema
    .createIndex('chronology_entries_agency_order')
    .on('chronology_entries')
    .columns(['request_id', 'day_no', 'precision_rank', 'minute', 'entry_no'])
    .execute();

  await db.schema
    .createTable('chronology_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('contribution_requests.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('file_id', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    // queued | reading | importing | imported | refused | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_total', 'integer')
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warnings', 'integer', (c) => c.notNull().defaultTo(0))
    // The problems found, as JSON [{ row, column, key }] (the first few hundred) and their total.
    .addColumn('problems', 'text')
    .addColumn('problem_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chronology_imports_request').on('chronology_imports').columns(['request_id', 'created_at']).execute();

  await db.schema.alterTable('contribution_requests').addColumn('chronology_shared_at', 'text').execute();
  await db.schema.alterTable('contribution_requests').addColumn('chronology_shared_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['chronology_shared_by', 'chronology_shared_at']) await db.schema.alterTable('contribution_requests').dropColumn(c).execute();
  await db.schema.dropTable('chronology_imports').execute();
  await db.schema.dropTable('chronology_entries').execute();
}
