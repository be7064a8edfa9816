// The anonymisation check of a publishable document (issue 13 item 2): the checks and their findings.

export interface AnonymisationChecksTable {
  id: string;
  review_id: string;
  board_id: string;
  /** src/services/publication/publishable.ts DOCUMENT_KINDS. */
  document_kind: string;
  language: string;
  document_version: number;
  /** SHA-256 of the scanned sections' text: a draft edited under the same version number is not the one scanned. */
  document_digest: string;
  /** open | approved. */
  status: string;
  /** JSON: checklist item id → { answer: checked | not_applicable, note }. */
  checklist: string;
  previous_check_id: string | null;
  scanned_by: string | null;
  scanned_at: string;
  approved_by: string | null;
  approved_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AnonymisationFindingsTable {
  id: string;
  check_id: string;
  review_id: string;
  /** The finding's order in the document (section by section, then by offset). */
  position: number;
  section: string;
  /** src/domain/publication/findings.ts FINDING_KINDS. */
  kind: string;
  start_offset: number;
  end_offset: number;
  /** certain | likely. */
  confidence: string;
  entry_id: string | null;
  /** Sealed at rest: the text matched. */
  match_text: string;
  /** Sealed at rest: JSON { before, after }, the words around the match. */
  context: string;
  /** Keyed blind index of the kind, the folded match and its folded neighbouring words. */
  fingerprint: string;
  /** open | accepted. */
  decision: string;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface AnonymisationTables {
  anonymisation_checks: AnonymisationChecksTable;
  anonymisation_findings: AnonymisationFindingsTable;
}
