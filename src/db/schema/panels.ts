// The panel of a review (issue 10 item 2): the board's register of independent chairs and reviewers, their
// dated engagements with agencies, nominations to a review's independent roles with their appointment and
// end, independence declarations, and open work reassigned to a successor.

export interface RegisterEntriesTable {
  id: string;
  board_id: string;
  full_name: string;
  /** Lower case: one entry per address on a board. */
  email: string;
  /** Comma-separated, as given. */
  specialisms: string;
  /** On the Welsh Government's approved list (SUSR chairs and reviewers come from it): 0 or 1. */
  wg_approved: number;
  /** Comma-separated language codes: en, cy. */
  languages: string;
  availability: string;
  past_reviews: string;
  declared_interests: string;
  /** Their employer, when an agency employs them (an involved agency's employee is never appointed). */
  employer_agency_id: string | null;
  /** Their account, once appointed (made through the review roles' grantByEmail). */
  person_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface RegisterEngagementsTable {
  id: string;
  entry_id: string;
  agency_id: string;
  from_on: string;
  to_on: string | null;
  what: string;
  created_at: string;
}

export interface PanelNominationsTable {
  id: string;
  board_id: string;
  review_id: string;
  /** panel_chair | author (the author or a reviewer). */
  role: string;
  entry_id: string;
  /** nominated | appointed | withdrawn | ended. */
  status: string;
  nominated_by: string | null;
  nominated_at: string;
  /** Who is carrying this open nomination forward (the nominator; a successor once reassigned). */
  carried_by: string | null;
  /** The ended appointment this nomination replaces. */
  replaces_id: string | null;
  declaration_token_hash: string | null;
  declaration_expires_at: string | null;
  /** 1..places while appointed (unique per review and role); null otherwise. */
  place: number | null;
  person_id: string | null;
  appointed_by: string | null;
  appointed_at: string | null;
  ended_by: string | null;
  ended_at: string | null;
  end_reason: string | null;
}

export interface IndependenceDeclarationsTable {
  id: string;
  nomination_id: string;
  review_id: string;
  entry_id: string;
  independent_of_agencies: number;
  independent_of_case: number;
  independent_of_child: number;
  conflicts: string;
  declared_at: string;
}

export interface PanelReassignmentsTable {
  id: string;
  review_id: string;
  from_nomination_id: string;
  to_nomination_id: string;
  /** JSON: the ids of the nominations moved. */
  items: string;
  created_by: string | null;
  created_at: string;
}

export interface PanelTables {
  register_entries: RegisterEntriesTable;
  register_engagements: RegisterEngagementsTable;
  panel_nominations: PanelNominationsTable;
  independence_declarations: IndependenceDeclarationsTable;
  panel_reassignments: PanelReassignmentsTable;
}
