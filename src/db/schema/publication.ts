// A review's publication (issue 13 item 4): the board's decision, its gates' records, release and withdrawal.

export interface ReviewPublicationsTable {
  review_id: string;
  board_id: string;
  /** Counts the decision's changes: a change names the revision its editor read; the chair approves one. */
  revision: number;
  /** src/domain/publication/publication.ts PUBLICATION_CHOICES, or null before the decision. */
  choice: string | null;
  reasons: string | null;
  /** The embargoed release time (UTC ISO). */
  release_at: string | null;
  press_statement_en: string | null;
  press_statement_cy: string | null;
  briefing_en: string | null;
  briefing_cy: string | null;
  /** 1: a hold is shown to the public ("Publication delayed: parallel proceedings"). */
  show_hold: number;
  /** Months after publication it stops being public (null: it stays). */
  withdraw_after_months: number | null;
  decided_by: string | null;
  decided_at: string | null;
  welfare_checked_on: string | null;
  /** Sealed at rest (src/db/field-cipher.ts): it is about the surviving children. */
  welfare_note: string | null;
  welfare_by: string | null;
  /** Sealed at rest: the police/CPS liaison's details recorded with the chair's override (R5). */
  override_liaison: string | null;
  override_by: string | null;
  override_at: string | null;
  /** The revision of the decision the board chair approved (approval holds while it is the current one). */
  approved_revision: number | null;
  approved_by: string | null;
  approved_at: string | null;
  hold_reason: string | null;
  recheck_on: string | null;
  /** The re-check day the business unit was last emailed for. */
  prompted_on: string | null;
  /** The approved revision whose release the gates refused (the business unit is told once a revision). */
  refused_revision: number | null;
  published_at: string | null;
  withdrawn_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PublicationTables {
  review_publications: ReviewPublicationsTable;
}
