// A review's terms of reference: the head row a review, its numbered versions, and each version's sections (JSON).

export interface TermsOfReferenceTable {
  review_id: string;
  board_id: string;
  latest_version: number;
  approved_version: number | null;
  created_at: string;
  updated_at: string;
}

export interface TermsOfReferenceVersionsTable {
  id: string;
  review_id: string;
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
}

export interface TermsOfReferenceSectionsTable {
  version_id: string;
  section: string;
  /** The section's content as JSON (src/domain/reviews/terms.ts TermsContent[section]). */
  content: string;
  revision: number;
  updated_by: string | null;
  updated_at: string;
}

export interface TermsTables {
  terms_of_reference: TermsOfReferenceTable;
  terms_of_reference_versions: TermsOfReferenceVersionsTable;
  terms_of_reference_sections: TermsOfReferenceSectionsTable;
}
