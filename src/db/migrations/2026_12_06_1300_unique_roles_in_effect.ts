// Issue 8: two requests granting the same role at the same moment must not both succeed. One role in
// effect per person, role and scope, and one waiting grant per person, role and board, are kept by unique
// indexes (the services check first; these make the check hold under concurrency — the loser gets a
// clear "already holds this role" answer, src/db/transaction.ts). Frozen: add a new migration to change it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index role_assignments_in_effect on role_assignments
    (person_id, role, scope_type, coalesce(board_id, ''), coalesce(review_id, ''), coalesce(agency_id, ''))
    where ended_at is null`.execute(db);
  await sql`create unique index role_grants_waiting on role_grants (person_id, role, board_id) where status = 'waiting'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('role_grants_waiting').execute();
  await db.schema.dropIndex('role_assignments_in_effect').execute();
}
