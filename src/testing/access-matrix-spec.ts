// How the access matrix classifies a route (src/testing/access-matrix-routes.ts classifies each one): who may
// use it (public, signed in, a permission), the notes where a route is stricter or looser than its permission,
// the body a changing route is sent, the records a cell acts on; and the notes several routes share.
import { type Actor, can, type Permission } from '../domain/permissions.ts';
import type { MatrixBoard, MatrixWorld } from './access-matrix-world.ts';

// ---- How each route is classified ----------------------------------------------------------------------

/** `public` and `signed-in` match the route's declared access; `permission` is any permission; `asset` a static file. */
export type Who = 'public' | 'signed-in' | 'permission' | 'asset';
/** What the address names: nothing board-scoped, board A's records, board B's, or board A's address with board B's record. */
export type Variant = 'none' | 'own' | 'other' | 'mixed';
export type FreshKind = 'person' | 'invitation' | 'agency' | 'meeting' | 'grant';

export interface BodyContext {
  /** The board of the record the cell is about, and the other one. */
  board: MatrixBoard;
  other: MatrixBoard;
  world: MatrixWorld;
}

export interface RouteSpec {
  who: Who;
  /** Why a route is public or open to anyone signed in, or any other note. */
  why?: string;
  /** For a signed-in route that shows a record: the permission the record's board needs (the service checks it). */
  needs?: Permission;
  /** Where the route is stricter than its permission (only the chair decides; only one's own account): who else is refused. */
  stricter?: { why: string; allows: (actor: Actor, boardId: string | undefined) => boolean };
  /**
   * Where the route lets in more than its permission held on the board: who else may have the answer (a
   * review role lists its own review on its board's reviews list).
   */
  looser?: { why: string; allows: (actor: Actor, boardId: string | undefined) => boolean };
  /** JSON for the API, form fields for pages (the CSRF token is added). Chosen so nothing changes: it fails validation after the access checks. */
  body?: (c: BodyContext) => Record<string, unknown>;
  /**
   * The body names the other board's records (a referral for the agenda, a person to attend, an agency):
   * where the actor may use the route, the answer must refuse the body (400, 409 or 422), never act on it.
   */
  crossBoardBody?: true;
  /** The cell acts on throwaway records made for it (it deactivates, ends, revokes or sends something). */
  fresh?: FreshKind;
  /** Cells run phase by phase (default 0); later phases may use or end what earlier ones left in the session. */
  phase?: number;
  /** Fixtures (by label) whose record lacks what the route shows (no decision yet): allowed, the answer is 404. */
  absent?: Record<string, string[]>;
  /** List routes: filters naming a board (each gives own/other cells; a refusal may be an empty list, so only leaks are judged). */
  queries?: ((b: MatrixBoard) => string)[];
  /** A query string every cell of the route sends (parameters the route requires). */
  search?: string;
  /** Asset routes: a file to fetch. */
  sample?: string;
  /**
   * The route's cells run one at a time, not side by side: they all write the same board's records (the
   * matrix is no concurrency test; concurrent creation on PostgreSQL is issue 8 finding 2, tested on its own).
   */
  oneAtATime?: true;
  /** The route ends the session (sign-out): the redirect to the sign-in page is its answer. */
  endsSession?: true;
}

export const pub = (why: string, more: Partial<RouteSpec> = {}): RouteSpec => ({ who: 'public', why, ...more });
export const own = (why: string, more: Partial<RouteSpec> = {}): RouteSpec => ({ who: 'signed-in', why, ...more });
export const perm = (more: Partial<RouteSpec> = {}): RouteSpec => ({ who: 'permission', ...more });

export const ACCOUNT = "the signed-in person's own account";
export const NO_DECISION = { referralId: ['recommended referral'] };
/** No referral fixture is linked to the review (the decided one is its own): nothing to unlink. */
export const NOT_LINKED = { referralId: ['recommended referral', 'decided referral'] };
/** The person has no change of email address waiting: there is nothing to cancel. */
export const NO_EMAIL_CHANGE = { personId: ['person'] };

