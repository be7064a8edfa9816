// People and their accounts: list, view, create, change, deactivate and invitations. Roles are in
// role-service.ts, email address changes in email-change-service.ts. Who may change an account is
// domain/accounts.ts mayManageAccount: a board administrator only someone wholly within their boards.
import type { Db } from '../db/database.ts';
import { deleteSessionsOfPerson, revokeApiTokens, revokeOpenLinks } from '../db/repositories/auth-repository.ts';
import { revokeEmailChanges } from '../db/repositories/email-changes-repository.ts';
import { findAgency, findBoard } from '../db/repositories/organisation-repository.ts';
import {
  countActiveRoleHolders,
  findPersonRow,
  findPersonRowByEmail,
  insertPerson,
  listPeople,
  listRoleAssignments,
  type RoleAssignmentView,
  toPerson,
  updatePersonColumns,
  updatePersonDetails,
} from '../db/repositories/people-repository.ts';
import { waitingGrantsOfPerson, withdrawWaitingGrants } from '../db/repositories/role-grants-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { mayManageAccount } from '../domain/accounts.ts';
import { PERSON_TEXT } from '../domain/limits.ts';
import type { Language, Person } from '../domain/organisation.ts';
import { type Actor, boardsWhere, can, type Permission, visibleBoardIds } from '../domain/permissions.ts';
import type { BoardRole } from '../domain/roles.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkNames, checkText, forbidden, invalid, newId, notFound } from './context.ts';
import type { EmailChangeService, EmailChangeStarted, PendingEmailChange } from './email-change-service.ts';
import type { OneTimeLinkInfo } from './identity-links.ts';
import type { IdentityService } from './identity-service.ts';
import { accountHolder, personEventBoardIds } from './person-access.ts';
import type { RoleService, RoleView } from './role-service.ts';

export interface PersonInput {
  fullName: string;
  email: string;
  jobTitle: string | null;
  agencyId: string | null;
  language: Language;
}

