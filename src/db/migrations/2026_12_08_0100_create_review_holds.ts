// Running a review (issue 10 item 1): each time a review is put on hold (DOMAIN.md §8.2 overlay, §8.4), the
// day its clocks stopped, the day they started again (null while the hold lasts), the stage it left, and
// why (a code, and the text the business unit gave, which is also the hold's transition reason). The
// review's clocks (src/domain/clock/pausable-clock.ts) read these to show elapsed and paused time. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('held_stage', 'text', (c) => c.notNull())
    .addColumn('paused_on', 'text', (c) => c.notNull())
    .addColumn('resumed_on', 'text')
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('reason_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_holds_review').on('review_holds').columns(['review_id', 'paused_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_holds').execute();
}
