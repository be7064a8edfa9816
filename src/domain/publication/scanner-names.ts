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
import {
  COMMON_WORDS,
  GIVEN_NAMES,
  NAME_CUES,
  PERSON_PREPOSITIONS,
  PLACE_PREFIXES,
  PLACE_PREPOSITIONS,
  PLACE_SUFFIXES,
  PLACES,
  WELSH_COMMON_ENDINGS,
} from './scanner-words.ts';

const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’']/g, "'");
const set = (list: readonly string[]) => new Set(list.map(fold));
const COMMON = set(COMMON_WORDS);
const NAMES = set(GIVEN_NAMES);
const PLACE_SET = set(PLACES);
const NAME_CUE = set(NAME_CUES);
const SUFFIX = set(PLACE_SUFFIXES);
const STRONG_SUFFIX = set(['street', 'road', 'lane', 'avenue', 'close', 'drive', 'crescent', 'terrace', 'hospital', 'infirmary']);
const PREFIX = set(PLACE_PREFIXES);
const PLACE_PREP = set(PLACE_PREPOSITIONS);
const PERSON_PREP = set(PERSON_PREPOSITIONS);
const WELSH_ENDING = new RegExp(`(?:${WELSH_COMMON_ENDINGS.join('|')})$`, 'u');
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
    // Welsh elisions after a word: "Dechrau’n Deg", "Gyda’r" ('n, 'r, 'i, 'u, 'm, 'th, 'ch).
    if (language === 'cy') word = word.replace(/[’'](?:n|r|i|u|m|th|ch)$/u, '');
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

/** What an English word is to the NLP library's lexicon: a given name or surname, a place, another word, or unknown. */
export type WordSense = (key: string) => 'name' | 'place' | 'common' | undefined;

/**
 * The likely names and places of a text from its words (both languages). `sense` (English texts: the NLP
 * library's lexicon) adds its names and places, and keeps its common words from being taken for names.
 */
export function findNameHits(text: string, language: Language, isProtected: (start: number, end: number) => boolean, sense?: WordSense): Hit[] {
  const tokens = tokenise(text, language, isProtected);
  const out: Hit[] = [];
  const flag = (kind: FindingKind, start: number, end: number) => out.push({ kind, start, end });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!t.capital || t.protected) continue;
    const prev = tokens[i - 1];
    // A title before it, even after a full stop ("Mr. Patel").
    const afterTitle = prev !== undefined && NAME_CUE.has(prev.key) && /^[\s.]*$/u.test(text.slice(prev.end, t.start));
    const common =
      COMMON.has(t.key) ||
      (language === 'cy' && anyIn(t.forms.slice(1), COMMON) && !anyIn(t.forms, NAMES) && !anyIn(t.forms, PLACE_SET)) ||
      // A compound of common words ("Polish-speaking", "Multi-agency").
      (t.key.includes('-') && t.key.split('-').every((part) => COMMON.has(part) || sense?.(part) === 'common'));
    // A run of capitalised words ending in a street or school word: "Church Street", "Riverside Primary School".
    if (SUFFIX.has(t.key) && prev?.capital && !prev.protected && adjacent(text, prev, t)) {
      let first = i - 1;
      while (first > 0 && tokens[first - 1]?.capital && !tokens[first - 1]?.protected && adjacent(text, tokens[first - 1] as Token, tokens[first] as Token))
        first--;
      const head = tokens[first] as Token;
      // Not when every word before it is a common one ("Family Court", "Primary School"), but a hospital or a
      // street so named is one place all the same ("University Hospital", "Station Road").
      if (STRONG_SUFFIX.has(t.key) || tokens.slice(first, i).some((w) => !COMMON.has(w.key))) {
        flag('likely_place', head.start, t.end);
        continue;
      }
    }
    // After a street or school word ("Heol y Frenhines", "Ysgol Gynradd Y Garth", "Ysbyty Gwynedd"); a common
    // word only across a connector ("Heol y Frenhines" is a street, "Ysgol Gynradd" alone is not a place).
    const prefix = placePrefixBefore(tokens, i, text);
    if (prefix !== null && (!common || prefix.viaConnector)) {
      flag('likely_place', prefix.start, t.end);
      continue;
    }
    if (common && !afterTitle) continue;
    if (afterTitle) {
      flag('likely_name', t.start, t.end);
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
    const lexical = sense?.(t.key);
    if (lexical === 'name' || lexical === 'place') {
      flag(lexical === 'name' ? 'likely_name' : 'likely_place', t.start, t.end);
      continue;
    }
    if (t.sentenceStart || lexical === 'common') continue;
    if (language === 'cy' && WELSH_ENDING.test(t.key)) continue;
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
function placePrefixBefore(tokens: readonly Token[], i: number, text: string): { start: number; viaConnector: boolean } | null {
  let viaConnector = false;
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const t = tokens[j] as Token;
    const next = tokens[j + 1] as Token;
    if (!adjacent(text, t, next)) return null;
    if (PREFIX.has(t.key) && t.capital) return { start: t.start, viaConnector };
    if (CONNECTORS.has(t.key)) viaConnector = true;
    else if (!t.capital) return null;
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

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName']);
const PLACE_TAGS = new Set(['Place', 'City', 'Region', 'Town']);
let lexiconSense: WordSense | undefined;

/** The sense of English words from compromise's lexicon (about 24,000 words), trying -s, -es, -ing, -ed endings off. */
export async function englishSense(): Promise<WordSense> {
  if (lexiconSense) return lexiconSense;
  const nlp = await loadNlp();
  const lexicon = nlp.world().model.one as { lexicon?: Record<string, string | string[]> };
  const entries = lexicon.lexicon ?? {};
  const tagsOf = (word: string): string[] | undefined => {
    const tags = Object.hasOwn(entries, word) ? entries[word] : undefined;
    return tags === undefined ? undefined : Array.isArray(tags) ? tags : [tags];
  };
  lexiconSense = (key: string) => {
    const exact = tagsOf(key);
    if (exact?.some((t) => NAME_TAGS.has(t))) return 'name';
    if (exact?.some((t) => PLACE_TAGS.has(t))) return 'place';
    if (exact) return 'common';
    for (const [ending, replace] of [
      ['ies', 'y'],
      ['es', ''],
      ['s', ''],
      ['ing', ''],
      ['ing', 'e'],
      ['ed', ''],
      ['ed', 'e'],
      ['al', ''],
    ] as const) {
      if (key.length > ending.length + 2 && key.endsWith(ending) && tagsOf(key.slice(0, -ending.length) + replace)) return 'common';
    }
    return undefined;
  };
  return lexiconSense;
}

interface Offset {
  offset?: { start: number; length: number };
}

/**
 * The paragraphs worth tagging: those holding a capitalised word that is neither protected nor a common word.
 * Tagging is most of an English scan's cost (ADR 0011: about a second a 20,000 characters, the event loop held
 * all the while); in a summary being anonymised most capitals are its published and known terms, so most
 * paragraphs need none. compromise tags sentence by sentence, so a paragraph tagged alone is tagged as it was
 * in the whole text. Consecutive paragraphs are tagged together.
 */
function paragraphsToTag(text: string, isProtected: (start: number, end: number) => boolean): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const p of text.matchAll(/[^\n]+\n*/gu)) {
    const start = p.index;
    const end = start + p[0].length;
    const candidate = [...p[0].matchAll(/\p{Lu}[\p{L}\p{M}’'-]*/gu)].some((w) => {
      const at = start + w.index;
      return !isProtected(at, at + w[0].length) && !COMMON.has(fold(w[0].replace(/[’']s$/u, '')));
    });
    if (!candidate) continue;
    const last = out.at(-1);
    if (last && last.end === start) last.end = end;
    else out.push({ start, end });
  }
  return out;
}

/** The people and places compromise finds in an English text, trimmed to their words; words of COMMON alone are not kept. */
export async function findNlpHits(text: string, isProtected: (start: number, end: number) => boolean): Promise<Hit[]> {
  const stretches = paragraphsToTag(text, isProtected);
  if (stretches.length === 0) return [];
  const nlp = await loadNlp();
  const out: Hit[] = [];
  const take = (kind: FindingKind, matches: readonly Offset[], from: number) => {
    for (const { offset } of matches) {
      if (!offset) continue;
      let start = from + offset.start;
      let end = start + offset.length;
      while (start < end && !/[\p{L}\p{N}]/u.test(text.charAt(start))) start++;
      while (end > start && !/[\p{L}\p{N}]/u.test(text.charAt(end - 1))) end--;
      const words = text.slice(start, end).match(/[\p{L}’'-]+/gu) ?? [];
      if (end <= start || isProtected(start, end)) continue;
      if (words.every((w) => COMMON.has(fold(w.replace(/[’']s$/u, ''))))) continue;
      out.push({ kind, start, end });
    }
  };
  for (const { start, end } of stretches) {
    const doc = nlp(text.slice(start, end));
    take('likely_name', doc.people().json({ offset: true }) as Offset[], start);
    take('likely_place', doc.places().json({ offset: true }) as Offset[], start);
  }
  return out;
}
