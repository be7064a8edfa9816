// The panel of a review and its independent roles (issue 10 item 2; DOMAIN.md §8.1 IndependenceDeclaration,
// R3): each board's register of independent chairs and reviewers with their dated engagements with
// agencies; each nomination of a register entry to a review's independent role (panel chair, author or
// reviewer), with its declaration link (only its hash), its appointment (a numbered place: one holder per
// place, so two concurrent appointments to the last place cannot both succeed) and its end; the candidate's
// independence declarations; and the open work reassigned from someone who left to their successor. The
// panel's agency members are review roles (role_assignments), not rows here. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('register_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('specialisms', 'text', (c) => c.notNull())
    .addColumn('wg_approved', 'integer', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('availability', 'text', (c) => c.notNull())
    .addColumn('past_reviews', 'text', (c) => c.notNull())
    .addColumn('declared_interests', 'text', (c) => c.notNull())
    .addColumn('employer_agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('register_entries_board_email').unique().on('register_entries').columns(['board_id', 'email']).execute();

  await db.schema
    .createTable('register_engagements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('register_entries.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('from_on', 'text', (c) => c.notNull())
    .addColumn('to_on', 'text')
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('register_engagements_entry').on('register_engagements').columns(['entry_id', 'from_on']).execute();

  await db.schema
    .createTable('panel_nominations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('register_entries.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('nominated_by', 'text', (c) => c.references('people.id'))
    .addColumn('nominated_at', 'text', (c) => c.notNull())
    .addColumn('carried_by', 'text', (c) => c.references('people.id'))
    .addColumn('replaces_id', 'text')
    .addColumn('declaration_token_hash', 'text')
    .addColumn('declaration_expires_at', 'text')
    .addColumn('place', 'integer')
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('appointed_by', 'text', (c) => c.references('people.id'))
    .addColumn('appointed_at', 'text')
    .addColumn('ended_by', 'text', (c) => c.references('people.id'))
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema.createIndex('panel_nominations_review').on('panel_nominations').columns(['review_id', 'role', 'status']).execute();
  // One holder per place of a role: NULLs (not appointed, or ended) never clash.
  await db.schema.createIndex('panel_nominations_place').unique().on('panel_nominations').columns(['review_id', 'role', 'place']).execute();
  await db.schema.createIndex('panel_nominations_token').unique().on('panel_nominations').column('declaration_token_hash').execute();

  await db.schema
    .createTable('independence_declarations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('nomination_id', 'text', (c) => c.notNull().references('panel_nominations.id'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('register_entries.id'))
    .addColumn('independent_of_agencies', 'integer', (c) => c.notNull())
    .addColumn('independent_of_case', 'integer', (c) => c.notNull())
    .addColumn('independent_of_child', 'integer', (c) => c.notNull())
    .addColumn('conflicts', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('independence_declarations_nomination').on('independence_declarations').columns(['nomination_id', 'declared_at']).execute();

  await db.schema
    .createTable('panel_reassignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('from_nomination_id', 'text', (c) => c.notNull().references('panel_nominations.id'))
    .addColumn('to_nomination_id', 'text', (c) => c.notNull().references('panel_nominations.id'))
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('panel_reassignments_review').on('panel_reassignments').column('review_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['panel_reassignments', 'independence_declarations', 'panel_nominations', 'register_engagements', 'register_entries'])
    await db.schema.dropTable(table).execute();
}
