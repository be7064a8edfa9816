// The Welsh strings against the conventions of ../shared/WELSH.md (summarised in docs/welsh.md): no name
// left unmutated after a word that mutates it, one term per concept, one apostrophe, the service's own name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ABUSE_OR_NEGLECT_CHOICES, DEFAULT_SUSR_STREAMS, FRAMEWORKS } from './domain/frameworks/index.ts';
import { MUTATION_SUFFIXES } from './domain/welsh.ts';
import { loadResources } from './i18n.ts';
import { flatten } from './testing/locales.ts';

const resources = loadResources();

/** Every Welsh string as "namespace:key" → text. */
function welshStrings(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [ns, value] of Object.entries(resources.cy ?? {})) for (const [key, text] of flatten(value)) out.set(`${ns}:${key}`, text);
  return out;
}

/**
 * Words after which Welsh mutates the next word (WELSH.md §3): the prepositions am, i, o, ar, at, gan,
 * (o) dan, heb, dros, trwy/drwy, wrth, hyd (soft); a, â/ag, gyda, na, tua (aspirate, "a" also soft as a
 * relative); neu (soft); yn/ym/yng (nasal for "in", soft when predicative); fy (nasal); ei (his: soft,
 * her: aspirate). Compared without case.
 */
const MUTATING_WORDS = new Set([
  'am',
  'i',
  'o',
  'ar',
  'at',
  'gan',
  'dan',
  'heb',
  'dros',
  'trwy',
  'drwy',
  'wrth',
  'hyd',
  'gyda',
  'â',
  'ag',
  'a',
  'na',
  'tua',
  'neu',
  'yn',
  'ym',
  'yng',
  'fy',
  'ei',
]);

/**
 * Contracted forms, judged by what follows the apostrophe: 'r (i'r, o'r, a'r, â'r, gyda'r, drwy'r: the
 * article, which mutates a feminine noun, and which a name never takes, so a placeholder after it is
 * wrong either way); 'i and 'w (a'i, o'i, i'w: "his/her", soft or aspirate); 'n (mae'n, predicative yn:
 * soft); 'm (i'm, a'm: "my", nasal); 'th (i'th: "your", soft).
 */
const MUTATING_CONTRACTION = /[’'](?:r|i|w|n|m|th)$/i;

/**
 * Placeholders whose values never mutate: they begin with a digit (dates "6 Rhagfyr 2026", times, counts
 * and durations "20 diwrnod gwaith", page numbers, file sizes "25 MB"; digits never mutate) or with a vowel whatever the
 * reader (the service's name, "Adolygu Achosion"). Anything else after a mutating word must be passed
 * pre-mutated, named for its mutation: {{childCodeSoft}}, {{boardNasal}}, {{childCodeAspirate}}
 * (mutationVariables in src/domain/welsh.ts), or the sentence reworded (WELSH.md §3: genitive,
 * "ynghylch", a label and a colon, a noun in between: "i'r cyfeiriad {{email}}", "tudalen {{name}}").
 */
/** A placeholder named for a date ('receivedOn', 'awareOn': the project's naming of dates) holds a date. */
const IS_DATE = /On$/;

const NEVER_MUTATE = new Set([
  'date',
  'time',
  'expires',
  'received',
  'start',
  'end',
  'count',
  'n',
  'number',
  'page',
  'pages',
  'shown',
  'total',
  'seconds',
  'elapsed',
  'calendar',
  'target',
  'default',
  'fromIncident',
  'fromReferral',
  'size',
  'from',
  'service',
]);

const PRE_MUTATED = new RegExp(`(?:${Object.values(MUTATION_SUFFIXES).join('|')})$`);

/** The placeholders of a string that follow a mutating word, with that word. */
function unmutatedPlaceholders(text: string): { placeholder: string; after: string }[] {
  const found: { placeholder: string; after: string }[] = [];
  for (const m of text.matchAll(/\{\{\s*(\w+)\s*\}\}|%\{(\w+)\}/g)) {
    const name = m[1] ?? m[2] ?? '';
    // The word just before, across spaces and an opening quote (a quotation mark does not stop a mutation);
    // any other punctuation (a colon, a bracket, a comma, a full stop) does.
    const before = /([\p{L}’'-]+)[\s‘“"]*$/u.exec(text.slice(0, m.index))?.[1];
    if (!before || NEVER_MUTATE.has(name) || IS_DATE.test(name) || PRE_MUTATED.test(name)) continue;
    if (MUTATING_WORDS.has(before.toLowerCase()) || MUTATING_CONTRACTION.test(before)) found.push({ placeholder: name, after: before });
  }
  return found;
}

test('the scan finds a name after a mutating word and lets the documented forms through', () => {
  assert.deepEqual(unmutatedPlaceholders('Atgyfeiriad am {{childCode}}'), [{ placeholder: 'childCode', after: 'am' }]);
  assert.deepEqual(unmutatedPlaceholders('Croeso i ‘{{board}}’'), [{ placeholder: 'board', after: 'i' }]);
  assert.deepEqual(unmutatedPlaceholders('Anfonwyd at {{name}} a {{other}}'), [
    { placeholder: 'name', after: 'at' },
    { placeholder: 'other', after: 'a' },
  ]);
  assert.deepEqual(unmutatedPlaceholders('yn ôl i’r {{board}}'), [{ placeholder: 'board', after: 'i’r' }]);
  assert.deepEqual(unmutatedPlaceholders('Hyd at %{thing}'), [{ placeholder: 'thing', after: 'at' }]);
  for (const fine of [
    'Atgyfeiriad am {{childCodeSoft}}',
    'Atgyfeiriad ynghylch {{childCode}}',
    'Rôl wedi’i hychwanegu: {{role}} ({{name}})',
    'Cyfarfod ar {{date}}',
    'Gallwch roi hyd at %{count} nod',
    'gwahoddiad i {{service}}',
    'cadeirydd {{board}}',
    'Yn ôl i dudalen {{name}}',
  ]) {
    assert.deepEqual(unmutatedPlaceholders(fine), [], fine);
  }
});

test('Welsh: no placeholder lands unmutated after a word that mutates it', () => {
  const problems = [...welshStrings()].flatMap(([key, text]) => unmutatedPlaceholders(text).map((p) => `${key}: “${p.after} {{${p.placeholder}}}”`));
  assert.deepEqual(problems, []);
});

test('a pre-mutated placeholder stands for a variable the English string uses (childCodeSoft for childCode)', () => {
  const problems: string[] = [];
  for (const [key, text] of welshStrings()) {
    const [ns = '', path = ''] = key.split(/:(.*)/s);
    const english = flatten(resources.en?.[ns]).get(path) ?? '';
    for (const m of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
      const name = m[1] ?? '';
      if (!PRE_MUTATED.test(name)) continue;
      const base = name.replace(PRE_MUTATED, '');
      if (!english.includes(`{{${base}}}`)) problems.push(`${key}: {{${name}}} without {{${base}}} in English`);
    }
  }
  assert.deepEqual(problems, []);
});

/** Terms the termbase replaces (WELSH.md §1, §2, §4), and what to write instead. */
const NOT_THESE_TERMS: [RegExp, string][] = [
  [/amhariad/i, 'nam'],
  [/cofnod archwilio/i, 'log archwilio'],
  [/dau gam/i, 'dilysu dau ffactor'],
  [/rhaglen y cyfarfod/i, 'agenda'],
  [/\bChild [A-Z]\b|Family member \d/, 'the pseudonym in Welsh: Plentyn A, Aelod o’r teulu 1'],
  [/Case Review/, 'Adolygu Achosion, from common:serviceName'],
  [/\((?:LSCB|RSB|SCP)\)/, 'BLlDP, or no English acronym'],
  [/y sawl a wnaeth yr atgyfeiriad/i, 'yr atgyfeiriwr'],
  [/\bedrychiad\b/i, 'a verb: pob tro y caiff ei weld'],
  [/Ailactifadwch ef\b/, 'Ailactifadwch y cyfrif (they are not “he”)'],
  [/\bNid mewn\b|\(nid mewn\b/, 'Ddim mewn'],
  [/\bo nodau\b/, 'a digit takes the singular noun: %{count} nod'],
];

test('Welsh: one term per concept, as the termbase has it', () => {
  const problems: string[] = [];
  for (const [key, text] of welshStrings()) {
    for (const [pattern, instead] of NOT_THESE_TERMS) if (pattern.test(text)) problems.push(`${key}: ${pattern} → ${instead}`);
  }
  assert.deepEqual(problems, []);
});

test('Welsh: one apostrophe, the typographic ’ (and ‘…’ for quoting)', () => {
  const straight = [...welshStrings()].filter(([, text]) => text.includes("'")).map(([key]) => key);
  assert.deepEqual(straight, []);
});

/** Every Welsh string of the frameworks' criteria, questions, answers and stream names ({ en, cy } pairs), by where it is. */
function frameworkWelsh(value: unknown, path: string, out: Map<string, string>): Map<string, string> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) frameworkWelsh(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'cy' && typeof v === 'string') out.set(path, v);
      else frameworkWelsh(v, `${path}.${k}`, out);
    }
  }
  return out;
}

