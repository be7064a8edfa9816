// One rule for text that arrives from outside (form posts, JSON bodies, query strings, route
// parameters), for pages and API alike, and a stricter one for names.
//
// - No control characters but line feed and tab: NUL cannot be stored in PostgreSQL text (a form that
//   let one through made the referral's final submit answer 500), and none of the others belongs in
//   anything a person types. Browsers send a textarea's line breaks as CR LF: form posts are
//   normalised to LF first, so a lone carriage return is refused like any other control character.
// - Names (a person's, a child's, a family member's, a referrer's, boards' and agencies') hold no
//   control characters at all, and no bidirectional embedding, override or isolate characters
//   (U+202A–U+202E, U+2066–U+2069), which can make a name display as something else ("Trojan Source").

/** Control characters (C0, DEL, C1: Unicode's Cc) except tab (U+0009) and line feed (U+000A). */
const CONTROL = /(?![\t\n])\p{Cc}/u;
/** Every control character, tab and line feed included: for names, which are one line. */
const ANY_CONTROL = /\p{Cc}/u;
/** Bidirectional embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/**
 * The shape an email address must have (something, an @, a domain with a dot, no spaces): the one test of
 * every form, API body and command that takes one. Whether it reaches anyone is for the link sent to it.
 */
export const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Locale keys (errors namespace) for what is wrong with a piece of text. */
export type TextProblem = 'text.control' | 'text.bidi';

/** The rule for all text: undefined when it may be stored, otherwise why not. */
export function textProblem(value: string): TextProblem | undefined {
  return CONTROL.test(value) ? 'text.control' : undefined;
}

/** The rule for names: no control characters (not even line breaks or tabs) and no bidirectional controls. */
export function nameProblem(value: string): TextProblem | undefined {
  if (ANY_CONTROL.test(value)) return 'text.control';
  if (BIDI_CONTROL.test(value)) return 'text.bidi';
  return undefined;
}

/** Field errors for the names given (null and undefined are not names yet, so they pass). */
export function nameErrors(names: Record<string, string | null | undefined>): Record<string, TextProblem> {
  const errors: Record<string, TextProblem> = {};
  for (const [field, value] of Object.entries(names)) {
    const problem = typeof value === 'string' ? nameProblem(value) : undefined;
    if (problem) errors[field] = problem;
  }
  return errors;
}

/**
 * How two pieces of text are compared as the same words: NFC, lower case, one apostrophe (’ ‘ ` as '), single
 * spaces, trimmed. The one fold of spreadsheet headers and choices, names in free text and dictionary terms.
 */
export function foldText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** CR LF (and nothing else) as LF: how a browser's textarea line breaks are read. */
export function normaliseLineBreaks(value: string): string {
  return value.replace(/\r\n/g, '\n');
}

export interface TextViolation {
  /** Where the text was: object keys and array indexes from the top of the value. */
  path: (string | number)[];
  problem: TextProblem;
}

/**
 * Every string in a parsed value (a form body, a JSON body, a query string, route parameters), keys
 * included, checked against textProblem. Returns the places that break the rule, in document order.
 */
export function textViolations(value: unknown, path: (string | number)[] = [], out: TextViolation[] = []): TextViolation[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) out.push({ path, problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      textViolations(item, [...path, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) out.push({ path: [...path, key], problem });
      textViolations(item, [...path, key], out);
    }
  }
  return out;
}

/** The same value with every string's CR LF line breaks read as LF (for form posts). */
export function withLineBreaksNormalised<T>(value: T): T {
  if (typeof value === 'string') return normaliseLineBreaks(value) as T;
  if (Array.isArray(value)) return value.map((item) => withLineBreaksNormalised(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(value) as object | null);
    for (const [key, item] of Object.entries(value)) out[key] = withLineBreaksNormalised(item);
    return out as T;
  }
  return value;
}
