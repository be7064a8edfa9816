// Agency contributions, the agency's side (issue 10 item 4; DOMAIN.md §6.4, R3): the author's declaration
// (refused when they were directly involved or the line manager of those who were; nothing can be drafted
// before it), the draft's sections and attachments (through services.files), submission, and the senior
// manager's sign-off or return. Each request is reached through its agency only (reviewInScope with the
// agency), so one agency's people never read or change another's draft. ContributionService (the business
// unit's requests and waivers, the reads) builds on this.
import type { Readable } from 'node:stream';
import type { Db } from '../db/database.ts';
import { type ContributionRequestRow, findRequest, requestSections, saveSections, setRequestDetails } from '../db/repositories/contributions-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { isIsoDate } from '../domain/clock/dates.ts';
import { CONTRIBUTION_TEXT } from '../domain/limits.ts';
import type { Language } from '../domain/organisation.ts';
import type { can, Permission } from '../domain/permissions.ts';
import { type ContributionSection, type ContributionStatus, contributionStatus, declarationRefusals, sectionsOf } from '../domain/reviews/contributions.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkText, invalid, notFound, ServiceError } from './context.ts';
import type { FileService, StoredFile } from './files/file-service.ts';
import type { MailService } from './mail-service.ts';
import { mayOnReview, reviewInScope } from './review-access.ts';
import type { ReviewRolesService } from './review-roles.ts';
import { WorkflowService } from './workflow.ts';

export interface ContributionDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mail: MailService;
  files: FileService;
  reviewRoles: ReviewRolesService;
  publicUrl: () => string;
}

/** A person the business unit names for the agency (its author, its senior manager). */
export interface NamedPerson {
  fullName: string;
  email: string;
  jobTitle?: string | null;
  language?: Language;
}

/** What the business unit sends (ContributionService.request). */
export interface RequestInput {
  agencyId: string;
  contactId: string;
  dueOn: string;
  author: NamedPerson;
  seniorManager: NamedPerson;
}

export interface DeclarationInput {
  /** "Were you directly involved with the child or family?" */
  directlyInvolved: boolean | undefined;
  /** "Were you the line manager of anyone who was?" */
  lineManager: boolean | undefined;
  authorRole: string | null | undefined;
  recordsSecuredOn?: string | null | undefined;
}

export interface DraftInput {
  sections: Partial<Record<ContributionSection, string | null>>;
  authorRole?: string | null | undefined;
  recordsSecuredOn?: string | null | undefined;
}

/** The owner under which a request's attachments are stored. */
export const contributionOwner = (requestId: string) => ({ type: 'contribution', id: requestId });

/** A request with the status shown (overdue read from the due date and today). */
export type ContributionItem = ContributionRequestRow & { displayStatus: ContributionStatus };

/** What the caller may do with a request now. */
export interface ContributionAbilities {
  declare: boolean;
  edit: boolean;
  submit: boolean;
  signOff: boolean;
  waive: boolean;
}

/**
 * An agency's contribution request on this review (its report, its chronology), if the caller holds
 * `permission` on that agency's part: another review's or board's request is not found (ids cannot be probed),
 * another agency's is refused.
 */
export async function contributionInScope(
  db: Executor,
  caller: Caller,
  scope: { boardId: string; reviewId: string; requestId: string },
  permission: Permission,
): Promise<{ review: ReviewRow; request: ContributionRequestRow }> {
  const request = await findRequest(db, scope.requestId);
  if (!request || request.reviewId !== scope.reviewId || request.boardId !== scope.boardId) throw notFound('contribution');
  const review = await reviewInScope(db, caller, { boardId: scope.boardId, reviewId: scope.reviewId, agencyId: request.agencyId }, permission);
  return { review, request };
}

export class ContributionDrafting {
  protected readonly workflow: WorkflowService;

  constructor(protected readonly deps: ContributionDeps) {
    this.workflow = new WorkflowService({ clock: deps.clock, audit: deps.audit });
  }

  protected item(r: ContributionRequestRow): ContributionItem {
    return { ...r, displayStatus: contributionStatus(r.status, r.dueOn, this.deps.clock.today()) };
  }

  /** The request of this review, if the caller holds `permission` on its agency's part (another agency's: refused). */
  protected requestInScope(db: Executor, caller: Caller, boardId: string, reviewId: string, requestId: string, permission: Permission) {
    return contributionInScope(db, caller, { boardId, reviewId, requestId }, permission);
  }

  protected abilities(caller: Caller, review: ReviewRow, r: ContributionRequestRow): ContributionAbilities {
    const on = (p: Parameters<typeof can>[1]) => mayOnReview(caller, review, p, r.agencyId);
    return {
      declare: r.status === 'requested' && on('contribution.edit'),
      edit: r.status === 'in_progress' && on('contribution.edit'),
      submit: r.status === 'in_progress' && on('contribution.edit'),
      signOff: r.status === 'submitted' && on('contribution.sign_off'),
      waive: ['requested', 'in_progress', 'submitted'].includes(r.status) && mayOnReview(caller, review, 'contribution.manage'),
    };
  }

