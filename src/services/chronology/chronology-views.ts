// The review's merged chronology (issue 11 items 3 and 4): every shared agency's entries in one order (date,
// precision, time, agency, entry — the index `chronology_entries_merged`), filtered by agency, person, period,
// significance, event type and key events, a page at a time however many entries there are. Readers: the
// panel, the business unit and the independent author (and the board chair and information governance);
// only the agencies' chronologies the business unit shared are in it. The anonymised view (everyone) shows
// the review's people by their codes; the named view (chronology.named: those who may see restricted identity
// fields, and the panel chair) shows their names, and asking for it is refused to anyone else. Each read is
// audited with whether it was named. Marking key events (the panel, the author, the business unit) is here too.

import type { FieldCipher } from '../../db/field-cipher.ts';
import {
  type EntryFilter,
  type EntryRow,
  entriesOnDays,
  entriesPage,
  entryMarks,
  findEntry,
  setKeyEvent,
} from '../../db/repositories/chronology-repository.ts';
import { type ContributionRequestRow, reviewRequests } from '../../db/repositories/contributions-repository.ts';
import { identifiedEntries } from '../../db/repositories/dictionary-repository.ts';
import { type ReviewPerson, reviewPeople, reviewPeopleIdentities } from '../../db/repositories/family-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import { reviewPeriod } from '../../db/repositories/terms-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import {
  type Cluster,
  DEFAULT_GAP_DAYS,
  type DuplicateReason,
  findClusters,
  findGaps,
  type Gap,
  likelyDuplicatesOnDay,
} from '../../domain/chronology/analysis.ts';
import { EVENT_TYPES, SIGNIFICANCES } from '../../domain/chronology/entry.ts';
import { isIsoDate, toEpochDay } from '../../domain/clock/dates.ts';
import type { Language } from '../../domain/organisation.ts';
import { isDictionaryCategory, PERSON_CATEGORIES, spellingsOf } from '../../domain/publication/dictionary.ts';
import { type Caller, forbidden, invalid, notFound } from '../context.ts';
import { mayOnReview, reviewInScope } from '../review-access.ts';
import type { ChronologyDeps } from './chronology-service.ts';
import { PAGE_SIZE } from './chronology-service.ts';
import { type PresentedEntry, presenter } from './presenter.ts';

/** The longest label of a key event (it is drawn on the timeline). */
export const KEY_LABEL_MAX = 80;

/** What the reader asked for: filters as sent (checked here), the page, and whether the named view. */
export interface MergedQuery {
  agencyIds?: readonly string[] | undefined;
  personId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  significance?: readonly string[] | undefined;
  eventTypes?: readonly string[] | undefined;
  keyOnly?: boolean | undefined;
  named?: boolean | undefined;
  page?: number | undefined;
  /** Gaps longer than this many days are shown (DEFAULT_GAP_DAYS unless given). */
  gapDays?: number | undefined;
  /** The reader's language: the codes written in the free text. */
  language?: Language | undefined;
}

/** The longest gap threshold a reader may ask for (ten years). */
export const MAX_GAP_DAYS = 3650;

/** Another entry on the same day that looks like the same event, recorded by another agency. */
export interface PossibleDuplicate {
  entryId: string;
  agencyId: string;
  entryNo: number;
  score: number;
  reasons: DuplicateReason[];
}

export interface MergedChronology {
  review: ReviewRow;
  /** The shared agencies (the filter's choices), with their requests. */
  agencies: { id: string; requestId: string; name: { en: string; cy: string } }[];
  /** Agencies asked whose chronology is not shared yet (the page says so). */
  notShared: { id: string; name: { en: string; cy: string } }[];
  people: ReviewPerson[];
  /** The people's names, in the named view only. */
  names: Map<string, string> | undefined;
  /** The page's entries as the reader sees them (codes or names, in the text too). */
  entries: PresentedEntry[];
  /** For each entry of the page with one, the entries of other agencies on its day that look like the same event. */
  duplicates: Map<string, PossibleDuplicate[]>;
  /** The gaps longer than the threshold, and the clusters, over every matching entry (not only the page's). */
  gaps: Gap[];
  gapDays: number;
  clusters: Cluster[];
  total: number;
  page: number;
  pages: number;
  period: { from: string | null; to: string | null };
  named: boolean;
  may: { named: boolean; mark: boolean };
}

export interface MergedDeps extends ChronologyDeps {
  cipher: FieldCipher;
}

