// What the publication gates read of the documents to be published (issue 13 items 2, 3 and 4): whether the
// executive summary is approved in each language (R10), and whether information governance approved the
// anonymisation check of each publishable document's current text in each language (R7). Reads only, in the
// caller's transaction.
import type { Executor } from '../../db/transaction.ts';
import type { PublicationFacts } from '../../domain/publication/publication.ts';
import { anonymisationApproved } from './anonymisation-service.ts';
import { summaryApproval } from './summary-publishable.ts';

export async function documentApprovals(
  trx: Executor,
  reviewId: string,
): Promise<{ anonymisation: PublicationFacts['anonymisationApproved']; summary: PublicationFacts['summaryApproved'] }> {
  const approved = await summaryApproval(trx, reviewId);
  const checked = async (kind: 'summary' | 'report') => ({
    en: await anonymisationApproved(trx, reviewId, kind, 'en'),
    cy: await anonymisationApproved(trx, reviewId, kind, 'cy'),
  });
  return {
    anonymisation: { summary: await checked('summary'), report: await checked('report') },
    summary: { en: approved.en !== null, cy: approved.cy !== null },
  };
}
