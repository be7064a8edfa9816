// The practitioners' learning event of a review (issue 10 item 7; CPR and SUSR): the event (date, time, in
// person or online and where, its state: planned, held or cancelled with a reason), its facilitators (the
// review's appointed independent people), the invitations to practitioners of the involved agencies (by role
// and number on the review; name and email sealed at rest; reply and attendance), the facilitators' notes, and
// the learning identified (theme, text, agencies concerned) that feeds the report. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('cancelled_reason', 'text')
    .addColumn('notes', 'text')
    .addColumn('notes_by', 'text', (c) => c.references('people.id'))
    .addColumn('notes_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learning_events_review').on('learning_events').columns(['review_id', 'held_on']).execute();

  await db.schema
    .createTable('learning_event_facilitators')
    .addColumn('event_id', 'text', (c) => c.notNull().references('learning_events.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('learning_event_facilitators_pk', ['event_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('learning_event_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('learning_events.id'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('practitioner_role', 'text', (c) => c.notNull())
    .addColumn('practitioner_number', 'integer', (c) => c.notNull())
    // Sealed (field-cipher): the practitioner's name and email.
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('invited_by', 'text', (c) => c.references('people.id'))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('learning_event_invitations_number')
    .on('learning_event_invitations')
    .columns(['review_id', 'practitioner_role', 'practitioner_number'])
    .unique()
    .execute();
  await db.schema.createIndex('learning_event_invitations_event').on('learning_event_invitations').columns(['event_id', 'agency_id']).execute();

  await db.schema
    .createTable('learning_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('learning_events.id'))
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learning_points_review').on('learning_points').columns(['review_id', 'created_at']).execute();
  await db.schema
    .createTable('learning_point_agencies')
    .addColumn('point_id', 'text', (c) => c.notNull().references('learning_points.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addPrimaryKeyConstraint('learning_point_agencies_pk', ['point_id', 'agency_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('learning_point_agencies').execute();
  await db.schema.dropTable('learning_points').execute();
  await db.schema.dropTable('learning_event_invitations').execute();
  await db.schema.dropTable('learning_event_facilitators').execute();
  await db.schema.dropTable('learning_events').execute();
}
