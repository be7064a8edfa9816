// The review recommendations of a review's report (issue 10 item 10; DOMAIN.md §8.6 R4): kept per review
// (report.recommend: the author, the business unit), each naming its responsible agency or person and target
// date, changed on the revision its editor opened, closed once the board has accepted the report. With what
// every change of the report shares (its dependencies, the caller's person, the stages in which the report no
// longer changes, the conflict of a change since opened, R4's facts); ReportService (versions, comments, QA,
// acceptance) builds on this.
import type { Db } from '../db/database.ts';
import { listAgencies } from '../db/repositories/organisation-repository.ts';
import { findPersonRow } from '../db/repositories/people-repository.ts';
import {
  findRecommendation,
  insertRecommendation,
  nextRecommendationNumber,
  type RecommendationRow,
  updateRecommendation,
} from '../db/repositories/report-recommendations-repository.ts';
import { lockReport } from '../db/repositories/report-repository.ts';
import { reviewAssignments } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { Agency } from '../domain/organisation.ts';
import { checkRecommendation, type RecommendationInput } from '../domain/reviews/report.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, forbidden, invalid, newId, notFound, ServiceError } from './context.ts';
import { reviewInScope } from './review-access.ts';
import { changedSinceOpened } from './section-versions.ts';

export interface ReportDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
}

/** Stages in which the report no longer changes. */
export const FINISHED = ['WITHDRAWN', 'CLOSED'];

export const CHANGED_SINCE_OPENED = () => changedSinceOpened('report.changedSinceOpened', 'report:errors.changedSinceOpened');

/** R4's facts of the review recommendations. */
export const factsOf = (rows: readonly RecommendationRow[]) =>
  rows.map((r) => ({ number: r.number, agencyId: r.agencyId, personId: r.personId, responsible: r.responsible, targetOn: r.targetOn }));

export class ReportRecommendations {
  constructor(protected readonly deps: ReportDeps) {}

  protected now(): string {
    return this.deps.clock.now().toISOString();
  }

  protected personOf(caller: Caller): string {
    const personId = caller.actor?.personId;
    if (!personId) throw forbidden();
    return personId;
  }

  /** The people a review recommendation may name as responsible: those holding a role on the review. */
  protected async people(db: Executor, reviewId: string): Promise<{ id: string; name: string }[]> {
    const ids = [...new Set((await reviewAssignments(db, reviewId)).map((a) => a.personId))];
    const people: { id: string; name: string }[] = [];
    for (const id of ids) {
      const p = await findPersonRow(db, id);
      if (p && !p.deactivated_at) people.push({ id, name: p.full_name });
    }
    return people.sort((a, b) => a.name.localeCompare(b.name));
  }

  protected async agencies(db: Executor, boardId: string): Promise<Agency[]> {
    return listAgencies(db, [boardId]);
  }

  /** A review recommendation's form: the recommendation (none for a new one), the agencies and people it may name; the read audited. */
  async recommendationForm(caller: Caller, boardId: string, reviewId: string, id: string | null) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'report.recommend');
      const recommendation = id ? await findRecommendation(trx, reviewId, id) : undefined;
      if (id && !recommendation) throw notFound('review recommendation');
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { recommendationId: recommendation?.id ?? null },
      });
      return { review, recommendation: recommendation ?? null, agencies: await this.agencies(trx, boardId), people: await this.people(trx, reviewId) };
    });
  }

  /**
   * Adds (no id) or changes a review recommendation (report.recommend), naming for a change the revision its
   * editor opened (a change since is a conflict). Closed once the board has accepted the report.
   */
  async saveRecommendation(
    caller: Caller,
    boardId: string,
    reviewId: string,
    input: RecommendationInput & { id?: string | null; revision?: number },
  ): Promise<{ id: string; number: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'report.recommend');
      if (FINISHED.includes(review.stage)) throw new ServiceError('conflict', 'report.finished', { form: 'report:errors.finished' });
      const agencies = await this.agencies(trx, boardId);
      const people = await this.people(trx, reviewId);
      const checked = checkRecommendation(input, { agencyIds: agencies.map((a) => a.id), personIds: people.map((p) => p.id) });
      if (!checked.ok) throw invalid(checked.errors);
      const by = this.personOf(caller);
      const now = this.now();
      const head = await lockReport(trx, { reviewId, boardId }, now);
      if (head.acceptedVersion !== null) throw new ServiceError('conflict', 'report.accepted', { form: 'report:errors.alreadyAccepted' });
      const fields = (Object.keys(checked.value) as (keyof typeof checked.value)[]).filter((k) => checked.value[k] !== null);
      if (input.id) {
        const existing = await findRecommendation(trx, reviewId, input.id);
        if (!existing) throw notFound('review recommendation');
        const done = await updateRecommendation(trx, { ...checked.value, reviewId, id: existing.id, revision: input.revision ?? -1, by, at: now });
        if (!done) throw CHANGED_SINCE_OPENED();
        await this.deps.audit.record(trx, caller, {
          action: 'REVIEW_RECOMMENDATION_UPDATED',
          boardId,
          recordType: 'review',
          recordId: reviewId,
          summary: { recommendationId: existing.id, number: existing.number, fields },
        });
        return { id: existing.id, number: existing.number };
      }
      const number = await nextRecommendationNumber(trx, reviewId);
      const id = newId();
      await insertRecommendation(trx, { ...checked.value, id, reviewId, boardId, number, by, at: now });
      await this.deps.audit.record(trx, caller, {
        action: 'REVIEW_RECOMMENDATION_ADDED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { recommendationId: id, number, fields },
      });
      return { id, number };
    });
  }
}
