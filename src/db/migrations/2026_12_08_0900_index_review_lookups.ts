// Indexes for what a review's page reads by review (found by timing each query of the page at national scale,
// bench/README.md): the people holding a role on the review (30,000 role assignments), the independence
// declarations of its nominations (22,000), its proceedings' history and its milestones' revisions. Without
// them each was a scan of the whole table on every review page. Frozen.
import type { Kysely } from 'kysely';

const INDEXES = [
  { name: 'role_assignments_review', table: 'role_assignments', columns: ['review_id', 'ended_at'] },
  { name: 'independence_declarations_review', table: 'independence_declarations', columns: ['review_id', 'declared_at'] },
  { name: 'proceeding_changes_review', table: 'proceeding_changes', columns: ['review_id'] },
  { name: 'review_milestone_revisions_review', table: 'review_milestone_revisions', columns: ['review_id', 'created_at'] },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const i of INDEXES)
    await db.schema
      .createIndex(i.name)
      .on(i.table)
      .columns([...i.columns])
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of INDEXES) await db.schema.dropIndex(i.name).execute();
}
