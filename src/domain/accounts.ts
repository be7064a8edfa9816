// Who may change whose account, and how administrators' role grants take effect (issue 8, findings 1
// and 3; docs/adr/0007-role-grants-need-confirmation.md). Pure rules over what the services load.
import { type Actor, boardsWhere, can, isDeploymentAdministrator } from './permissions.ts';
import { type BoardRole, type RoleGrant, showsCaseMaterial } from './roles.ts';

/** What the account rules need to know about a person. */
export interface AccountHolder {
  /** The boards of every current role and every grant waiting for confirmation (board or review scoped). */
  roleBoardIds: readonly string[];
  /** Whether the person holds a deployment-wide role (a deployment administrator). */
  holdsDeploymentRole: boolean;
  /** The boards the person's agency belongs to; null for an independent person (no agency). */
  agencyBoardIds: readonly string[] | null;
}

/**
 * Whether the actor may change the person's account: their details (email, name, …), sign-in links,
 * deactivation. A deployment administrator may change anyone's. A board administrator only someone
 * wholly within the boards they administer: every role (and waiting grant) on those boards, and an
 * agency (if any) that belongs to one of them; a person with no role at all must be in such an agency.
 * So giving another board's person a role on your own board never makes them yours to change.
 */
export function mayManageAccount(actor: Actor, person: AccountHolder): boolean {
  if (isDeploymentAdministrator(actor)) return can(actor, 'person.manage');
  if (person.holdsDeploymentRole) return false;
  const administered = boardsWhere(actor, 'person.manage') ?? [];
  if (administered.length === 0) return false;
  if (person.roleBoardIds.some((b) => !administered.includes(b))) return false;
  if (person.agencyBoardIds === null) return person.roleBoardIds.length > 0;
  return person.agencyBoardIds.some((b) => administered.includes(b));
}

/** How a role an administrator grants takes effect. */
export type GrantRule = { allowed: false; reason: 'self' | 'forbidden' | 'board_required' } | { allowed: true; needsConfirmation: boolean };

/**
 * Whether the actor may grant the role (on the board, or deployment-wide for null) to the person:
 * - no one grants a role to themselves;
 * - the deployment-wide administrator role and a board's chair are granted by deployment administrators
 *   only, and take effect at once;
 * - any other role needs role.manage on its board; a case role (one that shows case material) then waits
 *   for the board's confirmation, a non-case role (administrator, board member) takes effect at once.
 */
export function grantRule(actor: Actor, personId: string, role: BoardRole, boardId: string | null): GrantRule {
  if (personId === actor.personId) return { allowed: false, reason: 'self' };
  if (boardId === null) {
    if (role !== 'administrator') return { allowed: false, reason: 'board_required' };
    return can(actor, 'deployment.administer') ? { allowed: true, needsConfirmation: false } : { allowed: false, reason: 'forbidden' };
  }
  if (!can(actor, 'role.manage', { boardId })) return { allowed: false, reason: 'forbidden' };
  if (role === 'board_chair') return isDeploymentAdministrator(actor) ? { allowed: true, needsConfirmation: false } : { allowed: false, reason: 'forbidden' };
  return { allowed: true, needsConfirmation: showsCaseMaterial(role) };
}

/** A grant waiting for confirmation, as the confirmation rules see it. */
export interface WaitingGrant {
  personId: string;
  grantedBy: string;
  boardId: string;
}

/**
 * Who confirms a waiting grant: the board's chair; information governance when a chair is the person
 * concerned, or when no chair other than the one who granted it exists.
 */
export function confirmingRole(grant: WaitingGrant, boardChairIds: readonly string[]): 'board_chair' | 'information_governance' {
  if (boardChairIds.includes(grant.personId)) return 'information_governance';
  return boardChairIds.some((id) => id !== grant.grantedBy) ? 'board_chair' : 'information_governance';
}

/** Whether the actor may confirm or decline the grant: never the person concerned nor whoever granted it. */
export function mayDecideGrant(actor: Actor, grant: WaitingGrant, boardChairIds: readonly string[]): boolean {
  if (!actor.twoFactorSatisfied) return false;
  if (actor.personId === grant.personId || actor.personId === grant.grantedBy) return false;
  const role = confirmingRole(grant, boardChairIds);
  return actor.grants.some((g: RoleGrant) => g.role === role && g.scope.type === 'board' && g.scope.boardId === grant.boardId);
}
