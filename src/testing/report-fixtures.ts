// A review's report for tests: a CPR review moved to the stage a test needs (its events have no gates before
// submit_to_panel), and a report version drafted and submitted for QA by its author, through the services.
import type { Services } from '../container.ts';
import type { Caller } from '../services/context.ts';
import { as } from './case-fixtures.ts';

/** Moves the review by each event in turn, as the business unit. */
export async function moveReview(services: Services, bu: Caller, boardId: string, reviewId: string, events: readonly string[]): Promise<void> {
  for (const event of events) await services.reviews.move(as(bu, 'REVIEW_MOVED'), boardId, reviewId, { event });
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
