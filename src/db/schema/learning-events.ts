// The practitioners' learning event of a review (issue 10 item 7): the event, its facilitators, the
// invitations to practitioners (name and email sealed), and the learning identified with its agencies.

export interface LearningEventsTable {
  id: string;
  review_id: string;
  board_id: string;
  /** planned | held | cancelled (LEARNING_EVENT_WORKFLOW). */
  status: string;
  held_on: string;
  starts_at: string | null;
  mode: string;
  venue: string;
  cancelled_reason: string | null;
  notes: string | null;
  notes_by: string | null;
  notes_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface LearningEventFacilitatorsTable {
  event_id: string;
  person_id: string;
}

export interface LearningEventInvitationsTable {
  id: string;
  event_id: string;
  review_id: string;
  agency_id: string;
  practitioner_role: string;
  practitioner_number: number;
  /** Sealed. */
  full_name: string;
  /** Sealed. */
  email: string;
  language: string;
  status: string;
  version: number;
  invited_by: string | null;
  invited_at: string;
  updated_at: string;
}

export interface LearningPointsTable {
  id: string;
  review_id: string;
  event_id: string;
  theme: string;
  text: string;
  recorded_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface LearningPointAgenciesTable {
  point_id: string;
  agency_id: string;
}

export interface LearningEventTables {
  learning_events: LearningEventsTable;
  learning_event_facilitators: LearningEventFacilitatorsTable;
  learning_event_invitations: LearningEventInvitationsTable;
  learning_points: LearningPointsTable;
  learning_point_agencies: LearningPointAgenciesTable;
}
