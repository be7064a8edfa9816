// Security (issue 8, findings 1, 4 and 9): an audit event can concern several boards; the audit chain is
// keyed (HMAC) with a key kept outside the database; restricted identity fields are encrypted at rest and
// duplicate detection matches keyed blind indexes instead of plaintext.
//
// A migration cannot see the keys, so the work that needs them happens when the service first starts
// with this schema (src/services/at-rest.ts): the legacy SHA-256 chain is verified and re-keyed, and
// plaintext values are encrypted and indexed. Until then `audit_chain.keyed` is 0 and the old plaintext
// values stay where they are. Frozen: add a new migration to change any of it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Every board an event concerns (JSON array, covered by the chain's hash) and an index to find them.
  await db.schema
    .alterTable('audit_events')
    .addColumn('board_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createTable('audit_event_boards')
    .addColumn('board_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_event_boards_pk', ['board_id', 'seq'])
    .execute();
  await db.schema.createIndex('audit_event_boards_seq').on('audit_event_boards').column('seq').execute();
  await sql`update audit_events set board_ids = '["' || board_id || '"]' where board_id is not null`.execute(db);
  await sql`insert into audit_event_boards (board_id, seq) select board_id, seq from audit_events where board_id is not null`.execute(db);

  // 0: events hashed with plain SHA-256 (before this migration), to be verified and re-keyed on start;
  // 1: every event's hash is an HMAC-SHA-256 under the audit key. An empty chain starts keyed.
  await db.schema
    .alterTable('audit_chain')
    .addColumn('keyed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update audit_chain set keyed = case when last_seq = 0 then 1 else 0 end`.execute(db);

  // Keyed blind indexes of the child's normalised name and date of birth (per board), for duplicates.
  await db.schema.alterTable('referral_children').addColumn('name_index', 'text').execute();
  await db.schema.alterTable('referral_children').addColumn('dob_index', 'text').execute();
  await db.schema.dropIndex('referral_children_dob').execute();
  await db.schema.dropIndex('referral_children_name').execute();
  await db.schema.createIndex('referral_children_name_index').on('referral_children').column('name_index').execute();
  await db.schema.createIndex('referral_children_dob_index').on('referral_children').column('dob_index').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('referral_children_dob_index').execute();
  await db.schema.dropIndex('referral_children_name_index').execute();
  await db.schema.alterTable('referral_children').dropColumn('dob_index').execute();
  await db.schema.alterTable('referral_children').dropColumn('name_index').execute();
  await db.schema.createIndex('referral_children_dob').on('referral_children').column('date_of_birth_on').execute();
  await db.schema.createIndex('referral_children_name').on('referral_children').column('name_normalised').execute();
  await db.schema.alterTable('audit_chain').dropColumn('keyed').execute();
  await db.schema.dropTable('audit_event_boards').execute();
  await db.schema.alterTable('audit_events').dropColumn('board_ids').execute();
}
