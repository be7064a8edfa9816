// The people of a review in the chronology's free text (issue 11, item 4): the anonymised view and every
// anonymised export replace the review's people by their pseudonyms in descriptions, actions and comments
// too, and flag the words that still look like names for the author to fix. Pure.
//
// Neither is a guarantee: a name written in a way the records do not hold (a nickname, a misspelling, a
// name at the start of a sentence that is also a common word) stays. The replacement is exact about what
// it knows; the flags are a heuristic that points the author at what to read again.

import { MONTHS } from '../clock/london.ts';
import type { Language } from '../organisation.ts';
import { PSEUDONYM_TERMS } from '../pseudonyms.ts';
import { foldText } from '../text.ts';
import { agreeYn, MUTATIONS, type Mutation, mutateCy } from '../welsh.ts';

/**
 * One of the review's people (or another real identifier of the review's pseudonym dictionary: a place, a
 * school, a worker): their names as recorded (one or several) and their pseudonym in both languages.
 */
export interface NamedPerson {
  names: readonly string[];
  pseudonym: { en: string; cy: string };
  /**
   * Only the whole name is replaced, never its words on their own: a place or an organisation ("Ysgol Gynradd
   * Bryn Teg" is not "Bryn" nor "Ysgol"). A person's given names and surname are replaced on their own too.
   */
  whole?: boolean;
}

export interface PseudonymisedText {
  text: string;
  /** How many names of each person were replaced, in the order of `people`. */
  counts: number[];
  total: number;
  /**
   * Names two or more people share ("Smith" for a mother and her child, a first name two people have): left
   * as they are, since either might be meant, with their offsets in the new text for the author to fix.
   */
  shared: { start: number; end: number }[];
}

// ---------------------------------------------------------------------------------------------------------
// Word lists (lower case). Shared by both functions: a name that is one of these words is replaced only when
// written with a capital, and a capitalised word that is one of these is not flagged as a likely name.

/** First names and surnames that are also ordinary words, English and Welsh. */
const NAME_WORDS = `will may rose mark bill grace hope faith joy dawn amber holly ivy jack bob pat sue guy rob ray sky summer
  autumn heather iris ruby pearl daisy lily poppy violet brook chase frank grant hunter miles wade drew art penny sandy
  gene don april june august robin jay carol crystal destiny harmony honey melody river rowan sage star storm
  brown white green black young baker cook wood hill price bell mason long little moss bird fox lamb fish
  sharp king page read rich hall ward lane day gold
  eira haf awel seren llinos eirlys alaw tegan cariad hedd gwawr glain heulwen`;

/** Ordinary words that are often capitalised in case records (agencies, roles, family words), English. */
const COMMON_EN = `the a an and but or nor if so he she they it his her their them we us our you your i me my this that these those
  on at in into to for of with by from as no not yes was were is are be been being had has have did does do said told then
  after before when while during following later also however there here all one two three first second third last next new
  mr mrs ms miss mx dr sir dame pc dc ds dci sgt
  police social services service children children's child childrens health visitor visitors school schools hospital court courts council
  team conference plan protection strategy meeting section early help emergency department ward nurse midwife midwifery
  paediatrician paediatrics consultant referral assessment core group review education housing probation youth offending
  unit centre center practice general practitioner doctor officer sergeant constable detective inspector head teacher
  headteacher designated safeguarding lead manager board partnership trust university local authority county city borough
  district family mother father mum mam dad grandmother grandfather nan nana grandma grandad aunt uncle brother sister
  stepfather stepmother partner baby person member accident ambulance paramedic crown prosecution magistrates magistrates'
  order supervision interim care looked register need needs disclosure initial multi agency multi-agency support worker
  workers clinic surgery gp a&e minor injuries mental substance misuse drug alcohol domestic abuse violence incident report
  notes note record records case file action outcome comment contact visit home telephone phone call email letter text
  message appointment attended missed discussion conference panel chair author chronology timeline england english wales
  welsh britain british scotland scottish ireland irish northern christmas easter new year's bank holiday`;

