// The one check every part of a running review makes before it reads or changes anything of a review: the
// review exists on this board (another board's review is "not found", so ids cannot be probed across
// boards), and the caller holds the permission on it — through a board role, or a review role on this very
// review (and, for an agency's role, on this agency's part of it). Pure reads; the caller's transaction.
import { findReview, type ReviewRow } from '../db/repositories/reviews-repository.ts';
import type { Executor } from '../db/transaction.ts';
import { can, type Permission } from '../domain/permissions.ts';
import { type Caller, forbidden, notFound } from './context.ts';

export interface ReviewScope {
  boardId: string;
  reviewId: string;
  /** The agency whose part of the review is asked for (an agency's material: its report, its chronology). */
  agencyId?: string | undefined;
}

/** The review, when the caller holds `permission` on it (or on the agency's part of it); refused otherwise. */
export async function reviewInScope(db: Executor, caller: Caller, scope: ReviewScope, permission: Permission): Promise<ReviewRow> {
  if (!caller.actor) throw forbidden();
  const review = await findReview(db, scope.reviewId);
  if (!review || review.boardId !== scope.boardId) throw notFound('review');
  if (!can(caller.actor, permission, { boardId: scope.boardId, reviewId: scope.reviewId, agencyId: scope.agencyId })) throw forbidden();
  return review;
}

/** Whether the caller holds `permission` on the review (or the agency's part of it): for pages deciding what to offer. */
export function mayOnReview(caller: Caller, review: { boardId: string; id: string }, permission: Permission, agencyId?: string): boolean {
  return can(caller.actor, permission, { boardId: review.boardId, reviewId: review.id, agencyId });
}
