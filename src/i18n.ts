// All text comes from locales/<lang>/<namespace>.json. English and Welsh key sets are identical (tested).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import type { Language } from './domain/organisation.ts';

export const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url));

type Resources = Record<string, Record<string, Record<string, unknown>>>;

export function loadResources(dir = LOCALES_DIR): Resources {
  const resources: Resources = {};
  for (const lang of ['en', 'cy']) {
    resources[lang] = {};
    for (const file of readdirSync(join(dir, lang)).filter((f) => f.endsWith('.json'))) {
      resources[lang][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, lang, file), 'utf8'));
    }
  }
  return resources;
}

const resources = loadResources();
export const NAMESPACES = Object.keys(resources.en ?? {});

const instance = i18next.createInstance();
await instance.init({
  resources,
  lng: 'en',
  fallbackLng: false,
  supportedLngs: ['en', 'cy'],
  ns: NAMESPACES,
  defaultNS: 'common',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Most keys are looked up without options on every page (the header, footer, labels): remember those. */
const MAX_REMEMBERED = 10_000;

/**
 * i18next's t() costs some 5–10 µs a call, and a page makes a hundred or more: 16 % of the server's CPU on
 * the home page (bench/README.md). A call with only a key always gives the same text, so each language
 * remembers it; calls with options (interpolation, plurals) go to i18next every time.
 */
function remembering(t: TFunction): TFunction {
  const texts = new Map<string, string>();
  const call = t as unknown as (...args: unknown[]) => unknown;
  const wrapped = (...args: unknown[]) => {
    const [key] = args;
    if (args.length !== 1 || typeof key !== 'string') return call(...args);
    const known = texts.get(key);
    if (known !== undefined) return known;
    const text = call(key);
    if (typeof text === 'string' && texts.size < MAX_REMEMBERED) texts.set(key, text);
    return text;
  };
  return Object.assign(wrapped, t) as unknown as TFunction;
}

const fixed = new Map<Language, TFunction>();
export function translator(language: Language): TFunction {
  let t = fixed.get(language);
  if (!t) {
    t = remembering(instance.getFixedT(language));
    fixed.set(language, t);
  }
  return t;
}

/** The language a translator writes (the one `translator` was asked for). */
export function languageOf(t: TFunction): Language {
  return (t as unknown as { lng?: unknown }).lng === 'cy' ? 'cy' : 'en';
}

export function exists(key: string, language: Language): boolean {
  return instance.exists(key, { lng: language });
}
