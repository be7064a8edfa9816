// Generated documents (issue 9, item 6): each document, its numbered versions and their rendered files.

/** A generated document: one per kind, record and language; latest_version is its versions' counter. */
export interface DocumentsTable {
  id: string;
  kind: string;
  board_id: string;
  record_type: string;
  record_id: string;
  language: string;
  latest_version: number;
  created_at: string;
  updated_at: string;
}

/** A numbered version of a document: the document model as JSON. */
export interface DocumentVersionsTable {
  id: string;
  document_id: string;
  version: number;
  model: string;
  model_sha256: string;
  created_by: string | null;
  created_at: string;
}

/** A version rendered as a file (html | docx | pdf), with the SHA-256 of its bytes. */
export interface DocumentRenderingsTable {
  version_id: string;
  format: string;
  sha256: string;
  size: number;
  content: Buffer;
  created_at: string;
}

export interface DocumentTables {
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_renderings: DocumentRenderingsTable;
}
