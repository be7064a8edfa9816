// A nomination's steps shared by appointing and ending (issue 10 item 2): finding a review's open nomination
// (who may take the step first, then whether it still can), and passing the open work of someone who left to
// their successor, recorded as a reassignment.
import { findNomination, insertReassignment, moveCarriedNominations, type NominationRow } from '../db/repositories/panel-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import type { Executor } from '../db/transaction.ts';
import { type IndependentRole, isIndependentRole } from '../domain/reviews/independence.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, forbidden, newId, notFound, ServiceError } from './context.ts';

/** The nomination, open, of this review. */
export async function openNomination(
  trx: Executor,
  reviewId: string,
  nominationId: string,
  status: 'nominated' | 'appointed',
  may: (role: IndependentRole) => boolean = () => true,
): Promise<NominationRow & { role: IndependentRole }> {
  const n = await findNomination(trx, nominationId);
  if (!n || n.reviewId !== reviewId || !isIndependentRole(n.role)) throw notFound('nomination');
  // Who may take the step is checked before whether the nomination can still take it.
  if (!may(n.role)) throw forbidden();
  if (n.status !== status) throw new ServiceError('conflict', 'panel.notOpen', { form: status === 'nominated' ? 'panel.notOpen' : 'panel.notAppointed' });
  return { ...n, role: n.role };
}

/** The open work of the person who left passes to their successor, recorded as a reassignment. */
export async function reassignOpenWork(
  trx: Executor,
  deps: { clock: Clock; audit: AuditService },
  caller: Caller,
  review: ReviewRow,
  fromId: string,
  toId: string,
  toPersonId: string,
): Promise<void> {
  const from = await findNomination(trx, fromId);
  if (!from?.personId) return;
  const items = await moveCarriedNominations(trx, review.id, from.personId, toPersonId);
  const id = newId();
  await insertReassignment(
    trx,
    { id, reviewId: review.id, fromNominationId: fromId, toNominationId: toId, items, createdBy: caller.actor?.personId ?? null },
    deps.clock.now().toISOString(),
  );
  await deps.audit.record(trx, caller, {
    action: 'PANEL_WORK_REASSIGNED',
    boardId: review.boardId,
    recordType: 'review',
    recordId: review.id,
    summary: { reassignmentId: id, fromNominationId: fromId, toNominationId: toId, items: items.length },
  });
}
