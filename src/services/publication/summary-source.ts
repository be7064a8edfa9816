// The executive summary's document source: an approved language version of a review's summary (the record is the
// version), read for those who may read the summary (summary.view; anyone else, any draft, and a language other
// than the version's are not found), composed in the version's own language with the plan's figures frozen with it.
import { findBoard } from '../../db/repositories/organisation-repository.ts';
import { findReview } from '../../db/repositories/reviews-repository.ts';
import { findSummaryVersionById } from '../../db/repositories/summary-repository.ts';
import { composeExecutiveSummary, type SummaryDocument, summaryFileName } from '../../documents/executive-summary.ts';
import { can } from '../../domain/permissions.ts';
import { notFound } from '../context.ts';
import type { DocumentSource } from '../documents/document-service.ts';

export const executiveSummarySource: DocumentSource = {
  async compose(db, caller, versionId, language) {
    const version = await findSummaryVersionById(db, versionId);
    const review = version ? await findReview(db, version.reviewId) : undefined;
    if (
      !version ||
      !review ||
      version.status !== 'approved' ||
      version.language !== language ||
      !can(caller.actor, 'summary.view', { boardId: review.boardId, reviewId: review.id })
    )
      throw notFound('executive summary version');
    const board = await findBoard(db, review.boardId);
    if (!board) throw notFound('board');
    const doc: SummaryDocument = {
      board: { nameEn: board.nameEn, nameCy: board.nameCy },
      reference: review.reference,
      language,
      version: version.version,
      approvedAt: version.approvedAt ?? version.updatedAt,
      approvedByName: version.approvedByName ?? '',
      content: version.content,
      figures: version.figures,
    };
    return {
      boardId: review.boardId,
      recordType: 'executive_summary_version',
      recordId: versionId,
      model: composeExecutiveSummary(doc),
      fileName: summaryFileName(doc),
      summary: { reviewId: review.id, language, summaryVersion: version.version },
    };
  },
};
