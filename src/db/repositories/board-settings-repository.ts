// A board's settings: its holiday region, its decision-timer overrides and the frameworks it runs.
import type { FrameworkId } from '../../domain/frameworks/types.ts';
import type { Executor } from '../transaction.ts';

export interface BoardSettingsRecord {
  boardId: string;
  holidayRegion: 'england' | 'wales';
  decisionWeeksFromIncident: number | null;
  decisionWeeksFromReferral: number | null;
  /** Frameworks the board runs besides the statutory one in force (DOMAIN.md §3.7); empty: only the statutory one. */
  frameworks: FrameworkId[];
}

export async function findBoardSettings(db: Executor, boardId: string): Promise<BoardSettingsRecord | undefined> {
  const row = await db.selectFrom('board_settings').selectAll().where('board_id', '=', boardId).executeTakeFirst();
  if (!row) return undefined;
  return {
    boardId,
    holidayRegion: row.holiday_region === 'GB-ENG' || row.holiday_region === 'england' ? 'england' : 'wales',
    decisionWeeksFromIncident: row.decision_weeks_from_incident === null ? null : Number(row.decision_weeks_from_incident),
    decisionWeeksFromReferral: row.decision_weeks_from_referral === null ? null : Number(row.decision_weeks_from_referral),
    frameworks: row.frameworks ? (row.frameworks.split(',').filter(Boolean) as FrameworkId[]) : [],
  };
}

export async function upsertBoardSettings(db: Executor, s: BoardSettingsRecord, at: string): Promise<void> {
  const values = {
    board_id: s.boardId,
    holiday_region: s.holidayRegion === 'england' ? 'GB-ENG' : 'GB-WLS',
    decision_weeks_from_incident: s.decisionWeeksFromIncident,
    decision_weeks_from_referral: s.decisionWeeksFromReferral,
    frameworks: s.frameworks.length > 0 ? s.frameworks.join(',') : null,
    updated_at: at,
  };
  await db
    .insertInto('board_settings')
    .values(values)
    .onConflict((oc) => oc.column('board_id').doUpdateSet(values))
    .execute();
}
