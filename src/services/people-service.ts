// People, their role assignments and invitations.

import type { Db } from '../db/database.ts';
import { deleteSessionsOfPerson } from '../db/repositories/auth-repository.ts';
import { findAgency, findBoard } from '../db/repositories/organisation-repository.ts';
import {
  countActiveRoleHolders,
  endRoleAssignment,
  findPersonRow,
  findPersonRowByEmail,
  findRoleAssignment,
  insertPerson,
  insertRoleAssignment,
  listPeople,
  listRoleAssignments,
  type RoleAssignmentView,
  toPerson,
  updatePersonColumns,
  updatePersonDetails,
} from '../db/repositories/people-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Language, Person } from '../domain/organisation.ts';
import { type Actor, boardsWhere, can, isDeploymentAdministrator, type Permission, visibleBoardIds } from '../domain/permissions.ts';
import { BOARD_ROLES, type BoardRole, type RoleScope } from '../domain/roles.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkNames, forbidden, invalid, newId, notFound, ServiceError } from './context.ts';
import type { IdentityService, OneTimeLinkInfo } from './identity-service.ts';

export interface PersonInput {
  fullName: string;
  email: string;
  jobTitle: string | null;
  agencyId: string | null;
  language: Language;
}

export interface RoleInput {
  role: BoardRole;
  /** null: deployment-wide (administrator only). */
  boardId: string | null;
}