/** The two routes that delete the check file run last; whichever runs second finds it gone (404). */
export const DELETES_CHECK_FILE = { fileId: ['check file'] };
export const DELETES_CHECK_FILE_WHY = 'deletes the check file after every other cell: the second delete route to run finds nothing';

/** A review role holder sees the board's reviews list, with only their review on it. */
export const REVIEW_ROLE_LISTS: RouteSpec['looser'] = {
  why: 'a review role lists its own review on its board’s reviews list (and only that review)',
  allows: (actor, boardId) =>
    boardId !== undefined &&
    actor.grants.some((g) => g.scope.type === 'review' && g.scope.boardId === boardId && can(actor, 'review.view', { boardId, reviewId: g.scope.reviewId })),
};

/** An agency's roles hold a library permission on their agency's part of a review of the board (the service lists that part). */
export function agencyPartOf(permission: Permission): NonNullable<RouteSpec['looser']> {
  return {
    why: `an agency’s roles hold ${permission} on their agency’s part of the review`,
    allows: (actor, boardId) =>
      boardId !== undefined &&
      actor.grants.some(
        (g) =>
          g.scope.type === 'review' &&
          g.scope.boardId === boardId &&
          g.scope.agencyId !== null &&
          can(actor, permission, { boardId, reviewId: g.scope.reviewId, agencyId: g.scope.agencyId }),
      ),
  };
}
export const AGENCY_PART_OF_LIBRARY = agencyPartOf('review.documents_view');
export const AGENCY_PART_OF_LIBRARY_ADDS = agencyPartOf('review.documents_add');
/** A nomination of a panel chair is the business unit's (panel.manage); seeing the panel is not enough. */
export const MANAGES_PANEL = {
  why: 'the matrix’s nomination is of the panel’s chair, which the business unit nominates and appoints (panel.manage)',
  allows: (actor: Actor, boardId: string | undefined) => boardId !== undefined && can(actor, 'panel.manage', { boardId }),
};
/** Nominating is the panel's (its chair, panel.act on its review) or the business unit's (panel.manage). */
export const ACTS_FOR_PANEL = {
  why: 'nominating needs panel.act (the panel chair, on their review) or panel.manage (the business unit)',
  allows: (actor: Actor, boardId: string | undefined) =>
    boardId !== undefined &&
    (can(actor, 'panel.manage', { boardId }) ||
      actor.grants.some((g) => g.scope.type === 'review' && g.scope.boardId === boardId && can(actor, 'panel.act', { boardId, reviewId: g.scope.reviewId }))),
};

/** A review is moved by the business unit (review.manage); seeing it (review.view) is not enough. */
export const MANAGES_REVIEWS: RouteSpec['stricter'] = {
  why: 'moving a review needs review.manage on its board (reopening, review.reopen, needs an event the body does not send)',
  allows: (actor, boardId) => boardId !== undefined && can(actor, 'review.manage', { boardId }),
};

/** An agency's people list their own agency's contributions to the review (the business unit and the panel every agency's). */
export const AGENCY_LISTS_OWN: RouteSpec['looser'] = {
  why: 'an agency’s review role lists its own agency’s contributions to its review',
  allows: (actor, boardId) =>
    boardId !== undefined &&
    actor.grants.some(
      (g) =>
        g.scope.type === 'review' &&
        g.scope.boardId === boardId &&
        g.scope.agencyId !== null &&
        can(actor, 'contribution.view', { boardId, reviewId: g.scope.reviewId, agencyId: g.scope.agencyId }),
    ),
};
/** The contact removal routes run last; whichever runs second finds the contact gone (404). */
export const REMOVES_CONTACT = { contactId: ['contact'] };
export const REMOVES_CONTACT_WHY = 'removes the contact after every other cell: the second removal to run finds nothing';
/** No contribution has the check file attached: allowed readers are answered 404. */
export const NOT_ATTACHED = { fileId: ['check file'] };

/** A grant waiting for confirmation is decided by the board's chair (information governance only when the chair is concerned). */
export const CHAIR_DECIDES: RouteSpec['stricter'] = {
  why: 'only the board chair decides a grant of someone else',
  allows: (actor, boardId) => actor.grants.some((g) => g.role === 'board_chair' && g.scope.type === 'board' && g.scope.boardId === boardId),
};
