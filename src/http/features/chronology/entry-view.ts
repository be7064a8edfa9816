// A chronology entry as a row of a table (an agency's chronology, the merged one), in the reader's language:
// its date as its precision allows, the event type and significance by name, the people by the names given
// (their codes, or their names in the named view), the text as it stands.
import type { TFunction } from 'i18next';
import { formatEntryDate } from '../../../domain/chronology/entry.ts';
import type { Language } from '../../../domain/organisation.ts';
import type { EntryRow } from '../../../services/chronology/chronology-service.ts';

/** An entry as a row of a chronology table, in the reader's language (people by code; text as written). */
export function entryView(t: TFunction, lang: Language, e: EntryRow, codes: ReadonlyMap<string, string>) {
  return {
    id: e.id,
    number: e.entryNo,
    date: formatEntryDate(e, lang),
    time: e.time ?? '',
    type: t(`chronology:eventTypes.${e.eventType}`),
    description: e.description,
    actionTaken: e.actionTaken,
    outcome: e.outcome,
    practitionerRole: e.practitionerRole,
    analystComment: e.analystComment,
    people: e.people.map((id) => codes.get(id) ?? '').filter(Boolean),
    source: e.sourceRef,
    significance: t(`chronology:significances.${e.significance}`),
    high: e.significance === 'high',
    keyLabel: e.keyLabel,
  };
}
