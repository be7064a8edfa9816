// An agency's chronology for a review (issue 11 item 1; DOMAIN.md §6.3): its contributor adds, changes and
// removes entries — date with its precision, time, event type, description, the review's people (by their
// pseudonyms), practitioner role, action or decision, outcome, source record reference, significance, analyst
// comment — while the agency's contribution is being drafted (after the author's declaration, before it is
// submitted: under CPR and SUSR the chronology is the agency's contribution, under SCR it goes with the IMR).
// Everything is reached through the agency's contribution request, so one agency's people never see or
// change another's entries (contributionInScope). An entry outside the review's period is kept, with a
// warning. Once the agency's senior manager has signed the contribution off, the business unit shares the
// chronology with the panel: only shared chronologies are in the merged one (chronology-views.ts). Each
// change is one transaction with its audit event (ids, counts and field names; never the text).
import type { Db } from '../../db/database.ts';
import { importsOf } from '../../db/repositories/chronology-imports-repository.ts';
import {
  deleteEntry,
  type EntryRow,
  entriesPage,
  entryCountsByRequest,
  findEntry,
  insertEntries,
  markShared,
  reserveEntryNumbers,
  updateEntry,
} from '../../db/repositories/chronology-repository.ts';
import type { ContributionRequestRow } from '../../db/repositories/contributions-repository.ts';
import { reviewRequests } from '../../db/repositories/contributions-repository.ts';
import { type ReviewPerson, reviewPeople } from '../../db/repositories/family-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import { reviewPeriod } from '../../db/repositories/terms-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { outsidePeriod } from '../../domain/chronology/entry.ts';
import { checkEntry, type EntryInput } from '../../domain/chronology/entry-input.ts';
import type { Permission } from '../../domain/permissions.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, invalid, newId, notFound, ServiceError } from '../context.ts';
import { contributionInScope } from '../contribution-drafting.ts';
import { mayOnReview } from '../review-access.ts';

export type { EntryRow } from '../../db/repositories/chronology-repository.ts';

export interface ChronologyDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
}

/** Entries per page of an agency's chronology and of the merged one. */
export const PAGE_SIZE = 50;

/** The warnings an accepted entry may carry (locale keys): it is kept all the same. */
export type EntryWarning = 'chronology:warnings.outsidePeriod';

export interface AgencyChronology {
  review: ReviewRow;
  request: ContributionRequestRow;
  entries: EntryRow[];
  total: number;
  page: number;
  pages: number;
  people: ReviewPerson[];
  period: { from: string | null; to: string | null };
  imports: Awaited<ReturnType<typeof importsOf>>;
  may: { edit: boolean; share: boolean };
}

/** Whether the agency's chronology can be written now: its contribution is being drafted. */
export function drafting(request: Pick<ContributionRequestRow, 'status'>): boolean {
  return request.status === 'in_progress';
}

export class ChronologyService {
  constructor(protected readonly deps: ChronologyDeps) {}

  protected scope(db: Executor, caller: Caller, boardId: string, reviewId: string, requestId: string, permission: Permission) {
    return contributionInScope(db, caller, { boardId, reviewId, requestId }, permission);
  }

  /** Refuses a change while the agency's contribution is not being drafted (before the declaration, after submission). */
  protected assertDrafting(request: ContributionRequestRow): void {
    if (drafting(request)) return;
    throw new ServiceError('conflict', 'not drafting', {
      form: request.status === 'requested' ? 'contributions:errors.declareFirst' : 'chronology:errors.notDrafting',
    });
  }

  /** Refuses (not found, forbidden) before a file is read when the caller may not write this agency's chronology: the API checks first. */
  async checkMayEdit(caller: Caller, boardId: string, reviewId: string, requestId: string): Promise<void> {
    await inTransaction(this.deps.db, (trx) => this.scope(trx, caller, boardId, reviewId, requestId, 'contribution.edit'));
  }

