// Setting a review up and keeping it current (issue 10 items 1 and 5a). The notifications its framework
// requires after the decision (src/domain/frameworks/notifications.ts), each recorded once with the day it
// was sent and a generated letter; the other referrals it covers (siblings, two referrals about one
// incident) linked and unlinked with a reason; a joint review's partner boards and lead board; and the
// parallel proceedings (criminal, inquest, family court, …) kept current, each change kept in
// proceeding_changes. The business unit makes the changes (review.manage); whoever may see the review
// sees them (review.view) through ReviewService.view, which reads setupOf in its own transaction. Each
// change: its audit event (ids and field names only) in the change's transaction.
import type { Db } from '../db/database.ts';
import type { FieldCipher } from '../db/field-cipher.ts';
import { syncReviewPeople } from '../db/repositories/family-repository.ts';
import { findBoardByCode, listBoardNames } from '../db/repositories/organisation-repository.ts';
import {
  findReviewProceeding,
  insertProceeding,
  insertProceedingChanges,
  type ProceedingChangeRow,
  type ProceedingRow,
  proceedingHistory,
  reviewProceedings,
  updateProceeding as updateProceedingRow,
} from '../db/repositories/proceedings-repository.ts';
import {
  boardReferralChoices,
  type CoveredReferral,
  coveredReferrals,
  findReviewNotification,
  hasNotification,
  insertReviewNotification,
  insertReviewReferral,
  type JointReview,
  jointReview,
  linksOfReferrals,
  lockReferral,
  type ReviewNotificationRow,
  reviewNotifications,
  reviewOwnReferrals,
  reviewsCovering,
  setJointReview,
  unlinkReviewReferral,
} from '../db/repositories/review-setup-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { type NotificationRequirement, requiredNotifications } from '../domain/frameworks/notifications.ts';
import { can, type Permission } from '../domain/permissions.ts';
import {
  isActiveReview,
  jointProblems,
  PROCEEDING_UPDATE_TEXT,
  type ProceedingFields,
  proceedingChanges,
  proceedingProblems,
  sentOnProblem,
  UNLINK_TEXT,
} from '../domain/reviews/review-setup.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkText, invalid, newId, notFound, ServiceError } from './context.ts';
import { reviewInScope } from './review-access.ts';

export interface ReviewSetupDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** Opens the linked referral's family names to list its people once (syncReviewPeople's rule). */
  cipher: FieldCipher;
}

/** A required notification and where it stands: due, or sent (with its record, whose letter can be downloaded). */
export interface NotificationStatus {
  requirement: NotificationRequirement;
  sent: ReviewNotificationRow | null;
}

export interface ProceedingView extends ProceedingRow {
  history: ProceedingChangeRow[];
}

/** What the review page shows of this part. */
export interface ReviewSetup {
  notifications: NotificationStatus[];
  referrals: CoveredReferral[];
  joint: JointReview & { boards: { id: string; code: string; nameEn: string; nameCy: string }[] };
  proceedings: ProceedingView[];
}

const K = 'review-setup:errors.';
const conflict = (key: string, field = 'form') => new ServiceError('conflict', key, { [field]: key });

/** The review's notifications, referrals, joint boards and proceedings, read in the caller's transaction. */
export async function setupOf(db: Executor, review: ReviewRow): Promise<ReviewSetup> {
  const [sent, referrals, joint, proceedings] = await Promise.all([
    reviewNotifications(db, review.id),
    coveredReferrals(db, review),
    jointReview(db, review.id),
    reviewProceedings(db, review.id),
  ]);
  const history = await proceedingHistory(
    db,
    proceedings.map((p) => p.id),
  );
  const boardIds = [...new Set([review.boardId, ...joint.partnerBoardIds, ...(joint.leadBoardId ? [joint.leadBoardId] : [])])];
  const boards = await listBoardNames(db, boardIds);
  return {
    notifications: requiredNotifications(review.frameworkId).map((requirement) => ({
      requirement,
      sent: sent.find((n) => n.requirement === requirement.id) ?? null,
    })),
    referrals,
    joint: { ...joint, boards: boards.map((b) => ({ id: b.id, code: b.code, nameEn: b.nameEn, nameCy: b.nameCy })) },
    proceedings: proceedings.map((p) => ({ ...p, history: history.get(p.id) ?? [] })),
  };
}

