// The Welsh executive summary's translation (issue 13 item 3; DOMAIN.md §7.3, §8.6 R10): the business unit
// (summary.translate) asks a named translator — a person by email, or an agency of the board (its translation
// unit) — for the Welsh by a due date, and records the request's status as it goes: requested → in progress →
// returned, or cancelled. One request is open at a time (a second while one is open is a conflict); a returned or
// cancelled request is finished and a new one is asked for. A status change names the request's version its
// editor read (a change since: 409, nothing written). The translator is not a user of the service: the business
// unit enters the returned Welsh into the Welsh version's sections, which is approved separately. Reads audited
// as case material; changes audited in their transaction (ids, statuses, the due date; never the translator's
// name or email).
import type { Db } from '../../db/database.ts';
import { listAgencies } from '../../db/repositories/organisation-repository.ts';
import { insertTranslation, listTranslations, lockSummary, type TranslationRow, updateTranslationStatus } from '../../db/repositories/summary-repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Agency } from '../../domain/organisation.ts';
import { checkTranslation, isTranslationStatus, TRANSLATION_MOVES, type TranslationInput } from '../../domain/publication/summary.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, invalid, newId, notFound, ServiceError } from '../context.ts';
import { type ReviewScope, reviewInScope } from '../review-access.ts';

/** Whether a request is still open (asked, or being translated). */
const isOpenTranslation = (t: Pick<TranslationRow, 'status'>) => t.status === 'requested' || t.status === 'in_progress';

export class SummaryTranslations {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService }) {}

  /** The translation form: the board's agencies and the open request (if any). Audited. */
  async form(caller: Caller, scope: ReviewScope): Promise<{ reference: string; agencies: Agency[]; open: TranslationRow | null }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'summary.translate');
      const open = (await listTranslations(trx, review.id)).find(isOpenTranslation) ?? null;
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { translationId: open?.id ?? null },
      });
      return { reference: review.reference, agencies: await listAgencies(trx, [review.boardId]), open };
    });
  }

  /** Asks a translator for the Welsh (summary.translate): refused while another request is open. */
  async request(caller: Caller, scope: ReviewScope, input: TranslationInput): Promise<{ id: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'summary.translate');
      const agencies = await listAgencies(trx, [review.boardId]);
      const checked = checkTranslation(
        input,
        agencies.map((a) => a.id),
        this.deps.clock.today(),
      );
      if (!checked.ok) throw invalid(checked.errors);
      const now = this.deps.clock.now().toISOString();
      // One review's summary changes one after another: two requests at once cannot both be the open one.
      await lockSummary(trx, { reviewId: review.id, boardId: review.boardId }, now);
      if ((await listTranslations(trx, review.id)).some(isOpenTranslation))
        throw new ServiceError('conflict', 'summary.translationOpen', { form: 'summary:errors.translationOpen' });
      const id = newId();
      await insertTranslation(trx, { ...checked.value, id, reviewId: review.id, boardId: review.boardId, by: caller.actor?.personId ?? null, at: now });
      await this.deps.audit.record(trx, caller, {
        action: 'SUMMARY_TRANSLATION_REQUESTED',
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { translationId: id, dueOn: checked.value.dueOn, byAgency: checked.value.agencyId !== null },
      });
      return { id };
    });
  }

  /** Records a request's new status (summary.translate) on the version its editor read. */
  async update(caller: Caller, scope: ReviewScope, id: string, input: { status: string; version: number }): Promise<{ status: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'summary.translate');
      const existing = (await listTranslations(trx, review.id)).find((t) => t.id === id);
      if (!existing) throw notFound('translation request');
      if (!isTranslationStatus(input.status)) throw invalid({ status: 'summary:errors.statusRequired' });
      if (existing.version !== input.version) throw new ServiceError('conflict', 'summary.translationChanged', { form: 'summary:errors.translationChanged' });
      if (!TRANSLATION_MOVES[existing.status].includes(input.status)) throw invalid({ status: 'summary:errors.statusMove' });
      const done = await updateTranslationStatus(trx, {
        id,
        reviewId: review.id,
        version: input.version,
        status: input.status,
        by: caller.actor?.personId ?? null,
        at: this.deps.clock.now().toISOString(),
      });
      if (!done) throw new ServiceError('conflict', 'summary.translationChanged', { form: 'summary:errors.translationChanged' });
      await this.deps.audit.record(trx, caller, {
        action: 'SUMMARY_TRANSLATION_UPDATED',
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { translationId: id, from: existing.status, to: input.status },
      });
      return { status: input.status };
    });
  }
}
