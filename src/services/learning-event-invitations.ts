// Practitioners' invitations to a review's learning event and their replies and attendance (issue 10 item 7),
// for the learning event service: an invitation records the practitioner of an involved agency as the next
// number of their role on the review ("Social worker 1", from a board counter), their name and email sealed at
// rest, and emails them the date, the place and the review's reference only, never the child's identity; the
// facilitators then record replies (while planned) and attendance (once held), each on the version seen.
// With the steps every change of the event starts from (the review, refused for a framework without a
// learning event; the event of the review); LearningEventService (planning, notes, learning) builds on this.
import type { Db } from '../db/database.ts';
import { type FieldCipher, sealedPlace } from '../db/field-cipher.ts';
import { nextCounterValue } from '../db/repositories/counters-repository.ts';
import {
  findLearningEvent,
  type InvitationRow,
  insertInvitation,
  invitationsOf,
  type LearningEventRow,
  updateInvitationStatus,
} from '../db/repositories/learning-events-repository.ts';
import { involvedAgencyIds } from '../db/repositories/panel-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { formatDate } from '../domain/clock/london.ts';
import { getFramework } from '../domain/frameworks/index.ts';
import { isLanguage, type Language } from '../domain/organisation.ts';
import {
  type EventState,
  hasLearningEvent,
  type InvitationState,
  invitationChangeProblem,
  isInvitationState,
  isPractitionerRole,
  LEARNING_EVENT_LIMITS,
  type PractitionerRole,
  practitionerCounter,
} from '../domain/reviews/learning-event.ts';
import { EMAIL_ADDRESS } from '../domain/text.ts';
import { translator } from '../i18n.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, type FieldErrors, invalid, newId, notFound, ServiceError } from './context.ts';
import type { MailService } from './mail-service.ts';
import type { MilestoneService } from './milestone-service.ts';
import { type ReviewScope, reviewInScope } from './review-access.ts';

export interface LearningEventDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  milestones: MilestoneService;
  mail: MailService;
  cipher: FieldCipher;
}

export interface InvitationInput {
  agencyId: string;
  practitionerRole: string;
  fullName: string;
  email: string;
  language: string;
}

export interface InvitationView {
  id: string;
  eventId: string;
  agencyId: string;
  practitionerRole: PractitionerRole;
  practitionerNumber: number;
  status: InvitationState;
  version: number;
  invitedAt: string;
  /** Only for the business unit (who organises the event): the practitioner's name and email. */
  fullName: string | null;
  email: string | null;
}

export const notForFramework = () => new ServiceError('conflict', 'learningEvent.notForFramework', { form: 'learning-event:errors.notForFramework' });
export const changedMeanwhile = () => new ServiceError('conflict', 'learningEvent.changedMeanwhile', { form: 'learning-event:errors.changedMeanwhile' });

export class LearningEventInvitations {
  constructor(protected readonly deps: LearningEventDeps) {}

