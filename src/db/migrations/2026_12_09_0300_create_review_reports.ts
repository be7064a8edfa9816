// A review's report (issue 10 item 10; DOMAIN.md §1.5, §8.6 R4): the overview report and executive summary
// (SCR) or the reviewers' report (CPR, SUSR) in numbered versions of sections, the same way as the terms of
// reference. review_reports: one row a review, the head every change locks first (so one review's report
// changes one after another), with the latest version, the latest submitted for QA, QA signed off and
// accepted. review_report_versions: each version, its status (draft | submitted | qa_signed_off | accepted),
// its revision (counts its changes: a sign-off names the revision read) and who submitted, signed off and
// accepted it when. review_report_sections: each version's sections (text), each with its own revision (kept
// when copied into the next version). review_report_comments: the panel's comments on a version's section,
// resolved by the author. review_recommendations: the report's review recommendations (text, responsible
// agency and/or person, target date): per review, not per version; the action plan (issue 12) hangs its
// actions under them. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_reports')
    .addColumn('review_id', 'text', (c) => c.primaryKey().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('submitted_version', 'integer')
    .addColumn('qa_version', 'integer')
    .addColumn('accepted_version', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_reports_board').on('review_reports').column('board_id').execute();

  await db.schema
    .createTable('review_report_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.references('people.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('qa_by', 'text', (c) => c.references('people.id'))
    .addColumn('qa_at', 'text')
    .addColumn('accepted_by', 'text', (c) => c.references('people.id'))
    .addColumn('accepted_at', 'text')
    .addUniqueConstraint('review_report_versions_number', ['review_id', 'version'])
    .execute();

  await db.schema
    .createTable('review_report_sections')
    .addColumn('version_id', 'text', (c) => c.notNull().references('review_report_versions.id'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_report_sections_pk', ['version_id', 'section'])
    .execute();

  await db.schema
    .createTable('review_report_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('review_report_versions.id'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text', (c) => c.references('people.id'))
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('review_report_comments_review').on('review_report_comments').columns(['review_id', 'created_at']).execute();

  await db.schema
    .createTable('review_recommendations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('responsible', 'text')
    .addColumn('target_on', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_recommendations_number', ['review_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_recommendations').execute();
  await db.schema.dropTable('review_report_comments').execute();
  await db.schema.dropTable('review_report_sections').execute();
  await db.schema.dropTable('review_report_versions').execute();
  await db.schema.dropTable('review_reports').execute();
}
