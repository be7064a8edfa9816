// Case roles an administrator granted, waiting for the board's confirmation (docs/adr/0007), and the
// board's role holders who confirm them. A confirmed grant becomes a role assignment with the same id.
import type { Language } from '../../domain/organisation.ts';
import type { BoardRole } from '../../domain/roles.ts';
import type { RoleGrantRow } from '../schema/organisation.ts';
import type { Executor } from '../transaction.ts';

const ROLE_GRANT_STATUSES = ['waiting', 'confirmed', 'declined', 'withdrawn'] as const;
export type RoleGrantStatus = (typeof ROLE_GRANT_STATUSES)[number];

export interface RoleGrantRecord {
  id: string;
  personId: string;
  role: BoardRole;
  boardId: string;
  grantedBy: string;
  grantedAt: string;
  status: RoleGrantStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  declineReason: string | null;
}

function toRoleGrant(r: RoleGrantRow): RoleGrantRecord {
  return {
    id: r.id,
    personId: r.person_id,
    role: r.role as BoardRole,
    boardId: r.board_id,
    grantedBy: r.granted_by,
    grantedAt: r.granted_at,
    status: r.status as RoleGrantStatus,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    declineReason: r.decline_reason,
  };
}

export async function insertRoleGrant(
  db: Executor,
  g: { id: string; personId: string; role: BoardRole; boardId: string; grantedBy: string },
  at: string,
): Promise<void> {
  await db
    .insertInto('role_grants')
    .values({
      id: g.id,
      person_id: g.personId,
      role: g.role,
      board_id: g.boardId,
      granted_by: g.grantedBy,
      granted_at: at,
      status: 'waiting',
      decided_by: null,
      decided_at: null,
      decline_reason: null,
    })
    .execute();
}

export async function findRoleGrant(db: Executor, id: string): Promise<RoleGrantRecord | undefined> {
  const row = await db.selectFrom('role_grants').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRoleGrant(row) : undefined;
}

/** Waiting grants of a person (oldest first). */
export async function waitingGrantsOfPerson(db: Executor, personId: string): Promise<RoleGrantRecord[]> {
  const rows = await db
    .selectFrom('role_grants')
    .selectAll()
    .where('person_id', '=', personId)
    .where('status', '=', 'waiting')
    .orderBy('granted_at')
    .orderBy('id')
    .execute();
  return rows.map(toRoleGrant);
}

export interface WaitingGrantView extends RoleGrantRecord {
  personName: string;
  personEmail: string;
  grantedByName: string;
}

function waitingWithNames(db: Executor) {
  return db
    .selectFrom('role_grants')
    .innerJoin('people as person', 'person.id', 'role_grants.person_id')
    .innerJoin('people as granter', 'granter.id', 'role_grants.granted_by')
    .selectAll('role_grants')
    .select(['person.full_name as person_name', 'person.email as person_email', 'granter.full_name as granter_name'])
    .where('role_grants.status', '=', 'waiting')
    .where('person.deactivated_at', 'is', null);
}

type WaitingRow = RoleGrantRow & { person_name: string; person_email: string; granter_name: string };

function toWaitingView(r: WaitingRow): WaitingGrantView {
  return { ...toRoleGrant(r), personName: r.person_name, personEmail: r.person_email, grantedByName: r.granter_name };
}

/** Grants waiting on the boards, of people still active, oldest first, with who is concerned and who granted them. */
export async function waitingGrantsOnBoards(db: Executor, boardIds: readonly string[], limit: number): Promise<WaitingGrantView[]> {
  if (boardIds.length === 0) return [];
  const rows = await waitingWithNames(db)
    .where('role_grants.board_id', 'in', [...boardIds])
    .orderBy('role_grants.granted_at')
    .orderBy('role_grants.id')
    .limit(limit)
    .execute();
  return rows.map(toWaitingView);
}

/** One grant, if it is still waiting and its person active. */
export async function findWaitingGrant(db: Executor, id: string): Promise<WaitingGrantView | undefined> {
  const row = await waitingWithNames(db).where('role_grants.id', '=', id).executeTakeFirst();
  return row ? toWaitingView(row) : undefined;
}

/**
 * Records the decision on a waiting grant. Conditional on it still waiting, so of two confirmers acting at
 * once only one succeeds; false when it was no longer waiting.
 */
export async function decideRoleGrant(
  db: Executor,
  id: string,
  decision: { status: Exclude<RoleGrantStatus, 'waiting'>; by: string; at: string; reason?: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('role_grants')
    .set({ status: decision.status, decided_by: decision.by, decided_at: decision.at, decline_reason: decision.reason ?? null })
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws every waiting grant of a person (deactivation); returns how many. */
export async function withdrawWaitingGrants(db: Executor, personId: string, by: string, at: string): Promise<number> {
  const result = await db
    .updateTable('role_grants')
    .set({ status: 'withdrawn', decided_by: by, decided_at: at })
    .where('person_id', '=', personId)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The active people who hold the role on the board now, with the language their emails are written in. */
export async function boardRoleHolders(db: Executor, boardId: string, role: BoardRole): Promise<{ id: string; email: string; language: Language }[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('people', 'people.id', 'role_assignments.person_id')
    .select(['people.id', 'people.email', 'people.language'])
    .distinct()
    .where('role_assignments.board_id', '=', boardId)
    .where('role_assignments.scope_type', '=', 'board')
    .where('role_assignments.role', '=', role)
    .where('role_assignments.ended_at', 'is', null)
    .where('people.deactivated_at', 'is', null)
    .orderBy('people.id')
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, language: r.language as Language }));
}
