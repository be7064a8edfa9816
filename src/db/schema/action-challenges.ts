// Reminders and the escalation ladder's tables (issue 12 item 4; migration 2026_12_11_0300).

/** A board's ladder (LadderSettings as JSON); absent: the defaults. */
export interface ActionLadderSettingsTable {
  board_id: string;
  settings: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

/** A reminder sent before an action's target date: once per action, reminder day and target date. */
export interface ActionRemindersTable {
  action_id: string;
  days_before: number;
  target_on: string;
  sent_on: string;
  created_at: string;
}

/** A rung an action climbed (once per action and rung), with the partner's response and the outcome. */
export interface ActionChallengesTable {
  id: string;
  action_id: string;
  review_id: string;
  board_id: string;
  agency_id: string;
  rung: string;
  /** 'overdue' | 'off_track'. */
  trigger: string;
  days_overdue: number;
  off_track_cycles: number;
  target_on: string;
  status: string;
  fired_on: string;
  board_meeting_id: string | null;
  /** 's137' for a formal request in Wales. */
  statutory_basis: string | null;
  response: string | null;
  responded_on: string | null;
  outcome: string | null;
  /** A formal request: 1 complied with, 0 not; null not yet recorded. */
  complied: number | null;
  recorded_by: string | null;
  recorded_at: string | null;
  version: number;
  created_at: string;
}

export interface ActionChallengeTables {
  action_ladder_settings: ActionLadderSettingsTable;
  action_reminders: ActionRemindersTable;
  action_challenges: ActionChallengesTable;
}
