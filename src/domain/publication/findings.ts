// What the anonymisation check finds in a document before it may be published (issue 13 item 2; DOMAIN.md §6.7,
// §8.6 R7): the kinds of finding, and one finding's place in the text it was found in. The scanner
// (./scanner.ts) makes them from a text, the review's dictionary and the dates of birth of its people; the check
// (src/services/publication) keeps them, shows each in its context, and information governance fixes or accepts
// each one with a reason. Pure.
import type { IsoDate } from '../clock/dates.ts';
import type { Language } from '../organisation.ts';
import type { DictionaryCategory } from './dictionary.ts';

export const FINDING_KINDS = [
  // A spelling of a dictionary entry's real identifier, or one of its variants (case, possessive, Welsh mutation).
  'dictionary_term',
  // A date that is one of the review's people's dates of birth, in any written form.
  'date_of_birth',
  // Any other exact date (day, month and year): it could identify; flagged for information governance to judge.
  'exact_date',
  'postcode',
  'phone',
  'email',
  'nhs_number',
  'ni_number',
  // A likely personal name not in the dictionary (English or Welsh, mutated forms included).
  'likely_name',
  // A likely place (town, street, school, hospital…) not in the dictionary.
  'likely_place',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** An entry of the review's dictionary as the scanner reads it: the real identifier (spellings, one a line) and its terms. */
export interface ScanDictionaryEntry {
  id: string;
  category: DictionaryCategory;
  realIdentifier: string;
  termEn: string;
  termCy: string;
}

export interface ScanInput {
  /** The text as it would be published (one section of a document), in its language. */
  text: string;
  language: Language;
  dictionary: readonly ScanDictionaryEntry[];
  /** The dates of birth of the review's people, so a written date of birth is reported as one. */
  datesOfBirth?: readonly IsoDate[];
  /**
   * Words and phrases the document may use that look like names but are not: the dictionary's published terms
   * ("Child A", "Plentyn A"), the involved agencies' and the board's names, role titles.
   */
  knownTerms?: readonly string[];
}

export interface ScanFinding {
  kind: FindingKind;
  /** Where in the text (UTF-16 offsets, end exclusive): `text.slice(start, end) === match`. */
  start: number;
  end: number;
  match: string;
  /** For a dictionary term: the entry it belongs to (its published term is the fix to offer). */
  entryId?: string;
  /** Patterns and dictionary terms are certain; names and places found by language analysis are likely. */
  confidence: 'certain' | 'likely';
}

/** The words around a finding, for showing it in context (cut at word boundaries where it can be). */
export function findingContext(text: string, finding: Pick<ScanFinding, 'start' | 'end'>, width = 60): { before: string; match: string; after: string } {
  let from = Math.max(0, finding.start - width);
  let to = Math.min(text.length, finding.end + width);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < finding.start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > finding.end) to = space;
  }
  return {
    before: `${from > 0 ? '…' : ''}${text.slice(from, finding.start)}`,
    match: text.slice(finding.start, finding.end),
    after: `${text.slice(finding.end, to)}${to < text.length ? '…' : ''}`,
  };
}
