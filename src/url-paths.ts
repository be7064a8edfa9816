// How the service's paths are built (src/urls.ts holds every path, built with these): a pattern's builder, which
// encodes each id as one path segment and writes the query string one way; a question journey's pages below its
// address; and what a path becomes at the edges — an absolute link for an email, the page a request asked for, the
// same page with one query value set, a local page to return to. Pure: no I/O.

/** One string argument per parameter of a pattern, in order: '/boards/:boardId/meetings/:meetingId' → [string, string]. */
type Args<P extends string> = P extends `${string}:${string}/${infer Rest}`
  ? [string, ...Args<`/${Rest}`>]
  : P extends `${string}:${string}.${infer Rest}`
    ? [string, ...Args<`.${Rest}`>]
    : P extends `${string}:${string}`
      ? [string]
      : [];

/** A query string's values: absent, empty and false values are left out; a list repeats its key. */
type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type Query = Readonly<Record<string, QueryValue>>;

/** A path builder with its route pattern: call it with the pattern's parameters (and a query, where it takes one). */
export type PathBuilder<P extends string, Q extends Query = never> = ((...args: [...Args<P>, Q?]) => string) & { readonly pattern: P };

/** '?a=1&b=x%20y' for the values given (in their order), '' when there are none. */
export function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    // Nunjucks passes keyword arguments (`urls.people(boardId=id)` in a template) as an object marked __keywords.
    if (value === undefined || value === null || value === '' || value === false || key === '__keywords') continue;
    if (typeof value === 'object') {
      for (const item of value) params.append(key, item);
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The builder of a pattern's paths. Parameters are written as path segments (or after a '.' within
 * one, as in 'decision-letter.:format'): encoded, never empty, so an id can neither be missing nor add
 * a segment or a query of its own.
 */
export function path<P extends string, Q extends Query = never>(pattern: P): PathBuilder<P, Q> {
  const names = pattern.match(/:[A-Za-z]+/g) ?? [];
  const build = (...args: unknown[]): string => {
    let i = 0;
    const built = pattern.replace(/:[A-Za-z]+/g, (name) => {
      const value = args[i++];
      if (typeof value !== 'string' || value === '') throw new TypeError(`${pattern}: ${name.slice(1)} must be a non-empty string`);
      return encodeURIComponent(value);
    });
    const query = args.length > names.length ? (args[names.length] as Query | undefined) : undefined;
    return built + queryString(query);
  };
  return Object.assign(build, { pattern }) as PathBuilder<P, Q>;
}

/**
 * A page of a question journey (src/http/journeys): below the journey's address (built by the journey's
 * own builder: `urls.newReferral(boardId)`), a step, a list's item or an action on it, each segment
 * encoded, then the query a change link carries. The engine's pages are registered below the builder's
 * pattern the same way, and urls.test.ts checks each journey's pages against its builders.
 */
export function journeyPage(journey: string, segments: readonly (string | number)[], query?: Query): string {
  if (!journey.startsWith('/') || /[?#]/.test(journey)) throw new TypeError(`not a journey's address: ${journey}`);
  const below = segments.map((segment) => {
    const text = String(segment);
    if (text === '') throw new TypeError(`${journey}: a journey page's segment must not be empty`);
    return `/${encodeURIComponent(text)}`;
  });
  return journey + below.join('') + queryString(query);
}

/**
 * An absolute URL for a link that leaves the service (an email, the command line): the configured public
 * address (PUBLIC_URL, never a request's Host) followed by a path from `urls`.
 */
export function absoluteUrl(publicBase: string, sitePath: string): string {
  if (!sitePath.startsWith('/') || sitePath.startsWith('//')) throw new TypeError(`not a path of this site: ${sitePath}`);
  return `${publicBase.replace(/\/+$/, '')}${sitePath}`;
}

/**
 * A link to the page a request asked for, on this site: the request's path with one leading slash, so
 * that a path such as `//evil.example` or `/\evil.example` can never become a scheme-relative link to
 * another site.
 */
export function sitePath(requestUrl: string): string {
  const path = requestUrl.split(/[?#]/)[0] ?? '';
  return `/${path.replace(/^[/\\]+/, '')}`;
}

/** The page a request asked for, its query kept, with one value set (the language links: `lang`). */
export function samePageWith(requestUrl: string, key: string, value: string): string {
  const query = requestUrl.includes('?') ? requestUrl.slice(requestUrl.indexOf('?') + 1).split('#')[0] : '';
  const params = new URLSearchParams(query);
  params.set(key, value);
  return `${sitePath(requestUrl)}?${params.toString()}`;
}

/**
 * A page of this site to return to (after signing in, say), or undefined: only a path, never an address a
 * browser would take to another site (`//evil.example`, `/\evil.example`, `https://…`).
 */
export function localPath(value: string | undefined): string | undefined {
  return value !== undefined && /^\/(?![/\\])/.test(value) ? value : undefined;
}
