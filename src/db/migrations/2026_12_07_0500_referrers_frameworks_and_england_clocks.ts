// Issue 9, the first slice made right:
// - the referrer: a person with an account (referrer_person_id), or a name and email with the language
//   their email is written in (referrer_language);
// - England: the date the board became aware of the incident (aware_on), which starts the 5 working days
//   to notify the Child Safeguarding Practice Review Panel, and the date it was notified;
// - which frameworks a board runs besides the statutory one (board_settings.frameworks, comma separated),
//   and, on each analysis, the statutory framework of the day (so choosing another is recorded);
// - a review is created in the stage its decision names: those created in WG_NOTIFIED, with no
//   notification made, go back to DECIDED_PROCEED.
// Frozen: add a new migration to change any of it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('referrals')
    .addColumn('referrer_person_id', 'text', (c) => c.references('people.id'))
    .execute();
  await db.schema.alterTable('referrals').addColumn('referrer_language', 'text').execute();
  await db.schema.alterTable('referrals').addColumn('aware_on', 'text').execute();
  await db.schema.alterTable('referrals').addColumn('national_panel_notified_on', 'text').execute();
  await db.schema.createIndex('referrals_board_aware').on('referrals').columns(['board_id', 'aware_on']).execute();
  await db.schema.alterTable('criteria_assessments').addColumn('statutory_framework_id', 'text').execute();
  await db.schema.alterTable('board_settings').addColumn('frameworks', 'text').execute();
  await sql`update reviews set stage = 'DECIDED_PROCEED' where stage = 'WG_NOTIFIED'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('board_settings').dropColumn('frameworks').execute();
  await db.schema.alterTable('criteria_assessments').dropColumn('statutory_framework_id').execute();
  await db.schema.dropIndex('referrals_board_aware').execute();
  await db.schema.alterTable('referrals').dropColumn('national_panel_notified_on').execute();
  await db.schema.alterTable('referrals').dropColumn('aware_on').execute();
  await db.schema.alterTable('referrals').dropColumn('referrer_language').execute();
  await db.schema.alterTable('referrals').dropColumn('referrer_person_id').execute();
}
