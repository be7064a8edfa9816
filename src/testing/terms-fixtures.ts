// Terms of reference for tests: a version saved through the service, and approved as the panel chair's
// approval writes it (repositories), for fixtures that have no panel chair to sign in (the access matrix).
import type { Services } from '../container.ts';
import { approveTermsVersion, findTermsVersion, setTermsHead } from '../db/repositories/terms-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Caller } from '../services/context.ts';
import { as } from './case-fixtures.ts';

/** Version 1 of the review's terms with its purpose saved by `editor`, approved by `approverId`. */
export async function seedApprovedTerms(services: Services, opts: { boardId: string; reviewId: string; editor: Caller; approverId: string; purpose: string }) {
  await services.terms.saveSection(as(opts.editor, 'TERMS_OF_REFERENCE_SECTION_SAVED'), opts.boardId, opts.reviewId, {
    section: 'purpose',
    text: opts.purpose,
    revision: 0,
  });
  await inTransaction(services.db, async (trx) => {
    const version = await findTermsVersion(trx, opts.reviewId, 1);
    if (!version) throw new Error('version 1 was not saved');
    const at = services.clock.now().toISOString();
    await approveTermsVersion(trx, version.id, opts.approverId, at);
    await setTermsHead(trx, opts.reviewId, { latestVersion: 1, approvedVersion: 1 }, at);
  });
}
