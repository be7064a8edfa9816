// Per-board counters for the numbers people read: the child's pseudonym number (Child A, B, …) and the
// review sequence of each year (CODE/YEAR/NN). Taking the next number is one atomic upsert on the
// counter's row inside the creating transaction, so concurrent creations wait for each other instead of
// colliding on max + 1 (PostgreSQL), and a rolled-back creation leaves no gap. The counters start from
// today's maxima. Frozen: add a new migration to change any of it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // name: 'child_number', or 'review_sequence:<year>'.
  await db.schema
    .createTable('board_counters')
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('board_counters_pk', ['board_id', 'name'])
    .execute();
  await sql`
    insert into board_counters (board_id, name, value)
    select board_id, 'child_number', max(child_number) from referrals group by board_id
  `.execute(db);
  await sql`
    insert into board_counters (board_id, name, value)
    select board_id, 'review_sequence:' || cast(reference_year as text), max(reference_sequence) from reviews group by board_id, reference_year
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('board_counters').execute();
}
