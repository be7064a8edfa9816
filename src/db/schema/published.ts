// The public snapshot of a released review (issue 13 item 5): migration 2026_12_13_0100.

export interface PublishedReviewsTable {
  /** The public id (in /published/{id}): never the review's. */
  id: string;
  review_id: string;
  board_id: string;
  framework_id: string;
  /** When it was released (UTC ISO): the embargo's time. */
  published_at: string;
  /** The release's year in London. */
  published_year: number;
  /** The review's public title: the child's pseudonym ("Child A" / "Plentyn A"). */
  title_en: string;
  title_cy: string;
  board_name_en: string;
  board_name_cy: string;
  framework_name_en: string;
  framework_name_cy: string;
  /** The review's distinct learning themes (LEARNING_THEMES codes), JSON. */
  themes: string;
  /** Everything published, both languages, folded (src/domain/publication/published.ts foldSearch). */
  search_text: string;
  created_at: string;
}

export interface PublishedDocumentsTable {
  published_id: string;
  /** 'summary' | 'report'. */
  document: string;
  language: string;
  title: string;
  version: number;
  /** [{ id, title, text }], JSON. */
  sections: string;
}

export interface PublishedTables {
  published_reviews: PublishedReviewsTable;
  published_documents: PublishedDocumentsTable;
}
