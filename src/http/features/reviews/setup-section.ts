// The review page's section on setting the review up and keeping it current: the notifications its
// framework requires (due, or sent on a day with the letter to download), the referrals and children it
// covers (pseudonyms only, never identities), a joint review's boards, and the parallel proceedings.
import type { FastifyRequest } from 'fastify';
import { localName } from '../../../domain/organisation.ts';
import { pseudonymText } from '../../../domain/pseudonyms.ts';
import { isActiveReview } from '../../../domain/reviews/review-setup.ts';
import type { ReviewSetup } from '../../../services/review-setup-service.ts';
import { urls } from '../../../urls.ts';
import { displayDate } from '../../dates.ts';

export function setupSection(req: FastifyRequest, r: { boardId: string; reviewId: string; stage: string }, setup: ReviewSetup, canManage: boolean) {
  const t = req.t;
  const lang = req.lang;
  const { boardId, reviewId } = r;
  const manage = canManage && isActiveReview(r.stage);
  // This board by its name; the others by their codes (a board's name is its own directory data).
  const boardName = (id: string | null) => {
    const b = setup.joint.boards.find((x) => x.id === id);
    return b ? (b.id === boardId ? localName(b, lang) : b.code) : '';
  };
  return {
    manage,
    notifications: setup.notifications.map((n) => {
      const recipient = t(`review-setup:recipients.${n.requirement.recipient}`);
      return {
        recipient,
        sent: n.sent
          ? {
              text: t('review-setup:section.sentOn', { date: displayDate(t, n.sent.sentOn) }),
              by: n.sent.recordedByName ? t('review-setup:section.recordedBy', { name: n.sent.recordedByName }) : '',
              docx: urls.reviewNotificationLetterFile(boardId, reviewId, n.sent.id, 'docx'),
              pdf: urls.reviewNotificationLetterFile(boardId, reviewId, n.sent.id, 'pdf'),
            }
          : null,
        record: manage && !n.sent ? urls.reviewNotification(boardId, reviewId, n.requirement.id) : null,
      };
    }),
    children: setup.referrals.map((c) => ({
      child: pseudonymText(c.pseudonym, lang),
      received: displayDate(t, c.receivedOn),
      coverage: c.primary ? t('review-setup:section.own') : t('review-setup:section.linked', { date: displayDate(t, c.linkedAt) }),
      unlink: manage && !c.primary ? urls.reviewUnlinkReferral(boardId, reviewId, c.referralId) : null,
    })),
    link: manage ? urls.reviewLinkReferral(boardId, reviewId) : null,
    joint:
      setup.joint.partnerBoardIds.length > 0
        ? { boards: [boardId, ...setup.joint.partnerBoardIds].map(boardName).join(', '), lead: boardName(setup.joint.leadBoardId) }
        : null,
    jointChange: manage ? urls.reviewJoint(boardId, reviewId) : null,
    proceedings: setup.proceedings.map((p) => ({
      type: t(`referrals:proceedings.types.${p.proceedingType}`),
      status: t(`referrals:proceedings.statuses.${p.status}`),
      nextHearing: displayDate(t, p.nextHearingOn),
      concludedOn: displayDate(t, p.concludedOn),
      liaison: p.liaisonContact ?? '',
      changes: p.history.length,
      update: manage ? urls.reviewProceeding(boardId, reviewId, p.id) : null,
    })),
    addProceeding: manage ? urls.reviewNewProceeding(boardId, reviewId) : null,
  };
}