  protected now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The review when the caller holds the permission, refused (clearly) when its framework has no learning event. */
  protected async reviewFor(trx: Executor, caller: Caller, scope: ReviewScope, permission: 'learning_event.manage' | 'learning_event.record') {
    const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, permission);
    if (!hasLearningEvent(getFramework(review.frameworkId))) throw notForFramework();
    return review;
  }

  protected async eventOf(trx: Executor, review: ReviewRow, eventId: string): Promise<LearningEventRow> {
    const event = await findLearningEvent(trx, review.id, eventId);
    if (!event) throw notFound('learning event');
    return event;
  }

  protected open(i: InvitationRow): { fullName: string; email: string } {
    return {
      fullName: this.deps.cipher.decrypt(i.fullName, sealedPlace('learning_event_invitations', 'full_name', i.id)),
      email: this.deps.cipher.decrypt(i.email, sealedPlace('learning_event_invitations', 'email', i.id)),
    };
  }

  /**
   * Invites a practitioner of an involved agency to a planned event (the business unit): recorded as the
   * next number of their role on the review, name and email sealed, and emailed — the date, the place and
   * the review's reference, nothing of the child — in the same transaction.
   */
  async invite(caller: Caller, scope: ReviewScope, eventId: string, input: InvitationInput): Promise<{ id: string; practitionerNumber: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewFor(trx, caller, scope, 'learning_event.manage');
      const event = await this.eventOf(trx, review, eventId);
      const errors: FieldErrors = {};
      const involved = new Set(await involvedAgencyIds(trx, review.id));
      if (!input.agencyId) errors.agencyId = 'learning-event:errors.agencyRequired';
      else if (!involved.has(input.agencyId)) errors.agencyId = 'learning-event:errors.agencyNotInvolved';
      if (!isPractitionerRole(input.practitionerRole)) errors.practitionerRole = 'learning-event:errors.roleRequired';
      const fullName = input.fullName.trim();
      if (fullName === '') errors.fullName = 'learning-event:errors.nameRequired';
      else if (fullName.length > LEARNING_EVENT_LIMITS.name) errors.fullName = 'learning-event:errors.nameTooLong';
      const email = input.email.trim();
      if (email === '') errors.email = 'learning-event:errors.emailRequired';
      else if (email.length > LEARNING_EVENT_LIMITS.email || !EMAIL_ADDRESS.test(email)) errors.email = 'learning-event:errors.emailInvalid';
      if (!isLanguage(input.language)) errors.language = 'learning-event:errors.languageRequired';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      if (event.status !== 'planned') throw new ServiceError('conflict', 'learningEvent.notPlanned', { form: 'learning-event:errors.notPlanned' });
      const role = input.practitionerRole as PractitionerRole;
      const language = input.language as Language;
      const number = await nextCounterValue(trx, review.boardId, practitionerCounter(review.id, role));
      const id = newId();
      await insertInvitation(
        trx,
        {
          id,
          eventId: event.id,
          reviewId: review.id,
          agencyId: input.agencyId,
          practitionerRole: role,
          practitionerNumber: number,
          fullName: this.deps.cipher.encrypt(fullName, sealedPlace('learning_event_invitations', 'full_name', id)),
          email: this.deps.cipher.encrypt(email, sealedPlace('learning_event_invitations', 'email', id)),
          language,
          status: 'invited',
          invitedBy: caller.actor?.personId ?? null,
        },
        this.now(),
      );
      const t = translator(language);
      const values = {
        reference: review.reference,
        date: formatDate(event.heldOn, language),
        time: event.startsAt ?? t('learning-event:email.noTime'),
        venue: event.venue,
        mode: t(`learning-event:modes.${event.mode}`),
      };
      await this.deps.mail.enqueue(trx, {
        language,
        to: email,
        subject: t('learning-event:email.subject', values),
        body: t('learning-event:email.body', values),
      });
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'learning_event',
        recordId: event.id,
        summary: { reviewId: review.id, invitationId: id, agencyId: input.agencyId, practitionerRole: role, practitionerNumber: number, language },
      });
      return { id, practitionerNumber: number };
    });
  }

  /**
   * Records practitioners' replies (while the event is planned) or attendance (once it is held), several at
   * once in one transaction, each on the version the caller saw; any refusal writes none of them.
   */
  async recordAttendance(
    caller: Caller,
    scope: ReviewScope,
    eventId: string,
    entries: readonly { invitationId: string; status: string; version?: number | undefined }[],
  ): Promise<{ changed: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewFor(trx, caller, scope, 'learning_event.record');
      const event = await this.eventOf(trx, review, eventId);
      const invitations = new Map((await invitationsOf(trx, review.id, { eventId: event.id })).map((i) => [i.id, i]));
      const errors: FieldErrors = {};
      const moves: { invitation: InvitationRow; to: InvitationState; version: number }[] = [];
      for (const entry of entries) {
        const invitation = invitations.get(entry.invitationId);
        if (!invitation) throw notFound('invitation');
        const field = `status-${invitation.id}`;
        if (entry.status === '' || entry.status === invitation.status) continue;
        if (!isInvitationState(entry.status) || entry.status === 'invited') {
          errors[field] = 'learning-event:errors.statusRequired';
          continue;
        }
        const problem = invitationChangeProblem(event.status as EventState, entry.status);
        if (problem) errors[field] = problem;
        else moves.push({ invitation, to: entry.status, version: entry.version ?? invitation.version });
      }
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const at = this.now();
      for (const m of moves)
        if (m.version !== m.invitation.version || !(await updateInvitationStatus(trx, { id: m.invitation.id, version: m.version, status: m.to }, at)))
          throw changedMeanwhile();
      if (moves.length > 0)
        await this.deps.audit.record(trx, caller, {
          boardId: review.boardId,
          recordType: 'learning_event',
          recordId: event.id,
          summary: { reviewId: review.id, invitationIds: moves.map((m) => m.invitation.id), statuses: moves.map((m) => m.to) },
        });
      return { changed: moves.length };
    });
  }
}
