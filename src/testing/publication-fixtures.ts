// Publication for tests (issue 13 item 4): a Child Practice Review at its publication preparation stage — its
// report accepted, its action plan accepted at a board meeting, sent to the Welsh Government — made through the
// services.
import type { Services } from '../container.ts';
import { insertBoardMeeting } from '../db/repositories/board-meetings-repository.ts';
import { openPublicationGates } from '../demo/publication-gates.ts';
import { type Caller, newId } from '../services/context.ts';
import { seedAcceptedReview } from './action-fixtures.ts';
import { allAnswered } from './anonymisation-fixtures.ts';
import { as } from './case-fixtures.ts';
import type { ReviewCallers } from './review-fixtures.ts';

export async function seedPreparingReview(services: Services, boardId: string, callers: ReviewCallers, agencyId: string) {
  const accepted = await seedAcceptedReview(services, boardId, callers, agencyId);
  const scope = { boardId, reviewId: accepted.review.id };
  await services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), scope, accepted.recommendationId, {
    action: 'Audit same-day referrals for six months.',
    leadAgencyId: agencyId,
    supportingAgencyIds: [],
    ownerName: 'Rhian Morgan',
    ownerEmail: `rhian.${newId().slice(0, 8)}@agency.example`,
    ownerLanguage: 'en',
    targetOn: '2027-06-30',
    successMeasure: 'Every referral made the same day.',
    completionEvidence: 'The audit report.',
    impactMeasure: 'A re-audit after six months.',
  });
  const meetingId = newId();
  await insertBoardMeeting(
    services.db.kysely,
    { id: meetingId, boardId, meetsOn: services.clock.today(), startsAt: '10:00', online: true, place: null, createdBy: null },
    services.clock.now().toISOString(),
  );
  await services.actionPlans.accept(as(callers.chair, 'ACTION_PLAN_ACCEPTED'), scope, { meetingId });
  for (const event of ['submit_to_welsh_government', 'prepare_publication'])
    await services.reviews.move(as(callers.bu, 'REVIEW_MOVED'), boardId, accepted.review.id, { event });
  return { ...accepted, scope };
}

/**
 * Every gate of a review at publication preparation opened through the services but the decision and the chair's
 * approval (src/demo/publication-gates.ts), with the tests' words.
 */
export async function openEveryGate(services: Services, scope: { boardId: string; reviewId: string }, bu: Caller, ig: Caller): Promise<void> {
  await openPublicationGates(services, scope, bu, ig, {
    section: (id, language) =>
      language === 'en' ? `Child A and the agencies: ${id.replace(/_/g, ' ')}.` : `Plentyn A a’r asiantaethau: ${id.replace(/_/g, ' ')}.`,
    acceptReason: 'Published with the family’s agreement.',
    answers: allAnswered(),
    familyMember: { fullName: 'Sian Test', relationship: 'Mother', language: 'en' },
  });
}
