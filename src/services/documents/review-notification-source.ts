// A review's notification letter's source (a notification the framework requires, once recorded): what it
// tells the recipient, read for those who may see the review (anyone else is told it does not exist),
// composed in the letter's language. The letter takes the children's pseudonyms and nothing else about them.
import { findBoard, listBoardNames } from '../../db/repositories/organisation-repository.ts';
import { coveredReferrals, findReviewNotification, jointReview } from '../../db/repositories/review-setup-repository.ts';
import { findReview } from '../../db/repositories/reviews-repository.ts';
import { composeNotificationLetter, type NotificationLetter, notificationLetterFileName } from '../../documents/review-notification-letter.ts';
import { getFramework } from '../../domain/frameworks/index.ts';
import { requiredNotifications } from '../../domain/frameworks/notifications.ts';
import { can } from '../../domain/permissions.ts';
import { notFound } from '../context.ts';
import type { DocumentSource } from './document-service.ts';

export const reviewNotificationSource: DocumentSource = {
  async compose(db, caller, notificationId, language) {
    const notification = await findReviewNotification(db, notificationId);
    const review = notification ? await findReview(db, notification.reviewId) : undefined;
    if (!notification || !review || !can(caller.actor, 'review.view', { boardId: review.boardId, reviewId: review.id })) throw notFound('notification');
    const requirement = requiredNotifications(review.frameworkId).find((n) => n.id === notification.requirement);
    if (!requirement) throw notFound('notification');
    const [board, referrals, joint] = await Promise.all([findBoard(db, review.boardId), coveredReferrals(db, review), jointReview(db, review.id)]);
    if (!board) throw notFound('board');
    const others =
      joint.partnerBoardIds.length > 0 ? await listBoardNames(db, [...joint.partnerBoardIds, ...(joint.leadBoardId ? [joint.leadBoardId] : [])]) : [];
    const lead = joint.leadBoardId === board.id ? board : others.find((b) => b.id === joint.leadBoardId);
    const framework = getFramework(review.frameworkId);
    const letter: NotificationLetter = {
      board: { nameEn: board.nameEn, nameCy: board.nameCy, code: board.code },
      reference: review.reference,
      recipient: requirement.recipient,
      purpose: requirement.purpose,
      framework: { nameEn: framework.name.en, nameCy: framework.name.cy },
      reviewType: review.reviewType === 'concise' || review.reviewType === 'extended' ? review.reviewType : null,
      decidedOn: review.decidedOn,
      sentOn: notification.sentOn,
      children: referrals.map((r) => r.pseudonym),
      joint:
        joint.partnerBoardIds.length > 0 && lead
          ? { partners: others.filter((b) => joint.partnerBoardIds.includes(b.id)), lead: { nameEn: lead.nameEn, nameCy: lead.nameCy } }
          : null,
    };
    return {
      boardId: review.boardId,
      recordType: 'review_notification',
      recordId: notificationId,
      model: composeNotificationLetter(letter, language),
      fileName: notificationLetterFileName(letter, language),
      summary: { reviewId: review.id, notificationId },
    };
  },
};
