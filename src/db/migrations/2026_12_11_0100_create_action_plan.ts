// The action plan (issue 12 items 1, 2 and 7; DOMAIN.md §6.6, §8.1, R12, R13). review_actions (made by early
// learning, issue 10) gains what an action of the plan has: the board (for the board's and a partner's views
// across reviews), the recommendation it answers (the report's or the board's; none for early learning, whose
// lesson it carries), the success measure, how completion will be evidenced and how impact will be measured,
// the original target date (target_on is then the date in force), the business unit's RAG override (with the
// status it was given for: a new status ends it), the re-audit date, the day of the owner's latest update and
// a version for edits. review_recommendations gains its source ('report': the author's; 'board': the board's
// own, added to the plan after acceptance). review_action_agencies: the supporting agencies of a multi-agency
// action. review_action_updates: each update and decision (progress, completion proposed, verified, returned,
// impact, sustained, closed, a revised date, a RAG override), with its narrative and the board meeting that
// decided; review_action_evidence: the files an update carries. review_action_target_revisions: each revised
// date with its reason. action_plans: one per review once the board (or, under SUSR, the case review group at
// one of its meetings) accepts it — monitoring starts that day —, and the board chair's sign-off of closure.
// Frozen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('review_actions')
    .addColumn('board_id', 'text', (c) => c.references('boards.id'))
    .execute();
  await db.schema
    .alterTable('review_actions')
    .addColumn('recommendation_id', 'text', (c) => c.references('review_recommendations.id'))
    .execute();
  for (const column of ['success_measure', 'completion_evidence', 'impact_measure']) {
    await db.schema
      .alterTable('review_actions')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
  await db.schema.alterTable('review_actions').addColumn('original_target_on', 'text').execute();
  for (const column of ['rag_override', 'rag_override_status', 'rag_override_reason', 'rag_override_by', 'rag_override_at', 'reaudit_on', 'last_update_at']) {
    await db.schema.alterTable('review_actions').addColumn(column, 'text').execute();
  }
  await db.schema
    .alterTable('review_actions')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`update review_actions set board_id = (select board_id from reviews where reviews.id = review_actions.review_id), original_target_on = target_on`.execute(
    db,
  );
  await db.schema.createIndex('review_actions_board_agency').on('review_actions').columns(['board_id', 'lead_agency_id', 'status']).execute();
  await db.schema.createIndex('review_actions_board_status').on('review_actions').columns(['board_id', 'status', 'target_on']).execute();

  await db.schema
    .alterTable('review_recommendations')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('report'))
    .execute();

  await db.schema
    .createTable('review_action_agencies')
    .addColumn('action_id', 'text', (c) => c.notNull().references('review_actions.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addPrimaryKeyConstraint('review_action_agencies_pk', ['action_id', 'agency_id'])
    .execute();
  await db.schema.createIndex('review_action_agencies_agency').on('review_action_agencies').columns(['agency_id']).execute();

  await db.schema
    .createTable('review_action_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('review_actions.id'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('status_from', 'text')
    .addColumn('status_to', 'text')
    .addColumn('board_meeting_id', 'text')
    .addColumn('on_behalf_of_agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_action_updates_action').on('review_action_updates').columns(['action_id', 'created_at']).execute();
  await db.schema.createIndex('review_action_updates_board').on('review_action_updates').columns(['board_id', 'created_at']).execute();

  await db.schema
    .createTable('review_action_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('update_id', 'text', (c) => c.notNull().references('review_action_updates.id'))
    .addColumn('action_id', 'text', (c) => c.notNull().references('review_actions.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_action_evidence_action').on('review_action_evidence').columns(['action_id', 'created_at']).execute();

  await db.schema
    .createTable('review_action_target_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('review_actions.id'))
    .addColumn('from_on', 'text', (c) => c.notNull())
    .addColumn('to_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_action_target_revisions_action').on('review_action_target_revisions').columns(['action_id', 'created_at']).execute();

  await db.schema
    .createTable('action_plans')
    .addColumn('review_id', 'text', (c) => c.primaryKey().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text', (c) => c.references('people.id'))
    .addColumn('accepted_meeting_kind', 'text')
    .addColumn('accepted_meeting_id', 'text')
    .addColumn('monitoring_from_on', 'text', (c) => c.notNull())
    .addColumn('closure_signed_off_at', 'text')
    .addColumn('closure_signed_off_by', 'text', (c) => c.references('people.id'))
    .addColumn('closure_note', 'text')
    .execute();
  await db.schema.createIndex('action_plans_board').on('action_plans').columns(['board_id', 'monitoring_from_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('action_plans').execute();
  await db.schema.dropTable('review_action_target_revisions').execute();
  await db.schema.dropTable('review_action_evidence').execute();
  await db.schema.dropTable('review_action_updates').execute();
  await db.schema.dropTable('review_action_agencies').execute();
  await db.schema.dropIndex('review_actions_board_status').execute();
  await db.schema.dropIndex('review_actions_board_agency').execute();
  for (const column of [
    'version',
    'last_update_at',
    'reaudit_on',
    'rag_override_at',
    'rag_override_by',
    'rag_override_reason',
    'rag_override_status',
    'rag_override',
    'original_target_on',
    'impact_measure',
    'completion_evidence',
    'success_measure',
    'recommendation_id',
    'board_id',
  ]) {
    await db.schema.alterTable('review_actions').dropColumn(column).execute();
  }
  await db.schema.alterTable('review_recommendations').dropColumn('source').execute();
}
