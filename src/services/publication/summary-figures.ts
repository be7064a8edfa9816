// The action plan's figures the executive summary's board statement quotes (issue 13 item 3): the review's line of
// the board's progress report (src/services/actions/progress-report-service.ts boardProgress, the rules of
// src/domain/actions/progress-report.ts — actions by status and RAG, overdue, impact evidenced, verified — never
// computed a second way), counted from the day the review was decided to today, with the plan's recommendations
// (the review's and the board's own, in order). Shown live beside the statement's editor while a version is a
// draft; frozen with a language version when it is approved.
import { listRecommendations } from '../../db/repositories/report-recommendations-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import type { Executor } from '../../db/transaction.ts';
import { emptyTally, type Tally } from '../../domain/actions/progress-report.ts';
import type { IsoDate } from '../../domain/clock/dates.ts';
import { completedOf, type SummaryFigures } from '../../domain/publication/summary.ts';
import { boardProgress } from '../actions/progress-report-service.ts';

/** The review's action-plan figures as they stand today. */
export async function planFigures(db: Executor, review: Pick<ReviewRow, 'id' | 'boardId' | 'decidedOn'>, today: IsoDate): Promise<SummaryFigures> {
  const from = review.decidedOn && review.decidedOn <= today ? (review.decidedOn as IsoDate) : today;
  const report = await boardProgress(db, review.boardId, { from, to: today }, today, 'en');
  const tally = report.reviews.find((r) => r.id === review.id) ?? emptyTally();
  return figuresOf(tally, await listRecommendations(db, review.id, 'all'), today);
}

/**
 * The figures of a review's line of the progress report and its plan's recommendations (either source), as of a
 * day: what approval freezes (the generator, src/generator/steps/summaries.ts, freezes its figures through this too).
 */
export function figuresOf(
  tally: Tally,
  recommendations: readonly { number: number; text: string; source: 'report' | 'board' }[],
  asOn: IsoDate,
): SummaryFigures {
  return {
    asOn,
    total: tally.total,
    statuses: { ...tally.statuses },
    rags: { ...tally.rags },
    overdue: tally.overdue,
    completed: completedOf(tally.statuses),
    impact: tally.impact,
    verified: tally.verified,
    recommendations: recommendations
      .map((r) => ({ number: r.number, text: r.text, source: r.source }))
      .sort((a, b) => (a.source === b.source ? a.number - b.number : a.source === 'report' ? -1 : 1)),
  };
}
