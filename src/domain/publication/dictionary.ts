// A review's bilingual pseudonym dictionary (issue 13 item 1; DOMAIN.md §6.7, §7.3): each real identifier of
// the case — a person's name, a school, a street, a town, a hospital, a worker's name — and the term a
// published document writes instead, in English and in Welsh ("Child A" / "Plentyn A", "Mother" / "Mam",
// "School 1" / "Ysgol 1"). Pure: categories with their default terms, the rules an entry must keep, and the
// variants of a real identifier a scanner looks for (case, possessives, Welsh mutations).
//
// A real identifier may be written several ways (a nickname, a second spelling): one spelling a line, all
// standing for the one term. Two real identifiers never share a published term (the terms are unique in
// each language on a review): a second spelling goes on the same entry's lines instead, so a term never
// stands for two things by accident.
//
// Welsh mutation forms are derived here (never stored): the terms are written through pseudonymTermText and
// mutateCy like the referral's pseudonyms ("am Fam", "i Ysgol 1"), and the variants of a real identifier
// include its soft, nasal and aspirate forms ("i Fangor", "ym Mangor", "yng Nghaerdydd", "a Chaerdydd").
import type { Language } from '../organisation.ts';
import { type PseudonymTerm, pseudonymTermText } from '../pseudonyms.ts';
import { foldText, nameProblem } from '../text.ts';
import { MUTATIONS, type Mutation, mutateCy } from '../welsh.ts';

export const DICTIONARY_CATEGORIES = [
  'child',
  'parent_carer',
  'sibling',
  'other_family',
  'professional',
  'school',
  'street',
  'place',
  'health_setting',
  'organisation',
  'other',
] as const;
export type DictionaryCategory = (typeof DICTIONARY_CATEGORIES)[number];

/** The categories whose real identifiers are people's names (replaced by their parts too: a surname alone). */
export const PERSON_CATEGORIES: readonly DictionaryCategory[] = ['child', 'parent_carer', 'sibling', 'other_family', 'professional'];

export function isDictionaryCategory(value: string): value is DictionaryCategory {
  return (DICTIONARY_CATEGORIES as readonly string[]).includes(value);
}

/**
 * The terms offered for each category, the first being its default (WELSH.md's termbase where it has the
 * word). Offered, not imposed: an entry may use any term. "other" has none: its term is always written.
 */
export const CATEGORY_TERMS: Readonly<Record<DictionaryCategory, readonly { en: string; cy: string }[]>> = {
  child: [{ en: 'Child', cy: 'Plentyn' }],
  parent_carer: [
    { en: 'Mother', cy: 'Mam' },
    { en: 'Father', cy: 'Tad' },
    { en: 'Carer', cy: 'Gofalwr' },
    { en: 'Stepfather', cy: 'Llystad' },
    { en: 'Stepmother', cy: 'Llysfam' },
  ],
  sibling: [
    { en: 'Sibling', cy: 'Brawd neu chwaer' },
    { en: 'Brother', cy: 'Brawd' },
    { en: 'Sister', cy: 'Chwaer' },
  ],
  other_family: [
    { en: 'Family member', cy: 'Aelod o’r teulu' },
    { en: 'Grandmother', cy: 'Mam-gu' },
    { en: 'Grandfather', cy: 'Tad-cu' },
    { en: 'Aunt', cy: 'Modryb' },
    { en: 'Uncle', cy: 'Ewythr' },
  ],
  professional: [
    { en: 'Social worker', cy: 'Gweithiwr cymdeithasol' },
    { en: 'Health visitor', cy: 'Ymwelydd iechyd' },
    { en: 'Police officer', cy: 'Swyddog heddlu' },
    { en: 'GP', cy: 'Meddyg teulu' },
    { en: 'Teacher', cy: 'Athro' },
  ],
  school: [{ en: 'School', cy: 'Ysgol' }],
  street: [{ en: 'Street', cy: 'Stryd' }],
  place: [{ en: 'Town', cy: 'Tref' }],
  health_setting: [
    { en: 'Hospital', cy: 'Ysbyty' },
    { en: 'GP surgery', cy: 'Meddygfa' },
  ],
  organisation: [{ en: 'Organisation', cy: 'Sefydliad' }],
  other: [],
};

