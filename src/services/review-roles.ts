// Who works on a review (DOMAIN.md §8.3): the one way a review-scoped role is given and taken away. The
// panel's appointments (independent chair, author or reviewers, agency representatives), the agencies'
// contributors and senior managers, and action owners all come through here, inside the change's own
// transaction, each grant and end audited there. A review role reaches that review only (and an agency's
// role that agency's part of it: src/domain/permissions.ts); access ends the moment the role ends, because
// a caller's grants are read afresh on every request.
//
// The rules kept here, whoever calls: an agency's role names an agency that is a member of the review's
// board, and a person employed by one agency cannot hold another agency's role; the independent roles
// (panel chair, author) name no agency; a deactivated person is given nothing. A person new to the service
// is created with no board role at all and invited (a set-password link, emailed in their language): their
// review role is the only thing their account can reach.
import type { Db } from '../db/database.ts';
import { findAgency } from '../db/repositories/organisation-repository.ts';
import { endRoleAssignment, findPersonRow, findPersonRowByEmail, insertPerson, insertRoleAssignment } from '../db/repositories/people-repository.ts';
import { type ReviewAssignmentRow, type ReviewRow, reviewAssignments } from '../db/repositories/reviews-repository.ts';
import type { Executor } from '../db/transaction.ts';
import { PERSON_TEXT } from '../domain/limits.ts';
import type { Language } from '../domain/organisation.ts';
import { AGENCY_REVIEW_ROLES, INDEPENDENT_REVIEW_ROLES } from '../domain/permissions.ts';
import type { ReviewRole } from '../domain/roles.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkNames, checkText, invalid, newId } from './context.ts';
import type { IdentityService } from './identity-service.ts';

export interface ReviewRoleGrant {
  personId: string;
  role: ReviewRole;
  /** The agency: required for an agency's role and allowed for a panel member (the agency they represent); none for an independent role. */
  agencyId: string | null;
}

/** Someone to give a review role to, by email: an existing account, or a new one created and invited. */
export interface ReviewPersonInput {
  fullName: string;
  email: string;
  jobTitle: string | null;
  /** Their employer, when they work for an agency (a contributor does; an independent author does not). */
  agencyId: string | null;
  language: Language;
}

export interface ReviewRolesDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  identity: IdentityService;
}

export class ReviewRolesService {
  constructor(private readonly deps: ReviewRolesDeps) {}

  /** The review roles in effect on the review (optionally a person's, a role's or an agency's). */
  holders(db: Executor, reviewId: string, only: { personId?: string; role?: ReviewRole; agencyId?: string } = {}): Promise<ReviewAssignmentRow[]> {
    return reviewAssignments(db, reviewId, only);
  }

  /**
   * Gives the person the role on the review, in the caller's transaction (audited REVIEW_ROLE_GRANTED).
   * Holding it already is not an error: the role in effect is returned. The caller has checked that the
   * reader may make the appointment this grant carries out.
   */
  async grant(trx: Executor, caller: Caller, review: ReviewRow, input: ReviewRoleGrant): Promise<{ assignmentId: string; granted: boolean }> {
    const person = await findPersonRow(trx, input.personId);
    if (!person || person.deactivated_at) throw invalid({ personId: 'reviewRoles.personUnknown' });
    const isAgencyRole = AGENCY_REVIEW_ROLES.includes(input.role);
    if (isAgencyRole && !input.agencyId) throw invalid({ agencyId: 'reviewRoles.agencyRequired' });
    if (INDEPENDENT_REVIEW_ROLES.includes(input.role) && input.agencyId) throw invalid({ agencyId: 'reviewRoles.independentNoAgency' });
    if (input.agencyId) {
      const agency = await findAgency(trx, input.agencyId);
      if (!agency?.boardIds.includes(review.boardId)) throw invalid({ agencyId: 'reviewRoles.agencyNotOnBoard' });
      // Someone employed by one agency never acts for another's part of a review (its drafts, its actions).
      if (isAgencyRole && person.agency_id && person.agency_id !== input.agencyId) throw invalid({ personId: 'reviewRoles.otherAgency' });
    }
    const held = await reviewAssignments(trx, review.id, { personId: input.personId, role: input.role, agencyId: input.agencyId ?? undefined });
    const same = held.find((h) => h.agencyId === input.agencyId);
    if (same) return { assignmentId: same.id, granted: false };
    const id = newId();
    await insertRoleAssignment(
      trx,
      {
        id,
        personId: input.personId,
        role: input.role,
        scope: { type: 'review', boardId: review.boardId, reviewId: review.id, agencyId: input.agencyId },
        createdBy: caller.actor?.personId ?? null,
      },
      this.deps.clock.now().toISOString(),
    );
    await this.deps.audit.record(trx, caller, {
      action: 'REVIEW_ROLE_GRANTED',
      boardId: review.boardId,
      recordType: 'review',
      recordId: review.id,
      summary: { assignmentId: id, personId: input.personId, role: input.role, agencyId: input.agencyId },
    });
    return { assignmentId: id, granted: true };
  }