export class PeopleService {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; identity: IdentityService }) {}

  private actor(caller: Caller): Actor {
    if (!caller.actor) throw forbidden();
    return caller.actor;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async list(
    caller: Caller,
    q: {
      boardId?: string | undefined;
      text?: string | undefined;
      includeDeactivated?: boolean;
      page: number;
      pageSize: number;
      /** Whose people: boards on which the caller holds this permission (default person.view). */
      permission?: Permission;
    },
  ) {
    const actor = this.actor(caller);
    let boardIds = boardsWhere(actor, q.permission ?? 'person.view');
    if (boardIds && boardIds.length === 0) throw forbidden();
    if (q.boardId) {
      if (boardIds && !boardIds.includes(q.boardId)) throw notFound('board');
      boardIds = [q.boardId];
    }
    return listPeople(this.deps.db.kysely, {
      boardIds,
      text: q.text,
      includeDeactivated: q.includeDeactivated ?? false,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
  }

  /** Whether another person (not exceptId) already uses the email address (addresses are unique). */
  async isEmailTaken(email: string, exceptId?: string): Promise<boolean> {
    const row = await findPersonRowByEmail(this.deps.db.kysely, email);
    return row !== undefined && row.id !== exceptId;
  }

  /** A person the caller may see: someone in their boards (or anyone, for a deployment administrator). */
  async get(caller: Caller, id: string, permission: Permission = 'person.view'): Promise<Person & { roles: RoleAssignmentView[] }> {
    const actor = this.actor(caller);
    const boardIds = boardsWhere(actor, permission);
    if (boardIds && boardIds.length === 0) throw forbidden();
    const row = await findPersonRow(this.deps.db.kysely, id);
    if (!row) throw notFound('person');
    const roles = await listRoleAssignments(this.deps.db.kysely, { personId: id, includeEnded: false });
    if (boardIds && !(await this.isInBoards(row.agency_id, roles, boardIds))) throw notFound('person');
    return { ...toPerson(row), roles };
  }

  private async isInBoards(agencyId: string | null, roles: RoleAssignmentView[], boardIds: string[]): Promise<boolean> {
    if (roles.some((r) => r.scope.type !== 'deployment' && boardIds.includes(r.scope.boardId))) return true;
    if (!agencyId) return false;
    const agency = await findAgency(this.deps.db.kysely, agencyId);
    return agency?.boardIds.some((b) => boardIds.includes(b)) ?? false;
  }

  private async checkAgency(actor: Actor, agencyId: string | null): Promise<void> {
    if (!agencyId) return;
    const agency = await findAgency(this.deps.db.kysely, agencyId);
    const manageable = boardsWhere(actor, 'person.manage');
    if (!agency || (manageable && !agency.boardIds.some((b) => manageable.includes(b)))) throw invalid({ agencyId: 'person.agencyUnknown' });
  }

  /**
   * Creates a person. An independent person (no agency) created by a board administrator belongs to a
   * board through a first role (initialRole on boardId), given in the same transaction.
   */
  async create(caller: Caller, input: PersonInput & { boardId?: string | null; initialRole?: BoardRole | null }): Promise<Person> {
    const actor = this.actor(caller);
    checkNames({ fullName: input.fullName });
    const manageable = boardsWhere(actor, 'person.manage');
    if (manageable && manageable.length === 0) throw forbidden();
    await this.checkAgency(actor, input.agencyId);
    if (manageable && !input.agencyId && !(input.boardId && manageable.includes(input.boardId))) {
      // An independent person (no agency) must be added to a board the administrator manages.
      throw invalid({ agencyId: 'person.agencyOrBoardRequired' });
    }
    if (manageable && !input.agencyId && !input.initialRole) throw invalid({ initialRole: 'person.initialRoleRequired' });
    if (input.initialRole) {
      if (!BOARD_ROLES.includes(input.initialRole)) throw invalid({ initialRole: 'role.unknown' });
      if (!input.boardId) throw invalid({ boardId: 'role.boardRequired' });
      if (!can(actor, 'role.manage', { boardId: input.boardId })) throw forbidden();
    }
    const { boardId = null, initialRole = null, ...person } = input;
    return inTransaction(this.deps.db, async (trx) => {
      if (await findPersonRowByEmail(trx, input.email)) throw invalid({ email: 'email.taken' });
      if (boardId && !(await findBoard(trx, boardId))) throw invalid({ boardId: 'board.unknown' });
      const id = newId();
      const at = this.now();
      await insertPerson(trx, { id, ...person }, at);
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'person',
        recordId: id,
        summary: { agencyId: input.agencyId, language: input.language },
      });
      if (initialRole && boardId) {
        const assignmentId = newId();
        await insertRoleAssignment(
          trx,
          { id: assignmentId, personId: id, role: initialRole, scope: { type: 'board', boardId }, createdBy: actor.personId },
          at,
        );
        await this.deps.audit.record(trx, caller, {
          action: 'ROLE_ASSIGNED',
          boardId,
          recordType: 'role_assignment',
          recordId: assignmentId,
          summary: { personId: id, role: initialRole, scope: 'board' },
        });
      }
      const row = await findPersonRow(trx, id);
      if (!row) throw notFound('person');
      return toPerson(row);
    });
  }

  async update(caller: Caller, id: string, input: PersonInput): Promise<Person> {
    const actor = this.actor(caller);
    checkNames({ fullName: input.fullName });
    const before = await this.get(caller, id);
    if (!(await this.canManagePerson(actor, before))) throw forbidden();
    await this.checkAgency(actor, input.agencyId);
    return inTransaction(this.deps.db, async (trx) => {
      const clash = await findPersonRowByEmail(trx, input.email);
      if (clash && clash.id !== id) throw invalid({ email: 'email.taken' });
      await updatePersonDetails(trx, { id, ...input }, this.now());
      const changed = (['fullName', 'email', 'jobTitle', 'agencyId', 'language'] as const).filter((k) => before[k] !== input[k]);
      await this.deps.audit.record(trx, caller, { recordType: 'person', recordId: id, summary: { changed } });
      const row = await findPersonRow(trx, id);
      if (!row) throw notFound('person');
      return toPerson(row);
    });
  }

  /** Whether the caller may change this person (details, roles they hold, invitations, deactivation). */
  async canManage(caller: Caller, person: { agencyId: string | null; roles: RoleAssignmentView[] }): Promise<boolean> {
    return this.canManagePerson(this.actor(caller), person);
  }

  private async canManagePerson(actor: Actor, person: { agencyId: string | null; roles: RoleAssignmentView[] }): Promise<boolean> {
    if (isDeploymentAdministrator(actor)) return true;
    const manageable = boardsWhere(actor, 'person.manage') ?? [];
    if (person.roles.some((r) => r.scope.type === 'deployment')) return false;
    return this.isInBoards(person.agencyId, person.roles, manageable);
  }

  /** Deactivates (never deletes) a person: ends their sessions, API tokens and open invitations. */
  async deactivate(caller: Caller, id: string): Promise<void> {
    const actor = this.actor(caller);
    const person = await this.get(caller, id);
    if (!(await this.canManagePerson(actor, person))) throw forbidden();
    if (id === actor.personId) throw invalid({ person: 'person.cannotDeactivateSelf' });
    if (person.deactivatedAt) return;
    await inTransaction(this.deps.db, async (trx) => {
      const at = this.now();
      if (person.roles.some((r) => r.role === 'administrator' && r.scope.type === 'deployment')) {
        if ((await countActiveRoleHolders(trx, 'administrator', 'deployment')) <= 1) throw invalid({ person: 'person.lastAdministrator' });
      }
      await updatePersonColumns(trx, id, { deactivated_at: at }, at);
      const sessions = await deleteSessionsOfPerson(trx, id);
      await trx.updateTable('api_tokens').set({ revoked_at: at }).where('person_id', '=', id).where('revoked_at', 'is', null).execute();
      await trx
        .updateTable('one_time_links')
        .set({ revoked_at: at })
        .where('person_id', '=', id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
      await this.deps.audit.record(trx, caller, { recordType: 'person', recordId: id, summary: { sessionsEnded: sessions } });
    });
  }

  async reactivate(caller: Caller, id: string): Promise<void> {
    const actor = this.actor(caller);
    const person = await this.get(caller, id);
    if (!(await this.canManagePerson(actor, person))) throw forbidden();
    if (!person.deactivatedAt) return;
    await inTransaction(this.deps.db, async (trx) => {
      const at = this.now();
      await updatePersonColumns(trx, id, { deactivated_at: null, locked_until: null }, at);
      await this.deps.audit.record(trx, caller, { recordType: 'person', recordId: id, summary: {} });
    });
  }

  // ---- Roles --------------------------------------------------------------------------------------

  /** The board roles the caller may grant, with the boards on which they may grant them. */
  grantableBoards(caller: Caller): string[] | undefined {
    return boardsWhere(this.actor(caller), 'role.manage');
  }

  async assignRole(caller: Caller, personId: string, input: RoleInput): Promise<RoleAssignmentView> {
    const actor = this.actor(caller);
    if (!BOARD_ROLES.includes(input.role)) throw invalid({ role: 'role.unknown' });
    if (input.boardId === null) {
      if (input.role !== 'administrator') throw invalid({ boardId: 'role.boardRequired' });
      if (!can(actor, 'deployment.administer')) throw forbidden();
    } else if (!can(actor, 'role.manage', { boardId: input.boardId })) throw forbidden();
    const person = await this.get(caller, personId).catch(async (e: unknown) => {
      // A board administrator may give a role on their board to someone not yet in it (e.g. an independent chair).
      if (e instanceof ServiceError && e.kind === 'not_found' && input.boardId) {
        const row = await findPersonRow(this.deps.db.kysely, personId);
        if (row) return { ...toPerson(row), roles: await listRoleAssignments(this.deps.db.kysely, { personId, includeEnded: false }) };
      }
      throw e;
    });
    if (person.deactivatedAt) throw invalid({ role: 'role.personDeactivated' });
    const scope: RoleScope = input.boardId === null ? { type: 'deployment' } : { type: 'board', boardId: input.boardId };
    const duplicate = person.roles.some(
      (r) =>
        r.role === input.role &&
        r.scope.type === scope.type &&
        (scope.type === 'deployment' || (r.scope.type === 'board' && r.scope.boardId === scope.boardId)),
    );
    if (duplicate) throw invalid({ role: 'role.duplicate' });
    return inTransaction(this.deps.db, async (trx) => {
      if (input.boardId && !(await findBoard(trx, input.boardId))) throw invalid({ boardId: 'board.unknown' });
      const id = newId();
      await insertRoleAssignment(trx, { id, personId, role: input.role, scope, createdBy: actor.personId }, this.now());
      await this.deps.audit.record(trx, caller, {
        boardId: input.boardId,
        recordType: 'role_assignment',
        recordId: id,
        summary: { personId, role: input.role, scope: scope.type },
      });
      const created = await findRoleAssignment(trx, id);
      if (!created) throw notFound('role');
      return created;
    });
  }

  async endRole(caller: Caller, assignmentId: string): Promise<void> {
    const actor = this.actor(caller);
    const assignment = await findRoleAssignment(this.deps.db.kysely, assignmentId);
    if (!assignment || assignment.endedAt) throw notFound('role');
    if (assignment.scope.type === 'deployment') {
      if (!can(actor, 'deployment.administer')) throw notFound('role');
    } else if (!can(actor, 'role.manage', { boardId: assignment.scope.boardId })) throw notFound('role');
    await inTransaction(this.deps.db, async (trx) => {
      if (assignment.scope.type === 'deployment' && assignment.role === 'administrator') {
        if ((await countActiveRoleHolders(trx, 'administrator', 'deployment')) <= 1) throw invalid({ role: 'person.lastAdministrator' });
      }
      await endRoleAssignment(trx, assignmentId, actor.personId, this.now());
      await this.deps.audit.record(trx, caller, {
        boardId: assignment.scope.type === 'deployment' ? null : assignment.scope.boardId,
        recordType: 'role_assignment',
        recordId: assignmentId,
        summary: { personId: assignment.personId, role: assignment.role },
      });
    });
  }

  // ---- Invitations --------------------------------------------------------------------------------

  async invite(caller: Caller, personId: string, baseUrl: string) {
    const actor = this.actor(caller);
    const person = await this.get(caller, personId);
    if (!can(actor, 'invitation.manage') || !(await this.canManagePerson(actor, person))) throw forbidden();
    if (person.deactivatedAt) throw invalid({ person: 'person.deactivated' });
    return inTransaction(this.deps.db, (trx) => this.deps.identity.invite(trx, caller, personId, baseUrl));
  }

  visibleBoards(caller: Caller): string[] | undefined {
    return visibleBoardIds(this.actor(caller));
  }

  /** The person's invitations that can still be used (newest first). */
  async openInvitations(caller: Caller, personId: string): Promise<OneTimeLinkInfo[]> {
    await this.get(caller, personId, 'invitation.manage');
    return (await this.deps.identity.openInvitations()).filter((link) => link.personId === personId);
  }

  async revokeInvitation(caller: Caller, personId: string, linkId: string): Promise<void> {
    const actor = this.actor(caller);
    const person = await this.get(caller, personId, 'invitation.manage');
    if (!(await this.canManagePerson(actor, person))) throw forbidden();
    const open = await this.openInvitations(caller, personId);
    if (!open.some((link) => link.id === linkId)) throw notFound('invitation');
    await this.deps.identity.revokeInvitation(caller, linkId);
  }
}