/** How a term is compared (and keyed unique): the one fold of text.ts. */
export const foldTerm = foldText;

/**
 * The category's default term, numbered when taken ("School", then "School 2"; "Ysgol", "Ysgol 2"), so
 * suggesting it never clashes with a term the review already has. Null for "other".
 */
export function suggestedTerm(category: DictionaryCategory, taken: { en: readonly string[]; cy: readonly string[] }): { en: string; cy: string } | null {
  const base = CATEGORY_TERMS[category][0];
  if (!base) return null;
  const en = new Set(taken.en.map(foldTerm));
  const cy = new Set(taken.cy.map(foldTerm));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : { en: `${base.en} ${n}`, cy: `${base.cy} ${n}` };
    if (!en.has(foldTerm(candidate.en)) && !cy.has(foldTerm(candidate.cy))) return candidate;
  }
}

/** An entry's term as a pseudonym term (no index: the number, if any, is part of the term). */
function dictionaryTerm(entry: { termEn: string; termCy: string }): PseudonymTerm {
  return { en: entry.termEn, cy: entry.termCy, index: 'none' };
}

/** The spellings of a real identifier: its lines, trimmed, without empty ones or repeats. */
export function spellingsOf(realIdentifier: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const line of realIdentifier.split('\n')) {
    const spelling = line.replace(/\s+/g, ' ').trim();
    if (spelling === '' || seen.has(foldTerm(spelling))) continue;
    seen.add(foldTerm(spelling));
    out.push(spelling);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Rules of an entry

export const DICTIONARY_LIMITS = { realIdentifier: 1000, spelling: 200, term: 100, spellings: 10 } as const;

export interface EntryInput {
  category: string;
  realIdentifier: string;
  termEn: string;
  termCy: string;
}

export interface CheckedEntry {
  category: DictionaryCategory;
  /** The spellings, one a line, as stored (sealed). */
  realIdentifier: string;
  termEn: string;
  termCy: string;
}

/** Another entry of the review, for the rules between entries. */
export interface OtherEntry {
  realIdentifier: string;
  termEn: string;
  termCy: string;
}

const E = 'dictionary:errors.';

/** Whether `inner` occurs in `outer` as whole words (folded): "Mam" is in "Mam Dafydd", not in "Mamgu". */
export function containsWords(outer: string, inner: string): boolean {
  const o = foldTerm(outer);
  const i = foldTerm(inner);
  if (i === '') return false;
  let at = o.indexOf(i);
  while (at !== -1) {
    const before = at === 0 ? '' : o.charAt(at - 1);
    const after = o.charAt(at + i.length);
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    at = o.indexOf(i, at + 1);
  }
  return false;
}

/**
 * The entry checked against the rules, or its field errors (locale keys): a category; a real identifier of
 * one to ten spellings; both terms, each unlike every spelling of its own real identifier (a term that is,
 * or holds, the real name publishes it) and unlike every other entry's terms in its language (one term, one
 * real identifier); no spelling that holds another entry's term (the scanner could not tell the term in a
 * published text from the real name), and no term that holds another entry's real identifier.
 */
export function checkEntry(
  input: EntryInput,
  others: readonly OtherEntry[],
): { ok: true; value: CheckedEntry } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!isDictionaryCategory(input.category)) errors.category = `${E}categoryRequired`;
  const spellings = spellingsOf(input.realIdentifier);
  // Each spelling is a name (one line each): the rule for names, text.ts.
  const badSpelling = input.realIdentifier.split('\n').map(nameProblem).find(Boolean);
  if (badSpelling) errors.realIdentifier = badSpelling;
  else if (spellings.length === 0) errors.realIdentifier = `${E}realRequired`;
  else if (spellings.length > DICTIONARY_LIMITS.spellings || spellings.some((s) => s.length > DICTIONARY_LIMITS.spelling))
    errors.realIdentifier = `${E}realTooLong`;
  const terms = { termEn: input.termEn.replace(/\s+/g, ' ').trim(), termCy: input.termCy.replace(/\s+/g, ' ').trim() };
  for (const [field, term] of Object.entries(terms) as [keyof typeof terms, string][]) {
    const lang = field === 'termEn' ? 'en' : 'cy';
    const bad = nameProblem(term);
    if (bad) errors[field] = bad;
    else if (term === '') errors[field] = `${E}${field}Required`;
    else if (term.length > DICTIONARY_LIMITS.term) errors[field] = `${E}termTooLong`;
    else if (spellings.some((s) => containsWords(term, s))) errors[field] = `${E}termIsReal`;
    else if (others.some((o) => foldTerm(lang === 'en' ? o.termEn : o.termCy) === foldTerm(term))) errors[field] = `${E}termTaken`;
    else if (others.some((o) => spellingsOf(o.realIdentifier).some((s) => containsWords(term, s)))) errors[field] = `${E}termIsAnothersReal`;
  }
  if (!errors.realIdentifier && spellings.some((s) => others.some((o) => containsWords(s, o.termEn) || containsWords(s, o.termCy))))
    errors.realIdentifier = `${E}realHoldsTerm`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { category: input.category as DictionaryCategory, realIdentifier: spellings.join('\n'), ...terms } };
}

