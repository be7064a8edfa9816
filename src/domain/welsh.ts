// Welsh initial-consonant mutation for names the code puts after a word that mutates them (WELSH.md §3):
// "am Blentyn A", "i Fwrdd Diogelu Plant Dyffryn Teifi", "a Phlentyn B", "yng Nghaerdydd". Pure.
//
// Only the first letter(s) of the first word change. Left as they are: the digraphs that do not mutate
// (ch, dd, ff, ng, ph, th), vowels, h and anything else that is not a mutable consonant, digits, acronyms
// (two or more capitals: CYSUR, BLlDP), and words with letters Welsh does not use (j, k, q, v, x, z), which
// are taken to be from another language. ll and rh are tested before the single letters l and r (which do
// not mutate). A capital stays a capital: Bwrdd → Fwrdd, Gwasanaethau → Wasanaethau, Caerdydd → Nghaerdydd.
//
// Strings that put a name after a mutating word take a pre-mutated variable named for its mutation
// (`{{childCodeSoft}}`, `{{boardNasal}}`, `{{childCodeAspirate}}`): see mutationVariables, src/welsh-locales.test.ts and docs/welsh.md.
// People's own names are never mutated by code (WELSH.md §3): the strings avoid the mutating word instead.
import type { Language } from './organisation.ts';

export const MUTATIONS = ['soft', 'nasal', 'aspirate'] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** What each mutation makes of a word's first consonant(s); longest first, so ll and rh win over l and r. */
const RULES: Record<Mutation, readonly (readonly [string, string])[]> = {
  soft: [
    ['ll', 'l'],
    ['rh', 'r'],
    ['p', 'b'],
    ['t', 'd'],
    ['c', 'g'],
    ['b', 'f'],
    ['d', 'dd'],
    ['g', ''],
    ['m', 'f'],
  ],
  nasal: [
    ['p', 'mh'],
    ['t', 'nh'],
    ['c', 'ngh'],
    ['b', 'm'],
    ['d', 'n'],
    ['g', 'ng'],
  ],
  aspirate: [
    ['p', 'ph'],
    ['t', 'th'],
    ['c', 'ch'],
  ],
};

/** Digraphs that are letters of their own and never mutate (the first letter alone would). */
const UNCHANGED_DIGRAPHS = ['ch', 'dd', 'ff', 'ng', 'ph', 'th'];

const FOREIGN_LETTERS = /[jkqvxz]/i;

function isAcronym(word: string): boolean {
  return (word.match(/\p{Lu}/gu) ?? []).length >= 2;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The text with its first word mutated ('soft', 'nasal' or 'aspirate'), or unchanged where that word does
 * not mutate. Only for Welsh text: English words are not guarded against (Person → Berson).
 */
export function mutateCy(text: string, mutation: Mutation): string {
  const word = /^\p{L}+/u.exec(text)?.[0];
  if (!word || isAcronym(word) || FOREIGN_LETTERS.test(word)) return text;
  const lower = word.toLowerCase();
  if (UNCHANGED_DIGRAPHS.some((d) => lower.startsWith(d))) return text;
  const rule = RULES[mutation].find(([from]) => lower.startsWith(from));
  if (!rule) return text;
  const [from, to] = rule;
  const rest = text.slice(from.length);
  if (to === '' && rest === '') return text;
  const mutated = `${to}${rest}`;
  const wasCapital = word.charAt(0) !== lower.charAt(0);
  return wasCapital ? capitalise(mutated) : mutated;
}

/** The suffix of a pre-mutated i18n variable: childCode → childCodeSoft, childCodeNasal, childCodeAspirate. */
export const MUTATION_SUFFIXES: Readonly<Record<Mutation, string>> = { soft: 'Soft', nasal: 'Nasal', aspirate: 'Aspirate' };

/**
 * i18n variables for a name that a string may put after a mutating word: `name` as it is, and
 * `nameSoft`, `nameNasal`, `nameAspirate` mutated for a Welsh reader (the same text for an English one).
 */
export function mutationVariables(name: string, text: string, language: Language): Record<string, string> {
  const variables: Record<string, string> = { [name]: text };
  for (const mutation of MUTATIONS) variables[`${name}${MUTATION_SUFFIXES[mutation]}`] = language === 'cy' ? mutateCy(text, mutation) : text;
  return variables;
}

/**
 * The preposition "yn" ('in') before a word it nasally mutates takes the form the word's new first letters ask
 * for: "ym Mangor", "yng Nghaerdydd", "yn Nhrefynwy". Given the text before a word (ending in "yn ", "ym " or
 * "yng ", any case) and the word as it will now be written, the text before with the preposition agreeing
 * ("yng " + "Nhref 1" → "yn "); any other text before is returned as it is.
 */
export function agreeYn(before: string, word: string): string {
  const m = /(^|[^\p{L}])([Yy])(ng|m|n)(\s+)$/iu.exec(before);
  if (!m) return before;
  const lower = word.toLowerCase();
  const form = lower.startsWith('ng') ? 'ng' : lower.startsWith('m') ? 'm' : 'n';
  const [, lead = '', y = 'y', old = 'n', space = ' '] = m;
  const written = old === old.toUpperCase() && old !== old.toLowerCase() && y === 'Y' ? form.toUpperCase() : form;
  return `${before.slice(0, m.index)}${lead}${y}${written}${space}`;
}
