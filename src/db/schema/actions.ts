// The action plan's tables (issue 12; migration 2026_12_11_0100). review_actions itself is in review-records.ts
// (made by early learning, issue 10), with the columns the plan added.

/** A supporting agency of a multi-agency action (the lead agency is the action's own). */
export interface ReviewActionAgenciesTable {
  action_id: string;
  agency_id: string;
}

/** An update or decision on an action: kind 'progress' | 'complete' | 'verified' | 'returned' | 'impact' | 'sustained' | 'closed' | 'target_revised' | 'rag_override'. */
export interface ReviewActionUpdatesTable {
  id: string;
  action_id: string;
  review_id: string;
  board_id: string;
  kind: string;
  narrative: string;
  status_from: string | null;
  status_to: string | null;
  /** The board meeting that decided (the board's decisions). */
  board_meeting_id: string | null;
  /** The agency the business unit imported the update for (agencies without accounts, item 8). */
  on_behalf_of_agency_id: string | null;
  created_by: string | null;
  created_at: string;
}

/** A file an update carries as evidence (a reference of the file, owner 'review_action'). */
export interface ReviewActionEvidenceTable {
  id: string;
  update_id: string;
  action_id: string;
  file_id: string;
  created_at: string;
}

export interface ReviewActionTargetRevisionsTable {
  id: string;
  action_id: string;
  from_on: string;
  to_on: string;
  reason: string;
  created_by: string | null;
  created_at: string;
}

/** A review's accepted action plan: monitoring runs from monitoring_from_on; closure signed off by the board chair. */
export interface ActionPlansTable {
  review_id: string;
  board_id: string;
  accepted_at: string;
  accepted_by: string | null;
  /** 'board' (a board meeting) or 'case_review_group' (a management group meeting, under SUSR); null when not recorded. */
  accepted_meeting_kind: string | null;
  accepted_meeting_id: string | null;
  monitoring_from_on: string;
  closure_signed_off_at: string | null;
  closure_signed_off_by: string | null;
  closure_note: string | null;
}

export interface ActionTables {
  review_action_agencies: ReviewActionAgenciesTable;
  review_action_updates: ReviewActionUpdatesTable;
  review_action_evidence: ReviewActionEvidenceTable;
  review_action_target_revisions: ReviewActionTargetRevisionsTable;
  action_plans: ActionPlansTable;
}
