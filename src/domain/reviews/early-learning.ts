// Early learning (issue 10 item 8; DOMAIN.md §1.3, R12): lessons are acted on without waiting for the report.
// At any stage the panel records a lesson and an immediate action for an agency — its lead agency, the owner
// (an action owner of that agency, who sees that action and nothing else of the review) and a target date —
// kept as an action of the review that the action plan (issue 12) extends and monitors. Pure.

// Where an action comes from, its statuses and who moves them: src/domain/actions/action.ts (issue 12).

/** Early learning's messages for a target date's problems (the rule is the action plan's: targetProblem). */
export const EARLY_LEARNING_TARGET_KEYS = {
  required: 'earlyLearning.targetRequired',
  incomplete: 'earlyLearning.targetIncomplete',
  invalid: 'earlyLearning.targetInvalid',
  past: 'earlyLearning.targetPast',
  tooFar: 'earlyLearning.targetTooFar',
} as const;