/** The filter as the database takes it; an impossible date or an unknown value is refused field by field. */
export function entryFilter(q: MergedQuery, shared: ReadonlySet<string>, people: ReadonlySet<string>): EntryFilter {
  const errors: Record<string, string> = {};
  const day = (value: string | undefined, field: string) => {
    if (!value) return undefined;
    if (!isIsoDate(value)) {
      errors[field] = 'chronology:errors.filterDateInvalid';
      return undefined;
    }
    return toEpochDay(value);
  };
  const fromDay = day(q.from, 'from');
  const toDay = day(q.to, 'to');
  if (fromDay !== undefined && toDay !== undefined && toDay < fromDay) errors.to = 'chronology:errors.filterToBeforeFrom';
  if (q.personId && !people.has(q.personId)) errors.person = 'chronology:errors.personUnknown';
  if (q.gapDays !== undefined && !(Number.isInteger(q.gapDays) && q.gapDays >= 1 && q.gapDays <= MAX_GAP_DAYS))
    errors.gapDays = 'chronology:errors.gapDaysInvalid';
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return {
    // An agency not shared (or not of this review) is simply not among the choices.
    agencyIds: q.agencyIds?.filter((a) => shared.has(a)),
    personId: q.personId || undefined,
    fromDay,
    toDay,
    significance: q.significance?.filter((s) => (SIGNIFICANCES as readonly string[]).includes(s)),
    eventTypes: q.eventTypes?.filter((s) => (EVENT_TYPES as readonly string[]).includes(s)),
    keyOnly: q.keyOnly,
  };
}

/** The shared agencies' requests of the review (and those not shared yet). */
async function sharingOf(db: Executor, reviewId: string): Promise<{ shared: ContributionRequestRow[]; notShared: ContributionRequestRow[] }> {
  const requests = (await reviewRequests(db, reviewId)).filter((r) => r.status !== 'waived');
  return { shared: requests.filter((r) => r.chronologySharedAt !== null), notShared: requests.filter((r) => r.chronologySharedAt === null) };
}

/** The people's recorded names, by id (sealed at rest): for finding them in the text, and for the named view. */
async function namesOf(db: Executor, cipher: FieldCipher, reviewId: string): Promise<Map<string, string>> {
  const identities = await reviewPeopleIdentities(db, cipher, reviewId);
  return new Map([...identities].flatMap(([id, i]) => (i.fullName ? [[id, i.fullName] as [string, string]] : [])));
}

/**
 * What every view of the merged chronology starts from, in the read's transaction: the review (chronology.view;
 * the named view refused without chronology.named), the shared chronologies, the review's people, the filter
 * checked, and the presenter that shows each entry anonymised or named in the reader's language.
 */
export async function mergedScope(trx: Executor, cipher: FieldCipher, caller: Caller, boardId: string, reviewId: string, q: MergedQuery) {
  const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'chronology.view');
  const mayNamed = mayOnReview(caller, review, 'chronology.named');
  if (q.named && !mayNamed) throw forbidden();
  const { shared, notShared } = await sharingOf(trx, reviewId);
  const people = await reviewPeople(trx, reviewId);
  const filter = entryFilter(q, new Set(shared.map((r) => r.agencyId)), new Set(people.map((p) => p.id)));
  const named = q.named === true;
  const names = await namesOf(trx, cipher, reviewId);
  const present = presenter({
    language: q.language ?? 'en',
    named,
    people,
    names,
    known: shared.flatMap((r) => [r.agencyName.en, r.agencyName.cy]),
    // The anonymised view replaces the dictionary's real identifiers too (opened only for it, never shown).
    dictionary: named
      ? []
      : (await identifiedEntries(trx, cipher, reviewId)).map((e) => ({
          reviewPersonId: e.reviewPersonId,
          spellings: spellingsOf(e.realIdentifier),
          person: isDictionaryCategory(e.category) && PERSON_CATEGORIES.includes(e.category),
          en: e.termEn,
          cy: e.termCy,
        })),
  });
  const period = await reviewPeriod(trx, reviewId);
  // The names leave the service only in the named view.
  return { review, mayNamed, shared, notShared, people, names: named ? names : undefined, filter, requestIds: shared.map((r) => r.id), named, present, period };
}

export type MergedScope = Awaited<ReturnType<typeof mergedScope>>;

/** How many filters' marks each process keeps (a few reviews' pages and timelines being read). */
const MARKS_KEPT = 64;

export class ChronologyViews {
  /**
   * The marks (each day's entries per agency) of a merged chronology, by review, shared chronologies and filter:
   * reading them is one GROUP BY over every matching entry (most of a 100,000-entry page's cost), and they never
   * change — only signed-off chronologies are shared, and a signed-off chronology is never written again —, so
   * each process keeps the latest MARKS_KEPT. A new share changes the key; key events (which do change) are read
   * fresh whenever the filter asks for them.
   */
  private readonly marksKept = new Map<string, Awaited<ReturnType<typeof entryMarks>>>();

  constructor(protected readonly deps: MergedDeps) {}

  protected async marksOf(trx: Executor, reviewId: string, requestIds: readonly string[], filter: EntryFilter) {
    if (filter.keyOnly) return entryMarks(trx, reviewId, requestIds, filter);
    const key = JSON.stringify([reviewId, [...requestIds].sort(), filter]);
    const kept = this.marksKept.get(key);
    if (kept) {
      this.marksKept.delete(key);
      this.marksKept.set(key, kept);
      return kept;
    }
    const marks = await entryMarks(trx, reviewId, requestIds, filter);
    this.marksKept.set(key, marks);
    if (this.marksKept.size > MARKS_KEPT) this.marksKept.delete(this.marksKept.keys().next().value as string);
    return marks;
  }

