// A review's executive summary in English and Welsh (issue 13 item 3): its head, each language's versions and
// their sections, and the requests to a translator (2026_12_12_0300_create_executive_summaries.ts).

export interface ExecutiveSummariesTable {
  review_id: string;
  board_id: string;
  en_latest: number;
  en_approved: number | null;
  cy_latest: number;
  cy_approved: number | null;
  created_at: string;
  updated_at: string;
}

export interface ExecutiveSummaryVersionsTable {
  id: string;
  review_id: string;
  /** en | cy */
  language: string;
  version: number;
  /** draft | approved */
  status: string;
  revision: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
  approved_by: string | null;
  approved_at: string | null;
  /** The action plan's figures the board's statement quoted, frozen at approval (JSON), or null. */
  figures: string | null;
}

export interface ExecutiveSummarySectionsTable {
  version_id: string;
  section: string;
  text: string;
  revision: number;
  /** When the section's text last changed (kept when copied into the next version), or null (never). */
  changed_at: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface ExecutiveSummaryTranslationsTable {
  id: string;
  review_id: string;
  board_id: string;
  translator_name: string;
  translator_email: string | null;
  agency_id: string | null;
  due_on: string;
  note: string | null;
  /** requested | in_progress | returned | cancelled */
  status: string;
  version: number;
  requested_by: string | null;
  requested_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface SummaryTables {
  executive_summaries: ExecutiveSummariesTable;
  executive_summary_versions: ExecutiveSummaryVersionsTable;
  executive_summary_sections: ExecutiveSummarySectionsTable;
  executive_summary_translations: ExecutiveSummaryTranslationsTable;
}
