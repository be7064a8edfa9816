// Milestones and panel meetings of a review (issue 10 item 5; migration 2026_12_08_0600).

/** A milestone of a review's plan: the date first planned, the date planned now, the date met. */
export interface ReviewMilestonesTable {
  id: string;
  review_id: string;
  board_id: string;
  position: number;
  /** The template's key ('panel_meeting_2'): one per review. */
  milestone_key: string;
  kind: string;
  original_on: string;
  planned_on: string;
  actual_on: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Each change of a milestone's date: 'planned' (with its reason) or 'actual'. */
export interface ReviewMilestoneRevisionsTable {
  id: string;
  milestone_id: string;
  review_id: string;
  field: string;
  from_on: string | null;
  to_on: string | null;
  reason: string | null;
  actor_id: string | null;
  created_at: string;
}

export interface PanelMeetingsTable {
  id: string;
  review_id: string;
  board_id: string;
  milestone_id: string | null;
  meets_on: string;
  /** 'HH:MM', London time; null when not set. */
  starts_at: string | null;
  /** in_person | online | hybrid */
  mode: string;
  location: string;
  /** JSON list of agenda items (text). */
  agenda: string;
  /** scheduled | held | cancelled */
  status: string;
  minutes: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** Who cancelled the meeting, when and why (migration 2026_12_09_0400); null unless cancelled. */
  cancelled_by: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
}

export interface PanelMeetingAttendanceTable {
  meeting_id: string;
  person_id: string;
  role: string;
  /** present | apologies | absent */
  attendance: string;
}

export interface PanelMeetingGuestsTable {
  id: string;
  meeting_id: string;
  position: number;
  full_name: string;
  role: string;
  created_at: string;
}

export interface PanelMeetingDecisionsTable {
  id: string;
  meeting_id: string;
  position: number;
  decision: string;
  owner: string;
  due_on: string | null;
  created_at: string;
}

export interface MilestoneTables {
  review_milestones: ReviewMilestonesTable;
  review_milestone_revisions: ReviewMilestoneRevisionsTable;
  panel_meetings: PanelMeetingsTable;
  panel_meeting_attendance: PanelMeetingAttendanceTable;
  panel_meeting_guests: PanelMeetingGuestsTable;
  panel_meeting_decisions: PanelMeetingDecisionsTable;
}
