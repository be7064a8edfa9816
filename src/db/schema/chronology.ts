// The integrated multi-agency chronology (issue 11): agencies' entries, spreadsheet imports.

export interface ChronologyEntriesTable {
  id: string;
  review_id: string;
  request_id: string;
  agency_id: string;
  entry_no: number;
  occurred_on: string;
  precision: string;
  time: string | null;
  day_no: number;
  precision_rank: number;
  minute: number;
  event_type: string;
  description: string;
  /** JSON array of review_people ids. */
  people: string;
  practitioner_role: string;
  action_taken: string;
  outcome: string;
  source_ref: string;
  significance: string;
  analyst_comment: string;
  key_label: string | null;
  key_marked_by: string | null;
  key_marked_at: string | null;
  import_id: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface ChronologyImportsTable {
  id: string;
  review_id: string;
  request_id: string;
  agency_id: string;
  file_id: string | null;
  file_name: string;
  status: string;
  rows_read: number;
  rows_total: number | null;
  imported: number;
  warnings: number;
  problems: string | null;
  problem_count: number;
  language: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChronologyTables {
  chronology_entries: ChronologyEntriesTable;
  chronology_imports: ChronologyImportsTable;
}
