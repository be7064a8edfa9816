// The chronology's SQL (issue 11): agencies' entries with the integer sort columns of the merged order
// (src/domain/chronology/entry.ts), so both databases order, page and group them alike through the
// `chronology_entries_merged` index; imports and their progress. Executor first; no access checks here.
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import { DATE_PRECISIONS, type DatePrecision, type EntryFields, type EventType, type Significance, sortColumns } from '../../domain/chronology/entry.ts';
import type { ChronologyEntriesTable } from '../schema/chronology.ts';
import type { Database } from '../schema.ts';
import type { Executor } from '../transaction.ts';

export interface EntryRow extends EntryFields {
  id: string;
  reviewId: string;
  requestId: string;
  agencyId: string;
  entryNo: number;
  keyLabel: string | null;
  keyMarkedAt: string | null;
  importId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewEntry extends EntryFields {
  id: string;
  reviewId: string;
  requestId: string;
  agencyId: string;
  entryNo: number;
  importId: string | null;
}

function parsePeople(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

const COLUMNS = [
  'id',
  'review_id',
  'request_id',
  'agency_id',
  'entry_no',
  'occurred_on',
  'precision',
  'time',
  'event_type',
  'description',
  'people',
  'practitioner_role',
  'action_taken',
  'outcome',
  'source_ref',
  'significance',
  'analyst_comment',
  'key_label',
  'key_marked_at',
  'import_id',
  'version',
  'created_at',
  'updated_at',
] as const;

type Selected = Pick<Selectable<ChronologyEntriesTable>, (typeof COLUMNS)[number]>;

function entryRow(r: Selected): EntryRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    requestId: r.request_id,
    agencyId: r.agency_id,
    entryNo: Number(r.entry_no),
    occurredOn: r.occurred_on,
    precision: (DATE_PRECISIONS as readonly string[]).includes(r.precision) ? (r.precision as DatePrecision) : 'exact',
    time: r.time,
    eventType: r.event_type as EventType,
    description: r.description,
    people: parsePeople(r.people),
    practitionerRole: r.practitioner_role,
    actionTaken: r.action_taken,
    outcome: r.outcome,
    sourceRef: r.source_ref,
    significance: r.significance as Significance,
    analystComment: r.analyst_comment,
    keyLabel: r.key_label,
    keyMarkedAt: r.key_marked_at,
    importId: r.import_id,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function fieldValues(f: EntryFields) {
  const s = sortColumns(f);
  return {
    occurred_on: f.occurredOn,
    precision: f.precision,
    time: f.time,
    day_no: s.dayNo,
    precision_rank: s.precisionRank,
    minute: s.minute,
    event_type: f.eventType,
    description: f.description,
    people: JSON.stringify([...f.people]),
    practitioner_role: f.practitionerRole,
    action_taken: f.actionTaken,
    outcome: f.outcome,
    source_ref: f.sourceRef,
    significance: f.significance,
    analyst_comment: f.analystComment,
  };
}

/** Rows per INSERT: 27 columns each stays well under both databases' parameter limits. */
const BATCH = 500;

/** Inserts entries (an import's thousands in batches, in the caller's transaction). */
export async function insertEntries(db: Executor, entries: readonly NewEntry[], by: string | null, at: string): Promise<void> {
  for (let i = 0; i < entries.length; i += BATCH) {
    await db
      .insertInto('chronology_entries')
      .values(
        entries.slice(i, i + BATCH).map((e) => ({
          id: e.id,
          review_id: e.reviewId,
          request_id: e.requestId,
          agency_id: e.agencyId,
          entry_no: e.entryNo,
          ...fieldValues(e),
          key_label: null,
          key_marked_by: null,
          key_marked_at: null,
          import_id: e.importId,
          version: 1,
          created_by: by,
          created_at: at,
          updated_by: by,
          updated_at: at,
        })),
      )
      .execute();
  }
}

export async function findEntry(db: Executor, id: string): Promise<EntryRow | undefined> {
  const row = await db.selectFrom('chronology_entries').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? entryRow(row) : undefined;
}

/** Saves an entry's fields on the version read; false when someone else saved first. */
export async function updateEntry(db: Executor, id: string, version: number, f: EntryFields, by: string | null, at: string): Promise<boolean> {
  const result = await db
    .updateTable('chronology_entries')
    .set({ ...fieldValues(f), version: version + 1, updated_by: by, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes an entry on the version read; false when it changed (or went) meanwhile. */
export async function deleteEntry(db: Executor, id: string, version: number): Promise<boolean> {
  const result = await db.deleteFrom('chronology_entries').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Marks an entry as a key event with its short label (null unmarks). */
export async function setKeyEvent(db: Executor, id: string, label: string | null, by: string | null, at: string): Promise<void> {
  await db
    .updateTable('chronology_entries')
    .set({ key_label: label, key_marked_by: label === null ? null : by, key_marked_at: label === null ? null : at, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Reserves `n` consecutive entry numbers for a request (board counter `chronology:<request>`); returns the first. */
export async function reserveEntryNumbers(db: Executor, boardId: string, requestId: string, n: number): Promise<number> {
  const name = `chronology:${requestId}`;
  const row = await db
    .insertInto('board_counters')
    .values({ board_id: boardId, name, value: n })
    .onConflict((oc) => oc.columns(['board_id', 'name']).doUpdateSet((eb) => ({ value: eb('board_counters.value', '+', n) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value) - n + 1;
}

/** The merged order: date, precision, time, agency, entry (the `chronology_entries_merged` index after the review). */
function inMergedOrder<O>(q: SelectQueryBuilder<Database, 'chronology_entries', O>) {
  return q.orderBy('day_no').orderBy('precision_rank').orderBy('minute').orderBy('agency_id').orderBy('entry_no');
}

/** What narrows the merged chronology (or one agency's). Periods are inclusive days (epoch day numbers). */
export interface EntryFilter {
  agencyIds?: readonly string[] | undefined;
  personId?: string | undefined;
  fromDay?: number | undefined;
  toDay?: number | undefined;
  significance?: readonly string[] | undefined;
  eventTypes?: readonly string[] | undefined;
  keyOnly?: boolean | undefined;
}

function filtered(db: Executor, reviewId: string, requestIds: readonly string[], f: EntryFilter) {
  let q = db.selectFrom('chronology_entries').where('review_id', '=', reviewId);
  q = q.where('request_id', 'in', requestIds.length > 0 ? [...requestIds] : ['']);
  if (f.agencyIds && f.agencyIds.length > 0) q = q.where('agency_id', 'in', [...f.agencyIds]);
  // Ids are UUIDs written as JSON strings: the quoted id cannot match inside another.
  if (f.personId) q = q.where('people', 'like', `%"${f.personId.replace(/[%_"\\]/g, '')}"%`);
  if (f.fromDay !== undefined) q = q.where('day_no', '>=', f.fromDay);
  if (f.toDay !== undefined) q = q.where('day_no', '<=', f.toDay);
  if (f.significance && f.significance.length > 0) q = q.where('significance', 'in', [...f.significance]);
  if (f.eventTypes && f.eventTypes.length > 0) q = q.where('event_type', 'in', [...f.eventTypes]);
  if (f.keyOnly) q = q.where('key_label', 'is not', null);
  return q;
}

/**
 * A page of entries in the merged order (date, precision, time, agency, entry) from the requests given (the
 * shared chronologies, or one agency's own), with the total matching.
 */
export async function entriesPage(
  db: Executor,
  reviewId: string,
  requestIds: readonly string[],
  filter: EntryFilter,
  page: { offset: number; limit: number },
): Promise<{ entries: EntryRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, reviewId, requestIds, filter).select(COLUMNS).$call(inMergedOrder).offset(page.offset).limit(page.limit).execute(),
    filtered(db, reviewId, requestIds, filter)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { entries: rows.map(entryRow), total: Number(count.n) };
}

/** Where an entry sits in the merged order, as its sort columns: what the next chunk of an export starts after. */
export interface MergedPosition {
  dayNo: number;
  precisionRank: number;
  minute: number;
  agencyId: string;
  entryNo: number;
}

export function positionOf(e: EntryRow): MergedPosition {
  const s = sortColumns(e);
  return { dayNo: s.dayNo, precisionRank: s.precisionRank, minute: s.minute, agencyId: e.agencyId, entryNo: e.entryNo };
}

/**
 * The next `limit` matching entries in the merged order after a position (from the start without one): a
 * keyset on the merged index, so an export reads a 100,000-entry review in short chunks, each in its own short
 * transaction, and an entry added meanwhile neither repeats nor hides another.
 */
export async function entriesAfter(
  db: Executor,
  reviewId: string,
  requestIds: readonly string[],
  filter: EntryFilter,
  after: MergedPosition | undefined,
  limit: number,
): Promise<EntryRow[]> {
  let q = filtered(db, reviewId, requestIds, filter);
  if (after)
    q = q.where(({ eb, refTuple, tuple }) =>
      eb(
        refTuple('day_no', 'precision_rank', 'minute', 'agency_id', 'entry_no'),
        '>',
        tuple(after.dayNo, after.precisionRank, after.minute, after.agencyId, after.entryNo),
      ),
    );
  const rows = await q.select(COLUMNS).$call(inMergedOrder).limit(limit).execute();
  return rows.map(entryRow);
}

/**
 * Where the matching entries fall — each day (and precision) with each agency's number of entries on it — in
 * the merged order: what the gaps and clusters are read from. Grouped in the database, so a 100,000-entry
 * chronology comes back as a few thousand rows.
 */
export async function entryMarks(
  db: Executor,
  reviewId: string,
  requestIds: readonly string[],
  filter: EntryFilter,
): Promise<{ occurredOn: string; precision: DatePrecision; agencyId: string; count: number }[]> {
  const rows = await filtered(db, reviewId, requestIds, filter)
    .select(['occurred_on', 'precision', 'agency_id', 'day_no', 'precision_rank', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy(['day_no', 'precision_rank', 'agency_id', 'occurred_on', 'precision'])
    .orderBy('day_no')
    .orderBy('precision_rank')
    .orderBy('agency_id')
    .execute();
  return rows.map((r) => ({ occurredOn: r.occurred_on, precision: r.precision as DatePrecision, agencyId: r.agency_id, count: Number(r.n) }));
}

/** Other entries on the given days (for possible duplicates of a page's entries). */
export async function entriesOnDays(db: Executor, reviewId: string, requestIds: readonly string[], days: readonly number[]): Promise<EntryRow[]> {
  if (days.length === 0) return [];
  const rows = await filtered(db, reviewId, requestIds, {})
    .where('day_no', 'in', [...new Set(days)])
    .where('precision_rank', '>=', DATE_PRECISIONS.indexOf('about'))
    .select(COLUMNS)
    .execute();
  return rows.map(entryRow);
}

/** Entries per agency per period (month 'YYYY-MM' or year 'YYYY'), with the highest significance: the timeline's grouped marks. */
export async function entryCounts(
  db: Executor,
  reviewId: string,
  requestIds: readonly string[],
  filter: EntryFilter,
  period: 'month' | 'year',
): Promise<{ agencyId: string; period: string; count: number; high: number; medium: number }[]> {
  const length = period === 'month' ? 7 : 4;
  const bucket = sql<string>`substr(occurred_on, 1, ${sql.lit(length)})`;
  const rows = await filtered(db, reviewId, requestIds, filter)
    .select([
      'agency_id',
      bucket.as('period'),
      (eb) => eb.fn.countAll<string | number>().as('n'),
      sql<string | number>`sum(case when significance = 'high' then 1 else 0 end)`.as('high'),
      sql<string | number>`sum(case when significance = 'medium' then 1 else 0 end)`.as('medium'),
    ])
    .groupBy(['agency_id', bucket])
    .orderBy(bucket)
    .execute();
  return rows.map((r) => ({ agencyId: r.agency_id, period: r.period, count: Number(r.n), high: Number(r.high), medium: Number(r.medium) }));
}

/** How many entries each request holds. */
export async function entryCountsByRequest(db: Executor, requestIds: readonly string[]): Promise<Map<string, number>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('chronology_entries')
    .select(['request_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('request_id', 'in', [...requestIds])
    .groupBy('request_id')
    .execute();
  return new Map(rows.map((r) => [r.request_id, Number(r.n)]));
}

/** Records that the business unit shared the agency's signed-off chronology with the panel; false when already shared. */
export async function markShared(db: Executor, requestId: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('contribution_requests')
    .set({ chronology_shared_at: at, chronology_shared_by: by, updated_at: at })
    .where('id', '=', requestId)
    .where('chronology_shared_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
