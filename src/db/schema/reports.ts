// A review's report: its head row, numbered versions, each version's sections, the panel's comments, and the
// review recommendations (2026_12_09_0300_create_review_reports.ts).
import type { Generated } from 'kysely';

export interface ReviewReportsTable {
  review_id: string;
  board_id: string;
  latest_version: number;
  submitted_version: number | null;
  qa_version: number | null;
  accepted_version: number | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewReportVersionsTable {
  id: string;
  review_id: string;
  version: number;
  /** draft | submitted | qa_signed_off | accepted */
  status: string;
  revision: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
  submitted_by: string | null;
  submitted_at: string | null;
  qa_by: string | null;
  qa_at: string | null;
  accepted_by: string | null;
  accepted_at: string | null;
}

export interface ReviewReportSectionsTable {
  version_id: string;
  section: string;
  /** The section as JSON ({ text }). */
  content: string;
  revision: number;
  updated_by: string | null;
  updated_at: string;
}

export interface ReviewReportCommentsTable {
  id: string;
  review_id: string;
  version_id: string;
  section: string;
  text: string;
  created_by: string;
  created_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface ReviewRecommendationsTable {
  id: string;
  review_id: string;
  board_id: string;
  number: number;
  text: string;
  agency_id: string | null;
  person_id: string | null;
  responsible: string | null;
  target_on: string | null;
  revision: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
  /** 'report' (the author's) or 'board' (the board's own, added to the action plan; migration 2026_12_11_0100). */
  source: Generated<string>;
}

export interface ReportTables {
  review_reports: ReviewReportsTable;
  review_report_versions: ReviewReportVersionsTable;
  review_report_sections: ReviewReportSectionsTable;
  review_report_comments: ReviewReportCommentsTable;
  review_recommendations: ReviewRecommendationsTable;
}
