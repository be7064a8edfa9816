// The partner view (issue 12 item 6): a page of an agency's led actions of a board, soonest target first, read
// in the index's order from an index of (board, lead agency, target date, id) instead of sorting every led action
// of the agency (the existing index of board, lead agency and status finds them but not in order). Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('review_actions_board_agency_target').on('review_actions').columns(['board_id', 'lead_agency_id', 'target_on', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('review_actions_board_agency_target').execute();
}
