// Roles and their scopes (DOMAIN.md §8.3). Board-scoped roles come with the foundation; review-scoped
// roles use the same assignment mechanism and are granted by the review workflow.

export const BOARD_ROLES = [
  'administrator',
  'business_unit',
  'board_chair',
  'board_member',
  'management_group_member',
  'management_group_chair',
  'information_governance',
  // An agency user who may record referrals for the board (and see nothing else of its cases).
  'agency_referrer',
] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

export const REVIEW_ROLES = ['panel_chair', 'panel_member', 'author', 'agency_contributor', 'action_owner'] as const;
export type ReviewRole = (typeof REVIEW_ROLES)[number];

export type Role = BoardRole | ReviewRole;

export type RoleScope =
  | { type: 'deployment' }
  | { type: 'board'; boardId: string }
  | { type: 'review'; boardId: string; reviewId: string; agencyId: string | null };

export interface RoleGrant {
  id: string;
  role: Role;
  scope: RoleScope;
}

/** Roles whose holders must use two-factor authentication. */
export const TWO_FACTOR_ROLES: readonly Role[] = ['administrator', 'board_chair'];

export function isBoardRole(value: string): value is BoardRole {
  return (BOARD_ROLES as readonly string[]).includes(value);
}

export function requiresTwoFactor(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => TWO_FACTOR_ROLES.includes(g.role));
}