// ---------------------------------------------------------------------------------------------------------
// What a scanner looks for

export type VariantKind = 'written' | 'lower' | 'upper' | 'possessive' | Mutation;

export interface TermVariant {
  text: string;
  kind: VariantKind;
}

/**
 * The forms of a real identifier (each spelling of it) a document may hold: as written, in lower case and
 * in capitals, possessive ("Dafydd's", "Dafydd’s"; "Jones'" for a name ending in s), and in Welsh its soft,
 * nasal and aspirate mutations where they differ ("Dafydd" → "Ddafydd", "Nafydd"; "Caerdydd" → "Gaerdydd",
 * "Nghaerdydd", "Chaerdydd"; "Bangor" → "Fangor", "Mangor"), with their possessives. Exact texts, each
 * once; a scanner compares them ignoring case. A name whose first letters never mutate (Elin, Llinos after
 * a nasal, Thomas) has no mutated forms. O(S) for S spellings.
 */
export function termVariants(realIdentifier: string): TermVariant[] {
  const out: TermVariant[] = [];
  const seen = new Set<string>();
  const add = (text: string, kind: VariantKind) => {
    if (text === '' || seen.has(text)) return;
    seen.add(text);
    out.push({ text, kind });
  };
  const possessives = (text: string): string[] => (/s$/i.test(text) ? [`${text}'`, `${text}’`] : [`${text}'s`, `${text}’s`]);
  for (const spelling of spellingsOf(realIdentifier)) {
    add(spelling, 'written');
    add(spelling.toLowerCase(), 'lower');
    add(spelling.toUpperCase(), 'upper');
    for (const p of possessives(spelling)) add(p, 'possessive');
    for (const m of MUTATIONS) {
      const mutated = mutateCy(spelling, m);
      if (mutated === spelling) continue;
      add(mutated, m);
      for (const p of possessives(mutated)) add(p, m);
    }
  }
  return out;
}

/** An entry's term for a reader (Welsh mutated after a word that mutates it: "am Fam"). */
export function entryTermText(entry: { termEn: string; termCy: string }, language: Language, mutation?: Mutation): string {
  return pseudonymTermText(dictionaryTerm(entry), null, language, mutation);
}
