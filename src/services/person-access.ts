// What the people, role and email-change services need to know about a person to apply the account
// rules (domain/accounts.ts) and to record events about them against every board they concern.
import { findAgency } from '../db/repositories/organisation-repository.ts';
import { listRoleAssignments, personRoleBoardIds, type RoleAssignmentView } from '../db/repositories/people-repository.ts';
import { type RoleGrantRecord, waitingGrantsOfPerson } from '../db/repositories/role-grants-repository.ts';
import type { Executor } from '../db/transaction.ts';
import type { AccountHolder } from '../domain/accounts.ts';

/** The person as the account rules see them, from their current roles and waiting grants. */
export async function accountHolder(
  db: Executor,
  person: { id: string; agencyId: string | null; roles?: RoleAssignmentView[] },
): Promise<AccountHolder & { waiting: RoleGrantRecord[] }> {
  // One query after another: db may be a transaction (one connection).
  const roles = person.roles ?? (await listRoleAssignments(db, { personId: person.id, includeEnded: false }));
  const waiting = await waitingGrantsOfPerson(db, person.id);
  const agency = person.agencyId ? await findAgency(db, person.agencyId) : undefined;
  const roleBoardIds = new Set<string>();
  for (const r of roles) if (r.scope.type !== 'deployment') roleBoardIds.add(r.scope.boardId);
  for (const g of waiting) roleBoardIds.add(g.boardId);
  return {
    roleBoardIds: [...roleBoardIds],
    holdsDeploymentRole: roles.some((r) => r.scope.type === 'deployment'),
    agencyBoardIds: person.agencyId ? (agency?.boardIds ?? []) : null,
    waiting,
  };
}

/**
 * The boards an event about the person is recorded against (audit boardIds), so each board's information
 * governance sees it: every board on which they hold a role or have a grant waiting, plus the boards acted on.
 */
export async function personEventBoardIds(db: Executor, personId: string, ...actedOn: (string | null | undefined)[]): Promise<string[]> {
  const ids = new Set<string>(await personRoleBoardIds(db, personId));
  const waiting = await waitingGrantsOfPerson(db, personId);
  for (const g of waiting) ids.add(g.boardId);
  for (const b of actedOn) if (b) ids.add(b);
  return [...ids].sort();
}
