// Who may do what: a pure, deny-by-default function of the actor's role grants and the resource. A board
// role acts on its board (and every review and agency of it); a review role acts on one review only, and an
// agency's review role (contributor, senior manager, action owner) on its own agency's material only.
import { CASE_PERMISSIONS, type Permission } from './permission-catalogue.ts';
import type { BoardRole, ReviewRole, Role, RoleGrant } from './roles.ts';

export { CASE_PERMISSIONS, PERMISSIONS, type Permission } from './permission-catalogue.ts';

/**
 * Permissions over one agency's part of a review. Held through an agency's review role they reach only that
 * agency's material: the resource must name the agency, and it must be theirs (no other agency's drafts).
 */
const AGENCY_PERMISSIONS: readonly Permission[] = [
  'review.documents_view',
  'review.documents_add',
  'contribution.view',
  'contribution.edit',
  'contribution.sign_off',
  'action.view',
  'action.update',
];

/**
 * The review roles of an agency's part of a review: they name the agency and reach only its material. A
 * panel member may also name the agency they represent, but sits on the whole panel: not one of these.
 */
export const AGENCY_REVIEW_ROLES: readonly ReviewRole[] = ['agency_contributor', 'agency_senior_manager', 'action_owner'];
/** The independent roles: they name no agency (their independence of the agencies is the panel's check, R3). */
export const INDEPENDENT_REVIEW_ROLES: readonly ReviewRole[] = ['panel_chair', 'author'];

/**
 * Permissions a deployment administrator does not hold by being one: case material, and confirming case
 * roles (a check on administrators' grants cannot be made by an administrator).
 */
const NOT_FOR_DEPLOYMENT_ADMINISTRATORS: readonly Permission[] = [
  ...CASE_PERMISSIONS,
  'role.confirm',
  'board_meeting.view',
  'board_meeting.manage',
  'action.report',
];

/** Route-level access markers that are not permissions on a resource. */
export type Access = Permission | 'public' | 'signed-in';

export interface Actor {
  personId: string;
  grants: readonly RoleGrant[];
  /** True once the actor has passed two-factor authentication in this session (or has no need to). */
  twoFactorSatisfied: boolean;
}

/**
 * What a permission is checked against: nothing (held anywhere: the route-level check), a board, or within
 * a board one review, and within a review one agency's material.
 */
export type Resource = { boardId: string; reviewId?: string | undefined; agencyId?: string | undefined } | undefined;

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
  business_unit: [
    'board.view',
    'agency.view',
    'person.view',
    'referral.create',
    'referral.view',
    'referral.view_restricted',
    'meeting.manage',
    'review.view',
    'review.manage',
    'review.terms_view',
    'milestone.manage',
    'panel_meeting.minute',
    'review.terms_edit',
    'review.documents_view',
    'review.documents_add',
    'review.documents_restricted',
    'review.learning_record',
    'report.view',
    'report.recommend',
    'family.view',
    'family.record',
    'family.manage',
    'learning_event.view',
    'learning_event.manage',
    'learning_event.record',
    'contribution.view',
    'contribution.manage',
    'chronology.view',
    'chronology.named',
    'chronology.mark',
    'summary.view',
    'summary.edit',
    'summary.approve',
    'summary.translate',
    'dictionary.view',
    'dictionary.identify',
    'dictionary.manage',
    'anonymisation.view',
    'anonymisation.scan',
    'publication.view',
    'publication.prepare',
    'publication.packet',
    'agency.contacts_manage',
    'action.view',
    'action.verify',
    'action.manage',
    'panel.view',
    'panel.manage',
    'register.view',
    'register.manage',
    'board_meeting.view',
    'board_meeting.manage',
    'action.report',
  ],
  board_chair: [
    'board.view',
    'agency.view',
    'person.view',
    'role.confirm',
    'referral.view',
    'referral.view_restricted',
    'decision.record',
    'review.view',
    'review.reopen',
    'review.terms_view',
    'review.documents_view',
    'review.documents_restricted',
    'report.view',
    'report.accept',
    'chronology.view',
    'chronology.named',
    'summary.view',
    'dictionary.view',
    'dictionary.identify',
    'anonymisation.view',
    'publication.view',
    'publication.approve',
    'learning_event.view',
    'action.view',
    'action.plan_accept',
    'panel.view',
    'register.view',
    'board_meeting.view',
    'action.report',
  ],
  board_member: ['board.view', 'agency.view', 'board_meeting.view', 'action.report'],
  management_group_member: ['board.view', 'agency.view', 'referral.view', 'assessment.record'],
  management_group_chair: ['board.view', 'agency.view', 'referral.view', 'assessment.record', 'recommendation.submit', 'meeting.manage'],
  information_governance: [
    'board.view',
    'agency.view',
    'person.view',
    'role.confirm',
    'audit.view',
    'referral.view',
    'referral.view_restricted',
    'review.view',
    'review.terms_view',
    'review.documents_view',
    'review.documents_restricted',
    'report.view',
    'learning_event.view',
    'contribution.view',
    'chronology.view',
    'chronology.named',
    'summary.view',
    'dictionary.view',
    'dictionary.identify',
    'anonymisation.view',
    'anonymisation.scan',
    'anonymisation.decide',
    'publication.view',
    'action.view',
    'panel.view',
    'register.view',
    'board_meeting.view',
    'action.report',
  ],
  agency_referrer: ['board.view', 'agency.view', 'referral.create'],
};

