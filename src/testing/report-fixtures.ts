// A review's report for tests: a CPR review moved to the stage a test needs (its events have no gates before
// submit_to_panel), and a report version drafted and submitted for QA by its author, through the services.
import type { Services } from '../container.ts';
import { hasHeldLearningEvent, insertLearningEvent } from '../db/repositories/learning-events-repository.ts';
import { insertRecommendation } from '../db/repositories/report-recommendations-repository.ts';
import {
  insertReportComment,
  insertReportVersion,
  lockReport,
  resolveReportComment,
  setReportHead,
  setReportVersionStatus,
} from '../db/repositories/report-repository.ts';
import { findReview } from '../db/repositories/reviews-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { initialReport, reportSections } from '../domain/reviews/report.ts';
import type { Caller } from '../services/context.ts';
import { newId } from '../services/context.ts';
import { as } from './case-fixtures.ts';

/**
 * Moves the review by each event in turn, as the business unit. Before hold_learning_event (whose gate is a
 * learning event recorded as held) a held learning event is written as its service writes one, if none is.
 */
export async function moveReview(services: Services, bu: Caller, boardId: string, reviewId: string, events: readonly string[]): Promise<void> {
  for (const event of events) {
    if (event === 'hold_learning_event' && !(await hasHeldLearningEvent(services.db.kysely, reviewId))) {
      const at = services.clock.now().toISOString();
      await insertLearningEvent(
        services.db.kysely,
        {
          id: newId(),
          reviewId,
          boardId,
          status: 'held',
          heldOn: services.clock.today(),
          startsAt: null,
          mode: 'in_person',
          venue: 'Board offices',
          createdBy: null,
        },
        at,
      );
    }
    await services.reviews.move(as(bu, 'REVIEW_MOVED'), boardId, reviewId, { event });
  }
}

/** A CPR review's events from its decision to drafting the reviewers' report. */
export const CPR_TO_DRAFTING = ['start_scoping', 'start_timeline', 'engage_family', 'hold_learning_event', 'draft_reviewer_report'] as const;

/** The author saves the sections given (each from its revision 0 on a first version) and submits the version for QA. */
export async function seedSubmittedReport(
  services: Services,
  opts: { boardId: string; reviewId: string; author: Caller; sections?: Record<string, string> },
): Promise<{ version: number }> {
  const sections = opts.sections ?? { circumstances: 'A brief outline of what happened to Child A.' };
  for (const [section, text] of Object.entries(sections)) {
    const opened = await services.report.section(as(opts.author, 'REPORT_SECTION_VIEWED'), opts.boardId, opts.reviewId, section);
    await services.report.saveSection(as(opts.author, 'REPORT_SECTION_SAVED'), opts.boardId, opts.reviewId, { section, text, revision: opened.revision });
  }
  const o = await services.report.overview(as(opts.author, 'REPORT_VIEWED'), opts.boardId, opts.reviewId);
  return services.report.submit(as(opts.author, 'REPORT_SUBMITTED'), opts.boardId, opts.reviewId, { version: o.current.version, revision: o.current.revision });
}

/**
 * For fixtures with no author to sign in (the access matrix): version 1 of the review's report submitted for QA,
 * a comment on its first section already resolved (so resolving it again changes nothing), and a review
 * recommendation without its target date — written as the services write them (repositories), by `personId`.
 */
export async function seedMatrixReport(
  services: Services,
  o: { boardId: string; reviewId: string; personId: string },
): Promise<{ versionId: string; commentId: string; recommendationId: string }> {
  return inTransaction(services.db, async (trx) => {
    const review = await findReview(trx, o.reviewId);
    if (!review) throw new Error('no such review');
    const at = services.clock.now().toISOString();
    const head = await lockReport(trx, { reviewId: o.reviewId, boardId: o.boardId }, at);
    const content = initialReport(review.frameworkId);
    const first = reportSections(review.frameworkId)[0]?.id ?? 'circumstances';
    content[first] = { text: 'The review’s first section.' };
    const versionId = newId();
    await insertReportVersion(trx, { id: versionId, reviewId: o.reviewId, version: 1, by: o.personId, at, content, revisions: {} });
    await setReportVersionStatus(trx, versionId, 'submitted', o.personId, at);
    await setReportHead(trx, o.reviewId, { ...head, latestVersion: 1, submittedVersion: 1 }, at);
    const commentId = newId();
    await insertReportComment(trx, { id: commentId, reviewId: o.reviewId, versionId, section: first, text: 'A comment on the section.', by: o.personId, at });
    await resolveReportComment(trx, o.reviewId, commentId, o.personId, at);
    const recommendationId = newId();
    await insertRecommendation(trx, {
      id: recommendationId,
      reviewId: o.reviewId,
      boardId: o.boardId,
      number: 1,
      text: 'Agencies share information sooner.',
      agencyId: null,
      personId: null,
      responsible: 'The board',
      targetOn: null,
      by: o.personId,
      at,
    });
    return { versionId, commentId, recommendationId };
  });
}
