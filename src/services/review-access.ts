// The one check every part of a running review makes before it reads or changes anything of a review: the
// review exists on this board (another board's review is "not found", so ids cannot be probed across
// boards), and the caller holds the permission on it — through a board role, or a review role on this very
// review (and, for an agency's role, on this agency's part of it). Pure reads; the caller's transaction.
import { findReview, type ReviewRow } from '../db/repositories/reviews-repository.ts';
import type { Executor } from '../db/transaction.ts';
import { AGENCY_REVIEW_ROLES, can, type Permission } from '../domain/permissions.ts';
import type { ReviewRole } from '../domain/roles.ts';
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

/** The agencies whose part of the review the caller holds an agency's role on (a contributor's, a senior manager's). */
export function ownAgencies(caller: Caller, reviewId: string): string[] {
  const ids = (caller.actor?.grants ?? []).flatMap((g) =>
    g.scope.type === 'review' && g.scope.reviewId === reviewId && g.scope.agencyId && AGENCY_REVIEW_ROLES.includes(g.role as ReviewRole)
      ? [g.scope.agencyId]
      : [],
  );
  return [...new Set(ids)];
}

/**
 * The review, when the caller holds `permission` on the whole of it or on the part of an agency whose role
 * they hold (a page that lists what each reader may see of it: the whole library, or their agency's part).
 */
export async function reviewInAnyPart(db: Executor, caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, permission: Permission): Promise<ReviewRow> {
  if (!caller.actor) throw forbidden();
  const review = await findReview(db, scope.reviewId);
  if (!review || review.boardId !== scope.boardId) throw notFound('review');
  const parts = [undefined, ...ownAgencies(caller, review.id)];
  if (!parts.some((agencyId) => can(caller.actor, permission, { boardId: review.boardId, reviewId: review.id, agencyId }))) throw forbidden();
  return review;
}

/** Whether the caller holds `permission` on the review (or the agency's part of it): for pages deciding what to offer. */
export function mayOnReview(caller: Caller, review: { boardId: string; id: string }, permission: Permission, agencyId?: string): boolean {
  return can(caller.actor, permission, { boardId: review.boardId, reviewId: review.id, agencyId });
}
