// The decision letter's source: what the board chair's decision on a referral says, read for those who may see
// the referral (anyone else is told it does not exist), composed in the letter's language. The letter takes the
// child's pseudonym and nothing else about the child.
import { findDecision, findReviewByReferral, latestRecommendation } from '../../db/repositories/consideration-repository.ts';
import { findBoard } from '../../db/repositories/organisation-repository.ts';
import { findPersonRow } from '../../db/repositories/people-repository.ts';
import { findReferral } from '../../db/repositories/referrals-repository.ts';
import { composeDecisionLetter, type DecisionLetter, decisionLetterFileName } from '../../documents/decision-letter.ts';
import { getFramework } from '../../domain/frameworks/index.ts';
import { can } from '../../domain/permissions.ts';
import { notFound } from '../context.ts';
import type { DocumentSource } from './document-service.ts';

export const decisionLetterSource: DocumentSource = {
  async compose(db, caller, referralId, language) {
    const referral = await findReferral(db, referralId);
    if (!referral || !can(caller.actor, 'referral.view', { boardId: referral.boardId })) throw notFound('referral');
    const [board, decision, recommendation, review] = await Promise.all([
      findBoard(db, referral.boardId),
      findDecision(db, referralId),
      latestRecommendation(db, referralId),
      findReviewByReferral(db, referralId),
    ]);
    if (!board) throw notFound('board');
    if (!decision || !recommendation) throw notFound('decision');
    const chair = await findPersonRow(db, decision.decidedBy);
    const framework = decision.frameworkId ? getFramework(decision.frameworkId) : null;
    const letter: DecisionLetter = {
      board: { nameEn: board.nameEn, nameCy: board.nameCy, code: board.code },
      reference: review?.reference ?? null,
      pseudonym: referral.pseudonym,
      referralReceivedOn: referral.receivedOn,
      incidentOn: referral.incidentOn,
      decidedOn: decision.decidedOn,
      decision: decision.route,
      framework: framework ? { nameEn: framework.name.en, nameCy: framework.name.cy } : null,
      reviewType: decision.reviewType,
      agreesWithRecommendation: decision.agreesWithRecommendation,
      recommendation: { route: recommendation.route, reasons: recommendation.reasons },
      rationale: decision.rationale,
      chair: { fullName: chair?.full_name ?? '' },
      recipient: null,
    };
    return {
      boardId: referral.boardId,
      recordType: 'referral',
      recordId: referralId,
      model: composeDecisionLetter(letter, language),
      fileName: decisionLetterFileName(letter, language),
      summary: { decisionId: decision.id },
    };
  },
};
