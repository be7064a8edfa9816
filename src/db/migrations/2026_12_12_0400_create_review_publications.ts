// A review's publication (issue 13 item 4; DOMAIN.md §1.6, §2.5, §8.6 R5–R10): one row a review, the head every
// change locks first. The board's decision — what to publish (choice), its reasons, the embargoed release time
// (release_at, UTC), the press statement and the 7-minute briefing in both languages prepared alongside, whether
// a hold is shown to the public, how many months after publication it stops being public — changed on the
// revision its editor read (a change after the chair's approval needs approving again: approved_revision). The
// gates' own records: the welfare check of the surviving children (its note sealed: it is about them), the board
// chair's override of open criminal proceedings with the police/CPS liaison's details (sealed: a named officer),
// a publication hold with the day to look at it again (recheck_on; prompted_on says the business unit was
// emailed for that day); refused_revision the approved revision whose release the gates refused (the business unit
// is told once). published_at is when the review was released (the move to PUBLISHED); withdrawn_at
// when it stopped being public ("No longer published"), kept in the record. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_publications')
    .addColumn('review_id', 'text', (c) => c.primaryKey().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('choice', 'text')
    .addColumn('reasons', 'text')
    .addColumn('release_at', 'text')
    .addColumn('press_statement_en', 'text')
    .addColumn('press_statement_cy', 'text')
    .addColumn('briefing_en', 'text')
    .addColumn('briefing_cy', 'text')
    .addColumn('show_hold', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withdraw_after_months', 'integer')
    .addColumn('decided_by', 'text', (c) => c.references('people.id'))
    .addColumn('decided_at', 'text')
    .addColumn('welfare_checked_on', 'text')
    .addColumn('welfare_note', 'text')
    .addColumn('welfare_by', 'text', (c) => c.references('people.id'))
    .addColumn('override_liaison', 'text')
    .addColumn('override_by', 'text', (c) => c.references('people.id'))
    .addColumn('override_at', 'text')
    .addColumn('approved_revision', 'integer')
    .addColumn('approved_by', 'text', (c) => c.references('people.id'))
    .addColumn('approved_at', 'text')
    .addColumn('hold_reason', 'text')
    .addColumn('recheck_on', 'text')
    .addColumn('prompted_on', 'text')
    .addColumn('refused_revision', 'integer')
    .addColumn('published_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_publications_board').on('review_publications').columns(['board_id', 'published_at']).execute();
  await db.schema.createIndex('review_publications_recheck').on('review_publications').column('recheck_on').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_publications').execute();
}
