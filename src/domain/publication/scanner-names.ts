// Likely personal and place names not in the dictionary (issue 13 item 2), English and Welsh. Two sources:
// - English: the `compromise` NLP library's people and places (imported on first use only, so a server
//   that never scans an English text, and tests that never scan, do not load it: ADR 0011);
// - both languages, what English NLP cannot do for Welsh: capitalised words that are not at a sentence start
//   and not common words (scanner-words.ts), Welsh de-mutation (Nghaerdydd → Caerdydd, Fangor → Bangor,
//   Ddafydd → Dafydd, Gaerfyrddin → Caerfyrddin) against a gazetteer and a list of given names, and context
//   cues: titles (Mr, Dr), street and school words (Heol, Ysgol, Street, Primary School), prepositions
//   (yng, ym, i, o, ger; in, from, near) and gyda/â/gan before a name.
// Words inside protected spans (the dictionary's terms and published terms, the known terms) are never
// flagged. One pass over the words: O(text length).
import type { Language } from '../organisation.ts';
import type { FindingKind } from './findings.ts';
import type { Hit } from './scanner-patterns.ts';
import { COMMON_WORDS, GIVEN_NAMES, NAME_CUES, PERSON_PREPOSITIONS, PLACE_PREFIXES, PLACE_PREPOSITIONS, PLACE_SUFFIXES, PLACES } from './scanner-words.ts';

const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’']/g, "'");
const set = (list: readonly string[]) => new Set(list.map(fold));
const COMMON = set(COMMON_WORDS);
const NAMES = set(GIVEN_NAMES);
const PLACE_SET = set(PLACES);
const NAME_CUE = set(NAME_CUES);
const SUFFIX = set(PLACE_SUFFIXES);
const PREFIX = set(PLACE_PREFIXES);
const PLACE_PREP = set(PLACE_PREPOSITIONS);
const PERSON_PREP = set(PERSON_PREPOSITIONS);
const CONNECTORS = set(['y', 'yr', "'r", 'ar', 'of', 'upon', 'the', 'de', 'le']);

// The reverse of each Welsh mutation: what a mutated first letter (or letters) may have been. Longest first.
const UNMUTATE: readonly (readonly [string, readonly string[]])[] = [
  ['ngh', ['c']],
  ['mh', ['p']],
  ['nh', ['t']],
  ['ng', ['g']],
  ['ph', ['p']],
  ['th', ['t']],
  ['ch', ['c']],
  ['dd', ['d']],
  ['b', ['p']],
  ['d', ['t']],
  ['g', ['c']],
  ['f', ['b', 'm']],
  ['l', ['ll']],
  ['r', ['rh']],
  ['m', ['b']],
  ['n', ['d']],
];

/** The radical forms a (folded) Welsh word may be a mutation of, the word itself first: "nghaerdydd" → caerdydd; "orffennaf" → gorffennaf. */
export function demutations(folded: string): string[] {
  const out = [folded];
  for (const [from, tos] of UNMUTATE) {
    if (folded.startsWith(from) && folded.length > from.length + 1) for (const to of tos) out.push(to + folded.slice(from.length));
  }
  // Soft mutation drops g: a word starting with a vowel, l, r or w may have lost it (Aerfyrddin is rare; Wasanaethau, Lan).
  if (/^[aeiouwylr]/.test(folded)) out.push(`g${folded}`);
  return out;
}

interface Token {
  start: number;
  end: number;
  /** Folded, without a possessive ending. */
  key: string;
  forms: string[];
  capital: boolean;
  sentenceStart: boolean;
  protected: boolean;
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}’'-]*/gu;

