// Who may do what: a pure, deny-by-default function of the actor's role grants and the resource.
import type { BoardRole, Role, RoleGrant } from './roles.ts';

/**
 * Permissions over case material. Only the business unit, the management group, the board chair,
 * information governance (and, later, people assigned to a review) hold them: an administrator
 * administers people and agencies but does not see children's cases.
 */
const CASE_PERMISSION_LIST = [
  'referral.create',
  'referral.view',
  'referral.view_restricted',
  'meeting.manage',
  'assessment.record',
  'recommendation.submit',
  'decision.record',
] as const;

export const PERMISSIONS = [
  // Deployment
  'deployment.administer', // create boards, grant deployment administrators
  // Board and organisation
  'board.view',
  'board.manage',
  'agency.view',
  'agency.manage',
  'person.view',
  'person.manage',
  'role.manage',
  'invitation.manage',
  // Confirm or decline a case role an administrator granted on the board (the chair; information governance).
  'role.confirm',
  'audit.view',
  ...CASE_PERMISSION_LIST,
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const CASE_PERMISSIONS: readonly Permission[] = CASE_PERMISSION_LIST;

/**
 * Permissions a deployment administrator does not hold by being one: case material, and confirming case
 * roles (a check on administrators' grants cannot be made by an administrator).
 */
const NOT_FOR_DEPLOYMENT_ADMINISTRATORS: readonly Permission[] = [...CASE_PERMISSION_LIST, 'role.confirm'];

/** Route-level access markers that are not permissions on a resource. */
export type Access = Permission | 'public' | 'signed-in';

export interface Actor {
  personId: string;
  grants: readonly RoleGrant[];
  /** True once the actor has passed two-factor authentication in this session (or has no need to). */
  twoFactorSatisfied: boolean;
}

/** A resource is what the permission is checked against: nothing (deployment-wide) or a board. */
export type Resource = { boardId: string } | undefined;

const BOARD_PERMISSIONS: Record<BoardRole, readonly Permission[]> = {
  administrator: [
    'board.view',
    'board.manage',
    'agency.view',
    'agency.manage',
    'person.view',
    'person.manage',
    'role.manage',
    'invitation.manage',
    'audit.view',
  ],
  business_unit: ['board.view', 'agency.view', 'person.view', 'referral.create', 'referral.view', 'referral.view_restricted', 'meeting.manage'],
  board_chair: ['board.view', 'agency.view', 'person.view', 'role.confirm', 'referral.view', 'referral.view_restricted', 'decision.record'],
  board_member: ['board.view', 'agency.view'],
  management_group_member: ['board.view', 'agency.view', 'referral.view', 'assessment.record'],
  management_group_chair: ['board.view', 'agency.view', 'referral.view', 'assessment.record', 'recommendation.submit', 'meeting.manage'],
  information_governance: ['board.view', 'agency.view', 'person.view', 'role.confirm', 'audit.view', 'referral.view', 'referral.view_restricted'],
  agency_referrer: ['board.view', 'agency.view', 'referral.create'],
};

/** What holding the board role allows on its board. */
export function permissionsOf(role: BoardRole): readonly Permission[] {
  return BOARD_PERMISSIONS[role];
}

/** Whether the board role holds any case permission (so it shows case material). */
export function boardRoleHoldsCasePermission(role: Role): boolean {
  return (BOARD_PERMISSIONS[role as BoardRole] ?? []).some((p) => CASE_PERMISSIONS.includes(p));
}

export function isDeploymentAdministrator(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'administrator' && g.scope.type === 'deployment');
}

export function can(actor: Actor | undefined, permission: Permission, resource?: Resource): boolean {
  if (!actor?.twoFactorSatisfied) return false;
  if (isDeploymentAdministrator(actor) && !NOT_FOR_DEPLOYMENT_ADMINISTRATORS.includes(permission)) return true;
  if (permission === 'deployment.administer') return false;
  for (const grant of actor.grants) {
    if (grant.scope.type !== 'board') continue;
    if (resource && grant.scope.boardId !== resource.boardId) continue;
    const allowed = BOARD_PERMISSIONS[grant.role as BoardRole];
    if (allowed?.includes(permission)) return true;
  }
  return false;
}

/** The boards on which the actor holds any role; undefined means every board (deployment administrator). */
export function visibleBoardIds(actor: Actor): string[] | undefined {
  if (isDeploymentAdministrator(actor)) return undefined;
  const ids = new Set<string>();
  for (const g of actor.grants) if (g.scope.type !== 'deployment') ids.add(g.scope.boardId);
  return [...ids];
}

/** Boards on which the actor holds the permission; undefined means every board. */
export function boardsWhere(actor: Actor, permission: Permission): string[] | undefined {
  if (isDeploymentAdministrator(actor) && !NOT_FOR_DEPLOYMENT_ADMINISTRATORS.includes(permission)) return undefined;
  return (visibleBoardIds(actor) ?? []).filter((boardId) => can(actor, permission, { boardId }));
}
