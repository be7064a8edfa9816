// A review's records beside its workflow (issue 10): its document library (uploaded documents and their
// versions, item 9) and its actions (early learning, item 8; the action plan extends them).

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
}

export interface ReviewRecordTables {
  review_documents: ReviewDocumentsTable;
  review_document_versions: ReviewDocumentVersionsTable;
  review_actions: ReviewActionsTable;
}
