// Locale files as flat maps of dotted keys to strings, for the tests that check them.

/** Every string of a locale resource, by its dotted key ('consideration.recorded.title'). */
export function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) for (const [fk, fv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(fk, fv);
  } else out.set(prefix, String(value));
  return out;
}