/** Ordinary Welsh words often capitalised in case records (their mutated forms are added below). */
const COMMON_CY = `y yr a ac ar i o yn gyda am wedi roedd mae bod ei eu hi fe fo nhw ni chi ond neu pan cyn yna wedyn hefyd ac
  heddlu gwasanaethau gwasanaeth cymdeithasol plant plentyn ysbyty ysgol meddyg teulu ymwelydd iechyd bwrdd diogelu tîm
  cynhadledd cynllun amddiffyn adran achosion brys cyngor sir bwrdeistref sirol swyddog nyrs bydwraig athro athrawes
  pennaeth prifathro prifathrawes llys asesiad atgyfeiriad cyfarfod strategaeth adolygiad tai prawf cynnar cymorth mam tad
  nain taid mamgu tadcu modryb ewythr brawd chwaer babi aelod person partner meddygfa clinig uned canolfan ymddiriedolaeth
  prifysgol awdurdod lleol cyfiawnder ieuenctid gweithiwr gweithwyr cymdeithasol panel cadeirydd awdur cronoleg llinell
  amser cymru cymraeg saesneg lloegr prydain nadolig pasg dydd llun mawrth mercher iau gwener sadwrn sul digwyddiad
  ymweliad cartref galwad ffôn llythyr neges apwyntiad trafodaeth adroddiad nodyn cofnod cam gweithredu canlyniad sylw`;

const DAYS_EN = 'monday tuesday wednesday thursday friday saturday sunday';

function words(list: string): string[] {
  return list.split(/\s+/).filter((w) => w !== '');
}

function withMutations(word: string): string[] {
  return [word, ...MUTATIONS.map((m) => mutateCy(word, m))];
}

const NAME_WORD_SET: ReadonlySet<string> = new Set(words(NAME_WORDS));

/** Words never flagged as likely names (English, Welsh with its mutated forms, months and days in both languages). */
const COMMON_WORDS: ReadonlySet<string> = new Set([
  ...words(COMMON_EN),
  ...words(DAYS_EN),
  ...words(COMMON_CY).flatMap(withMutations),
  ...MONTHS.en.map((m) => m.toLowerCase()),
  ...MONTHS.cy.flatMap((m) => withMutations(m.toLowerCase())),
  ...Object.values(PSEUDONYM_TERMS).flatMap((t) => [...words(t.en.toLowerCase()), ...words(t.cy.toLowerCase()).flatMap(withMutations)]),
]);

// ---------------------------------------------------------------------------------------------------------
// Replacing the people's names

const LETTER = '[\\p{L}\\p{M}\\p{N}_]';
/** Not inside a word: no letter before, nor a letter and an apostrophe or hyphen (O'Brien is not "Brien", Smith-Jones is not "Jones"). */
const BEFORE = `(?<!${LETTER})(?<!${LETTER}['’-])`;
/** Not inside a word after: no letter, no hyphen and letter, no apostrophe and letter except a possessive 's. */
const AFTER = `(?!${LETTER})(?!-\\p{L})(?!['’](?!s(?!${LETTER}))\\p{L})`;
const TITLE = '(?:(?:mr|mrs|ms|miss|mx|dr)\\.?\\s+)?';

