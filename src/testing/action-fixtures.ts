// Action plans for tests (issue 12): a Child Practice Review whose report the board chair has accepted, with one
// review recommendation, made through the services (author, panel chair's QA, board chair's acceptance); and a
// caller for a person after their roles changed (an owner appointed by the plan).
import type { Services } from '../container.ts';
import type { Actor } from '../domain/permissions.ts';
import type { Caller } from '../services/context.ts';
import { testAction } from './audit-actions.ts';
import { as } from './case-fixtures.ts';
import { CPR_TO_DRAFTING, moveReview, seedSubmittedReport } from './report-fixtures.ts';
import { type ReviewCallers, reviewRoleCaller, seedReview } from './review-fixtures.ts';

/** A person as a caller with the grants they hold now (signed in with two factors). */
export async function callerFor(services: Services, personId: string): Promise<Caller> {
  const loaded = await services.identity.loadActor(personId, true);
  if (!loaded) throw new Error('no such person');
  const actor: Actor = { personId, grants: loaded.grants, twoFactorSatisfied: true };
  return { actor, ip: '127.0.0.1', requestId: null, action: testAction('TEST') };
}

/** A CPR review at board acceptance with its report accepted and one review recommendation; its panel chair. */
export async function seedAcceptedReview(services: Services, boardId: string, callers: ReviewCallers, agencyId: string) {
  const review = await seedReview(services, boardId, callers, { frameworkId: 'CPR_2016' });
  await moveReview(services, callers.bu, boardId, review.id, CPR_TO_DRAFTING);
  const author = await reviewRoleCaller(services, 'author', boardId, review.id);
  const panelChair = await reviewRoleCaller(services, 'panel_chair', boardId, review.id);
  await seedSubmittedReport(services, {
    boardId,
    reviewId: review.id,
    author,
    sections: { circumstances: 'What happened.', review_recommendations: 'One review recommendation follows.' },
  });
  const recommendation = await services.report.saveRecommendation(as(author, 'REVIEW_RECOMMENDATION_ADDED'), boardId, review.id, {
    text: 'Share information at the first concern.',
    agencyId,
    personId: null,
    responsible: null,
    targetOn: '2027-06-30',
  });
  const move = (event: string) => services.reviews.move(as(callers.bu, 'REVIEW_MOVED'), boardId, review.id, { event });
  await move('submit_to_panel');
  await services.report.signOffQa(as(panelChair, 'REPORT_QA_SIGNED_OFF'), boardId, review.id, { version: 1 });
  await move('submit_to_board');
  await services.report.accept(as(callers.chair, 'REPORT_ACCEPTED'), boardId, review.id, { version: 1 });
  return { review, recommendationId: recommendation.id, panelChair, author };
}
