// The terms of reference's source: an approved version of a review's terms (the record is the version), read
// for those who may read the review's terms (review.terms_view: agencies' contributors included; anyone else,
// and any draft, is not found), composed in the document's language. The terms name the child only by pseudonym.
import { findBoard, listAgencies } from '../../db/repositories/organisation-repository.ts';
import { findReview } from '../../db/repositories/reviews-repository.ts';
import { findTermsVersionById } from '../../db/repositories/terms-repository.ts';
import { composeTermsOfReference, type TermsDocument, termsFileName } from '../../documents/terms-of-reference.ts';
import { getFramework } from '../../domain/frameworks/index.ts';
import { can } from '../../domain/permissions.ts';
import { notFound } from '../context.ts';
import type { DocumentSource } from './document-service.ts';

export const termsOfReferenceSource: DocumentSource = {
  async compose(db, caller, versionId, language) {
    const version = await findTermsVersionById(db, versionId);
    const review = version ? await findReview(db, version.reviewId) : undefined;
    if (!version || !review || version.status !== 'approved' || !can(caller.actor, 'review.terms_view', { boardId: review.boardId, reviewId: review.id }))
      throw notFound('terms of reference version');
    const [board, agencies] = await Promise.all([findBoard(db, review.boardId), listAgencies(db, [review.boardId])]);
    if (!board) throw notFound('board');
    const framework = getFramework(review.frameworkId);
    const doc: TermsDocument = {
      board: { nameEn: board.nameEn, nameCy: board.nameCy },
      reference: review.reference,
      framework: { nameEn: framework.name.en, nameCy: framework.name.cy },
      version: version.version,
      approvedAt: version.approvedAt ?? version.updatedAt,
      approvedByName: version.approvedByName ?? '',
      content: version.content,
      agencies: new Map(agencies.map((a) => [a.id, { nameEn: a.nameEn, nameCy: a.nameCy }])),
    };
    return {
      boardId: review.boardId,
      recordType: 'terms_of_reference',
      recordId: versionId,
      model: composeTermsOfReference(doc, language),
      fileName: termsFileName(doc, language),
      summary: { reviewId: review.id, termsVersion: version.version },
    };
  },
};