  // ---- The agency's author ---------------------------------------------------------------------------

  /**
   * The author's declaration (R3; DOMAIN.md §6.4): refused when they were directly involved with the family
   * or the line manager of those who were (nothing written); accepted, it records their role and starts
   * drafting (requested → in progress).
   */
  async declare(caller: Caller, boardId: string, reviewId: string, requestId: string, input: DeclarationInput) {
    const errors: Record<string, string> = {};
    if (input.directlyInvolved === undefined) errors.directlyInvolved = 'contributions:errors.directlyInvolvedRequired';
    if (input.lineManager === undefined) errors.lineManager = 'contributions:errors.lineManagerRequired';
    Object.assign(errors, declarationRefusals({ directlyInvolved: input.directlyInvolved === true, lineManager: input.lineManager === true }));
    const role = input.authorRole?.trim() ?? '';
    if (!role) errors.authorRole = 'contributions:errors.authorRoleRequired';
    else if (role.length > CONTRIBUTION_TEXT.authorRole.max) errors.authorRole = CONTRIBUTION_TEXT.authorRole.tooLong;
    const secured = input.recordsSecuredOn?.trim() || null;
    if (secured && (!isIsoDate(secured) || secured > this.deps.clock.today())) errors.recordsSecuredOn = 'contributions:errors.recordsSecuredOnInvalid';
    return inTransaction(this.deps.db, async (trx) => {
      const { request } = await this.requestInScope(trx, caller, boardId, reviewId, requestId, 'contribution.edit');
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const moved = await this.workflow.transition(trx, caller, {
        record: 'contribution',
        id: request.id,
        event: 'declare',
        from: 'requested',
        summary: { event: 'declare', reviewId, agencyId: request.agencyId, directlyInvolved: false, lineManager: false },
      });
      await setRequestDetails(
        trx,
        request.id,
        { author_role: role, records_secured_on: secured, declared_at: moved.event.occurredAt, declared_by: caller.actor?.personId ?? '' },
        moved.event.occurredAt,
      );
      return { to: moved.to };
    });
  }

