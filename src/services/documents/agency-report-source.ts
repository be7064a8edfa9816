// An agency report's source: a signed-off contribution to a review (the record is the contribution request), read
// for those who may read that agency's part of the review (contribution.view on its agency; anyone else, and any
// report not signed off, is not found), composed in the document's language.
import { findRequest, requestSections } from '../../db/repositories/contributions-repository.ts';
import { findBoard } from '../../db/repositories/organisation-repository.ts';
import { findReview } from '../../db/repositories/reviews-repository.ts';
import { type AgencyReportDocument, agencyReportFileName, composeAgencyReport } from '../../documents/agency-report.ts';
import { can } from '../../domain/permissions.ts';
import type { ContributionKind } from '../../domain/reviews/contributions.ts';
import { notFound } from '../context.ts';
import type { DocumentSource } from './document-service.ts';

export const agencyReportSource: DocumentSource = {
  async compose(db, caller, requestId, language) {
    const request = await findRequest(db, requestId);
    const review = request ? await findReview(db, request.reviewId) : undefined;
    if (
      !request ||
      !review ||
      request.status !== 'signed_off' ||
      !can(caller.actor, 'contribution.view', { boardId: review.boardId, reviewId: review.id, agencyId: request.agencyId })
    )
      throw notFound('agency report');
    const board = await findBoard(db, review.boardId);
    if (!board) throw notFound('board');
    const doc: AgencyReportDocument = {
      board: { nameEn: board.nameEn, nameCy: board.nameCy },
      agency: { nameEn: request.agencyName.en, nameCy: request.agencyName.cy },
      reference: review.reference,
      kind: request.kind as ContributionKind,
      signedOffAt: request.signedOffAt,
      sections: await requestSections(db, request.id),
    };
    return {
      boardId: review.boardId,
      recordType: 'contribution',
      recordId: request.id,
      model: composeAgencyReport(doc, language),
      fileName: agencyReportFileName(doc, language),
      summary: { reviewId: review.id, agencyId: request.agencyId },
    };
  },
};