test('Welsh in the frameworks (src/domain/frameworks): the termbase’s terms and one apostrophe, as in the locale files', () => {
  const strings = frameworkWelsh({ FRAMEWORKS, DEFAULT_SUSR_STREAMS, ABUSE_OR_NEGLECT_CHOICES }, '', new Map());
  assert.ok(strings.size > 50, `found ${strings.size}`);
  const problems: string[] = [];
  for (const [where, text] of strings) {
    for (const [pattern, instead] of NOT_THESE_TERMS) if (pattern.test(text)) problems.push(`${where}: ${pattern} → ${instead}`);
    if (text.includes("'")) problems.push(`${where}: straight apostrophe`);
    if (/fygwth ei fywyd/.test(text)) problems.push(`${where}: anaf a allai fygwth bywyd`);
  }
  assert.deepEqual(problems, []);
});

test('Welsh: the answers about abuse or neglect are one set, in the referral form and in the criteria', () => {
  const form = resources.cy?.referrals as { abuseOrNeglect: { options: Record<string, string> } };
  // The criteria add "not known yet" (a question answered before the facts are in); the rest are the form's.
  const criteria = ABUSE_OR_NEGLECT_CHOICES.filter((c) => c.value in form.abuseOrNeglect.options);
  assert.deepEqual(Object.fromEntries(criteria.map((c) => [c.value, c.label.cy])), form.abuseOrNeglect.options);
});

test('the service’s name is a string of its own in each language, and every email subject or body that names it takes it from there', () => {
  assert.equal(flatten(resources.en?.common).get('serviceName'), 'Case Review');
  assert.equal(flatten(resources.cy?.common).get('serviceName'), 'Adolygu Achosion');
  const literal: string[] = [];
  for (const lang of ['en', 'cy'] as const) {
    for (const [ns, value] of Object.entries(resources[lang] ?? {})) {
      for (const [key, text] of flatten(value)) {
        if (/(?:^|\.)\w*(?:Email|emailChange)\w*\./.test(key) && /Case Review|Adolygu Achosion/.test(text)) literal.push(`${lang} ${ns}:${key}`);
      }
    }
  }
  assert.deepEqual(literal, [], 'emails name the service through {{service}}');
});
