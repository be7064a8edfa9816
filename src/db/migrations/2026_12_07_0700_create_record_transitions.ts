// Workflow records (issue 9 item 1): every change of a record's state (a referral's status, a review's
// stage) as its transition table allowed it, beside the audit event that records the change: the state it
// left (none when the event created the record), the state it reached, the event, and why (a reason, where
// one is given; withdrawing a review needs one). The audit event holds ids and codes only, never the states
// (a decided referral's status is the chair's decision) nor the reason (text): both are kept here, where a
// record's timeline finds them. One event may move several records (a meeting's agenda, a decision that
// creates a review), so each row names its event. Frozen: add a new migration to change any of it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('record_transitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('audit_event_id', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  // The transitions beside an event (the timeline's join), and those of one record (its timeline's events
  // about another record: a referral put on a meeting's agenda, a review created by the referral's decision).
  await db.schema.createIndex('record_transitions_event').on('record_transitions').column('audit_event_id').execute();
  await db.schema.createIndex('record_transitions_record').on('record_transitions').columns(['record_id', 'audit_event_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('record_transitions').execute();
}
