// The access matrix's two boards and their marker words (src/http/access-matrix.test.ts): every record of a board
// carries its words, so a leak of one board's data, or of a child's restricted details, can be searched for in any
// answer.
export const BOARD_KEYS = ['A', 'B'] as const;
export type BoardKey = (typeof BOARD_KEYS)[number];

/**
 * What a marker word stands for, and so who may see it: `directory` (names and emails of a board's people,
 * its agencies and its name: anyone holding a role on the board, and deployment administrators),
 * `case` (facts, reasons, rationale, meeting places: referral.view on the board) and `restricted` (the
 * child's and family's names, address, contact details and date of birth: referral.view_restricted).
 */
export type MarkerKind = 'directory' | 'case' | 'restricted';
export const MARKER_KINDS: readonly MarkerKind[] = ['directory', 'case', 'restricted'];

/** The word every record of a board carries, per kind: 'Avocetcase' is case material of board A. */
export function markerWord(board: BoardKey, kind: MarkerKind): string {
  const bird = board === 'A' ? 'Avocet' : 'Bittern';
  return `${bird}${kind === 'directory' ? 'dir' : kind === 'case' ? 'case' : 'secret'}`;
}

export interface Marker {
  board: BoardKey;
  kind: MarkerKind;
  text: string;
}