  /** Saves the author's draft (sections of the request's kind, the header's answers); only while drafting (after the declaration). */
  async saveDraft(caller: Caller, boardId: string, reviewId: string, requestId: string, input: DraftInput) {
    return inTransaction(this.deps.db, async (trx) => {
      const { request } = await this.requestInScope(trx, caller, boardId, reviewId, requestId, 'contribution.edit');
      if (request.status === 'requested') throw new ServiceError('conflict', 'declaration first', { form: 'contributions:errors.declareFirst' });
      if (request.status !== 'in_progress') throw new ServiceError('conflict', 'not drafting', { form: 'contributions:errors.notDrafting' });
      const names = sectionsOf(request.kind as 'imr' | 'timeline');
      const errors: Record<string, string> = {};
      const sections: Record<string, string> = {};
      for (const [name, body] of Object.entries(input.sections)) {
        if (!(names as readonly string[]).includes(name)) {
          errors[name] = 'contributions:errors.unknownSection';
          continue;
        }
        const text = body ?? '';
        if (text.length > CONTRIBUTION_TEXT.section.max) errors[name] = CONTRIBUTION_TEXT.section.tooLong;
        else sections[name] = text;
      }
      const details: Parameters<typeof setRequestDetails>[2] = {};
      if (input.authorRole !== undefined) {
        const role = input.authorRole?.trim() ?? '';
        if (!role) errors.authorRole = 'contributions:errors.authorRoleRequired';
        else if (role.length > CONTRIBUTION_TEXT.authorRole.max) errors.authorRole = CONTRIBUTION_TEXT.authorRole.tooLong;
        else details.author_role = role;
      }
      if (input.recordsSecuredOn !== undefined) {
        const secured = input.recordsSecuredOn?.trim() || null;
        if (secured && (!isIsoDate(secured) || secured > this.deps.clock.today())) errors.recordsSecuredOn = 'contributions:errors.recordsSecuredOnInvalid';
        else details.records_secured_on = secured;
      }
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const at = this.deps.clock.now().toISOString();
      await saveSections(trx, request.id, sections, caller.actor?.personId ?? null, at);
      await setRequestDetails(trx, request.id, details, at);
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'contribution',
        recordId: request.id,
        summary: { reviewId, agencyId: request.agencyId, sections: Object.keys(sections), fields: Object.keys(details) },
      });
      return { saved: Object.keys(sections).length };
    });
  }

  /** The author submits the draft for sign-off: every section written, the header answered. */
  async submit(caller: Caller, boardId: string, reviewId: string, requestId: string, input: { from?: string } = {}) {
    return inTransaction(this.deps.db, async (trx) => {
      const { request } = await this.requestInScope(trx, caller, boardId, reviewId, requestId, 'contribution.edit');
      const sections = await requestSections(trx, request.id);
      const errors: Record<string, string> = {};
      for (const name of sectionsOf(request.kind as 'imr' | 'timeline')) if (!sections.get(name)?.trim()) errors[name] = 'contributions:errors.sectionRequired';
      if (request.kind === 'imr' && !request.recordsSecuredOn) errors.recordsSecuredOn = 'contributions:errors.recordsSecuredOnRequired';
      if (request.status === 'in_progress' && Object.keys(errors).length > 0) throw invalid(errors);
      const moved = await this.workflow.transition(trx, caller, {
        record: 'contribution',
        id: request.id,
        event: 'submit',
        from: input.from ?? request.status,
        summary: { event: 'submit', reviewId, agencyId: request.agencyId, sections: sections.size },
      });
      await setRequestDetails(trx, request.id, { submitted_at: moved.event.occurredAt }, moved.event.occurredAt);
      return { to: moved.to };
    });
  }

  // ---- The agency's senior manager ------------------------------------------------------------------

  /** Signs off the submitted contribution (a senior manager of the agency), or returns it to the author with a reason. */
  async signOff(
    caller: Caller,
    boardId: string,
    reviewId: string,
    requestId: string,
    input: { decision: string | undefined; reason?: string | null; from?: string },
  ) {
    return inTransaction(this.deps.db, async (trx) => {
      const { request } = await this.requestInScope(trx, caller, boardId, reviewId, requestId, 'contribution.sign_off');
      if (input.decision !== 'sign_off' && input.decision !== 'return') throw invalid({ decision: 'contributions:errors.decisionRequired' });
      const reason = input.reason?.trim() || null;
      if (input.decision === 'return' && !reason) throw invalid({ reason: 'contributions:errors.returnReasonRequired' });
      if (reason) checkText({ reason: CONTRIBUTION_TEXT.reason }, { reason });
      const moved = await this.workflow.transition(trx, caller, {
        record: 'contribution',
        id: request.id,
        event: input.decision,
        from: input.from ?? request.status,
        reason,
        summary: { event: input.decision, reviewId, agencyId: request.agencyId },
      });
      if (input.decision === 'sign_off')
        await setRequestDetails(
          trx,
          request.id,
          { signed_off_at: moved.event.occurredAt, signed_off_by: caller.actor?.personId ?? '' },
          moved.event.occurredAt,
        );
      else await setRequestDetails(trx, request.id, { submitted_at: null }, moved.event.occurredAt);
      return { to: moved.to };
    });
  }

  // ---- Attachments ----------------------------------------------------------------------------------

  /**
   * Attaches a file to the draft (the author, while drafting): through services.files, which refuses by
   * content (an executable renamed .docx), size, emptiness and the virus scan (UploadRefused), storing nothing.
   */
  /** Refuses (not found, forbidden) before a file is read when the caller may not attach to this request: the API checks first. */
  async checkMayAttach(caller: Caller, boardId: string, reviewId: string, requestId: string): Promise<void> {
    await inTransaction(this.deps.db, (trx) => this.requestInScope(trx, caller, boardId, reviewId, requestId, 'contribution.edit'));
  }

  async attach(caller: Caller, boardId: string, reviewId: string, requestId: string, file: { name: string; content: Readable }): Promise<StoredFile> {
    const { request } = await inTransaction(this.deps.db, (trx) => this.requestInScope(trx, caller, boardId, reviewId, requestId, 'contribution.edit'));
    if (request.status !== 'in_progress') {
      file.content.resume();
      throw new ServiceError('conflict', 'not drafting', {
        form: request.status === 'requested' ? 'contributions:errors.declareFirst' : 'contributions:errors.notDrafting',
      });
    }
    return this.deps.files.upload(
      caller,
      { boardId, purpose: 'attachment', name: file.name, content: file.content, owner: contributionOwner(request.id) },
      async (trx, stored) => {
        const current = await findRequest(trx, request.id);
        if (current?.status !== 'in_progress') throw new ServiceError('conflict', 'not drafting', { form: 'contributions:errors.notDrafting' });
        await this.deps.audit.record(trx, caller, {
          action: 'CONTRIBUTION_ATTACHED',
          boardId,
          recordType: 'contribution',
          recordId: request.id,
          summary: { reviewId, agencyId: request.agencyId, fileId: stored.id, sizeBytes: stored.sizeBytes, contentType: stored.contentType },
        });
      },
    );
  }

  /** An attachment's content; the request is checked for the caller's agency, and the download audited by the file service. */
  async download(caller: Caller, boardId: string, reviewId: string, requestId: string, fileId: string) {
    await inTransaction(this.deps.db, (trx) => this.requestInScope(trx, caller, boardId, reviewId, requestId, 'contribution.view'));
    return this.deps.files.download(caller, fileId, contributionOwner(requestId));
  }
}