function escapeForPattern(variant: string): string {
  return variant
    .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    .replace(/['’]/g, "['’]")
    .replace(/\s+/g, '\\s+');
}

/** Lowercase words that link a surname to what comes before it (ap Dafydd, van der Berg, de la Cruz). */
const SURNAME_PARTICLES = new Set(['ap', 'ab', 'ferch', 'verch', 'van', 'von', 'der', 'den', 'de', 'la', 'le', 'du', 'di', 'da', 'del', 'dos', 'st', 'st.']);

/** A place's or an organisation's name as its one variant: replaced whole, never word by word. */
function wholeName(name: string): { text: string }[] {
  const text = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  return text === '' ? [] : [{ text }];
}

/** The ways a recorded name may appear: the whole name, first and last, each given name, the surname. */
function nameVariants(name: string): { text: string }[] {
  const tokens = name
    .normalize('NFC')
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  if (tokens.length === 0) return [];
  let surnameAt = tokens.length - 1;
  while (surnameAt > 1 && SURNAME_PARTICLES.has((tokens[surnameAt - 1] as string).toLowerCase())) surnameAt--;
  const given = tokens.slice(0, tokens.length === 1 ? 1 : surnameAt);
  const surname = tokens.length === 1 ? null : tokens.slice(surnameAt).join(' ');
  const usable = (t: string) => [...t.replace(/[.'’-]/g, '')].length >= 2;
  const out: { text: string }[] = [{ text: tokens.join(' ') }];
  if (surname !== null && given.length > 1) out.push({ text: `${given[0]} ${surname}` });
  for (const g of given) if (usable(g)) out.push({ text: g });
  if (surname !== null && usable(surname)) out.push({ text: surname });
  return out;
}

interface VariantInfo {
  /** The person's index in `people`, or -1 when two or more people have this name. */
  person: number;
  mutation: Mutation | null;
  /** Only when written with a capital: the name is an ordinary word too ("Will", "May", "Rose"), or a mutated form. */
  capitalOnly: boolean;
}

/**
 * A pseudonymiser for one review's people, made once and used for every field of every entry on a page
 * (making it is the costly part). O(P·V) to make for P people with V name variants each; each call is one
 * regular-expression pass over the text, O(L·A) at worst for L characters and A alternatives (in practice
 * near O(L): the alternatives are literal words).
 *
 * In Welsh (`mutations`, on by default for language 'cy') the mutated forms of each name are replaced too,
 * by the pseudonym mutated alike: "i Ddafydd" → "i Blentyn A", "a Pheredur" → "a Phlentyn A". A name whose
 * first letters never mutate (Thomas, Llinos, Elin) gives the pseudonym as it is, even after a word that
 * mutates ("gyda Thomas" → "gyda Plentyn B"): the text does not say which mutation was due.
 *
 * A shared name is never guessed at. A name written another way (a nickname, a misspelling, "Smith, Jane"
 * gives "Child A, Child A") is as the records hold it: the caller adds the person's other names to `names`.
 */
export function makePseudonymiser(
  people: readonly NamedPerson[],
  language: Language,
  options: { mutations?: boolean } = {},
): (text: string) => PseudonymisedText {
  const mutations = options.mutations ?? language === 'cy';
  const variants = new Map<string, VariantInfo>();
  const patterns = new Map<string, string>();
  const add = (text: string, person: number, mutation: Mutation | null, capitalOnly: boolean) => {
    const key = foldText(text);
    const known = variants.get(key);
    if (!known) {
      variants.set(key, { person, mutation, capitalOnly });
      patterns.set(key, escapeForPattern(text));
    } else if (known.person !== person) known.person = -1;
    else if (known.mutation !== null && mutation === null) variants.set(key, { person, mutation, capitalOnly });
  };
  people.forEach((p, person) => {
    for (const name of p.names)
      for (const v of p.whole ? wholeName(name) : nameVariants(name)) {
        // A name made only of ordinary words ("Will", "May Price") must be written with a capital.
        const ordinaryWord = foldText(v.text)
          .split(' ')
          .every((w) => NAME_WORD_SET.has(w) || COMMON_WORDS.has(w));
        add(v.text, person, null, ordinaryWord);
        if (mutations)
          for (const m of MUTATIONS) {
            const mutated = mutateCy(v.text, m);
            if (mutated !== v.text) add(mutated, person, m, true);
          }
      }
  });
  if (variants.size === 0) return (text) => ({ text, counts: people.map(() => 0), total: 0, shared: [] });
  const alternatives = [...patterns.entries()].sort(([a], [b]) => b.length - a.length || (a < b ? -1 : 1)).map(([, p]) => p);
  const replacementOf = (v: VariantInfo): string => {
    const pseudonym = (people[v.person] as NamedPerson).pseudonym;
    return language === 'cy' && v.mutation ? mutateCy(pseudonym.cy, v.mutation) : pseudonym[language];
  };
  // One expression for every call (each call runs to the end and starts it again at 0).
  const pattern = new RegExp(`${BEFORE}(${TITLE})(${alternatives.join('|')})${AFTER}`, 'giu');
  return (text) => {
    pattern.lastIndex = 0;
    const counts = people.map(() => 0);
    const shared: { start: number; end: number }[] = [];
    let out = '';
    let from = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const title = m[1] ?? '';
      const name = m[2] ?? '';
      const info = variants.get(foldText(name));
      if (!info || (info.capitalOnly && !/^\p{Lu}/u.test(name))) {
        // Not a name here ("will" the verb): go on just after the title, or the word.
        pattern.lastIndex = m.index + (title.length > 0 ? title.length : Math.max(1, name.length));
        continue;
      }
      out += text.slice(from, m.index);
      if (info.person === -1) {
        out += title;
        shared.push({ start: out.length, end: out.length + name.length });
        out += name;
      } else {
        const replacement = replacementOf(info);
        // "yng Nghaerdydd" becomes "yn Nhref 1": the preposition agrees with the nasally mutated term.
        if (language === 'cy' && info.mutation === 'nasal') out = agreeYn(out, replacement);
        out += replacement;
        counts[info.person] = (counts[info.person] as number) + 1;
      }
      from = m.index + m[0].length;
    }
    out += text.slice(from);
    return { text: out, counts, total: counts.reduce((a, b) => a + b, 0), shared };
  };
}

/** makePseudonymiser for one text (for many texts, make the pseudonymiser once): O(P·V + L·A), as there. */
export function pseudonymiseText(text: string, people: readonly NamedPerson[], language: Language, options: { mutations?: boolean } = {}): PseudonymisedText {
  return makePseudonymiser(people, language, options)(text);
}

// ---------------------------------------------------------------------------------------------------------
// Flagging what still looks like a name

export interface LikelyName {
  start: number;
  end: number;
  word: string;
}

const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
const OPENING = /["“‘'([{•*\-–—\s\d]/u;
const TITLE_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'mx', 'prof']);

/** Whether the word at `start` begins a sentence, a line or the text (so its capital says nothing). */
function startsSentence(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0) {
    const c = text.charAt(i);
    if (c === '\n' || c === '\r') return true;
    if (!OPENING.test(c)) break;
    i--;
  }
  if (i < 0) return true;
  const c = text.charAt(i);
  if (c === '!' || c === '?' || c === ':') return true;
  if (c !== '.') return false;
  // "Mr. Smith": a title's full stop does not end a sentence.
  const before = /(\p{L}+)$/u.exec(text.slice(Math.max(0, i - 6), i))?.[1]?.toLowerCase();
  return !(before && TITLE_ABBREVIATIONS.has(before));
}

/**
 * The capitalised words that look like personal or place names, with their offsets (UTF-16, the word
 * without a possessive 's), for the author to check after pseudonymiseText.
 *
 * A word is flagged when it starts with a capital, has a lower-case letter after it (an acronym such as
 * CAMHS is not flagged) and is two letters or more, is not at the start of a sentence or line, and is none
 * of: common English and Welsh words of case records (agencies, roles, family words), months and days in
 * both languages, the pseudonym terms ("Child", "Plentyn", "Aelod"), and the words of `known` (the
 * review's agency names, the pseudonyms as written: "Dyfed-Powys Police", "Plentyn A"), each with its Welsh
 * mutated forms ("Fangor" for a known "Bangor").
 *
 * Limits: a name at the start of a sentence, in lower case or in capitals only is not flagged; nor is a
 * name that is also one of the common words ("Will", "Mark" are in no list here, so they are flagged, but
 * "Hope", "Price" or "Tad" are not). Ordinary capitalised words the lists do not hold (a product, a
 * benefit: "Universal Credit") are flagged: the flags are for a person to read, not a decision. Mutated
 * place names ("yng Nghaerdydd", "i Fangor") are flagged like any other name.
 *
 * O(L + K) for L characters of text and K words of `known` (set look-ups per word).
 */
export function likelyNames(text: string, known: readonly string[] = []): LikelyName[] {
  const knownWords = new Set<string>();
  for (const term of known) for (const w of term.match(WORD) ?? []) for (const v of withMutations(foldText(w))) knownWords.add(v);
  const out: LikelyName[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    const possessive = /['’]s$/u.exec(word);
    if (possessive) word = word.slice(0, -2);
    if ([...word].length < 2) continue;
    if (!/^\p{Lu}/u.test(word) || !/\p{Ll}/u.test(word.slice(1))) continue;
    const key = foldText(word);
    if (COMMON_WORDS.has(key) || knownWords.has(key)) continue;
    // A hyphenated word of known parts ("Multi-Agency", "Dyfed-Powys" when both are known) is not a name.
    if (key.includes('-') && key.split('-').every((part) => COMMON_WORDS.has(part) || knownWords.has(part))) continue;
    const start = m.index ?? 0;
    if (startsSentence(text, start)) continue;
    out.push({ start, end: start + word.length, word });
  }
  return out;
}
