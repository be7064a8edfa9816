// The anonymisation check's fixtures (issue 13 item 2): the next version of a review's report with the text given
// in its first section (submitted for QA, as the author's changes after a frozen version make one), written as
// the report service writes it (repositories), for tests of what the check scans; and the checklist answered whole.
import type { Services } from '../container.ts';
import { insertReportVersion, lockReport, setReportHead, setReportVersionStatus } from '../db/repositories/report-repository.ts';
import { findReview } from '../db/repositories/reviews-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { CHECKLIST } from '../domain/publication/checklist.ts';
import { initialReport, reportSections } from '../domain/reviews/report.ts';
import { newId } from '../services/context.ts';

/** The report's next version, its first section the text given (the rest empty), submitted; its number. */
export async function seedReportText(services: Services, o: { boardId: string; reviewId: string; personId: string; text: string }): Promise<number> {
  return inTransaction(services.db, async (trx) => {
    const review = await findReview(trx, o.reviewId);
    if (!review) throw new Error('no such review');
    const at = services.clock.now().toISOString();
    const head = await lockReport(trx, { reviewId: o.reviewId, boardId: o.boardId }, at);
    const content = initialReport(review.frameworkId);
    const first = reportSections(review.frameworkId)[0]?.id ?? 'circumstances';
    content[first] = { text: o.text };
    const version = head.latestVersion + 1;
    const versionId = newId();
    await insertReportVersion(trx, { id: versionId, reviewId: o.reviewId, version, by: o.personId, at, content, revisions: {} });
    await setReportVersionStatus(trx, versionId, 'submitted', o.personId, at);
    await setReportHead(trx, o.reviewId, { ...head, latestVersion: version, submittedVersion: version }, at);
    return version;
  });
}

/** Every checklist item answered "checked" (but the last, "not applicable", with a note). */
export function allAnswered(): Record<string, { answer: string; note: string }> {
  return Object.fromEntries(
    CHECKLIST.map((i, n) => [
      i.id,
      n === CHECKLIST.length - 1 ? { answer: 'not_applicable', note: 'No abuse of that kind is described.' } : { answer: 'checked', note: '' },
    ]),
  );
}
