// Early learning (issue 10 item 8; DOMAIN.md §1.3, R12): lessons are acted on without waiting for the report.
// At any stage the panel records a lesson and an immediate action for an agency — its lead agency, the owner
// (an action owner of that agency, who sees that action and nothing else of the review) and a target date —
// kept as an action of the review that the action plan (issue 12) extends and monitors. Pure.

// Where an action comes from, its statuses and who moves them: src/domain/actions/action.ts (issue 12).

/** The latest a target date may be set, from today: the board's two-year monitoring horizon (FAQ; DOMAIN.md §8.4). */
export const TARGET_HORIZON_DAYS = 2 * 366;

/** Why a target date is refused: before today, or beyond the monitoring horizon. */
export function targetDateProblem(targetOn: string, today: string, horizonEnd: string): 'earlyLearning.targetPast' | 'earlyLearning.targetTooFar' | undefined {
  if (targetOn < today) return 'earlyLearning.targetPast';
  if (targetOn > horizonEnd) return 'earlyLearning.targetTooFar';
  return undefined;
}
