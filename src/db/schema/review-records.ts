// A review's records beside its workflow (issue 10): its document library (uploaded documents and their
// versions, item 9) and its actions (early learning, item 8; the action plan extends them).
import type { Generated } from 'kysely';

/** A document of a review's library: its kind, classification, agency, sealed title, and its versions' counter. */
export interface ReviewDocumentsTable {
  id: string;
  review_id: string;
  kind: string;
  classification: string;
  agency_id: string | null;
  /** Sealed (a title may name a person). */
  title: string;
  latest_version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A version of a library document: the uploaded file, and what changed. */
export interface ReviewDocumentVersionsTable {
  id: string;
  document_id: string;
  version: number;
  file_id: string;
  note: string | null;
  uploaded_by: string | null;
  uploaded_at: string;
}

/** An action of a review: early learning now (lesson, action, lead agency, owner, target date, status). */
export interface ReviewActionsTable {
  id: string;
  review_id: string;
  source: string;
  lesson: string;
  action: string;
  lead_agency_id: string;
  owner_id: string;
  target_on: string;
  status: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  // The action plan's columns (issue 12, migration 2026_12_11_0100).
  board_id: string | null;
  /** The report's or the board's recommendation it answers (review_recommendations); null for early learning. */
  recommendation_id: string | null;
  success_measure: Generated<string>;
  completion_evidence: Generated<string>;
  impact_measure: Generated<string>;
  /** The first target date; target_on is the one in force (review_action_target_revisions says why it moved). */
  original_target_on: string | null;
  rag_override: string | null;
  rag_override_status: string | null;
  rag_override_reason: string | null;
  rag_override_by: string | null;
  rag_override_at: string | null;
  reaudit_on: string | null;
  last_update_at: string | null;
  version: Generated<number>;
}

export interface ReviewRecordTables {
  review_documents: ReviewDocumentsTable;
  review_document_versions: ReviewDocumentVersionsTable;
  review_actions: ReviewActionsTable;
}