/**
 * What a review role allows on its own review (DOMAIN.md §8.3). Granted by the review workflow to the
 * independent panel chair and author, panel members, and agencies' contributors, senior managers and
 * action owners; never more than the one review, and for agency roles never more than their agency.
 */
const REVIEW_PERMISSIONS: Record<ReviewRole, readonly Permission[]> = {
  panel_chair: [
    'review.view',
    'review.terms_view',
    'review.terms_edit',
    'review.terms_approve',
    'review.documents_view',
    'review.documents_add',
    'review.documents_restricted',
    'review.learning_record',
    'family.view',
    'family.record',
    'learning_event.view',
    'learning_event.record',
    'panel_meeting.minute',
    'report.view',
    'report.comment',
    'report.qa',
    'contribution.view',
    'chronology.view',
    'chronology.named',
    'chronology.mark',
    'summary.view',
    'summary.edit',
    'summary.approve',
    'dictionary.view',
    'dictionary.manage',
    'action.view',
    'action.verify',
    'panel.view',
    'panel.act',
  ],
  panel_member: [
    'review.view',
    'review.terms_view',
    'review.documents_view',
    'review.learning_record',
    'report.view',
    'report.comment',
    'family.view',
    'learning_event.view',
    'contribution.view',
    'chronology.view',
    'chronology.mark',
    'summary.view',
    'dictionary.view',
    'action.view',
    'panel.view',
  ],
  author: [
    'review.view',
    'review.terms_view',
    'review.documents_view',
    'review.documents_add',
    'report.view',
    'report.edit',
    'report.recommend',
    'family.view',
    'family.record',
    'learning_event.view',
    'learning_event.record',
    'contribution.view',
    'chronology.view',
    'chronology.mark',
    'summary.view',
    'summary.edit',
    'dictionary.view',
    'dictionary.manage',
    'action.view',
    'panel.view',
  ],
  agency_contributor: ['review.terms_view', 'review.documents_view', 'review.documents_add', 'contribution.view', 'contribution.edit'],
  agency_senior_manager: ['review.terms_view', 'review.documents_view', 'contribution.view', 'contribution.sign_off', 'action.view'],
  action_owner: ['action.view', 'action.update'],
};

/** What holding the review role allows on its review (within its agency, for an agency's role). */
export function reviewPermissionsOf(role: ReviewRole): readonly Permission[] {
  return REVIEW_PERMISSIONS[role];
}

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
  return actor.grants.some((grant) => grantAllows(grant, permission, resource));
}

function grantAllows(grant: RoleGrant, permission: Permission, resource: Resource): boolean {
  const { scope } = grant;
  if (scope.type === 'board') {
    if (resource && scope.boardId !== resource.boardId) return false;
    return BOARD_PERMISSIONS[grant.role as BoardRole]?.includes(permission) ?? false;
  }
  if (scope.type !== 'review') return false;
  if (!(REVIEW_PERMISSIONS[grant.role as ReviewRole]?.includes(permission) ?? false)) return false;
  // Held anywhere (the route-level check): the service then checks the review itself.
  if (!resource) return true;
  // One review only: a board, or another review, is not this review.
  if (resource.boardId !== scope.boardId || resource.reviewId !== scope.reviewId) return false;
  // An agency's role reaches its own agency's material only, and material that names its agency (a panel
  // member who represents an agency sits on the whole panel: the agency they name does not narrow them).
  if (scope.agencyId !== null && AGENCY_REVIEW_ROLES.includes(grant.role as ReviewRole) && AGENCY_PERMISSIONS.includes(permission))
    return resource.agencyId === scope.agencyId;
  return true;
}

/** The boards on which the actor holds any role; undefined means every board (deployment administrator). */
export function visibleBoardIds(actor: Actor): string[] | undefined {
  if (isDeploymentAdministrator(actor)) return undefined;
  const ids = new Set<string>();
  for (const g of actor.grants) if (g.scope.type !== 'deployment') ids.add(g.scope.boardId);
  return [...ids];
}

/**
 * Where the actor holds the permission on reviews: every review of `boardIds` (through a board role) and the
 * reviews `reviewIds` (through a review role; for an agency's role, only its agency's part of them).
 */
export function reviewsWhere(actor: Actor, permission: Permission): { boardIds: string[]; reviewIds: string[] } {
  if (!actor.twoFactorSatisfied) return { boardIds: [], reviewIds: [] };
  const boardIds = new Set<string>();
  const reviewIds = new Set<string>();
  for (const g of actor.grants) {
    if (g.scope.type === 'board' && BOARD_PERMISSIONS[g.role as BoardRole]?.includes(permission)) boardIds.add(g.scope.boardId);
    if (g.scope.type === 'review' && REVIEW_PERMISSIONS[g.role as ReviewRole]?.includes(permission)) reviewIds.add(g.scope.reviewId);
  }
  return { boardIds: [...boardIds], reviewIds: [...reviewIds] };
}

/** Boards on which the actor holds the permission; undefined means every board. */
export function boardsWhere(actor: Actor, permission: Permission): string[] | undefined {
  if (isDeploymentAdministrator(actor) && !NOT_FOR_DEPLOYMENT_ADMINISTRATORS.includes(permission)) return undefined;
  return (visibleBoardIds(actor) ?? []).filter((boardId) => can(actor, permission, { boardId }));
}
