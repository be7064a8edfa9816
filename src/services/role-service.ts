// Roles: what administrators grant and end, and the board's confirmation of case roles (issue 8, finding
// 3; docs/adr/0007-role-grants-need-confirmation.md). No one grants themselves a role; a board's chair is
// appointed by a deployment administrator; any other case role an administrator grants waits, giving no
// access, until the board chair (information governance when the chair is concerned) confirms it.
import type { Db } from '../db/database.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import {
  countActiveRoleHolders,
  endRoleAssignment,
  findPersonRow,
  findRoleAssignment,
  insertRoleAssignment,
  listRoleAssignments,
  type RoleAssignmentView,
} from '../db/repositories/people-repository.ts';
import {
  boardRoleHolders,
  decideRoleGrant,
  findRoleGrant,
  findWaitingGrant,
  insertRoleGrant,
  type RoleGrantRecord,
  type WaitingGrantView,
  waitingGrantsOfPerson,
  waitingGrantsOnBoards,
} from '../db/repositories/role-grants-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { confirmingRole, grantRule, mayDecideGrant } from '../domain/accounts.ts';
import { localName } from '../domain/organisation.ts';
import { type Actor, boardsWhere, can } from '../domain/permissions.ts';
import { BOARD_ROLES, type BoardRole, type RoleScope } from '../domain/roles.ts';
import { translator } from '../i18n.ts';
import { absoluteUrl, urls } from '../urls.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, forbidden, invalid, newId, notFound, ServiceError } from './context.ts';
import type { MailService } from './mail-service.ts';
import { personEventBoardIds } from './person-access.ts';

export interface RoleInput {
  role: BoardRole;
  /** null: deployment-wide (administrator only). */
  boardId: string | null;
}

/** A role as pages and the API show it: in effect ('active') or granted and waiting for confirmation. */
export type RoleView = RoleAssignmentView & { status: 'active' | 'waiting'; grantedBy: string | null };

/** A waiting grant as a confirmer sees it: who may decide it, and whether the reader may. */
export type GrantForConfirmer = WaitingGrantView & { confirmedBy: 'board_chair' | 'information_governance'; canDecide: boolean };

/** At most this many waiting grants are listed at once (oldest first). */
const WAITING_LIST_LIMIT = 200;
const DECLINE_REASON_MAX = 1000;

function waitingView(g: RoleGrantRecord): RoleView {
  return {
    id: g.id,
    personId: g.personId,
    role: g.role,
    scope: { type: 'board', boardId: g.boardId },
    createdAt: g.grantedAt,
    endedAt: null,
    status: 'waiting',
    grantedBy: g.grantedBy,
  };
}

