// A review's document library (issue 10 item 9): uploaded documents and their versions.

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

export interface ReviewDocumentTables {
  review_documents: ReviewDocumentsTable;
  review_document_versions: ReviewDocumentVersionsTable;
}
