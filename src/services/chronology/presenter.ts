// How an entry of the merged chronology is shown to a reader — on the page, on the timeline and in every
// export — anonymised or named (issue 11 item 4). Anonymised: the review's people are their codes in the
// reader's language, in the people column AND in the free text (descriptions, actions, outcomes, comments,
// practitioner roles, key labels: each person's recorded name, its parts and, in Welsh, its mutated forms,
// through free-text.ts), and what still looks like a name is listed for the author to fix. Named (those who
// may see restricted identity fields, and the panel chair): the people by name and the text as the agency
// wrote it. The review's pseudonym dictionary adds its places, schools and workers to what is replaced. One
// presenter per page or export: building it costs more than using it on each entry.
import { likelyNames, makePseudonymiser, type NamedPerson } from '../../domain/chronology/free-text.ts';
import type { Language } from '../../domain/organisation.ts';
import { PSEUDONYM_TERMS, pseudonymText } from '../../domain/pseudonyms.ts';
import type { EntryRow } from './chronology-service.ts';

/** The free-text fields of an entry, as shown. */
export const TEXT_FIELDS = ['description', 'actionTaken', 'outcome', 'practitionerRole', 'analystComment'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface PresentedEntry {
  entry: EntryRow;
  text: Record<TextField, string>;
  /** The people by code (anonymised) or name (named). */
  people: string[];
  keyLabel: string | null;
  /** Words that still look like names (anonymised only), for the author to fix. */
  likelyNames: string[];
}

export interface PresenterInput {
  language: Language;
  named: boolean;
  /** The review's people: id, kind and index (their codes). */
  people: readonly { id: string; kind: Parameters<typeof pseudonymText>[0]['kind']; index: number }[];
  /** Their recorded names, by id (read for both views: the anonymised view needs them to find them in the text). */
  names: ReadonlyMap<string, string>;
  /** Words that are not people's names: the agencies' and the board's names (never flagged). */
  known: readonly string[];
  /**
   * The review's pseudonym dictionary (issue 13 item 1), its real identifiers opened: an entry built from one
   * of the people adds its spellings to that person's names; any other (a place, a school, a worker) is
   * replaced by its term in the anonymised text too — a person's name by its parts, anything else whole.
   */
  dictionary?: readonly { reviewPersonId: string | null; spellings: readonly string[]; person: boolean; en: string; cy: string }[];
}

export type Presenter = (e: EntryRow) => PresentedEntry;

export function presenter(input: PresenterInput): Presenter {
  const code = new Map(input.people.map((p) => [p.id, pseudonymText(p, input.language)]));
  const shown = (id: string) => (input.named ? (input.names.get(id) ?? code.get(id)) : code.get(id)) ?? '';
  if (input.named)
    return (entry) => ({
      entry,
      text: Object.fromEntries(TEXT_FIELDS.map((f) => [f, entry[f]])) as Record<TextField, string>,
      people: entry.people.map(shown).filter(Boolean),
      keyLabel: entry.keyLabel,
      likelyNames: [],
    });
  const dictionary = input.dictionary ?? [];
  const named: NamedPerson[] = input.people.flatMap((p) => {
    const names = [input.names.get(p.id), ...dictionary.filter((d) => d.reviewPersonId === p.id).flatMap((d) => d.spellings)].filter((n): n is string =>
      Boolean(n),
    );
    return names.length > 0 ? [{ names, pseudonym: { en: pseudonymText(p, 'en'), cy: pseudonymText(p, 'cy') } }] : [];
  });
  for (const d of dictionary) if (d.reviewPersonId === null) named.push({ names: d.spellings, pseudonym: { en: d.en, cy: d.cy }, whole: !d.person });
  const pseudonymise = makePseudonymiser(named, input.language);
  const known = [...input.known, ...Object.values(PSEUDONYM_TERMS).flatMap((t) => [t.en, t.cy]), ...dictionary.flatMap((d) => [d.en, d.cy])];
  return (entry) => {
    const text = {} as Record<TextField, string>;
    const flagged = new Set<string>();
    for (const f of TEXT_FIELDS) {
      const replaced = entry[f] ? pseudonymise(entry[f]).text : '';
      text[f] = replaced;
      if (replaced) for (const n of likelyNames(replaced, known)) flagged.add(n.word);
    }
    return {
      entry,
      text,
      people: entry.people.map(shown).filter(Boolean),
      keyLabel: entry.keyLabel ? pseudonymise(entry.keyLabel).text : null,
      likelyNames: [...flagged],
    };
  };
}
