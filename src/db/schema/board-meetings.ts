// The board's own meetings (issue 12 item 3; migration 2026_12_11_0200).

export interface BoardMeetingsTable {
  id: string;
  board_id: string;
  meets_on: string;
  /** 'HH:MM', London time; null when not set. */
  starts_at: string | null;
  /** 1 when the meeting is online (place may then be null). */
  online: number;
  place: string | null;
  /** scheduled | held | cancelled */
  status: string;
  minutes: string | null;
  minutes_by: string | null;
  minutes_at: string | null;
  cancel_reason: string | null;
  cancelled_by: string | null;
  cancelled_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface BoardMeetingAgendaItemsTable {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  note: string | null;
  /** What record the item is about ('action_challenge'), with its id; null for an item typed by the business unit. */
  source_kind: string | null;
  source_id: string | null;
  added_by: string | null;
  created_at: string;
}

export interface BoardMeetingAttendanceTable {
  meeting_id: string;
  person_id: string;
  /** The person's board role(s) on the day, comma-separated. */
  role: string;
  /** attended | apologies | absent */
  attendance: string;
}

export interface BoardMeetingGuestsTable {
  id: string;
  meeting_id: string;
  position: number;
  full_name: string;
  organisation: string;
  created_at: string;
}

export interface BoardMeetingTables {
  board_meetings: BoardMeetingsTable;
  board_meeting_agenda_items: BoardMeetingAgendaItemsTable;
  board_meeting_attendance: BoardMeetingAttendanceTable;
  board_meeting_guests: BoardMeetingGuestsTable;
}
