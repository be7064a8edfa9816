// Roles and their scopes (DOMAIN.md §8.3). Board-scoped roles come with the foundation; review-scoped
// roles use the same assignment mechanism and are granted by the review workflow.
import { boardRoleHoldsCasePermission } from './permissions.ts';

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

/** Roles on one review, given by the review workflow (an agency's roles also name the agency). */
export const REVIEW_ROLES = ['panel_chair', 'panel_member', 'author', 'agency_contributor', 'agency_senior_manager', 'action_owner'] as const;
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

export function isBoardRole(value: string): value is BoardRole {
  return (BOARD_ROLES as readonly string[]).includes(value);
}

function isReviewRole(value: string): value is ReviewRole {
  return (REVIEW_ROLES as readonly string[]).includes(value);
}

/**
 * Whether holding the role shows case material: a board role that holds any case permission in the
 * permission table, and every review-scoped role (they exist to work on a child's review).
 */
export function showsCaseMaterial(role: Role): boolean {
  return isReviewRole(role) || boardRoleHoldsCasePermission(role);
}

/**
 * Everyone who can see case material, and every administrator, must use two-factor authentication.
 * Derived from the permission table, so a role that gains a case permission requires it too (today
 * only a board member, who sees no case material, is exempt).
 */
export function requiresTwoFactor(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => g.role === 'administrator' || showsCaseMaterial(g.role));
}
