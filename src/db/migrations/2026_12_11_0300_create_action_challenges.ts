// Reminders and the board's escalation ladder (issue 12 item 4; DOMAIN.md R13). action_ladder_settings: a board's
// ladder (the reminder days before a target date; each rung on or off, with its days overdue and off-track cycles,
// as JSON), absent until the board changes the defaults. action_reminders: each reminder sent before a target
// date, once per action, reminder day and target date (a revised date is reminded again) — the row is claimed in
// the transaction that queues the email, so two instances never send it twice. action_challenges: the challenge
// log, one row per rung an action climbed (unique per action and rung: claimed with the email, the letter or the
// agenda item), with what triggered it, the letter's or the meeting's reference, the statutory basis of a formal
// request (s137 in Wales), and the partner's response and outcome as the business unit records them (and whether
// a formal request was complied with). Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('action_ladder_settings')
    .addColumn('board_id', 'text', (c) => c.primaryKey().references('boards.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('action_reminders')
    .addColumn('action_id', 'text', (c) => c.notNull().references('review_actions.id'))
    .addColumn('days_before', 'integer', (c) => c.notNull())
    .addColumn('target_on', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('action_reminders_pk', ['action_id', 'days_before', 'target_on'])
    .execute();

  await db.schema
    .createTable('action_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('review_actions.id'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('rung', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('days_overdue', 'integer', (c) => c.notNull())
    .addColumn('off_track_cycles', 'integer', (c) => c.notNull())
    .addColumn('target_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('fired_on', 'text', (c) => c.notNull())
    .addColumn('board_meeting_id', 'text', (c) => c.references('board_meetings.id'))
    .addColumn('statutory_basis', 'text')
    .addColumn('response', 'text')
    .addColumn('responded_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('complied', 'integer')
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('recorded_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('action_challenges_action_rung', ['action_id', 'rung'])
    .execute();
  await db.schema.createIndex('action_challenges_review').on('action_challenges').columns(['review_id', 'fired_on']).execute();
  await db.schema.createIndex('action_challenges_board').on('action_challenges').columns(['board_id', 'fired_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['action_challenges', 'action_reminders', 'action_ladder_settings']) await db.schema.dropTable(t).execute();
}
