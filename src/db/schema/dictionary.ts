// A review's pseudonym dictionary (issue 13 item 1): real identifiers (sealed) and their published terms.

export interface ReviewDictionaryTermsTable {
  id: string;
  review_id: string;
  board_id: string;
  /** src/domain/publication/dictionary.ts DICTIONARY_CATEGORIES. */
  category: string;
  /** Sealed at rest (src/db/field-cipher.ts): the spellings, one a line. */
  real_identifier: string;
  term_en: string;
  term_cy: string;
  /** The terms folded (foldTerm): unique per review and language. */
  term_en_key: string;
  term_cy_key: string;
  /** The review person the entry was built from (once per person), or null. */
  review_person_id: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface DictionaryTables {
  review_dictionary_terms: ReviewDictionaryTermsTable;
}