export class RoleService {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; mail: MailService; publicUrl: () => string }) {}

  private actor(caller: Caller): Actor {
    if (!caller.actor) throw forbidden();
    return caller.actor;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The boards on which the caller may grant roles; undefined means every board. */
  grantableBoards(caller: Caller): string[] | undefined {
    return boardsWhere(this.actor(caller), 'role.manage');
  }

  /** The person's roles in effect and their grants waiting for confirmation (in effect first). */
  async rolesOf(db: Executor, personId: string): Promise<RoleView[]> {
    const active = await listRoleAssignments(db, { personId, includeEnded: false });
    const waiting = await waitingGrantsOfPerson(db, personId);
    return [...active.map((r) => ({ ...r, status: 'active' as const, grantedBy: null })), ...waiting.map(waitingView)];
  }

  /** Grants a role to an existing person; a case role waits for confirmation (status 'waiting'). */
  async assignRole(caller: Caller, personId: string, input: RoleInput): Promise<RoleView> {
    this.checkRule(this.actor(caller), personId, input);
    const row = await findPersonRow(this.deps.db.kysely, personId);
    if (!row) throw notFound('person');
    if (row.deactivated_at) throw invalid({ role: 'role.personDeactivated' });
    return inTransaction(this.deps.db, (trx) => this.grantInTransaction(trx, caller, personId, input));
  }

  private checkRule(actor: Actor, personId: string, input: RoleInput): { needsConfirmation: boolean } {
    if (!BOARD_ROLES.includes(input.role)) throw invalid({ role: 'role.unknown' });
    const rule = grantRule(actor, personId, input.role, input.boardId);
    if (!rule.allowed) {
      if (rule.reason === 'self') throw invalid({ role: 'role.self' });
      if (rule.reason === 'board_required') throw invalid({ boardId: 'role.boardRequired' });
      throw forbidden();
    }
    return rule;
  }

  /**
   * Grants the role in the caller's transaction (also used when a person is created with a first role):
   * at once, or as a grant waiting for the board's confirmation, whose confirmers are told by email.
   */
  async grantInTransaction(trx: Executor, caller: Caller, personId: string, input: RoleInput): Promise<RoleView> {
    const actor = this.actor(caller);
    const { needsConfirmation } = this.checkRule(actor, personId, input);
    if (input.boardId && !(await findBoard(trx, input.boardId))) throw invalid({ boardId: 'board.unknown' });
    const scope: RoleScope = input.boardId === null ? { type: 'deployment' } : { type: 'board', boardId: input.boardId };
    const held = await this.rolesOf(trx, personId);
    const sameScope = (r: RoleView) =>
      r.scope.type === scope.type && (scope.type === 'deployment' || (r.scope.type === 'board' && r.scope.boardId === scope.boardId));
    if (held.some((r) => r.role === input.role && sameScope(r))) throw invalid({ role: 'role.duplicate' });
    const id = newId();
    const at = this.now();
    const boardIds = await personEventBoardIds(trx, personId, input.boardId);
    if (needsConfirmation && input.boardId) {
      await insertRoleGrant(trx, { id, personId, role: input.role, boardId: input.boardId, grantedBy: actor.personId }, at);
      await this.deps.audit.record(trx, caller, {
        action: 'ROLE_GRANT_REQUESTED',
        boardId: input.boardId,
        boardIds,
        recordType: 'role_grant',
        recordId: id,
        summary: { personId, role: input.role, scope: 'board', status: 'waiting' },
      });
      await this.tellConfirmers(trx, { personId, grantedBy: actor.personId, boardId: input.boardId, role: input.role });
      const grant = await findRoleGrant(trx, id);
      if (!grant) throw notFound('role');
      return waitingView(grant);
    }
    await insertRoleAssignment(trx, { id, personId, role: input.role, scope, createdBy: actor.personId }, at);
    await this.deps.audit.record(trx, caller, {
      action: 'ROLE_ASSIGNED',
      boardId: input.boardId,
      boardIds,
      recordType: 'role_assignment',
      recordId: id,
      summary: { personId, role: input.role, scope: scope.type },
    });
    const created = await findRoleAssignment(trx, id);
    if (!created) throw notFound('role');
    return { ...created, status: 'active', grantedBy: actor.personId };
  }

  /** Emails the people who may confirm a new waiting grant (in their language) that it is waiting. */
  private async tellConfirmers(trx: Executor, grant: { personId: string; grantedBy: string; boardId: string; role: BoardRole }): Promise<void> {
    const chairs = await boardRoleHolders(trx, grant.boardId, 'board_chair');
    const role = confirmingRole(
      grant,
      chairs.map((c) => c.id),
    );
    const holders = role === 'board_chair' ? chairs : await boardRoleHolders(trx, grant.boardId, 'information_governance');
    const board = await findBoard(trx, grant.boardId);
    if (!board) return;
    const link = absoluteUrl(this.deps.publicUrl(), urls.roleGrants());
    for (const to of holders.filter((h) => h.id !== grant.personId && h.id !== grant.grantedBy)) {
      const t = translator(to.language);
      const values = { service: t('common:serviceName'), board: localName(board, to.language), role: t(`common:roles.${grant.role}`), link };
      await this.deps.mail.enqueue(trx, {
        language: to.language,
        to: to.email,
        subject: t('admin:roleGrantEmail.subject', values),
        body: t('admin:roleGrantEmail.body', values),
      });
    }
  }

  /** Ends a role at once; a grant still waiting for confirmation is withdrawn. */
  async endRole(caller: Caller, assignmentId: string): Promise<void> {
    const actor = this.actor(caller);
    const assignment = await findRoleAssignment(this.deps.db.kysely, assignmentId);
    if (!assignment) return this.withdrawGrant(caller, assignmentId);
    if (assignment.endedAt) throw notFound('role');
    if (assignment.scope.type === 'deployment') {
      if (!can(actor, 'deployment.administer')) throw notFound('role');
    } else if (!can(actor, 'role.manage', { boardId: assignment.scope.boardId })) throw notFound('role');
    await inTransaction(this.deps.db, async (trx) => {
      if (assignment.scope.type === 'deployment' && assignment.role === 'administrator') {
        if ((await countActiveRoleHolders(trx, 'administrator', 'deployment')) <= 1) throw invalid({ role: 'person.lastAdministrator' });
      }
      const boardId = assignment.scope.type === 'deployment' ? null : assignment.scope.boardId;
      const boardIds = await personEventBoardIds(trx, assignment.personId, boardId);
      await endRoleAssignment(trx, assignmentId, actor.personId, this.now());
      await this.deps.audit.record(trx, caller, {
        action: 'ROLE_ENDED',
        boardId,
        boardIds,
        recordType: 'role_assignment',
        recordId: assignmentId,
        summary: { personId: assignment.personId, role: assignment.role },
      });
    });
  }

  private async withdrawGrant(caller: Caller, grantId: string): Promise<void> {
    const actor = this.actor(caller);
    const grant = await findRoleGrant(this.deps.db.kysely, grantId);
    if (grant?.status !== 'waiting' || !can(actor, 'role.manage', { boardId: grant.boardId })) throw notFound('role');
    await inTransaction(this.deps.db, async (trx) => {
      const boardIds = await personEventBoardIds(trx, grant.personId, grant.boardId);
      if (!(await decideRoleGrant(trx, grant.id, { status: 'withdrawn', by: actor.personId, at: this.now() }))) throw notFound('role');
      await this.deps.audit.record(trx, caller, {
        action: 'ROLE_GRANT_WITHDRAWN',
        boardId: grant.boardId,
        boardIds,
        recordType: 'role_grant',
        recordId: grant.id,
        summary: { personId: grant.personId, role: grant.role },
      });
    });
  }

  // ---- Confirmation --------------------------------------------------------------------------------

  private async chairIds(db: Executor, boardId: string): Promise<string[]> {
    return (await boardRoleHolders(db, boardId, 'board_chair')).map((c) => c.id);
  }

  private async forConfirmer(db: Executor, actor: Actor, grant: WaitingGrantView): Promise<GrantForConfirmer> {
    const chairs = await this.chairIds(db, grant.boardId);
    return { ...grant, confirmedBy: confirmingRole(grant, chairs), canDecide: mayDecideGrant(actor, grant, chairs) };
  }

  /**
   * Grants waiting on the boards where the caller confirms roles (the chair's and information governance's
   * boards), each saying whether the caller may decide it. The read is audited.
   */
  async waitingGrants(caller: Caller, filter: { boardId?: string | undefined } = {}): Promise<GrantForConfirmer[]> {
    const actor = this.actor(caller);
    let boardIds = boardsWhere(actor, 'role.confirm') ?? [];
    if (boardIds.length === 0) throw forbidden();
    if (filter.boardId) {
      if (!boardIds.includes(filter.boardId)) throw notFound('board');
      boardIds = [filter.boardId];
    }
    return inTransaction(this.deps.db, async (trx) => {
      const grants = await waitingGrantsOnBoards(trx, boardIds, WAITING_LIST_LIMIT);
      const out: GrantForConfirmer[] = [];
      for (const g of grants) out.push(await this.forConfirmer(trx, actor, g));
      await this.deps.audit.recordRead(trx, caller, { boardIds, recordType: 'role_grant', summary: { listed: out.length } });
      return out;
    });
  }

  /** One waiting grant on a board where the caller confirms roles (audited read); not found otherwise. */
  async waitingGrant(caller: Caller, grantId: string): Promise<GrantForConfirmer> {
    const actor = this.actor(caller);
    return inTransaction(this.deps.db, async (trx) => {
      const grant = await this.findWaiting(trx, actor, grantId);
      const view = await this.forConfirmer(trx, actor, grant);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: grant.boardId,
        boardIds: await personEventBoardIds(trx, grant.personId, grant.boardId),
        recordType: 'role_grant',
        recordId: grant.id,
        summary: { personId: grant.personId, role: grant.role },
      });
      return view;
    });
  }

  private async findWaiting(db: Executor, actor: Actor, grantId: string): Promise<WaitingGrantView> {
    const grant = await findWaitingGrant(db, grantId);
    if (!grant || !can(actor, 'role.confirm', { boardId: grant.boardId })) throw notFound('role grant');
    return grant;
  }

  /** Confirms a waiting grant: the role takes effect (a role assignment with the grant's id). */
  async confirmGrant(caller: Caller, grantId: string): Promise<RoleView> {
    const actor = this.actor(caller);
    return inTransaction(this.deps.db, async (trx) => {
      const grant = await this.decide(trx, actor, grantId);
      const at = this.now();
      if (!(await decideRoleGrant(trx, grant.id, { status: 'confirmed', by: actor.personId, at }))) throw conflict();
      const scope: RoleScope = { type: 'board', boardId: grant.boardId };
      await insertRoleAssignment(trx, { id: grant.id, personId: grant.personId, role: grant.role, scope, createdBy: grant.grantedBy }, at);
      await this.deps.audit.record(trx, caller, {
        action: 'ROLE_GRANT_CONFIRMED',
        boardId: grant.boardId,
        boardIds: await personEventBoardIds(trx, grant.personId, grant.boardId),
        recordType: 'role_grant',
        recordId: grant.id,
        summary: { personId: grant.personId, role: grant.role, grantedBy: grant.grantedBy },
      });
      const created = await findRoleAssignment(trx, grant.id);
      if (!created) throw notFound('role');
      return { ...created, status: 'active', grantedBy: grant.grantedBy };
    });
  }

  /** Declines a waiting grant, with the decider's reason (kept with the grant, never in the audit log). */
  async declineGrant(caller: Caller, grantId: string, reason: string): Promise<void> {
    const actor = this.actor(caller);
    const text = reason.trim();
    if (!text) throw invalid({ reason: 'roleGrant.reasonRequired' });
    if (text.length > DECLINE_REASON_MAX) throw invalid({ reason: 'roleGrant.reasonTooLong' });
    await inTransaction(this.deps.db, async (trx) => {
      const grant = await this.decide(trx, actor, grantId);
      const boardIds = await personEventBoardIds(trx, grant.personId, grant.boardId);
      if (!(await decideRoleGrant(trx, grant.id, { status: 'declined', by: actor.personId, at: this.now(), reason: text }))) throw conflict();
      await this.deps.audit.record(trx, caller, {
        action: 'ROLE_GRANT_DECLINED',
        boardId: grant.boardId,
        boardIds,
        recordType: 'role_grant',
        recordId: grant.id,
        summary: { personId: grant.personId, role: grant.role, grantedBy: grant.grantedBy },
      });
    });
  }

  /** The waiting grant, if the actor may decide it (never the person concerned nor who granted it). */
  private async decide(trx: Executor, actor: Actor, grantId: string): Promise<WaitingGrantView> {
    const grant = await this.findWaiting(trx, actor, grantId);
    if (!mayDecideGrant(actor, grant, await this.chairIds(trx, grant.boardId))) throw forbidden();
    return grant;
  }
}

function conflict(): ServiceError {
  return new ServiceError('conflict', 'the grant was decided meanwhile');
}