/**
 * What a reader of the review sees of this part: the business unit (review.manage) all of it; others (the
 * panel, the author) not a proceeding's liaison contact, which is the referral's case detail.
 */
export function setupForReader(setup: ReviewSetup, mayManage: boolean): ReviewSetup {
  if (mayManage) return setup;
  return {
    ...setup,
    proceedings: setup.proceedings.map((p) => ({
      ...p,
      liaisonContact: null,
      history: p.history.filter((h) => h.field !== 'liaisonContact'),
    })),
  };
}

export interface ProceedingInput {
  proceedingType: string;
  status: string;
  nextHearingOn: string | null;
  concludedOn: string | null;
  liaisonContact: string | null;
}

export class ReviewSetupService {
  constructor(private readonly deps: ReviewSetupDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /**
   * The review and this part of it, for a form of this part (the business unit's): the read audited as the
   * route declares. `permission` is what the form needs (review.manage).
   */
  async form(caller: Caller, boardId: string, reviewId: string, permission: Permission = 'review.manage') {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, permission);
      const setup = setupForReader(await setupOf(trx, review), can(caller.actor, 'review.manage', { boardId, reviewId }));
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { part: 'setup' } });
      return { review, setup };
    });
  }

  /** A recorded notification of the review (not found when it is another review's, or the caller may not see the review). */
  async notificationOn(caller: Caller, boardId: string, reviewId: string, notificationId: string): Promise<ReviewNotificationRow> {
    const db = this.deps.db.kysely;
    await reviewInScope(db, caller, { boardId, reviewId }, 'review.view');
    const notification = await findReviewNotification(db, notificationId);
    if (!notification || notification.reviewId !== reviewId) throw notFound('notification');
    return notification;
  }

  /** The referrals of the board the review could cover: not already covered by it, nor by another active review. */
  async linkChoices(caller: Caller, boardId: string, reviewId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.manage');
      const [setup, all] = await Promise.all([setupOf(trx, review), boardReferralChoices(trx, boardId)]);
      const covered = new Set(setup.referrals.map((r) => r.referralId));
      // Covered by another review still running, as its own referral or linked: not a choice.
      const links = await linksOfReferrals(
        trx,
        all.map((r) => r.referralId),
      );
      const taken = new Set([...links, ...(await reviewOwnReferrals(trx, boardId))].filter((o) => isActiveReview(o.stage)).map((o) => o.referralId));
      const choices = all.filter((r) => !covered.has(r.referralId) && !taken.has(r.referralId));
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { part: 'referrals', choices: choices.length },
      });
      return { review, setup, choices };
    });
  }

  /**
   * Records that a notification the review's framework requires was sent, on a day not in the future and not
   * before the decision; once per requirement (a second, or two at once, is a conflict). Audited with ids.
   */
  async recordNotification(caller: Caller, boardId: string, reviewId: string, input: { requirement: string; sentOn: string }) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.manage');
      const requirement = requiredNotifications(review.frameworkId).find((n) => n.id === input.requirement);
      if (!requirement) throw notFound('notification');
      if (!isActiveReview(review.stage)) throw conflict(`${K}reviewEnded`);
      if (!input.sentOn) throw invalid({ sentOn: `${K}sentOnRequired` });
      const problem = sentOnProblem({ sentOn: input.sentOn, decidedOn: review.decidedOn, today: this.deps.clock.today() });
      if (problem) throw invalid({ sentOn: problem });
      if (await hasNotification(trx, reviewId, requirement.id)) throw conflict(`${K}notificationRecorded`, 'sentOn');
      const id = newId();
      await insertReviewNotification(trx, {
        id,
        reviewId,
        requirement: requirement.id,
        recipient: requirement.recipient,
        sentOn: input.sentOn,
        recordedBy: caller.actor?.personId ?? null,
        recordedAt: this.now(),
      });
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { notificationId: id, requirement: requirement.id, recipient: requirement.recipient },
      });
      return { id, requirement: requirement.id };
    });
  }

  /**
   * Links another referral of the board to the review (the review then covers its child too). Refused: a
   * referral of another board (not found), one the review covers already, one covered by another review
   * still running. The referral's row is locked first, so two links of it at once take turns: one wins,
   * the other gets the conflict.
   */
  async linkReferral(caller: Caller, boardId: string, reviewId: string, referralId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.manage');
      if (!isActiveReview(review.stage)) throw conflict(`${K}reviewEnded`);
      if (!referralId) throw invalid({ referralId: `${K}referralRequired` });
      const referral = await lockReferral(trx, this.deps.db.dialect, referralId);
      if (!referral || referral.boardId !== boardId) throw invalid({ referralId: `${K}referralNotOnBoard` });
      const covering = await reviewsCovering(trx, referralId);
      if (covering.some((r) => r.id === reviewId)) throw conflict(`${K}alreadyCovered`, 'referralId');
      if (covering.some((r) => isActiveReview(r.stage))) throw conflict(`${K}inAnotherReview`, 'referralId');
      const id = newId();
      await insertReviewReferral(trx, { id, reviewId, referralId, linkedBy: caller.actor?.personId ?? null, linkedAt: this.now() });
      // The linked referral's child and family are listed among the review's people now, so reads list nothing.
      const listed = await syncReviewPeople(trx, this.deps.db.dialect, this.deps.cipher, review, this.now(), newId);
      await this.deps.audit.record(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { linkId: id, referralId, listed } });
      return { linkId: id };
    });
  }

  /** Ends a link, with a reason (kept on the link; the audit event has ids only). The review's own referral is not a link. */
  async unlinkReferral(caller: Caller, boardId: string, reviewId: string, referralId: string, reason: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.manage');
      if (referralId === review.referralId) throw conflict(`${K}ownReferral`);
      checkText(UNLINK_TEXT, { reason });
      const linkId = await unlinkReviewReferral(trx, { reviewId, referralId, by: caller.actor?.personId ?? null, at: this.now(), reason: reason.trim() });
      if (!linkId) throw notFound('link');
      await this.deps.audit.record(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { linkId, referralId } });
    });
  }

  /** The review and its joint boards, for the joint review form (other boards are named by their codes: no list of them is shown). */
  async jointForm(caller: Caller, boardId: string, reviewId: string) {
    return this.form(caller, boardId, reviewId);
  }

  /** Records a joint review from the boards' codes (the page's form): unknown codes are refused. */
  async setJointByCodes(caller: Caller, boardId: string, reviewId: string, input: { partnerCodes: string[]; leadCode: string | null }) {
    const db = this.deps.db.kysely;
    await reviewInScope(db, caller, { boardId, reviewId }, 'review.manage');
    const idOf = async (code: string) => (await findBoardByCode(db, code.trim().toUpperCase()))?.id ?? `unknown:${code}`;
    const partnerBoardIds = await Promise.all(input.partnerCodes.map(idOf));
    const leadBoardId = input.leadCode ? await idOf(input.leadCode) : null;
    return this.setJoint(caller, boardId, reviewId, { partnerBoardIds, leadBoardId });
  }

  /**
   * Records a joint review: the other boards holding it with this one, and which board leads (this one or a
   * partner). No partners: not a joint review (the lead is cleared). Audited against every board named.
   */
  async setJoint(caller: Caller, boardId: string, reviewId: string, input: { partnerBoardIds: string[]; leadBoardId: string | null }) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.manage');
      if (!isActiveReview(review.stage)) throw conflict(`${K}reviewEnded`);
      const known = await listBoardNames(trx, [...new Set([...input.partnerBoardIds, ...(input.leadBoardId ? [input.leadBoardId] : [])])]);
      const problems = jointProblems({
        ownBoardId: boardId,
        partnerBoardIds: input.partnerBoardIds,
        leadBoardId: input.leadBoardId,
        knownBoardIds: known.map((b) => b.id),
      });
      if (Object.keys(problems).length > 0) throw invalid(problems);
      const joint: JointReview =
        input.partnerBoardIds.length > 0
          ? { leadBoardId: input.leadBoardId, partnerBoardIds: input.partnerBoardIds }
          : { leadBoardId: null, partnerBoardIds: [] };
      const before = await jointReview(trx, reviewId);
      await setJointReview(trx, reviewId, joint, caller.actor?.personId ?? null, this.now());
      await this.deps.audit.record(trx, caller, {
        boardId,
        boardIds: [...new Set([boardId, ...before.partnerBoardIds, ...joint.partnerBoardIds])],
        recordType: 'review',
        recordId: reviewId,
        summary: { leadBoardId: joint.leadBoardId, partnerBoardIds: joint.partnerBoardIds },
      });
      return joint;
    });
  }

  /** A proceeding of the review, with its history, for its form (the read audited as the route declares). */
  async proceeding(caller: Caller, boardId: string, reviewId: string, proceedingId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.manage');
      const proceeding = await findReviewProceeding(trx, reviewId, proceedingId);
      if (!proceeding) throw notFound('proceeding');
      const history = (await proceedingHistory(trx, [proceedingId])).get(proceedingId) ?? [];
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { proceedingId } });
      return { review, proceeding: { ...proceeding, history } };
    });
  }

  /** Adds a proceeding to the review (on its own referral), its fields kept as its first history. */
  async addProceeding(caller: Caller, boardId: string, reviewId: string, input: ProceedingInput) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.manage');
      const fields = this.checked(input);
      const id = newId();
      const at = this.now();
      await insertProceeding(trx, { ...fields, id, referralId: review.referralId, reviewId, at });
      const changes = proceedingChanges(null, fields);
      await this.history(trx, caller, id, reviewId, changes, at);
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { proceedingId: id, proceedingType: fields.proceedingType, fields: changes.map((c) => c.field) },
      });
      return { id };
    });
  }

  /**
   * Updates a proceeding of the review: what changed is kept in its history (field, before, after, who, when).
   * `seenAt` is when the caller last saw it: a change made meanwhile by someone else is a conflict.
   */
  async updateProceeding(caller: Caller, boardId: string, reviewId: string, proceedingId: string, input: ProceedingInput & { seenAt?: string }) {
    return inTransaction(this.deps.db, async (trx) => {
      await reviewInScope(trx, caller, { boardId, reviewId }, 'review.manage');
      const before = await findReviewProceeding(trx, reviewId, proceedingId);
      if (!before) throw notFound('proceeding');
      const fields = this.checked(input);
      const changes = proceedingChanges(before, fields);
      if (changes.length === 0) return { changed: [] as string[] };
      const at = this.now();
      if (!(await updateProceedingRow(trx, proceedingId, input.seenAt ?? before.updatedAt, fields, at))) throw conflict('conflict.concurrentChange');
      await this.history(trx, caller, proceedingId, reviewId, changes, at);
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { proceedingId, fields: changes.map((c) => c.field) },
      });
      return { changed: changes.map((c) => c.field) as string[] };
    });
  }

  private checked(input: ProceedingInput): ProceedingFields {
    const liaisonContact = input.liaisonContact?.trim() || null;
    checkText(PROCEEDING_UPDATE_TEXT, { liaisonContact });
    const fields = {
      proceedingType: input.proceedingType,
      status: input.status,
      nextHearingOn: input.nextHearingOn || null,
      concludedOn: input.concludedOn || null,
      liaisonContact,
    } as ProceedingFields;
    const problems = proceedingProblems(fields, this.deps.clock.today());
    if (Object.keys(problems).length > 0) throw invalid(problems);
    return fields;
  }

  private async history(
    trx: Executor,
    caller: Caller,
    proceedingId: string,
    reviewId: string,
    changes: ReturnType<typeof proceedingChanges>,
    at: string,
  ): Promise<void> {
    await insertProceedingChanges(
      trx,
      changes.map((c) => ({ id: newId(), proceedingId, reviewId, field: c.field, from: c.from, to: c.to, by: caller.actor?.personId ?? null, at })),
    );
  }
}
