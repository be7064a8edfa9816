// The review report's source: a version of a review's report (the record is the version), read for those who
// may read the report (report.view; anyone else is not found), composed in the document's language.
import { findBoard, listAgencies } from '../../db/repositories/organisation-repository.ts';
import { listRecommendations } from '../../db/repositories/report-recommendations-repository.ts';
import { findReportVersionById } from '../../db/repositories/report-repository.ts';
import { findReview } from '../../db/repositories/reviews-repository.ts';
import { composeReviewReport, type ReportDocument, reviewReportFileName } from '../../documents/review-report.ts';
import { can } from '../../domain/permissions.ts';
import { REPORT_TITLES, reportKindFor, reportSections } from '../../domain/reviews/report.ts';
import { notFound } from '../context.ts';
import type { DocumentSource } from './document-service.ts';

export const reviewReportSource: DocumentSource = {
  async compose(db, caller, versionId, language) {
    const version = await findReportVersionById(db, versionId);
    const review = version ? await findReview(db, version.reviewId) : undefined;
    if (!version || !review || !can(caller.actor, 'report.view', { boardId: review.boardId, reviewId: review.id })) throw notFound('report version');
    const [board, agencies, recommendations] = await Promise.all([
      findBoard(db, review.boardId),
      listAgencies(db, [review.boardId]),
      listRecommendations(db, review.id),
    ]);
    if (!board) throw notFound('board');
    const names = new Map(agencies.map((a) => [a.id, { nameEn: a.nameEn, nameCy: a.nameCy }]));
    const doc: ReportDocument = {
      board: { nameEn: board.nameEn, nameCy: board.nameCy },
      reference: review.reference,
      reportTitle: REPORT_TITLES[reportKindFor(review.frameworkId)],
      version: version.version,
      status: version.status,
      at: version.acceptedAt ?? version.qaAt ?? version.submittedAt ?? version.updatedAt,
      sections: reportSections(review.frameworkId),
      content: version.content,
      recommendations: recommendations.map((r) => ({
        number: r.number,
        text: r.text,
        agency: r.agencyId ? (names.get(r.agencyId) ?? null) : null,
        person: r.personName,
        responsible: r.responsible,
        targetOn: r.targetOn,
      })),
    };
    return {
      boardId: review.boardId,
      recordType: 'review_report_version',
      recordId: versionId,
      model: composeReviewReport(doc, language),
      fileName: reviewReportFileName(doc, language),
      summary: { reviewId: review.id, reportVersion: version.version },
    };
  },
};
