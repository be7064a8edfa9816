// A panel meeting cancelled by the business unit (issue 10 item 5): who cancelled it, when, and why (the
// reason is required by the service, src/domain/limits.ts MEETING_CANCEL_TEXT). Null on every meeting not
// cancelled. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('panel_meetings').addColumn('cancelled_by', 'text').execute();
  await db.schema.alterTable('panel_meetings').addColumn('cancelled_at', 'text').execute();
  await db.schema.alterTable('panel_meetings').addColumn('cancel_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['cancel_reason', 'cancelled_at', 'cancelled_by']) await db.schema.alterTable('panel_meetings').dropColumn(c).execute();
}