export class PeopleService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      audit: AuditService;
      identity: IdentityService;
      roles: RoleService;
      emailChanges: EmailChangeService;
    },
  ) {}

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
    if (boardIds && !(await this.isInBoards(id, row.agency_id, roles, boardIds))) throw notFound('person');
    return { ...toPerson(row), roles };
  }

  /** The person's roles in effect and grants waiting for confirmation, if the caller may see the person. */
  async roles(caller: Caller, id: string, permission: Permission = 'person.view'): Promise<RoleView[]> {
    await this.get(caller, id, permission);
    return this.deps.roles.rolesOf(this.deps.db.kysely, id);
  }

  /** Whether the person is one of the boards' people: a role or a grant waiting there, or their agency a member. */
  private async isInBoards(personId: string, agencyId: string | null, roles: RoleAssignmentView[], boardIds: string[]): Promise<boolean> {
    if (roles.some((r) => r.scope.type !== 'deployment' && boardIds.includes(r.scope.boardId))) return true;
    if ((await waitingGrantsOfPerson(this.deps.db.kysely, personId)).some((g) => boardIds.includes(g.boardId))) return true;
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
   * Whether the caller may change this person's account: details, email, sign-in links, deactivation
   * (domain/accounts.ts). Pages use it to hide what the reader may not do; every change checks it again.
   */
  async canManage(caller: Caller, person: { id: string; agencyId: string | null; roles?: RoleAssignmentView[] }): Promise<boolean> {
    const actor = this.actor(caller);
    if (!can(actor, 'person.manage')) return false;
    return mayManageAccount(actor, await accountHolder(this.deps.db.kysely, person));
  }

  /** The person, if the caller may change their account; forbidden otherwise (not found if not visible). */
  private async manageable(caller: Caller, id: string, permission: Permission = 'person.manage') {
    const person = await this.get(caller, id, permission);
    if (!(await this.canManage(caller, person))) throw forbidden();
    return person;
  }

  /**
   * Creates a person. An independent person (no agency) created by a board administrator belongs to a
   * board through a first role (initialRole on boardId), granted in the same transaction: a case role
   * waits for the board's confirmation like any other grant.
   */
  async create(caller: Caller, input: PersonInput & { boardId?: string | null; initialRole?: BoardRole | null }): Promise<Person> {
    const actor = this.actor(caller);
    checkText(PERSON_TEXT, input);
    checkNames({ fullName: input.fullName });
    const manageable = boardsWhere(actor, 'person.manage');
    if (manageable && manageable.length === 0) throw forbidden();
    await this.checkAgency(actor, input.agencyId);
    if (manageable && !input.agencyId && !(input.boardId && manageable.includes(input.boardId))) {
      // An independent person (no agency) must be added to a board the administrator manages.
      throw invalid({ agencyId: 'person.agencyOrBoardRequired' });
    }
    if (manageable && !input.agencyId && !input.initialRole) throw invalid({ initialRole: 'person.initialRoleRequired' });
    if (input.initialRole && !input.boardId) throw invalid({ boardId: 'role.boardRequired' });
    const { boardId = null, initialRole = null, ...person } = input;
    return inTransaction(this.deps.db, async (trx) => {
      if (await findPersonRowByEmail(trx, input.email)) throw invalid({ email: 'email.taken' });
      if (boardId && !(await findBoard(trx, boardId))) throw invalid({ boardId: 'board.unknown' });
      const id = newId();
      await insertPerson(trx, { id, ...person }, this.now());
      const agency = input.agencyId ? await findAgency(trx, input.agencyId) : undefined;
      await this.deps.audit.record(trx, caller, {
        boardIds: initialRole && boardId ? [boardId] : (agency?.boardIds ?? []),
        recordType: 'person',
        recordId: id,
        summary: { agencyId: input.agencyId, language: input.language },
      });
      if (initialRole && boardId) await this.deps.roles.grantInTransaction(trx, caller, id, { role: initialRole, boardId });
      const row = await findPersonRow(trx, id);
      if (!row) throw notFound('person');
      return toPerson(row);
    });
  }

  /**
   * Changes a person's details. A new email address does not take effect here: it starts a change that the
   * person confirms from the new address (emailChange says how the link was sent).
   */
  async update(caller: Caller, id: string, input: PersonInput): Promise<{ person: Person; emailChange: EmailChangeStarted | null }> {
    const actor = this.actor(caller);
    checkText(PERSON_TEXT, input);
    checkNames({ fullName: input.fullName });
    const before = await this.manageable(caller, id);
    await this.checkAgency(actor, input.agencyId);
    const newEmail = input.email.trim().toLowerCase();
    return inTransaction(this.deps.db, async (trx) => {
      const current = await findPersonRow(trx, id);
      if (!current) throw notFound('person');
      const emailChanged = newEmail !== current.email;
      if (emailChanged && (await findPersonRowByEmail(trx, newEmail))) throw invalid({ email: 'email.taken' });
      await updatePersonDetails(
        trx,
        { id, fullName: input.fullName, jobTitle: input.jobTitle, agencyId: input.agencyId, language: input.language },
        this.now(),
      );
      const changed = (['fullName', 'jobTitle', 'agencyId', 'language'] as const).filter((k) => before[k] !== input[k]);
      await this.deps.audit.record(trx, caller, {
        boardIds: await personEventBoardIds(trx, id),
        recordType: 'person',
        recordId: id,
        summary: { changed, emailChangeRequested: emailChanged },
      });
      const after = await findPersonRow(trx, id);
      if (!after) throw notFound('person');
      const emailChange = emailChanged ? await this.deps.emailChanges.request(trx, caller, after, newEmail) : null;
      return { person: toPerson(after), emailChange };
    });
  }

  /** The person's email change waiting for confirmation, for those who may change their account. */
  async pendingEmailChange(caller: Caller, id: string): Promise<PendingEmailChange | undefined> {
    await this.manageable(caller, id);
    return this.deps.emailChanges.pending(id);
  }

  async cancelEmailChange(caller: Caller, id: string): Promise<void> {
    await this.manageable(caller, id);
    const cancelled = await inTransaction(this.deps.db, (trx) => this.deps.emailChanges.cancel(trx, caller, id));
    if (!cancelled) throw notFound('email change');
  }

  /** Deactivates (never deletes) a person: ends their sessions, API tokens, open links and waiting grants. */
  async deactivate(caller: Caller, id: string): Promise<void> {
    const actor = this.actor(caller);
    const person = await this.manageable(caller, id);
    if (id === actor.personId) throw invalid({ person: 'person.cannotDeactivateSelf' });
    if (person.deactivatedAt) return;
    await inTransaction(this.deps.db, async (trx) => {
      const at = this.now();
      if (person.roles.some((r) => r.role === 'administrator' && r.scope.type === 'deployment')) {
        if ((await countActiveRoleHolders(trx, 'administrator', 'deployment')) <= 1) throw invalid({ person: 'person.lastAdministrator' });
      }
      const boardIds = await personEventBoardIds(trx, id);
      await updatePersonColumns(trx, id, { deactivated_at: at }, at);
      const sessions = await deleteSessionsOfPerson(trx, id);
      await revokeApiTokens(trx, id, at);
      await revokeOpenLinks(trx, id, 'invitation', at);
      await revokeOpenLinks(trx, id, 'password_reset', at);
      await revokeEmailChanges(trx, id, at);
      const grantsWithdrawn = await withdrawWaitingGrants(trx, id, actor.personId, at);
      await this.deps.audit.record(trx, caller, { boardIds, recordType: 'person', recordId: id, summary: { sessionsEnded: sessions, grantsWithdrawn } });
    });
  }

  async reactivate(caller: Caller, id: string): Promise<void> {
    const person = await this.manageable(caller, id);
    if (!person.deactivatedAt) return;
    await inTransaction(this.deps.db, async (trx) => {
      const at = this.now();
      await updatePersonColumns(trx, id, { deactivated_at: null, locked_until: null }, at);
      await this.deps.audit.record(trx, caller, { boardIds: await personEventBoardIds(trx, id), recordType: 'person', recordId: id, summary: {} });
    });
  }

  // ---- Invitations --------------------------------------------------------------------------------

  /**
   * Invites a person who has never set a password. Someone with a password who has forgotten it asks for
   * a reset themselves ("Forgotten your password?"), so no administrator ever holds a link to their account.
   */
  async invite(caller: Caller, personId: string) {
    const actor = this.actor(caller);
    if (!can(actor, 'invitation.manage')) throw forbidden();
    const person = await this.manageable(caller, personId, 'invitation.manage');
    if (person.deactivatedAt) throw invalid({ person: 'person.deactivated' });
    if (person.hasPassword) throw invalid({ person: 'invitation.accountActive' });
    return inTransaction(this.deps.db, (trx) => this.deps.identity.invite(trx, caller, personId));
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
    await this.manageable(caller, personId, 'invitation.manage');
    const open = await this.openInvitations(caller, personId);
    if (!open.some((link) => link.id === linkId)) throw notFound('invitation');
    await this.deps.identity.revokeInvitation(caller, linkId, personId);
  }
}
