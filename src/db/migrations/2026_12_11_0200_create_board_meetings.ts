// The board's own meetings (issue 12 item 3): date, time, place or online, status (scheduled, held, cancelled
// with its reason), minutes with who recorded them and when; their ordered agenda items, each optionally
// pointing at a record (`source_kind`, `source_id`: "an action's challenge" put on the next meeting's agenda by
// the escalation ladder, once per meeting by a unique key); attendance of the board's people and named guests
// with their organisation. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('board_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('meets_on', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('online', 'integer', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('minutes_by', 'text', (c) => c.references('people.id'))
    .addColumn('minutes_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('cancelled_by', 'text', (c) => c.references('people.id'))
    .addColumn('cancelled_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('board_meetings_board_date').on('board_meetings').columns(['board_id', 'meets_on']).execute();

  await db.schema
    .createTable('board_meeting_agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('board_meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source_kind', 'text')
    .addColumn('source_id', 'text')
    .addColumn('added_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('board_meeting_agenda_items_source', ['meeting_id', 'source_kind', 'source_id'])
    .execute();
  await db.schema.createIndex('board_meeting_agenda_items_meeting').on('board_meeting_agenda_items').columns(['meeting_id', 'position']).execute();

  await db.schema
    .createTable('board_meeting_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('board_meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('attendance', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('board_meeting_attendance_pk', ['meeting_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('board_meeting_guests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('board_meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('board_meeting_guests_meeting').on('board_meeting_guests').columns(['meeting_id', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['board_meeting_guests', 'board_meeting_attendance', 'board_meeting_agenda_items', 'board_meetings']) await db.schema.dropTable(t).execute();
}
