// The board chair's challenge letter's source (the escalation ladder's letter rung): read for those who may see
// the review's action plan — the system's ladder job makes its first version when the rung fires —, composed in
// the letter's language from the challenge as it was logged (the target date and how late, that day) and the
// board chair in office. Anyone else is told it does not exist.
import { findChallenge } from '../../db/repositories/action-challenges-repository.ts';
import { findBoard } from '../../db/repositories/organisation-repository.ts';
import { findPersonRow } from '../../db/repositories/people-repository.ts';
import { findReview } from '../../db/repositories/reviews-repository.ts';
import { boardRoleHolders } from '../../db/repositories/role-grants-repository.ts';
import { type ChallengeLetter, challengeLetterFileName, composeChallengeLetter } from '../../documents/challenge-letter.ts';
import { can } from '../../domain/permissions.ts';
import { notFound } from '../context.ts';
import type { DocumentSource } from './document-service.ts';

export const challengeLetterSource: DocumentSource = {
  async compose(db, caller, challengeId, language) {
    const found = await db.selectFrom('action_challenges').select(['review_id', 'rung']).where('id', '=', challengeId).executeTakeFirst();
    const challenge = found && found.rung === 'chair_letter' ? await findChallenge(db, found.review_id, challengeId) : undefined;
    const review = challenge ? await findReview(db, challenge.reviewId) : undefined;
    // The system (the ladder's job, no person) composes the letter when the rung fires; a person needs the plan's view.
    const system = caller.actor === undefined;
    if (!challenge || !review || !(system || can(caller.actor, 'action.view', { boardId: review.boardId, reviewId: review.id }))) throw notFound('challenge');
    const board = await findBoard(db, review.boardId);
    if (!board) throw notFound('board');
    const chairId = (await boardRoleHolders(db, review.boardId, 'board_chair'))[0]?.id;
    const chair = chairId ? await findPersonRow(db, chairId) : undefined;
    const letter: ChallengeLetter = {
      board: { nameEn: board.nameEn, nameCy: board.nameCy },
      agency: challenge.agency,
      reference: review.reference,
      action: challenge.action,
      targetOn: challenge.targetOn,
      trigger: challenge.trigger,
      daysOverdue: challenge.daysOverdue,
      offTrackCycles: challenge.offTrackCycles,
      sentOn: challenge.firedOn,
      chair: chair ? { fullName: chair.full_name } : null,
    };
    return {
      boardId: review.boardId,
      recordType: 'action_challenge',
      recordId: challengeId,
      model: composeChallengeLetter(letter, language),
      fileName: challengeLetterFileName(review.reference, language),
      summary: { reviewId: review.id, actionId: challenge.actionId, challengeId },
    };
  },
};