  /** The agency's own chronology, a page at a time in date order, with what the caller may do; the read is audited. */
  async agency(caller: Caller, boardId: string, reviewId: string, requestId: string, opts: { page?: number } = {}): Promise<AgencyChronology> {
    return inTransaction(this.deps.db, async (trx) => {
      const { review, request } = await this.scope(trx, caller, boardId, reviewId, requestId, 'contribution.view');
      const { total } = await entriesPage(trx, reviewId, [request.id], {}, { offset: 0, limit: 0 });
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pages);
      const { entries } = await entriesPage(trx, reviewId, [request.id], {}, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
      const [people, period, imports] = await Promise.all([reviewPeople(trx, reviewId), reviewPeriod(trx, reviewId), importsOf(trx, request.id, 5)]);
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'contribution',
        recordId: request.id,
        summary: { reviewId, agencyId: request.agencyId, entries: entries.length, page },
      });
      return {
        review,
        request,
        entries,
        total,
        page,
        pages,
        people,
        period,
        imports,
        may: {
          edit: drafting(request) && mayOnReview(caller, review, 'contribution.edit', request.agencyId),
          share: request.status === 'signed_off' && !request.chronologySharedAt && mayOnReview(caller, review, 'contribution.manage'),
        },
      };
    });
  }

  /** What the entry form needs: the review's people to choose from, and the entry when changing one (audited read). */
  async entryForm(caller: Caller, boardId: string, reviewId: string, requestId: string, entryId?: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const { review, request } = await this.scope(trx, caller, boardId, reviewId, requestId, 'contribution.edit');
      const entry = entryId ? await this.entryOf(trx, request, entryId) : undefined;
      const people = await reviewPeople(trx, reviewId);
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'contribution',
        recordId: request.id,
        summary: { reviewId, agencyId: request.agencyId, ...(entry ? { entryId: entry.id } : {}) },
      });
      return { review, request, people, entry };
    });
  }

  private async entryOf(db: Executor, request: ContributionRequestRow, entryId: string): Promise<EntryRow> {
    const entry = await findEntry(db, entryId);
    // Another agency's (or review's) entry is not in this chronology.
    if (!entry || entry.requestId !== request.id) throw notFound('chronology entry');
    return entry;
  }

  private async checked(db: Executor, reviewId: string, input: EntryInput) {
    const people = await reviewPeople(db, reviewId);
    const result = checkEntry(input, new Set(people.map((p) => p.id)));
    if (!result.ok) throw invalid(result.errors);
    const period = await reviewPeriod(db, reviewId);
    const warnings: EntryWarning[] = outsidePeriod(result.fields, period) ? ['chronology:warnings.outsidePeriod'] : [];
    return { fields: result.fields, warnings };
  }

  /** Adds an entry to the agency's chronology (its contributor, while drafting); the number is the agency's next. */
  async add(caller: Caller, boardId: string, reviewId: string, requestId: string, input: EntryInput): Promise<{ id: string; warnings: EntryWarning[] }> {
    return inTransaction(this.deps.db, async (trx) => {
      const { request } = await this.scope(trx, caller, boardId, reviewId, requestId, 'contribution.edit');
      this.assertDrafting(request);
      const { fields, warnings } = await this.checked(trx, reviewId, input);
      const id = newId();
      const entryNo = await reserveEntryNumbers(trx, boardId, request.id, 1);
      const by = caller.actor?.personId ?? null;
      await insertEntries(trx, [{ ...fields, id, reviewId, requestId: request.id, agencyId: request.agencyId, entryNo, importId: null }], by, this.now());
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'chronology_entry',
        recordId: id,
        summary: { reviewId, agencyId: request.agencyId, requestId: request.id, entryNo, people: fields.people.length, warnings: warnings.length },
      });
      return { id, warnings };
    });
  }

  /** Changes an entry on the version the form showed: someone else's change first is a conflict, never lost. */
  async edit(
    caller: Caller,
    boardId: string,
    reviewId: string,
    requestId: string,
    entryId: string,
    input: EntryInput & { version: number | undefined },
  ): Promise<{ warnings: EntryWarning[] }> {
    return inTransaction(this.deps.db, async (trx) => {
      const { request } = await this.scope(trx, caller, boardId, reviewId, requestId, 'contribution.edit');
      const entry = await this.entryOf(trx, request, entryId);
      this.assertDrafting(request);
      const { fields, warnings } = await this.checked(trx, reviewId, input);
      const version = input.version ?? entry.version;
      if (!(await updateEntry(trx, entry.id, version, fields, caller.actor?.personId ?? null, this.now())))
        throw new ServiceError('conflict', 'entry changed', { form: 'chronology:errors.changedMeanwhile' });
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => JSON.stringify(fields[k]) !== JSON.stringify(entry[k]));
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'chronology_entry',
        recordId: entry.id,
        summary: { reviewId, agencyId: request.agencyId, fields: changed, version: version + 1 },
      });
      return { warnings };
    });
  }

  /** Removes an entry (its contributor, while drafting), on the version seen. */
  async remove(caller: Caller, boardId: string, reviewId: string, requestId: string, entryId: string, input: { version?: number | undefined }) {
    return inTransaction(this.deps.db, async (trx) => {
      const { request } = await this.scope(trx, caller, boardId, reviewId, requestId, 'contribution.edit');
      const entry = await this.entryOf(trx, request, entryId);
      this.assertDrafting(request);
      if (!(await deleteEntry(trx, entry.id, input.version ?? entry.version)))
        throw new ServiceError('conflict', 'entry changed', { form: 'chronology:errors.changedMeanwhile' });
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'chronology_entry',
        recordId: entry.id,
        summary: { reviewId, agencyId: request.agencyId, entryNo: entry.entryNo },
      });
    });
  }

  /**
   * Shares the agency's chronology with the panel (the business unit), once its senior manager has signed the
   * contribution off; from then its entries are in the merged chronology. Sharing twice is refused (409).
   */
  async share(caller: Caller, boardId: string, reviewId: string, requestId: string): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const { request } = await this.scope(trx, caller, boardId, reviewId, requestId, 'contribution.manage');
      if (request.status !== 'signed_off') throw new ServiceError('conflict', 'not signed off', { form: 'chronology:errors.notSignedOff' });
      if (!(await markShared(trx, request.id, caller.actor?.personId ?? '', this.now())))
        throw new ServiceError('conflict', 'already shared', { form: 'chronology:errors.alreadyShared' });
      const counts = await entryCountsByRequest(trx, [request.id]);
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'contribution',
        recordId: request.id,
        summary: { reviewId, agencyId: request.agencyId, entries: counts.get(request.id) ?? 0 },
      });
    });
  }

  /**
   * The review page's section, in that page's transaction (no audit of its own): each agency's chronology the
   * reader may see with its entries and whether it is shared; null when the reader sees none of it.
   */
  async sectionIn(db: Executor, caller: Caller, review: ReviewRow) {
    const mayMerged = mayOnReview(caller, review, 'chronology.view');
    const requests = (await reviewRequests(db, review.id)).filter((r) => mayMerged || mayOnReview(caller, review, 'contribution.view', r.agencyId));
    if (!mayMerged && requests.length === 0) return null;
    const counts = await entryCountsByRequest(
      db,
      requests.map((r) => r.id),
    );
    const agencies = requests.map((r) => ({
      requestId: r.id,
      agencyName: r.agencyName,
      status: r.status,
      entries: counts.get(r.id) ?? 0,
      shared: r.chronologySharedAt !== null,
      own: mayOnReview(caller, review, 'contribution.view', r.agencyId),
    }));
    return {
      mayMerged,
      agencies,
      shared: agencies.filter((a) => a.shared).reduce((n, a) => n + a.entries, 0),
    };
  }

  protected now(): string {
    return this.deps.clock.now().toISOString();
  }
}
