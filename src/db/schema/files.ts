// Uploaded files (issue 9, item 7): stored contents (blobs), uploads naming them, and the records using them.
import type { Selectable } from 'kysely';

/** One stored content: its object in the blob store, found by its keyed address. */
export interface FileBlobsTable {
  id: string;
  /** null: deployment-wide. */
  board_id: string | null;
  /** HMAC-SHA-256 (hex) of the scope and the content under the address key: equal uploads in a scope share it. */
  address: string;
  object_key: string;
  size_bytes: number;
  /** As detected from the content. */
  content_type: string;
  /** The content's own AES-256 key, sealed (field-cipher) by the current encryption key. */
  data_key: string;
  /** How many files use this content. */
  file_count: number;
  created_at: string;
}

/** One upload: a name for a blob, kept while anything references it. */
export interface FilesTable {
  id: string;
  blob_id: string;
  board_id: string | null;
  purpose: string;
  /** Sealed (a file's name may name a person). */
  name: string;
  reference_count: number;
  uploaded_by: string | null;
  created_at: string;
}

/** A record that uses a file. */
export interface FileReferencesTable {
  file_id: string;
  owner_type: string;
  owner_id: string;
  created_at: string;
}

export interface FileTables {
  file_blobs: FileBlobsTable;
  files: FilesTable;
  file_references: FileReferencesTable;
}

export type FileBlobRow = Selectable<FileBlobsTable>;
export type FileRow = Selectable<FilesTable>;