function tokenise(text: string, language: Language, isProtected: (start: number, end: number) => boolean): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0].replace(/[’'-]+$/u, '');
    word = word.replace(/[’']s$/u, '');
    const start = m.index;
    const end = start + word.length;
    const key = fold(word);
    const first = word.charAt(0);
    const capitals = (word.match(/\p{Lu}/gu) ?? []).length;
    // An acronym (GP, NHS, CYSUR) is not a name; a capital and the rest lower (or Mc/O’) is.
    const capital = first !== first.toLowerCase() && !(capitals >= 2 && capitals === (word.match(/\p{L}/gu) ?? []).length);
    const before = text.slice(Math.max(0, start - 12), start).replace(/[\s"“‘'([]+$/u, '');
    const sentenceStart = before === '' || /[.!?:;•\n]$/u.test(before) || /\n\s*$/u.test(text.slice(Math.max(0, start - 4), start));
    const forms = language === 'cy' ? demutations(key) : [key];
    out.push({ start, end, key, forms, capital, sentenceStart, protected: isProtected(start, end) });
  }
  return out;
}

const anyIn = (forms: readonly string[], list: ReadonlySet<string>) => forms.some((f) => list.has(f));

/** The likely names and places of a text from its words (both languages), without NLP. */
export function findNameHits(text: string, language: Language, isProtected: (start: number, end: number) => boolean): Hit[] {
  const tokens = tokenise(text, language, isProtected);
  const out: Hit[] = [];
  const flag = (kind: FindingKind, start: number, end: number) => out.push({ kind, start, end });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!t.capital || t.protected) continue;
    const prev = tokens[i - 1];
    // A title before it, even after a full stop ("Mr. Patel").
    const afterTitle = prev !== undefined && NAME_CUE.has(prev.key) && /^[\s.]*$/u.test(text.slice(prev.end, t.start));
    const common = COMMON.has(t.key) || (language === 'cy' && anyIn(t.forms.slice(1), COMMON) && !anyIn(t.forms, NAMES) && !anyIn(t.forms, PLACE_SET));
    // A run of capitalised words ending in a street or school word: "Church Street", "Riverside Primary School".
    if (SUFFIX.has(t.key) && prev?.capital && !prev.protected && adjacent(text, prev, t)) {
      let first = i - 1;
      while (first > 0 && tokens[first - 1]?.capital && !tokens[first - 1]?.protected && adjacent(text, tokens[first - 1] as Token, tokens[first] as Token))
        first--;
      const head = tokens[first] as Token;
      if (!(head.sentenceStart && first === i - 1 && COMMON.has(head.key))) flag('likely_place', head.start, t.end);
      continue;
    }
    if (common && !afterTitle) continue;
    if (afterTitle) {
      flag('likely_name', t.start, t.end);
      continue;
    }
    // After a street or school word ("Heol y Frenhines", "Ysgol Gynradd Y Garth", "Ysbyty Gwynedd").
    const prefix = placePrefixBefore(tokens, i, text);
    if (prefix !== null) {
      flag('likely_place', prefix, t.end);
      continue;
    }
    if (anyIn(t.forms, PLACE_SET)) {
      flag('likely_place', t.start, t.end);
      continue;
    }
    if (anyIn(t.forms, NAMES)) {
      flag('likely_name', t.start, t.end);
      continue;
    }
    if (t.sentenceStart) continue;
    if (prev && PLACE_PREP.has(prev.key) && !prev.capital) flag('likely_place', t.start, t.end);
    else if (prev && PERSON_PREP.has(prev.key)) flag('likely_name', t.start, t.end);
    else flag('likely_name', t.start, t.end);
  }
  return out;
}

function adjacent(text: string, a: Token, b: Token): boolean {
  return /^[\s-]{1,2}$/u.test(text.slice(a.end, b.start));
}

/** The start of a place word (Ysgol, Heol…) before token i, across capitalised words and connectors, or null. */
function placePrefixBefore(tokens: readonly Token[], i: number, text: string): number | null {
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const t = tokens[j] as Token;
    const next = tokens[j + 1] as Token;
    if (!adjacent(text, t, next)) return null;
    if (PREFIX.has(t.key) && t.capital) return t.start;
    if (!t.capital && !CONNECTORS.has(t.key)) return null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// English NLP (compromise), loaded on first use

type Nlp = typeof import('compromise').default;
let nlpLoading: Promise<Nlp> | undefined;

/** The compromise library, imported once on first call. */
function loadNlp(): Promise<Nlp> {
  nlpLoading ??= import('compromise').then((m) => m.default);
  return nlpLoading;
}

interface Offset {
  offset?: { start: number; length: number };
}

/** The people and places compromise finds in an English text, trimmed to their words; words of COMMON alone are not kept. */
export async function findNlpHits(text: string, isProtected: (start: number, end: number) => boolean): Promise<Hit[]> {
  const nlp = await loadNlp();
  const doc = nlp(text);
  const out: Hit[] = [];
  const take = (kind: FindingKind, matches: readonly Offset[]) => {
    for (const { offset } of matches) {
      if (!offset) continue;
      let start = offset.start;
      let end = offset.start + offset.length;
      while (start < end && !/[\p{L}\p{N}]/u.test(text.charAt(start))) start++;
      while (end > start && !/[\p{L}\p{N}]/u.test(text.charAt(end - 1))) end--;
      const words = text.slice(start, end).match(/[\p{L}’'-]+/gu) ?? [];
      if (end <= start || isProtected(start, end)) continue;
      if (words.every((w) => COMMON.has(fold(w.replace(/[’']s$/u, ''))))) continue;
      out.push({ kind, start, end });
    }
  };
  take('likely_name', doc.people().json({ offset: true }) as Offset[]);
  take('likely_place', doc.places().json({ offset: true }) as Offset[]);
  return out;
}
