// The management group's recommendation to the board chair, checked against the latest criteria analysis.

import { insertRecommendation, latestAssessment, type RecommendationRecord } from '../db/repositories/consideration-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { getFramework } from '../domain/frameworks/index.ts';
import { RECOMMENDATION_TEXT, textProblems } from '../domain/limits.ts';
import { can } from '../domain/permissions.ts';
import { departuresFromAnalysis, isDecided, LEARNING_ROUTES, type LearningRoute, type ReferralStatus } from '../domain/referrals/referral.ts';
import { type ConsiderationContext, conflict, referralFor } from './consideration-context.ts';
import { type Caller, forbidden, invalid, newId } from './context.ts';

export interface RecommendationInput {
  route: LearningRoute;
  reviewType: 'concise' | 'extended' | null;
  reasons: string;
  dissent: string | null;
}

export async function submitRecommendation(
  ctx: ConsiderationContext,
  caller: Caller,
  referralId: string,
  input: RecommendationInput,
): Promise<RecommendationRecord & { departsFromAnalysis: ('route' | 'type')[] }> {
  const errors: Record<string, string> = {};
  if (!LEARNING_ROUTES.includes(input.route)) errors.route = 'recommendation.routeRequired';
  // The reasons and dissent by the same rules as the page and the API (src/domain/limits.ts).
  Object.assign(errors, textProblems(RECOMMENDATION_TEXT, input));
  return inTransaction(ctx.db, async (trx) => {
    const referral = await referralFor(trx, caller, referralId);
    if (!can(caller.actor, 'recommendation.submit', { boardId: referral.boardId })) throw forbidden();
    const status = referral.status as ReferralStatus;
    if (isDecided(status)) throw conflict('recommendation.alreadyDecided');
    const assessment = await latestAssessment(trx, referralId);
    if (!assessment) throw conflict('recommendation.assessmentRequired');
    const framework = getFramework(assessment.frameworkId);
    // A review's type: the one given, else the one the analysis indicated.
    const reviewType = input.route === 'review' && framework.reviewTypes ? (input.reviewType ?? assessment.reviewType) : input.reviewType;
    if (input.route === 'review' && framework.reviewTypes && !reviewType) errors.reviewType = 'recommendation.reviewTypeRequired';
    if (input.route !== 'review' && input.reviewType) errors.reviewType = 'recommendation.reviewTypeOnlyForReview';
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const record: RecommendationRecord = {
      id: newId(),
      referralId,
      assessmentId: assessment.id,
      route: input.route,
      frameworkId: input.route === 'review' ? framework.id : null,
      reviewType: input.route === 'review' ? (reviewType ?? null) : null,
      reasons: input.reasons.trim(),
      dissent: input.dissent?.trim() || null,
      submittedBy: caller.actor?.personId ?? '',
      submittedAt: ctx.clock.now().toISOString(),
    };
    await insertRecommendation(trx, record);
    const departsFromAnalysis = departuresFromAnalysis(assessment, record);
    // Recommended to the chair through the referral's table (from "under consideration", or again while
    // the chair has not decided), in the state it was read in.
    await ctx.workflow.transition(trx, caller, {
      record: 'referral',
      id: referralId,
      event: 'recommend',
      from: status,
      // Where it departs from the analysis ('route', 'type'): codes, as the warning the group saw.
      summary: { recommendationId: record.id, assessmentId: assessment.id, departsFromAnalysis },
    });
    return { ...record, departsFromAnalysis };
  });
}
