// Pseudonyms: the people of a case are never named outside their restricted details, but known by a kind
// and an index — "Child A", "Family member 1", "Person 2" — stored as the kind and the index and written
// in the reader's language only when shown (WELSH.md §1, §3): "Plentyn A", "Aelod o’r teulu 1", "Person 2",
// and "am Blentyn A" after a word that mutates it. Pure.
//
// A kind is a bilingual term and how its index is written. The built-in kinds are the referral's; a
// later bilingual dictionary (a published report's "Mother" / "Mam", "i Fam") adds its own terms of the
// same shape and writes them with pseudonymTermText, through the same mutation helper (welsh.ts).
import type { Language } from './organisation.ts';
import { type Mutation, mutateCy } from './welsh.ts';

/** How an index is written after the term: letters (1 → A, 27 → AA), digits, or not at all. */
export type IndexStyle = 'letters' | 'digits' | 'none';

export interface PseudonymTerm {
  en: string;
  cy: string;
  index: IndexStyle;
}

export const PSEUDONYM_KINDS = ['child', 'family_member', 'significant_person'] as const;
export type PseudonymKind = (typeof PSEUDONYM_KINDS)[number];

export const PSEUDONYM_TERMS: Readonly<Record<PseudonymKind, PseudonymTerm>> = {
  child: { en: 'Child', cy: 'Plentyn', index: 'letters' },
  family_member: { en: 'Family member', cy: 'Aelod o’r teulu', index: 'digits' },
  significant_person: { en: 'Person', cy: 'Person', index: 'digits' },
};

export interface Pseudonym {
  kind: PseudonymKind;
  /** From 1: the child's number on the board (board_counters), a family member's place on the referral. */
  index: number;
}

export function isPseudonymKind(value: string): value is PseudonymKind {
  return (PSEUDONYM_KINDS as readonly string[]).includes(value);
}

/** The child's pseudonym from their number on the board. */
export function childPseudonym(childNumber: number): Pseudonym {
  return { kind: 'child', index: childNumber };
}

/** 1 → A, 26 → Z, 27 → AA (bijective base 26). */
export function indexLetters(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('index must be a positive integer');
  let letters = '';
  let rest = n;
  while (rest > 0) {
    const r = (rest - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

function indexText(style: IndexStyle, index: number | null): string | null {
  if (style === 'none' || index === null) return null;
  if (style === 'letters') return indexLetters(index);
  if (!Number.isInteger(index) || index < 1) throw new RangeError('index must be a positive integer');
  return String(index);
}

/**
 * A term with its index in the language asked for; in Welsh mutated when asked (the mutation follows the
 * word before it: "am" soft, "a" aspirate, "yn" nasal). English ignores the mutation.
 */
export function pseudonymTermText(term: PseudonymTerm, index: number | null, language: Language, mutation?: Mutation): string {
  const written = indexText(term.index, index);
  const text = written === null ? term[language] : `${term[language]} ${written}`;
  return language === 'cy' && mutation ? mutateCy(text, mutation) : text;
}

/** The one way a pseudonym is written for a reader: "Child A" / "Plentyn A" (and "Blentyn A" after "am"). */
export function pseudonymText(p: Pseudonym, language: Language, mutation?: Mutation): string {
  return pseudonymTermText(PSEUDONYM_TERMS[p.kind], p.index, language, mutation);
}

/** Both languages' renderings, for the API and for anything written in both. */
export function pseudonymForms(p: Pseudonym): Pseudonym & { en: string; cy: string } {
  return { kind: p.kind, index: p.index, en: pseudonymText(p, 'en'), cy: pseudonymText(p, 'cy') };
}

/** Order for lists: by kind as listed in PSEUDONYM_KINDS, then by index (Child B before Child AA). */
export function comparePseudonyms(a: Pseudonym, b: Pseudonym): number {
  return PSEUDONYM_KINDS.indexOf(a.kind) - PSEUDONYM_KINDS.indexOf(b.kind) || a.index - b.index;
}

/** A family member's pseudonym: the kind from whether they are family or another significant person. */
export function familyPseudonym(isSignificantPerson: boolean, index: number): Pseudonym {
  return { kind: isSignificantPerson ? 'significant_person' : 'family_member', index };
}
