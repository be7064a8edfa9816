// The merged chronology's query string (filters, page, view, gap threshold), read one way for the page, the
// timeline and the exports, and kept as the links' query (paging, the view switch, the files).
import type { MergedQuery } from '../../../services/chronology/chronology-views.ts';
import type { ChronologyQuery } from '../../../urls.ts';
import { dateParts, parseDateParts } from '../../dates.ts';
import { formList, formString } from '../../forms.ts';
import { requestedPage } from '../../pagination.ts';

type Query = Record<string, unknown>;

/** A period's end from the query: an ISO date (links), or the form's three boxes; '' when not given, 'invalid' when wrong. */
function periodEnd(q: Query, name: 'from' | 'to'): string {
  const iso = formString(q[name]);
  if (iso) return iso;
  const parsed = parseDateParts(dateParts(q, name));
  if (parsed === null) return '';
  return parsed === 'incomplete' || parsed === 'invalid' ? 'invalid' : parsed;
}

/** The gap threshold asked for: a whole number (the service refuses one out of range); NaN for anything else, which it refuses too. */
function gapDaysOf(value: unknown): number | undefined {
  const text = formString(value);
  if (text === undefined) return undefined;
  return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
}

/** The reader's query as the service takes it, and as the links keep it (paging, the view switch). */
export function mergedQuery(q: Query): { query: MergedQuery; link: ChronologyQuery } {
  const from = periodEnd(q, 'from');
  const to = periodEnd(q, 'to');
  const link: ChronologyQuery = {
    agency: formList(q.agency),
    person: formString(q.person),
    from: from || undefined,
    to: to || undefined,
    significance: formList(q.significance),
    type: formList(q.type),
    key: formString(q.key) === 'yes' ? 'yes' : undefined,
    gapDays: gapDaysOf(q.gapDays),
    view: formString(q.view) === 'named' ? 'named' : undefined,
  };
  return {
    link,
    query: {
      agencyIds: link.agency,
      personId: link.person,
      from: link.from,
      to: link.to,
      significance: link.significance,
      eventTypes: link.type,
      keyOnly: link.key === 'yes',
      named: link.view === 'named',
      page: requestedPage(q.page),
      gapDays: link.gapDays,
    },
  };
}
