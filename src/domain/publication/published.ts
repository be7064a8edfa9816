// What the public sees of a released review (issue 13 item 5): the search of published text — one folding for the
// stored words and the words asked for (so LIKE means the same on SQLite and PostgreSQL: no case, no accents,
// one apostrophe), bounded input, and LIKE's wildcards escaped — and a snapshot's sections. Pure.

/** A published document's section as the snapshot keeps it: its title and text in the document's language. */
export interface PublishedSection {
  id: string;
  title: string;
  text: string;
}

/** How much of a search is read: at most `chars` characters, then at most `words` words of at most `wordChars`. */
export const PUBLISHED_SEARCH_LIMITS = { chars: 100, words: 6, wordChars: 40 } as const;

/** Lower case, accents dropped (ŵ → w, â → a), one apostrophe, single spaces: stored words and searched words alike. */
export function foldSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The distinct words of a search box's value (anything else than a string: none), bounded. */
export function searchWords(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const words = foldSearch(value.slice(0, PUBLISHED_SEARCH_LIMITS.chars))
    .split(' ')
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').slice(0, PUBLISHED_SEARCH_LIMITS.wordChars))
    .filter((w) => w !== '');
  return [...new Set(words)].slice(0, PUBLISHED_SEARCH_LIMITS.words);
}

/** The search box's value as shown again: trimmed and bounded like the search (never longer than it reads). */
export function searchShown(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, PUBLISHED_SEARCH_LIMITS.chars).trim() : '';
}

/** A LIKE pattern matching text that contains `word` (escape character '\': its own wildcards match themselves). */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