  /**
   * Ends the review roles in effect that match (a person's, a role's, an agency's; all of the review's when
   * nothing is named), in the caller's transaction, each audited REVIEW_ROLE_ENDED. Returns how many ended.
   */
  async end(
    trx: Executor,
    caller: Caller,
    review: ReviewRow,
    only: { personId?: string; role?: ReviewRole; agencyId?: string; roles?: readonly ReviewRole[] } = {},
  ): Promise<number> {
    const rows = (await reviewAssignments(trx, review.id, only)).filter((r) => !only.roles || only.roles.includes(r.role as ReviewRole));
    const at = this.deps.clock.now().toISOString();
    for (const row of rows) {
      await endRoleAssignment(trx, row.id, caller.actor?.personId ?? null, at);
      await this.deps.audit.record(trx, caller, {
        action: 'REVIEW_ROLE_ENDED',
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { assignmentId: row.id, personId: row.personId, role: row.role, agencyId: row.agencyId },
      });
    }
    return rows.length;
  }

  /**
   * Gives the role to the person with this email, or to a new account made for them (no board role; invited
   * to set a password, by email when mail is configured, once the role is theirs), in the caller's
   * transaction. An existing account is used as it is: its details are never changed from here, and a
   * deactivated one is refused.
   */
  async grantByEmail(
    trx: Executor,
    caller: Caller,
    review: ReviewRow,
    input: ReviewPersonInput,
    role: { role: ReviewRole; agencyId: string | null },
  ): Promise<{ personId: string; assignmentId: string; created: boolean; invitation: { link: string; emailed: boolean; expiresAt: string } | null }> {
    checkText(PERSON_TEXT, input);
    checkNames({ fullName: input.fullName });
    const existing = await findPersonRowByEmail(trx, input.email);
    if (existing?.deactivated_at) throw invalid({ email: 'reviewRoles.personDeactivated' });
    let personId = existing?.id;
    if (!personId) {
      if (input.agencyId) {
        const agency = await findAgency(trx, input.agencyId);
        if (!agency?.boardIds.includes(review.boardId)) throw invalid({ agencyId: 'reviewRoles.agencyNotOnBoard' });
      }
      personId = newId();
      const { fullName, email, jobTitle, agencyId, language } = input;
      await insertPerson(trx, { id: personId, email, fullName, jobTitle, agencyId, language }, this.deps.clock.now().toISOString());
      await this.deps.audit.record(trx, caller, {
        action: 'REVIEW_PERSON_ADDED',
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { personId, agencyId: input.agencyId, language: input.language },
      });
    }
    const { assignmentId } = await this.grant(trx, caller, review, { personId, ...role });
    if (existing) return { personId, assignmentId, created: false, invitation: null };
    // After the grant, so the invitation's audit event is recorded against the review's board.
    const invitation = await this.deps.identity.invite(trx, caller, personId);
    return { personId, assignmentId, created: true, invitation: { link: invitation.link, emailed: invitation.emailed, expiresAt: invitation.expiresAt } };
  }
}
