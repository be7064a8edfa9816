// A chronology entry as a row of a table (an agency's chronology, the merged one), in the reader's language:
// its date as its precision allows, the event type and significance by name, the people and the free text as
// given — an agency's own chronology as written with its people by code; the merged one as the presenter
// (src/services/chronology/presenter.ts) shows it, anonymised or named.
import type { TFunction } from 'i18next';
import { formatEntryDate } from '../../../domain/chronology/entry.ts';
import type { Language } from '../../../domain/organisation.ts';
import type { EntryRow } from '../../../services/chronology/chronology-service.ts';
import type { PresentedEntry } from '../../../services/chronology/presenter.ts';

/** An entry as the agency wrote it, its people by code: what its own chronology shows. */
export function asWritten(e: EntryRow, codes: ReadonlyMap<string, string>): PresentedEntry {
  return {
    entry: e,
    text: {
      description: e.description,
      actionTaken: e.actionTaken,
      outcome: e.outcome,
      practitionerRole: e.practitionerRole,
      analystComment: e.analystComment,
    },
    people: e.people.map((id) => codes.get(id) ?? '').filter(Boolean),
    keyLabel: e.keyLabel,
    likelyNames: [],
  };
}

/** An entry as a row of a chronology table, in the reader's language. */
export function entryView(t: TFunction, lang: Language, p: PresentedEntry) {
  const e = p.entry;
  return {
    id: e.id,
    number: e.entryNo,
    date: formatEntryDate(e, lang),
    time: e.time ?? '',
    type: t(`chronology:eventTypes.${e.eventType}`),
    ...p.text,
    people: p.people,
    source: e.sourceRef,
    significance: t(`chronology:significances.${e.significance}`),
    high: e.significance === 'high',
    keyLabel: p.keyLabel,
    likelyNames: p.likelyNames,
  };
}