  /** A page of the merged chronology as the reader asked for it; the read is audited (named or not). */
  async merged(caller: Caller, boardId: string, reviewId: string, q: MergedQuery = {}): Promise<MergedChronology> {
    return inTransaction(this.deps.db, async (trx) => {
      const { review, mayNamed, shared, notShared, people, names, filter, requestIds, named, present, period } = await mergedScope(
        trx,
        this.deps.cipher,
        caller,
        boardId,
        reviewId,
        q,
      );
      const { total } = await entriesPage(trx, reviewId, requestIds, filter, { offset: 0, limit: 0 });
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const page = Math.min(Math.max(1, Math.floor(q.page ?? 1)), pages);
      const { entries } = await entriesPage(trx, reviewId, requestIds, filter, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
      const gapDays = q.gapDays ?? DEFAULT_GAP_DAYS;
      const marks = await this.marksOf(trx, reviewId, requestIds, filter);
      const duplicates = await this.duplicatesOf(trx, reviewId, requestIds, entries);
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { named, page, entries: entries.length, total },
      });
      return {
        review,
        agencies: shared.map((r) => ({ id: r.agencyId, requestId: r.id, name: r.agencyName })),
        notShared: notShared.map((r) => ({ id: r.agencyId, name: r.agencyName })),
        people,
        names,
        entries: entries.map(present),
        duplicates,
        gaps: findGaps(marks, { thresholdDays: gapDays, period }),
        gapDays,
        clusters: findClusters(marks),
        total,
        page,
        pages,
        period,
        named,
        may: { named: mayNamed, mark: mayOnReview(caller, review, 'chronology.mark') },
      };
    });
  }

  /**
   * The entries of other agencies on the days of the page's entries (dated to a day) that look like the same
   * event: one query for the page's days, then the per-day comparison (analysis.ts), O(page × entries a day).
   */
  private async duplicatesOf(
    db: Executor,
    reviewId: string,
    requestIds: readonly string[],
    page: readonly EntryRow[],
  ): Promise<Map<string, PossibleDuplicate[]>> {
    const out = new Map<string, PossibleDuplicate[]>();
    const dated = page.filter((e) => e.precision === 'exact' || e.precision === 'about');
    if (dated.length === 0) return out;
    const onDays = await entriesOnDays(
      db,
      reviewId,
      requestIds,
      dated.map((e) => toEpochDay(e.occurredOn)),
    );
    const byDay = new Map<string, EntryRow[]>();
    for (const e of onDays) byDay.set(e.occurredOn, [...(byDay.get(e.occurredOn) ?? []), e]);
    const onPage = new Set(page.map((e) => e.id));
    const note = (e: EntryRow, other: EntryRow, score: number, reasons: DuplicateReason[]) => {
      if (!onPage.has(e.id)) return;
      out.set(e.id, [...(out.get(e.id) ?? []), { entryId: other.id, agencyId: other.agencyId, entryNo: other.entryNo, score, reasons }]);
    };
    for (const day of byDay.values())
      for (const pair of likelyDuplicatesOnDay(day)) {
        note(pair.a, pair.b, pair.score, pair.reasons);
        note(pair.b, pair.a, pair.score, pair.reasons);
      }
    return out;
  }

  /** An entry of the merged chronology, for the key event form (chronology.mark); the read is audited. */
  async entry(caller: Caller, boardId: string, reviewId: string, entryId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'chronology.mark');
      const { entry, request } = await this.sharedEntry(trx, reviewId, entryId);
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'chronology_entry',
        recordId: entry.id,
        summary: { reviewId, agencyId: entry.agencyId },
      });
      return { review, entry, agency: request.agencyName };
    });
  }

  /** An entry of a chronology shared with the panel on this review; any other (another review's, one not shared) is not found. */
  private async sharedEntry(db: Executor, reviewId: string, entryId: string) {
    const entry = await findEntry(db, entryId);
    const { shared } = await sharingOf(db, reviewId);
    const request = entry && entry.reviewId === reviewId ? shared.find((r) => r.id === entry.requestId) : undefined;
    if (!entry || !request) throw notFound('chronology entry');
    return { entry, request };
  }

  /**
   * Marks an entry of a shared chronology as a key event with a short label for the timeline, or unmarks it
   * (an empty label): the panel, the author, the business unit for the panel.
   */
  async markKey(caller: Caller, boardId: string, reviewId: string, entryId: string, input: { label: string | null | undefined }): Promise<{ marked: boolean }> {
    return inTransaction(this.deps.db, async (trx) => {
      await reviewInScope(trx, caller, { boardId, reviewId }, 'chronology.mark');
      const { entry } = await this.sharedEntry(trx, reviewId, entryId);
      const label = input.label?.replace(/\s+/g, ' ').trim() || null;
      if (label && label.length > KEY_LABEL_MAX) throw invalid({ label: 'chronology:errors.keyLabelTooLong' });
      await setKeyEvent(trx, entry.id, label, caller.actor?.personId ?? null, this.deps.clock.now().toISOString());
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'chronology_entry',
        recordId: entry.id,
        summary: { reviewId, agencyId: entry.agencyId, marked: label !== null },
      });
      return { marked: label !== null };
    });
  }
}
