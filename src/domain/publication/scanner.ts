// The anonymisation scanner (issue 13 item 2; DOMAIN.md §6.7, §8.6 R7): what in a text, about to be
// published, could identify the child, the family or the places of the case. It finds
// - every spelling of every dictionary entry's real identifier in its variants (case, possessive, Welsh
//   mutations; for people, each part of the name alone: a surname), with the entry it belongs to;
// - dates (a date of birth of the review's people, or any exact date), postcodes, phone numbers, emails,
//   NHS and national insurance numbers (./scanner-patterns.ts);
// - likely personal and place names not in the dictionary, English and Welsh (./scanner-names.ts).
// The dictionary's published terms ("Child A", "Plentyn A", "Mam", "i Fam") and the known terms are never
// flagged. Findings are sorted by start; overlapping ones are merged into one, the more specific kind
// winning (dictionary term, then date of birth, then the other certain kinds, then likely names and places).
// Pure (the NLP library is imported on first use). O(text length × dictionary variants).
import { MUTATIONS, mutateCy } from '../welsh.ts';
import { PERSON_CATEGORIES, spellingsOf, termVariants } from './dictionary.ts';
import type { FindingKind, ScanDictionaryEntry, ScanFinding, ScanInput } from './findings.ts';
import { englishSense, findNameHits, findNlpHits } from './scanner-names.ts';
import { findPatterns, type Hit } from './scanner-patterns.ts';
import { COMMON_WORDS } from './scanner-words.ts';

/** Which kind wins when findings overlap: the lower the rank, the more specific. */
const RANK: Readonly<Record<FindingKind, number>> = {
  dictionary_term: 0,
  date_of_birth: 1,
  nhs_number: 2,
  ni_number: 2,
  email: 2,
  postcode: 2,
  phone: 3,
  exact_date: 3,
  likely_name: 4,
  likely_place: 5,
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const COMMON = new Set(COMMON_WORDS);

/** Where each of the phrases occurs in the text as whole words, ignoring case: one regular expression, one pass. */
function findPhrases(text: string, phrases: readonly string[]): { start: number; end: number; phrase: string }[] {
  const unique = [...new Set(phrases.map((p) => p.trim()).filter((p) => p !== ''))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return [];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${unique.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, phrase: m[0] }));
}

/** The texts an entry's real identifier may take in a document: its variants, and for a person each part of a name of several words. */
function entrySpellings(entry: Pick<ScanDictionaryEntry, 'category' | 'realIdentifier'>): string[] {
  const texts = termVariants(entry.realIdentifier).map((v) => v.text);
  if (PERSON_CATEGORIES.includes(entry.category)) {
    for (const spelling of spellingsOf(entry.realIdentifier)) {
      const parts = spelling.split(/\s+/);
      if (parts.length < 2) continue;
      for (const part of parts) if (part.length >= 3 && !COMMON.has(part.toLowerCase())) texts.push(...termVariants(part).map((v) => v.text));
    }
  }
  return texts;
}

/** The published terms of the dictionary in both languages and the known terms, with their Welsh mutated forms ("i Fam", "yn Nhref 1", "gan Fwrdd Diogelu…"). */
function neverFlagged(dictionary: readonly ScanDictionaryEntry[], knownTerms: readonly string[]): string[] {
  const out: string[] = [];
  for (const term of [...dictionary.flatMap((e) => [e.termEn, e.termCy]), ...knownTerms]) {
    out.push(term);
    for (const m of MUTATIONS) out.push(mutateCy(term, m));
  }
  return out;
}

/** Merges overlapping hits (the lowest rank wins; the span is their union) and sorts them by start. */
function merge(hits: readonly Hit[]): Hit[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Hit[] = [];
  for (const hit of sorted) {
    const last = out[out.length - 1];
    if (last && hit.start < last.end) {
      const winner = RANK[hit.kind] < RANK[last.kind] ? hit : last;
      out[out.length - 1] = { ...winner, start: last.start, end: Math.max(last.end, hit.end) };
    } else out.push({ ...hit });
  }
  return out;
}

/** The findings of a text: see the top of this file. */
export async function scanText(input: ScanInput): Promise<ScanFinding[]> {
  const { text, dictionary } = input;
  const hits: Hit[] = [];
  for (const entry of dictionary) {
    for (const found of findPhrases(text, entrySpellings(entry))) hits.push({ kind: 'dictionary_term', start: found.start, end: found.end, entryId: entry.id });
  }
  // What must never be flagged: published and known terms (unless a real identifier is written inside one).
  const protectedSpans = [...findPhrases(text, neverFlagged(dictionary, input.knownTerms ?? [])), ...hits];
  const patterns = findPatterns(text, input.datesOfBirth ?? []);
  // Each character: 1 in a published or known term or a dictionary term, 2 in a pattern's finding.
  const covered = new Uint8Array(text.length);
  for (const p of protectedSpans) covered.fill(1, p.start, p.end);
  for (const p of patterns) for (let i = p.start; i < p.end; i++) covered[i] ||= 2;
  const patternCovered = (start: number, end: number) => covered.subarray(start, end).some((c) => c !== 0);
  hits.push(...patterns);
  const sense = input.language === 'en' ? await englishSense() : undefined;
  hits.push(...findNameHits(text, input.language, patternCovered, sense));
  if (input.language === 'en') hits.push(...(await findNlpHits(text, patternCovered)));
  // A published term is never a finding, whatever found it (a real identifier is found by the dictionary, even inside one).
  const kept = hits.filter((h) => h.kind === 'dictionary_term' || !covered.subarray(h.start, h.end).every((c) => c === 1));
  return merge(kept).map((h) => ({
    kind: h.kind,
    start: h.start,
    end: h.end,
    match: text.slice(h.start, h.end),
    ...(h.entryId ? { entryId: h.entryId } : {}),
    confidence: h.kind === 'likely_name' || h.kind === 'likely_place' ? 'likely' : 'certain',
  }));
}
