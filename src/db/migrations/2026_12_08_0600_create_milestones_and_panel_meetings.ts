// Milestones and panel meetings of a review (issue 10 item 5). A review's milestones, made from its
// framework's template (one row per template key: a plan is made once, two requests at once clash on the
// key), each with the date first planned, the date planned now and the date met; every move of a date with
// its reason (review_milestone_revisions: the audited history). Panel meetings with their agenda (a JSON
// list of items), attendance of the panel's people (review role holders), named guests, minutes and
// decisions (text, owner, due date); a meeting may stand for a "panel meeting" milestone. `version` counts
// changes, so two people saving the same record at once get one winner and a clear answer. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('milestone_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('original_on', 'text', (c) => c.notNull())
    .addColumn('planned_on', 'text', (c) => c.notNull())
    .addColumn('actual_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_milestones_key', ['review_id', 'milestone_key'])
    .execute();
  // The reviews list counts each review's overdue milestones: not met, planned before today.
  await db.schema.createIndex('review_milestones_open').on('review_milestones').columns(['board_id', 'actual_on', 'planned_on']).execute();

  await db.schema
    .createTable('review_milestone_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('milestone_id', 'text', (c) => c.notNull().references('review_milestones.id'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('from_on', 'text')
    .addColumn('to_on', 'text')
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_milestone_revisions_milestone').on('review_milestone_revisions').columns(['milestone_id', 'created_at']).execute();

  await db.schema
    .createTable('panel_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('milestone_id', 'text', (c) => c.references('review_milestones.id'))
    .addColumn('meets_on', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('agenda', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('panel_meetings_review').on('panel_meetings').columns(['review_id', 'meets_on']).execute();

  await db.schema
    .createTable('panel_meeting_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('panel_meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('attendance', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('panel_meeting_attendance_pk', ['meeting_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('panel_meeting_guests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('panel_meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('panel_meeting_guests_meeting').on('panel_meeting_guests').columns(['meeting_id', 'position']).execute();

  await db.schema
    .createTable('panel_meeting_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('panel_meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('panel_meeting_decisions_meeting').on('panel_meeting_decisions').columns(['meeting_id', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'panel_meeting_decisions',
    'panel_meeting_guests',
    'panel_meeting_attendance',
    'panel_meetings',
    'review_milestone_revisions',
    'review_milestones',
  ])
    await db.schema.dropTable(t).execute();
}
